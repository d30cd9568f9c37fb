/**
 * The operations side of measurement over HTTP: the operations board (execution, touches,
 * leaderboard), staff responsiveness and complaints, each beside the period before. Staff get
 * their own figures whatever they ask for.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  boardQuerySchema, complaintsBoard, contentBoard, contentQuerySchema, listContentItems, operationsBoard, responsivenessBoard, responsivenessQuerySchema,
  saveContentItems, CONTENT_TYPES,
} from '../analytics/index.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, json, ok, workspaceQuery } from './errors.ts';

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

const figures = z.object({
  asks: z.number().openapi({ description: 'customer messages that opened a conversation or followed the staff\'s last word' }),
  answered: z.number(), unanswered: z.number(),
  medianMinutes: z.number().nullable().openapi({ description: 'median service-hour minutes to the first answer' }),
  p90Minutes: z.number().nullable(),
  within5: z.number().openapi({ description: 'share of asks answered within 5 service-hour minutes, 0–1' }),
  within30: z.number().openapi({ description: 'share answered within 30 minutes, 0–1' }),
});
const responsiveness = z.object({
  from: z.string(), to: z.string(), previous: z.object({ from: z.string(), to: z.string() }),
  hours: z.object({ start: z.number(), end: z.number() }),
  total: figures.extend({ previous: figures }),
  staff: z.array(figures.extend({ staffId: z.string().nullable(), name: z.string().nullable(), previousMedianMinutes: z.number().nullable() })),
  weekly: z.array(figures.extend({ week: z.string().openapi({ description: 'the Monday of the week' }), staffId: z.string().nullable() })),
}).openapi('ResponsivenessBoard');
const complaints = z.object({
  from: z.string(), to: z.string(), previous: z.object({ from: z.string(), to: z.string() }),
  total: comparison,
  byReason: z.array(z.object({ reason: z.string().openapi({ description: 'as filed; empty when none was given' }), count: z.number(), previous: z.number() })),
  byStaff: z.array(z.object({
    staffId: z.string().nullable(), name: z.string().nullable(), count: z.number(), previous: z.number(),
    reasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  })),
}).openapi('ComplaintsBoard');

const contentItem = z.object({
  contentId: z.string(), title: z.string().nullable(), type: z.enum(CONTENT_TYPES), productIds: z.array(z.string()),
  source: z.enum(['event', 'operator']).openapi({ description: 'event: first seen in an event; operator: kept in the list' }), updatedAt: z.string(),
}).openapi('ContentItem');
const content = z.object({
  from: z.string(), to: z.string(), previous: z.object({ from: z.string(), to: z.string() }), windowDays: z.number(),
  views: comparison,
  items: z.array(z.object({
    rank: z.number(), contentId: z.string(), title: z.string().nullable(), type: z.string().nullable(),
    views: z.number(), viewers: z.number(), shares: z.number(),
    buyers: z.number().openapi({ description: 'readers who paid within the window after their first read in the range' }),
    revenueFen: z.number().openapi({ description: 'their orders in the window, fen, net of refunds' }), conversion: z.number(), previousViews: z.number(),
  })),
  byStaff: z.array(z.object({ staffId: z.string().nullable().openapi({ description: 'the staff member the read came through (the event\'s staffId)' }), name: z.string().nullable(), contents: z.number(), views: z.number(), viewers: z.number() })),
  visitors: z.array(z.object({ customerId: z.number(), name: z.string().nullable(), views: z.number(), contents: z.number(), shares: z.number() })),
}).openapi('ContentBoard');

const routes = {
  content: createRoute({
    method: 'get', path: '/api/v1/analytics/content',
    summary: 'The content board (内容看板): reads, readers, shares and buyers within the attribution window per item, reads per sending staff member, the most active readers, beside the period before',
    request: { query: workspaceQuery.extend(contentQuerySchema.shape) },
    responses: { 200: ok('The board', content), ...errorResponses },
  }),
  contentItems: createRoute({
    method: 'get', path: '/api/v1/analytics/content-items', summary: 'The content list: every content id seen in events or kept by the operator, with title, type and products',
    request: { query: workspaceQuery },
    responses: { 200: ok('The list', z.array(contentItem)), ...errorResponses },
  }),
  contentItemsPut: createRoute({
    method: 'put', path: '/api/v1/analytics/content-items',
    summary: 'Add or change content items (title, type, products) by content id; each item is checked on its own and a bad one fails alone',
    request: {
      query: workspaceQuery,
      body: json(z.object({ items: z.array(z.unknown()).min(1).max(1000).openapi({ description: 'ContentItemInput objects: {contentId, title, type?, productIds?}' }) }).strict()),
    },
    responses: { 200: ok('What was saved', z.object({ saved: z.number(), errors: z.array(z.object({ index: z.number(), reason: z.string() })) })), ...errorResponses },
  }),
  responsiveness: createRoute({
    method: 'get', path: '/api/v1/analytics/responsiveness',
    summary: 'First-response time to customers\' private messages per staff member (median, p90, share within 5 / 30 minutes, in service hours) and per week, beside the period before',
    request: { query: workspaceQuery.extend(responsivenessQuerySchema.shape) },
    responses: { 200: ok('The figures', responsiveness), ...errorResponses },
  }),
  complaints: createRoute({
    method: 'get', path: '/api/v1/analytics/complaints',
    summary: 'Complaints (complaint.filed) by reason and by staff member, beside the period before',
    request: { query: workspaceQuery.extend(boardQuerySchema.shape) },
    responses: { 200: ok('The complaints', complaints), ...errorResponses },
  }),
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
  router.openapi(routes.responsiveness, async (c) => {
    const { workspace: _, ...q } = c.req.valid('query');
    return c.json(await responsivenessBoard(db, workspaceOf(c), q, scopeOf(c)), 200);
  });
  router.openapi(routes.complaints, async (c) => {
    const { workspace: _, ...q } = c.req.valid('query');
    return c.json(await complaintsBoard(db, workspaceOf(c), q, scopeOf(c)), 200);
  });
  router.openapi(routes.content, async (c) => {
    const { workspace: _, ...q } = c.req.valid('query');
    return c.json(await contentBoard(db, workspaceOf(c), q, scopeOf(c)), 200);
  });
  router.openapi(routes.contentItems, async (c) => c.json(await listContentItems(db, workspaceOf(c)), 200));
  router.openapi(routes.contentItemsPut, async (c) => c.json(await saveContentItems(db, workspaceOf(c), c.req.valid('json').items, actorOf(c)), 200));
  return router;
}
