import { createRoute, z } from '@hono/zod-openapi';
import {
  cancelMomentPost, createMomentCommentTasks, getMomentPost, getMomentSettings, listMomentPosts, momentPlanSchema, planMomentPost, POST_STATUSES,
  setMomentSettings, STAFF_STATUSES,
} from '../moments/index.ts';
import { collectMomentResults, publishDueMoments } from '../wecom/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';

const momentErrors = {
  ...errorResponses,
  409: { description: 'The post is no longer planned', content: { 'application/json': { schema: errorSchema } } },
} as const;

const idParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const postSchema = z.object({
  postId: z.number(), title: z.string(), text: z.string(),
  materials: z.array(z.object({ materialId: z.number(), kind: z.string(), title: z.string() })),
  staff: z.array(z.object({ staffId: z.string(), status: z.enum(STAFF_STATUSES) })).openapi({ description: 'who posts it; invalid = WeCom refused the sender' }),
  visibility: z.enum(['all', 'tags']), tags: z.array(z.object({ tagId: z.number(), path: z.string() })),
  publishAt: z.string(), status: z.enum(POST_STATUSES), momentId: z.string().nullable(), error: z.string().nullable(),
  engagement: z.object({ likes: z.number(), comments: z.number(), customers: z.number() })
    .openapi({ description: 'moment.liked / moment.commented events of the post, of customers in the caller\'s scope' }),
  createdBy: z.string().nullable(), createdAt: z.string(),
}).openapi('MomentPost');
const settingsSchema = z.object({ perStaffDaily: z.number().int().min(1).max(50) }).openapi('MomentSettings');
const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date-time (ISO 8601)');

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/moments', summary: 'Moments (朋友圈) posts by publish time: a calendar range, a staff member, a status',
    request: {
      query: workspaceQuery.extend({
        from: instant.optional(), to: instant.optional(), staff: z.string().max(64).optional(), status: z.enum(POST_STATUSES).optional(),
      }),
    },
    responses: { 200: ok('Posts, latest publish time first', z.object({ items: z.array(postSchema) })), ...momentErrors },
  }),
  plan: createRoute({
    method: 'post', path: '/api/v1/moments',
    summary: 'Plan a post: content from the library, the staff who post, visibility, a publish time. Held to the per-staff daily limit, not to the marketing trust gate or cap',
    request: { query: workspaceQuery, body: json(momentPlanSchema) },
    responses: { 201: ok('Planned', postSchema), ...momentErrors },
  }),
  getSettings: createRoute({
    method: 'get', path: '/api/v1/moments/settings', summary: 'The per-staff daily limit on Moments posts (default 3)',
    request: { query: workspaceQuery },
    responses: { 200: ok('The settings', settingsSchema), ...momentErrors },
  }),
  putSettings: createRoute({
    method: 'put', path: '/api/v1/moments/settings', summary: 'Change the per-staff daily limit on Moments posts',
    request: { query: workspaceQuery, body: json(z.strictObject({ perStaffDaily: z.number().int().min(1).max(50) })) },
    responses: { 200: ok('The settings', settingsSchema), ...momentErrors },
  }),
  publish: createRoute({
    method: 'post', path: '/api/v1/moments/publish',
    summary: 'Send due posts to WeCom now (add_moment_task) and read results back (publish status per staff, likes and comments); the WeCom worker does this on its own too',
    request: { query: workspaceQuery },
    responses: {
      200: ok('What happened', z.object({
        submitted: z.array(z.object({ postId: z.number(), jobid: z.string() })), failed: z.array(z.object({ postId: z.number(), error: z.string() })),
        results: z.object({ published: z.number(), failed: z.number(), staffPublished: z.number(), events: z.number() }),
      })),
      ...momentErrors,
    },
  }),
  commentTasks: createRoute({
    method: 'post', path: '/api/v1/moments/comment-tasks',
    summary: '"Comment thoughtfully on this customer\'s Moments" tasks for the owners of L0/L1 customers, at most one per customer and week',
    request: {
      query: workspaceQuery,
      body: json(z.strictObject({
        staffId: z.string().max(64).optional(), trustLevels: z.array(z.number().int().min(0).max(5)).min(1).max(6).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      }), false),
    },
    responses: { 200: ok('Tasks made', z.object({ created: z.number(), duplicates: z.number(), customers: z.number() })), ...momentErrors },
  }),
  get: createRoute({
    method: 'get', path: '/api/v1/moments/{id}', summary: 'One post with each staff member\'s publish status and its likes and comments',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('The post', postSchema), ...momentErrors },
  }),
  cancel: createRoute({
    method: 'delete', path: '/api/v1/moments/{id}', summary: 'Cancel a planned post (one already sent to WeCom cannot be taken back here)',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('The cancelled post', postSchema), ...momentErrors },
  }),
};

export function momentRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const clock = () => new Date(now ? now() : Date.now());
  router.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    return c.json({ items: await listMomentPosts(db, workspaceOf(c), {
      from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, staffId: q.staff, status: q.status, scope: scopeOf(c),
    }) }, 200);
  });
  router.openapi(routes.plan, async (c) => c.json(await planMomentPost(db, workspaceOf(c), c.req.valid('json'), actorOf(c), clock()), 201));
  router.openapi(routes.getSettings, async (c) => c.json(await getMomentSettings(db, workspaceOf(c)), 200));
  router.openapi(routes.putSettings, async (c) => c.json(await setMomentSettings(db, workspaceOf(c), c.req.valid('json'), clock()), 200));
  router.openapi(routes.publish, async (c) => {
    const ws = workspaceOf(c);
    const at = clock().getTime();
    const sent = await publishDueMoments(db, ws, { now: at });
    return c.json({ ...sent, results: await collectMomentResults(db, ws, { now: at }) }, 200);
  });
  router.openapi(routes.commentTasks, async (c) => {
    const body = (c.req.header('content-type')?.includes('json') ? c.req.valid('json') : undefined) ?? {};
    return c.json(await createMomentCommentTasks(db, workspaceOf(c), { now: clock(), staffId: body.staffId, trustLevels: body.trustLevels, limit: body.limit, scope: scopeOf(c) }), 200);
  });
  router.openapi(routes.get, async (c) => c.json(await getMomentPost(db, workspaceOf(c), c.req.valid('param').id, scopeOf(c)), 200));
  router.openapi(routes.cancel, async (c) => c.json(await cancelMomentPost(db, workspaceOf(c), c.req.valid('param').id, clock()), 200));
  return router;
}
