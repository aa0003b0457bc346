// planConnection, the one decision of how a client reaches its endpoint: https, plain http on loopback, plain http
// elsewhere only with consent (and a warning), and the proxy unless loopback, plain http or NO_PROXY says otherwise.
import { describe, expect, it } from 'vitest';
import { endpointSecurity, planConnection, type ConnectionSettings } from '../../src/ips/connection-plan.js';
import { InsecureHttpRefusedError, IpsError, ProxyUrlError } from '../../src/ips/errors.js';
import { proxySettingsFromEnv } from '../../src/ips/proxy.js';

const IPS = 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService';
const PROXY = { httpsProxy: 'http://proxy.corp:3128', httpsProxyName: 'HTTPS_PROXY' };

/** What planConnection throws for these settings. */
function refusal(settings: ConnectionSettings): unknown {
  try {
    planConnection(settings);
  } catch (error) {
    return error;
  }
  throw new Error('planConnection did not throw');
}

describe('endpointSecurity', () => {
  it('https anywhere; plain http on loopback; plain http elsewhere needs consent', () => {
    expect(endpointSecurity(IPS)).toBe('https');
    expect(endpointSecurity('https://127.0.0.1:8443/')).toBe('https');
    expect(endpointSecurity('http://127.0.0.1:8080/scene7/services/IpsApiService')).toBe('loopback-http');
    expect(endpointSecurity('http://localhost:8080/')).toBe('loopback-http');
    expect(endpointSecurity('http://[::1]:8080/')).toBe('loopback-http');
    expect(endpointSecurity('http://ips.example.test/')).toBe('insecure-http');
    expect(endpointSecurity('http://10.1.2.3/')).toBe('insecure-http');
  });
});

describe('planConnection: how the endpoint is reached', () => {
  it('https: directly, nothing to say', () => {
    expect(planConnection({ endpoint: IPS })).toEqual({ endpoint: IPS, security: 'https', warnings: [] });
  });

  it('the plan names the endpoint as a URL writes it, whether given as a string or a URL', () => {
    expect(planConnection({ endpoint: 'https://IPS.example.test' }).endpoint).toBe('https://ips.example.test/');
    expect(planConnection({ endpoint: new URL(IPS) }).endpoint).toBe(IPS);
  });

  it.each(['http://127.0.0.1:8080/scene7/services/IpsApiService', 'http://localhost:8080/', 'http://[::1]:8080/'])(
    'plain http on loopback (%s) needs no consent and gets no warning',
    (endpoint) => {
      expect(planConnection({ endpoint })).toEqual({ endpoint: new URL(endpoint).href, security: 'loopback-http', warnings: [] });
    },
  );

  it.each(['http://ips.example.test/scene7/services/IpsApiService', 'http://10.1.2.3/', 'http://localhost.example.com/'])(
    'plain http across a network (%s) is refused without consent',
    (endpoint) => {
      const error = refusal({ endpoint, allowInsecureHttp: false });
      expect(error).toBeInstanceOf(InsecureHttpRefusedError);
      expect(error).toBeInstanceOf(IpsError);
      expect(error).toMatchObject({ host: new URL(endpoint).host, endpoint });
    },
  );

  it('the refusal says why and names the consent, by default as the client option', () => {
    const endpoint = 'http://ips.example.test:8080/x';
    expect((refusal({ endpoint }) as Error).message).toBe(
      'refusing plain http to ips.example.test:8080: the password would cross the network unencrypted (use https, or allowInsecureHttp)',
    );
    expect((refusal({ endpoint, consentName: '--insecure-http' }) as Error).message).toBe(
      'refusing plain http to ips.example.test:8080: the password would cross the network unencrypted (use https, or --insecure-http)',
    );
  });

  it('plain http across a network with consent: allowed, and warned about', () => {
    expect(planConnection({ endpoint: 'http://ips.example.test:8080/x', allowInsecureHttp: true })).toEqual({
      endpoint: 'http://ips.example.test:8080/x',
      security: 'insecure-http',
      warnings: [
        'allowInsecureHttp: talking to ips.example.test:8080 over plain http; the password and all job data cross the network unencrypted',
      ],
    });
    expect(planConnection({ endpoint: 'http://ips.example.test/', allowInsecureHttp: true, consentName: '--insecure-http' }).warnings).toEqual([
      '--insecure-http: talking to ips.example.test over plain http; the password and all job data cross the network unencrypted',
    ]);
  });

  it.each([
    { endpoint: IPS, security: 'https', says: '--insecure-http has no effect: s7sps1apissl.scene7.com is reached over https' },
    { endpoint: 'https://127.0.0.1:8443/', security: 'https', says: '--insecure-http has no effect: 127.0.0.1:8443 is reached over https' },
    { endpoint: 'http://localhost:8080/', security: 'loopback-http', says: '--insecure-http has no effect: localhost:8080 is reached on loopback' },
  ])('consent where none is needed ($endpoint) changes nothing, and says so', ({ endpoint, security, says }) => {
    const plan = planConnection({ endpoint, allowInsecureHttp: true, consentName: '--insecure-http' });
    expect(plan.security).toBe(security);
    expect(plan.warnings).toEqual([says]);
  });

  it('without a consent name the warnings name the client option', () => {
    expect(planConnection({ endpoint: IPS, allowInsecureHttp: true }).warnings).toEqual([
      'allowInsecureHttp has no effect: s7sps1apissl.scene7.com is reached over https',
    ]);
  });
});

describe('planConnection: the proxy', () => {
  it('an https endpoint goes through it', () => {
    const plan = planConnection({ endpoint: IPS, proxy: PROXY });
    expect(plan.proxy?.href).toBe('http://proxy.corp:3128/');
    expect(plan.warnings).toEqual([]);
  });

  it('a bare host:port is an http proxy; credentials are kept for the tunnel', () => {
    expect(planConnection({ endpoint: IPS, proxy: { httpsProxy: 'proxy.corp:3128' } }).proxy?.href).toBe('http://proxy.corp:3128/');
    const proxy = planConnection({ endpoint: IPS, proxy: { httpsProxy: 'https://ops:pw@proxy.corp' } }).proxy;
    expect(proxy?.protocol).toBe('https:');
    expect(proxy?.password).toBe('pw');
  });

  it('as the environment gives it', () => {
    const proxy = proxySettingsFromEnv({ https_proxy: 'http://lower:2', HTTPS_PROXY: 'http://upper:1' });
    expect(planConnection({ endpoint: IPS, proxy }).proxy?.href).toBe('http://lower:2/');
  });

  it.each(['.scene7.com', 's7sps1apissl.scene7.com:443', '*', 'example.com, scene7.com'])('NO_PROXY=%j bypasses it', (noProxy) => {
    expect(planConnection({ endpoint: IPS, proxy: { ...PROXY, noProxy } }).proxy).toBeUndefined();
  });

  it('NO_PROXY for another port does not', () => {
    expect(planConnection({ endpoint: IPS, proxy: { ...PROXY, noProxy: 's7sps1apissl.scene7.com:8443' } }).proxy?.href).toBe(
      'http://proxy.corp:3128/',
    );
  });

  it.each(['https://127.0.0.1:8443/', 'https://localhost:8443/', 'https://[::1]:8443/'])('loopback (%s) never uses it', (endpoint) => {
    expect(planConnection({ endpoint, proxy: PROXY }).proxy).toBeUndefined();
  });

  it('plain http never uses it, on loopback or across a network', () => {
    expect(planConnection({ endpoint: 'http://127.0.0.1:8080/', proxy: PROXY }).proxy).toBeUndefined();
    expect(planConnection({ endpoint: 'http://ips.example.test/', proxy: PROXY, allowInsecureHttp: true }).proxy).toBeUndefined();
  });

  it('none set, none used', () => {
    expect(planConnection({ endpoint: IPS, proxy: {} }).proxy).toBeUndefined();
    expect(planConnection({ endpoint: IPS }).proxy).toBeUndefined();
  });

  it.each(['socks5://u:hunter2@proxy:1080', 'http://u:hunter2@', 'ftp://u:hunter2@proxy', 'hunter2::::'])(
    'a proxy value that is not an http(s) URL (%s) is refused, naming the variable and the host, never quoting the value',
    (httpsProxy) => {
      const error = refusal({ endpoint: IPS, proxy: { httpsProxy, httpsProxyName: 'https_proxy' } });
      expect(error).toBeInstanceOf(ProxyUrlError);
      expect(error).toBeInstanceOf(IpsError);
      expect(error).toMatchObject({ variable: 'https_proxy', hostname: 's7sps1apissl.scene7.com', endpoint: IPS });
      expect((error as Error).message).toBe('the proxy is not an http:// or https:// URL');
      const shown = `${String(error)} ${(error as Error).stack ?? ''} ${JSON.stringify(error)}`;
      expect(shown).not.toContain('hunter2');
    },
  );

  it('a proxy value that would not be used is not looked at', () => {
    const bad = { httpsProxy: 'socks5://u:hunter2@proxy:1080', httpsProxyName: 'HTTPS_PROXY' };
    expect(planConnection({ endpoint: 'https://127.0.0.1:8443/', proxy: bad }).proxy).toBeUndefined();
    expect(planConnection({ endpoint: 'http://localhost:8080/', proxy: bad }).proxy).toBeUndefined();
    expect(planConnection({ endpoint: IPS, proxy: { ...bad, noProxy: '.scene7.com' } }).proxy).toBeUndefined();
  });

  it('plain http across a network without consent is refused before the proxy is looked at', () => {
    const error = refusal({ endpoint: 'http://ips.example.test/', proxy: { httpsProxy: 'socks5://proxy:1080' } });
    expect(error).toBeInstanceOf(InsecureHttpRefusedError);
  });
});
