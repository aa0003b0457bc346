import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveSettings } from '../../src/config/index.js';
import { tempHome } from './temp-home.js';

async function errorFrom(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('the config file', () => {
  it('may be missing: no profile, defaults apply', async () => {
    const t = await tempHome();
    const settings = await resolveSettings({ flags: {}, env: t.env });
    expect(settings.configFileFound).toBe(false);
    expect(settings.configPath).toBe(t.configPath);
    expect(settings.profile).toBeUndefined();
    expect(settings.endpoint).toEqual({
      value: { url: 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', region: { name: 'na', staging: false } },
      source: { kind: 'default', name: 'default' },
      sources: { region: { kind: 'default', name: 'default' }, staging: { kind: 'default', name: 'default' } },
    });
    expect(settings.warnings).toEqual([]);
  });

  it('with invalid JSON is an error naming the file, never quoting its text', async () => {
    const t = await tempHome();
    await t.writeConfig('{\n  "profiles": { "p": { "password": hunter2 } }\n}\n');
    const error = await errorFrom(resolveSettings({ flags: {}, env: t.env }));
    expect(error.message).toBe('config file ~/.config/ips-jobs/config.json: not valid JSON');
    expect(error.source).toEqual({ kind: 'file', name: '~/.config/ips-jobs/config.json' });
    expect(error.message).not.toContain('hunter2');
    expect(error.cause).toBeUndefined();
  });

  it('with invalid JSON says where, when the parser knows', async () => {
    const t = await tempHome();
    await t.writeConfig('{\n  "profiles" {}\n}\n');
    const error = await errorFrom(resolveSettings({ flags: {}, env: t.env }));
    expect(error.message).toBe('config file ~/.config/ips-jobs/config.json: not valid JSON (line 2, column 14)');
  });

  it('may start with a byte-order mark', async () => {
    const t = await tempHome();
    await t.writeConfig('\uFEFF{"defaultProfile": "p", "profiles": {"p": {"username": "bom"}}}');
    const settings = await resolveSettings({ flags: {}, env: t.env });
    expect(settings.username?.value).toBe('bom');
  });

  it.each([
    ['[]', 'must be a JSON object, not an array'],
    ['null', 'must be a JSON object, not null'],
    ['{"defaultProfile": 3}', '"defaultProfile" must be a non-empty string, not a number'],
    ['{"profiles": []}', '"profiles" must be an object, not an array'],
    ['{"profiles": {"p": "x"}}', 'profile "p" must be an object, not a string'],
    ['{"profiles": {"p": {"username": 42}}}', 'profile "p": "username" must be a string, not a number'],
    ['{"profiles": {"p": {"password": ["hunter2"]}}}', 'profile "p": "password" must be a string, not an array'],
    ['{"profiles": {"p": {"staging": "yes"}}}', 'profile "p": "staging" must be true or false, not a string'],
    ['{"profiles": {"p": {"region": null}}}', 'profile "p": "region" must be a string, not null'],
    ['{"profiles": {"p": {"company": ""}}}', 'profile "p": "company" must not be empty'],
  ])('with wrong types (%s) is an error saying what is wrong', async (text, what) => {
    const t = await tempHome();
    await t.writeConfig(text);
    const error = await errorFrom(resolveSettings({ flags: {}, env: t.env }));
    expect(error.message).toBe(`config file ~/.config/ips-jobs/config.json: ${what}`);
    expect(error.source?.kind).toBe('file');
    expect(error.message).not.toContain('hunter2');
  });

  it('warns of an unknown key at every level, suggesting the key a different case would make', async () => {
    const t = await tempHome();
    await t.writeConfig({
      $schema: 'https://example.com/schema.json',
      defaultprofile: 'p',
      colour: 'blue',
      profiles: { p: { usrename: 'typo', username: 'demo@x', PasswordFile: '~/pw' } },
    });
    const settings = await resolveSettings({ flags: { profile: 'p' }, env: t.env });
    expect(settings.username?.value).toBe('demo@x');
    expect(settings.warnings).toEqual([
      'config file ~/.config/ips-jobs/config.json has unknown keys "defaultprofile" (did you mean "defaultProfile"?), "colour"; ignored',
      'profile "p" has unknown keys "usrename", "PasswordFile" (did you mean "passwordFile"?); ignored',
    ]);
  });

  it.each([
    [
      { defaultprofile: 'p', profiles: { p: {} } },
      'config file ~/.config/ips-jobs/config.json: unknown key "defaultprofile" (did you mean "defaultProfile"?); refused with --strict',
    ],
    [
      { profiles: { p: { usrename: 'typo' } } },
      'config file ~/.config/ips-jobs/config.json: profile "p" has unknown key "usrename"; refused with --strict',
    ],
    [
      { colour: 1, profiles: { p: { password: 'hunter2', passwordFile: '~/pw' }, q: { endpoint: 'example.com', region: 'emea' } } },
      'config file ~/.config/ips-jobs/config.json: unknown key "colour"; profile "p" sets both "password" and "passwordFile"; profile "q" sets "endpoint" and "region"; refused with --strict',
    ],
  ])('with --strict, what would be a warning about it is a refusal (%j)', async (config, message) => {
    const t = await tempHome();
    await t.writeConfig(config);
    const error = await errorFrom(resolveSettings({ flags: { strict: true }, env: t.env }));
    expect(error.message).toBe(message);
    expect(error.source?.kind).toBe('file');
    expect(error.message).not.toContain('hunter2');
  });

  it('that cannot be read (a directory) is an error naming the file', async () => {
    const t = await tempHome();
    await mkdir(t.configPath, { recursive: true });
    const error = await errorFrom(resolveSettings({ flags: {}, env: t.env }));
    expect(error.message).toBe('cannot read config file ~/.config/ips-jobs/config.json: it is a directory');
    expect(error.source).toEqual({ kind: 'file', name: '~/.config/ips-jobs/config.json' });
  });
});

describe('choosing a profile', () => {
  const config = {
    defaultProfile: 'prod',
    profiles: {
      prod: { username: 'prod-user' },
      dev: { username: 'dev-user' },
      test: { username: 'test-user' },
    },
  };

  it('takes --profile over IPS_JOBS_PROFILE over defaultProfile', async () => {
    const t = await tempHome();
    await t.writeConfig(config);
    const env = { ...t.env, IPS_JOBS_PROFILE: 'dev' };

    const byFlag = await resolveSettings({ flags: { profile: 'test' }, env });
    expect(byFlag.profile).toEqual({ value: 'test', source: { kind: 'flag', name: '--profile' } });
    expect(byFlag.username?.value).toBe('test-user');

    const byEnv = await resolveSettings({ flags: {}, env });
    expect(byEnv.profile).toEqual({ value: 'dev', source: { kind: 'env', name: 'IPS_JOBS_PROFILE' } });
    expect(byEnv.username?.value).toBe('dev-user');

    const byFile = await resolveSettings({ flags: {}, env: t.env });
    expect(byFile.profile).toEqual({
      value: 'prod',
      source: { kind: 'file', name: '~/.config/ips-jobs/config.json "defaultProfile"' },
    });
    expect(byFile.username).toEqual({
      value: 'prod-user',
      source: { kind: 'file', name: '~/.config/ips-jobs/config.json profile "prod"' },
    });
  });

  it('uses no profile when none is named', async () => {
    const t = await tempHome();
    await t.writeConfig({ profiles: config.profiles });
    const settings = await resolveSettings({ flags: {}, env: t.env });
    expect(settings.profile).toBeUndefined();
    expect(settings.username).toBeUndefined();
  });

  it('treats an empty IPS_JOBS_PROFILE as unset', async () => {
    const t = await tempHome();
    await t.writeConfig(config);
    const settings = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_PROFILE: '' } });
    expect(settings.profile?.value).toBe('prod');
  });

  it('fails on an unknown profile, listing the profiles that exist, with the source that named it', async () => {
    const t = await tempHome();
    await t.writeConfig(config);

    const byFlag = await errorFrom(resolveSettings({ flags: { profile: 'staging' }, env: t.env }));
    expect(byFlag.message).toBe(
      'profile "staging" (from --profile) not found in ~/.config/ips-jobs/config.json; profiles there: "prod", "dev", "test"',
    );
    expect(byFlag.source).toEqual({ kind: 'flag', name: '--profile' });

    const byEnv = await errorFrom(resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_PROFILE: 'qa' } }));
    expect(byEnv.source).toEqual({ kind: 'env', name: 'IPS_JOBS_PROFILE' });
  });

  it('fails when defaultProfile names a profile that is not there', async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'gone', profiles: {} });
    const error = await errorFrom(resolveSettings({ flags: {}, env: t.env }));
    expect(error.message).toBe(
      'profile "gone" (from ~/.config/ips-jobs/config.json "defaultProfile") not found: ~/.config/ips-jobs/config.json has no profiles',
    );
    expect(error.source?.kind).toBe('file');
  });

  it('fails when a profile is named but there is no config file', async () => {
    const t = await tempHome();
    const error = await errorFrom(resolveSettings({ flags: { profile: 'prod' }, env: t.env }));
    expect(error.message).toBe(
      'profile "prod" (from --profile) not found: config file ~/.config/ips-jobs/config.json does not exist',
    );
  });

  it('does not find inherited object properties as profiles', async () => {
    const t = await tempHome();
    await t.writeConfig(config);
    const error = await errorFrom(resolveSettings({ flags: { profile: 'toString' }, env: t.env }));
    expect(error.message).toContain('profile "toString" (from --profile) not found');
  });
});
