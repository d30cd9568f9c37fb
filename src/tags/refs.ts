/**
 * Finding categories, groups and tags from what people type: a name or an id, and for
 * tags "group/tag" where the tag part may be an alias.
 */
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { SYSTEM_CATEGORY } from '../workspaces/index.ts';
import { describeRef, parseTagRef, tagPath, type TagRef } from './names.ts';

export interface CategoryInfo {
  categoryId: number;
  name: string;
  system: boolean;
}

export interface GroupInfo {
  groupId: number;
  name: string;
  categoryId: number;
  exclusive: boolean;
  system: boolean;
}

export interface TagInfo {
  tagId: number;
  name: string;
  path: string;
  groupId: number;
  group: string;
  exclusive: boolean;
  system: boolean;
}

/** Run `fn` in a transaction, or inside the caller's when it passed one. */
export function atomically<T>(db: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in db && typeof (db as Db).transaction === 'function' ? (db as Db).transaction(fn) : fn(db);
}

const DIGITS = /^\d{1,15}$/;

/** A number is an id; a text is a name, or an id when no name matches. */
const idOf = (ref: string | number): number | null =>
  typeof ref === 'number' ? ref : DIGITS.test(ref.trim()) ? Number(ref.trim()) : null;

/** A name wins over an id, so a group called "2024" is still found by its name. */
export async function findCategory(db: Queryable, workspaceId: string, ref: string | number): Promise<CategoryInfo> {
  const text = String(ref).normalize('NFC').trim();
  const rows = await db.query<{ category_id: number; name: string; system: boolean }>(
    `SELECT category_id, name, system FROM tag_categories
     WHERE workspace_id = $1 AND (name = $2 OR ($3::bigint IS NOT NULL AND category_id = $3))
     ORDER BY (name = $2) DESC LIMIT 1`,
    [workspaceId, typeof ref === 'number' ? null : text, idOf(ref)],
  );
  const r = rows[0];
  if (!r) throw new SiyuError('not_found', `tag category "${text}" does not exist`);
  return { categoryId: r.category_id, name: r.name, system: r.system };
}

export async function findGroup(db: Queryable, workspaceId: string, ref: string | number): Promise<GroupInfo> {
  const text = String(ref).normalize('NFC').trim();
  const rows = await db.query<{ group_id: number; name: string; category_id: number; exclusive: boolean; system: boolean }>(
    `SELECT group_id, name, category_id, exclusive, system FROM tag_groups
     WHERE workspace_id = $1 AND (name = $2 OR ($3::bigint IS NOT NULL AND group_id = $3))
     ORDER BY (name = $2) DESC LIMIT 1`,
    [workspaceId, typeof ref === 'number' ? null : text, idOf(ref)],
  );
  const r = rows[0];
  if (!r) throw new SiyuError('not_found', `tag group "${text}" does not exist`);
  return { groupId: r.group_id, name: r.name, categoryId: r.category_id, exclusive: r.exclusive, system: r.system };
}

export interface PathMatch {
  group: string;
  tag: string;
  groupId: number | null;
  exclusive: boolean | null;
  system: boolean | null;
  tagId: number | null;
  tagName: string | null;
}

/** Resolve many (group, tag-or-alias) pairs in one query, in order; unknown parts come back null. */
export async function matchPaths(db: Queryable, workspaceId: string, pairs: readonly { group: string; tag: string }[]): Promise<PathMatch[]> {
  if (pairs.length === 0) return [];
  const rows = await db.query<{
    grp: string; tag: string; group_id: number | null; exclusive: boolean | null; system: boolean | null; tag_id: number | null; tag_name: string | null;
  }>(
    `SELECT p.grp, p.tag, g.group_id, g.exclusive, g.system, t.tag_id, t.name AS tag_name
     FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(grp, tag, ord)
     LEFT JOIN tag_groups g ON g.workspace_id = $1 AND g.name = p.grp
     LEFT JOIN LATERAL (
       SELECT x.tag_id, x.name FROM (
         SELECT 0 AS pref, t.tag_id, t.name FROM tags t WHERE t.workspace_id = $1 AND t.group_id = g.group_id AND t.name = p.tag
         UNION ALL
         SELECT 1, t.tag_id, t.name FROM tag_aliases a JOIN tags t ON t.workspace_id = a.workspace_id AND t.tag_id = a.tag_id
         WHERE a.workspace_id = $1 AND a.group_id = g.group_id AND a.alias = p.tag
       ) x ORDER BY x.pref LIMIT 1
     ) t ON true
     ORDER BY p.ord`,
    [workspaceId, pairs.map((p) => p.group), pairs.map((p) => p.tag)],
  );
  return rows.map((r) => ({
    group: r.grp, tag: r.tag, groupId: r.group_id, exclusive: r.exclusive, system: r.system, tagId: r.tag_id, tagName: r.tag_name,
  }));
}

async function tagById(db: Queryable, workspaceId: string, tagId: number): Promise<TagInfo | undefined> {
  const [r] = await db.query<{ tag_id: number; name: string; group_id: number; grp: string; exclusive: boolean; system: boolean }>(
    `SELECT t.tag_id, t.name, g.group_id, g.name AS grp, g.exclusive, g.system
     FROM tags t JOIN tag_groups g ON g.workspace_id = t.workspace_id AND g.group_id = t.group_id
     WHERE t.workspace_id = $1 AND t.tag_id = $2`,
    [workspaceId, tagId],
  );
  return r && { tagId: r.tag_id, name: r.name, path: tagPath(r.grp, r.name), groupId: r.group_id, group: r.grp, exclusive: r.exclusive, system: r.system };
}

/** The tag a reference names; "group/alias" leads to the aliased tag. */
export async function findTag(db: Queryable, workspaceId: string, input: string | number | TagRef): Promise<TagInfo> {
  let ref: TagRef;
  if (typeof input === 'object') {
    ref = input;
  } else {
    const parsed = parseTagRef(input);
    if (!parsed.ok) throw new SiyuError('bad_request', parsed.reason);
    ref = parsed.ref;
  }
  if (ref.kind === 'id') {
    const t = await tagById(db, workspaceId, ref.tagId);
    if (!t) throw new SiyuError('not_found', `${describeRef(ref)} does not exist`);
    return t;
  }
  const [m] = await matchPaths(db, workspaceId, [ref]);
  if (!m || m.groupId === null) throw new SiyuError('not_found', `tag group "${ref.group}" does not exist (in ${describeRef(ref)})`);
  if (m.tagId === null) {
    const names = await db.query<{ name: string }>(
      `SELECT name FROM tags WHERE workspace_id = $1 AND group_id = $2 ORDER BY tag_id LIMIT 21`,
      [workspaceId, m.groupId],
    );
    const list = names.length === 0 ? 'no tags yet' : `has ${names.slice(0, 20).map((n) => n.name).join(', ')}${names.length > 20 ? ', …' : ''}`;
    throw new SiyuError('not_found', `tag ${describeRef(ref)} does not exist (group "${ref.group}" ${list})`);
  }
  return {
    tagId: m.tagId, name: m.tagName!, path: tagPath(m.group, m.tagName!), groupId: m.groupId, group: m.group,
    exclusive: m.exclusive!, system: m.system!,
  };
}

/** Users change the taxonomy; the segmentation models own the system groups. */
export function refuseSystem(what: { system: boolean; name: string }, kind: 'category' | 'group', doing: string): void {
  if (!what.system) return;
  throw new SiyuError(
    'forbidden',
    kind === 'category'
      ? `cannot ${doing} category "${what.name}": it holds the segmentation models' groups and is maintained by Siyu`
      : `cannot ${doing} group "${what.name}": it is a ${SYSTEM_CATEGORY} group, maintained by the segmentation models`,
  );
}
