import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  deleteRule, dryRunRule, exportRules, getRule, importRules, listRuleRuns, listRules, replayRule, ruleDefinitionSchema, ruleJsonSchema,
  saveRule, setRuleEnabled, parseRangeBound,
} from '../automation/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, workspaceOf } from './principal.ts';

const ruleErrors = {
  ...errorResponses,
  409: { description: 'The name is taken', content: { 'application/json': { schema: errorSchema } } },
} as const;

const idParam = z.object({ id: z.string().min(1).openapi({ description: 'rule id or name', example: '1' }) });

const ruleSchema = z.object({
  ruleId: z.number(), name: z.string(), enabled: z.boolean(), version: z.number(),
  definition: ruleDefinitionSchema, createdAt: z.string(), updatedAt: z.string(),
}).openapi('AutomationRule');
const saved = z.object({ rule: ruleSchema, status: z.enum(['created', 'updated', 'unchanged']) });
const outcome = z.object({ action: z.number(), type: z.string(), affected: z.number(), note: z.string().optional() });
const dryRun = z.object({
  rule: z.string(),
  triggered: z.number().openapi({ description: 'changes in the window the trigger matched (a customer may trigger many times)' }),
  triggeredCustomers: z.number().openapi({ description: 'distinct customers behind those changes' }),
  customers: z.number().openapi({ description: 'distinct customers the rule would fire for (condition met, not fired before)' }),
  alreadyFired: z.number(),
  sample: z.array(z.object({ customerId: z.number(), name: z.string().nullable(), trigger: z.string() })),
  actions: z.array(outcome), window: z.object({ from: z.string(), to: z.string() }), notes: z.array(z.string()),
}).openapi('RuleDryRun');
const run = z.object({
  runId: z.number(), ruleId: z.number().nullable(), rule: z.string().nullable(),
  status: z.enum(['fired', 'cycle', 'depth_exceeded', 'error', 'replay']), customers: z.number(),
  details: z.record(z.string(), z.unknown()), at: z.string(),
}).openapi('RuleRun');

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/rules', summary: 'Automation rules: WHEN trigger IF filter THEN actions',
    request: { query: workspaceQuery },
    responses: { 200: ok('Every rule', z.object({ items: z.array(ruleSchema) })), ...ruleErrors },
  }),
  save: createRoute({
    method: 'post', path: '/api/v1/rules',
    summary: 'Add a rule, or save a new version of the rule with that name (errors name the field, e.g. actions[1].tag)',
    request: { query: workspaceQuery, body: json(z.unknown().openapi({ description: 'a rule (schema: GET /api/v1/rules/schema)' })) },
    responses: { 201: ok('Created', saved), 200: ok('Updated or unchanged', saved), ...ruleErrors },
  }),
  schema: createRoute({
    method: 'get', path: '/api/v1/rules/schema', summary: 'The JSON Schema of a rule file',
    responses: { 200: ok('JSON Schema (draft 2020-12)', z.record(z.string(), z.unknown())) },
  }),
  export: createRoute({
    method: 'get', path: '/api/v1/rules/export', summary: 'Every rule as one file, to review and keep in version control',
    request: { query: workspaceQuery },
    responses: { 200: ok('The rules file', z.object({ rules: z.array(ruleDefinitionSchema) })), ...ruleErrors },
  }),
  import: createRoute({
    method: 'post', path: '/api/v1/rules/import', summary: 'Save every rule of a file (all or nothing)',
    request: { query: workspaceQuery, body: json(z.object({ rules: z.array(z.unknown()) })) },
    responses: { 200: ok('What happened to each rule', z.object({ items: z.array(saved) })), ...ruleErrors },
  }),
  runs: createRoute({
    method: 'get', path: '/api/v1/rules/runs', summary: 'What rules did: firings, replays, errors, refused cycles and deep cascades',
    request: {
      query: workspaceQuery.extend({
        rule: z.string().optional(), status: z.enum(['fired', 'cycle', 'depth_exceeded', 'error', 'replay']).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      }),
    },
    responses: { 200: ok('Newest first', z.object({ items: z.array(run) })), ...ruleErrors },
  }),
  dryRunDraft: createRoute({
    method: 'post', path: '/api/v1/rules/dry-run', summary: 'Who a rule (not yet saved) would fire for on current data, and what it would do — without doing it',
    request: { query: workspaceQuery, body: json(z.object({ rule: z.unknown(), days: z.number().int().min(1).max(365).optional() })) },
    responses: { 200: ok('The would-be effect', dryRun), ...ruleErrors },
  }),
  get: createRoute({
    method: 'get', path: '/api/v1/rules/{id}', summary: 'One rule with its versions',
    request: { params: idParam, query: workspaceQuery },
    responses: {
      200: ok('The rule', ruleSchema.extend({ versions: z.array(z.object({ version: z.number(), savedAt: z.string(), savedBy: z.string().nullable() })) })),
      ...ruleErrors,
    },
  }),
  update: createRoute({
    method: 'put', path: '/api/v1/rules/{id}', summary: 'Save a new version of a rule',
    request: { params: idParam, query: workspaceQuery, body: json(z.unknown().openapi({ description: 'a rule' })) },
    responses: { 200: ok('Saved', saved), ...ruleErrors },
  }),
  delete: createRoute({
    method: 'delete', path: '/api/v1/rules/{id}', summary: 'Delete a rule (its firings and runs stay for the record)',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('Deleted', z.object({ ruleId: z.number(), name: z.string() })), ...ruleErrors },
  }),
  enable: createRoute({
    method: 'post', path: '/api/v1/rules/{id}/enable', summary: 'Switch a rule on',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('The rule', ruleSchema), ...ruleErrors },
  }),
  disable: createRoute({
    method: 'post', path: '/api/v1/rules/{id}/disable', summary: 'Switch a rule off',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('The rule', ruleSchema), ...ruleErrors },
  }),
  dryRunSaved: createRoute({
    method: 'post', path: '/api/v1/rules/{id}/dry-run', summary: 'Dry-run a saved rule on current data',
    request: { params: idParam, query: workspaceQuery, body: { content: { 'application/json': { schema: z.object({ days: z.number().int().min(1).max(365).optional() }) } }, required: false } },
    responses: { 200: ok('The would-be effect', dryRun), ...ruleErrors },
  }),
  replay: createRoute({
    method: 'post', path: '/api/v1/rules/{id}/replay', summary: 'Re-run a rule over the changes of a date range (what already fired is skipped)',
    request: {
      params: idParam, query: workspaceQuery,
      body: json(z.object({
        from: z.string().openapi({ example: '2026-11-01', description: 'date (workspace time zone) or date-time' }),
        to: z.string().openapi({ example: '2026-11-30', description: 'last day included, or an exclusive date-time' }),
      })),
    },
    responses: {
      200: ok('What the replay did', z.object({
        rule: z.string(), triggered: z.number(), fired: z.number(), alreadyFired: z.number(), errors: z.number(), actions: z.array(outcome),
      })),
      ...ruleErrors,
    },
  }),
};

export function automationRoutes({ db, now }: AppDeps) {
  const clock = () => now?.() ?? Date.now();
  const router = newRouter();
  const wsOf = (c: Context) => workspaceOf(c);
  router.openapi(routes.list, async (c) => c.json({ items: await listRules(db, wsOf(c)) }, 200));
  router.openapi(routes.save, async (c) => {
    const r = await saveRule(db, wsOf(c), c.req.valid('json'), actorOf(c));
    return r.status === 'created' ? c.json(r, 201) : c.json(r, 200);
  });
  router.openapi(routes.schema, (c) => c.json(ruleJsonSchema(), 200));
  router.openapi(routes.export, async (c) => c.json(await exportRules(db, wsOf(c)), 200));
  router.openapi(routes.import, async (c) => c.json({ items: await importRules(db, wsOf(c), c.req.valid('json'), actorOf(c)) }, 200));
  router.openapi(routes.runs, async (c) => {
    const q = c.req.valid('query');
    return c.json({ items: await listRuleRuns(db, wsOf(c), { ...(q.rule ? { rule: q.rule } : {}), ...(q.status ? { status: q.status } : {}), ...(q.limit ? { limit: q.limit } : {}) }) }, 200);
  });
  router.openapi(routes.dryRunDraft, async (c) => {
    const body = c.req.valid('json');
    if (body.rule === null || typeof body.rule !== 'object') throw new SiyuError('validation_failed', 'rule: a rule definition (an object) is required');
    return c.json(await dryRunRule(db, wsOf(c), body.rule, { now: clock(), ...(body.days ? { days: body.days } : {}) }), 200);
  });
  router.openapi(routes.get, async (c) => c.json(await getRule(db, wsOf(c), c.req.valid('param').id), 200));
  router.openapi(routes.update, async (c) => {
    const rule = await getRule(db, wsOf(c), c.req.valid('param').id);
    return c.json(await saveRule(db, wsOf(c), c.req.valid('json'), actorOf(c), { ruleId: rule.ruleId }), 200);
  });
  router.openapi(routes.delete, async (c) => c.json(await deleteRule(db, wsOf(c), c.req.valid('param').id), 200));
  router.openapi(routes.enable, async (c) => c.json(await setRuleEnabled(db, wsOf(c), c.req.valid('param').id, true), 200));
  router.openapi(routes.disable, async (c) => c.json(await setRuleEnabled(db, wsOf(c), c.req.valid('param').id, false), 200));
  router.openapi(routes.dryRunSaved, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? ((await c.req.json().catch(() => ({}))) as { days?: number }) : {};
    return c.json(await dryRunRule(db, wsOf(c), c.req.valid('param').id, { now: clock(), ...(body.days ? { days: body.days } : {}) }), 200);
  });
  router.openapi(routes.replay, async (c) => {
    const ws = wsOf(c);
    const { timeZone } = await requireWorkspace(db, ws);
    const body = c.req.valid('json');
    const range = { from: parseRangeBound(body.from, timeZone, 'from', false), to: parseRangeBound(body.to, timeZone, 'to', true) };
    return c.json(await replayRule(db, ws, c.req.valid('param').id, range, { now: clock(), actor: actorOf(c) }), 200);
  });
  return router;
}
