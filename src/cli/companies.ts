// `ips-jobs companies`: its flags. The work is in companies-run.ts, loaded only when the command runs.
import type { Command } from 'commander';
import { COMPANY_COLUMNS } from '../render/company-columns.js';
import type { CommandContext } from './command-context.js';
import { outputOption, type OutputFormat } from './output-option.js';

export interface CompaniesFlags {
  output: OutputFormat;
  columns?: string;
  headers: boolean;
}

export function registerCompanies(program: Command, context: CommandContext): void {
  program
    .command('companies')
    .description('list the companies you can reach, with the name and handle --company takes')
    .addOption(outputOption())
    .option('--columns <list>', `columns to show (${COMPANY_COLUMNS.map((c) => c.id).join(', ')}; csv/tsv also take IPS field names)`)
    .option('--no-headers', 'leave out the header row (table, csv, tsv)')
    .action(async (flags: CompaniesFlags, command: Command) => {
      const { companiesAction } = await import('./companies-run.js');
      await companiesAction(flags, command, context);
    });
}
