// Takes secrets out of what diagnostics show of a SOAP exchange: credential elements (any namespace prefix),
// credential headers, credentials in URLs, and — last line of defence — any literal occurrence of a known secret.
// Every URL ips-jobs prints (an endpoint, a proxy) goes through redactUrl.
import { escapeXml } from '../text/xml-escape.js';

export const REDACTED = '********';

/** Elements whose content is a credential wherever they appear: authHeader's fields and checkLogin's password. */
const SECRET_ELEMENTS = ['password', 'accessToken', 'samlResponse'];

/** Headers that carry credentials or session state, compared case-insensitively. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

const SECRET_OPEN_TAG = new RegExp(`<([A-Za-z_][\\w.-]*:)?(${SECRET_ELEMENTS.join('|')})(?=[\\s/>])([^>]*)>`, 'gi');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every literal occurrence of a secret replaced by the mask: as given, and as it reads once XML-escaped
 * (the form it takes inside a request body). Empty secrets are ignored.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(escapeXml(secret));
  }
  // Longest first, so a secret that contains another is masked whole.
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  return out;
}

/**
 * The content of every password, accessToken and samlResponse element masked, whatever its namespace prefix;
 * an element left open (a truncated body) is masked to the end. Then `secrets` are masked wherever they occur.
 */
export function redactXml(xml: string, secrets: readonly string[] = []): string {
  let out = '';
  let copiedUpTo = 0;
  const open = new RegExp(SECRET_OPEN_TAG.source, SECRET_OPEN_TAG.flags);
  for (let match = open.exec(xml); match !== null; match = open.exec(xml)) {
    const attributes = match[3] ?? '';
    if (attributes.trimEnd().endsWith('/')) continue; // <password/>: nothing inside
    const contentStart = match.index + match[0].length;
    const qualifiedName = `${match[1] ?? ''}${match[2] ?? ''}`;
    const close = new RegExp(`</${escapeRegExp(qualifiedName)}\\s*>`, 'i');
    const closeAt = xml.slice(contentStart).search(close);
    const contentEnd = closeAt === -1 ? xml.length : contentStart + closeAt;
    out += xml.slice(copiedUpTo, contentStart) + REDACTED;
    copiedUpTo = contentEnd;
    open.lastIndex = contentEnd;
  }
  out += xml.slice(copiedUpTo);
  return redactSecrets(out, secrets);
}

export type HeaderValue = string | number | readonly string[] | undefined;

/** Header name → value as shown: credential headers masked, secrets masked in the rest. */
export function redactHeaders(
  headers: Readonly<Record<string, HeaderValue>>,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactSecrets(text, secrets);
  }
  return out;
}

/** What a parsed URL holds after its host; an `@` there may end a user:password the parser took for a host and path. */
function afterHost(url: URL): string {
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * A URL without its user and password (an endpoint or a proxy URL may carry them). Text that is not a URL with a
 * host (a bare `user:password@host`, a typo, a password with a `/`, `#` or `?` in it), or a URL with an `@` after
 * its host, loses everything from after `scheme://` (or from the start) to the last `@`: where a password ends is
 * unknown there, so all that may be one goes.
 */
export function redactUrl(url: string | URL): string {
  const text = String(url);
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined && parsed.host !== '' && !afterHost(parsed).includes('@')) {
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  }
  const at = text.lastIndexOf('@');
  if (at === -1) return text;
  const scheme = /^(?:[a-z][\w+.-]*:)?\/\//i.exec(text)?.[0] ?? '';
  return `${scheme}${text.slice(at + 1)}`;
}

/**
 * Whether a user:password@ in `text` is where a URL parser puts it: `text` parses with a host, and no `@` follows
 * the host. Otherwise part of a password may read as a host, a port or a path.
 */
export function userinfoParses(text: string): boolean {
  if (!text.includes('@')) return true;
  try {
    const url = new URL(text);
    return url.host !== '' && !afterHost(url).includes('@');
  } catch {
    return false;
  }
}
