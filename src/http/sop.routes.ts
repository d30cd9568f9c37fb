import { createRoute, z } from '@hono/zod-openapi';
import { SiyuError } from '../shared/errors.ts';
import {
  createSop, deleteSop, dryRunSop, fieldPath, getSop, listSops, setSopEnabled, sopDefinitionSchema, sopDeliveries, updateSop, type Sop,
} from '../sop/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';

const sopErrors = {
  ...errorResponses,
  409: { description: 'The name is taken', content: { 'application/json': { schema: errorSchema } } },
} as const;

const idParam = z.object({ id: z.string().min(1).openapi({ description: 'SOP id or name', example: '1' }) });

const sopSchema = z.object({
  sopId: z.number(), name: z.string(), enabled: z.boolean(), version: z.number(),
  stage: z.object({ tagId: z.number(), path: z.string().openapi({ example: '购买频次/已购买' }) }),
  definition: sopDefinitionSchema, createdAt: z.string(), updatedAt: z.string(),
}).openapi('Sop');
const enrollResult = z.object({
  enrolled: z.number(), alreadyIn: z.number(), scheduled: z.number(),
  delivered: z.object({ created: z.number(), duplicates: z.number(), suppressed: z.number(), deferred: z.number() }),
  skipped: z.string().optional(),
});
const deliveryReport = z.object({
  sopId: z.number(), name: z.string(),
  enrollments: z.object({ open: z.number(), total: z.number() }),
  steps: z.array(z.object({
    key: z.string(), title: z.string().nullable(), scheduled: z.number(), due: z.number(), suppressed: z.number(), cancelled: z.number(),
    removed: z.boolean().openapi({ description: 'the step is no longer in the SOP' }),
  })),
  recent: z.array(z.object({
    customerId: z.number(), name: z.string().nullable().openapi({ description: 'the customer\'s name' }), stepKey: z.string(), round: z.number(), status: z.enum(['scheduled', 'due', 'suppressed', 'cancelled']),
    dueAt: z.string(), taskId: z.string().nullable(), reason: z.string().nullable(),
  })),
}).openapi('SopDeliveries');
const dryRunResult = z.object({
  sop: z.string(), stage: z.string(), members: z.number(), truncated: z.boolean(),
  steps: z.array(z.object({
    key: z.string(), title: z.string().nullable(), purpose: z.string(), channel: z.string(), dueAt: z.string(),
    deliveries: z.number(), alreadyReceived: z.number(), suppressed: z.number(), suppressedBy: z.record(z.string(), z.number()), deferred: z.number(),
  })),
  samples: z.array(z.object({
    customerId: z.number(), name: z.string().nullable(), staff: z.string().nullable(),
    steps: z.array(z.object({ key: z.string(), dueAt: z.string(), content: z.string(), decision: z.string() })),
  })),
}).openapi('SopDryRun');

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/sops', summary: 'SOPs (标准作业流程): per-stage playbooks of timed steps',
    request: { query: workspaceQuery },
    responses: { 200: ok('Every SOP', z.object({ items: z.array(sopSchema) })), ...sopErrors },
  }),
  create: createRoute({
    method: 'post', path: '/api/v1/sops', summary: 'Create an SOP from its definition (the same JSON as an SOP file)',
    request: { query: workspaceQuery, body: json(sopDefinitionSchema) },
    responses: { 201: ok('Created', sopSchema), ...sopErrors },
  }),
  get: createRoute({
    method: 'get', path: '/api/v1/sops/{id}', summary: 'One SOP with its definition',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('The SOP', sopSchema), ...sopErrors },
  }),
  update: createRoute({
    method: 'put', path: '/api/v1/sops/{id}',
    summary: 'Replace the definition (a new version). Steps keep their identity by key: editing content never re-sends; a removed step is cancelled',
    request: { params: idParam, query: workspaceQuery, body: json(sopDefinitionSchema) },
    responses: { 200: ok('The new version', sopSchema), ...sopErrors },
  }),
  delete: createRoute({
    method: 'delete', path: '/api/v1/sops/{id}', summary: 'Delete an SOP: its scheduled steps are cancelled, tasks already made stay',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('Deleted', z.object({ sopId: z.number(), name: z.string(), cancelled: z.number() })), ...sopErrors },
  }),
  enable: createRoute({
    method: 'post', path: '/api/v1/sops/{id}/enable',
    summary: 'Switch an SOP on for customers entering its stage; enrollCurrent also enrolls those in the stage now',
    request: { params: idParam, query: workspaceQuery, body: { content: { 'application/json': { schema: z.object({ enrollCurrent: z.boolean().optional() }) } }, required: false } },
    responses: { 200: ok('Enabled', z.object({ sop: sopSchema, cancelled: z.number(), enrollment: enrollResult.nullable() })), ...sopErrors },
  }),
  disable: createRoute({
    method: 'post', path: '/api/v1/sops/{id}/disable', summary: 'Switch an SOP off: open stays end, scheduled steps are cancelled',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('Disabled', z.object({ sop: sopSchema, cancelled: z.number(), enrollment: enrollResult.nullable() })), ...sopErrors },
  }),
  dryRun: createRoute({
    method: 'post', path: '/api/v1/sops/dry-run',
    summary: 'What an SOP would do for the customers in its stage now: deliveries per step, policy suppressions and why, samples. No side effects',
    request: {
      query: workspaceQuery,
      body: json(z.object({
        sop: z.union([z.string().min(1), z.number().int().positive()]).optional().openapi({ description: 'a stored SOP (id or name)' }),
        definition: z.unknown().optional().openapi({ description: 'an SOP definition (not stored)' }),
        samples: z.number().int().min(0).max(20).optional(),
      })),
    },
    responses: { 200: ok('The dry run', dryRunResult), ...sopErrors },
  }),
  deliveries: createRoute({
    method: 'get', path: '/api/v1/sops/{id}/deliveries', summary: 'What an SOP has done: per-step counts by status and the latest deliveries',
    request: {
      params: idParam,
      query: workspaceQuery.extend({
        status: z.enum(['scheduled', 'due', 'suppressed', 'cancelled']).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      }),
    },
    responses: { 200: ok('Deliveries', deliveryReport), ...sopErrors },
  }),
};

/** Definition errors read "steps[2].window.start: expected HH:MM", as in files and the CLI. */
const definitionHook = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): undefined => {
  if (result.success || !result.error) return undefined;
  const issues = result.error.issues.map((i) => ({ path: fieldPath(i.path) || 'request', message: i.message }));
  throw new SiyuError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
};

const sopRef = (id: string): string | number => (/^\d{1,15}$/.test(id) ? Number(id) : id);

export function sopRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const clock = () => new Date(now ? now() : Date.now());
  const view = (s: Sop) => s;
  router.openapi(routes.list, async (c) => c.json({ items: (await listSops(db, workspaceOf(c))).map(view) }, 200));
  router.openapi(routes.create, async (c) => c.json(view(await createSop(db, workspaceOf(c), c.req.valid('json'), actorOf(c), clock())), 201), definitionHook);
  router.openapi(routes.get, async (c) => c.json(view(await getSop(db, workspaceOf(c), sopRef(c.req.valid('param').id))), 200));
  router.openapi(routes.update, async (c) =>
    c.json(view(await updateSop(db, workspaceOf(c), sopRef(c.req.valid('param').id), c.req.valid('json'), actorOf(c), clock())), 200), definitionHook);
  router.openapi(routes.delete, async (c) => c.json(await deleteSop(db, workspaceOf(c), sopRef(c.req.valid('param').id), actorOf(c), clock()), 200));
  router.openapi(routes.enable, async (c) => {
    const body = (c.req.header('content-type')?.includes('json') ? c.req.valid('json') : undefined) ?? {};
    return c.json(await setSopEnabled(db, workspaceOf(c), sopRef(c.req.valid('param').id), true, actorOf(c), { now: clock(), enrollCurrent: body.enrollCurrent === true }), 200);
  });
  router.openapi(routes.disable, async (c) =>
    c.json(await setSopEnabled(db, workspaceOf(c), sopRef(c.req.valid('param').id), false, actorOf(c), { now: clock() }), 200));
  router.openapi(routes.dryRun, async (c) => {
    const body = c.req.valid('json');
    if ((body.sop === undefined) === (body.definition === undefined)) {
      throw new SiyuError('validation_failed', 'give either "sop" (a stored SOP) or "definition" (an SOP to try), not both or neither');
    }
    const input = body.sop !== undefined ? (typeof body.sop === 'number' ? body.sop : sopRef(body.sop)) : body.definition;
    return c.json(await dryRunSop(db, workspaceOf(c), input, clock(), { scope: scopeOf(c), ...(body.samples === undefined ? {} : { samples: body.samples }) }), 200);
  });
  router.openapi(routes.deliveries, async (c) => {
    const q = c.req.valid('query');
    const report = await sopDeliveries(db, workspaceOf(c), sopRef(c.req.valid('param').id), {
      scope: scopeOf(c), ...(q.limit === undefined ? {} : { limit: q.limit }), ...(q.status === undefined ? {} : { status: q.status }),
    });
    return c.json(report as z.infer<typeof deliveryReport>, 200);
  });
  return router;
}
