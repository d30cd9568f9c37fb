import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { audienceFilterSchema, parseFilter, type AudienceFilter } from '../audiences/index.ts';
import {
  addStage, createJourney, customerJourneys, deleteJourney, getJourney, installTemplate, journeyBoard, listJourneys, listTemplates, moveStage,
  removeStage, reorderStages, stageCards, stageHistory, stageStats, TEMPLATE_KEYS, updateJourney, updateStage, type TemplateKey,
} from '../journeys/index.ts';
import { visibleCustomerId } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';

const journeyErrors = {
  ...errorResponses,
  409: { description: 'The name is taken, or customers still stand in the stage or journey (force to take them out)', content: { 'application/json': { schema: errorSchema } } },
} as const;

const idParam = z.object({ id: z.string().min(1).openapi({ description: 'journey id or name', example: '购买频次' }) });
const stageParam = idParam.extend({ stageId: z.string().min(1).openapi({ description: 'stage (tag) id or name', example: '已购买' }) });
const force = z.enum(['true', 'false']).optional();
const filterQuery = z.string().optional().openapi({ description: 'an AudienceFilter as JSON, ANDed with the stage' });

const stageSchema = z.object({
  stageId: z.number().openapi({ description: 'the stage\'s tag id' }), name: z.string(), path: z.string().openapi({ example: '购买频次/已购买' }),
  position: z.number(), entryFilter: audienceFilterSchema.nullable(), labelEn: z.string().optional(),
}).openapi('JourneyStage');
const journeySchema = z.object({
  journeyId: z.number(), name: z.string(), ordered: z.boolean(), groupId: z.number(), templateKey: z.string().nullable(),
  description: z.string().nullable(), labelEn: z.string().optional(), stages: z.array(stageSchema),
}).openapi('Journey');
const definitionSchema = z.object({
  name: z.string().min(1).openapi({ example: '门店到访' }),
  ordered: z.boolean().prefault(true),
  description: z.string().max(500).optional(),
  stages: z.array(z.object({ name: z.string().min(1), entryFilter: audienceFilterSchema.optional() })).min(1),
}).openapi('JourneyDefinition');
const cardSchema = z.object({
  customerId: z.number(), name: z.string().nullable(), ownerStaff: z.string().nullable(), trustLevel: z.number().nullable(),
  valueTier: z.string().nullable(), enteredAt: z.string(),
}).openapi('StageCard');
const staySchema = z.object({
  historyId: z.number(), customerId: z.number(), journeyId: z.number(), journey: z.string().nullable(), stageId: z.number(), stage: z.string().nullable(),
  from: z.string().nullable(), direction: z.enum(['entered', 'forward', 'back', 'moved']), enteredAt: z.string(), leftAt: z.string().nullable(),
  next: z.string().nullable(), daysInStage: z.number(), source: z.string(), sourceId: z.string().nullable(), reason: z.string().nullable(),
  leftReason: z.string().nullable(),
}).openapi('StageStay');

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/journeys', summary: 'Customer journeys (客户旅程) with their stages',
    request: { query: workspaceQuery }, responses: { 200: ok('Every journey', z.object({ items: z.array(journeySchema) })), ...journeyErrors },
  }),
  create: createRoute({
    method: 'post', path: '/api/v1/journeys', summary: 'Create a custom journey: an exclusive tag group in 旅程, one tag per stage',
    request: { query: workspaceQuery, body: json(definitionSchema) }, responses: { 201: ok('Created', journeySchema), ...journeyErrors },
  }),
  templates: createRoute({
    method: 'get', path: '/api/v1/journeys/templates', summary: 'The seed journey templates and which are installed',
    request: { query: workspaceQuery },
    responses: {
      200: ok('Templates', z.object({
        items: z.array(z.object({
          key: z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]]), name: z.string(), labelEn: z.string().nullable(), ordered: z.boolean(),
          stages: z.array(z.object({ name: z.string(), labelEn: z.string().nullable() })),
          note: z.object({ zh: z.string(), en: z.string() }).openapi({ description: 'How to read the journey: its order, what a stage means' }),
          journeyId: z.number().nullable(),
        })),
      })),
      ...journeyErrors,
    },
  }),
  install: createRoute({
    method: 'post', path: '/api/v1/journeys/templates/{key}', summary: 'Install a template (again: returns the journey it made)',
    request: { params: z.object({ key: z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]]) }), query: workspaceQuery },
    responses: { 200: ok('Installed', journeySchema), ...journeyErrors },
  }),
  get: createRoute({
    method: 'get', path: '/api/v1/journeys/{id}', summary: 'One journey',
    request: { params: idParam, query: workspaceQuery }, responses: { 200: ok('The journey', journeySchema), ...journeyErrors },
  }),
  update: createRoute({
    method: 'patch', path: '/api/v1/journeys/{id}', summary: 'Rename a journey, make it ordered or unordered, describe it',
    request: {
      params: idParam, query: workspaceQuery,
      body: json(z.object({ name: z.string().min(1).optional(), ordered: z.boolean().optional(), description: z.string().max(500).nullable().optional() })),
    },
    responses: { 200: ok('Updated', journeySchema), ...journeyErrors },
  }),
  delete: createRoute({
    method: 'delete', path: '/api/v1/journeys/{id}', summary: 'Delete a journey and its tag group (force=true when customers stand in it)',
    request: { params: idParam, query: workspaceQuery.extend({ force }) },
    responses: { 200: ok('Deleted', z.object({ journey: z.string(), customers: z.number() })), ...journeyErrors },
  }),
  addStage: createRoute({
    method: 'post', path: '/api/v1/journeys/{id}/stages', summary: 'Add a stage (at a position, default last)',
    request: {
      params: idParam, query: workspaceQuery,
      body: json(z.object({ name: z.string().min(1), entryFilter: audienceFilterSchema.optional(), position: z.number().int().min(1).optional() })),
    },
    responses: { 201: ok('The journey', journeySchema), ...journeyErrors },
  }),
  reorder: createRoute({
    method: 'put', path: '/api/v1/journeys/{id}/stages/order', summary: 'Put the stages in a new order (name every stage once)',
    request: { params: idParam, query: workspaceQuery, body: json(z.object({ order: z.array(z.union([z.string().min(1), z.number().int()])).min(1) })) },
    responses: { 200: ok('The journey', journeySchema), ...journeyErrors },
  }),
  updateStage: createRoute({
    method: 'patch', path: '/api/v1/journeys/{id}/stages/{stageId}', summary: 'Rename a stage or set its entry condition (null clears it)',
    request: {
      params: stageParam, query: workspaceQuery,
      body: json(z.object({ name: z.string().min(1).optional(), entryFilter: audienceFilterSchema.nullable().optional() })),
    },
    responses: { 200: ok('The journey', journeySchema), ...journeyErrors },
  }),
  removeStage: createRoute({
    method: 'delete', path: '/api/v1/journeys/{id}/stages/{stageId}', summary: 'Remove a stage (force=true when customers stand in it: they leave the journey)',
    request: { params: stageParam, query: workspaceQuery.extend({ force }) },
    responses: { 200: ok('Removed', z.object({ journey: z.string(), stage: z.string(), customers: z.number() })), ...journeyErrors },
  }),
  board: createRoute({
    method: 'get', path: '/api/v1/journeys/{id}/board', summary: 'The journey board: each stage with its count and first page of cards',
    request: { params: idParam, query: workspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(200).optional(), filter: filterQuery }) },
    responses: {
      200: ok('Board', z.object({
        journey: journeySchema,
        columns: z.array(z.object({
          stageId: z.number(), stage: z.string(), position: z.number(), count: z.number(), cards: z.array(cardSchema), nextCursor: z.string().nullable(),
        })),
      })),
      ...journeyErrors,
    },
  }),
  cards: createRoute({
    method: 'get', path: '/api/v1/journeys/{id}/stages/{stageId}/cards', summary: 'One board column, page by page (newest arrivals first)',
    request: {
      params: stageParam,
      query: workspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(200).optional(), cursor: z.string().optional(), filter: filterQuery }),
    },
    responses: { 200: ok('Cards', z.object({ stageId: z.number(), stage: z.string(), cards: z.array(cardSchema), nextCursor: z.string().nullable() })), ...journeyErrors },
  }),
  moves: createRoute({
    method: 'post', path: '/api/v1/journeys/{id}/moves', summary: 'Move customers to a stage (a reason is required from staff; audited)',
    request: {
      params: idParam, query: workspaceQuery,
      body: json(z.object({
        customerIds: z.array(z.number().int().positive()).min(1).max(10_000),
        stage: z.union([z.string().min(1), z.number().int().positive()]).openapi({ example: '已购买' }),
        reason: z.string().max(500).optional(),
        force: z.boolean().optional().openapi({ description: 'move customers who do not meet the stage\'s entry condition' }),
      })),
    },
    responses: {
      200: ok('What moved', z.object({
        journey: z.string(), stage: z.string(), moved: z.array(z.number()), unchanged: z.array(z.number()),
        refused: z.array(z.object({ customerId: z.number(), reason: z.string() })),
        directions: z.array(z.object({ customerId: z.number(), from: z.string().nullable(), direction: z.enum(['entered', 'forward', 'back', 'moved']) })),
      })),
      ...journeyErrors,
    },
  }),
  stats: createRoute({
    method: 'get', path: '/api/v1/journeys/{id}/stats', summary: 'Per stage: customers now, entries, time in stage, conversion to later stages',
    request: { params: idParam, query: workspaceQuery.extend({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }) },
    responses: {
      200: ok('Stats', z.object({
        journey: z.string(), ordered: z.boolean(),
        stages: z.array(z.object({
          stageId: z.number(), stage: z.string(), position: z.number(), customers: z.number(), entered: z.number(), completedStays: z.number(),
          medianDaysInStage: z.number().nullable(), avgDaysInStage: z.number().nullable(), convertedToLater: z.number().nullable(),
          conversionToNext: z.number().nullable(),
        })),
      })),
      ...journeyErrors,
    },
  }),
  history: createRoute({
    method: 'get', path: '/api/v1/journeys/{id}/history', summary: 'Recent stays in the journey\'s stages, newest first',
    request: { params: idParam, query: workspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).optional() }) },
    responses: { 200: ok('Stays', z.object({ items: z.array(staySchema) })), ...journeyErrors },
  }),
  customer: createRoute({
    method: 'get', path: '/api/v1/customers/{id}/journeys', summary: 'Where a customer stands in each journey, and their stage history',
    request: { params: z.object({ id: z.coerce.number().int().positive() }), query: workspaceQuery },
    responses: {
      200: ok('Positions and history', z.object({
        positions: z.array(z.object({
          journeyId: z.number(), journey: z.string(), ordered: z.boolean(), stageId: z.number(), stage: z.string(), position: z.number(),
          stages: z.number(), enteredAt: z.string(), daysInStage: z.number(), source: z.string(), reason: z.string().nullable(),
        })),
        history: z.array(staySchema),
      })),
      ...journeyErrors,
    },
  }),
};

function filterOf(text: string | undefined): AudienceFilter | undefined {
  if (text === undefined) return undefined;
  const r = parseFilter(text);
  if (!r.ok) throw new SiyuError('validation_failed', r.issues.map((i) => `filter.${i.path}: ${i.message}`).join('; '), r.issues);
  return r.filter;
}

export function journeyRoutes({ db, now }: AppDeps) {
  const clock = () => new Date(now?.() ?? Date.now());
  const router = newRouter();
  const ws = (c: Context) => workspaceOf(c);
  router.openapi(routes.list, async (c) => c.json({ items: await listJourneys(db, ws(c)) }, 200));
  router.openapi(routes.templates, async (c) => c.json({ items: await listTemplates(db, ws(c)) }, 200));
  router.openapi(routes.install, async (c) => c.json(await installTemplate(db, ws(c), c.req.valid('param').key, actorOf(c)), 200));
  router.openapi(routes.create, async (c) => c.json(await createJourney(db, ws(c), c.req.valid('json'), actorOf(c)), 201));
  router.openapi(routes.get, async (c) => c.json(await getJourney(db, ws(c), c.req.valid('param').id), 200));
  router.openapi(routes.update, async (c) => c.json(await updateJourney(db, ws(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 200));
  router.openapi(routes.delete, async (c) =>
    c.json(await deleteJourney(db, ws(c), c.req.valid('param').id, actorOf(c), { force: c.req.valid('query').force === 'true', now: clock() }), 200));
  router.openapi(routes.addStage, async (c) => c.json(await addStage(db, ws(c), c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 201));
  router.openapi(routes.reorder, async (c) => c.json(await reorderStages(db, ws(c), c.req.valid('param').id, c.req.valid('json').order, actorOf(c)), 200));
  router.openapi(routes.updateStage, async (c) => {
    const { id, stageId } = c.req.valid('param');
    return c.json(await updateStage(db, ws(c), id, stageId, c.req.valid('json'), actorOf(c)), 200);
  });
  router.openapi(routes.removeStage, async (c) => {
    const { id, stageId } = c.req.valid('param');
    return c.json(await removeStage(db, ws(c), id, stageId, actorOf(c), { force: c.req.valid('query').force === 'true', now: clock() }), 200);
  });
  router.openapi(routes.board, async (c) => {
    const q = c.req.valid('query');
    return c.json(await journeyBoard(db, ws(c), c.req.valid('param').id, { scope: scopeOf(c), filter: filterOf(q.filter), limit: q.limit, now: clock() }), 200);
  });
  router.openapi(routes.cards, async (c) => {
    const q = c.req.valid('query');
    const { id, stageId } = c.req.valid('param');
    return c.json(await stageCards(db, ws(c), id, stageId, { scope: scopeOf(c), filter: filterOf(q.filter), limit: q.limit, cursor: q.cursor, now: clock() }), 200);
  });
  router.openapi(routes.moves, async (c) => {
    const body = c.req.valid('json');
    const actor = actorOf(c);
    return c.json(await moveStage(db, ws(c), {
      customerIds: body.customerIds, journey: c.req.valid('param').id, stage: body.stage, reason: body.reason, force: body.force,
      source: actor.kind, sourceId: actor.id, actor, now: clock(), scope: scopeOf(c),
    }), 200);
  });
  router.openapi(routes.stats, async (c) => {
    const q = c.req.valid('query');
    const range = { ...(q.from ? { from: new Date(q.from) } : {}), ...(q.to ? { to: new Date(q.to) } : {}) };
    return c.json(await stageStats(db, ws(c), c.req.valid('param').id, scopeOf(c), range, clock()), 200);
  });
  router.openapi(routes.history, async (c) =>
    c.json({ items: await stageHistory(db, ws(c), { journey: c.req.valid('param').id, limit: c.req.valid('query').limit ?? 200, now: clock(), scope: scopeOf(c) }) }, 200));
  router.openapi(routes.customer, async (c) => {
    // The scope is checked here too, not only by the /customers/{id} guard in front of every route.
    const id = await visibleCustomerId(db, ws(c), c.req.valid('param').id, scopeOf(c));
    const at = clock();
    return c.json({ positions: await customerJourneys(db, ws(c), id, at), history: await stageHistory(db, ws(c), { customerId: id, now: at, scope: scopeOf(c) }) }, 200);
  });
  return router;
}
