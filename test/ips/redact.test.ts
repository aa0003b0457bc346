// What --debug may show of an exchange: credentials masked by element name in any namespace, credential headers
// masked, and the password itself masked wherever else it turns up.
import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactSecrets, redactUrl, redactXml } from '../../src/ips/redact.js';

describe('redactXml', () => {
  it('masks the authHeader password and keeps everything else', () => {
    const xml = '<authHeader xmlns="urn:x"><user>ops@example.com</user><password>s3cret</password><locale>en-US</locale></authHeader>';
    expect(redactXml(xml)).toBe(
      `<authHeader xmlns="urn:x"><user>ops@example.com</user><password>${REDACTED}</password><locale>en-US</locale></authHeader>`,
    );
  });

  it.each([
    ['a prefix', '<types:password>pw</types:password>', `<types:password>${REDACTED}</types:password>`],
    ['another prefix', '<ns1:password>pw</ns1:password>', `<ns1:password>${REDACTED}</ns1:password>`],
    ['attributes', '<hdr:password xsi:type="xsd:string">pw</hdr:password>', `<hdr:password xsi:type="xsd:string">${REDACTED}</hdr:password>`],
    ['an accessToken', '<accessToken>tok.en</accessToken>', `<accessToken>${REDACTED}</accessToken>`],
    ['a samlResponse', '<x:samlResponse>PHNhbWw+</x:samlResponse>', `<x:samlResponse>${REDACTED}</x:samlResponse>`],
    ['CDATA', '<password><![CDATA[a<b>c]]></password>', `<password>${REDACTED}</password>`],
    ['a different case', '<PassWord>pw</PassWord>', `<PassWord>${REDACTED}</PassWord>`],
    ['whitespace in the closing tag', '<password>pw</password  >', `<password>${REDACTED}</password  >`],
    ['lines inside', '<password>\n  pw\n</password>', `<password>${REDACTED}</password>`],
    ['an empty element', '<password></password>', `<password>${REDACTED}</password>`],
  ])('masks %s', (_name, xml, expected) => {
    expect(redactXml(xml)).toBe(expected);
  });

  it('leaves self-closing elements and look-alike names alone', () => {
    const xml = '<password/><passwordHint>blue</passwordHint><userPassword2>x</userPassword2><a:password />';
    expect(redactXml(xml)).toBe(xml);
  });

  it('masks to the end of a truncated body', () => {
    expect(redactXml('<env><password>s3cr')).toBe(`<env><password>${REDACTED}`);
  });

  it('masks every occurrence, and checkLogin\'s body password too', () => {
    const xml =
      '<soap:Header><authHeader><user>u</user><password>one</password></authHeader></soap:Header>' +
      '<soap:Body><types:checkLoginParam><types:email>u</types:email><types:password>one</types:password></types:checkLoginParam></soap:Body>';
    const redacted = redactXml(xml);
    expect(redacted).not.toContain('one');
    expect(redacted.match(/\*{8}/g)).toHaveLength(2);
  });

  it('masks a known secret wherever else it appears, raw or XML-escaped', () => {
    const xml = '<faultstring>bad password s3&amp;cr&lt;et for user</faultstring><echo>s3&cr<et</echo>';
    expect(redactXml(xml, ['s3&cr<et'])).toBe(`<faultstring>bad password ${REDACTED} for user</faultstring><echo>${REDACTED}</echo>`);
  });
});

describe('redactSecrets', () => {
  it('ignores empty secrets and masks the longest form first', () => {
    expect(redactSecrets('abc abcdef', ['', 'abc', 'abcdef'])).toBe(`${REDACTED} ${REDACTED}`);
  });
});

describe('redactHeaders', () => {
  it('masks credential headers whatever their case and keeps the others', () => {
    expect(
      redactHeaders({
        Authorization: 'Basic b3BzOnMzY3JldA==',
        'proxy-authorization': 'Basic eDp5',
        Cookie: 'JSESSIONID=1',
        'set-cookie': ['a=1', 'b=2'],
        SOAPAction: '"getActiveJobs"',
        'Content-Length': 12,
        skipped: undefined,
      }),
    ).toEqual({
      Authorization: REDACTED,
      'proxy-authorization': REDACTED,
      Cookie: REDACTED,
      'set-cookie': REDACTED,
      SOAPAction: '"getActiveJobs"',
      'Content-Length': '12',
    });
  });

  it('masks a secret inside any other header', () => {
    expect(redactHeaders({ 'x-debug': 'user=ops pw=s3cret' }, ['s3cret'])).toEqual({ 'x-debug': `user=ops pw=${REDACTED}` });
  });
});

describe('redactUrl', () => {
  it('drops the user and password of a URL', () => {
    expect(redactUrl('http://alice:pa%20ss@proxy.corp:3128')).toBe('http://proxy.corp:3128/');
    expect(redactUrl('http://proxy.corp:3128')).toBe('http://proxy.corp:3128/');
    expect(redactUrl(new URL('https://ops:s3cret@ips.example/scene7/services/IpsApiService'))).toBe('https://ips.example/scene7/services/IpsApiService');
  });

  it.each([
    ['a bare host with a user and password', 'ops:s3cret@ips.example', 'ips.example'],
    ['a URL with a host that does not parse', 'https://ops:s3cret@bad host/', 'https://bad host/'],
    ['a scheme without a host', 'ops:s3cret@ips.example:8443/x', 'ips.example:8443/x'],
  ])('drops them from %s too', (_what, text, shown) => {
    expect(redactUrl(text)).toBe(shown);
  });

  // Text that does not parse as a URL: everything from after the scheme (or from the start) to the last `@` goes,
  // whatever the password holds — a `/`, `#`, `?`, `\`, a space, another `@`.
  it.each([
    ['a `/` in the password', 'https://bob:se/cret@gw.example.com', 'https://gw.example.com'],
    ['a `#` in the password', 'https://bob:se#cret@gw.example.com', 'https://gw.example.com'],
    ['a `?` in the password', 'https://bob:se?cret@gw.example.com', 'https://gw.example.com'],
    ['a `\\` in the password', 'https://bob:se\\cret@gw.example.com', 'https://gw.example.com'],
    ['a space in the password and the host', 'https://bob:se cret@bad host/', 'https://bad host/'],
    ['an `@` and a `/` in the password', 'https://bob:s@e/cret@bad host', 'https://bad host'],
    ['a host cut short', 'https://bob:secret@[::1', 'https://[::1'],
    ['no host at all', 'https://bob:secret@', 'https://'],
    ['no scheme, a `/` in the password', 'bob:se/cret@gw.example.com', 'gw.example.com'],
    ['a scheme-relative URL', '//bob:se/cret@gw.example.com', '//gw.example.com'],
    ['one slash after the scheme', 'https:/bob:se/cret@gw.example.com', 'gw.example.com'],
  ])('drops them when the URL does not parse: %s', (_what, text, shown) => {
    expect(redactUrl(text)).toBe(shown);
  });

  it.each([
    ['an `@` in the password', 'https://bob:se@cret@gw.example.com', 'https://gw.example.com/'],
    ['a `%40` in the password', 'https://bob:se%40cret@gw.example.com', 'https://gw.example.com/'],
    ['a password alone', 'https://:secret@gw.example.com/x', 'https://gw.example.com/x'],
    ['an IPv6 host', 'https://bob:secret@[::1]:8443/x', 'https://[::1]:8443/x'],
  ])('drops them from a URL that parses: %s', (_what, text, shown) => {
    expect(redactUrl(text)).toBe(shown);
  });

  // Fuzz-ish: every awkward character between two halves of a password, with every kind of scheme and host; neither
  // half appears in what is shown.
  const HALVES = ['Qx7kzR', 'Vb3npW'] as const;
  const SEPARATORS = ['', '/', '#', '?', '@', '%40', ':', ' ', '\\', '[', ']', '%', '//', '@@'];
  const SCHEMES = ['https://', 'http://', 'ftp://', 'https:', 'https:/', '//', ''];
  const HOSTS = ['gw.example.com', 'gw.example.com:8443/scene7/', '[::1]:8443', '[::1', 'bad host', ''];
  const USERS = ['bob:', ':', ''];
  const inputs = SEPARATORS.flatMap((separator) =>
    SCHEMES.flatMap((scheme) => HOSTS.flatMap((host) => USERS.map((user) => `${scheme}${user}${HALVES[0]}${separator}${HALVES[1]}@${host}`))),
  );
  it(`never shows any part of the password (${inputs.length} awkward inputs)`, () => {
    const leaks = inputs.map((text) => ({ text, shown: redactUrl(text) })).filter(({ shown }) => HALVES.some((half) => shown.includes(half)));
    expect(leaks).toEqual([]);
  });
});
