/**
 * The operations side of measurement over HTTP: the operations board (execution, touches,
 * leaderboard, beside the period before). Staff get their own figures whatever they ask for.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { boardQuerySchema, operationsBoard } from '../analytics/index.ts';
import { scopeOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, ok, workspaceQuery } from './errors.ts';

const rate = z.number().nullable().openapi({ description: 'done ÷ due, 0–1; null when nothing was due' });
const taskCounts = z.object({ due: z.number(), sent: z.number(), skipped: z.number(), failed: z.number(), pending: z.number().openapi({ description: 'due and still pending: overdue' }) });
const comparison = z.object({ current: z.number(), previous: z.number(), delta: z.number(), change: z.number().nullable().openapi({ description: 'relative change (环比); null from zero' }) });

const operations = z.object({
  from: z.string(), to: z.string(), previous: z.object({ from: z.string(), to: z.string() }),
  today: z.object({
    date: z.string(), pending: z.number(), sent: z.number(), skipped: z.number(),
    byStaff: z.array(z.object({ staffId: z.string(), name: z.string().nullable(), pending: z.number(), sent: z.number(), skipped: z.number() })),
  }),
  tasks: taskCounts.extend({ rate, previous: taskCounts.extend({ rate }) }),
  leaderboard: z.array(taskCounts.extend({
    staffId: z.string(), name: z.string().nullable(), rate, rank: z.number().optional(),
    medianMinutesLate: z.number().nullable().openapi({ description: 'median minutes from due to done' }),
  })),
  bySop: z.array(z.object({ sopId: z.string(), name: z.string().nullable(), due: z.number(), sent: z.number(), rate })),
  byMass: z.array(z.object({
    massMessageId: z.number(), title: z.string(), dueAt: z.string(), recipients: z.number(), sent: z.number(), pending: z.number(),
    failed: z.number(), suppressed: z.number(), excluded: z.number(), rate,
  })),
  touches: z.object({
    sent: comparison, suppressed: comparison, planned: z.number(), failed: z.number(), cancelled: z.number(),
    byReason: z.array(z.object({ code: z.string().openapi({ description: 'trust_below_min, frequency_cap, mass_daily_limit, …' }), count: z.number(), previous: z.number() })),
  }),
}).openapi('OperationsBoard');

const routes = {
  operations: createRoute({
    method: 'get', path: '/api/v1/analytics/operations',
    summary: 'The operations board (运营看板): today\'s tasks, execution per staff member, SOP and mass message, touches delivered and suppressed by reason, the staff leaderboard, beside the period before',
    request: { query: workspaceQuery.extend(boardQuerySchema.shape) },
    responses: { 200: ok('The board', operations), ...errorResponses },
  }),
};

export function analyticsOpsRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const clock = () => (now ? now() : Date.now());
  router.openapi(routes.operations, async (c) => {
    const { workspace: _, ...q } = c.req.valid('query');
    return c.json(await operationsBoard(db, workspaceOf(c), q, scopeOf(c), clock()), 200);
  });
  return router;
}
