// The proxy settings as curl reads them (HTTPS_PROXY, NO_PROXY) and loopback hosts. Which requests go through the
// proxy is planConnection's decision: test/ips/connection-plan.test.ts.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/ips/loopback.js';
import { bypassesProxy, parseProxyUrl, proxySettingsFromEnv } from '../../src/ips/proxy.js';

const IPS = 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService';

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '127.200.3.4', '[::1]', '::1', '[::ffff:7f00:1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['ips.example.test', '10.0.0.1', '128.0.0.1', '[::2]', 'localhost.example.com', 'mylocalhost', '0.0.0.0'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('proxySettingsFromEnv', () => {
  it('reads the lower-case spelling first, as curl does', () => {
    expect(proxySettingsFromEnv({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', NO_PROXY: 'a', no_proxy: 'b' })).toEqual({
      httpsProxy: 'http://lower:2',
      httpsProxyName: 'https_proxy',
      noProxy: 'b',
    });
    expect(proxySettingsFromEnv({ HTTPS_PROXY: 'http://upper:1' })).toEqual({ httpsProxy: 'http://upper:1', httpsProxyName: 'HTTPS_PROXY' });
  });

  it('treats empty variables as unset, and ignores HTTP_PROXY', () => {
    expect(proxySettingsFromEnv({ https_proxy: '', HTTPS_PROXY: ' ', HTTP_PROXY: 'http://p:1', NO_PROXY: '' })).toEqual({});
  });
});

describe('parseProxyUrl', () => {
  it('takes http and https proxies, a bare host:port as http', () => {
    expect(parseProxyUrl('http://proxy.corp:3128')?.href).toBe('http://proxy.corp:3128/');
    expect(parseProxyUrl('https://proxy.corp')?.href).toBe('https://proxy.corp/');
    expect(parseProxyUrl('proxy.corp:3128')?.href).toBe('http://proxy.corp:3128/');
    expect(parseProxyUrl('http://user:pw@proxy.corp:3128')?.password).toBe('pw');
  });

  it.each(['socks5://proxy:1080', 'http://', '::::', 'ftp://proxy'])('refuses %s', (raw) => {
    expect(parseProxyUrl(raw)).toBeUndefined();
  });
});

describe('bypassesProxy (NO_PROXY)', () => {
  const url = (u: string) => new URL(u);
  it.each([
    ['*', IPS, true],
    ['scene7.com', IPS, true],
    ['.scene7.com', IPS, true],
    ['*.scene7.com', IPS, true],
    ['SCENE7.COM', IPS, true],
    ['s7sps1apissl.scene7.com', IPS, true],
    ['other.com, scene7.com', IPS, true],
    ['other.com scene7.com', IPS, true],
    ['ene7.com', IPS, false],
    ['other.com', IPS, false],
    ['scene7.com:443', IPS, true],
    ['scene7.com:8443', IPS, false],
    ['scene7.com:8443', 'https://ips.scene7.com:8443/', true],
    ['10.1.2.3', 'https://10.1.2.3/', true],
    ['2.3', 'https://10.1.2.3/', false],
    ['10.0.0.0/8', 'https://10.1.2.3/', true],
    ['10.0.0.0/8', 'https://11.1.2.3/', false],
    ['[::1]:443', 'https://[::1]/', true],
    ['fd00::/8', 'https://[fd00::5]/', true],
    ['', IPS, false],
  ])('NO_PROXY=%j for %s → %s', (noProxy, target, expected) => {
    expect(bypassesProxy(url(target), noProxy)).toBe(expected);
  });

  it('an unset NO_PROXY bypasses nothing', () => {
    expect(bypassesProxy(new URL(IPS), undefined)).toBe(false);
  });
});
