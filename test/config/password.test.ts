// Where the password comes from, first wins: --password-stdin > --password-file > IPS_JOBS_PASSWORD
// > IPS_JOBS_PASSWORD_FILE > profile "password" > profile "passwordFile".

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveSettings, type ResolveInput } from '../../src/config/index.js';
import { tempHome, type TempHome } from './temp-home.js';

async function errorFrom(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const PROFILE = '~/.config/ips-jobs/config.json profile "prod"';

/** Every password source set at once, each with a different password. */
async function allSources(t: TempHome): Promise<ResolveInput> {
  await t.writeHomeFile('flag-pass', 'from-flag-file\n');
  await t.writeHomeFile('env-pass', 'from-env-file\n');
  await t.writeHomeFile('profile-pass', 'from-profile-file\n');
  await t.writeConfig({
    defaultProfile: 'prod',
    profiles: { prod: { password: 'from-profile', passwordFile: '~/profile-pass' } },
  });
  return {
    flags: { passwordStdin: true, passwordFile: path.join(t.home, 'flag-pass') },
    env: { ...t.env, IPS_JOBS_PASSWORD: 'from-env', IPS_JOBS_PASSWORD_FILE: path.join(t.home, 'env-pass') },
    readStdin: async () => 'from-stdin\n',
  };
}

async function passwordOf(input: ResolveInput) {
  const settings = await resolveSettings(input);
  return settings.password && { value: settings.password.value.reveal(), source: settings.password.source };
}

describe('the password', () => {
  it('comes from stdin first, without its trailing newline', async () => {
    const t = await tempHome();
    expect(await passwordOf(await allSources(t))).toEqual({
      value: 'from-stdin',
      source: { kind: 'stdin', name: '--password-stdin' },
    });
  });

  it('then from --password-file', async () => {
    const t = await tempHome();
    const input = await allSources(t);
    input.flags.passwordStdin = false;
    expect(await passwordOf(input)).toEqual({
      value: 'from-flag-file',
      source: { kind: 'flag', name: '--password-file ~/flag-pass' },
    });
  });

  it('then from IPS_JOBS_PASSWORD', async () => {
    const t = await tempHome();
    const input = await allSources(t);
    input.flags = {};
    expect(await passwordOf(input)).toEqual({ value: 'from-env', source: { kind: 'env', name: 'IPS_JOBS_PASSWORD' } });
  });

  it('then from IPS_JOBS_PASSWORD_FILE', async () => {
    const t = await tempHome();
    const input = await allSources(t);
    input.flags = {};
    delete input.env.IPS_JOBS_PASSWORD;
    expect(await passwordOf(input)).toEqual({
      value: 'from-env-file',
      source: { kind: 'env', name: 'IPS_JOBS_PASSWORD_FILE=~/env-pass' },
    });
  });

  it('then from the profile\'s "password" (with a warning that its "passwordFile" is ignored)', async () => {
    const t = await tempHome();
    const input = await allSources(t);
    input.flags = {};
    input.env = t.env;
    expect(await passwordOf(input)).toEqual({ value: 'from-profile', source: { kind: 'file', name: PROFILE } });
    expect((await resolveSettings(input)).warnings).toEqual([
      'profile "prod" sets both "password" and "passwordFile"; "passwordFile" is ignored',
    ]);
  });

  it('then from the profile\'s "passwordFile", with ~ expanded', async () => {
    const t = await tempHome();
    await t.writeHomeFile('profile-pass', 'from-profile-file\n');
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { passwordFile: '~/profile-pass' } } });
    expect(await passwordOf({ flags: {}, env: t.env })).toEqual({
      value: 'from-profile-file',
      source: { kind: 'file', name: `${PROFILE} passwordFile ~/profile-pass` },
    });
  });

  it('is not set when no source gives one', async () => {
    const t = await tempHome();
    expect(await passwordOf({ flags: {}, env: t.env })).toBeUndefined();
  });

  it('reads only the winning source: an unreadable lower-precedence file does not matter', async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { passwordFile: '~/missing' } } });
    const settings = await resolveSettings({
      flags: {},
      env: { ...t.env, IPS_JOBS_PASSWORD: 'pw' },
      readStdin: () => Promise.reject(new Error('stdin must not be read')),
    });
    expect(settings.password?.value.reveal()).toBe('pw');
  });

  it('from a relative profile "passwordFile" is found next to the config file', async () => {
    const t = await tempHome();
    await t.writeHomeFile('.config/ips-jobs/password', 'beside-config');
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { passwordFile: 'password' } } });
    expect((await passwordOf({ flags: {}, env: t.env }))?.value).toBe('beside-config');
  });
});

describe('a password file', () => {
  it.each([
    ['one trailing newline', 's3cret\n', 's3cret'],
    ['a trailing CRLF', 's3cret\r\n', 's3cret'],
    ['no newline', 's3cret', 's3cret'],
    ['two newlines (only one is stripped)', 's3cret\n\n', 's3cret\n'],
    ['spaces, which are part of the password', ' s3 cret \n', ' s3 cret '],
  ])('with %s', async (_, text, expected) => {
    const t = await tempHome();
    const file = await t.writeHomeFile('pass', text);
    expect((await passwordOf({ flags: { passwordFile: file }, env: t.env }))?.value).toBe(expected);
  });

  it('that cannot be read is an error naming the path and the source, never the content', async () => {
    const t = await tempHome();
    const error = await errorFrom(resolveSettings({ flags: { passwordFile: '~/no-such-file' }, env: t.env }));
    expect(error.message).toBe('cannot read password file ~/no-such-file (from --password-file): it does not exist');
    expect(error.source).toEqual({ kind: 'flag', name: '--password-file' });
  });

  it('that is a directory is an error naming the path', async () => {
    const t = await tempHome();
    await t.writeHomeFile('dir/file', 'x');
    const error = await errorFrom(
      resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_PASSWORD_FILE: path.join(t.home, 'dir') } }),
    );
    expect(error.message).toBe('cannot read password file ~/dir (from IPS_JOBS_PASSWORD_FILE): it is a directory');
    expect(error.source).toEqual({ kind: 'env', name: 'IPS_JOBS_PASSWORD_FILE' });
  });

  it('whose reader fails with a message quoting content does not leak that message', async () => {
    const t = await tempHome();
    const error = await errorFrom(
      resolveSettings({
        flags: { passwordFile: '/secrets/ips' },
        env: t.env,
        readTextFile: async (p) => {
          if (p === '/secrets/ips') throw Object.assign(new Error('boom: hunter2'), { code: 'EIO' });
          throw Object.assign(new Error('no config'), { code: 'ENOENT' });
        },
      }),
    );
    expect(error.message).toBe('cannot read password file /secrets/ips (from --password-file): EIO');
    expect(error.cause).toBeUndefined();
  });

  it.each(['', '\n', '\r\n'])('that is empty (%j) is an error', async (text) => {
    const t = await tempHome();
    await t.writeHomeFile('pass', text);
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { passwordFile: '~/pass' } } });
    const error = await errorFrom(resolveSettings({ flags: {}, env: t.env }));
    expect(error.message).toBe(`password file ~/pass (from ${PROFILE}) is empty`);
    expect(error.source).toEqual({ kind: 'file', name: PROFILE });
  });
});

describe('--password-stdin', () => {
  it('strips one trailing CRLF', async () => {
    const t = await tempHome();
    const input = { flags: { passwordStdin: true }, env: t.env, readStdin: async () => 'pw\r\n' };
    expect((await passwordOf(input))?.value).toBe('pw');
  });

  it('with nothing on stdin is an error', async () => {
    const t = await tempHome();
    const error = await errorFrom(
      resolveSettings({ flags: { passwordStdin: true }, env: t.env, readStdin: async () => '\n' }),
    );
    expect(error.message).toBe('no password on standard input (--password-stdin)');
    expect(error.source).toEqual({ kind: 'stdin', name: '--password-stdin' });
  });

  it('is not read when a bad flag already makes the run fail', async () => {
    const t = await tempHome();
    let stdinRead = false;
    const readStdin = async () => {
      stdinRead = true;
      return 'pw';
    };
    await errorFrom(resolveSettings({ flags: { passwordStdin: true, region: 'eu' }, env: t.env, readStdin }));
    expect(stdinRead).toBe(false);
  });
});
