// `ips-jobs completion <shell>`: the shells it writes a script for, shared by its definition (command.ts) and its work (run.ts).
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The one line that installs the script, for each shell. */
export const INSTALL_LINES: Readonly<Record<CompletionShell, string>> = {
  bash: "echo 'source <(ips-jobs completion bash)' >> ~/.bashrc",
  zsh: 'ips-jobs completion zsh > "${fpath[1]}/_ips-jobs"   (compinit in ~/.zshrc loads it)',
  fish: 'ips-jobs completion fish > ~/.config/fish/completions/ips-jobs.fish',
};
