import { createRoute, z } from '@hono/zod-openapi';
import { audienceFilterSchema, type AudienceFilter } from '../audiences/index.ts';
import { cancelScheduledSend, getScheduledSend, listScheduledSends, scheduleMassMessage, SCHEDULE_STATUSES, updateScheduledSend } from '../scheduling/index.ts';
import { parseTimestamp } from '../shared/time.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok } from './errors.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';

const workspace = z.string().optional().openapi({ description: 'Workspace id (public paths only)' });
const idParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)) && parseTimestamp(s, 'UTC').ok, 'must be a date-time (ISO 8601) from 1970 to 2199, a real calendar date');
const errors = {
  ...errorResponses,
  409: { description: 'The scheduled send has started, been sent, cancelled or failed: it can no longer be changed', content: { 'application/json': { schema: errorSchema } } },
} as const;
const purpose = z.enum(['marketing', 'service']);
const channel = z.enum(['private_chat', 'moments', 'group']);

export const scheduledSend = z.object({
  scheduleId: z.number(), title: z.string(), content: z.string(), contentKey: z.string().nullable(), purpose, channel,
  audience: z.unknown().openapi({ description: '{filter} or {segment}, as given' }),
  staffId: z.string().nullable().openapi({ description: 'the staff member who scheduled it (their customers only); null: scheduled by a manager' }),
  sendAt: z.string(), status: z.enum(SCHEDULE_STATUSES),
  massMessageId: z.number().nullable().openapi({ description: 'the mass message it became, once sent' }),
  error: z.string().nullable().openapi({ description: 'why it failed, or who cancelled it' }),
  createdBy: z.object({ kind: z.string(), id: z.string().nullable() }), createdAt: z.string(), updatedAt: z.string(), startedAt: z.string().nullable(),
}).openapi('ScheduledSend');
const estimated = scheduledSend.extend({
  estimate: z.object({ audience: z.number(), recipients: z.number(), suppressed: z.number(), alreadyReceived: z.number() })
    .openapi({ description: 'a dry run as of now; the contact policy is applied again at the send time' }),
});
const fields = {
  filter: audienceFilterSchema.optional(), segment: z.union([z.string().min(1), z.number().int().positive()]).optional(),
  title: z.string().max(100).optional(), content: z.string().min(1).max(4000).openapi({ description: 'may use {name} and {staff}' }),
  contentKey: z.string().max(200).optional().openapi({ description: '"same content" key; default a hash of the normalised content' }),
  sendAt: instant.openapi({ description: 'when to send (in the future, at most a year ahead)' }),
};

const routes = {
  create: createRoute({
    method: 'post', path: '/api/v1/scheduled-sends', summary: 'Schedule a mass message (定时群发): checked and estimated now, sent at sendAt by one server process',
    request: { query: z.object({ workspace }), body: json(z.object({ ...fields, purpose: purpose.default('marketing'), channel: channel.default('private_chat') })) },
    responses: { 201: ok('The scheduled send with an estimate', estimated), ...errors },
  }),
  list: createRoute({
    method: 'get', path: '/api/v1/scheduled-sends', summary: 'Scheduled sends by send time (a staff member: their own)',
    request: {
      query: z.object({
        workspace, status: z.enum(SCHEDULE_STATUSES).optional(), from: instant.optional(), to: instant.optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      }),
    },
    responses: { 200: ok('Scheduled sends', z.object({ items: z.array(scheduledSend) })), ...errors },
  }),
  get: createRoute({
    method: 'get', path: '/api/v1/scheduled-sends/{id}', summary: 'One scheduled send',
    request: { params: idParam, query: z.object({ workspace }) },
    responses: { 200: ok('The scheduled send', scheduledSend), ...errors },
  }),
  patch: createRoute({
    method: 'patch', path: '/api/v1/scheduled-sends/{id}', summary: 'Change a scheduled send that has not started (content, audience, time)',
    request: {
      params: idParam, query: z.object({ workspace }),
      body: json(z.object({ ...fields, content: fields.content.optional(), sendAt: fields.sendAt.optional(), purpose: purpose.optional(), channel: channel.optional() })),
    },
    responses: { 200: ok('The scheduled send after the change, with a new estimate', estimated), ...errors },
  }),
  cancel: createRoute({
    method: 'post', path: '/api/v1/scheduled-sends/{id}/cancel', summary: 'Cancel a scheduled send that has not started',
    request: {
      params: idParam, query: z.object({ workspace }),
      body: json(z.object({ reason: z.string().max(200).optional().openapi({ description: 'kept with the cancelled send' }) }).strict(), false),
    },
    responses: { 200: ok('The cancelled send', scheduledSend), ...errors },
  }),
};

export function schedulingRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const clock = () => new Date(now ? now() : Date.now());
  const ctxOf = (c: Parameters<typeof scopeOf>[0]) => ({ actor: actorOf(c), scope: scopeOf(c), now: clock() });
  router.openapi(routes.create, async (c) => {
    const b = c.req.valid('json');
    const r = await scheduleMassMessage(db, workspaceOf(c), {
      filter: b.filter as AudienceFilter | undefined, segment: b.segment, title: b.title, content: b.content, contentKey: b.contentKey,
      purpose: b.purpose, channel: b.channel, sendAt: new Date(b.sendAt),
    }, ctxOf(c));
    return c.json(r, 201);
  });
  router.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    return c.json({ items: await listScheduledSends(db, workspaceOf(c), {
      scope: scopeOf(c), status: q.status, limit: q.limit, ...(q.from ? { from: new Date(q.from) } : {}), ...(q.to ? { to: new Date(q.to) } : {}),
    }) }, 200);
  });
  router.openapi(routes.get, async (c) => c.json(await getScheduledSend(db, workspaceOf(c), c.req.valid('param').id, scopeOf(c)), 200));
  router.openapi(routes.patch, async (c) => {
    const b = c.req.valid('json');
    return c.json(await updateScheduledSend(db, workspaceOf(c), c.req.valid('param').id, {
      ...(b.filter !== undefined ? { filter: b.filter as AudienceFilter } : {}), ...(b.segment !== undefined ? { segment: b.segment } : {}),
      ...(b.title !== undefined ? { title: b.title } : {}), ...(b.content !== undefined ? { content: b.content } : {}),
      ...(b.contentKey !== undefined ? { contentKey: b.contentKey } : {}), ...(b.purpose ? { purpose: b.purpose } : {}), ...(b.channel ? { channel: b.channel } : {}),
      ...(b.sendAt ? { sendAt: new Date(b.sendAt) } : {}),
    }, ctxOf(c)), 200);
  });
  router.openapi(routes.cancel, async (c) => {
    const body = (c.req.valid('json') ?? {}) as { reason?: string };
    return c.json(await cancelScheduledSend(db, workspaceOf(c), c.req.valid('param').id, { ...ctxOf(c), reason: body.reason }), 200);
  });
  return router;
}
