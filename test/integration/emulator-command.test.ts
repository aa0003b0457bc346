// `ips-jobs emulator` in the foreground, used by another ips-jobs process; and the package's own exports.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, cleanEnv, runCli } from '../helpers/cli.js';

describe('ips-jobs emulator', () => {
  it('prints its endpoint and demo credentials, serves list, and stops on SIGINT with 130', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--speed', '0', '--jobs', '6', '--seed', '3'], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let banner = '';
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${banner}`)), 10_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        banner += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(banner);
        if (match && banner.includes('Stop with Ctrl-C')) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(banner).toMatch(/^username: demo@ips-jobs\.example$/m);
    expect(banner).toMatch(/^password: demo-password/m);

    const result = await runCli(['list', '-o', 'json'], {
      env: { IPS_JOBS_ENDPOINT: endpoint, IPS_JOBS_USERNAME: 'demo@ips-jobs.example', IPS_JOBS_PASSWORD: 'demo-password', IPS_JOBS_COMPANY: 'Demo Company' },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).jobs.length).toBeGreaterThan(0);

    child.kill('SIGINT');
    expect(await exited).toBe(130);
  });

  it('rejects a fault plan it cannot read (2)', async () => {
    const result = await runCli(['emulator', '--port', '0', '--faults', 'getActiveJobs:explode']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ips-jobs: .*--faults: .*explode/);
  });
});

describe('ips-jobs emulator, an address it cannot listen on: one line, not an internal error', () => {
  it('a port another process holds: exit 75', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const result = await runCli(['emulator', '--port', String(port)]);
      expect(result.code).toBe(75);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`ips-jobs: cannot listen on 127.0.0.1:${port} (--host/--port): another process is listening there; stop it or give another port\n`);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('a host that is not an address of this machine: exit 78', async () => {
    const result = await runCli(['emulator', '--host', '192.0.2.1', '--port', '8080']);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'ips-jobs: cannot listen on 192.0.2.1:8080 (--host/--port): 192.0.2.1 is not an address of this machine; give one of its addresses, e.g. 127.0.0.1\n',
    );
  });
});

describe('programmatic use', () => {
  it("import { createIpsClient } from 'ips-jobs' works from the built package", async () => {
    const script = "const m = await import('ips-jobs'); console.log([typeof m.createIpsClient, typeof m.AuthenticationError, typeof m.regionEndpoint, m.regionEndpoint('emea', true)].join(' '))";
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, env: cleanEnv() });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.on('error', reject);
      child.on('close', () => resolve(out.trim()));
    });
    expect(output).toBe('function function function https://s7sps3apissl-staging.scene7.com/scene7/services/IpsApiService');
  });
});
