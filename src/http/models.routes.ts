import { createRoute, z } from '@hono/zod-openapi';
import {
  listRuns, recompute, segmentDistribution, setModelConfig, setPin,
  getModelConfig, modelMovement,
} from '../models/index.ts';
import { distributionAsOf } from '../analytics/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { localDate, parseEndOfDay, parseTimestamp } from '../shared/time.ts';
import { modelConfigSchema, requireWorkspace } from '../workspaces/index.ts';
import { visibleCustomerId } from '../customers/index.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';


const asOfDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .openapi({ description: 'As of the end of this day in the workspace time zone', example: '2026-11-30' });

const guidance = z.object({
  label: z.string(), goal: z.string(), actions: z.array(z.string()).readonly(), avoid: z.array(z.string()).readonly(),
}).openapi('Guidance');
const bilingual = z.object({ zh: guidance, en: guidance }).openapi('GuidanceZhEn', { description: 'Goal, actions and what not to do, in Chinese and English' });
const evidence = z.object({
  zh: z.string(), en: z.string(),
  at: z.string().optional(),
  eventIds: z.array(z.string()).optional().openapi({ description: 'the events behind this reason' }),
}).openapi('Evidence');
// A union rather than .nullable(): the OpenAPI generator drops nullability on a $ref.
const placement = z.object({ value: z.string().nullable(), guidance: z.union([bilingual, z.null()]) });
const trustLevel = z.number().int().min(0).max(5);
const valueTier = z.enum(['普通', '一般价值', '中等价值', '高价值', '核心']);

export const customerModelsSchema = z.object({
  asOf: z.string().openapi({ description: 'when these placements were computed for' }),
  trust: z.object({
    level: trustLevel.openapi({ description: 'the level in force: the pinned one if pinned, else the computed one' }),
    name: z.string().openapi({ example: '认同我的人' }),
    computed: trustLevel,
    pinned: trustLevel.nullable(),
    evidence: z.array(evidence),
    guidance: bilingual,
  }),
  lifecycle: z.object({ ecommerce: placement, sales: placement }),
  rfm: z.object({
    r: z.number().openapi({ description: 'whole days since the last paid order' }),
    f: z.number().openapi({ description: 'paid orders not fully refunded' }),
    m: z.string().openapi({ description: 'paid amount net of refunds, yuan', example: '420.00' }),
    segment: z.string(),
    scores: z.unknown().openapi({ description: '1–5 quintile scores when the workspace scores RFM by quintile, else null' }),
    guidance: bilingual,
  }).nullable().openapi({ description: 'null when the customer has no paid order' }),
  valueTier: z.object({ tier: valueTier, computed: valueTier, pinned: valueTier.nullable(), evidence: z.array(evidence), guidance: bilingual }),
  engagement: z.number().openapi({ description: 'engagement score: points per behaviour, decayed by the half-life' }),
  history: z.array(z.object({
    model: z.string(), from: z.string().nullable(), to: z.string().nullable(), at: z.string(),
    cause: z.string().openapi({ description: 'event, recompute, pin, config or merge' }),
  })).openapi({ description: 'the latest 50 changes, newest first' }),
}).openapi('CustomerModels');

const bucket = z.object({ value: z.string(), count: z.number(), share: z.number().openapi({ description: '0–1, of all customers' }) });
const distribution = z.object({
  asOf: z.string(),
  customers: z.number(),
  models: z.object({
    trust: z.array(bucket), lifecycle_ecommerce: z.array(bucket), lifecycle_sales: z.array(bucket),
    rfm: z.array(bucket).openapi({ description: 'with "(no order)" for customers without a paid order' }), value_tier: z.array(bucket),
  }),
}).openapi('SegmentDistribution');

const runResult = z.object({
  runId: z.number(), status: z.enum(['done', 'failed']), asOf: z.string(), customers: z.number(),
  moved: z.number().openapi({ description: 'customers whose level, stage, segment or tier changed' }),
  historyRows: z.number(), seconds: z.number(), error: z.string().optional(),
}).openapi('RecomputeResult');
const run = z.object({
  runId: z.number(), status: z.enum(['queued', 'running', 'done', 'failed']), cause: z.string(), asOf: z.string(),
  customers: z.number().nullable(), changed: z.number().nullable(), error: z.string().nullable(),
  requestedAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
}).openapi('ModelRun');
// Not given a component name: the schema may be built before zod-openapi extends zod, so it has no .openapi().
const config = modelConfigSchema;
const pinParams = z.object({
  id: z.coerce.number().int().positive().openapi({ example: 1 }),
  model: z.enum(['trust', 'value_tier']),
});

const routes = {
  segments: createRoute({
    method: 'get', path: '/api/v1/segments',
    summary: 'Each model\'s distribution (count and share): as stored; a past day from its daily snapshot (only customers who existed then, placed on what was known then); today or later evaluated without storing anything',
    request: { query: workspaceQuery.extend({ asOf: asOfDate.optional() }) },
    responses: { 200: ok('The distribution per model', distribution), ...errorResponses },
  }),
  recompute: createRoute({
    method: 'post', path: '/api/v1/recompute',
    summary: 'Full re-segmentation of every customer (recency, period windows, decay); runs to the end before answering',
    request: { query: workspaceQuery, body: json(z.object({ asOf: asOfDate.optional() }), false) },
    responses: { 200: ok('The finished run', runResult), ...errorResponses },
  }),
  runs: createRoute({
    method: 'get', path: '/api/v1/models/runs', summary: 'Recent recompute runs, newest first, with status and error (staff: without the workspace-wide totals)',
    request: { query: workspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
    responses: { 200: ok('Runs', z.array(run)), ...errorResponses },
  }),
  getConfig: createRoute({
    method: 'get', path: '/api/v1/models/config', summary: 'The models\' effective configuration (defaults where the workspace sets nothing)',
    request: { query: workspaceQuery },
    responses: { 200: ok('The configuration', config), ...errorResponses },
  }),
  putConfig: createRoute({
    method: 'put', path: '/api/v1/models/config',
    summary: 'Replace the models\' configuration (validated; a bad setting is named), then recompute everyone with it',
    request: { query: workspaceQuery, body: json(config) },
    responses: {
      200: ok('The stored configuration and the recompute it caused', z.object({
        config, recompute: runResult,
        rebuiltInputs: z.boolean().openapi({ description: 'intent keywords or engagement points changed, so every customer\'s events were read again' }),
      })),
      ...errorResponses,
    },
  }),
  pin: createRoute({
    method: 'put', path: '/api/v1/customers/{id}/pins/{model}',
    summary: 'Pin a customer\'s trust level or value tier by hand; kept until removed, the computed one is still shown',
    request: {
      params: pinParams, query: workspaceQuery,
      body: json(z.object({
        value: z.union([z.string().min(1), z.number().int()]).openapi({ description: 'trust: L0…L5; value_tier: 普通, 一般价值, 中等价值, 高价值 or 核心', example: 'L3' }),
        reason: z.string().max(500).optional(),
      })),
    },
    responses: { 200: ok('The customer\'s placements after the pin', customerModelsSchema), ...errorResponses },
  }),
  unpin: createRoute({
    method: 'delete', path: '/api/v1/customers/{id}/pins/{model}',
    summary: 'Remove a pin: the computed level or tier applies again',
    request: { params: pinParams, query: workspaceQuery },
    responses: {
      200: ok('The customer\'s placements after the pin is gone', customerModelsSchema),
      404: { description: 'No such customer, or nothing pinned', content: { 'application/json': { schema: errorSchema } } },
      400: errorResponses[400], 422: errorResponses[422],
    },
  }),
};

/** A date parameter as the instant it stands for: the end of that day in the workspace zone. */
export function asOfInstant(date: string, timeZone: string, what = 'asOf'): number {
  const r = parseEndOfDay(date, timeZone);
  if (!r.ok) throw new SiyuError('validation_failed', `${what}: ${r.reason}`);
  return r.instant;
}

/** Placements are stored for everyone to act on, so they cannot be for a day still to come. */
export function notAfterToday(date: string, timeZone: string, now: number, what = 'asOf'): void {
  const today = localDate(timeZone, now);
  if (date > today) throw new SiyuError('validation_failed', `${what}: ${date} is after today (${today} in ${timeZone}); placements are stored only up to today`);
}

const movementRoute = createRoute({
  method: 'get', path: '/api/v1/models/movement',
  summary: 'Movement between levels: for each model, where customers stood at the start of the range and where at its end (from model_history), within the caller\'s scope',
  request: {
    query: workspaceQuery.extend({
      model: z.enum(['trust', 'value_tier', 'rfm_segment', 'lifecycle_ecommerce', 'lifecycle_sales']),
      from: z.string().openapi({ description: 'start: a date (its first instant, workspace zone) or an ISO 8601 date-time', example: '2026-10-01' }),
      to: z.string().optional().openapi({ description: 'end: a date (through its last instant) or a date-time; default now', example: '2026-11-30' }),
    }),
  },
  responses: {
    200: ok('Flows from level to level', z.object({
      model: z.string(), from: z.string(), to: z.string(),
      flows: z.array(z.object({ from: z.string().nullable().openapi({ description: 'null: placed for the first time' }), to: z.string().nullable(), customers: z.number() })),
      customers: z.number(), changes: z.number(),
    }).openapi('ModelMovement')),
    ...errorResponses,
  },
});

export function modelRoutes({ db, maintenanceDb, now }: AppDeps) {
  const clock = () => now?.() ?? Date.now();
  const router = newRouter();
  router.openapi(routes.segments, async (c) => {
    const q = c.req.valid('query');
    const ws = await requireWorkspace(db, workspaceOf(c));
    if (q.asOf === undefined) return c.json(await segmentDistribution(db, ws.workspaceId, { scope: scopeOf(c) }), 200);
    asOfInstant(q.asOf, ws.timeZone);
    // A missing snapshot is filled from history first: a maintenance-length job, once.
    const { source: _source, ...d } = await distributionAsOf(maintenanceDb ?? db, ws.workspaceId, q.asOf, clock(), scopeOf(c));
    return c.json(d, 200);
  });
  router.openapi(routes.recompute, async (c) => {
    const ws = await requireWorkspace(db, workspaceOf(c));
    const { asOf } = c.req.valid('json');
    if (asOf !== undefined) notAfterToday(asOf, ws.timeZone, clock());
    // A full recompute is an admin's maintenance run: it keeps the store without the request time limit.
    const r = await recompute(maintenanceDb ?? db, ws.workspaceId, { asOf: asOf === undefined ? clock() : asOfInstant(asOf, ws.timeZone) });
    return c.json(r, 200);
  });
  router.openapi(movementRoute, async (c) => {
    const q = c.req.valid('query');
    const ws = await requireWorkspace(db, workspaceOf(c));
    const from = parseTimestamp(q.from, ws.timeZone);
    if (!from.ok) throw new SiyuError('validation_failed', `from: ${from.reason}`, { field: 'from' });
    const to = q.to === undefined ? { ok: true as const, instant: clock() } : /^\d{4}-\d{2}-\d{2}$/.test(q.to.trim()) ? parseEndOfDay(q.to, ws.timeZone) : parseTimestamp(q.to, ws.timeZone);
    if (!to.ok) throw new SiyuError('validation_failed', `to: ${to.reason}`, { field: 'to' });
    return c.json(await modelMovement(db, ws.workspaceId, { model: q.model, from: new Date(from.instant), to: new Date(to.instant), scope: scopeOf(c) }), 200);
  });
  router.openapi(routes.runs, async (c) => {
    const q = c.req.valid('query');
    const ws = await requireWorkspace(db, workspaceOf(c));
    return c.json(await listRuns(db, ws.workspaceId, q.limit ?? 20, { withTotals: scopeOf(c).kind === 'all' }) as z.infer<typeof run>[], 200);
  });
  router.openapi(routes.getConfig, async (c) => {
    const ws = await requireWorkspace(db, workspaceOf(c));
    return c.json(await getModelConfig(db, ws.workspaceId), 200);
  });
  router.openapi(routes.putConfig, async (c) => {
    const ws = workspaceOf(c);
    return c.json(await setModelConfig(maintenanceDb ?? db, ws, c.req.valid('json'), actorOf(c), clock()), 200);
  });
  router.openapi(routes.pin, async (c) => {
    const { model } = c.req.valid('param');
    const ws = workspaceOf(c);
    const id = await visibleCustomerId(db, ws, c.req.valid('param').id, scopeOf(c));
    const { value, reason } = c.req.valid('json');
    return c.json(await setPin(db, ws, id, model, String(value), actorOf(c), reason, clock()), 200);
  });
  router.openapi(routes.unpin, async (c) => {
    const { model } = c.req.valid('param');
    const ws = workspaceOf(c);
    const id = await visibleCustomerId(db, ws, c.req.valid('param').id, scopeOf(c));
    return c.json(await setPin(db, ws, id, model, null, actorOf(c), undefined, clock()), 200);
  });
  return router;
}

