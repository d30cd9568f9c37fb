import { createRoute, z } from '@hono/zod-openapi';
import { audienceFilterSchema } from '../audiences/index.ts';
import {
  assertTaskInScope, contactPolicySchema, focusList, knownChannels, knownStaff, getContactPolicy, getMassMessage, getTask, listMassMessages, listTasks,
  sendMassMessage, setContactPolicy, setTaskStatus, staffStats, TASK_KINDS, TASK_SOURCE_TYPES, TASK_STATUSES,
} from '../outreach/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { getMaterial } from '../materials/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok } from './errors.ts';
import { parseTimestamp } from '../shared/time.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';

const workspace = z.string().optional().openapi({ description: 'Workspace id (public paths only)' });
const idParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
// Checked field by field as well (time.ts): Date.parse reads 2026-02-30 as March 2 and lets year 0 through to the store.
const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)) && parseTimestamp(s, 'UTC').ok, 'must be a date-time (ISO 8601) from 1970 to 2199, a real calendar date');
const outreachErrors = {
  ...errorResponses,
  409: { description: 'The task is no longer pending', content: { 'application/json': { schema: errorSchema } } },
} as const;

const purpose = z.enum(['marketing', 'service']);
const channel = z.enum(['private_chat', 'moments', 'group']);
const task = z.object({
  taskId: z.number(), dedupeKey: z.string(), customerId: z.number().nullable(), customerName: z.string().nullable(), staffId: z.string().nullable(),
  kind: z.enum(TASK_KINDS), purpose, channel, title: z.string(), content: z.string(),
  attachments: z.array(z.object({ kind: z.string(), ref: z.string() })), couponId: z.string().nullable(), contentKey: z.string().nullable(),
  source: z.object({ type: z.enum(TASK_SOURCE_TYPES), id: z.string() }), massMessageId: z.number().nullable(),
  dueAt: z.string(), requestedAt: z.string().openapi({ description: 'the time first asked for; differs from dueAt when quiet hours deferred it' }),
  deferred: z.boolean(), status: z.enum(TASK_STATUSES),
  statusCode: z.string().nullable().openapi({ description: 'why suppressed: trust_below_min, frequency_cap, mass_daily_limit' }),
  statusReason: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), doneAt: z.string().nullable(),
}).openapi('Task');
const history = z.array(z.object({
  from: z.string().nullable(), to: z.string(), actor: z.object({ kind: z.string(), id: z.string().nullable() }), note: z.string().nullable(), at: z.string(),
}));
const staffStat = z.object({
  staffId: z.string().nullable(), staffName: z.string().nullable(), tasks: z.number(), sent: z.number(), skipped: z.number(), failed: z.number(),
  pending: z.number(), overdue: z.number(), suppressed: z.number(), cancelled: z.number(),
  executionRate: z.number().nullable().openapi({ description: 'sent / (sent + skipped + failed + overdue pending); null when nothing was due' }),
});
const suppressedGroup = z.object({
  code: z.string(), zh: z.string(), en: z.string(), count: z.number(),
  samples: z.array(z.object({ customerId: z.number(), name: z.string().openapi({ description: 'masked, e.g. 王*' }) })),
});
const plan = z.object({
  massMessageId: z.number().nullable().openapi({ description: 'null for a dry run' }), dryRun: z.boolean(), contentKey: z.string(),
  dueAt: z.string(), deferred: z.boolean().openapi({ description: 'sent in quiet hours: the tasks are due at their end' }),
  audience: z.number(), excluded: z.object({ alreadyReceived: z.number(), noStaff: z.number() }),
  suppressed: z.object({ total: z.number(), byReason: z.array(suppressedGroup) }), recipients: z.number(),
  perStaff: z.array(z.object({ staffId: z.string(), staffName: z.string().nullable(), recipients: z.number(), taskId: z.number().nullable() })),
  seconds: z.number(),
}).openapi('MassMessagePlan');
const massMessage = z.object({
  massMessageId: z.number(), title: z.string(), content: z.string(), contentKey: z.string(), purpose, channel, audience: z.unknown(),
  dueAt: z.string(), createdAt: z.string(), createdBy: z.object({ kind: z.string(), id: z.string().nullable() }), counts: z.unknown(),
}).openapi('MassMessage');
const recipientStatus = z.enum(['pending', 'sent', 'failed', 'suppressed', 'excluded']);
const focusEntry = z.object({
  rank: z.number(), customerId: z.number(), name: z.string().nullable(), score: z.number(), value: z.number(), urgency: z.number(),
  reason: z.object({ code: z.enum(['at_risk', 'super_user_care', 'ready_for_first_order']), zh: z.string(), en: z.string() }),
  action: z.object({ zh: z.string(), en: z.string(), goalZh: z.string(), goalEn: z.string() }),
  trustLevel: z.number(), rfmSegment: z.string().nullable(), lastContactAt: z.string().nullable(),
}).openapi('FocusEntry');
// Not given a component name: the schema is built with plain zod.
const policy = contactPolicySchema;

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/tasks', summary: 'Tasks by due time (keyset pages), only those the caller may see',
    request: {
      query: z.object({
        workspace, staff: z.string().optional(), status: z.enum(TASK_STATUSES).optional(),
        kind: z.enum(TASK_KINDS).optional().openapi({ description: 'what made the task: an SOP step, a rule, a mass message, a care reminder or a hand-made task' }),
        source: z.enum(TASK_SOURCE_TYPES).optional().openapi({ description: 'who asked for the task: an SOP, a rule, a mass message, a staff member, the API, or service (a customer message left unanswered)' }),
        due: z.enum(['today', 'overdue', 'open']).optional().openapi({ description: 'today: due today; overdue: pending and due before today; open: pending and due by the end of today' }),
        customer: z.coerce.number().int().positive().optional(), massMessage: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(), cursor: z.string().optional(),
      }),
    },
    responses: { 200: ok('A page of tasks', z.object({ items: z.array(task), nextCursor: z.string().nullable() })), ...outreachErrors },
  }),
  stats: createRoute({
    method: 'get', path: '/api/v1/tasks/stats', summary: 'Execution per staff member over a window of due times (default the last 7 days), and suppressions by reason',
    request: { query: z.object({ workspace, from: instant.optional(), to: instant.optional(), staff: z.string().optional() }) },
    responses: {
      200: ok('Per-staff counts and execution rate', z.object({
        from: z.string(), to: z.string(), staff: z.array(staffStat),
        suppressed: z.array(z.object({ code: z.string(), reason: z.string(), count: z.number() })),
      })),
      ...outreachErrors,
    },
  }),
  get: createRoute({
    method: 'get', path: '/api/v1/tasks/{id}', summary: 'One task with every status change (who, when, note)',
    request: { params: idParam, query: z.object({ workspace }) },
    responses: { 200: ok('The task', task.extend({ history })), ...outreachErrors },
  }),
  patch: createRoute({
    method: 'patch', path: '/api/v1/tasks/{id}', summary: 'Record what became of a pending task: sent, skipped or failed',
    request: { params: idParam, query: z.object({ workspace }), body: json(z.object({ status: z.enum(['sent', 'skipped', 'failed']), note: z.string().max(500).optional() })) },
    responses: { 200: ok('The task after the change', task.extend({ history })), ...outreachErrors },
  }),
  send: createRoute({
    method: 'post', path: '/api/v1/mass-messages',
    summary: 'Mass message (群发): with dryRun, the counts only (nothing written); else one task per staff member with its recipients',
    request: {
      query: z.object({ workspace }),
      body: json(z.object({
        filter: audienceFilterSchema.optional(), segment: z.union([z.string().min(1), z.number().int().positive()]).optional(),
        title: z.string().max(100).optional(), content: z.string().min(1).max(4000).openapi({ description: 'may use {name} and {staff}' }),
        contentKey: z.string().max(200).optional().openapi({ description: '"same content" key; default a hash of the normalised content' }),
        materials: z.array(z.union([z.number().int().positive(), z.string().min(1).max(64)])).max(9).optional()
          .openapi({ description: 'library items (id or content id) sent with the words: images, links, mini-programs, files' }),
        purpose: purpose.default('marketing'), channel: channel.default('private_chat'), dryRun: z.boolean().default(false),
      })),
    },
    responses: { 200: ok('The dry run', plan), 201: ok('The mass message as sent', plan), ...outreachErrors },
  }),
  listMass: createRoute({
    method: 'get', path: '/api/v1/mass-messages', summary: 'Mass messages, newest first',
    request: { query: z.object({ workspace, limit: z.coerce.number().int().min(1).max(200).optional(), before: z.coerce.number().int().positive().optional() }) },
    responses: { 200: ok('A page of mass messages', z.object({ items: z.array(massMessage), nextBefore: z.number().nullable() })), ...outreachErrors },
  }),
  getMass: createRoute({
    method: 'get', path: '/api/v1/mass-messages/{id}', summary: 'A mass message with per-staff progress and a page of recipients',
    request: {
      params: idParam,
      query: z.object({
        workspace, staff: z.string().optional(), status: recipientStatus.optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(), after: z.coerce.number().int().min(0).optional(),
      }),
    },
    responses: {
      200: ok('The mass message', massMessage.extend({
        progress: z.array(z.object({
          staffId: z.string(), staffName: z.string().nullable(), taskId: z.number().nullable(), taskStatus: z.string().nullable(),
          pending: z.number(), sent: z.number(), failed: z.number(), suppressed: z.number(), excluded: z.number(),
        })),
        recipients: z.array(z.object({
          customerId: z.number(), name: z.string().nullable(), staffId: z.string().nullable(), status: recipientStatus,
          code: z.string().nullable(), reason: z.string().nullable(), content: z.string().nullable(), updatedAt: z.string(),
        })),
        nextAfter: z.number().nullable(),
      })),
      ...outreachErrors,
    },
  }),
  focus: createRoute({
    method: 'get', path: '/api/v1/focus', summary: 'A staff member\'s focus list for today: at-risk important customers, super users due for care, L3 ready for a first order',
    request: { query: z.object({ workspace, staff: z.string().optional().openapi({ description: 'default: the caller\'s own staff id' }), limit: z.coerce.number().int().min(1).max(200).optional() }) },
    responses: { 200: ok('Ranked entries with reasons and suggested actions', z.object({ staffId: z.string(), asOf: z.string(), entries: z.array(focusEntry) })), ...outreachErrors },
  }),
  staff: createRoute({
    method: 'get', path: '/api/v1/staff',
    summary: 'The staff members the workspace knows (WeCom staff, customers\' owners and follow users, accounts\' staff ids) with their names, for pickers',
    request: { query: z.object({ workspace }) },
    responses: {
      200: ok('Known staff, by staff id', z.object({ items: z.array(z.object({
        staffId: z.string(), name: z.string().nullable(), customers: z.number(), login: z.string().nullable(),
      })) })),
      ...outreachErrors,
    },
  }),
  channels: createRoute({
    method: 'get', path: '/api/v1/channels', summary: 'Acquisition channels (渠道 codes) with their names and how many customers each brought, for labels and pickers',
    request: { query: z.object({ workspace }) },
    responses: {
      200: ok('Channels, by code', z.object({ items: z.array(z.object({ channel: z.string(), name: z.string().nullable(), customers: z.number() })) })),
      ...outreachErrors,
    },
  }),
  getPolicy: createRoute({
    method: 'get', path: '/api/v1/policy', summary: 'The contact policy: minimum trust for marketing, frequency cap, quiet hours, WeCom daily mass-message limit',
    request: { query: z.object({ workspace }) },
    responses: { 200: ok('The policy in force (defaults where unset)', policy), ...outreachErrors },
  }),
  putPolicy: createRoute({
    method: 'put', path: '/api/v1/policy', summary: 'Replace the contact policy (validated; a bad setting is named)',
    request: { query: z.object({ workspace }), body: json(z.unknown()) },
    responses: { 200: ok('The stored policy', policy), ...outreachErrors },
  }),
};

export function outreachRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const clock = () => new Date(now ? now() : Date.now());
  router.openapi(routes.staff, async (c) => c.json({ items: await knownStaff(db, workspaceOf(c), scopeOf(c)) }, 200));
  router.openapi(routes.channels, async (c) => c.json({ items: await knownChannels(db, workspaceOf(c), scopeOf(c)) }, 200));
  router.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listTasks(db, workspaceOf(c), {
      staffId: q.staff, status: q.status, kind: q.kind, sourceType: q.source, due: q.due, customerId: q.customer, massMessageId: q.massMessage, limit: q.limit, cursor: q.cursor,
      scope: scopeOf(c), now: clock(),
    }), 200);
  });
  router.openapi(routes.stats, async (c) => {
    const q = c.req.valid('query');
    return c.json(await staffStats(db, workspaceOf(c), {
      now: clock(), scope: scopeOf(c), ...(q.from ? { from: new Date(q.from) } : {}), ...(q.to ? { to: new Date(q.to) } : {}), ...(q.staff ? { staffId: q.staff } : {}),
    }), 200);
  });
  router.openapi(routes.get, async (c) => {
    const ws = workspaceOf(c);
    const { id } = c.req.valid('param');
    await assertTaskInScope(db, ws, id, scopeOf(c));
    return c.json(await getTask(db, ws, id), 200);
  });
  router.openapi(routes.patch, async (c) => {
    const ws = workspaceOf(c);
    const { id } = c.req.valid('param');
    const { status, note } = c.req.valid('json');
    return c.json(await db.transaction(async (tx) => {
      await assertTaskInScope(tx, ws, id, scopeOf(c), { acting: true });
      await setTaskStatus(tx, ws, id, status, actorOf(c), note, clock());
      return getTask(tx, ws, id);
    }), 200);
  });
  router.openapi(routes.send, async (c) => {
    const b = c.req.valid('json');
    const attachments: { kind: string; ref: string }[] = [];
    for (const [i, ref] of (b.materials ?? []).entries()) {
      const m = await getMaterial(db, workspaceOf(c), ref).catch((err: Error) => {
        throw new SiyuError('validation_failed', `materials[${i}]: ${err.message}`, [{ path: `materials.${i}`, message: err.message }]);
      });
      attachments.push({ kind: 'material', ref: String(m.materialId) });
    }
    const r = await sendMassMessage(db, workspaceOf(c), {
      attachments, filter: b.filter, segment: b.segment, title: b.title, content: b.content, contentKey: b.contentKey, purpose: b.purpose, channel: b.channel,
      dryRun: b.dryRun, actor: actorOf(c), scope: scopeOf(c), now: clock(),
    });
    return b.dryRun ? c.json(r, 200) : c.json(r, 201);
  });
  router.openapi(routes.listMass, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listMassMessages(db, workspaceOf(c), { scope: scopeOf(c), ...(q.limit ? { limit: q.limit } : {}), ...(q.before ? { before: q.before } : {}) }), 200);
  });
  router.openapi(routes.getMass, async (c) => {
    const q = c.req.valid('query');
    return c.json(await getMassMessage(db, workspaceOf(c), c.req.valid('param').id, {
      scope: scopeOf(c), ...(q.staff ? { staffId: q.staff } : {}), ...(q.status ? { status: q.status } : {}),
      ...(q.limit ? { limit: q.limit } : {}), ...(q.after !== undefined ? { afterCustomerId: q.after } : {}),
    }), 200);
  });
  router.openapi(routes.focus, async (c) => {
    const q = c.req.valid('query');
    const scope = scopeOf(c);
    const staff = q.staff ?? (scope.kind === 'staff' ? scope.staffId : undefined);
    if (!staff) throw new SiyuError('validation_failed', 'staff: give the staff member whose focus list to show (?staff=ID)');
    if (scope.kind === 'staff' && staff !== scope.staffId) throw new SiyuError('forbidden', 'staff members see only their own focus list');
    return c.json(await focusList(db, workspaceOf(c), staff, clock(), q.limit ?? 20), 200);
  });
  router.openapi(routes.getPolicy, async (c) => c.json(await getContactPolicy(db, workspaceOf(c)), 200));
  router.openapi(routes.putPolicy, async (c) => c.json(await setContactPolicy(db, workspaceOf(c), c.req.valid('json')), 200));
  return router;
}
