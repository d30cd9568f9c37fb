/**
 * The acquisition board over HTTP (获客看板): new followers, removals, net growth,
 * retention, first orders and revenue per channel, campaign heat — within the caller's
 * scope (staff: their own adds, removals and customers).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { acquisitionBoard } from '../analytics/index.ts';
import { scopeOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, ok, workspaceQuery } from './errors.ts';

const date = (what: string, example: string) => z.string().optional().openapi({ description: `${what} (YYYY-MM-DD, workspace time zone, included)`, example });

/** The board filters every board takes: a range, a channel, a staff member, a saved segment. */
export const boardQuery = workspaceQuery.extend({
  from: date('first day; default 29 days before `to`', '2026-11-01'),
  to: date('last day; default today', '2026-11-30'),
  channel: z.string().min(1).max(200).optional().openapi({ description: 'acquisition channel (活码 state); "(none)" for adds without one' }),
  staff: z.string().min(1).max(200).optional().openapi({ description: 'staff member (WeCom userid); staff callers always get their own' }),
  segment: z.string().min(1).max(200).optional().openapi({ description: 'a saved segment (id or name): only its customers' }),
});

const rateSchema = z.number().nullable().openapi({ description: '0–1; null when nothing could be measured' });
const totals = z.object({
  newFollowers: z.number().openapi({ description: 'contact.added events in the range' }),
  newCustomers: z.number().openapi({ description: 'customers behind them (one customer adding two staff members counts once)' }),
  removals: z.number().openapi({ description: 'contact.removed events (删人, either side)' }),
  net: z.number(),
  firstOrders: z.number().openapi({ description: 'new customers whose first paid order came within the attribution window after adding' }),
  conversionRate: rateSchema,
  revenueFen: z.number().int().openapi({ description: 'net paid by the new customers within the attribution window after adding, fen' }),
}).openapi('AcquisitionTotals');
const retentionSchema = z.object({ d7: rateSchema, d30: rateSchema, d90: rateSchema })
  .openapi('Retention', { description: 'share of adds still a friend 7 / 30 / 90 days later, of those old enough to tell' });

export const acquisitionSchema = z.object({
  from: z.string(), to: z.string(), previous: z.object({ from: z.string(), to: z.string() }),
  attributionDays: z.number().int(),
  totals, previousTotals: totals,
  change: z.object({ newFollowers: rateSchema, removals: rateSchema, net: rateSchema, firstOrders: rateSchema, revenueFen: rateSchema })
    .openapi({ description: 'relative change against the previous period (环比); null when the previous period had none' }),
  daily: z.array(z.object({ day: z.string(), newFollowers: z.number(), removals: z.number(), net: z.number() })),
  dailyByChannel: z.array(z.object({ day: z.string(), channel: z.string(), newFollowers: z.number() })),
  byChannel: z.array(totals.extend({
    channel: z.string(), name: z.string().nullable(), retention: retentionSchema,
    previousNewFollowers: z.number(), change: rateSchema,
  })),
  byStaff: z.array(z.object({ staffId: z.string(), name: z.string().nullable(), newFollowers: z.number(), removals: z.number(), net: z.number() })),
  removedBy: z.object({ customer: z.number(), staff: z.number(), unknown: z.number() }).openapi({ description: 'who removed whom: the customer deleted us, or staff deleted the customer' }),
  retention: retentionSchema,
  campaigns: z.array(z.object({
    campaign: z.string(), joins: z.number(), newFollowers: z.number(), orders: z.number(), revenueFen: z.number().int(),
    heat: z.number().openapi({ description: 'joins + new followers + 3 × orders' }), rank: z.number(),
  })),
}).openapi('AcquisitionBoard');

const route = createRoute({
  method: 'get', path: '/api/v1/analytics/acquisition',
  summary: 'Acquisition board (获客看板): new followers by day × channel × staff, removals, net growth, retention, first orders and revenue per channel, campaign heat, with the previous period (环比)',
  request: {
    query: boardQuery.extend({
      attributionDays: z.coerce.number().int().min(1).max(730).optional().openapi({ description: 'days after adding in which orders count for the channel (default 90)' }),
    }),
  },
  responses: { 200: ok('The board', acquisitionSchema), ...errorResponses },
});

export function acquisitionRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  router.openapi(route, async (c) => {
    const { workspace: _ws, ...q } = c.req.valid('query');
    return c.json(await acquisitionBoard(db, workspaceOf(c), { ...q, scope: scopeOf(c), now: now?.() ?? Date.now() }), 200);
  });
  return router;
}
