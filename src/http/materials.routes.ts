import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import {
  createMaterial, deleteMaterial, getMaterial, listMaterials, MATERIAL_KINDS, MAX_FILE_BYTES, materialInputSchema, materialPatchSchema,
  materialRef, previewMaterial, readFile, storeFile,
} from '../materials/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponse, errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, scopeOf, workspaceOf } from './principal.ts';
import { updateMaterial } from '../materials/index.ts';

const materialErrors = {
  ...errorResponses,
  409: { description: 'The content id is taken', content: { 'application/json': { schema: errorSchema } } },
  413: { description: 'The file is over its limit', content: { 'application/json': { schema: errorSchema } } },
  415: { description: 'The file is of a type the library does not take', content: { 'application/json': { schema: errorSchema } } },
} as const;

const idParam = z.object({ id: z.string().min(1).max(64).openapi({ description: 'material id or content id', example: '1' }) });
const fileSchema = z.object({
  fileId: z.number(), filename: z.string(), mime: z.string(), sizeBytes: z.number(), sha256: z.string(), createdAt: z.string(),
}).openapi('MaterialFile');
const materialSchema = z.object({
  materialId: z.number(), kind: z.enum(MATERIAL_KINDS), title: z.string(), contentId: z.string(), tags: z.array(z.string()), productIds: z.array(z.string()),
  text: z.string().nullable(), url: z.string().nullable(), description: z.string().nullable(), appid: z.string().nullable(), page: z.string().nullable(),
  file: fileSchema.nullable(), cover: fileSchema.nullable(), createdBy: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
  engagement: z.object({ views: z.number(), shares: z.number(), viewers: z.number() })
    .openapi({ description: 'content.viewed / content.shared events whose data.contentId is the item\'s, workspace-wide' }),
}).openapi('Material');

const routes = {
  list: createRoute({
    method: 'get', path: '/api/v1/materials', summary: 'The material library (素材库): text, images, links, mini-programs and files',
    request: {
      query: workspaceQuery.extend({
        kind: z.enum(MATERIAL_KINDS).optional(), tag: z.string().max(30).optional(), productId: z.string().max(64).optional(),
        q: z.string().max(100).optional().openapi({ description: 'words of the title, or a content id' }),
        sort: z.enum(['recent', 'engagement']).optional().openapi({ description: 'engagement: most viewed and shared first' }),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
    responses: { 200: ok('Items, newest change first', z.object({ items: z.array(materialSchema), total: z.number() })), ...materialErrors },
  }),
  create: createRoute({
    method: 'post', path: '/api/v1/materials', summary: 'Add an item; image, file and the covers of links and mini-programs refer to uploaded files (fileId)',
    request: { query: workspaceQuery, body: json(materialInputSchema) },
    responses: { 201: ok('Created', materialSchema), ...materialErrors },
  }),
  upload: createRoute({
    method: 'post', path: '/api/v1/materials/files',
    summary: `Upload a file (the raw bytes as the body): JPG/PNG images ≤10 MB, PDF, Office, MP4 and text files ≤20 MB, told by their content`,
    request: {
      query: workspaceQuery.extend({ filename: z.string().min(1).max(200).openapi({ description: 'the name shown when the file is sent', example: 'poster.png' }) }),
      body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
    },
    responses: { 201: ok('Stored', fileSchema), ...materialErrors },
  }),
  download: createRoute({
    method: 'get', path: '/api/v1/materials/files/{fileId}', summary: 'A stored file, as uploaded',
    request: { params: z.object({ fileId: z.coerce.number().int().positive() }), query: workspaceQuery },
    responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, ...materialErrors },
  }),
  get: createRoute({
    method: 'get', path: '/api/v1/materials/{id}', summary: 'One item',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('The item', materialSchema), ...materialErrors },
  }),
  update: createRoute({
    method: 'patch', path: '/api/v1/materials/{id}', summary: 'Change an item (its kind stays); "" clears a field',
    request: { params: idParam, query: workspaceQuery, body: json(materialPatchSchema) },
    responses: { 200: ok('The item after the change', materialSchema), ...materialErrors },
  }),
  delete: createRoute({
    method: 'delete', path: '/api/v1/materials/{id}', summary: 'Delete an item and its files (tasks already made keep their copy)',
    request: { params: idParam, query: workspaceQuery },
    responses: { 200: ok('Deleted', z.object({ materialId: z.number(), title: z.string() })), ...materialErrors },
  }),
  preview: createRoute({
    method: 'get', path: '/api/v1/materials/{id}/preview', summary: 'The item as one real customer would get it: {name} and {staff} filled in',
    request: { params: idParam, query: workspaceQuery.extend({ customerId: z.coerce.number().int().positive() }) },
    responses: {
      200: ok('The preview', z.object({
        materialId: z.number(), customerId: z.number(), customerName: z.string().nullable(), staffId: z.string().nullable(),
        text: z.string().nullable(), title: z.string(), description: z.string().nullable(), unknownVariables: z.array(z.string()),
      }).openapi('MaterialPreview')),
      ...materialErrors,
    },
  }),
};

/** The upload reads its own body (edge.ts readsOwnBody) with this limit, a little over the largest file. */
const UPLOAD_LIMIT = bodyLimit({
  maxSize: MAX_FILE_BYTES + 1024,
  onError: (c) => errorResponse(c, new SiyuError('payload_too_large', `the file is larger than ${MAX_FILE_BYTES / 1_000_000} MB, the limit for library files`, { limitBytes: MAX_FILE_BYTES })),
});

export function materialRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const clock = () => new Date(now ? now() : Date.now());
  router.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listMaterials(db, workspaceOf(c), { kind: q.kind, tag: q.tag, productId: q.productId, q: q.q, sort: q.sort, limit: q.limit, scope: scopeOf(c) }), 200);
  });
  router.openapi(routes.create, async (c) => c.json(await createMaterial(db, workspaceOf(c), c.req.valid('json'), actorOf(c), clock()), 201));
  router.use(routes.upload.path, async (c, next) => {
    if (c.req.method !== 'POST') return next();
    // The body is the file's raw bytes; a JSON body is a client's mistake, named here rather than parsed.
    const type = c.req.header('content-type') ?? '';
    if (/^\s*application\/([\w.+-]+\+)?json\b/i.test(type)) {
      throw new SiyuError('unsupported_media_type', `POST ${routes.upload.path} takes the file's bytes: send Content-Type: application/octet-stream (got "${type.slice(0, 100)}")`);
    }
    return UPLOAD_LIMIT(c, next);
  });
  router.openapi(routes.upload, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await storeFile(db, workspaceOf(c), c.req.valid('query').filename, bytes, clock()), 201);
  });
  router.openapi(routes.download, async (c) => {
    const f = await readFile(db, workspaceOf(c), c.req.valid('param').fileId);
    // Served as what its bytes are (sniffed at upload), never rendered as a page.
    return c.body(f.data as Uint8Array<ArrayBuffer>, 200, {
      'content-type': f.mime, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
    }) as never;
  });
  router.openapi(routes.get, async (c) => c.json(await getMaterial(db, workspaceOf(c), materialRef(c.req.valid('param').id), scopeOf(c)), 200));
  router.openapi(routes.update, async (c) =>
    c.json(await updateMaterial(db, workspaceOf(c), materialRef(c.req.valid('param').id), c.req.valid('json'), clock()), 200));
  router.openapi(routes.delete, async (c) => c.json(await deleteMaterial(db, workspaceOf(c), materialRef(c.req.valid('param').id)), 200));
  router.openapi(routes.preview, async (c) =>
    c.json(await previewMaterial(db, workspaceOf(c), materialRef(c.req.valid('param').id), c.req.valid('query').customerId, scopeOf(c)), 200));
  return router;
}
