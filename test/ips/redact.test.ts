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
});
