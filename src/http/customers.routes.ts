import { createRoute, z } from '@hono/zod-openapi';
import { SiyuError } from '../shared/errors.ts';
import { customerOrders, customerTimeline, exportCustomers, getCustomer, listMerges, toCsv, visibleCustomerId } from '../customers/index.ts';
import { getCustomerModels, undoMerge } from '../models/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, ok } from './errors.ts';
import { customerModelsSchema } from './models.routes.ts';
import { maskPhonesDeep } from '../shared/phone.ts';
import { actorOf, scopeOf, seesPhonesOf, workspaceOf } from './principal.ts';

const identity = z.object({ kind: z.enum(['external_user_id', 'union_id', 'phone', 'buyer_id']), value: z.string() });
export const customerSchema = z
  .object({
    customerId: z.number(),
    name: z.string().nullable(),
    gender: z.string().nullable(),
    ownerStaff: z.string().nullable(),
    channel: z.string().nullable(),
    campaign: z.string().nullable(),
    addedAt: z.string().nullable(),
    wecomFriend: z.boolean().openapi({ description: 'false: known only from a shop or an import, not yet a WeCom friend' }),
    contactRemoved: z.boolean(),
    identities: z.array(identity),
    followers: z.array(z.object({ staffId: z.string(), addedAt: z.string().nullable(), removedAt: z.string().nullable() })),
    aggregates: z.record(z.string(), z.unknown()),
    tags: z.array(
      z.object({
        tagId: z.number(), group: z.string(), tag: z.string(), category: z.string(), source: z.string(),
        sourceId: z.string().nullable(), reason: z.string().nullable(), taggedAt: z.string(), expiresAt: z.string().nullable(),
      }),
    ),
    createdAt: z.string(),
    models: z.union([customerModelsSchema, z.null()]).openapi({
      description: 'Trust level, lifecycle stages, RFM, value tier and engagement, each with its evidence and guidance; null until the models first placed the customer',
    }),
  })
  .openapi('Customer');

const getOne = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}',
  summary: 'One customer: identities, profile, aggregates, tags and model placements (a merged id leads to the surviving record)',
  request: {
    params: z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) }),
    query: z.object({ workspace: z.string().optional() }),
  },
  responses: {
    200: { description: 'The customer', content: { 'application/json': { schema: customerSchema } } },
    ...errorResponses,
  },
});

const mergeSchema = z
  .object({
    mergeId: z.number(),
    survivorId: z.number(),
    mergedId: z.number(),
    because: z.array(identity),
    mergedAt: z.string(),
    undoneAt: z.string().nullable(),
    moved: z.object({ identities: z.number(), events: z.number(), orders: z.number(), tags: z.number() }),
  })
  .openapi('Merge');

const ordersRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/orders',
  summary: 'The customer\'s orders, newest first (with those of records merged into them), amounts in yuan',
  request: {
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ workspace: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
  },
  responses: {
    200: ok('Orders', z.object({
      total: z.number(),
      items: z.array(z.object({
        orderId: z.string(), platform: z.string().nullable(), paidAt: z.string().nullable(), amount: z.string().nullable(), refunded: z.string(), items: z.array(z.unknown()),
      })),
    })),
    ...errorResponses,
  },
});

const merges = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/merges',
  summary: 'Merges this customer took part in (as survivor or as merged record)',
  request: {
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ workspace: z.string().optional() }),
  },
  responses: {
    200: { description: 'Merges, oldest first', content: { 'application/json': { schema: z.array(mergeSchema) } } },
    ...errorResponses,
  },
});

const undoMergeRoute = createRoute({
  method: 'post',
  path: '/api/v1/merges/{mergeId}/undo',
  summary: 'Undo a wrong merge: each record gets back what was its own and is placed by the models again; the pair is never merged again',
  request: {
    params: z.object({ mergeId: z.coerce.number().int().positive() }),
    query: z.object({ workspace: z.string().optional() }),
  },
  responses: {
    200: { description: 'The two records, separate again', content: { 'application/json': { schema: z.object({ survivorId: z.number(), mergedId: z.number() }) } } },
    409: { description: 'Already undone, or the survivor was merged again later', content: { 'application/json': { schema: errorSchema } } },
    ...errorResponses,
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/export',
  summary: 'Export customers (identities, owner, tags, model placements, aggregates) as CSV or NDJSON; staff get their own customers, phones masked unless their role shows them',
  request: {
    query: z.object({ workspace: z.string().optional(), format: z.enum(['csv', 'ndjson']).optional().openapi({ description: 'default csv' }) }),
  },
  responses: {
    200: {
      description: 'One record per customer, streamed',
      content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

const timelineEntry = z.object({
  kind: z.enum(['event', 'tag', 'model', 'stage', 'task']), at: z.string(), id: z.string(),
  type: z.string().openapi({ description: 'event: its type; tag: tag.added / tag.removed / tag.replaced …; model: the model; stage: entered / left; task: its kind' }),
  summary: z.string(), staffId: z.string().nullable(), touchpoint: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).openapi({ description: 'event: text snippet, amount, orderId, contentId …; tag: tag, source, sourceId, reason; model: from, to, cause; stage: journey, stage, from/next; task: title, status, dueAt' }),
}).openapi('TimelineEntry');

const timeline = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/timeline',
  summary: 'The customer\'s timeline, newest first: events, tag changes (with source and reason), model changes, journey stage entries/exits and tasks',
  request: {
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({
      workspace: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(200).optional().openapi({ description: 'default 50' }),
      before: z.string().max(200).optional().openapi({ description: 'nextBefore of the previous page' }),
    }),
  },
  responses: {
    200: { description: 'A page of entries', content: { 'application/json': { schema: z.object({ items: z.array(timelineEntry), nextBefore: z.string().nullable() }) } } },
    ...errorResponses,
  },
});

export function customerRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  router.openapi(timeline, async (c) => {
    const q = c.req.valid('query');
    return c.json(await customerTimeline(db, workspaceOf(c), c.req.valid('param').id, {
      scope: scopeOf(c), seesPhones: seesPhonesOf(c), ...(q.limit ? { limit: q.limit } : {}), ...(q.before ? { before: q.before } : {}),
    }), 200);
  });
  router.openapi(ordersRoute, async (c) => {
    const ws = workspaceOf(c);
    const id = await visibleCustomerId(db, ws, c.req.valid('param').id, scopeOf(c));
    return c.json(await customerOrders(db, ws, id, c.req.valid('query').limit ?? 50), 200);
  });
  router.openapi(merges, async (c) => {
    const ws = workspaceOf(c);
    const id = await visibleCustomerId(db, ws, c.req.valid('param').id, scopeOf(c));
    return c.json(await listMerges(db, ws, id), 200);
  });
  router.openapi(undoMergeRoute, async (c) => {
    const { mergeId } = c.req.valid('param');
    return c.json(await undoMerge(db, workspaceOf(c), mergeId, actorOf(c), now?.() ?? Date.now()), 200);
  });
  // Before /customers/{id}: "export" is not an id.
  router.openAPIRegistry.registerPath(exportRoute);
  router.get('/api/v1/customers/export', async (c) => {
    const format = c.req.query('format') ?? 'csv';
    if (format !== 'csv' && format !== 'ndjson') throw new SiyuError('validation_failed', `format: "${format}" is not csv or ndjson`);
    const all = exportCustomers(db, workspaceOf(c), { now: new Date(now?.() ?? Date.now()), scope: scopeOf(c), seesPhones: seesPhonesOf(c) });
    // A phone may sit in any field (a name, a channel), not only in the identities.
    const records = seesPhonesOf(c) ? all : (async function* () { for await (const r of all) yield maskPhonesDeep(r); })();
    const lines = format === 'csv' ? toCsv(records) : (async function* () { for await (const r of records) yield `${JSON.stringify(r)}\n`; })();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return c.body(body, 200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="customers.${format}"`,
    });
  });
  return router.openapi(getOne, async (c) => {
    const { id } = c.req.valid('param');
    const ws = workspaceOf(c);
    const at = now?.() ?? Date.now();
    const profile = await getCustomer(db, ws, id, new Date(at), { scope: scopeOf(c), seesPhones: seesPhonesOf(c) });
    return c.json({ ...profile, models: await getCustomerModels(db, ws, profile.customerId, at) }, 200);
  });
}
