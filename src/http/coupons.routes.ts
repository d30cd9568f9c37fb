import { createRoute, z } from '@hono/zod-openapi';
import { customerCoupons, defineCoupon, issueCoupon, listCoupons, redeemCoupon } from '../coupons/index.ts';
import { localDate } from '../shared/time.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, assertRole, principalOf, scopeOf, workspaceOf } from './principal.ts';

const couponSchema = z.object({
  couponId: z.string(), name: z.string(), value: z.string().openapi({ description: 'yuan' }), minSpend: z.string(),
  validDays: z.number().openapi({ description: 'valid this many days, the day of issue counted' }),
  remindDays: z.number().nullable().openapi({ description: 'a reminder task this many days before it lapses (10:00 local); null: none' }),
  active: z.boolean(), issued: z.number(), redeemed: z.number(),
}).openapi('Coupon');
const issueSchema = z.object({
  issueId: z.string(), couponId: z.string(), couponName: z.string(), value: z.string(), customerId: z.number(), staffId: z.string().nullable(),
  source: z.object({ type: z.enum(['task', 'sop', 'rule', 'staff', 'api']), id: z.string() }),
  issuedAt: z.string(), expiresAt: z.string(), status: z.enum(['issued', 'redeemed', 'expired']), redeemedAt: z.string().nullable(),
  orderId: z.string().nullable(), reminderTaskId: z.number().nullable(),
}).openapi('CouponIssue');
const conflict = { 409: { description: 'Switched off or lapsed', content: { 'application/json': { schema: errorSchema } } } };

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/coupons', summary: 'Coupon definitions with how many were issued and redeemed',
    request: { query: workspaceQuery },
    responses: { 200: ok('Coupons', z.object({ items: z.array(couponSchema) })), ...errorResponses },
  }),
  put: createRoute({
    method: 'put', path: '/api/v1/coupons/{couponId}', summary: 'Create or change a coupon definition (name, value, validity, reminder)',
    request: {
      params: z.object({ couponId: z.string().max(100).openapi({ example: 'fruit-20' }) }), query: workspaceQuery,
      body: json(z.object({
        name: z.string().min(1).max(50), value: z.union([z.string().max(20), z.number()]).openapi({ description: 'yuan' }),
        minSpend: z.union([z.string().max(20), z.number()]).optional(), validDays: z.number().int(), remindDays: z.number().int().nullable().optional(),
        active: z.boolean().optional(),
      })),
    },
    responses: { 200: ok('The coupon', couponSchema), ...errorResponses },
  }),
  customer: createRoute({
    method: 'get', path: '/api/v1/customers/{id}/coupons', summary: 'The customer\'s coupons, newest first',
    request: { params: z.object({ id: z.coerce.number().int().positive() }), query: workspaceQuery },
    responses: { 200: ok('Coupons issued', z.object({ items: z.array(issueSchema) })), ...errorResponses },
  }),
  issue: createRoute({
    method: 'post', path: '/api/v1/customers/{id}/coupons',
    summary: 'Issue a coupon to the customer: recorded, coupon.issued written, the expiry reminder planned. The same key issues once',
    request: {
      params: z.object({ id: z.coerce.number().int().positive() }), query: workspaceQuery,
      body: json(z.object({
        couponId: z.string().max(100),
        key: z.string().min(1).max(200).optional().openapi({ description: 'exactly-once key; default: one per caller, customer, coupon and day' }),
      })),
    },
    responses: { 201: ok('Issued now', issueSchema), 200: ok('Already issued under this key', issueSchema), ...conflict, ...errorResponses },
  }),
  redeem: createRoute({
    method: 'post', path: '/api/v1/coupon-issues/{issueId}/redeem', summary: 'Record that the customer used the coupon (written as coupon.redeemed)',
    request: {
      params: z.object({ issueId: z.string().max(300) }), query: workspaceQuery,
      body: json(z.object({ orderId: z.string().max(200).optional() }), false),
    },
    responses: { 200: ok('The coupon, redeemed', issueSchema), ...conflict, ...errorResponses },
  }),
};

export function couponRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const at = () => now?.() ?? Date.now();
  router.openapi(routes.list, async (c) => c.json({ items: await listCoupons(db, workspaceOf(c)) }, 200));
  router.openapi(routes.put, async (c) => {
    assertRole(c, 'admin', 'operator');
    return c.json(await defineCoupon(db, workspaceOf(c), { couponId: c.req.valid('param').couponId, ...c.req.valid('json') }, actorOf(c)), 200);
  });
  router.openapi(routes.customer, async (c) => c.json({ items: await customerCoupons(db, workspaceOf(c), c.req.valid('param').id, scopeOf(c)) }, 200));
  router.openapi(routes.issue, async (c) => {
    const ws = workspaceOf(c);
    const t = at();
    const body = c.req.valid('json');
    const p = principalOf(c);
    const customerId = c.req.valid('param').id;
    const who = p?.staffId ?? p?.userId ?? 'api';
    const key = body.key ? `api:${body.key}` : `staff:${who}:${customerId}:${body.couponId}:${localDate((await requireWorkspace(db, ws)).timeZone, t)}`;
    const r = await issueCoupon(db, ws, {
      couponId: body.couponId, customerId, issueId: key, source: { type: p?.kind === 'token' ? 'api' : 'staff', id: who }, staffId: p?.staffId ?? null,
    }, { now: t, actor: actorOf(c), scope: scopeOf(c) });
    return c.json(r.issue, r.created ? 201 : 200);
  });
  return router.openapi(routes.redeem, async (c) => {
    const body = c.req.valid('json') ?? {};
    return c.json(await redeemCoupon(db, workspaceOf(c), c.req.valid('param').issueId, { now: at(), actor: actorOf(c), orderId: body.orderId, scope: scopeOf(c) }), 200);
  });
}
