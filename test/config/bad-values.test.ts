// A bad value names who gave it: the CLI exits 2 for a bad flag and 78 for a bad environment or file value.

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

describe('a bad region', () => {
  it('from --region carries the flag as its source', async () => {
    const t = await tempHome();
    const error = await errorFrom(resolveSettings({ flags: { region: 'eu' }, env: { ...t.env, IPS_JOBS_REGION: 'emea' } }));
    expect(error.message).toBe('invalid region "eu" from --region: expected na, emea or apac');
    expect(error.source).toEqual({ kind: 'flag', name: '--region' });
  });

  it('from IPS_JOBS_REGION carries the variable as its source', async () => {
    const t = await tempHome();
    const error = await errorFrom(resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_REGION: 'us-west' } }));
    expect(error.message).toBe('invalid region "us-west" from IPS_JOBS_REGION: expected na, emea or apac');
    expect(error.source).toEqual({ kind: 'env', name: 'IPS_JOBS_REGION' });
  });

  it('from the profile carries the file and profile as its source', async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { region: 'mars' } } });
    const error = await errorFrom(resolveSettings({ flags: {}, env: t.env }));
    expect(error.message).toBe(
      'invalid region "mars" from ~/.config/ips-jobs/config.json profile "prod": expected na, emea or apac',
    );
    expect(error.source).toEqual({ kind: 'file', name: '~/.config/ips-jobs/config.json profile "prod"' });
  });

  it('in the profile does not matter when a flag overrides it', async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { region: 'mars' } } });
    const settings = await resolveSettings({ flags: { region: 'emea' }, env: t.env });
    expect(settings.endpoint.value.region).toEqual({ name: 'emea', staging: false });
  });
});

describe('other bad values', () => {
  it('IPS_JOBS_STAGING that is not a yes or no', async () => {
    const t = await tempHome();
    const error = await errorFrom(resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_STAGING: 'maybe' } }));
    expect(error.message).toBe('invalid staging value "maybe" from IPS_JOBS_STAGING: expected 1, true, yes, 0, false or no');
    expect(error.source).toEqual({ kind: 'env', name: 'IPS_JOBS_STAGING' });
  });

  it.each(['not a url', 'ftp://files.example/ips', '/ips'])('an endpoint "%s" from the flag', async (endpoint) => {
    const t = await tempHome();
    const error = await errorFrom(resolveSettings({ flags: { endpoint }, env: t.env }));
    expect(error.message).toBe(`invalid endpoint "${endpoint}" from --endpoint: expected a host name or an http:// or https:// URL`);
    expect(error.source).toEqual({ kind: 'flag', name: '--endpoint' });
  });

  it('an endpoint from IPS_JOBS_ENDPOINT', async () => {
    const t = await tempHome();
    const error = await errorFrom(resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_ENDPOINT: 'mailto:a@b' } }));
    expect(error.source).toEqual({ kind: 'env', name: 'IPS_JOBS_ENDPOINT' });
  });

  it('an empty flag value is a usage error, not a fall-back to the next source', async () => {
    const t = await tempHome();
    const error = await errorFrom(resolveSettings({ flags: { username: '' }, env: { ...t.env, IPS_JOBS_USERNAME: 'x' } }));
    expect(error.message).toBe('--username needs a value, got an empty string');
    expect(error.source).toEqual({ kind: 'flag', name: '--username' });
  });
});
