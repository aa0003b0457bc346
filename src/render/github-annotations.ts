// `check -o github`: GitHub Actions workflow commands, escaped as GitHub's runner parses them, so no
// job name or message can end the command early or inject another one.

import { sanitizeForTerminal } from './sanitize.js';

/** Data (the message): %, CR and LF as the runner decodes them; other controls escaped, as the log view is a terminal. */
export function escapeData(text: string): string {
  return sanitizeForTerminal(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Properties (title=…): also : and , which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function workflowCommand(command: 'error' | 'warning' | 'notice', properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([name, value]) => `${name}=${escapeProperty(value)}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}\n`;
}
