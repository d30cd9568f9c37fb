/**
 * What every request meets before any route: response headers that keep browsers safe,
 * a body size limit read before anything parses the body, and parameters and JSON bodies
 * checked once (media type, syntax, text that can be stored) so a client's mistake is a
 * 4xx naming it, never a 500. Routes that read their own body (events: one bad event
 * must not fail the batch) check their items themselves.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SiyuError } from '../shared/errors.ts';
import { errorResponse } from './errors.ts';

/** The unauthenticated sign-in takes a login and a password, nothing more. */
export const LOGIN_BODY_BYTES = 16 * 1024;
/** Every other JSON route: generous for a filter or a rule, bounded for memory. */
export const JSON_BODY_BYTES = 1024 * 1024;

/**
 * Routes that read their own body (NDJSON events, signed shop webhooks, WeCom's XML) and
 * set their own, larger limit beside the route.
 */
export function readsOwnBody(path: string): boolean {
  return path === '/api/v1/events' || path === '/api/v1/materials/files' || path.startsWith('/api/v1/webhooks/') || path.startsWith('/api/v1/wecom/callback/');
}

const normalised = (path: string) => path.replace(/\/{2,}/g, '/');

/**
 * The console is a Vite build (no inline scripts); Ant Design writes its styles inline, so
 * styles may be inline, scripts may not. No page may frame ours (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('x-content-type-options', 'nosniff');
  h.set('x-frame-options', 'DENY');
  h.set('referrer-policy', 'no-referrer');
  if (!h.has('content-security-policy')) h.set('content-security-policy', CONTENT_SECURITY_POLICY);
  // Answers of the API carry customers' data: never kept by a browser or a proxy.
  if (/^\/(api(\/|$)|openapi\.json$|healthz$)/.test(normalised(c.req.path))) h.set('cache-control', 'no-store');
};

const tooLarge = (limit: number, what: string) =>
  new SiyuError('payload_too_large', `the request body is larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MiB` : `${limit / 1024} KiB`}, the limit for ${what}`, { limitBytes: limit });

const LOGIN_LIMIT = bodyLimit({ maxSize: LOGIN_BODY_BYTES, onError: (c) => errorResponse(c, tooLarge(LOGIN_BODY_BYTES, 'signing in')) });
const JSON_LIMIT = bodyLimit({ maxSize: JSON_BODY_BYTES, onError: (c) => errorResponse(c, tooLarge(JSON_BODY_BYTES, 'a request')) });

/** A size limit on every body, enforced while it is read (a lying or missing Content-Length included). */
export const bodyLimits = (): MiddlewareHandler => async (c, next) => {
  const path = normalised(c.req.path);
  if (readsOwnBody(path)) return next();
  return (path === '/api/v1/auth/login' ? LOGIN_LIMIT : JSON_LIMIT)(c, next);
};

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/** Why a text cannot be stored (PostgreSQL text holds no NUL; UTF-8 has no lone surrogates), or null. */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate (\\uD800–\\uDFFF), which is not Unicode text';
  return null;
}

/** Every string (and key) of a parsed document that cannot be stored, with its path. Iterative: a document may nest deep. */
function unstorableIn(doc: unknown): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const stack: [unknown, string][] = [[doc, '']];
  while (stack.length > 0 && problems.length < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const why = unstorable(v);
      if (why) problems.push({ path: path || 'body', message: why });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const why = unstorable(k);
        if (why) problems.push({ path: path || 'body', message: `a key ${why}` });
        stack.push([x, path ? `${path}.${k}` : k]);
      }
    }
  }
  return problems;
}

const refuseText = (problems: { path: string; message: string }[]) =>
  new SiyuError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

/**
 * Path segments and query values must be text that can be stored: a NUL or a lone
 * surrogate is refused here, naming the parameter, instead of failing in the database.
 */
export const storableParams = (): MiddlewareHandler => async (c, next) => {
  const problems: { path: string; message: string }[] = [];
  const url = new URL(c.req.url);
  for (const segment of url.pathname.split('/')) {
    let decoded: string;
    try { decoded = decodeURIComponent(segment); } catch { decoded = segment; }
    const why = unstorable(decoded);
    if (why) problems.push({ path: `path "${segment.slice(0, 40)}"`, message: why });
  }
  for (const [name, value] of url.searchParams) {
    const why = unstorable(value) ?? (unstorable(name) && `its name ${unstorable(name)}`);
    if (why) problems.push({ path: `query.${name.replace(/[^\w.-]/g, '?').slice(0, 40)}`, message: why });
  }
  if (problems.length > 0) throw refuseText(problems);
  return next();
};

/**
 * A body sent to a JSON route must say it is JSON and be JSON. Checked here once, so the
 * routes' validators only ever see a parsed document. The parsed text stays cached on the
 * request for the validator.
 */
export const jsonBodies = (): MiddlewareHandler => async (c, next) => {
  const path = normalised(c.req.path);
  if (!c.req.raw.body || !/^\/api(\/|$)/i.test(path) || readsOwnBody(path) || ['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
  const type = c.req.header('content-type');
  const media = (type ?? '').split(';')[0]!.trim();
  if (!JSON_MEDIA.test(media)) {
    throw new SiyuError('unsupported_media_type', `${c.req.method} ${path} takes a JSON body: send Content-Type: application/json (got ${type ? `"${type.slice(0, 100)}"` : 'none'})`,
      { contentType: type ?? null });
  }
  const text = await c.req.text();
  if (text.trim() === '') return next(); // routes without a body accept an empty one; those that need one say so
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new SiyuError('malformed_json', `the request body is not valid JSON: ${(err as Error).message.slice(0, 200)}`);
  }
  const problems = unstorableIn(doc);
  if (problems.length > 0) throw refuseText(problems);
  return next();
};
