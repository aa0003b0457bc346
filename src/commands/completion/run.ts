// `ips-jobs completion <shell>`: the scripts. Each is thin, as Cobra's are (gh, kubectl): it hands the command line
// up to the cursor to `ips-jobs __complete <shell>` and offers what comes back, one candidate a line, then
// `:<directive>` (`:0` file names when there is no candidate; engine.ts).
import type { CommandContext } from '../shared/command-context.js';
import { write } from '../shared/io.js';
import { INSTALL_LINES, type CompletionShell } from './options.js';

// Bash: the line up to the cursor and COMP_WORDBREAKS, so the CLI can answer with the part bash replaces (after a
// `:` of a job name, say) already quoted. Read line by line: no word splitting or globbing of a name with spaces or *.
const BASH = `# bash completion for ips-jobs. Install: ${INSTALL_LINES.bash}
_ips_jobs() {
    local line
    local -a lines=()
    while IFS= read -r line; do lines+=("$line"); done < <(ips-jobs __complete bash "\${COMP_LINE:0:COMP_POINT}" "$COMP_WORDBREAKS" 2>/dev/null)
    COMPREPLY=()
    local n=\${#lines[@]}
    [ "$n" -gt 0 ] || return 0
    [ "\${lines[n-1]}" = ":0" ] && compopt -o default 2>/dev/null
    COMPREPLY=("\${lines[@]:0:n-1}")
}
complete -F _ips_jobs ips-jobs
`;

// zsh: the buffer left of the cursor; _describe shows each value with its description and quotes what it inserts.
const ZSH = `#compdef ips-jobs
# zsh completion for ips-jobs. Install: ${INSTALL_LINES.zsh}
_ips-jobs() {
    local -a lines candidates
    lines=("\${(@f)$(ips-jobs __complete zsh "$LBUFFER" 2>/dev/null)}")
    [[ \${lines[-1]} == :<-> ]] || return 1
    candidates=("\${(@)lines[1,-2]}")
    if (( \${#candidates} )); then
        _describe -t values ips-jobs candidates
    elif [[ \${lines[-1]} == :0 ]]; then
        _files
    fi
}
if [[ "\${funcstack[1]}" == _ips-jobs ]]; then
    _ips-jobs "$@"
else
    compdef _ips-jobs ips-jobs
fi
`;

// fish: the current process up to the cursor; fish matches and quotes the values itself.
const FISH = `# fish completion for ips-jobs. Install: ${INSTALL_LINES.fish}
function __ips_jobs_complete
    set -l lines (ips-jobs __complete fish (commandline -cp | string collect) 2>/dev/null)
    set -q lines[1]; or return
    set -l directive $lines[-1]
    set -e lines[-1]
    if test (count $lines) -eq 0; and test "$directive" = ":0"
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\\n' $lines
end
complete -c ips-jobs -f -a '(__ips_jobs_complete)'
`;

const SCRIPTS: Readonly<Record<CompletionShell, string>> = { bash: BASH, zsh: ZSH, fish: FISH };

export async function completionAction(shell: CompletionShell, context: CommandContext): Promise<void> {
  await write(context.io.stdout, SCRIPTS[shell]);
}
