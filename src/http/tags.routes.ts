import { createRoute, z } from '@hono/zod-openapi';
import { audienceCustomerIds, audienceFilterSchema } from '../audiences/index.ts';
import { customerTags, visibleCustomerId } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import {
  addAlias, createCategory, createGroup, createTag, deleteCategory, deleteGroup, deleteTag, listTaxonomy, mergeTags, parseExpiry,
  removeAlias, renameCategory, renameGroup, renameTag, tagCustomers, untagCustomers, findTag,
} from '../tags/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { customerSchema } from './customers.routes.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';


const tagErrors = {
  ...errorResponses,
  403: { description: 'A system group or category, maintained by the segmentation models', content: { 'application/json': { schema: errorSchema } } },
  409: { description: 'The name is taken, or the category is not empty', content: { 'application/json': { schema: errorSchema } } },
} as const;

const idParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const tagRef = z.union([z.string().min(1), z.number().int().positive()]).openapi({ description: '"group/tag" (an alias works too) or the tag id', example: '会员等级/金卡' });
const nameBody = (example: string) => z.object({ name: z.string().min(1).openapi({ example }) });

const categoryInfo = z.object({ categoryId: z.number(), name: z.string(), system: z.boolean() }).openapi('TagCategory');
const groupInfo = z.object({ groupId: z.number(), name: z.string(), categoryId: z.number(), exclusive: z.boolean(), system: z.boolean() }).openapi('TagGroup');
const tagInfo = z.object({
  tagId: z.number(), name: z.string(), path: z.string(), groupId: z.number(), group: z.string(), exclusive: z.boolean(), system: z.boolean(),
}).openapi('Tag');
const tree = z.object({
  categories: z.array(z.object({
    categoryId: z.number(), name: z.string(), system: z.boolean(),
    groups: z.array(z.object({
      groupId: z.number(), name: z.string(), exclusive: z.boolean().openapi({ description: 'single-choice: a customer holds at most one of its tags' }), system: z.boolean(),
      tags: z.array(z.object({ tagId: z.number(), name: z.string(), path: z.string(), aliases: z.array(z.string()), customers: z.number() })),
    })),
  })),
}).openapi('TagTree');
const removal = z.object({ customers: z.number().openapi({ description: 'customers who lost a tag they held' }) });
const customerTagList = customerSchema.shape.tags;

const routes = {
  tree: createRoute({
    method: 'get', path: '/api/v1/tags', summary: 'The tag taxonomy: categories → groups → tags, with aliases and how many customers hold each tag',
    request: { query: workspaceQuery },
    responses: { 200: ok('The tree', tree), ...tagErrors },
  }),
  createCategory: createRoute({
    method: 'post', path: '/api/v1/tags/categories', summary: 'Create a tag category',
    request: { query: workspaceQuery, body: json(nameBody('客户属性')) },
    responses: { 201: ok('Created', categoryInfo), ...tagErrors },
  }),
  renameCategory: createRoute({
    method: 'patch', path: '/api/v1/tags/categories/{id}', summary: 'Rename a tag category',
    request: { params: idParam, query: workspaceQuery, body: json(nameBody('客户画像')) },
    responses: { 200: ok('Renamed', categoryInfo), ...tagErrors },
  }),
  deleteCategory: createRoute({
    method: 'delete', path: '/api/v1/tags/categories/{id}', summary: 'Delete a tag category (with force=true also its groups and tags)',
    request: { params: idParam, query: workspaceQuery.extend({ force: z.enum(['true', 'false']).optional() }) },
    responses: { 200: ok('Deleted', removal.extend({ category: z.string(), groups: z.number(), tags: z.number() })), ...tagErrors },
  }),
  createGroup: createRoute({
    method: 'post', path: '/api/v1/tags/groups', summary: 'Create a tag group, single-choice (exclusive) or multi-choice',
    request: {
      query: workspaceQuery,
      body: json(z.object({
        name: z.string().min(1).openapi({ example: '会员等级' }),
        category: z.union([z.string().min(1), z.number().int().positive()]).openapi({ description: 'category name or id' }),
        exclusive: z.boolean().optional(),
      })),
    },
    responses: { 201: ok('Created', groupInfo), ...tagErrors },
  }),
  renameGroup: createRoute({
    method: 'patch', path: '/api/v1/tags/groups/{id}', summary: 'Rename a tag group',
    request: { params: idParam, query: workspaceQuery, body: json(nameBody('会员')) },
    responses: { 200: ok('Renamed', groupInfo), ...tagErrors },
  }),
  deleteGroup: createRoute({
    method: 'delete', path: '/api/v1/tags/groups/{id}', summary: 'Delete a tag group with its tags, taking them off customers',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('Deleted', removal.extend({ group: z.string(), tags: z.number() })), ...tagErrors },
  }),
  createTag: createRoute({
    method: 'post', path: '/api/v1/tags', summary: 'Create a tag in a group',
    request: {
      query: workspaceQuery,
      body: json(z.object({
        group: z.union([z.string().min(1), z.number().int().positive()]).openapi({ description: 'group name or id', example: '会员等级' }),
        name: z.string().min(1).openapi({ example: '金卡' }),
      })),
    },
    responses: { 201: ok('Created', tagInfo), ...tagErrors },
  }),
  renameTag: createRoute({
    method: 'patch', path: '/api/v1/tags/{id}', summary: 'Rename a tag',
    request: { params: idParam, query: workspaceQuery, body: json(nameBody('黑金卡')) },
    responses: { 200: ok('Renamed', tagInfo), ...tagErrors },
  }),
  deleteTag: createRoute({
    method: 'delete', path: '/api/v1/tags/{id}', summary: 'Delete a tag, taking it off its customers (audited)',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('Deleted', removal.extend({ tag: z.string() })), ...tagErrors },
  }),
  addAlias: createRoute({
    method: 'post', path: '/api/v1/tags/{id}/aliases', summary: 'Give a tag another name in its group ("客户已下单" → "客户首单")',
    request: { params: idParam, query: workspaceQuery, body: json(z.object({ alias: z.string().min(1).openapi({ example: '客户已下单' }) })) },
    responses: { 201: ok('Added', z.object({ tag: z.string(), tagId: z.number(), alias: z.string() })), ...tagErrors },
  }),
  removeAlias: createRoute({
    method: 'delete', path: '/api/v1/tags/{id}/aliases/{alias}', summary: 'Remove an alias of a tag',
    request: { params: idParam.extend({ alias: z.string().min(1) }), query: workspaceQuery },
    responses: { 200: ok('Removed', z.object({ tag: z.string(), alias: z.string() })), ...tagErrors },
  }),
  merge: createRoute({
    method: 'post', path: '/api/v1/tags/merge', summary: 'Merge a tag into another: its customers move, its name becomes an alias',
    request: { query: workspaceQuery, body: json(z.object({ from: tagRef, into: tagRef })) },
    responses: {
      200: ok('Merged', z.object({
        from: z.string(), into: z.string(), moved: z.number(), alreadyHeld: z.number(),
        skipped: z.array(z.object({ customerId: z.number(), holds: z.string() })),
        alias: z.string().nullable(), aliasNote: z.string().optional(), aliasesMoved: z.number(),
      })),
      ...tagErrors,
    },
  }),
  tagCustomer: createRoute({
    method: 'post', path: '/api/v1/customers/{id}/tags', summary: 'Put a tag on a customer (in a single-choice group it replaces the one held)',
    request: {
      params: idParam, query: workspaceQuery,
      body: json(z.object({
        tag: tagRef,
        reason: z.string().max(500).optional(),
        expiresAt: z.string().optional().openapi({ description: 'last day the tag holds (YYYY-MM-DD, workspace time zone) or an ISO 8601 date-time' }),
      })),
    },
    responses: {
      200: ok('The customer\'s tags after the change', z.object({
        customerId: z.number(), tag: z.string(), tagId: z.number(), status: z.enum(['added', 'updated', 'unchanged']),
        replaced: z.array(z.string()), tags: customerTagList,
      })),
      ...tagErrors,
    },
  }),
  untagCustomer: createRoute({
    method: 'delete', path: '/api/v1/customers/{id}/tags/{tagId}', summary: 'Take a tag off a customer',
    request: { params: idParam.extend({ tagId: z.coerce.number().int().positive() }), query: workspaceQuery },
    responses: {
      200: ok('The customer\'s tags after the change', z.object({ customerId: z.number(), tag: z.string(), removed: z.boolean(), tags: customerTagList })),
      ...tagErrors,
    },
  }),
};

/** Most customers one bulk request may tag: by ids, and by a filter (larger audiences: the CLI or a rule). */
const MAX_APPLY_IDS = 10_000;
const MAX_APPLY_FILTER = 100_000;

const applyRoute = createRoute({
  method: 'post', path: '/api/v1/tags/apply',
  summary: 'Put one tag on many customers at once (by ids or by an audience filter), within the caller\'s scope, in one transaction',
  request: {
    query: workspaceQuery,
    body: json(z.object({
      tag: tagRef,
      customerIds: z.array(z.number().int().positive()).min(1).max(MAX_APPLY_IDS).optional(),
      filter: audienceFilterSchema.optional(),
      reason: z.string().max(500).optional(),
    })),
  },
  responses: {
    200: ok('What happened to each customer', z.object({
      tag: z.string(), tagId: z.number(), matched: z.number(), added: z.number(), updated: z.number(), unchanged: z.number(), replaced: z.number(),
      refused: z.array(z.number()).openapi({ description: 'ids that do not exist or are outside the caller\'s scope (nothing was done to them)' }),
    })),
    ...tagErrors,
  },
});

export function tagRoutes({ db, now }: AppDeps) {
  const clock = () => new Date(now?.() ?? Date.now());
  const router = newRouter();
  router.openapi(routes.tree, async (c) => c.json({ categories: await listTaxonomy(db, workspaceOf(c), clock(), scopeOf(c)) }, 200));
  router.openapi(routes.createCategory, async (c) =>
    c.json(await createCategory(db, workspaceOf(c), c.req.valid('json').name, actorOf(c)), 201));
  router.openapi(routes.renameCategory, async (c) =>
    c.json(await renameCategory(db, workspaceOf(c), c.req.valid('param').id, c.req.valid('json').name, actorOf(c)), 200));
  router.openapi(routes.deleteCategory, async (c) => {
    const q = c.req.valid('query');
    return c.json(await deleteCategory(db, workspaceOf(c), c.req.valid('param').id, actorOf(c), { force: q.force === 'true', now: clock() }), 200);
  });
  router.openapi(routes.createGroup, async (c) => c.json(await createGroup(db, workspaceOf(c), c.req.valid('json'), actorOf(c)), 201));
  router.openapi(routes.renameGroup, async (c) =>
    c.json(await renameGroup(db, workspaceOf(c), c.req.valid('param').id, c.req.valid('json').name, actorOf(c)), 200));
  router.openapi(routes.deleteGroup, async (c) =>
    c.json(await deleteGroup(db, workspaceOf(c), c.req.valid('param').id, actorOf(c), { now: clock() }), 200));
  router.openapi(routes.createTag, async (c) => {
    const body = c.req.valid('json');
    return c.json(await createTag(db, workspaceOf(c), body.group, body.name, actorOf(c)), 201);
  });
  router.openapi(routes.renameTag, async (c) =>
    c.json(await renameTag(db, workspaceOf(c), c.req.valid('param').id, c.req.valid('json').name, actorOf(c)), 200));
  router.openapi(routes.deleteTag, async (c) =>
    c.json(await deleteTag(db, workspaceOf(c), c.req.valid('param').id, actorOf(c), { now: clock() }), 200));
  router.openapi(routes.addAlias, async (c) =>
    c.json(await addAlias(db, workspaceOf(c), c.req.valid('param').id, c.req.valid('json').alias, actorOf(c)), 201));
  router.openapi(routes.removeAlias, async (c) => {
    const { id, alias } = c.req.valid('param');
    return c.json(await removeAlias(db, workspaceOf(c), id, alias, actorOf(c)), 200);
  });
  router.openapi(routes.merge, async (c) => {
    const { from, into } = c.req.valid('json');
    return c.json(await mergeTags(db, workspaceOf(c), from, into, actorOf(c), { now: clock() }), 200);
  });
  router.openapi(routes.tagCustomer, async (c) => {
    const workspaceId = workspaceOf(c);
    const id = await visibleCustomerId(db, workspaceId, c.req.valid('param').id, scopeOf(c));
    const body = c.req.valid('json');
    const at = clock();
    let expiresAt: Date | undefined;
    if (body.expiresAt !== undefined) {
      const parsed = parseExpiry(body.expiresAt, (await requireWorkspace(db, workspaceId)).timeZone);
      if (!parsed.ok) throw new SiyuError('validation_failed', `expiresAt: ${parsed.reason}`);
      expiresAt = parsed.expiresAt;
    }
    const r = await tagCustomers(db, workspaceId, { customerIds: [id], tag: body.tag, source: 'api', reason: body.reason, expiresAt, actor: actorOf(c), now: at });
    const customerId = [...r.added, ...r.updated, ...r.unchanged][0]!;
    const status = r.added.length > 0 ? 'added' : r.updated.length > 0 ? 'updated' : 'unchanged';
    const tags = (await customerTags(db, workspaceId, [customerId], at)).get(customerId) ?? [];
    return c.json({ customerId, tag: r.tag, tagId: r.tagId, status, replaced: r.replaced.map((x) => x.tag), tags }, 200);
  });
  router.openapi(applyRoute, async (c) => {
    const ws = workspaceOf(c);
    const body = c.req.valid('json');
    if ((body.customerIds === undefined) === (body.filter === undefined)) {
      throw new SiyuError('validation_failed', 'customerIds: give either customerIds or a filter (one of them)', { field: 'customerIds' });
    }
    const scope = scopeOf(c);
    let ids: number[];
    let refused: number[] = [];
    if (body.customerIds) {
      const asked = [...new Set(body.customerIds)];
      ids = await audienceCustomerIds(db, ws, { field: 'customerId', op: 'in', values: asked }, scope, { limit: MAX_APPLY_IDS });
      const visible = new Set(ids);
      refused = asked.filter((id) => !visible.has(id));
    } else {
      ids = await audienceCustomerIds(db, ws, body.filter, scope, { limit: MAX_APPLY_FILTER + 1 });
      if (ids.length > MAX_APPLY_FILTER) {
        throw new SiyuError('validation_failed', `filter: matches more than ${MAX_APPLY_FILTER.toLocaleString('en')} customers; narrow it, or tag them with a rule or "siyu tags"`, { field: 'filter' });
      }
    }
    const r = ids.length === 0
      ? { ...(await findTagInfo(body.tag)), added: [], updated: [], unchanged: [], replaced: [] }
      : await tagCustomers(db, ws, { customerIds: ids, tag: body.tag, source: 'api', reason: body.reason, actor: actorOf(c), now: clock() });
    return c.json({
      tag: r.tag, tagId: r.tagId, matched: ids.length, added: r.added.length, updated: r.updated.length, unchanged: r.unchanged.length,
      replaced: r.replaced.length, refused,
    }, 200);
    async function findTagInfo(ref: string | number) {
      const t = await findTag(db, ws, ref);
      return { tag: t.path, tagId: t.tagId };
    }
  });
  router.openapi(routes.untagCustomer, async (c) => {
    const workspaceId = workspaceOf(c);
    const { tagId } = c.req.valid('param');
    const id = await visibleCustomerId(db, workspaceId, c.req.valid('param').id, scopeOf(c));
    const at = clock();
    const r = await untagCustomers(db, workspaceId, { customerIds: [id], tag: tagId, source: 'api', actor: actorOf(c), now: at });
    const customerId = [...r.removed, ...r.notHeld][0]!;
    const tags = (await customerTags(db, workspaceId, [customerId], at)).get(customerId) ?? [];
    return c.json({ customerId, tag: r.tag, removed: r.removed.length > 0, tags }, 200);
  });
  return router;
}
