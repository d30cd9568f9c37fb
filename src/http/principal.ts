/**
 * Who is calling. Every /api/v1 request is authenticated here (a console session cookie
 * or a bearer token) before any route runs; routes then ask for the workspace, the actor
 * to audit, the customer scope and whether phones may be shown, and pass them on.
 * After a successful write the request is audited; for callers who may not see phone
 * numbers every JSON answer is masked once more on its way out.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  csrfTokenFor, hasScope, requiredScope, routeAccess, safeEqual, scopeOfPrincipal, sessionUser, tokenPrincipal,
  type Principal, type Role,
} from '../auth/index.ts';
import { audit, visibleCustomerId, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { maskPhonesDeep, maskPhonesIn } from '../shared/phone.ts';
import type { CustomerScope } from '../shared/scope.ts';
import type { Db } from '../store/db.ts';
import { DEFAULT_WORKSPACE } from '../workspaces/index.ts';

export type { Principal, Role };

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
    sessionId: string;
  }
}

export const SESSION_COOKIE = 'siyu_session';
export const CSRF_COOKIE = 'siyu_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Paths that answer without a principal: sign-in, documents, and callers with their own signature. */
export function isPublicPath(rawPath: string): boolean {
  // "//api/…" or "/API/…" must not slip past as a console path.
  const path = rawPath.replace(/\/{2,}/g, '/');
  if (!/^\/api(\/|$)/i.test(path)) return true; // health, OpenAPI, /docs, the console's files
  return path === '/api/v1/auth/login'
    || path.startsWith('/api/v1/wecom/callback/') || path === '/api/v1/wecom/callback'
    || path.startsWith('/api/v1/webhooks/');
}

/** Paths a user who must change their password may still use. */
const PASSWORD_CHANGE_PATHS = new Set(['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function principalOf(c: Context): Principal | undefined {
  return c.get('principal');
}

/** The workspace of the request: the caller's own (public paths: the `workspace` query parameter, else the default). */
export function workspaceOf(c: Context): string {
  return principalOf(c)?.workspaceId ?? c.req.query('workspace') ?? DEFAULT_WORKSPACE;
}

export function actorOf(c: Context): Actor {
  const p = principalOf(c);
  if (!p) return { kind: 'api' };
  return p.kind === 'user' ? { kind: 'staff', id: p.userId } : { kind: 'api', id: p.userId };
}

export function scopeOf(c: Context): CustomerScope {
  const p = principalOf(c);
  return p ? scopeOfPrincipal(p) : { kind: 'all' };
}

/** The signed-in user's login (undefined for API tokens): the owner of what they create. */
export function userLoginOf(c: Context): string | undefined {
  const p = principalOf(c);
  return p?.kind === 'user' ? p.userId : undefined;
}

/** Staff change only what they own (their saved segments): the login to hold them to, else undefined. */
export function onlyOwnedByOf(c: Context): string | undefined {
  const p = principalOf(c);
  return p?.role === 'staff' ? p.userId : undefined;
}

/** Whether full phone numbers may be shown to the caller. */
export function seesPhonesOf(c: Context): boolean {
  return principalOf(c)?.seesPhones ?? false;
}

/** Throw 403 unless the caller has one of the roles. */
export function assertRole(c: Context, ...roles: Role[]): Principal {
  const p = principalOf(c);
  if (!p) throw new SiyuError('unauthorized', 'sign in first');
  if (!roles.includes(p.role)) throw new SiyuError('forbidden', `this needs the role ${roles.join(' or ')}; you are ${p.role}`);
  return p;
}

/** Route-group middleware: `router.use('/api/v1/x/*', requireRole('admin', 'operator'))`. */
export const requireRole = (...roles: Role[]): MiddlewareHandler => async (c, next) => {
  assertRole(c, ...roles);
  await next();
};

/** Route-group middleware for tokens: a user's role decides, a token needs the scope. */
export const requireScope = (scope: string): MiddlewareHandler => async (c, next) => {
  const p = principalOf(c);
  if (!p) throw new SiyuError('unauthorized', 'sign in first');
  if (p.kind === 'token' && !hasScope(p.scopes ?? [], scope)) throw new SiyuError('forbidden', `this token lacks the scope "${scope}"`);
  await next();
};

function bearerOf(c: Context): string | undefined {
  const h = c.req.header('authorization');
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new SiyuError('unauthorized', 'the Authorization header must be "Bearer <token>"');
  return m[1];
}

async function authenticate(db: Db, c: Context, now: Date): Promise<Principal> {
  const bearer = bearerOf(c);
  if (bearer !== undefined) {
    const p = await tokenPrincipal(db, bearer, now);
    if (!p) throw new SiyuError('unauthorized', 'the API token is unknown, revoked or expired');
    const needed = requiredScope(c.req.method, c.req.path);
    if (needed !== null && !hasScope(p.scopes ?? [], needed)) {
      throw new SiyuError('forbidden', `this token lacks the scope "${needed}" (it has ${(p.scopes ?? []).join(', ')})`);
    }
    return p;
  }
  const sessionId = getCookie(c, SESSION_COOKIE);
  if (!sessionId) throw new SiyuError('unauthorized', 'sign in first (POST /api/v1/auth/login), or send an API token as "Authorization: Bearer <token>"');
  const s = await sessionUser(db, sessionId, now);
  if (!s) throw new SiyuError('unauthorized', 'the session has ended; sign in again');
  // Double submit: a page on another site can make the browser send the cookie, but it
  // cannot read it to put its value in a header.
  if (!SAFE_METHODS.has(c.req.method)) {
    const header = c.req.header(CSRF_HEADER) ?? '';
    const expected = csrfTokenFor(sessionId);
    if (!safeEqual(header, expected) || !safeEqual(getCookie(c, CSRF_COOKIE) ?? '', expected)) {
      throw new SiyuError('forbidden', `CSRF check failed: send the "${CSRF_COOKIE}" cookie's value in the "${CSRF_HEADER}" header`);
    }
  }
  if (s.user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(c.req.path)) {
    throw new SiyuError('forbidden', 'change your one-time password first (POST /api/v1/auth/password)', { mustChangePassword: true });
  }
  c.set('sessionId', sessionId);
  return s.principal;
}

export { maskPhonesIn };

/** A JSON answer with the phones in its strings masked (numbers, such as amounts and ids, untouched). */
function maskedJson(text: string): string {
  try {
    return JSON.stringify(maskPhonesDeep(JSON.parse(text)));
  } catch {
    return maskPhonesIn(text);
  }
}

/** A streamed text answer (a CSV or NDJSON export) masked line by line as it goes. */
function maskedStream(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let rest = '';
  return body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const text = rest + decoder.decode(chunk, { stream: true });
      const cut = text.lastIndexOf('\n') + 1;
      rest = text.slice(cut);
      if (cut > 0) controller.enqueue(encoder.encode(maskPhonesIn(text.slice(0, cut))));
    },
    flush(controller) {
      const text = rest + decoder.decode();
      if (text) controller.enqueue(encoder.encode(maskPhonesIn(text)));
    },
  }));
}

/** Numeric ids in a path, by the segment before them: /customers/12/tags/3 → {customers: 12, tags: 3}. */
function targetsOf(path: string): Record<string, number> {
  const out: Record<string, number> = {};
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (/^\d+$/.test(parts[i]!) && parts[i - 1]) out[parts[i - 1]!] = Number(parts[i]);
  }
  return out;
}

export function authMiddleware(deps: { db: Db; now?: () => number }): MiddlewareHandler {
  const { db } = deps;
  return async (c, next) => {
    const path = c.req.path.replace(/\/{2,}/g, '/');
    if (isPublicPath(path)) return next();
    const now = new Date(deps.now?.() ?? Date.now());
    const p = await authenticate(db, c, now);
    const asked = c.req.query('workspace');
    if (asked !== undefined && asked !== p.workspaceId) {
      throw new SiyuError('forbidden', `you belong to workspace "${p.workspaceId}", not "${asked}"`);
    }
    const access = routeAccess(p.role, c.req.method, path);
    if (!access.ok) throw new SiyuError('forbidden', `${access.reason}; you are ${p.role}`);
    c.set('principal', p);
    // Every route under /customers/{id} is about one customer: a staff member outside
    // that customer's scope gets "not found" here, whatever the route does (defence in
    // depth for routes that forget to pass the scope).
    const customer = /^\/api\/v1\/customers\/(\d{1,15})(?:\/|$)/.exec(path);
    if (customer && p.role === 'staff') await visibleCustomerId(db, p.workspaceId, Number(customer[1]), scopeOfPrincipal(p));
    await next();

    const status = c.res.status;
    if (!SAFE_METHODS.has(c.req.method) && status < 400) {
      const targets = targetsOf(path);
      await audit(db, p.workspaceId, actorOf(c), `http.${c.req.method.toLowerCase()}`, targets.customers ?? null,
        { path, status, targets });
    }
    // Routes mask what they know to be phones; this catches every other place one may sit
    // (a name, a channel, a note), in JSON and in exports alike.
    const type = c.res.headers.get('content-type') ?? '';
    if (!p.seesPhones && (type.includes('json') || type.startsWith('text/')) && c.res.body) {
      const headers = new Headers(c.res.headers);
      headers.delete('content-length');
      const whole = /^application\/(?:[\w.+-]+\+)?json\b/.test(type);
      c.res = new Response(whole ? maskedJson(await c.res.text()) : maskedStream(c.res.body), { status, headers });
    }
  };
}

/**
 * Authentication for the whole app, the security schemes in the OpenAPI document. Call before registering routes.
 */
export function installAuth(app: OpenAPIHono, deps: { db: Db; now?: () => number }): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey', in: 'cookie', name: SESSION_COOKIE,
    description: `Console session from POST /api/v1/auth/login. Writes also need the "${CSRF_HEADER}" header equal to the "${CSRF_COOKIE}" cookie.`,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http', scheme: 'bearer',
    description: 'API token (siyu_…) from POST /api/v1/tokens; its scopes (resource:read, resource:write, admin) limit what it may call.',
  });
  app.use('*', authMiddleware(deps));
}

/** The document-level security requirement: a session cookie or a bearer token. */
export const API_SECURITY: Record<string, string[]>[] = [{ sessionCookie: [] }, { bearerToken: [] }];
