// The password must not end up in output by accident: not in JSON, not in String(), not in console.log.

import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { resolveSettings, Secret } from '../../src/config/index.js';
import { tempHome } from './temp-home.js';

const PASSWORD = 'correct horse battery staple';

describe('Secret', () => {
  it('masks itself everywhere a value is turned into text', () => {
    const secret = new Secret(PASSWORD);
    expect(String(secret)).toBe('********');
    expect(`${secret}`).toBe('********');
    expect(JSON.stringify({ secret })).toBe('{"secret":"********"}');
    expect(inspect(secret)).toBe('Secret(********)');
    expect(Object.keys(secret)).toEqual([]);
    expect(secret.reveal()).toBe(PASSWORD);
  });

  it('does not appear in JSON.stringify, String() or util.inspect of the resolved settings', async () => {
    const t = await tempHome();
    const settings = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_PASSWORD: PASSWORD } });
    expect(settings.password?.value.reveal()).toBe(PASSWORD);

    for (const text of [
      JSON.stringify(settings),
      JSON.stringify(settings, null, 2),
      String(settings.password?.value),
      inspect(settings, { depth: Infinity, showHidden: true }),
      inspect({ ...settings }),
    ]) {
      expect(text).not.toContain(PASSWORD);
    }
    expect(JSON.parse(JSON.stringify(settings)).password.value).toBe('********');
  });
});
