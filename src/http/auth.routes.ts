/**
 * Signing in to the console: login sets an httpOnly session cookie and a readable CSRF
 * cookie; logout ends the session; me says who is signed in; password changes it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { changeOwnPassword, endSession, getUser, login, SESSION_MAX_MS, type User } from '../auth/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok } from './errors.ts';
import { clientAddressOf, isHttpsRequest, trustedProxies } from './client.ts';
import { CSRF_COOKIE, SESSION_COOKIE, principalOf } from './principal.ts';

export const meSchema = z.object({
  userId: z.string().openapi({ description: 'the login (a token\'s name for API tokens)', example: 'admin' }),
  name: z.string(),
  role: z.enum(['admin', 'operator', 'staff']),
  staffId: z.string().nullable().openapi({ description: 'WeCom userid of a staff member' }),
  workspaceId: z.string(),
  seesPhones: z.boolean(),
  mustChangePassword: z.boolean(),
  kind: z.enum(['user', 'token']),
}).openapi('Me');

/**
 * Signing in names the account by `login`, as creating a user does. `username` is the old
 * name of the same field, still accepted so existing clients keep working; one of the two.
 */
const signInBody = z.object({
  login: z.string().min(1).max(64).optional().openapi({ example: 'admin' }),
  username: z.string().min(1).max(64).optional().openapi({ description: 'deprecated: the former name of `login`' }),
  password: z.string().min(1).max(256),
}).superRefine((b, ctx) => {
  if (b.login === undefined && b.username === undefined) ctx.addIssue({ code: 'custom', path: ['login'], message: 'is required' });
  else if (b.login !== undefined && b.username !== undefined) ctx.addIssue({ code: 'custom', path: ['username'], message: 'give login or username, not both' });
});

const err = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });

const routes = {
  login: createRoute({
    method: 'post', path: '/api/v1/auth/login', security: [],
    summary: 'Sign in: sets the httpOnly session cookie siyu_session and the readable CSRF cookie siyu_csrf',
    description: 'A wrong login and a wrong password get the same answer. 5 attempts that fail in 15 minutes lock the login for 15 minutes (429), '
      + '20 lock the client address (read from X-Forwarded-For only when the peer is in SIYU_TRUSTED_PROXIES). Parallel attempts count one by one.',
    request: { body: json(signInBody) },
    responses: {
      200: ok('Signed in', meSchema.extend({ csrfToken: z.string().openapi({ description: `the value to send in the x-csrf-token header (also in the ${CSRF_COOKIE} cookie)` }) })),
      401: err('Wrong login or password'), 429: err('Too many failed sign-ins; try later'), ...errorResponses,
    },
  }),
  logout: createRoute({
    method: 'post', path: '/api/v1/auth/logout', summary: 'Sign out: the session ends and its cookies are cleared',
    responses: { 200: ok('Signed out', z.object({ ok: z.boolean() })), 401: err('Not signed in') },
  }),
  me: createRoute({
    method: 'get', path: '/api/v1/auth/me', summary: 'Who is signed in, with role, staff id and whether phone numbers are shown',
    responses: { 200: ok('The caller', meSchema), 401: err('Not signed in') },
  }),
  password: createRoute({
    method: 'post', path: '/api/v1/auth/password',
    summary: 'Change your own password (required after a one-time password); other sessions end',
    request: { body: json(z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) })) },
    responses: { 200: ok('Changed', meSchema), 401: err('Not signed in'), 403: err('The current password is wrong'), 429: err('5 wrong current passwords in 15 minutes: locked for 15 minutes'), ...errorResponses },
  }),
};

const meOf = (u: User) => ({
  userId: u.login, name: u.name, role: u.role, staffId: u.staffId, workspaceId: u.workspaceId,
  seesPhones: u.seesPhones, mustChangePassword: u.mustChangePassword, kind: 'user' as const,
});

export function authRoutes({ db, now, trustedProxies: proxies }: AppDeps) {
  const clock = () => new Date(now?.() ?? Date.now());
  const trusted = trustedProxies(proxies);
  const router = newRouter();
  router.openapi(routes.login, async (c) => {
    const { login: name, username, password } = c.req.valid('json');
    const r = await login(db, { login: (name ?? username)!, password, ip: clientAddressOf(c, trusted), now: clock() });
    const secure = isHttpsRequest(c, trusted);
    const maxAge = Math.floor(SESSION_MAX_MS / 1000);
    setCookie(c, SESSION_COOKIE, r.sessionId, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge });
    setCookie(c, CSRF_COOKIE, r.csrfToken, { httpOnly: false, sameSite: 'Lax', secure, path: '/', maxAge });
    return c.json({ ...meOf(r.user), csrfToken: r.csrfToken }, 200);
  });
  router.openapi(routes.logout, async (c) => {
    const sessionId = c.get('sessionId');
    if (sessionId) await endSession(db, sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.json({ ok: true }, 200);
  });
  router.openapi(routes.me, async (c) => {
    const p = principalOf(c);
    if (!p) throw new SiyuError('unauthorized', 'sign in first');
    if (p.kind === 'token') {
      return c.json({ userId: p.userId, name: p.userId, role: p.role, staffId: null, workspaceId: p.workspaceId, seesPhones: p.seesPhones, mustChangePassword: false, kind: 'token' as const }, 200);
    }
    return c.json(meOf(await getUser(db, p.workspaceId, p.userId)), 200);
  });
  router.openapi(routes.password, async (c) => {
    const p = principalOf(c);
    if (!p || p.kind !== 'user') throw new SiyuError('forbidden', 'only a signed-in user changes their own password');
    const { currentPassword, newPassword } = c.req.valid('json');
    const user = await changeOwnPassword(db, { workspaceId: p.workspaceId, login: p.userId }, currentPassword, newPassword, clock(), c.get('sessionId'));
    return c.json(meOf(user), 200);
  });
  return router;
}
