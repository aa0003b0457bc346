// The work of `ips-jobs companies` (loaded only when it runs): the companies the user can reach
// (getCompanyMembership), so they find the value for --company. Needs no company itself.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import type { CompanyMembership } from '../../ips/types.js';
import { sortMemberships } from '../../jobs/memberships.js';
import { COMPANY_COLUMNS, COMPANY_DEFAULT_COLUMNS, COMPANY_WIDE_COLUMNS } from '../../render/company-columns.js';
import type { RecordColumn } from '../../render/records.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { CommandContext } from '../shared/command-context.js';
import type { CompaniesFlags } from './options.js';
import { write, type IO, streamColors } from '../shared/io.js';
import { chooseColumns, writeRecords, type OutputFormat } from '../shared/output.js';
import type { Session } from '../shared/session.js';
import { startSpinner } from '../shared/spinner.js';

interface CompaniesOptions {
  output: OutputFormat;
  /** From --columns; absent = the format's own columns. */
  columns?: readonly RecordColumn<CompanyMembership>[];
  headers: boolean;
  color: boolean;
  colorStderr: boolean;
  session: Session;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The stderr hint after the table: how to use what it shows, with a company from it as the example. */
function companyHint(memberships: readonly CompanyMembership[]): string {
  const example = memberships.find((m) => m.isActive !== false && m.company?.name && m.company.companyHandle) ?? memberships[0];
  const name = example?.company?.name ?? '<name>';
  const handle = example?.company?.companyHandle ?? '<handle>';
  return sanitizeForTerminal(`use --company ${shellQuote(name)} or --company ${shellQuote(handle)}`);
}

/** The action of `ips-jobs companies`, run with the flags commander parsed. */
export async function companiesAction(flags: CompaniesFlags, command: Command, context: CommandContext): Promise<void> {
  const columns = flags.columns === undefined ? undefined : chooseColumns(flags.columns, COMPANY_COLUMNS, COMPANY_DEFAULT_COLUMNS);
  await context.runWithSession(command, { company: 'none' }, async (session, globals, io) =>
    runCompanies(
      {
        output: flags.output,
        columns,
        headers: flags.headers,
        ...streamColors(globals.color, io),
        session,
      },
      io,
    ),
  );
}

async function runCompanies(options: CompaniesOptions, io: IO): Promise<number> {
  const spinner = await startSpinner(io, 'Fetching companies…', options.colorStderr);
  let memberships: CompanyMembership[];
  try {
    memberships = sortMemberships(await options.session.client.getCompanyMembership());
  } finally {
    spinner.stop();
  }
  await writeRecords(io, memberships, {
    format: options.output,
    key: 'memberships',
    columns: options.columns ?? COMPANY_DEFAULT_COLUMNS,
    wideColumns: options.columns ?? COMPANY_WIDE_COLUMNS,
    headers: options.headers,
    color: options.color,
    rowStyle: (m, palette) => (m.isActive === false ? palette.dim : undefined),
    emptyMessage: `${options.session.username} is not a member of any company.`,
  });
  const human = options.output === 'table' || options.output === 'wide';
  if (human && io.stdoutIsTTY && memberships.length > 0) await write(io.stderr, `${companyHint(memberships)}\n`);
  return ExitCode.ok;
}
