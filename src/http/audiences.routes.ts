/**
 * Audiences over HTTP: the console's customer table (list / search), live counts and
 * previews for the filter builder, the field catalogue that drives it, and saved segments.
 * Every read is limited to the caller's customers inside the SQL (scopeOf), and phones are
 * masked for callers who may not see them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { listFields } from '../record/index.ts';
import {
  audienceFilterSchema, countAudience, deleteSegment, describeFields, getSegment, listCustomers, listSegments, parseFilter, parseSort,
  saveSegment, SORT_KEYS, type AudienceFilter, type CustomerSort,
} from '../audiences/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, json, ok } from './errors.ts';
import { actorOf, onlyOwnedByOf, scopeOf, seesPhonesOf, userLoginOf, workspaceOf } from './principal.ts';

const workspace = z.string().optional().openapi({ description: 'Workspace id (default "default")' });

const label = z.object({ zh: z.string(), en: z.string() });
const sortSchema = z.object({ by: z.enum(SORT_KEYS), dir: z.enum(['asc', 'desc']) }).openapi('CustomerSort');
const item = z.object({
  customerId: z.number(), name: z.string().nullable(),
  phone: z.string().nullable().openapi({ description: 'First phone, masked (138****8000) unless the caller may see phones' }),
  ownerStaff: z.string().nullable(), channel: z.string().nullable(), addedAt: z.string().nullable(),
  trustLevel: z.number().nullable(), lifecycle: z.object({ ecommerce: z.string().nullable(), sales: z.string().nullable() }),
  rfmSegment: z.string().nullable(), valueTier: z.string().nullable(),
  engagement: z.number().openapi({ description: 'Engagement score, decayed to now' }),
  paidOrders: z.number(), paidAmount: z.string().openapi({ description: 'Yuan' }), tags: z.array(z.string()),
}).openapi('CustomerListItem');
const page = z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().optional() }).openapi('CustomerPage');
const searchBody = z.object({
  filter: audienceFilterSchema.optional(),
  q: z.string().max(200).optional().openapi({ description: 'Free text: name, phone (any spelling, or its last digits), identity, customer id' }),
  sort: sortSchema.optional(),
  limit: z.number().int().min(1).max(500).optional(),
  cursor: z.string().max(2000).optional(),
  total: z.boolean().optional().openapi({ description: 'Also count the whole audience' }),
});
const segment = z.object({
  segmentId: z.number(), name: z.string(), description: z.string().nullable(), filter: audienceFilterSchema,
  createdBy: z.string().nullable(),
  owner: z.string().nullable().openapi({ description: 'the user who saved it; staff change and delete only their own' }),
  createdAt: z.string(), updatedAt: z.string(),
}).openapi('SavedSegment');
const segmentRef = z.object({ ref: z.string().min(1).max(200).openapi({ description: 'Segment name or id' }) });

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/customers',
    summary: 'Customers matching a filter and/or search text, sorted, one keyset page at a time (only the caller\'s customers)',
    request: {
      query: z.object({
        workspace,
        filter: z.string().max(20_000).optional().openapi({ description: 'AudienceFilter as JSON', example: '{"field":"trustLevel","op":"gte","value":3}' }),
        q: z.string().max(200).optional(),
        sort: z.string().optional().openapi({ description: `${SORT_KEYS.join('|')}, optionally :asc or :desc (default addedAt:desc)` }),
        limit: z.coerce.number().int().min(1).max(500).optional(),
        cursor: z.string().max(2000).optional(),
        total: z.enum(['true', 'false']).optional(),
      }),
    },
    responses: { 200: ok('One page', page), ...errorResponses },
  }),
  search: createRoute({
    method: 'post', path: '/api/v1/customers/search',
    summary: 'The customer list with the filter in the body (for filters too long for a URL)',
    request: { query: z.object({ workspace }), body: json(searchBody) },
    responses: { 200: ok('One page', page), ...errorResponses },
  }),
  count: createRoute({
    method: 'post', path: '/api/v1/audiences/count', summary: 'How many of the caller\'s customers a filter matches (live count for the filter builder)',
    // The filter is required: a body without one is a mistake, not "everyone" (send a condition every customer meets for that).
    request: { query: z.object({ workspace }), body: json(z.object({ filter: audienceFilterSchema, q: z.string().max(200).optional() })) },
    responses: { 200: ok('The count', z.object({ count: z.number() })), ...errorResponses },
  }),
  preview: createRoute({
    method: 'post', path: '/api/v1/audiences/preview', summary: 'Count and first page of an audience',
    request: { query: z.object({ workspace }), body: json(searchBody.omit({ cursor: true, total: true })) },
    responses: { 200: ok('Count and first page', z.object({ count: z.number(), items: z.array(item), nextCursor: z.string().nullable() })), ...errorResponses },
  }),
  fields: createRoute({
    method: 'get', path: '/api/v1/audiences/fields', summary: 'Every filter field with its operators and allowed values (zh + en), for a data-driven filter builder',
    request: { query: z.object({ workspace }) },
    responses: {
      200: ok('Fields and sort keys', z.object({
        fields: z.array(z.object({
          field: z.string(), label, kind: z.string(), ops: z.array(z.object({ op: z.string(), label })),
          values: z.array(z.object({ value: z.union([z.string(), z.number()]), label })).optional(),
          keys: z.record(z.string(), z.object({ label, values: z.array(z.object({ value: z.string(), label })).optional() })).optional(),
          valuesByKey: z.object({ key: z.string(), values: z.record(z.string(), z.array(z.object({ value: z.string(), label }))) }).optional()
            .openapi({ description: 'the allowed values for each value of one key: the lifecycle stages of each path' }),
          example: z.unknown(),
        })),
        sorts: z.array(z.string()),
      })),
    },
  }),
  savedList: createRoute({
    method: 'get', path: '/api/v1/segments/saved', summary: 'Saved segments (分群), by name',
    request: { query: z.object({ workspace }) },
    responses: { 200: ok('Saved segments', z.array(segment)) },
  }),
  savedAdd: createRoute({
    method: 'post', path: '/api/v1/segments/saved', summary: 'Save a filter under a name (names are checked now; replace: true overwrites one of that name)',
    request: {
      query: z.object({ workspace }),
      body: json(z.object({ name: z.string().min(1).max(64), filter: audienceFilterSchema, description: z.string().max(500).optional(), replace: z.boolean().optional() })),
    },
    responses: { 201: ok('The saved segment', segment), 409: errorResponses[404], ...errorResponses },
  }),
  savedGet: createRoute({
    method: 'get', path: '/api/v1/segments/saved/{ref}', summary: 'One saved segment with its current count (only the caller\'s customers)',
    request: { params: segmentRef, query: z.object({ workspace }) },
    responses: { 200: ok('The segment', segment.extend({ count: z.number() })), ...errorResponses },
  }),
  savedPut: createRoute({
    method: 'put', path: '/api/v1/segments/saved/{ref}', summary: 'Change a saved segment\'s filter or description',
    request: { params: segmentRef, query: z.object({ workspace }), body: json(z.object({ filter: audienceFilterSchema, description: z.string().max(500).optional() })) },
    responses: { 200: ok('The segment', segment), ...errorResponses },
  }),
  savedDelete: createRoute({
    method: 'delete', path: '/api/v1/segments/saved/{ref}', summary: 'Delete a saved segment (refused while another segment uses it)',
    request: { params: segmentRef, query: z.object({ workspace }) },
    responses: { 200: ok('The deleted segment', segment), 409: errorResponses[404], ...errorResponses },
  }),
};

/** A filter in a query string: JSON, checked like a body, errors naming the place. */
function filterFromQuery(text: string | undefined): AudienceFilter | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const r = parseFilter(text);
  if (!r.ok) throw new SiyuError('validation_failed', r.issues.map((i) => `filter.${i.path}: ${i.message}`).join('; '), r.issues);
  return r.filter;
}

export function audienceRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const at = () => (now ? { now: now() } : {});
  const list = (c: Parameters<typeof scopeOf>[0], o: { filter?: AudienceFilter | undefined; q?: string | undefined; sort?: CustomerSort | undefined; limit?: number | undefined; cursor?: string | undefined; total?: boolean | undefined }) =>
    listCustomers(db, workspaceOf(c), {
      filter: o.filter, search: o.q, sort: o.sort, limit: o.limit, cursor: o.cursor, withTotal: o.total,
      scope: scopeOf(c), seePhones: seesPhonesOf(c), ...at(),
    });

  router.openapi(routes.list, async (c) => {
    const qs = c.req.valid('query');
    return c.json(await list(c, { filter: filterFromQuery(qs.filter), q: qs.q, sort: parseSort(qs.sort), limit: qs.limit, cursor: qs.cursor, total: qs.total === 'true' }), 200);
  });
  router.openapi(routes.search, async (c) => c.json(await list(c, c.req.valid('json')), 200));
  router.openapi(routes.count, async (c) => {
    const b = c.req.valid('json');
    return c.json({ count: await countAudience(db, workspaceOf(c), b.filter, scopeOf(c), { ...(b.q ? { search: b.q } : {}), ...at() }) }, 200);
  });
  router.openapi(routes.preview, async (c) => {
    const r = await list(c, { ...c.req.valid('json'), total: true });
    return c.json({ count: r.total ?? 0, items: r.items, nextCursor: r.nextCursor }, 200);
  });
  router.openapi(routes.fields, async (c) => c.json({ fields: describeFields(await listFields(db, workspaceOf(c))), sorts: [...SORT_KEYS] }, 200));
  router.openapi(routes.savedList, async (c) => c.json(await listSegments(db, workspaceOf(c)), 200));
  router.openapi(routes.savedAdd, async (c) => {
    const b = c.req.valid('json');
    return c.json(await saveSegment(db, workspaceOf(c), { ...b, actor: actorOf(c), owner: userLoginOf(c), onlyOwnedBy: onlyOwnedByOf(c) }), 201);
  });
  router.openapi(routes.savedGet, async (c) => {
    const ws = workspaceOf(c);
    const seg = await getSegment(db, ws, c.req.valid('param').ref);
    return c.json({ ...seg, count: await countAudience(db, ws, { field: 'segment', segment: seg.segmentId }, scopeOf(c), at()) }, 200);
  });
  router.openapi(routes.savedPut, async (c) => {
    const ws = workspaceOf(c);
    const seg = await getSegment(db, ws, c.req.valid('param').ref);
    const b = c.req.valid('json');
    return c.json(await saveSegment(db, ws, { name: seg.name, filter: b.filter, description: b.description, replace: true, actor: actorOf(c), onlyOwnedBy: onlyOwnedByOf(c) }), 200);
  });
  router.openapi(routes.savedDelete, async (c) => c.json(await deleteSegment(db, workspaceOf(c), c.req.valid('param').ref, actorOf(c), onlyOwnedByOf(c)), 200));
  return router;
}
