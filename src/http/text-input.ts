/**
 * Text that reaches the store must be storable (shared/text.ts): checked once at the edge
 * for URLs and JSON bodies, so a NUL in a query parameter or a body field is a 4xx naming
 * it instead of a 500 from PostgreSQL.
 *
 * - The URL: percent-encoding that is not UTF-8 → 400; a NUL or lone surrogate in a query
 *   parameter → 400 naming the parameter.
 * - JSON bodies must be UTF-8 (RFC 8259 §8.1): a body that does not decode → 400 saying so,
 *   instead of decoding it with replacement characters and storing "����".
 * - A string anywhere in a JSON body that PostgreSQL cannot store → 422 naming its path.
 *
 * The body is read once here and left cached for the route, so this must run after the body
 * size limits. Routes that read their own body (the events batch validates item by item;
 * signed webhooks and WeCom callbacks) are left to do so.
 */
import type { MiddlewareHandler } from 'hono';
import { SiyuError } from '../shared/errors.ts';
import { findTextFault, scanUtf8, textProblem } from '../shared/text.ts';

const OWN_BODY = /^\/api\/v1\/(events$|webhooks\/|wecom\/callback\/)/;
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/** Decode a body that must be UTF-8, or refuse it naming the first bad byte. */
export function decodeUtf8Body(bytes: Uint8Array, what = 'the request body'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = scanUtf8(bytes).firstInvalid;
    throw new SiyuError('bad_request', `${what} is not valid UTF-8 (byte ${at + 1} of ${bytes.length}): JSON must be sent as UTF-8 (RFC 8259); convert it, e.g. from GBK, before sending`, { byteOffset: at });
  }
}

function checkUrl(url: string): void {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const parts: [string, string][] = [['path', path.replace(/^[a-z]+:\/\/[^/]+/i, '')]];
  if (query >= 0) {
    for (const pair of url.slice(query + 1).split('&')) {
      const eq = pair.indexOf('=');
      parts.push([eq < 0 ? pair : pair.slice(0, eq), eq < 0 ? '' : pair.slice(eq + 1)]);
    }
  }
  for (const [name, raw] of parts) {
    let value: string;
    let key: string;
    try {
      value = decodeURIComponent(raw.replace(/\+/g, ' '));
      key = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      throw new SiyuError('bad_request', `the URL's ${name === 'path' ? 'path' : `query parameter "${name.slice(0, 50)}"`} is not valid percent-encoded UTF-8`);
    }
    const problem = textProblem(key) ?? textProblem(value);
    if (problem) {
      throw new SiyuError('bad_request', `${name === 'path' ? 'the URL path' : `query parameter "${textProblem(key) ? key.replace(/\u0000/g, '\\0') : key}"`} ${problem}`, { parameter: name === 'path' ? null : key });
    }
  }
}

export const textInput = (): MiddlewareHandler => async (c, next) => {
  checkUrl(c.req.url);
  const path = c.req.path;
  if (!c.req.raw.body || OWN_BODY.test(path) || ['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
  const media = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!JSON_MEDIA.test(media)) return next();
  const text = decodeUtf8Body(new Uint8Array(await c.req.arrayBuffer()));
  // Hono keeps read bodies as promises in bodyCache (its type says otherwise); the routes read this text.
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  // Parsed only when it may hold something unstorable: a raw NUL, or a \u escape of NUL or a surrogate.
  if (text.includes('\u0000') || /\\u(0000|d[89a-f])/i.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return next(); // malformed JSON is the JSON check's to report
    }
    const fault = findTextFault(value);
    if (fault) {
      const where = fault.path.map(String).join('.') || 'body';
      throw new SiyuError('validation_failed', `${where}: ${fault.reason}`, [{ path: where, message: fault.reason }]);
    }
  }
  return next();
};
