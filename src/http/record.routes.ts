import { createRoute, z } from '@hono/zod-openapi';
import {
  addFollowup, AGE_BANDS, defineField, FIELD_TYPES, FOLLOWUP_TYPES, getRecord, listFields, listFollowups, removeField, updateRecord,
} from '../record/index.ts';
import { localDate } from '../shared/time.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, assertRole, scopeOf, workspaceOf } from './principal.ts';

const idParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const fieldValue = z.union([z.string(), z.number(), z.array(z.string())]);

const recordSchema = z.object({
  customerId: z.number(),
  remark: z.string().nullable().openapi({ description: '备注 of the owning staff member in WeCom (≤20 characters)' }),
  description: z.string().nullable().openapi({ description: 'WeCom description (≤150 characters)' }),
  remarkSync: z.object({
    pending: z.boolean().openapi({ description: 'edited in Siyu, not yet written to WeCom' }),
    syncedAt: z.string().nullable(), error: z.string().nullable().openapi({ description: 'WeCom refused the last write (no relationship, outside the visible range …)' }),
  }),
  province: z.string().nullable(), city: z.string().nullable(),
  birthday: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
  ageBand: z.enum(AGE_BANDS).nullable(), ageBandFromBirthday: z.boolean().openapi({ description: 'the band is worked out from the birthday, not set' }),
  custom: z.record(z.string(), fieldValue).openapi({ description: 'custom field values by key: text, number, date YYYY-MM-DD, single choice, multi choice (list)' }),
}).openapi('CustomerRecord');

const fieldSchema = z.object({
  key: z.string(), label: z.string(), type: z.enum(FIELD_TYPES), options: z.array(z.string()), position: z.number(),
}).openapi('CustomField');

const followupSchema = z.object({
  followupId: z.number(), customerId: z.number(), staffId: z.string(), type: z.enum(FOLLOWUP_TYPES), note: z.string(),
  nextOn: z.string().nullable(), task: z.object({ taskId: z.number(), status: z.string(), dueAt: z.string() }).nullable(), createdAt: z.string(),
}).openapi('Followup');

const conflict = { 409: { description: 'The field\'s values no longer fit', content: { 'application/json': { schema: errorSchema } } } };

const routes = {
  get: createRoute({
    method: 'get', path: '/api/v1/customers/{id}/record',
    summary: 'The customer record: remark and description (with their WeCom sync state), region, birthday, age band, custom field values',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('The record', recordSchema), ...errorResponses },
  }),
  patch: createRoute({
    method: 'patch', path: '/api/v1/customers/{id}/record',
    summary: 'Change fields of the record (null clears one); a remark or description change is written to the owning staff member\'s WeCom contact',
    request: {
      params: idParam, query: workspaceQuery,
      body: json(z.object({
        remark: z.string().max(200).nullable().optional(), description: z.string().max(1000).nullable().optional(),
        province: z.string().max(100).nullable().optional(), city: z.string().max(100).nullable().optional(),
        birthday: z.string().max(20).nullable().optional().openapi({ description: 'YYYY-MM-DD' }),
        ageBand: z.string().max(20).nullable().optional().openapi({ description: AGE_BANDS.join(', ') }),
        custom: z.record(z.string(), z.union([fieldValue, z.null()])).optional(),
      })),
    },
    responses: { 200: ok('The record after the change', recordSchema.extend({ changed: z.array(z.string()) })), ...errorResponses },
  }),
  followups: createRoute({
    method: 'get', path: '/api/v1/customers/{id}/followups', summary: 'The follow-up log (跟进记录), newest first',
    request: { params: idParam, query: workspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
    responses: { 200: ok('Follow-ups', z.object({ items: z.array(followupSchema) })), ...errorResponses },
  }),
  addFollowup: createRoute({
    method: 'post', path: '/api/v1/customers/{id}/followups',
    summary: 'Log a follow-up; a next follow-up day creates one task due that day (10:00 local) for the staff member',
    request: {
      params: idParam, query: workspaceQuery,
      body: json(z.object({
        type: z.enum(FOLLOWUP_TYPES), note: z.string().min(1).max(4000), nextOn: z.string().max(20).nullable().optional().openapi({ description: 'YYYY-MM-DD, today or later' }),
        staffId: z.string().max(100).optional().openapi({ description: 'who followed up (admins and operators; staff are always themselves); default the owner' }),
      })),
    },
    responses: { 201: ok('The follow-up', followupSchema), ...errorResponses },
  }),
  fields: createRoute({
    method: 'get', path: '/api/v1/custom-fields', summary: 'The workspace\'s custom customer fields',
    request: { query: workspaceQuery },
    responses: { 200: ok('Fields in display order', z.object({ items: z.array(fieldSchema) })), ...errorResponses },
  }),
  putField: createRoute({
    method: 'put', path: '/api/v1/custom-fields/{key}',
    summary: 'Create or change a custom field (its type cannot change while customers hold values; options in use cannot be dropped)',
    request: {
      params: z.object({ key: z.string().max(40).openapi({ example: 'skin_type' }) }), query: workspaceQuery,
      body: json(z.object({
        label: z.string().min(1).max(40), type: z.enum(FIELD_TYPES), options: z.array(z.string().max(40)).max(100).optional(),
        position: z.number().int().min(0).max(1000).optional(),
      })),
    },
    responses: { 200: ok('The field', fieldSchema), ...conflict, ...errorResponses },
  }),
  deleteField: createRoute({
    method: 'delete', path: '/api/v1/custom-fields/{key}', summary: 'Remove a custom field and every customer\'s value of it',
    request: { params: z.object({ key: z.string().max(40) }), query: workspaceQuery },
    responses: { 200: ok('What was removed', z.object({ key: z.string(), valuesRemoved: z.number() })), ...errorResponses },
  }),
};

async function todayIn(db: Queryable, ws: string, at: number): Promise<string> {
  return localDate((await requireWorkspace(db, ws)).timeZone, at);
}

export function recordRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const at = () => now?.() ?? Date.now();
  router.openapi(routes.get, async (c) => {
    const ws = workspaceOf(c);
    return c.json(await getRecord(db, ws, c.req.valid('param').id, { today: await todayIn(db, ws, at()), scope: scopeOf(c) }), 200);
  });
  router.openapi(routes.patch, async (c) => {
    const ws = workspaceOf(c);
    const r = await updateRecord(db, ws, c.req.valid('param').id, c.req.valid('json'), { today: await todayIn(db, ws, at()), scope: scopeOf(c), actor: actorOf(c) });
    return c.json(r, 200);
  });
  router.openapi(routes.followups, async (c) => {
    const ws = workspaceOf(c);
    const limit = c.req.valid('query').limit;
    return c.json({ items: await listFollowups(db, ws, c.req.valid('param').id, { scope: scopeOf(c), ...(limit ? { limit } : {}) }) }, 200);
  });
  router.openapi(routes.addFollowup, async (c) => {
    const ws = workspaceOf(c);
    const t = at();
    const body = c.req.valid('json');
    const f = await addFollowup(db, ws, c.req.valid('param').id, body, { scope: scopeOf(c), actor: actorOf(c), now: t, today: await todayIn(db, ws, t) });
    return c.json(f, 201);
  });
  router.openapi(routes.fields, async (c) => c.json({ items: await listFields(db, workspaceOf(c)) }, 200));
  router.openapi(routes.putField, async (c) => {
    assertRole(c, 'admin', 'operator');
    const body = c.req.valid('json');
    return c.json(await defineField(db, workspaceOf(c), { key: c.req.valid('param').key, ...body }, actorOf(c)), 200);
  });
  return router.openapi(routes.deleteField, async (c) => {
    assertRole(c, 'admin', 'operator');
    return c.json(await removeField(db, workspaceOf(c), c.req.valid('param').key, actorOf(c)), 200);
  });
}
