/**
 * The material library in the store: files (bytea, so backups of both stores carry them)
 * and items that refer to them. Items are looked up by id or by their content id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { visibleCustomerId, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { checkFile, materialProblems, MATERIAL_KINDS, renderPreview, type MaterialKind } from './content.ts';

export const materialInputSchema = z.strictObject({
  kind: z.enum(MATERIAL_KINDS),
  title: z.string().trim().min(1, 'must not be empty').max(100),
  contentId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'expected 1–64 letters, digits, "_", ".", ":" or "-"').optional()
    .describe('the id view/share events carry as data.contentId; default: generated'),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
  productIds: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  text: z.string().max(4000).optional().describe('text: the words; other kinds: words sent with the item; may use {name} and {staff}'),
  url: z.string().max(2048).optional(),
  description: z.string().max(512).optional(),
  appid: z.string().max(32).optional(),
  page: z.string().max(500).optional(),
  fileId: z.number().int().positive().optional(),
  coverFileId: z.number().int().positive().optional(),
});
export type MaterialInput = z.infer<typeof materialInputSchema>;
export const materialPatchSchema = materialInputSchema.omit({ kind: true }).partial();
export type MaterialPatch = z.infer<typeof materialPatchSchema>;

export interface StoredFile {
  fileId: number;
  filename: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface Material {
  materialId: number;
  kind: MaterialKind;
  title: string;
  contentId: string;
  tags: string[];
  productIds: string[];
  text: string | null;
  url: string | null;
  description: string | null;
  appid: string | null;
  page: string | null;
  file: StoredFile | null;
  cover: StoredFile | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** content.viewed / content.shared events naming the item, and how many customers viewed it. */
  engagement: { views: number; shares: number; viewers: number };
}

const iso = (v: unknown) => new Date(v as string).toISOString();

export async function storeFile(q: Queryable, ws: string, filename: string, bytes: Uint8Array, now: Date): Promise<StoredFile> {
  const { mime, size } = checkFile(filename, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [r] = await q.query<{ file_id: number; created_at: string }>(
    `INSERT INTO material_files (workspace_id, filename, mime, size_bytes, sha256, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING file_id, created_at`,
    [ws, filename.trim(), mime, size, sha256, Buffer.from(bytes), now],
  );
  return { fileId: Number(r!.file_id), filename: filename.trim(), mime, sizeBytes: size, sha256, createdAt: iso(r!.created_at) };
}

export async function readFile(q: Queryable, ws: string, fileId: number): Promise<StoredFile & { data: Uint8Array }> {
  const [r] = await q.query<{ file_id: number; filename: string; mime: string; size_bytes: number; sha256: string; data: Uint8Array; created_at: string }>(
    `SELECT file_id, filename, mime, size_bytes, sha256, data, created_at FROM material_files WHERE workspace_id = $1 AND file_id = $2`, [ws, fileId]);
  if (!r) throw new SiyuError('not_found', `file ${fileId} does not exist`);
  return { fileId: Number(r.file_id), filename: r.filename, mime: r.mime, sizeBytes: Number(r.size_bytes), sha256: r.sha256, createdAt: iso(r.created_at), data: new Uint8Array(r.data) };
}

/** Items with their files and engagement; the engagement counts only customers in the scope (staff id as $n). */
const select = (scopeSql: string) => `SELECT m.*, row_to_json(f) AS file, row_to_json(cv) AS cover, e.views, e.shares, e.viewers FROM materials m
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE x.type = 'content.viewed')::int AS views, count(*) FILTER (WHERE x.type = 'content.shared')::int AS shares,
                            count(DISTINCT x.customer_id) FILTER (WHERE x.type = 'content.viewed')::int AS viewers
                     FROM events x WHERE x.workspace_id = m.workspace_id AND x.data->>'contentId' = m.content_id
                       AND x.type IN ('content.viewed', 'content.shared') AND ${scopeSql}) e ON true
  LEFT JOIN LATERAL (SELECT file_id, filename, mime, size_bytes, sha256, created_at FROM material_files x
                     WHERE x.workspace_id = m.workspace_id AND x.file_id = m.file_id) f ON true
  LEFT JOIN LATERAL (SELECT file_id, filename, mime, size_bytes, sha256, created_at FROM material_files x
                     WHERE x.workspace_id = m.workspace_id AND x.file_id = m.cover_file_id) cv ON true`;

type FileJson = { file_id: number; filename: string; mime: string; size_bytes: number; sha256: string; created_at: string } | null;
interface MaterialRow {
  material_id: number; kind: MaterialKind; title: string; content_id: string; tags: string[]; product_ids: string[];
  body: Record<string, string | undefined>; file: FileJson; cover: FileJson; created_by: string | null; created_at: string; updated_at: string;
  views: number | null; shares: number | null; viewers: number | null;
}

const fileView = (f: FileJson): StoredFile | null => f && ({
  fileId: Number(f.file_id), filename: f.filename, mime: f.mime, sizeBytes: Number(f.size_bytes), sha256: f.sha256, createdAt: iso(f.created_at),
});

const view = (r: MaterialRow): Material => ({
  materialId: Number(r.material_id), kind: r.kind, title: r.title, contentId: r.content_id, tags: r.tags ?? [], productIds: r.product_ids ?? [],
  text: r.body.text ?? null, url: r.body.url ?? null, description: r.body.description ?? null, appid: r.body.appid ?? null, page: r.body.page ?? null,
  file: fileView(r.file), cover: fileView(r.cover), createdBy: r.created_by, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  engagement: { views: Number(r.views ?? 0), shares: Number(r.shares ?? 0), viewers: Number(r.viewers ?? 0) },
});

/** An item by its number or its content id. */
export type MaterialRef = number | string;
export const materialRef = (s: string): MaterialRef => (/^\d{1,15}$/.test(s) ? Number(s) : s);

export async function getMaterial(q: Queryable, ws: string, ref: MaterialRef, scope: CustomerScope = ALL_CUSTOMERS): Promise<Material> {
  const sc = scopeCondition(scope, 'x', 3);
  const [r] = await q.query<MaterialRow>(
    `${select(sc.sql)} WHERE m.workspace_id = $1 AND ${typeof ref === 'number' ? 'm.material_id = $2' : 'm.content_id = $2'}`, [ws, ref, ...sc.params]);
  if (!r) throw new SiyuError('not_found', `material ${typeof ref === 'number' ? ref : `"${ref}"`} does not exist`);
  return view(r);
}

export interface ListMaterialsOptions {
  kind?: MaterialKind | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  productId?: string | undefined;
  /** recent (default): newest change first; engagement: most viewed and shared first. */
  sort?: 'recent' | 'engagement' | undefined;
  limit?: number | undefined;
  scope?: CustomerScope | undefined;
}

export async function listMaterials(q: Queryable, ws: string, o: ListMaterialsOptions = {}): Promise<{ items: Material[]; total: number }> {
  const where = ['m.workspace_id = $1'];
  const params: unknown[] = [ws];
  if (o.kind) where.push(`m.kind = $${params.push(o.kind)}`);
  if (o.tag) where.push(`$${params.push(o.tag)} = ANY(m.tags)`);
  if (o.productId) where.push(`$${params.push(o.productId)} = ANY(m.product_ids)`);
  if (o.q) where.push(`(m.title ILIKE $${params.push(`%${o.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR m.content_id = $${params.push(o.q)})`);
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM materials m WHERE ${where.join(' AND ')}`, params);
  const sc = scopeCondition(o.scope ?? ALL_CUSTOMERS, 'x', params.length + 1);
  const all = [...params, ...sc.params];
  const order = `${o.sort === 'engagement' ? 'e.views + e.shares DESC, ' : ''}m.updated_at DESC, m.material_id DESC`;
  const rows = await q.query<MaterialRow>(`${select(sc.sql)} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${all.push(o.limit ?? 200)}`, all);
  return { items: rows.map(view), total: Number(c!.n) };
}

async function fileFacts(q: Queryable, ws: string, ids: (number | undefined)[]): Promise<Map<number, { mime: string }>> {
  const wanted = ids.filter((x): x is number => x !== undefined);
  if (wanted.length === 0) return new Map();
  const rows = await q.query<{ file_id: number; mime: string }>(
    `SELECT file_id, mime FROM material_files WHERE workspace_id = $1 AND file_id = ANY($2::bigint[])`, [ws, wanted]);
  return new Map(rows.map((r) => [Number(r.file_id), { mime: r.mime }]));
}

function refuse(problems: { path: string; message: string }[]): never {
  throw new SiyuError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

const bodyOf = (i: Partial<MaterialInput>) =>
  Object.fromEntries((['text', 'url', 'description', 'appid', 'page'] as const).filter((k) => i[k] !== undefined && i[k] !== '').map((k) => [k, i[k]]));

const uniq = (xs: string[] | undefined) => [...new Set(xs ?? [])];

export async function createMaterial(q: Queryable, ws: string, input: MaterialInput, actor: Actor, now: Date): Promise<Material> {
  const problems = materialProblems(input, await fileFacts(q, ws, [input.fileId, input.coverFileId]));
  if (problems.length > 0) refuse(problems);
  const contentId = input.contentId ?? `m-${randomBytes(5).toString('hex')}`;
  const [r] = await q.query<{ material_id: number }>(
    `INSERT INTO materials (workspace_id, kind, title, content_id, tags, product_ids, body, file_id, cover_file_id, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT (workspace_id, content_id) DO NOTHING RETURNING material_id`,
    [ws, input.kind, input.title, contentId, uniq(input.tags), uniq(input.productIds), JSON.stringify(bodyOf(input)),
      input.fileId ?? null, input.coverFileId ?? null, actor.id ?? actor.kind, now],
  );
  if (!r) throw new SiyuError('conflict', `contentId: "${contentId}" is already the content id of another material`);
  return getMaterial(q, ws, Number(r.material_id));
}

/** Change an item; fields given as null-ish ("") are cleared, absent ones kept. The kind never changes. */
export async function updateMaterial(q: Queryable, ws: string, ref: MaterialRef, patch: MaterialPatch, now: Date): Promise<Material> {
  const cur = await getMaterial(q, ws, ref);
  const merged: MaterialInput = {
    kind: cur.kind, title: patch.title ?? cur.title, contentId: patch.contentId ?? cur.contentId,
    tags: patch.tags ?? cur.tags, productIds: patch.productIds ?? cur.productIds,
    ...pick('text', patch.text, cur.text), ...pick('url', patch.url, cur.url), ...pick('description', patch.description, cur.description),
    ...pick('appid', patch.appid, cur.appid), ...pick('page', patch.page, cur.page),
    ...(patch.fileId ?? cur.file?.fileId ? { fileId: patch.fileId ?? cur.file!.fileId } : {}),
    ...(patch.coverFileId ?? cur.cover?.fileId ? { coverFileId: patch.coverFileId ?? cur.cover!.fileId } : {}),
  };
  const problems = materialProblems(merged, await fileFacts(q, ws, [merged.fileId, merged.coverFileId]));
  if (problems.length > 0) refuse(problems);
  const [r] = await q.query<{ material_id: number }>(
    `UPDATE materials SET title = $3, content_id = $4, tags = $5, product_ids = $6, body = $7, file_id = $8, cover_file_id = $9, updated_at = $10
     WHERE workspace_id = $1 AND material_id = $2
       AND NOT EXISTS (SELECT 1 FROM materials o WHERE o.workspace_id = $1 AND o.content_id = $4 AND o.material_id <> $2)
     RETURNING material_id`,
    [ws, cur.materialId, merged.title, merged.contentId, uniq(merged.tags), uniq(merged.productIds), JSON.stringify(bodyOf(merged)),
      merged.fileId ?? null, merged.coverFileId ?? null, now],
  );
  if (!r) throw new SiyuError('conflict', `contentId: "${merged.contentId}" is already the content id of another material`);
  return getMaterial(q, ws, cur.materialId);
}

const pick = <K extends string>(k: K, next: string | undefined, cur: string | null) => {
  const v = next === undefined ? cur : next;
  return v === null || v === '' ? {} : ({ [k]: v } as Record<K, string>);
};

/** Delete an item; its files go too unless another item uses them. Tasks made from it keep their copy. */
export async function deleteMaterial(q: Queryable, ws: string, ref: MaterialRef): Promise<{ materialId: number; title: string }> {
  const cur = await getMaterial(q, ws, ref);
  await q.query(`DELETE FROM materials WHERE workspace_id = $1 AND material_id = $2`, [ws, cur.materialId]);
  const files = [cur.file?.fileId, cur.cover?.fileId].filter((x): x is number => x !== undefined);
  if (files.length > 0) {
    await q.query(
      `DELETE FROM material_files f WHERE f.workspace_id = $1 AND f.file_id = ANY($2::bigint[])
         AND NOT EXISTS (SELECT 1 FROM materials m WHERE m.workspace_id = $1 AND (m.file_id = f.file_id OR m.cover_file_id = f.file_id))`, [ws, files]);
    await q.query(`DELETE FROM wecom_media w WHERE w.workspace_id = $1 AND w.file_id = ANY($2::bigint[])
         AND NOT EXISTS (SELECT 1 FROM material_files f WHERE f.workspace_id = $1 AND f.file_id = w.file_id)`, [ws, files]);
  }
  return { materialId: cur.materialId, title: cur.title };
}

export interface MaterialPreview {
  materialId: number;
  customerId: number;
  customerName: string | null;
  staffId: string | null;
  text: string | null;
  title: string;
  description: string | null;
  unknownVariables: string[];
}

/** The item as one real customer (inside the caller's scope) would get it: {name} and {staff} filled in. */
export async function previewMaterial(q: Queryable, ws: string, ref: MaterialRef, customerId: number, scope: CustomerScope): Promise<MaterialPreview> {
  const m = await getMaterial(q, ws, ref);
  const id = await visibleCustomerId(q, ws, customerId, scope);
  const [c] = await q.query<{ name: string | null; staff: string | null }>(
    `SELECT COALESCE(c.name, a.name) AS name, COALESCE(c.owner_staff, a.added_by_staff) AS staff FROM customers c
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     WHERE c.workspace_id = $1 AND c.customer_id = $2`, [ws, id]);
  const vars = { name: c?.name ?? null, staff: scope.kind === 'staff' ? scope.staffId : c?.staff ?? null };
  const text = m.text === null ? null : renderPreview(m.text, vars);
  const title = renderPreview(m.title, vars);
  const description = m.description === null ? null : renderPreview(m.description, vars);
  return {
    materialId: m.materialId, customerId: id, customerName: vars.name, staffId: vars.staff, text: text?.text ?? null, title: title.text,
    description: description?.text ?? null, unknownVariables: [...new Set([...(text?.unknown ?? []), ...title.unknown, ...(description?.unknown ?? [])])],
  };
}
