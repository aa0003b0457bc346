// `ips-jobs companies`: its flags. The work is in run.ts, loaded only when the command runs.
import { Option, type Command } from 'commander';
import { COMPANY_COLUMNS } from '../../render/company-columns.js';
import type { CommandContext } from '../shared/command-context.js';
import { offer } from '../shared/completion-values.js';
import { outputOption } from '../shared/output-option.js';
import { type CompaniesFlags } from './options.js';

export function registerCompanies(program: Command, context: CommandContext): void {
  program
    .command('companies')
    .description('list the companies you can reach, with the name and handle --company takes')
    .addOption(outputOption())
    .addOption(
      offer(new Option('--columns <list>', `columns to show (${COMPANY_COLUMNS.map((c) => c.id).join(', ')}; csv/tsv also take IPS field names)`), {
        words: COMPANY_COLUMNS.map((c) => c.id),
        list: true,
      }),
    )
    .option('--no-headers', 'leave out the header row (table, csv, tsv)')
    .action(async (flags: CompaniesFlags, command: Command) => {
      const { companiesAction } = await import('./run.js');
      await companiesAction(flags, command, context);
    });
}
