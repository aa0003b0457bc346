// `ips-jobs config show|check`: the effective settings and where each came from; a live login check.
import { Option, type Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import { redactUrl } from '../../ips/redact.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { CommandContext } from '../shared/command-context.js';
import { write } from '../shared/io.js';
import { choiceOption } from '../shared/option-parsers.js';

function table(rows: Array<[string, string, string]>): string {
  const keyWidth = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  return rows
    .map(([key, value, source]) =>
      `${key.padEnd(keyWidth)}  ${source ? `${value.padEnd(valueWidth)}  (${source})` : value}`.trimEnd(),
    )
    .join('\n');
}

export function registerConfig(program: Command, context: CommandContext): void {
  const config = program.command('config').description('show or check the effective configuration');

  config
    .command('show')
    .description('print the effective settings and where each came from (password masked)')
    .addOption(new Option('-o, --output <format>', 'table or json').argParser(choiceOption(['table', 'json'] as const)).default('table'))
    .action(async (flags: { output: string }, command: Command) => {
      // Loaded here, not at start-up: only this command reads the settings without opening a session.
      const [{ describeSettings }, { runSettings }] = await Promise.all([import('../../config/index.js'), import('../shared/session.js')]);
      const settings = await runSettings(context.globals(command), context.io);
      const rows = describeSettings(settings);
      if (flags.output === 'json') {
        await write(context.io.stdout, `${JSON.stringify({ schemaVersion: 1, settings: rows }, null, 2)}\n`);
      } else {
        await write(context.io.stdout, `${table(rows.map((r) => [r.key, r.value, r.source]))}\n`);
      }
    });

  config
    .command('check')
    .description('log in (checkLogin), resolve the company, and report both')
    .action(async (_flags: unknown, command: Command) => {
      await context.runWithSession(command, { company: 'optional' }, async (session, _globals, io) => {
        const status = await session.checkLogin();
        await write(io.stdout, `login     ${session.username} at ${redactUrl(session.endpoint)}: ${sanitizeForTerminal(status) || '(no status)'}\n`);
        const company = session.company;
        // IPS answers ValidLogin or InvalidLogin (e.g. not a member of the company checked).
        if (!/^valid/i.test(status)) {
          const forCompany = company ? ` for company ${company.companyHandle}` : '';
          await write(io.stderr, `ips-jobs: IPS did not accept the login${forCompany} (${sanitizeForTerminal(status) || 'no status'}).\n`);
          return ExitCode.auth;
        }
        await write(io.stdout, `company   ${company ? `${company.name ? `${company.name} ` : ''}${company.companyHandle}` : '(not set)'}\n`);
        return ExitCode.ok;
      });
    });
}
