/**
 * The customers board's history over HTTP: each model's distribution over time, read from
 * the daily snapshots (what was known each day), within the caller's scope.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { addDays, customerTrend, SNAPSHOT_MODELS } from '../analytics/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { localDate } from '../shared/time.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { scopeOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, ok, workspaceQuery } from './errors.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const trendRoute = createRoute({
  method: 'get', path: '/api/v1/analytics/customers/trend',
  summary: 'A model\'s distribution over time (the last day of each day, week or month), from the daily snapshots: only customers who existed then, placed on what was known then',
  request: {
    query: workspaceQuery.extend({
      model: z.enum([...SNAPSHOT_MODELS, 'customers']).openapi({ description: '"customers": total and still-a-friend counts' }),
      from: z.string().regex(DATE, 'must be a date (YYYY-MM-DD)').optional().openapi({ description: 'first day; default 12 weeks before `to`', example: '2026-09-01' }),
      to: z.string().regex(DATE, 'must be a date (YYYY-MM-DD)').optional().openapi({ description: 'last day; default today', example: '2026-11-30' }),
      interval: z.enum(['day', 'week', 'month']).optional().openapi({ description: 'default week (Monday–Sunday)' }),
      channel: z.string().min(1).max(200).optional().openapi({ description: 'only customers acquired through this channel (not for staff: their own customers)' }),
    }),
  },
  responses: {
    200: ok('The trend', z.object({
      model: z.string(), interval: z.enum(['day', 'week', 'month']), from: z.string(), to: z.string(),
      values: z.array(z.string()).openapi({ description: 'the model\'s values present, in its order' }),
      buckets: z.array(z.object({
        bucket: z.string().openapi({ description: 'the day, the week\'s Monday or the month (YYYY-MM)' }),
        day: z.string().openapi({ description: 'the snapshot day standing for the bucket (its last)' }),
        total: z.number(), counts: z.record(z.string(), z.number()),
      })),
    }).openapi('CustomerTrend')),
    ...errorResponses,
  },
});

export function customersBoardRoutes({ db, maintenanceDb, now }: AppDeps) {
  const router = newRouter();
  router.openapi(trendRoute, async (c) => {
    const q = c.req.valid('query');
    const ws = await requireWorkspace(db, workspaceOf(c));
    const at = now?.() ?? Date.now();
    const to = q.to ?? localDate(ws.timeZone, at);
    const from = q.from ?? addDays(to, -83);
    if (from > to) throw new SiyuError('validation_failed', `from: ${from} is after to (${to})`, { field: 'from' });
    // Missing snapshots are replayed from history first: a maintenance-length job, once.
    return c.json(await customerTrend(maintenanceDb ?? db, ws.workspaceId, {
      model: q.model, from, to, interval: q.interval ?? 'week', now: at, scope: scopeOf(c), ...(q.channel === undefined ? {} : { channel: q.channel }),
    }), 200);
  });
  return router;
}
