/**
 * Funnels over HTTP: the default steps, a funnel over a date range (a POST: steps with
 * predicates do not fit a URL; it only reads), and the customers at a step kept as a saved
 * segment. Staff see and keep only their own customers.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DEFAULT_STEPS, DEFAULT_WINDOW_HOURS, FUNNEL_SPLITS, funnelQuerySchema, funnelStepSchema, runFunnel, saveFunnelAudience } from '../analytics/index.ts';
import { eventTypeNames } from '../events/index.ts';
import { actorOf, onlyOwnedByOf, scopeOf, userLoginOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, json, ok, workspaceQuery } from './errors.ts';

const stepResult = z.object({
  step: z.number(), type: z.string(), label: z.string().nullable(),
  customers: z.number().openapi({ description: 'customers who reached the step' }),
  conversion: z.number().openapi({ description: 'of those at the step before, 0–1' }),
  overall: z.number().openapi({ description: 'of those who entered, 0–1' }),
  medianSeconds: z.number().nullable().openapi({ description: 'median time from the step before' }),
}).openapi('FunnelStepResult');

const result = z.object({
  from: z.string(), to: z.string(), windowHours: z.number(), split: z.enum(FUNNEL_SPLITS).nullable(),
  steps: z.array(stepResult),
  groups: z.array(z.object({ key: z.string().nullable().openapi({ description: 'the channel, owner, segment or tier; null: none' }), steps: z.array(stepResult) })),
}).openapi('Funnel');

const routes = {
  defaults: createRoute({
    method: 'get', path: '/api/v1/analytics/funnel/defaults', summary: 'The default funnel steps (browse → click → add to cart → purchase → share), window and the event types a step can use',
    request: { query: workspaceQuery },
    responses: {
      200: ok('Defaults', z.object({ steps: z.array(funnelStepSchema), windowHours: z.number(), eventTypes: z.array(z.string()), splits: z.array(z.enum(FUNNEL_SPLITS)) })),
      ...errorResponses,
    },
  }),
  run: createRoute({
    method: 'post', path: '/api/v1/analytics/funnel',
    summary: 'A funnel over a date range: customers, conversion and median time per step, optionally split by channel, owner, RFM segment or value tier (staff: their customers)',
    request: { query: workspaceQuery, body: json(funnelQuerySchema) },
    responses: { 200: ok('The funnel', result), ...errorResponses },
  }),
  audience: createRoute({
    method: 'post', path: '/api/v1/analytics/funnel/audience',
    summary: 'Keep the customers at a step (dropped: true — who stopped there) as a saved segment, for a mass message or an SOP',
    request: {
      query: workspaceQuery,
      body: json(z.object({
        funnel: funnelQuerySchema, step: z.number().int().min(1).max(10), dropped: z.boolean().optional(),
        name: z.string().min(1).max(64), description: z.string().max(500).optional(),
      }).strict()),
    },
    responses: {
      201: ok('The saved segment', z.object({ segmentId: z.number(), name: z.string(), customers: z.number() }).openapi('FunnelAudience')),
      409: errorResponses[404], ...errorResponses,
    },
  }),
};

export function funnelRoutes({ db }: AppDeps) {
  const router = newRouter();
  router.openapi(routes.defaults, (c) => c.json({ steps: [...DEFAULT_STEPS], windowHours: DEFAULT_WINDOW_HOURS, eventTypes: [...eventTypeNames], splits: [...FUNNEL_SPLITS] }, 200));
  router.openapi(routes.run, async (c) => c.json(await runFunnel(db, workspaceOf(c), c.req.valid('json'), scopeOf(c)), 200));
  router.openapi(routes.audience, async (c) => {
    const b = c.req.valid('json');
    const { segment, customers } = await saveFunnelAudience(db, workspaceOf(c), {
      query: b.funnel, step: b.step, dropped: b.dropped, name: b.name, description: b.description,
      actor: actorOf(c), owner: userLoginOf(c), onlyOwnedBy: onlyOwnedByOf(c),
    }, scopeOf(c));
    return c.json({ segmentId: segment.segmentId, name: segment.name, customers }, 201);
  });
  return router;
}
