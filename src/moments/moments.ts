/**
 * Moments posts in the store: planned on a calendar (content from the library, the staff who
 * post, visibility, a publish time), checked against the per-staff daily limit, cancelled
 * while still planned, and read back with each staff member's publish status and the likes
 * and comments that arrived as moment.* events.
 */
import { z } from 'zod';
import type { Actor } from '../customers/index.ts';
import { getMaterial, materialRef } from '../materials/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import { localDate, localToInstant } from '../shared/time.ts';
import type { Db, Queryable } from '../store/db.ts';
import { findTag } from '../tags/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { dailyLimitProblems, DEFAULT_PER_STAFF_DAILY, momentTextProblem } from './plan.ts';

export const POST_STATUSES = ['planned', 'sending', 'submitted', 'published', 'failed', 'cancelled'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
export const STAFF_STATUSES = ['pending', 'published', 'not_published', 'invalid'] as const;

export const momentPlanSchema = z.strictObject({
  title: z.string().trim().min(1).max(100).optional().describe('for the calendar; default: the start of the text'),
  text: z.string().max(4000).optional(),
  materials: z.array(z.union([z.number().int().positive(), z.string().min(1).max(64)])).max(9).optional()
    .describe('library items (id or content id): text, images (up to 9) or one link'),
  staffIds: z.array(z.string().min(1).max(64)).min(1, 'at least one staff member posts it').max(1000),
  visibility: z.enum(['all', 'tags']).default('all').describe('all: every customer of the posting staff; tags: only customers with one of the tags (定向可见)'),
  tags: z.array(z.union([z.number().int().positive(), z.string().min(1).max(100)])).max(100).optional().describe('tag ids or "group/tag" paths, for visibility "tags"'),
  publishAt: z.string().max(40).describe('when it goes to WeCom (ISO 8601)'),
});
export type MomentPlanInput = z.input<typeof momentPlanSchema>;

export interface MomentPost {
  postId: number;
  title: string;
  text: string;
  materials: { materialId: number; kind: string; title: string }[];
  staff: { staffId: string; status: (typeof STAFF_STATUSES)[number] }[];
  visibility: 'all' | 'tags';
  tags: { tagId: number; path: string }[];
  publishAt: string;
  status: PostStatus;
  momentId: string | null;
  error: string | null;
  engagement: { likes: number; comments: number; customers: number };
  createdBy: string | null;
  createdAt: string;
}

const iso = (v: unknown) => new Date(v as string).toISOString();

export async function getMomentSettings(q: Queryable, ws: string): Promise<{ perStaffDaily: number }> {
  const [r] = await q.query<{ per_staff_daily: number }>(`SELECT per_staff_daily FROM moment_settings WHERE workspace_id = $1`, [ws]);
  return { perStaffDaily: r ? Number(r.per_staff_daily) : DEFAULT_PER_STAFF_DAILY };
}

export async function setMomentSettings(q: Queryable, ws: string, s: { perStaffDaily: number }, now: Date): Promise<{ perStaffDaily: number }> {
  if (!Number.isInteger(s.perStaffDaily) || s.perStaffDaily < 1 || s.perStaffDaily > 50) {
    throw new SiyuError('validation_failed', `perStaffDaily: expected a whole number from 1 to 50 (got ${s.perStaffDaily})`);
  }
  await q.query(`INSERT INTO moment_settings (workspace_id, per_staff_daily, updated_at) VALUES ($1, $2, $3)
    ON CONFLICT (workspace_id) DO UPDATE SET per_staff_daily = EXCLUDED.per_staff_daily, updated_at = EXCLUDED.updated_at`, [ws, s.perStaffDaily, now]);
  return { perStaffDaily: s.perStaffDaily };
}

const bad = (path: string, message: string): never => {
  throw new SiyuError('validation_failed', `${path}: ${message}`, [{ path, message }]);
};

/** Plan a post. Two plans racing for a staff member's last slot of a day are serialised on the workspace row. */
export async function planMomentPost(db: Db, ws: string, raw: MomentPlanInput, actor: Actor, now: Date): Promise<MomentPost> {
  const parsed = momentPlanSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'request', message: i.message }));
    throw new SiyuError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  const input = parsed.data;
  const publishAt = Date.parse(input.publishAt);
  if (Number.isNaN(publishAt)) bad('publishAt', 'expected a date-time (ISO 8601)');
  if (publishAt < now.getTime() - 60_000) bad('publishAt', 'is in the past');
  const text = input.text ?? '';
  const textProblem = momentTextProblem(text);
  if (textProblem) bad('text', textProblem);
  if (input.visibility === 'tags' && !input.tags?.length) bad('tags', 'visibility "tags" needs at least one tag');
  if (input.visibility === 'all' && input.tags?.length) bad('tags', 'only used with visibility "tags"');
  return db.transaction(async (tx) => {
    const workspace = await requireWorkspace(tx, ws);
    await tx.query(`SELECT 1 FROM workspaces WHERE workspace_id = $1 FOR UPDATE`, [ws]);
    const materials = [];
    for (const [i, ref] of (input.materials ?? []).entries()) {
      const m = await getMaterial(tx, ws, typeof ref === 'number' ? ref : materialRef(ref)).catch((err: Error) => bad(`materials[${i}]`, err.message));
      if (m.kind === 'file' || m.kind === 'miniprogram') bad(`materials[${i}]`, `"${m.title}" is a ${m.kind} item: Moments take text, images or one link (WeCom add_moment_task)`);
      if (m.kind === 'link' && !m.cover) bad(`materials[${i}]`, `link "${m.title}" has no cover picture: WeCom's Moments link needs one`);
      materials.push(m);
    }
    const kinds = new Set(materials.filter((m) => m.kind !== 'text').map((m) => m.kind));
    if (kinds.size > 1 || (kinds.has('link') && materials.filter((m) => m.kind === 'link').length > 1)) {
      bad('materials', 'Moments take either up to 9 images or one link, not both (WeCom add_moment_task)');
    }
    if (!text && materials.length === 0) bad('text', 'a post needs words or library items');
    const tags = [];
    for (const [i, ref] of (input.tags ?? []).entries()) {
      tags.push(await findTag(tx, ws, ref).catch((err: Error) => bad(`tags[${i}]`, err.message)));
    }
    const staffIds = [...new Set(input.staffIds)];
    const settings = await getMomentSettings(tx, ws);
    const day = localDate(workspace.timeZone, publishAt);
    const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
    const from = localToInstant(workspace.timeZone, y, mo, d);
    const to = localToInstant(workspace.timeZone, y, mo, d + 1);
    const counts = await tx.query<{ staff_id: string; n: number }>(
      `SELECT s.staff_id, count(*)::int AS n FROM moment_posts p JOIN moment_post_staff s USING (workspace_id, post_id)
       WHERE p.workspace_id = $1 AND s.staff_id = ANY($2::text[]) AND p.publish_at >= $3 AND p.publish_at < $4 AND p.status NOT IN ('failed', 'cancelled')
       GROUP BY s.staff_id`, [ws, staffIds, new Date(from), new Date(to)]);
    const over = dailyLimitProblems(staffIds, day, new Map(counts.map((c) => [c.staff_id, Number(c.n)])), settings.perStaffDaily);
    if (over.length > 0) {
      bad('staffIds', over.map((o) => `${o.staffId} already has ${o.already} Moments post${o.already === 1 ? '' : 's'} on ${o.day} (limit ${o.limit} a day)`).join('; '));
    }
    const title = input.title ?? (text.trim().slice(0, 30) || materials[0]!.title);
    const [row] = await tx.query<{ post_id: number }>(
      `INSERT INTO moment_posts (workspace_id, title, text, material_ids, staff_ids, visibility, tag_ids, publish_at, status, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'planned', $9, $10, $10) RETURNING post_id`,
      [ws, title, text, materials.map((m) => m.materialId), staffIds, input.visibility, tags.map((t) => t.tagId), new Date(publishAt), actor.id ?? actor.kind, now],
    );
    await tx.query(`INSERT INTO moment_post_staff (workspace_id, post_id, staff_id, status) SELECT $1, $2, unnest($3::text[]), 'pending'`,
      [ws, row!.post_id, staffIds]);
    return getMomentPost(tx, ws, Number(row!.post_id));
  });
}

interface PostRow {
  post_id: number; title: string; text: string; material_ids: number[]; staff_ids: string[]; visibility: 'all' | 'tags'; tag_ids: number[];
  publish_at: string; status: PostStatus; moment_id: string | null; error: string | null; created_by: string | null; created_at: string;
  staff: { staff_id: string; status: MomentPost['staff'][number]['status'] }[] | null;
  materials: { material_id: number; kind: string; title: string }[] | null;
  tags: { tag_id: number; path: string }[] | null;
  likes: number | null; comments: number | null; customers: number | null;
}

const select = (scopeSql: string) => `SELECT p.*,
    (SELECT json_agg(json_build_object('staff_id', s.staff_id, 'status', s.status) ORDER BY s.staff_id) FROM moment_post_staff s
      WHERE s.workspace_id = p.workspace_id AND s.post_id = p.post_id) AS staff,
    (SELECT json_agg(json_build_object('material_id', m.material_id, 'kind', m.kind, 'title', m.title) ORDER BY array_position(p.material_ids, m.material_id))
      FROM materials m WHERE m.workspace_id = p.workspace_id AND m.material_id = ANY(p.material_ids)) AS materials,
    (SELECT json_agg(json_build_object('tag_id', t.tag_id, 'path', g.name || '/' || t.name)) FROM tags t JOIN tag_groups g ON g.workspace_id = t.workspace_id AND g.group_id = t.group_id
      WHERE t.workspace_id = p.workspace_id AND t.tag_id = ANY(p.tag_ids)) AS tags,
    e.likes, e.comments, e.customers
  FROM moment_posts p
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE x.type = 'moment.liked')::int AS likes, count(*) FILTER (WHERE x.type = 'moment.commented')::int AS comments,
                            count(DISTINCT x.customer_id)::int AS customers
                     FROM events x WHERE p.moment_id IS NOT NULL AND x.workspace_id = p.workspace_id AND x.data->>'momentId' = p.moment_id
                       AND x.type IN ('moment.liked', 'moment.commented') AND ${scopeSql}) e ON true`;

const view = (r: PostRow): MomentPost => ({
  postId: Number(r.post_id), title: r.title, text: r.text,
  materials: (r.materials ?? []).map((m) => ({ materialId: Number(m.material_id), kind: m.kind, title: m.title })),
  staff: (r.staff ?? []).map((s) => ({ staffId: s.staff_id, status: s.status })),
  visibility: r.visibility, tags: (r.tags ?? []).map((t) => ({ tagId: Number(t.tag_id), path: t.path })),
  publishAt: iso(r.publish_at), status: r.status, momentId: r.moment_id, error: r.error,
  engagement: { likes: Number(r.likes ?? 0), comments: Number(r.comments ?? 0), customers: Number(r.customers ?? 0) },
  createdBy: r.created_by, createdAt: iso(r.created_at),
});

export async function getMomentPost(q: Queryable, ws: string, postId: number, scope: CustomerScope = ALL_CUSTOMERS): Promise<MomentPost> {
  const sc = scopeCondition(scope, 'x', 3);
  const [r] = await q.query<PostRow>(`${select(sc.sql)} WHERE p.workspace_id = $1 AND p.post_id = $2`, [ws, postId, ...sc.params]);
  if (!r) throw new SiyuError('not_found', `Moments post ${postId} does not exist`);
  return view(r);
}

export interface ListMomentsOptions {
  from?: Date | undefined;
  to?: Date | undefined;
  staffId?: string | undefined;
  status?: PostStatus | undefined;
  scope?: CustomerScope | undefined;
  limit?: number | undefined;
}

/** Posts by publish time (a calendar range), newest first. */
export async function listMomentPosts(q: Queryable, ws: string, o: ListMomentsOptions = {}): Promise<MomentPost[]> {
  const where = ['p.workspace_id = $1'];
  const params: unknown[] = [ws];
  if (o.from) where.push(`p.publish_at >= $${params.push(o.from)}`);
  if (o.to) where.push(`p.publish_at < $${params.push(o.to)}`);
  if (o.staffId) where.push(`$${params.push(o.staffId)} = ANY(p.staff_ids)`);
  if (o.status) where.push(`p.status = $${params.push(o.status)}`);
  const sc = scopeCondition(o.scope ?? ALL_CUSTOMERS, 'x', params.length + 1);
  params.push(...sc.params);
  const rows = await q.query<PostRow>(`${select(sc.sql)} WHERE ${where.join(' AND ')} ORDER BY p.publish_at DESC, p.post_id DESC LIMIT $${params.push(o.limit ?? 500)}`, params);
  return rows.map(view);
}

/** Cancel a post that has not gone to WeCom yet (one that has cannot be taken back here). */
export async function cancelMomentPost(q: Queryable, ws: string, postId: number, now: Date): Promise<MomentPost> {
  const post = await getMomentPost(q, ws, postId);
  const [r] = await q.query(`UPDATE moment_posts SET status = 'cancelled', updated_at = $3 WHERE workspace_id = $1 AND post_id = $2 AND status = 'planned' RETURNING post_id`,
    [ws, postId, now]);
  if (!r) throw new SiyuError('conflict', `Moments post ${postId} is ${post.status}: only a planned post can be cancelled`);
  return getMomentPost(q, ws, postId);
}

/**
 * A post already published in WeCom (before Siyu planned them, or by hand), recorded with its
 * moment_id so its likes and comments count for it. Recording the same moment again does nothing.
 */
export async function recordPublishedPost(
  q: Queryable, ws: string, p: { momentId: string; title: string; text: string; staffIds: string[]; publishedAt: Date; materialIds?: number[] }, now: Date,
): Promise<boolean> {
  const [row] = await q.query<{ post_id: number }>(
    `INSERT INTO moment_posts (workspace_id, title, text, material_ids, staff_ids, visibility, publish_at, status, moment_id, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'all', $6, 'published', $7, 'wecom', $8, $8)
     ON CONFLICT (workspace_id, moment_id) WHERE moment_id IS NOT NULL DO NOTHING RETURNING post_id`,
    [ws, p.title, p.text, p.materialIds ?? [], p.staffIds, p.publishedAt, p.momentId, now]);
  if (!row) return false;
  await q.query(`INSERT INTO moment_post_staff (workspace_id, post_id, staff_id, status, checked_at) SELECT $1, $2, unnest($3::text[]), 'published', $4`,
    [ws, row.post_id, p.staffIds, now]);
  return true;
}
