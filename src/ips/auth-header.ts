// The authHeader SOAP header, written as XML so its namespace and field order are exactly the schema's.
import { TYPES_NS } from './namespaces.js';
import { escapeXml } from '../text/xml-escape.js';

export interface AuthHeaderFields {
  user: string;
  password: string;
  locale: string;
  appName: string;
  appVersion: string;
  gzipResponse: boolean;
}

/** Fields in schema order: user, password, (accessToken), locale, appName, appVersion, gzipResponse. */
export function authHeaderXml(fields: AuthHeaderFields): string {
  const parts: Array<[string, string]> = [
    ['user', fields.user],
    ['password', fields.password],
    ['locale', fields.locale],
    ['appName', fields.appName],
    ['appVersion', fields.appVersion],
    ['gzipResponse', String(fields.gzipResponse)],
  ];
  const body = parts.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return `<authHeader xmlns="${TYPES_NS}">${body}</authHeader>`;
}
