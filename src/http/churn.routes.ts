/**
 * Churn over HTTP: who removed us (or was removed), when, after how long, their last touch
 * and owner, and why — staff record reasons for their own customers; the list of reasons
 * is set by admins and operators.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { churnReport, getChurnReasons, recordChurnReason, setChurnReasons } from '../analytics/index.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, json, ok, workspaceQuery } from './errors.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = (what: string) => z.string().regex(DATE, 'must be a date (YYYY-MM-DD)').optional().openapi({ description: what });

const entry = z.object({
  customerId: z.number(), name: z.string().nullable(), removedAt: z.string(),
  by: z.string().nullable().openapi({ description: 'customer (they deleted us) or staff (we deleted them)' }), staffId: z.string().nullable(),
  addedAt: z.string().nullable(), tenureDays: z.number().nullable().openapi({ description: 'whole days a friend before the removal' }),
  channel: z.string().nullable(), owner: z.string().nullable(),
  lastTouch: z.object({ type: z.string(), at: z.string(), staffId: z.string().nullable() }).nullable().openapi({ description: 'the last event before the removal' }),
  lastStaffMessageAt: z.string().nullable(),
  reason: z.string().nullable(), note: z.string().nullable(), recordedBy: z.string().nullable(),
}).openapi('ChurnEntry');

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/analytics/churn',
    summary: 'Churn list and reason report: removals (删人) in a range with tenure, last touch, owner and recorded reason, and the share of each reason (staff: their own customers)',
    request: {
      query: workspaceQuery.extend({
        from: day('first day; default 29 days before `to`'), to: day('last day; default today'),
        channel: z.string().min(1).max(200).optional(), staff: z.string().min(1).max(200).optional().openapi({ description: 'removals by or owned by this staff member' }),
        reason: z.string().min(1).max(40).optional().openapi({ description: 'only this reason; "(not recorded)" for the unexplained' }),
        limit: z.coerce.number().int().min(1).max(5000).optional(),
      }),
    },
    responses: {
      200: ok('The churn report', z.object({
        from: z.string(), to: z.string(), removals: z.number(), byCustomer: z.number(), byStaff: z.number(), medianTenureDays: z.number().nullable(),
        reasons: z.array(z.object({ reason: z.string(), removals: z.number(), share: z.number(), shareOfRecorded: z.number().nullable() })),
        options: z.array(z.string()).openapi({ description: 'the workspace\'s reasons' }),
        items: z.array(entry),
      }).openapi('ChurnReport')),
      ...errorResponses,
    },
  }),
  record: createRoute({
    method: 'put', path: '/api/v1/analytics/churn/{id}/reason',
    summary: 'Record why a customer left, against their latest removal (or the one at removedAt); staff for their own customers',
    request: {
      params: z.object({ id: z.coerce.number().int().positive() }), query: workspaceQuery,
      body: json(z.object({ reason: z.string().min(1).max(40), note: z.string().max(500).optional(), removedAt: z.string().max(40).optional() }).strict()),
    },
    responses: { 200: ok('The recorded reason', z.object({ customerId: z.number(), removedAt: z.string(), reason: z.string(), note: z.string().nullable() })), ...errorResponses },
  }),
  reasons: createRoute({
    method: 'get', path: '/api/v1/analytics/churn-reasons', summary: 'The workspace\'s list of churn reasons (default: 搬家, 其他渠道, 朋友推荐, 竞品更优, 产品不满意, 员工冷漠)',
    request: { query: workspaceQuery },
    responses: { 200: ok('Reasons', z.object({ reasons: z.array(z.string()) })), ...errorResponses },
  }),
  setReasons: createRoute({
    method: 'put', path: '/api/v1/analytics/churn-reasons', summary: 'Replace the list of churn reasons (reasons already recorded keep counting)',
    request: { query: workspaceQuery, body: json(z.object({ reasons: z.array(z.string()).min(1).max(30) }).strict()) },
    responses: { 200: ok('Reasons', z.object({ reasons: z.array(z.string()) })), ...errorResponses },
  }),
};

export function churnRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  router.openapi(routes.list, async (c) => {
    const { workspace: _ws, ...q } = c.req.valid('query');
    return c.json(await churnReport(db, workspaceOf(c), { ...q, scope: scopeOf(c), now: now?.() ?? Date.now() }), 200);
  });
  router.openapi(routes.record, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await recordChurnReason(db, workspaceOf(c), id, c.req.valid('json'), actorOf(c), scopeOf(c)), 200);
  });
  router.openapi(routes.reasons, async (c) => c.json({ reasons: await getChurnReasons(db, workspaceOf(c)) }, 200));
  router.openapi(routes.setReasons, async (c) => c.json({ reasons: await setChurnReasons(db, workspaceOf(c), c.req.valid('json').reasons, actorOf(c)) }, 200));
  return router;
}
