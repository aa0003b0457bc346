// `ips-jobs companies`: the companies a user can reach, found without any company configured — the way a
// new user discovers the value for --company. Every format, the sort, and the hint on a terminal.
// Runs are in-process (runMain) but for the one on a terminal: a pseudo-terminal needs a process of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_USERS, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient } from '../../src/ips/client.js';
import type { CompanyMembership } from '../../src/ips/types.js';
import { runMain } from '../helpers/cli.js';
import { onTerminal, stripAnsi } from '../helpers/terminal.js';

let emulator: Emulator;
/** What IPS says about the user, read through the client: the expectation the CLI is held to. */
let memberships: CompanyMembership[];

const USER = { email: 'multi@example.com', password: 'multi-password' };

beforeAll(async () => {
  emulator = await startEmulator({
    speed: 0,
    jobs: 0,
    users: [
      ...DEMO_USERS,
      {
        ...USER,
        // Deliberately not in name order, and one membership no longer active.
        memberships: [
          { companyHandle: 'c|1003', role: 'IpsUser' },
          { companyHandle: 'c|1002', role: 'IpsUser', isActive: false },
          { companyHandle: 'c|1001', role: 'IpsCompanyAdmin' },
        ],
      },
    ],
  });
  const client = await createIpsClient({ endpoint: emulator.url, username: USER.email, password: USER.password, appVersion: 'test' });
  memberships = await client.getCompanyMembership();
  client.close();
  expect(memberships.map((m) => m.company?.name)).toEqual(['Northwind Media', 'Kestrel Outdoor', 'Demo Company']);
});

afterAll(async () => {
  await emulator.close();
});

/** No company anywhere: neither IPS_JOBS_COMPANY nor a config file (cleanEnv gives a fresh HOME). */
function env(extra: Record<string, string> = {}): Record<string, string> {
  return { IPS_JOBS_ENDPOINT: emulator.url, IPS_JOBS_USERNAME: USER.email, IPS_JOBS_PASSWORD: USER.password, ...extra };
}

function companies(args: string[], extra: Record<string, string> = {}) {
  return runMain(['companies', ...args], { env: env(extra) });
}

const sorted = () => ['Demo Company', 'Kestrel Outdoor', 'Northwind Media'].map((name) => memberships.find((m) => m.company?.name === name)!);

describe('without a company configured', () => {
  it('lists name, handle, role and whether active, sorted by name; no hint in a pipe', async () => {
    const result = await companies([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'NAME             HANDLE  ROLE             ACTIVE',
        'Demo Company     c|1001  IpsCompanyAdmin  yes',
        'Kestrel Outdoor  c|1002  IpsUser          no',
        'Northwind Media  c|1003  IpsUser          yes',
        '',
      ].join('\n'),
    );
  });

  it('a company that is configured is neither needed nor looked up', async () => {
    const result = await companies(['-o', 'json'], { IPS_JOBS_COMPANY: 'No Such Company' });
    expect(result.code).toBe(0);
    expect(emulator.stats.byOperation.getCompanyInfo ?? 0).toBe(0);
  });

  it('-o wide adds root path, expiry and IMS organisation', async () => {
    const result = await companies(['-o', 'wide']);
    expect(result.code).toBe(0);
    const [header, first] = result.stdout.split('\n');
    expect(header).toMatch(/^NAME\s+HANDLE\s+ROLE\s+ACTIVE\s+ROOT PATH\s+EXPIRES\s+IMS ORG$/);
    expect(first).toMatch(/^Demo Company\s+c\|1001\s+IpsCompanyAdmin\s+yes\s+DemoCompany\/\s+2101-01-31T23:00:00\.000-08:00\s+5A1C0B7E5C2D4A1F0A495E21@AdobeOrg$/);
  });

  it('-o json: schemaVersion and the memberships exactly as IPS described them, sorted by name', async () => {
    const result = await companies(['-o', 'json']);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, memberships: sorted() });
  });

  it('-o ndjson: one membership per line', async () => {
    const result = await companies(['-o', 'ndjson']);
    expect(result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual(sorted());
  });

  it('-o csv / tsv: IPS field names (nested as company.name), raw values; --columns and --no-headers', async () => {
    const csv = await companies(['-o', 'csv']);
    expect(csv.stdout.split('\n').slice(0, 3)).toEqual([
      'company.name,company.companyHandle,role,isActive,company.rootPath,company.expires,company.imsOrgId',
      'Demo Company,c|1001,IpsCompanyAdmin,true,DemoCompany/,2101-01-31T23:00:00.000-08:00,5A1C0B7E5C2D4A1F0A495E21@AdobeOrg',
      'Kestrel Outdoor,c|1002,IpsUser,false,KestrelOutdoor/,2101-01-31T23:00:00.000-08:00,7F3E2D1C0B9A8E7D0A495E22@AdobeOrg',
    ]);
    const tsv = await companies(['-o', 'tsv', '--columns', 'handle,company.name', '--no-headers']);
    expect(tsv.stdout).toBe('c|1001\tDemo Company\nc|1002\tKestrel Outdoor\nc|1003\tNorthwind Media\n');
  });

  it('works with --demo too', async () => {
    const result = await runMain(['companies', '--demo', '-o', 'json'], { env: {} });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).memberships.map((m: CompanyMembership) => m.company?.companyHandle)).toEqual(['c|1001', '47', 'c|1002']);
  });
});

describe('on a terminal', () => {
  it('after the table, one hint on how to use what it shows', async () => {
    const { code, screen } = await onTerminal(['companies', '--no-color'], env(), { columns: 100 });
    expect(code).toBe(0);
    const text = stripAnsi(screen);
    expect(text).toContain('Demo Company     c|1001  IpsCompanyAdmin  yes');
    expect(text.trimEnd().split(/\r?\n/).at(-1)).toBe("use --company 'Demo Company' or --company 'c|1001'");
  });
});

describe('bad input: exit 2, one line, before any request', () => {
  it.each([
    { args: ['--columns', 'name,colour'], says: /unknown column "colour"; valid columns: name, handle, role, active/ },
    { args: ['-o', 'xml'], says: /expected one of: table, wide, json, ndjson, csv, tsv/ },
    { args: ['extra-argument'], says: /too many arguments/ },
  ])('companies $args', async ({ args, says }) => {
    const before = emulator.stats.requests;
    const result = await companies(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(says);
    expect(emulator.stats.requests).toBe(before);
  });
});
