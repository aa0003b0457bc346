// When things go wrong: every fault of the emulator's plan, bad credentials, bad flags, missing
// configuration. Each run ends promptly with one clear line on stderr and the documented exit code.
// Runs are in-process (runMain) but for what needs a process: signals, the internal-error hook (it reads the
// process's environment), and bin/ips-jobs.js's own answers to --version and --help.
import { writeFileSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { runCli, runMain, startCli, until, type CliResult } from '../helpers/cli.js';

let emulator: Emulator;
const PASSWORD = 'pw-Zq8#unique-7731';

beforeAll(async () => {
  emulator = await startEmulator({
    speed: 0,
    users: [
      {
        email: DEMO_CREDENTIALS.username,
        password: PASSWORD,
        memberships: [{ companyHandle: 'c|1001', role: 'IpsCompanyAdmin' }],
      },
    ],
  });
});

afterEach(() => {
  emulator.faults.clear();
});

afterAll(async () => {
  await emulator.close();
});

function env(extra: Record<string, string | undefined> = {}) {
  return {
    IPS_JOBS_ENDPOINT: emulator.url,
    IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
    IPS_JOBS_PASSWORD: PASSWORD,
    IPS_JOBS_COMPANY: 'c|1001',
    ...extra,
  };
}

/** One line on stderr, starting with our name, no stack trace, nothing on stdout. */
function expectOneLine(result: CliResult): string {
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ips-jobs: /);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain(PASSWORD);
  return lines[0]!;
}

describe('the service fails: exit 5, one line, no hang', () => {
  it.each([
    { plan: 'getActiveJobs:status=500', says: /empty response \(HTTP 500\)/ },
    { plan: 'getActiveJobs:status=502', says: /empty response \(HTTP 502\)/ },
    { plan: 'getActiveJobs:status=503', says: /empty response \(HTTP 503\)/ },
    { plan: 'getActiveJobs:html=200', says: /an HTML page instead of a SOAP response \(HTTP 200\)/ },
    { plan: 'getActiveJobs:html=502', says: /an HTML page instead of a SOAP response \(HTTP 502\)/ },
    { plan: 'getActiveJobs:fault=ipsApi', says: /IPS rejected the request \(getActiveJobs\): .*ipsApiFault 30000/ },
    { plan: 'getActiveJobs:fault=ipsApi/200', says: /IPS rejected the request \(getActiveJobs\): .*ipsApiFault 30000/ },
    { plan: 'getActiveJobs:malformed', says: /not well-formed XML/ },
    { plan: 'getActiveJobs:truncated', says: /truncated/ },
    { plan: 'getActiveJobs:reset', says: /cannot reach 127\.0\.0\.1:\d+ \(getActiveJobs\): connection reset/ },
    { plan: 'getActiveJobs:hang', says: /no complete answer within 1s\. .*--request-timeout/ },
    { plan: 'getActiveJobs:latency=3000', says: /no complete answer within 1s/ },
  ])('$plan', async ({ plan, says }) => {
    emulator.faults.set(plan);
    const started = Date.now();
    const result = await runMain(['list', '--request-timeout', '1s'], { env: env() });
    expect(result.code).toBe(5);
    expect(expectOneLine(result)).toMatch(says);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an unreachable endpoint', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const result = await runMain(['list'], { env: env({ IPS_JOBS_ENDPOINT: `http://127.0.0.1:${port}/` }) });
    expect(result.code).toBe(5);
    expect(expectOneLine(result)).toMatch(/cannot reach 127\.0\.0\.1:\d+ \(getActiveJobs\): connection refused/);
  });

  it('--debug adds a trace of the exchange and the stack, still without the password', async () => {
    emulator.faults.set('getActiveJobs:html=502');
    const result = await runMain(['list', '--debug'], { env: env() });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/debug: getActiveJobs http:\/\/127\.0\.0\.1:\d+\/scene7\/services\/IpsApiService HTTP 502/);
    expect(result.stderr).toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain(PASSWORD);
  });
});

describe('authentication and authorisation: exit 4', () => {
  it('a wrong password', async () => {
    const result = await runMain(['list'], { env: env({ IPS_JOBS_PASSWORD: 'wrong-password' }) });
    expect(result.code).toBe(4);
    expect(expectOneLine(result)).toMatch(/login refused by 127\.0\.0\.1:\d+: Invalid username\/password \(authenticationFault 10001\)/);
    expect(result.stderr).not.toContain('wrong-password');
  });

  it.each([
    { plan: 'getActiveJobs:fault=authentication', says: /authenticationFault 10001/ },
    { plan: 'getActiveJobs:fault=authorization/200', says: /not authorised \(getActiveJobs\): .*authorizationFault 20003/ },
  ])('$plan', async ({ plan, says }) => {
    emulator.faults.set(plan);
    const result = await runMain(['list'], { env: env() });
    expect(result.code).toBe(4);
    expect(expectOneLine(result)).toMatch(says);
  });
});

describe('configuration: exit 78', () => {
  it('no credentials and no --demo: says exactly what to set, in one line', async () => {
    const result = await runMain(['list'], { env: {} });
    expect(result.code).toBe(78);
    expect(expectOneLine(result)).toBe(
      'ips-jobs: no username, password or company: set IPS_JOBS_USERNAME, IPS_JOBS_PASSWORD (or IPS_JOBS_PASSWORD_FILE) and IPS_JOBS_COMPANY, ' +
        'pass --username, --password-file (or --password-stdin) and --company, or add "username", "password" (or "passwordFile") and "company" ' +
        'to a profile in ~/.config/ips-jobs/config.json and select it with --profile, IPS_JOBS_PROFILE or "defaultProfile"',
    );
  });

  it('a password alone missing, from a profile: one line naming the profile', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ips-jobs-errors-'));
    const config = path.join(home, 'config.json');
    writeFileSync(config, JSON.stringify({ defaultProfile: 'prod', profiles: { prod: { username: 'ops@example.com', company: 'c|1001' } } }), { mode: 0o600 });
    const result = await runMain(['list'], { env: { IPS_JOBS_ENDPOINT: emulator.url, IPS_JOBS_CONFIG: config } });
    expect(result.code).toBe(78);
    expect(expectOneLine(result)).toBe(
      `ips-jobs: no password: set IPS_JOBS_PASSWORD (or IPS_JOBS_PASSWORD_FILE), pass --password-file (or --password-stdin), or add "password" (or "passwordFile") to profile "prod" in ${config}`,
    );
  });

  it('a bad region from the environment', async () => {
    const result = await runMain(['list'], { env: env({ IPS_JOBS_ENDPOINT: undefined, IPS_JOBS_REGION: 'mars' }) });
    expect(result.code).toBe(78);
    expect(expectOneLine(result)).toContain('invalid region "mars" from IPS_JOBS_REGION');
  });

  it('a missing password file', async () => {
    const result = await runMain(['list', '--password-file', '/nonexistent/pw'], { env: env({ IPS_JOBS_PASSWORD: undefined }) });
    expect(result.code).toBe(2);
    expect(expectOneLine(result)).toContain('/nonexistent/pw');
  });
});

describe('an internal error (a bug of ips-jobs): exit 70', () => {
  // IPS_JOBS_TEST_INTERNAL_ERROR (docs/development.md) makes one on purpose, and only together with --debug.
  it('is one line asking for a report with the --debug output; --debug adds the stack', async () => {
    const result = await runCli(['list', '--debug'], { env: env({ IPS_JOBS_TEST_INTERNAL_ERROR: '1' }) });
    expect(result.code).toBe(70);
    expect(result.stdout).toBe('');
    const [first, ...rest] = result.stderr.trimEnd().split('\n');
    expect(first).toBe(
      'ips-jobs: internal error: IPS_JOBS_TEST_INTERNAL_ERROR is set (a test of how an internal error is reported). This is a bug of ips-jobs: please report it with the output of the same command run with --debug.',
    );
    expect(rest.join('\n')).toMatch(/^\s+at /m);
  });

  it('the test hook does nothing without --debug', async () => {
    const result = await runCli(['list', '-o', 'json'], { env: env({ IPS_JOBS_TEST_INTERNAL_ERROR: '1' }) });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).schemaVersion).toBe(1);
  });
});

describe('usage errors: exit 2', () => {
  it.each([
    { args: ['list', '-o', 'xml'], says: /option '-o, --output <format>' argument 'xml' is invalid\. expected one of: table, wide, json, ndjson, csv, tsv/ },
    { args: ['list', '--frobnicate'], says: /unknown option '--frobnicate'/ },
    { args: ['lsit'], says: /unknown command 'lsit'/ },
    { args: ['list', '--request-timeout', '5 parsecs'], says: /invalid duration/ },
    { args: ['list', '--max-response-size', 'lots'], says: /expected a size/ },
    { args: ['list', '--sort', 'colour'], says: /colour/ },
    { args: ['list', '--columns', 'name,colour'], says: /colour/ },
    { args: ['list', '--region', 'mars'], says: /invalid region "mars" from --region/ },
    { args: ['list', '--stall-timeout', 'soon'], says: /invalid duration "soon"/ },
  ])('$args', async ({ args, says }) => {
    const result = await runMain(args, { env: env() });
    expect(result.code).toBe(2);
    expect(expectOneLine(result)).toMatch(says);
  });

  it('--password is refused without echoing the value', async () => {
    const result = await runMain(['list', '--password', PASSWORD], { env: env() });
    expect(result.code).toBe(2);
    expect(expectOneLine(result)).toContain('--password is not accepted');
  });

  it('a bare `ips-jobs` shows the help on stderr', async () => {
    const result = await runMain([], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: ips-jobs');
  });
});

describe('passwords from files and stdin, never in output', () => {
  it('--password-file (trailing newline dropped)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-pw-'));
    const file = path.join(dir, 'pw');
    writeFileSync(file, `${PASSWORD}\n`, { mode: 0o600 });
    const result = await runMain(['list', '-o', 'json', '--password-file', file], { env: env({ IPS_JOBS_PASSWORD: undefined }) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).jobs.length).toBeGreaterThan(0);
  });

  it('--password-stdin', async () => {
    const result = await runMain(['list', '-o', 'json', '--password-stdin'], {
      env: env({ IPS_JOBS_PASSWORD: undefined }),
      input: `${PASSWORD}\n`,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).jobs.length).toBeGreaterThan(0);
  });

  it('appears in no output of any format, of config show, or of a --debug run', async () => {
    const runs = await Promise.all([
      ...['table', 'wide', 'json', 'ndjson', 'csv', 'tsv'].map((output) => runMain(['list', '-o', output, '--debug'], { env: env() })),
      runMain(['config', 'show'], { env: env() }),
      runMain(['config', 'show', '-o', 'json'], { env: env() }),
      runMain(['config', 'check', '--debug'], { env: env() }),
    ]);
    for (const result of runs) {
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    }
  });
});

describe('config', () => {
  it('config show says where each setting came from and masks the password', async () => {
    const result = await runMain(['config', 'show', '--region', 'emea'], { env: env({ IPS_JOBS_ENDPOINT: undefined }) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^username\s+demo@ips-jobs\.example\s+\(IPS_JOBS_USERNAME\)$/m);
    expect(result.stdout).toMatch(/^password\s+\*{8}\s+\(IPS_JOBS_PASSWORD\)$/m);
    expect(result.stdout).toMatch(/^region\s+emea\s+\(--region\)$/m);
    expect(result.stdout).toMatch(/^company\s+c\|1001 \(handle\)\s+\(IPS_JOBS_COMPANY\)$/m);
  });

  it('config check logs in and resolves the company', async () => {
    const result = await runMain(['config', 'check'], { env: env({ IPS_JOBS_COMPANY: 'Demo Company' }) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^login\s+demo@ips-jobs\.example at http:\/\/127\.0\.0\.1:\d+\/scene7\/services\/IpsApiService: ValidLogin$/m);
    expect(result.stdout).toMatch(/^company\s+Demo Company c\|1001$/m);
  });

  it('config check without a company still checks the login', async () => {
    const result = await runMain(['config', 'check'], { env: env({ IPS_JOBS_COMPANY: undefined }) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: ValidLogin$/m);
    expect(result.stdout).toMatch(/^company\s+\(not set\)$/m);
  });

  it('config check with a wrong password is refused (4)', async () => {
    const result = await runMain(['config', 'check'], { env: env({ IPS_JOBS_PASSWORD: 'nope' }) });
    expect(result.code).toBe(4);
    expect(expectOneLine(result)).toContain('authenticationFault 10001');
  });
});

describe('signals', () => {
  it.each([
    { name: 'SIGINT' as const, code: 130 },
    { name: 'SIGTERM' as const, code: 143 },
  ])('$name during a request that hangs ends the run with $code', async ({ name, code }) => {
    emulator.faults.set('getActiveJobs:hang');
    const before = emulator.stats.byOperation.getActiveJobs ?? 0;
    const cli = startCli(['list'], { env: env() });
    // The signal once the request has reached the emulator (which then never answers it), not after a guessed time.
    await until(() => (emulator.stats.byOperation.getActiveJobs ?? 0) > before || cli.exited(), 10_000, 'the hanging request');
    cli.kill(name);
    const result = await cli.result;
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('help and version', () => {
  it('help exit-codes prints the table', async () => {
    const result = await runMain(['help', 'exit-codes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^\s+78\s+configuration missing or invalid, or this machine's setup \(an address it cannot listen on, output it cannot write\); also an incomplete installation \(a checkout not built: npm ci\)$/m,
    );
    expect(result.stdout).toMatch(/^\s+75\s+temporary: try again later \(another check holds the state file lock; another process listens on the port\)$/m);
    expect(result.stdout).toMatch(/^\s+124\s+--timeout reached$/m);
  });

  it('--version prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('list --help documents the flags', async () => {
    const result = await runCli(['list', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--output', '--state', '--type', '--name', '--user', '--sort', '--columns', '--no-headers', '--no-waiting']) {
      expect(result.stdout).toContain(flag);
    }
  });
});

describe('--demo', () => {
  it('runs against the in-process emulator with no configuration at all', async () => {
    const result = await runMain(['list', '--demo', '-o', 'json'], { env: {} });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.company).toEqual({ companyHandle: 'c|1001', name: 'Demo Company' });
    expect(doc.jobs.length).toBeGreaterThan(0);
  });
});
