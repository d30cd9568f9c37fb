/**
 * Channel and campaign costs and the ROI board over HTTP. Costs and returns are the
 * business's figures, not a staff member's: admins and operators only (src/auth/policy.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { listCosts, removeCost, roiBoard, setCost } from '../analytics/index.ts';
import { actorOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, json, ok, workspaceQuery } from './errors.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = (what: string, example: string) => z.string().regex(DATE, 'must be a date (YYYY-MM-DD)').openapi({ description: what, example });
const kind = z.enum(['channel', 'campaign']);
const amount = z.union([z.string().max(40), z.number()]).optional().openapi({ description: 'yuan, a decimal string ("1200.50") or a number; default 0', example: '1200.00' });

const cost = z.object({
  kind, key: z.string().openapi({ description: 'the channel (活码 state) or campaign id' }),
  from: z.string(), to: z.string(), fixedFen: z.number().int(), trafficFen: z.number().int(), note: z.string().nullable(),
  updatedBy: z.string().nullable(), updatedAt: z.string(),
}).openapi('AcquisitionCost');

const roiRow = z.object({
  key: z.string(), name: z.string().nullable(),
  newFollowers: z.number(), customers: z.number().openapi({ description: 'customers acquired (first touch in the range)' }),
  fixedFen: z.number().int(), trafficFen: z.number().int(), costFen: z.number().int().openapi({ description: 'the share of each cost period that falls in the range' }),
  costPerFollowerFen: z.number().int().nullable().openapi({ description: '(fixed + traffic) / new followers' }),
  revenueFen: z.number().int().openapi({ description: 'net paid by the acquired customers within the attribution window after acquisition' }),
  roi: z.number().nullable().openapi({ description: 'revenue / cost; null without a cost' }),
  paybackDays: z.number().int().nullable().openapi({ description: 'days from the range\'s first day until the revenue covered the cost; null: not (yet)' }),
}).openapi('RoiRow');

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/analytics/costs', summary: 'Costs per channel and campaign and period (fixed and traffic cost)',
    request: { query: workspaceQuery.extend({ kind: kind.optional(), key: z.string().min(1).max(200).optional() }) },
    responses: { 200: ok('Cost entries', z.array(cost)), ...errorResponses },
  }),
  set: createRoute({
    method: 'put', path: '/api/v1/analytics/costs',
    summary: 'Set the cost of a channel or campaign for a period (replaces the entry starting that day; overlapping entries are refused)',
    request: {
      query: workspaceQuery,
      body: json(z.object({
        kind, key: z.string().min(1).max(200), from: day('first day of the period', '2026-11-01'), to: day('last day of the period (included)', '2026-11-30'),
        fixed: amount, traffic: amount, note: z.string().max(500).optional(),
      }).strict()),
    },
    responses: { 200: ok('The entry', cost), ...errorResponses },
  }),
  remove: createRoute({
    method: 'delete', path: '/api/v1/analytics/costs', summary: 'Remove a cost entry (the one of that channel or campaign starting that day)',
    request: { query: workspaceQuery.extend({ kind, key: z.string().min(1).max(200), from: day('first day of the entry', '2026-11-01') }) },
    responses: { 200: ok('The removed entry', cost), ...errorResponses },
  }),
  roi: createRoute({
    method: 'get', path: '/api/v1/analytics/roi',
    summary: 'ROI per channel and campaign: cost in the range, cost per follower, attributed revenue (orders within the window after acquisition), ROI and payback',
    request: {
      query: workspaceQuery.extend({
        from: day('first day; default 29 days before `to`', '2026-11-01').optional(),
        to: day('last day; default today', '2026-11-30').optional(),
        attributionDays: z.coerce.number().int().min(1).max(730).optional().openapi({ description: 'default 90' }),
      }),
    },
    responses: {
      200: ok('The board', z.object({
        from: z.string(), to: z.string(), attributionDays: z.number().int(),
        windowComplete: z.boolean().openapi({ description: 'false while orders may still come within the window after the range' }),
        totals: roiRow.omit({ key: true, name: true }), channels: z.array(roiRow), campaigns: z.array(roiRow),
      }).openapi('RoiBoard')),
      ...errorResponses,
    },
  }),
};

export function roiRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  router.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listCosts(db, workspaceOf(c), { ...(q.kind ? { kind: q.kind } : {}), ...(q.key ? { key: q.key } : {}) }), 200);
  });
  router.openapi(routes.set, async (c) => c.json(await setCost(db, workspaceOf(c), c.req.valid('json'), actorOf(c)), 200));
  router.openapi(routes.remove, async (c) => {
    const q = c.req.valid('query');
    return c.json(await removeCost(db, workspaceOf(c), q.kind, q.key, q.from, actorOf(c)), 200);
  });
  router.openapi(routes.roi, async (c) => {
    const { workspace: _ws, ...q } = c.req.valid('query');
    return c.json(await roiBoard(db, workspaceOf(c), { ...q, now: now?.() ?? Date.now() }), 200);
  });
  return router;
}
