// A person at a terminal: a shell command line run on a pseudo-terminal made by script(1), answering a question.
import { execFile, spawn } from 'node:child_process';
import { BIN, cleanEnv } from './cli.js';

export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The shell command line that runs the built CLI with these arguments. */
export function cliCommandLine(...args: string[]): string {
  return `${shellQuote(process.execPath)} ${shellQuote(BIN)} ${args.map(shellQuote).join(' ')}`;
}

/** Runs `commandLine` on a pseudo-terminal; types `answer` (Ctrl-C as itself, else with Return) once a `[y/N] ` question is on screen. */
export function runAtTerminal(commandLine: string, answer: string, env: Record<string, string>): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', commandLine, '/dev/null'], {
      env: cleanEnv({ TERM: 'dumb', ...env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let answered = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (!answered && screen.includes('[y/N] ')) {
        answered = true;
        child.stdin.write(answer.startsWith('\u0003') ? answer : `${answer}\r`);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

/**
 * Runs the built CLI with stdin, stdout and stderr on a pseudo-terminal `columns` wide (script(1), TERM=xterm-256color
 * unless `env` says otherwise); resolves with its exit code and the screen's bytes once it ends.
 */
export function onTerminal(
  args: string[],
  env: Record<string, string | undefined>,
  { columns = 160, timeoutMs = 15_000 }: { columns?: number; timeoutMs?: number } = {},
): Promise<{ code: number; screen: string }> {
  const command = `stty cols ${columns} rows 40; ${cliCommandLine(...args)}`;
  return new Promise((resolve, reject) => {
    execFile('script', ['-qec', command, '/dev/null'], { env: cleanEnv({ TERM: 'xterm-256color', ...env }), timeout: timeoutMs }, (error, stdout) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, screen: stdout });
    });
  });
}

/** The screen's text without its CSI escape sequences (colours, cursor moves). */
export const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
