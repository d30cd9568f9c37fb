import { createRoute, z } from '@hono/zod-openapi';
import {
  createGroupMass, createGroupSop, getGroup, getGroupMass, groupConversion, groupSelectionSchema, groupSopSchema, listGroupMass, listGroups, listGroupSops,
  setGroupSopEnabled, setGroupTags, inviteToGroup,
} from '../groups/index.ts';
import { collectGroupSendResults, createJoinWay, listJoinWays, sendGroupMessages, syncGroups } from '../wecom/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';

const groupErrors = {
  ...errorResponses,
  409: { description: 'The name is taken', content: { 'application/json': { schema: errorSchema } } },
  502: { description: 'WeCom refused or did not answer', content: { 'application/json': { schema: errorSchema } } },
} as const;

const chatParam = z.object({ chatId: z.string().min(1).max(128).openapi({ example: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA' }) });
const idParam = z.object({ id: z.coerce.number().int().positive() });
const summary = z.object({
  chatId: z.string(), name: z.string().nullable(), owner: z.string().nullable(), tags: z.array(z.string()), createdAt: z.string().nullable(), dismissed: z.boolean(),
  members: z.number(), customers: z.number().openapi({ description: 'external members' }),
  linked: z.number().openapi({ description: 'external members who are customers in the caller\'s scope' }),
  joined30d: z.number(), left30d: z.number(),
}).openapi('GroupSummary');
const detail = summary.extend({
  memberCustomers: z.array(z.object({ customerId: z.number(), name: z.string().nullable(), joinedAt: z.string().nullable(), state: z.string().nullable() })),
  daily: z.array(z.object({ day: z.string(), joined: z.number(), left: z.number() })),
}).openapi('GroupDetail');
const joinWay = z.object({
  configId: z.string(), state: z.string(), chatIds: z.array(z.string()), remark: z.string().nullable(), qrCode: z.string().nullable(), createdAt: z.string(),
  joined: z.number().openapi({ description: 'group.joined events carrying this state' }),
}).openapi('GroupJoinWay');
const groupSop = z.object({
  groupSopId: z.number(), name: z.string(), enabled: z.boolean(), enabledAt: z.string(), definition: z.unknown(),
  sends: z.array(z.object({ stepKey: z.string().nullable(), status: z.string(), groups: z.number() })),
}).openapi('GroupSop');
const groupMass = z.object({
  groupMassId: z.number(), title: z.string(), text: z.string(), materialIds: z.array(z.number()), selection: z.unknown(), createdAt: z.string(),
  results: z.array(z.object({ chatId: z.string(), name: z.string().nullable(), sender: z.string(), status: z.string(), error: z.string().nullable() })),
}).openapi('GroupMass');
const materials = z.array(z.union([z.number().int().positive(), z.string().min(1).max(64)])).max(9);

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/groups', summary: 'Customer groups (社群): owner, members, joins and leaves in 30 days, group tags',
    request: { query: workspaceQuery.extend({ tag: z.string().max(30).optional(), owner: z.string().max(64).optional() }) },
    responses: { 200: ok('Groups', z.object({ items: z.array(summary) })), ...groupErrors },
  }),
  sync: createRoute({
    method: 'post', path: '/api/v1/groups/sync', summary: 'Read every group and its members from WeCom now (the WeCom worker also does this when it reconciles)',
    request: { query: workspaceQuery },
    responses: { 200: ok('Synced', z.object({ groups: z.number(), joined: z.number() })), ...groupErrors },
  }),
  joinWays: createRoute({
    method: 'get', path: '/api/v1/groups/join-ways', summary: 'Group join codes and how many joined through each',
    request: { query: workspaceQuery },
    responses: { 200: ok('Join codes', z.object({ items: z.array(joinWay) })), ...groupErrors },
  }),
  addJoinWay: createRoute({
    method: 'post', path: '/api/v1/groups/join-ways', summary: 'A join code (WeCom groupchat/add_join_way) for 1–5 groups; its state is the channel joins are attributed to',
    request: { query: workspaceQuery, body: json(z.strictObject({ state: z.string().min(1).max(30), chatIds: z.array(z.string().min(1).max(128)).min(1).max(5), remark: z.string().max(60).optional() })) },
    responses: { 201: ok('The join code', joinWay), ...groupErrors },
  }),
  sops: createRoute({
    method: 'get', path: '/api/v1/groups/sops', summary: 'Group SOPs with what each step has sent, per status',
    request: { query: workspaceQuery },
    responses: { 200: ok('Group SOPs', z.object({ items: z.array(groupSop) })), ...groupErrors },
  }),
  addSop: createRoute({
    method: 'post', path: '/api/v1/groups/sops',
    summary: 'A group SOP: steps at a day offset from each group\'s creation or on a fixed date, in a send window, with library content; each group gets each step once',
    request: { query: workspaceQuery, body: json(groupSopSchema) },
    responses: { 201: ok('Created (switched on)', groupSop), ...groupErrors },
  }),
  sopEnabled: createRoute({
    method: 'put', path: '/api/v1/groups/sops/{id}/enabled', summary: 'Switch a group SOP on or off; switched on again, it does not catch up on steps due while off',
    request: { params: idParam, query: workspaceQuery, body: json(z.strictObject({ enabled: z.boolean() })) },
    responses: { 200: ok('The group SOP', groupSop), ...groupErrors },
  }),
  masses: createRoute({
    method: 'get', path: '/api/v1/groups/mass-messages', summary: 'Group mass messages with per-group results',
    request: { query: workspaceQuery },
    responses: { 200: ok('Group mass messages', z.object({ items: z.array(groupMass) })), ...groupErrors },
  }),
  addMass: createRoute({
    method: 'post', path: '/api/v1/groups/mass-messages', summary: 'A mass message to the groups picked by tag or owner; each group is sent once by its owner',
    request: { query: workspaceQuery, body: json(z.strictObject({ title: z.string().max(100).optional(), text: z.string().max(4000).optional(), materials: materials.optional(), groups: groupSelectionSchema })) },
    responses: { 201: ok('Created; the WeCom worker sends it', groupMass), ...groupErrors },
  }),
  mass: createRoute({
    method: 'get', path: '/api/v1/groups/mass-messages/{id}', summary: 'One group mass message with per-group results',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('The group mass message', groupMass), ...groupErrors },
  }),
  send: createRoute({
    method: 'post', path: '/api/v1/groups/send', summary: 'Send due group SOP steps and queued group mass messages now, and read results back (the WeCom worker does this by itself)',
    request: { query: workspaceQuery },
    responses: {
      200: ok('What happened', z.object({
        queued: z.number(), created: z.number(), failed: z.array(z.object({ chatId: z.string(), sendKey: z.string(), error: z.string() })),
        results: z.object({ sent: z.number(), waiting: z.number() }),
      })),
      ...groupErrors,
    },
  }),
  get: createRoute({
    method: 'get', path: '/api/v1/groups/{chatId}', summary: 'One group: members who are customers in the caller\'s scope, joins and leaves per day',
    request: { params: chatParam, query: workspaceQuery },
    responses: { 200: ok('The group', detail), ...groupErrors },
  }),
  tags: createRoute({
    method: 'put', path: '/api/v1/groups/{chatId}/tags', summary: 'Set a group\'s tags (VIP群, 快闪群, 兴趣群 …)',
    request: { params: chatParam, query: workspaceQuery, body: json(z.strictObject({ tags: z.array(z.string().min(1).max(30)).max(20) })) },
    responses: { 200: ok('The tags', z.object({ chatId: z.string(), tags: z.array(z.string()) })), ...groupErrors },
  }),
  invite: createRoute({
    method: 'post', path: '/api/v1/groups/{chatId}/invitations',
    summary: '"Invite to this group" tasks for the customers\' owners, once per customer and group (invited → joined is in the conversion)',
    request: { params: chatParam, query: workspaceQuery, body: json(z.strictObject({ customerIds: z.array(z.number().int().positive()).min(1).max(5000) })) },
    responses: { 200: ok('Invitations', z.object({ created: z.number(), duplicates: z.number(), notFound: z.array(z.number()) })), ...groupErrors },
  }),
  conversion: createRoute({
    method: 'get', path: '/api/v1/groups/{chatId}/conversion', summary: 'Members against everyone else: paid orders and amount, and joins through a join code',
    request: { params: chatParam, query: workspaceQuery },
    responses: {
      200: ok('Conversion', z.object({
        chatId: z.string(), name: z.string().nullable(), members: z.number(), joinedViaCode: z.number(), invited: z.number(), invitedJoined: z.number(),
        memberOrders: z.object({ customers: z.number(), paidOrders: z.number(), paidFen: z.number() }),
        otherOrders: z.object({ customers: z.number(), paidOrders: z.number(), paidFen: z.number() }),
      }).openapi('GroupConversion')),
      ...groupErrors,
    },
  }),
};

export function groupRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const clock = () => new Date(now ? now() : Date.now());
  router.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    return c.json({ items: await listGroups(db, workspaceOf(c), { scope: scopeOf(c), tag: q.tag, owner: q.owner, now: clock() }) }, 200);
  });
  router.openapi(routes.sync, async (c) => c.json(await syncGroups(db, workspaceOf(c), { now: clock().getTime() }), 200));
  router.openapi(routes.joinWays, async (c) => c.json({ items: await listJoinWays(db, workspaceOf(c)) }, 200));
  router.openapi(routes.addJoinWay, async (c) => c.json(await createJoinWay(db, workspaceOf(c), c.req.valid('json'), { now: clock().getTime() }), 201));
  router.openapi(routes.sops, async (c) => c.json({ items: await listGroupSops(db, workspaceOf(c)) }, 200));
  router.openapi(routes.addSop, async (c) => c.json(await createGroupSop(db, workspaceOf(c), c.req.valid('json'), clock()), 201));
  router.openapi(routes.sopEnabled, async (c) =>
    c.json(await setGroupSopEnabled(db, workspaceOf(c), c.req.valid('param').id, c.req.valid('json').enabled, clock()), 200));
  router.openapi(routes.masses, async (c) => c.json({ items: await listGroupMass(db, workspaceOf(c)) }, 200));
  router.openapi(routes.addMass, async (c) => c.json(await db.transaction((tx) => createGroupMass(tx, workspaceOf(c), c.req.valid('json'), actorOf(c), clock())), 201));
  router.openapi(routes.mass, async (c) => c.json(await getGroupMass(db, workspaceOf(c), c.req.valid('param').id), 200));
  router.openapi(routes.send, async (c) => {
    const ws = workspaceOf(c);
    const at = clock().getTime();
    const sent = await sendGroupMessages(db, ws, { now: at });
    return c.json({ ...sent, results: await collectGroupSendResults(db, ws, { now: at }) }, 200);
  });
  router.openapi(routes.get, async (c) => c.json(await getGroup(db, workspaceOf(c), c.req.valid('param').chatId, { scope: scopeOf(c), now: clock() }), 200));
  router.openapi(routes.tags, async (c) => c.json(await setGroupTags(db, workspaceOf(c), c.req.valid('param').chatId, c.req.valid('json').tags), 200));
  router.openapi(routes.invite, async (c) =>
    c.json(await inviteToGroup(db, workspaceOf(c), c.req.valid('param').chatId, c.req.valid('json').customerIds, scopeOf(c), clock()), 200));
  router.openapi(routes.conversion, async (c) => c.json(await groupConversion(db, workspaceOf(c), c.req.valid('param').chatId, scopeOf(c)), 200));
  return router;
}
