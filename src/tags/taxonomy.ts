/**
 * The tag taxonomy: category (一级) → group (二级, single- or multi-choice) → tag (三级).
 * Group names are unique per workspace and tag names per group, so "group/tag" names a
 * tag. The system category and its groups belong to the segmentation models.
 */
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace, SYSTEM_CATEGORY } from '../workspaces/index.ts';
import { checkName, tagPath, type NameKind } from './names.ts';
import { atomically, findCategory, findGroup, findTag, refuseSystem, type CategoryInfo, type GroupInfo, type TagInfo } from './refs.ts';
import { removeTagRows, writeAudit } from './rows.ts';

export interface TagNode {
  tagId: number;
  name: string;
  path: string;
  aliases: string[];
  /** Customers holding the tag now (expired tags not counted). */
  customers: number;
}

export interface GroupNode {
  groupId: number;
  name: string;
  exclusive: boolean;
  system: boolean;
  tags: TagNode[];
}

export interface CategoryNode {
  categoryId: number;
  name: string;
  system: boolean;
  groups: GroupNode[];
}

export interface Removal {
  /** Distinct customers who lost a tag they visibly held. */
  customers: number;
}

function validName(kind: NameKind, raw: string): string {
  const c = checkName(kind, raw);
  if (!c.ok) throw new SiyuError('validation_failed', c.reason);
  return c.name;
}

/**
 * The whole tree, in creation order (so ordered stages such as L0…L5 read top-down). Each
 * tag's customer count is of the customers in the scope (a staff member's own).
 */
export async function listTaxonomy(db: Queryable, workspaceId: string, now: Date, scope: CustomerScope = ALL_CUSTOMERS): Promise<CategoryNode[]> {
  await requireWorkspace(db, workspaceId);
  const inScope = scopeCondition(scope, 'ct', 3);
  const rows = await db.query<{
    category_id: number; category: string; category_system: boolean; group_id: number | null; grp: string | null;
    exclusive: boolean | null; system: boolean | null; tag_id: number | null; tag: string | null; aliases: string[] | null; customers: number | null;
  }>(
    `SELECT c.category_id, c.name AS category, c.system AS category_system, g.group_id, g.name AS grp, g.exclusive, g.system,
            t.tag_id, t.name AS tag, a.aliases, n.customers
     FROM tag_categories c
     LEFT JOIN tag_groups g ON g.workspace_id = c.workspace_id AND g.category_id = c.category_id
     LEFT JOIN tags t ON t.workspace_id = g.workspace_id AND t.group_id = g.group_id
     LEFT JOIN (SELECT tag_id, array_agg(alias ORDER BY alias) AS aliases FROM tag_aliases WHERE workspace_id = $1 GROUP BY tag_id) a
       ON a.tag_id = t.tag_id
     LEFT JOIN (SELECT ct.tag_id, count(*)::int AS customers FROM customer_tags ct
                WHERE ct.workspace_id = $1 AND (ct.expires_at IS NULL OR ct.expires_at > $2) AND ${inScope.sql} GROUP BY ct.tag_id) n
       ON n.tag_id = t.tag_id
     WHERE c.workspace_id = $1
     ORDER BY c.category_id, g.group_id, t.tag_id`,
    [workspaceId, now, ...inScope.params],
  );
  const categories: CategoryNode[] = [];
  for (const r of rows) {
    let cat = categories.at(-1);
    if (!cat || cat.categoryId !== r.category_id) {
      cat = { categoryId: r.category_id, name: r.category, system: r.category_system, groups: [] };
      categories.push(cat);
    }
    if (r.group_id === null) continue;
    let group = cat.groups.at(-1);
    if (!group || group.groupId !== r.group_id) {
      group = { groupId: r.group_id, name: r.grp!, exclusive: r.exclusive!, system: r.system!, tags: [] };
      cat.groups.push(group);
    }
    if (r.tag_id === null) continue;
    group.tags.push({ tagId: r.tag_id, name: r.tag!, path: tagPath(group.name, r.tag!), aliases: r.aliases ?? [], customers: r.customers ?? 0 });
  }
  return categories;
}

export async function createCategory(db: Queryable, workspaceId: string, rawName: string, by: Actor): Promise<CategoryInfo> {
  const name = validName('category', rawName);
  return atomically(db, async (tx) => {
    await requireWorkspace(tx, workspaceId);
    const [row] = await tx.query<{ category_id: number }>(
      `INSERT INTO tag_categories (workspace_id, name) VALUES ($1, $2) ON CONFLICT (workspace_id, name) DO NOTHING RETURNING category_id`,
      [workspaceId, name],
    );
    if (!row) throw new SiyuError('conflict', `tag category "${name}" already exists`);
    await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.category.created', details: { category: name } }]);
    return { categoryId: row.category_id, name, system: false };
  });
}

export async function renameCategory(db: Queryable, workspaceId: string, ref: string | number, rawName: string, by: Actor): Promise<CategoryInfo> {
  const name = validName('category', rawName);
  return atomically(db, async (tx) => {
    const cat = await findCategory(tx, workspaceId, ref);
    refuseSystem(cat, 'category', 'rename');
    if (cat.name === name) return cat;
    const [taken] = await tx.query(`SELECT 1 FROM tag_categories WHERE workspace_id = $1 AND name = $2`, [workspaceId, name]);
    if (taken) throw new SiyuError('conflict', `cannot rename category "${cat.name}" to "${name}": that name is taken`);
    await tx.query(`UPDATE tag_categories SET name = $3 WHERE workspace_id = $1 AND category_id = $2`, [workspaceId, cat.categoryId, name]);
    await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.category.renamed', details: { category: name, from: cat.name } }]);
    return { ...cat, name };
  });
}

export async function deleteCategory(
  db: Queryable,
  workspaceId: string,
  ref: string | number,
  by: Actor,
  opts: { force?: boolean; now?: Date } = {},
): Promise<Removal & { category: string; groups: number; tags: number }> {
  return atomically(db, async (tx) => {
    const cat = await findCategory(tx, workspaceId, ref);
    refuseSystem(cat, 'category', 'delete');
    const groups = await tx.query<{ group_id: number; name: string; tags: number }>(
      `SELECT g.group_id, g.name, (SELECT count(*)::int FROM tags t WHERE t.workspace_id = g.workspace_id AND t.group_id = g.group_id) AS tags
       FROM tag_groups g WHERE g.workspace_id = $1 AND g.category_id = $2 ORDER BY g.group_id`,
      [workspaceId, cat.categoryId],
    );
    if (groups.length > 0 && !opts.force) {
      throw new SiyuError(
        'conflict',
        `category "${cat.name}" still has ${groups.length} group(s) (${groups.map((g) => g.name).join(', ')}); ` +
          'delete them first, or force the deletion to delete them with their tags and take those tags off customers',
      );
    }
    const removed = await dropGroups(tx, workspaceId, groups.map((g) => g.group_id), by, opts.now ?? new Date(), `category "${cat.name}" deleted`);
    await tx.query(`DELETE FROM tag_categories WHERE workspace_id = $1 AND category_id = $2`, [workspaceId, cat.categoryId]);
    const tags = groups.reduce((n, g) => n + g.tags, 0);
    await writeAudit(tx, workspaceId, by, [{
      customerId: null, action: 'taxonomy.category.deleted',
      details: { category: cat.name, groups: groups.map((g) => g.name), tags, customers: removed.customers },
    }]);
    return { category: cat.name, groups: groups.length, tags, customers: removed.customers };
  });
}

export async function createGroup(
  db: Queryable,
  workspaceId: string,
  spec: { name: string; category: string | number; exclusive?: boolean },
  by: Actor,
): Promise<GroupInfo> {
  const name = validName('group', spec.name);
  return atomically(db, async (tx) => {
    const cat = await findCategory(tx, workspaceId, spec.category);
    if (cat.system) throw new SiyuError('forbidden', `cannot add a group to category "${cat.name}": it holds only the segmentation models' groups`);
    const exclusive = spec.exclusive ?? false;
    const [row] = await tx.query<{ group_id: number }>(
      `INSERT INTO tag_groups (workspace_id, category_id, name, exclusive) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, name) DO NOTHING RETURNING group_id`,
      [workspaceId, cat.categoryId, name, exclusive],
    );
    if (!row) {
      const existing = await findGroup(tx, workspaceId, name);
      const [home] = await tx.query<{ name: string }>(`SELECT name FROM tag_categories WHERE workspace_id = $1 AND category_id = $2`, [workspaceId, existing.categoryId]);
      throw new SiyuError('conflict', `tag group "${name}" already exists (in category "${home?.name}"); group names are unique in a workspace`);
    }
    await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.group.created', details: { group: name, category: cat.name, exclusive } }]);
    return { groupId: row.group_id, name, categoryId: cat.categoryId, exclusive, system: false };
  });
}

export async function renameGroup(db: Queryable, workspaceId: string, ref: string | number, rawName: string, by: Actor): Promise<GroupInfo> {
  const name = validName('group', rawName);
  return atomically(db, async (tx) => {
    const group = await findGroup(tx, workspaceId, ref);
    refuseSystem(group, 'group', 'rename');
    if (group.name === name) return group;
    const [taken] = await tx.query(`SELECT 1 FROM tag_groups WHERE workspace_id = $1 AND name = $2`, [workspaceId, name]);
    if (taken) throw new SiyuError('conflict', `cannot rename group "${group.name}" to "${name}": a group with that name exists`);
    await tx.query(`UPDATE tag_groups SET name = $3 WHERE workspace_id = $1 AND group_id = $2`, [workspaceId, group.groupId, name]);
    await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.group.renamed', details: { group: name, from: group.name } }]);
    return { ...group, name };
  });
}

export async function deleteGroup(
  db: Queryable,
  workspaceId: string,
  ref: string | number,
  by: Actor,
  opts: { now?: Date } = {},
): Promise<Removal & { group: string; tags: number }> {
  return atomically(db, async (tx) => {
    const group = await findGroup(tx, workspaceId, ref);
    refuseSystem(group, 'group', 'delete');
    const [n] = await tx.query<{ tags: number }>(`SELECT count(*)::int AS tags FROM tags WHERE workspace_id = $1 AND group_id = $2`, [workspaceId, group.groupId]);
    const removed = await dropGroups(tx, workspaceId, [group.groupId], by, opts.now ?? new Date(), `group "${group.name}" deleted`);
    await writeAudit(tx, workspaceId, by, [{
      customerId: null, action: 'taxonomy.group.deleted', details: { group: group.name, tags: n!.tags, customers: removed.customers },
    }]);
    return { group: group.name, tags: n!.tags, customers: removed.customers };
  });
}

async function dropGroups(tx: Queryable, workspaceId: string, groupIds: number[], by: Actor, now: Date, reason: string): Promise<Removal> {
  if (groupIds.length === 0) return { customers: 0 };
  const tags = await tx.query<{ tag_id: number }>(`SELECT tag_id FROM tags WHERE workspace_id = $1 AND group_id = ANY($2::bigint[])`, [workspaceId, groupIds]);
  const removed = await removeTagRows(tx, workspaceId, { tagIds: tags.map((t) => t.tag_id) }, by, now, { reason, source: by.kind, sourceId: by.id });
  await tx.query(`DELETE FROM tag_aliases WHERE workspace_id = $1 AND group_id = ANY($2::bigint[])`, [workspaceId, groupIds]);
  await tx.query(`DELETE FROM tags WHERE workspace_id = $1 AND group_id = ANY($2::bigint[])`, [workspaceId, groupIds]);
  await tx.query(`DELETE FROM tag_groups WHERE workspace_id = $1 AND group_id = ANY($2::bigint[])`, [workspaceId, groupIds]);
  return { customers: new Set(removed.filter((r) => r.live).map((r) => r.customerId)).size };
}

/** A tag name must not shadow a tag or an alias of its group: "group/name" must stay unambiguous. */
export async function assertNameFree(
  tx: Queryable,
  workspaceId: string,
  group: Pick<GroupInfo, 'groupId' | 'name'>,
  name: string,
  exceptTagId?: number,
): Promise<void> {
  const [hit] = await tx.query<{ kind: string; tag: string }>(
    `SELECT 'tag' AS kind, t.name AS tag FROM tags t WHERE t.workspace_id = $1 AND t.group_id = $2 AND t.name = $3
     UNION ALL
     SELECT 'alias', t.name FROM tag_aliases a JOIN tags t ON t.workspace_id = a.workspace_id AND t.tag_id = a.tag_id
     WHERE a.workspace_id = $1 AND a.group_id = $2 AND a.alias = $3 AND a.tag_id IS DISTINCT FROM $4::bigint
     LIMIT 1`,
    [workspaceId, group.groupId, name, exceptTagId ?? null],
  );
  if (!hit) return;
  throw new SiyuError(
    'conflict',
    hit.kind === 'tag'
      ? `tag "${tagPath(group.name, name)}" already exists; tag names are unique in a group`
      : `"${tagPath(group.name, name)}" is already an alias of "${tagPath(group.name, hit.tag)}"; remove the alias first`,
  );
}

export async function createTag(db: Queryable, workspaceId: string, groupRef: string | number, rawName: string, by: Actor): Promise<TagInfo> {
  const name = validName('tag', rawName);
  return atomically(db, async (tx) => {
    const group = await findGroup(tx, workspaceId, groupRef);
    if (group.system) {
      throw new SiyuError('forbidden', `cannot add tags to group "${group.name}": its tags are fixed by the ${SYSTEM_CATEGORY} segmentation model`);
    }
    await assertNameFree(tx, workspaceId, group, name);
    const [row] = await tx.query<{ tag_id: number }>(
      `INSERT INTO tags (workspace_id, group_id, name) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, group_id, name) DO NOTHING RETURNING tag_id`,
      [workspaceId, group.groupId, name],
    );
    if (!row) throw new SiyuError('conflict', `tag "${tagPath(group.name, name)}" already exists`);
    const path = tagPath(group.name, name);
    await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.tag.created', details: { tag: path, tagId: row.tag_id } }]);
    return { tagId: row.tag_id, name, path, groupId: group.groupId, group: group.name, exclusive: group.exclusive, system: false };
  });
}

export async function renameTag(db: Queryable, workspaceId: string, ref: string | number, rawName: string, by: Actor): Promise<TagInfo> {
  const name = validName('tag', rawName);
  return atomically(db, async (tx) => {
    const tag = await findTag(tx, workspaceId, ref);
    if (tag.system) throw new SiyuError('forbidden', `cannot rename "${tag.path}": the segmentation models own the tags of group "${tag.group}"`);
    if (tag.name === name) return tag;
    await assertNameFree(tx, workspaceId, { groupId: tag.groupId, name: tag.group }, name, tag.tagId);
    // Renaming a tag to one of its own aliases: the alias has become the name.
    await tx.query(`DELETE FROM tag_aliases WHERE workspace_id = $1 AND group_id = $2 AND alias = $3`, [workspaceId, tag.groupId, name]);
    await tx.query(`UPDATE tags SET name = $3 WHERE workspace_id = $1 AND tag_id = $2`, [workspaceId, tag.tagId, name]);
    const path = tagPath(tag.group, name);
    await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.tag.renamed', details: { tag: path, tagId: tag.tagId, from: tag.path } }]);
    return { ...tag, name, path };
  });
}

export async function deleteTag(
  db: Queryable,
  workspaceId: string,
  ref: string | number,
  by: Actor,
  opts: { now?: Date } = {},
): Promise<Removal & { tag: string }> {
  return atomically(db, async (tx) => {
    const tag = await findTag(tx, workspaceId, ref);
    if (tag.system) throw new SiyuError('forbidden', `cannot delete "${tag.path}": the segmentation models own the tags of group "${tag.group}"`);
    const removed = await removeTagRows(tx, workspaceId, { tagIds: [tag.tagId] }, by, opts.now ?? new Date(), {
      reason: `tag "${tag.path}" deleted`, source: by.kind, sourceId: by.id,
    });
    await tx.query(`DELETE FROM tags WHERE workspace_id = $1 AND tag_id = $2`, [workspaceId, tag.tagId]);
    const customers = removed.filter((r) => r.live).length;
    await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.tag.deleted', details: { tag: tag.path, tagId: tag.tagId, customers } }]);
    return { tag: tag.path, customers };
  });
}
