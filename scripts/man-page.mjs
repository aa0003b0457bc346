// The man page, ips-jobs(1), in roff with the man macros: NAME, SYNOPSIS, DESCRIPTION, OPTIONS (the global ones),
// COMMANDS (each with its arguments and options, as the CLI defines them), EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES
// and SEE ALSO. The commands, their flags and the exit codes come from the CLI's own definitions
// (scripts/cli-definitions.mjs), the examples from the README's shell blocks (which test/docs runs); the prose of
// the other sections is written here. scripts/generate-commands-doc.mjs writes it to man/ips-jobs.1.

/**
 * Text as roff prints it literally: `\` is `\e`; every `-` is `\-`, the ASCII hyphen-minus, so that flags and
 * commands copied from the page work (a plain `-` may print as a typographic hyphen); any other character beyond
 * ASCII is named by its code point (`\[u2026]`), which needs no input encoding.
 */
export function escapeText(text) {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\e';
    else if (char === '-') out += '\\-';
    else if (code > 0x7e) out += `\\[u${code.toString(16).toUpperCase().padStart(4, '0')}]`;
    else out += char;
  }
  return out;
}

/** A text line that roff cannot take for a request: one that starts with `.` or `'` gets the zero-width `\&` first. */
export function textLine(roff) {
  return /^[.']/.test(roff) ? `\\&${roff}` : roff;
}

/**
 * A flag or a usage as the help writes it (`-o, --output <format>`, `[options] <job...>`) in the fonts of a man
 * page: flags bold, the values to put in italic, brackets of what is optional kept. `\fP` returns to the font
 * before, so the same text works in a bold heading.
 */
export function termText(term) {
  return term.replace(/<([^>]*)>|\[([^\]]*)\]|(?<![\w-])(--?[A-Za-z0-9][\w-]*)|([^<[-]+|.)/g, (_, value, optional, flag, text) => {
    if (value !== undefined) return `\\fI${escapeText(value)}\\fP`;
    if (optional !== undefined) return `[\\fI${escapeText(optional)}\\fP]`;
    if (flag !== undefined) return `\\fB${escapeText(flag)}\\fP`;
    return escapeText(text);
  });
}

/** `list the active jobs` → `List the active jobs.`: the help's fragments as the sentences of a page. */
function sentence(text) {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?:]$/.test(capital) ? capital : `${capital}.`;
}

/** A paragraph of prose: escaped, with `*bold*` for commands and flags and `_italic_` for what the reader fills in. */
function prose(text) {
  return textLine(escapeText(text).replace(/\*([^*]+)\*/g, '\\fB$1\\fP').replace(/(?<![\w\\])_([^_]+)_(?!\w)/g, '\\fI$1\\fP'));
}

/** Lines shown as they are (an example, a command), indented. */
function preformatted(lines) {
  return ['.RS 4', '.nf', ...lines.map((line) => textLine(escapeText(line))), '.fi', '.RE'];
}

/** The CLI's own text (a flag's description, a note of its help), printed as it is. */
function plain(text) {
  return textLine(escapeText(text));
}

/** `.TP` items: a tag and its description, both roff already. */
function items(entries) {
  return entries.flatMap(([tag, description]) => ['.TP', textLine(tag), description]);
}

/**
 * What a command's help adds after its options, as commander prints it: paragraphs, and blocks under a title line
 * (`Examples:`) whose indented lines are shown as they are.
 */
function helpNotes(text) {
  const out = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    const [first = '', ...rest] = lines;
    if (first.endsWith(':') && rest.length > 0 && rest.every((line) => /^\s/.test(line))) {
      const indent = Math.min(...rest.map((line) => /^\s*/.exec(line)?.[0].length ?? 0));
      out.push('.PP', plain(first), ...preformatted(rest.map((line) => line.slice(indent))));
    } else {
      out.push('.PP', plain(lines.map((line) => line.trim()).join(' ')));
    }
  }
  return out;
}

/** A command's subcommands as its help lists them, without the `help [command]` commander adds to a command that has some. */
export function subcommands(command) {
  return command
    .createHelp()
    .visibleCommands(command)
    .filter((sub) => command.commands.includes(sub));
}

/** `ips-jobs config show`: the command's name after each of its parents'. */
function commandPath(command) {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

function usageLine(command) {
  return `\\fB${escapeText(commandPath(command))}\\fP ${termText(command.usage())}`;
}

function commandSection(cli, command) {
  const help = command.createHelp();
  const aliases = command.aliases();
  const lines = [`.SS "${usageLine(command)}"`, plain(sentence(command.description()))];
  if (aliases.length > 0) lines.push(prose(`${aliases.length > 1 ? 'Aliases' : 'Alias'}: ${aliases.map((alias) => `*${commandPath(command.parent)} ${alias}*`).join(', ')}.`));
  lines.push(
    ...items(help.visibleArguments(command).map((argument) => [termText(help.argumentTerm(argument)), plain(help.argumentDescription(argument))])),
    // Every command's --help is said once, under OPTIONS.
    ...items(
      help
        .visibleOptions(command)
        .filter((option) => option.long !== '--help')
        .map((option) => [termText(help.optionTerm(option)), plain(help.optionDescription(option))]),
    ),
    ...helpNotes(cli.afterHelpText(command)),
  );
  for (const sub of subcommands(command)) lines.push(...commandSection(cli, sub));
  return lines;
}

/** Every command line the synopsis shows: a command with subcommands by its subcommands. */
function synopsisCommands(command) {
  return subcommands(command).flatMap((sub) => (subcommands(sub).length > 0 ? synopsisCommands(sub) : [sub]));
}

const DESCRIPTION = [
  '*ips-jobs* prints data on standard output and messages on standard error, says what went wrong in one line, and tells cron and CI what happened through its exit status (see EXIT STATUS).',
  'Every command that talks to IPS needs a username, a password and a company. Each setting is taken from the first of: a flag, the environment (see ENVIRONMENT), the selected profile of the config file (see FILES), the default. A password is never a flag value. *--demo* runs any command against a built-in IPS emulator with demo data, without an account.',
  'The global options under OPTIONS go with every command, before or after its name; each command’s own options are under COMMANDS. *ips-jobs* _command_ *--help* prints them for one command.',
];

/** The variables the config layer reads (src/config/env.ts), each described; the generator fails on one not here. */
const SETTING_VARIABLES = {
  IPS_JOBS_PROFILE: 'the profile of the config file to use (otherwise its defaultProfile)',
  IPS_JOBS_USERNAME: 'the IPS login e-mail',
  IPS_JOBS_PASSWORD: 'the IPS password. It is never a flag value: a password on the command line shows in process lists and shell history',
  IPS_JOBS_PASSWORD_FILE: 'a file holding the IPS password (a trailing newline is dropped)',
  IPS_JOBS_COMPANY: 'the company: a name, or a handle such as c|1234',
  IPS_JOBS_REGION: 'the IPS region: na, emea or apac (default na)',
  IPS_JOBS_STAGING: '1 for the staging host of the region, 0 for its production host',
  IPS_JOBS_ENDPOINT: 'the IPS service URL, or a host (https, the standard service path); it beats the region and staging',
  IPS_JOBS_CONFIG: 'the config file, instead of the one under XDG_CONFIG_HOME (see FILES)',
};

const OTHER_VARIABLES = [
  ['NO_COLOR', 'set and not empty: no colour, unless *--color* is given'],
  ['FORCE_COLOR', 'colour on, even in a pipe; 0 or false: colour off. NO_COLOR beats it, and *--color* and *--no-color* beat both. Colour is decided for stdout and stderr each'],
  ['TERM', 'when it is dumb, no colour unless FORCE_COLOR or *--color* says otherwise'],
  ['HTTPS_PROXY, https_proxy', 'the proxy https endpoints go through, http://host:port or https://host:port (with user:password@ for Basic authentication); https_proxy wins when both are set. Loopback and plain http endpoints never use it'],
  ['NO_PROXY, no_proxy', 'hosts reached directly, not through the proxy: entries separated by commas or spaces; * for every host; example.com or .example.com for that domain and its subdomains; host:port; IP addresses or CIDR ranges. no_proxy wins when both are set'],
  ['NODE_EXTRA_CA_CERTS', 'a PEM file of CA certificates to trust besides Node’s own, for every run (*--ca-file* does it for one)'],
  ['XDG_CONFIG_HOME', 'where the config file is looked for (default ~/.config; a relative path is ignored)'],
  ['XDG_CACHE_HOME', 'where the completion cache is kept (default ~/.cache)'],
];

const HOOK_VARIABLES =
  '*ips-jobs check --on-problem* runs its command with IPS_JOBS_EVENT (problem, realert or resolved), IPS_JOBS_RULE, IPS_JOBS_JOB_HANDLE, IPS_JOBS_JOB_NAME and IPS_JOBS_MESSAGE in its environment, and without IPS_JOBS_PASSWORD.';

const FILES = [
  [
    '\\fI$IPS_JOBS_CONFIG\\fP, else \\fI$XDG_CONFIG_HOME/ips\\-jobs/config.json\\fP, else \\fI~/.config/ips\\-jobs/config.json\\fP',
    'The config file (JSON): profiles, each with a login, a company and where to connect, and the defaultProfile. Make it mode 600 if it holds a password: one that others can read is warned about on every run, and refused with *--strict*.',
  ],
  [
    '\\fI$XDG_CACHE_HOME/ips\\-jobs/\\fP, else \\fI~/.cache/ips\\-jobs/\\fP',
    'The completion cache: the live job names shell completion offers, per target, kept for 30 seconds, in files of mode 600.',
  ],
  [
    '\\fIpath\\fP, \\fIpath\\fP.lock',
    'The state file of *check --state-file* _path_: the problems already reported and the progress of jobs, never credentials. Missing directories of the path are made (mode 700). _path_.lock is the lock a check holds on it while it runs, a directory.',
  ],
];

/**
 * The examples of the README's shell blocks that say what they do (a comment on their line or the line above):
 * the docs tests run them, so the page shows only what works. `npx ` is left out: the page is read where ips-jobs
 * is installed.
 */
export function readmeExamples(readme) {
  const examples = [];
  for (const block of readme.matchAll(/^```(?:sh|bash)\n([\s\S]*?)^```/gm)) {
    let comment;
    for (const line of (block[1] ?? '').split('\n')) {
      const own = /^#\s*(.+)$/.exec(line);
      if (own) {
        comment = own[1];
        continue;
      }
      // Not a command quoted inside another (`echo 'source <(ips-jobs completion bash)' >> ~/.bashrc`): the docs
      // tests run ips-jobs commands, and that one is text for a shell file.
      const quoted = /^[^'"]*['"][^'"]*\bips-jobs\b/.test(line);
      const command = quoted ? null : /^(.*\bips-jobs\b.*?)(?:\s+#\s*(.+))?$/.exec(line);
      const said = command?.[2] ?? comment;
      if (command && said) examples.push({ command: (command[1] ?? '').replace(/\bnpx (?=ips-jobs)/, '').trim(), description: said });
      comment = undefined;
    }
  }
  return examples;
}

function seeAlso(packageJson) {
  const docs = packageJson.homepage
    ? ['The README and the guides:', '.UR', packageJson.homepage, '.UE']
    : [prose(`The README, installed with ips-jobs: _$(npm root -g)/${packageJson.name}/README.md_.`)];
  return [
    '.BR crontab (5),',
    '.BR jq (1)',
    '.PP',
    prose('*ips-jobs help exit-codes*, *ips-jobs help times* (the forms of *--since*, *--until* and *--at*), and *ips-jobs* _command_ *--help*.'),
    '.PP',
    ...docs,
  ];
}

/** The whole page. `cli`: scripts/cli-definitions.mjs; `readme`: the README's text. */
export function renderManPage(cli, readme) {
  const { program, packageJson } = cli;
  const missing = cli.environment.filter((name) => !(name in SETTING_VARIABLES));
  if (missing.length > 0) throw new Error(`the man page does not describe ${missing.join(', ')}: add it to SETTING_VARIABLES in scripts/man-page.mjs`);
  const examples = readmeExamples(readme);
  if (examples.length === 0) throw new Error('no examples in the README: the man page takes those of its shell blocks that have a comment');

  const programHelp = program.createHelp();
  const flagFor = (name) => program.options.find((option) => !option.hidden && new RegExp(`\\b${name}\\b`).test(option.description ?? ''));
  const settingVariables = cli.environment.map((name) => {
    const flag = flagFor(name);
    return [`\\fB${escapeText(name)}\\fP`, prose(`${sentence(SETTING_VARIABLES[name])}${flag ? ` As *${flag.long}*.` : ''}`)];
  });
  const name = program.name();
  const precedence = cli.exitCodesText.trimEnd().split('\n\n').at(-1) ?? '';

  return [
    `.\\" Generated by \`npm run docs\` (scripts/generate-commands-doc.mjs) from the CLI's own definitions; do not edit by hand.`,
    `.TH ${escapeText(name.toUpperCase())} 1 "" "${escapeText(`${name} ${packageJson.version}`)}" "User Commands"`,
    // Neither hyphenated nor stretched to the right margin: commands and flags stay whole, as they are typed.
    '.nh',
    '.ad l',
    '.SH NAME',
    `${escapeText(name)} \\- ${escapeText(program.description().replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()))}`,
    '.SH SYNOPSIS',
    '.nf',
    `\\fB${escapeText(name)}\\fP [\\fIoptions\\fP] \\fIcommand\\fP [\\fIcommand options\\fP] [\\fIarguments\\fP]`,
    ...synopsisCommands(program).map(usageLine),
    '.fi',
    '.SH DESCRIPTION',
    plain(sentence(program.description())),
    ...DESCRIPTION.flatMap((paragraph) => ['.PP', prose(paragraph)]),
    '.SH OPTIONS',
    ...items(programHelp.visibleOptions(program).map((option) => [termText(programHelp.optionTerm(option)), plain(programHelp.optionDescription(option))])),
    '.SH COMMANDS',
    ...subcommands(program).flatMap((command) => commandSection(cli, command)),
    '.SH EXIT STATUS',
    ...items(cli.exitCodes.map(({ code, meaning }) => [`\\fB${code}\\fP`, plain(meaning)])),
    '.PP',
    plain(precedence),
    '.SH ENVIRONMENT',
    prose('A flag beats its variable, and a variable beats the config file. An empty variable counts as unset.'),
    ...items(settingVariables),
    ...items(OTHER_VARIABLES.map(([names, text]) => [names.split(', ').map((variable) => `\\fB${escapeText(variable)}\\fP`).join(', '), prose(sentence(text))])),
    '.PP',
    prose(HOOK_VARIABLES),
    '.SH FILES',
    ...items(FILES.map(([tag, text]) => [tag, prose(text)])),
    '.SH EXAMPLES',
    ...examples.flatMap(({ command, description }) => ['.PP', plain(`${sentence(description).replace(/\.$/, '')}:`), ...preformatted([command])]),
    '.SH SEE ALSO',
    ...seeAlso(packageJson),
    '',
  ].join('\n');
}
