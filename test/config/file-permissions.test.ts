// A config file holding a password, or a password file, that group or others can read: one warning suggesting
// chmod 600; with --strict a refusal (exit 78 whoever named the file). Real files, real modes.

import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveSettings } from '../../src/config/index.js';
import { chmodArgument, readableBeyondOwner, secretFileVerdict } from '../../src/config/file-permissions.js';
import { tempHome } from './temp-home.js';

async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('readableBeyondOwner', () => {
  it.each([
    [0o600, undefined],
    [0o400, undefined],
    [0o620, undefined],
    [0o602, undefined],
    [0o640, 'group'],
    [0o604, 'others'],
    [0o644, 'group and others'],
    [0o777, 'group and others'],
  ])('mode %o → %s', (mode, expected) => {
    expect(readableBeyondOwner(mode)).toBe(expected);
  });
});

describe('chmodArgument', () => {
  it('keeps a ~ path that needs no quoting, quotes the absolute path otherwise', () => {
    expect(chmodArgument('/home/ana/.config/ips-jobs/config.json', '~/.config/ips-jobs/config.json')).toBe('~/.config/ips-jobs/config.json');
    expect(chmodArgument("/home/ana/my ips/it's.json", "~/my ips/it's.json")).toBe(`'/home/ana/my ips/it'\\''s.json'`);
  });
});

describe('secretFileVerdict', () => {
  const file = { kind: 'config file' as const, path: '/h/c.json', shownPath: '~/c.json' };
  it('says nothing for an owner-only file, a pipe or an unknown mode', () => {
    expect(secretFileVerdict(file, { mode: 0o600, isFile: true }, true)).toEqual({});
    expect(secretFileVerdict(file, { mode: 0o644, isFile: false }, true)).toEqual({});
    expect(secretFileVerdict(file, undefined, true)).toEqual({});
  });

  it('warns, or refuses with --strict', () => {
    expect(secretFileVerdict(file, { mode: 0o644, isFile: true }, false)).toEqual({
      warning: 'config file ~/c.json holds a password and is readable by group and others (mode 644); run: chmod 600 ~/c.json',
    });
    expect(() => secretFileVerdict(file, { mode: 0o640, isFile: true }, true)).toThrow(
      'config file ~/c.json holds a password and is readable by group (mode 640); refused with --strict. Run: chmod 600 ~/c.json',
    );
  });
});

describe('resolveSettings checks the files that hold the password', () => {
  it('a config file with a password in any profile, readable by others: one warning', async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'a', profiles: { a: { username: 'u@example.com' }, b: { password: 'pw' } } });
    await chmod(t.configPath, 0o644);
    const settings = await resolveSettings({ flags: {}, env: t.env });
    expect(settings.warnings).toEqual([
      'config file ~/.config/ips-jobs/config.json holds a password and is readable by group and others (mode 644); run: chmod 600 ~/.config/ips-jobs/config.json',
    ]);
  });

  it('a config file without a password may be readable by anyone', async () => {
    const t = await tempHome();
    await t.writeConfig({ profiles: { a: { username: 'u@example.com', passwordFile: '~/pw' } } });
    await chmod(t.configPath, 0o644);
    expect((await resolveSettings({ flags: {}, env: t.env })).warnings).toEqual([]);
  });

  it('an owner-only config file is fine', async () => {
    const t = await tempHome();
    await t.writeConfig({ profiles: { a: { password: 'pw' } } });
    await chmod(t.configPath, 0o600);
    expect((await resolveSettings({ flags: {}, env: t.env })).warnings).toEqual([]);
  });

  it('--strict refuses it as configuration (exit 78), naming the file and the fix', async () => {
    const t = await tempHome();
    await t.writeConfig({ profiles: { a: { password: 'pw' } } });
    await chmod(t.configPath, 0o640);
    const error = await failure(resolveSettings({ flags: { strict: true }, env: t.env }));
    expect(error.message).toBe(
      'config file ~/.config/ips-jobs/config.json holds a password and is readable by group (mode 640); refused with --strict. Run: chmod 600 ~/.config/ips-jobs/config.json',
    );
    expect(error.source?.kind).toBe('file');
  });

  it.each([
    ['the profile\'s passwordFile', async (file: string) => ({ flags: { profile: 'a' }, env: {} as Record<string, string>, profile: { a: { passwordFile: file } } })],
    ['--password-file', async (file: string) => ({ flags: { passwordFile: file }, env: {}, profile: {} })],
    ['IPS_JOBS_PASSWORD_FILE', async (file: string) => ({ flags: {}, env: { IPS_JOBS_PASSWORD_FILE: file }, profile: {} })],
  ])('a password file named by %s, readable by others: a warning; --strict: a refusal', async (_name, setup) => {
    const t = await tempHome();
    const file = await t.writeHomeFile('secrets/ips.password', 'pw\n');
    await chmod(file, 0o604);
    const { flags, env, profile } = await setup(file);
    await t.writeConfig({ profiles: profile });
    const settings = await resolveSettings({ flags, env: { ...t.env, ...env } });
    expect(settings.password?.value.reveal()).toBe('pw');
    expect(settings.warnings).toEqual([
      'password file ~/secrets/ips.password is readable by others (mode 604); run: chmod 600 ~/secrets/ips.password',
    ]);
    const error = await failure(resolveSettings({ flags: { ...flags, strict: true }, env: { ...t.env, ...env } }));
    expect(error.message).toContain('password file ~/secrets/ips.password is readable by others (mode 604); refused with --strict');
    expect(error.source?.kind).toBe('file');
  });

  it('only the password file actually read is checked', async () => {
    const t = await tempHome();
    const unused = await t.writeHomeFile('unused.password', 'x\n');
    await chmod(unused, 0o644);
    await t.writeConfig({ profiles: { a: { passwordFile: unused } } });
    const settings = await resolveSettings({ flags: { profile: 'a' }, env: { ...t.env, IPS_JOBS_PASSWORD: 'from-env' } });
    expect(settings.warnings).toEqual([]);
  });

  it('a relative passwordFile is checked where it is read, next to the config file', async () => {
    const t = await tempHome();
    const file = await t.writeHomeFile('.config/ips-jobs/prod.password', 'pw\n');
    await chmod(file, 0o644);
    await t.writeConfig({ defaultProfile: 'p', profiles: { p: { passwordFile: 'prod.password' } } });
    const settings = await resolveSettings({ flags: {}, env: t.env });
    expect(settings.warnings).toEqual([
      `password file ~/.config/ips-jobs/prod.password is readable by group and others (mode 644); run: chmod 600 ~/.config/ips-jobs/prod.password`,
    ]);
    expect(path.isAbsolute(settings.configPath)).toBe(true);
  });
});
