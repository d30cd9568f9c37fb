/**
 * Staff accounts and API tokens (admins only; the access rules in src/auth/policy.ts say so).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  createToken, createUser, listTokens, listUsers, getUser, revokeToken, setPassword, unlockUser, updateUser,
} from '../auth/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok } from './errors.ts';
import { actorOf, workspaceOf } from './principal.ts';

const role = z.enum(['admin', 'operator', 'staff']);
const userSchema = z.object({
  userId: z.number(), workspaceId: z.string(), login: z.string(), name: z.string(), role,
  staffId: z.string().nullable().openapi({ description: 'WeCom userid; a staff account sees the customers this staff member owns or follows' }),
  seesPhones: z.boolean(), mustChangePassword: z.boolean(), disabled: z.boolean(),
  failedAttempts: z.number(), lockedUntil: z.string().nullable(), lastLoginAt: z.string().nullable(), createdAt: z.string(),
}).openapi('User');
const tokenSchema = z.object({
  tokenId: z.number(), name: z.string(), prefix: z.string().openapi({ description: 'the first characters, to tell tokens apart' }),
  scopes: z.array(z.string()), createdBy: z.string().nullable(), createdAt: z.string(),
  lastUsedAt: z.string().nullable(), expiresAt: z.string().nullable(), revokedAt: z.string().nullable(),
}).openapi('ApiToken');

const errors = {
  ...errorResponses,
  403: { description: 'Not an admin', content: { 'application/json': { schema: errorSchema } } },
  409: { description: 'The login is taken, or the change would leave no admin', content: { 'application/json': { schema: errorSchema } } },
} as const;
const userRef = z.object({ user: z.string().min(1).openapi({ description: 'login or user id', example: 'zhangsan' }) });

const routes = {
  list: createRoute({ method: 'get', path: '/api/v1/users', summary: 'Staff accounts of the workspace', responses: { 200: ok('Users', z.array(userSchema)), ...errors } }),
  create: createRoute({
    method: 'post', path: '/api/v1/users',
    summary: 'Create a staff account; without a password a one-time one is returned (this once) and must be changed at first sign-in',
    request: {
      body: json(z.object({
        login: z.string().min(2).max(64).openapi({ example: 'zhangsan' }), name: z.string().max(100).optional(), role,
        staffId: z.string().min(1).max(128).optional().openapi({ description: 'required for role staff: their WeCom userid' }),
        seesPhones: z.boolean().optional().openapi({ description: 'default: admins and operators yes, staff no' }),
        password: z.string().min(1).max(256).optional(),
      })),
    },
    responses: { 201: ok('Created', z.object({ user: userSchema, oneTimePassword: z.string().nullable() })), ...errors },
  }),
  get: createRoute({ method: 'get', path: '/api/v1/users/{user}', summary: 'One staff account', request: { params: userRef }, responses: { 200: ok('The user', userSchema), ...errors } }),
  update: createRoute({
    method: 'patch', path: '/api/v1/users/{user}', summary: 'Change name, role, staff id, phone visibility or disable/enable (sessions end when powers change)',
    request: {
      params: userRef,
      body: json(z.object({ name: z.string().min(1).max(100).optional(), role: role.optional(), staffId: z.string().min(1).max(128).nullable().optional(), seesPhones: z.boolean().optional(), disabled: z.boolean().optional() })),
    },
    responses: { 200: ok('The user after the change', userSchema), ...errors },
  }),
  disable: createRoute({ method: 'delete', path: '/api/v1/users/{user}', summary: 'Disable a staff account (kept for the audit trail; sessions end)', request: { params: userRef }, responses: { 200: ok('Disabled', userSchema), ...errors } }),
  resetPassword: createRoute({
    method: 'post', path: '/api/v1/users/{user}/password', summary: 'Reset a password: a one-time password is returned (this once), to be changed at sign-in',
    request: { params: userRef }, responses: { 200: ok('Reset', z.object({ user: userSchema, oneTimePassword: z.string() })), ...errors },
  }),
  unlock: createRoute({ method: 'post', path: '/api/v1/users/{user}/unlock', summary: 'Lift a sign-in lockout', request: { params: userRef }, responses: { 200: ok('Unlocked', userSchema), ...errors } }),
  listTokens: createRoute({ method: 'get', path: '/api/v1/tokens', summary: 'API tokens (never the token itself: its prefix, scopes and last use)', responses: { 200: ok('Tokens', z.array(tokenSchema)), ...errors } }),
  createToken: createRoute({
    method: 'post', path: '/api/v1/tokens', summary: 'Create an API token; the token is returned this once',
    request: {
      body: json(z.object({
        name: z.string().min(1).max(64).openapi({ example: 'shop-sync' }),
        scopes: z.array(z.string()).min(1).openapi({ description: 'resource:read / resource:write (resource = the path segment after /api/v1/, e.g. events:write, customers:read), phones:read, or admin', example: ['events:write'] }),
        expiresAt: z.iso.datetime({ offset: true }).optional(),
      })),
    },
    responses: { 201: ok('Created', z.object({ token: z.string().openapi({ description: 'send as "Authorization: Bearer <token>"; shown only now' }), apiToken: tokenSchema })), ...errors },
  }),
  revokeToken: createRoute({
    method: 'delete', path: '/api/v1/tokens/{id}', summary: 'Revoke an API token (at once: its next request is refused)',
    request: { params: z.object({ id: z.coerce.number().int().positive() }) }, responses: { 200: ok('Revoked', tokenSchema), ...errors },
  }),
};

export function userRoutes({ db, now }: AppDeps) {
  const clock = () => new Date(now?.() ?? Date.now());
  const router = newRouter();
  router.openapi(routes.list, async (c) => c.json(await listUsers(db, workspaceOf(c)), 200));
  router.openapi(routes.create, async (c) => {
    const r = await createUser(db, workspaceOf(c), c.req.valid('json'), actorOf(c), clock());
    return c.json({ user: r.user, oneTimePassword: r.password ?? null }, 201);
  });
  router.openapi(routes.get, async (c) => c.json(await getUser(db, workspaceOf(c), c.req.valid('param').user), 200));
  router.openapi(routes.update, async (c) =>
    c.json(await updateUser(db, workspaceOf(c), c.req.valid('param').user, c.req.valid('json'), actorOf(c), clock()), 200));
  router.openapi(routes.disable, async (c) =>
    c.json(await updateUser(db, workspaceOf(c), c.req.valid('param').user, { disabled: true }, actorOf(c), clock()), 200));
  router.openapi(routes.resetPassword, async (c) => {
    const r = await setPassword(db, workspaceOf(c), c.req.valid('param').user, undefined, actorOf(c), clock());
    return c.json({ user: r.user, oneTimePassword: r.password! }, 200);
  });
  router.openapi(routes.unlock, async (c) => c.json(await unlockUser(db, workspaceOf(c), c.req.valid('param').user, actorOf(c), clock()), 200));
  router.openapi(routes.listTokens, async (c) => c.json(await listTokens(db, workspaceOf(c)), 200));
  router.openapi(routes.createToken, async (c) => {
    const body = c.req.valid('json');
    const expiresAt = body.expiresAt === undefined ? undefined : new Date(body.expiresAt);
    if (expiresAt !== undefined && Number.isNaN(expiresAt.getTime())) throw new SiyuError('validation_failed', 'expiresAt: not a date-time');
    return c.json(await createToken(db, workspaceOf(c), { name: body.name, scopes: body.scopes, expiresAt }, actorOf(c), clock()), 201);
  });
  router.openapi(routes.revokeToken, async (c) => c.json(await revokeToken(db, workspaceOf(c), c.req.valid('param').id, actorOf(c), clock()), 200));
  return router;
}
