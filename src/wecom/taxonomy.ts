/**
 * The corp tag library ↔ Siyu's taxonomy, both ways, through the id mapping table: a tag
 * group or tag made in WeCom appears in Siyu (an existing Siyu group or tag of the same
 * name is adopted, never duplicated), and one made in Siyu is created in WeCom.
 */
import type { Actor } from '../customers/index.ts';
import type { Queryable } from '../store/db.ts';
import { checkName, createCategory, createGroup, createTag, deleteGroup, deleteTag, renameGroup, renameTag } from '../tags/index.ts';
import { WecomApiError, type CorpTagGroup, type WecomClient } from './client.ts';

/** Where groups that come from WeCom live in Siyu's taxonomy. */
export const WECOM_CATEGORY = '企业微信';
/** Channel (活码 state) tags put on customers as they add a staff member. */
export const CHANNEL_GROUP = '渠道活码';

export const WECOM_ACTOR: Actor = { kind: 'system', id: 'wecom' };

/** Changes made here are WeCom's own: the push triggers must not echo them back. */
export const fromWecom = (tx: Queryable) => tx.query(`SELECT set_config('siyu.wecom_origin', 'on', true)`);

export interface TaxonomyReport {
  groupsCreated: string[];
  tagsCreated: string[];
  renamed: string[];
  deleted: string[];
  adopted: string[];
  pushed: string[];
  skipped: string[];
}

export const emptyTaxonomyReport = (): TaxonomyReport => ({ groupsCreated: [], tagsCreated: [], renamed: [], deleted: [], adopted: [], pushed: [], skipped: [] });

export async function mapped(tx: Queryable, ws: string, kind: 'tag' | 'group'): Promise<Map<string, { siyuId: number; name: string }>> {
  const rows = await tx.query<{ wecom_id: string; siyu_id: number; name: string }>(
    `SELECT wecom_id, siyu_id, name FROM wecom_tag_map WHERE workspace_id = $1 AND kind = $2`, [ws, kind]);
  return new Map(rows.map((r) => [r.wecom_id, { siyuId: Number(r.siyu_id), name: r.name }]));
}

async function map(tx: Queryable, ws: string, kind: 'tag' | 'group', wecomId: string, siyuId: number, name: string): Promise<void> {
  await tx.query(
    `INSERT INTO wecom_tag_map (workspace_id, kind, wecom_id, siyu_id, name) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (workspace_id, kind, wecom_id) DO UPDATE SET siyu_id = excluded.siyu_id, name = excluded.name`,
    [ws, kind, wecomId, siyuId, name],
  );
}

const syncedName = (tx: Queryable, ws: string, kind: 'tag' | 'group', wecomId: string, name: string) =>
  tx.query(`UPDATE wecom_tag_map SET name = $4 WHERE workspace_id = $1 AND kind = $2 AND wecom_id = $3`, [ws, kind, wecomId, name]);

export async function ensureCategory(tx: Queryable, ws: string, name: string): Promise<void> {
  const [c] = await tx.query(`SELECT 1 FROM tag_categories WHERE workspace_id = $1 AND name = $2`, [ws, name]);
  if (!c) await createCategory(tx, ws, name, WECOM_ACTOR);
}

async function groupByName(tx: Queryable, ws: string, name: string): Promise<{ group_id: number; name: string; system: boolean } | undefined> {
  const [g] = await tx.query<{ group_id: number; name: string; system: boolean }>(
    `SELECT group_id, name, system FROM tag_groups WHERE workspace_id = $1 AND name = $2`, [ws, name]);
  return g && { ...g, group_id: Number(g.group_id) };
}

async function tagByName(tx: Queryable, ws: string, groupId: number, name: string): Promise<number | undefined> {
  const [t] = await tx.query<{ tag_id: number }>(
    `SELECT tag_id FROM tags WHERE workspace_id = $1 AND group_id = $2 AND name = $3
     UNION ALL SELECT tag_id FROM tag_aliases WHERE workspace_id = $1 AND group_id = $2 AND alias = $3 LIMIT 1`, [ws, groupId, name]);
  return t ? Number(t.tag_id) : undefined;
}

/** A tag by group and name, created (with its group, in `category`) when missing. */
export async function ensureTag(tx: Queryable, ws: string, category: string, groupName: string, tagName: string): Promise<number | undefined> {
  if (!checkName('group', groupName).ok || !checkName('tag', tagName).ok) return undefined;
  let g = await groupByName(tx, ws, groupName);
  if (!g) {
    await ensureCategory(tx, ws, category);
    const created = await createGroup(tx, ws, { name: groupName, category }, WECOM_ACTOR);
    g = { group_id: created.groupId, name: created.name, system: false };
  }
  if (g.system) return undefined;
  return (await tagByName(tx, ws, g.group_id, tagName)) ?? (await createTag(tx, ws, g.group_id, tagName, WECOM_ACTOR)).tagId;
}

/**
 * Bring WeCom's tag library into Siyu. With `complete` (the list is all of WeCom's groups)
 * mapped groups and tags missing from it were deleted in WeCom and go in Siyu too.
 */
export async function importTaxonomy(tx: Queryable, ws: string, groups: readonly CorpTagGroup[], complete: boolean, report: TaxonomyReport): Promise<void> {
  await fromWecom(tx);
  const groupMap = await mapped(tx, ws, 'group');
  const tagMap = await mapped(tx, ws, 'tag');
  const seenGroups = new Set<string>();
  const seenTags = new Set<string>();
  for (const wg of groups) {
    if (wg.deleted) continue;
    seenGroups.add(wg.group_id);
    const groupName = wg.group_name.trim();
    const entry = groupMap.get(wg.group_id);
    let siyuGroup = entry?.siyuId;
    if (entry) {
      const [current] = await tx.query<{ name: string }>(`SELECT name FROM tag_groups WHERE workspace_id = $1 AND group_id = $2`, [ws, entry.siyuId]);
      if (!current) {
        // Deleted in Siyu since the last sync: the push deletes it in WeCom, nothing comes back.
        for (const wt of wg.tag) seenTags.add(wt.id);
        continue;
      }
      if (groupName !== entry.name) {
        if (current.name !== groupName && checkName('group', groupName).ok && !(await groupByName(tx, ws, groupName))) {
          await renameGroup(tx, ws, entry.siyuId, groupName, WECOM_ACTOR);
          report.renamed.push(`${current.name} → ${groupName}`);
        }
        await syncedName(tx, ws, 'group', wg.group_id, groupName);
      }
    } else {
      if (!checkName('group', groupName).ok) {
        report.skipped.push(`group "${groupName}": not a valid Siyu group name`);
        continue;
      }
      const existing = await groupByName(tx, ws, groupName);
      if (existing?.system) {
        report.skipped.push(`group "${groupName}": the name of a system group`);
        continue;
      }
      if (existing) {
        siyuGroup = existing.group_id;
        report.adopted.push(groupName);
      } else {
        await ensureCategory(tx, ws, WECOM_CATEGORY);
        siyuGroup = (await createGroup(tx, ws, { name: groupName, category: WECOM_CATEGORY }, WECOM_ACTOR)).groupId;
        report.groupsCreated.push(groupName);
      }
      await map(tx, ws, 'group', wg.group_id, siyuGroup, groupName);
    }
    for (const wt of wg.tag) {
      if (wt.deleted) continue;
      seenTags.add(wt.id);
      const tagName = wt.name.trim();
      const tagEntry = tagMap.get(wt.id);
      if (tagEntry) {
        const [row] = await tx.query<{ name: string; group_id: number }>(
          `SELECT name, group_id FROM tags WHERE workspace_id = $1 AND tag_id = $2`, [ws, tagEntry.siyuId]);
        if (row && tagName !== tagEntry.name) {
          if (row.name !== tagName && checkName('tag', tagName).ok && (await tagByName(tx, ws, Number(row.group_id), tagName)) === undefined) {
            await renameTag(tx, ws, tagEntry.siyuId, tagName, WECOM_ACTOR);
            report.renamed.push(`${groupName}/${row.name} → ${tagName}`);
          }
          await syncedName(tx, ws, 'tag', wt.id, tagName);
        }
        continue;
      }
      if (!checkName('tag', tagName).ok) {
        report.skipped.push(`tag "${groupName}/${tagName}": not a valid Siyu tag name`);
        continue;
      }
      const existing = await tagByName(tx, ws, siyuGroup!, tagName);
      const id = existing ?? (await createTag(tx, ws, siyuGroup!, tagName, WECOM_ACTOR)).tagId;
      (existing === undefined ? report.tagsCreated : report.adopted).push(`${groupName}/${tagName}`);
      await map(tx, ws, 'tag', wt.id, id, tagName);
    }
  }
  if (!complete) return;
  for (const [wecomId, { siyuId }] of tagMap) {
    if (seenTags.has(wecomId)) continue;
    const [row] = await tx.query<{ name: string }>(`SELECT name FROM tags WHERE workspace_id = $1 AND tag_id = $2`, [ws, siyuId]);
    if (row) {
      const r = await deleteTag(tx, ws, siyuId, WECOM_ACTOR);
      report.deleted.push(r.tag);
    }
    await tx.query(`DELETE FROM wecom_tag_map WHERE workspace_id = $1 AND kind = 'tag' AND wecom_id = $2`, [ws, wecomId]);
  }
  for (const [wecomId, { siyuId }] of groupMap) {
    if (seenGroups.has(wecomId)) continue;
    const [left] = await tx.query<{ n: number; name: string }>(
      `SELECT g.name, (SELECT count(*)::int FROM tags t WHERE t.workspace_id = g.workspace_id AND t.group_id = g.group_id) AS n
       FROM tag_groups g WHERE g.workspace_id = $1 AND g.group_id = $2`, [ws, siyuId]);
    if (left && left.n === 0) {
      await deleteGroup(tx, ws, siyuId, WECOM_ACTOR);
      report.deleted.push(left.name);
    }
    await tx.query(`DELETE FROM wecom_tag_map WHERE workspace_id = $1 AND kind = 'group' AND wecom_id = $2`, [ws, wecomId]);
  }
}

const WECOM_NAME_MAX = 30;

/**
 * Create in WeCom the Siyu groups and tags it does not have yet (system groups stay in
 * Siyu), map them, and queue the customers already holding them for mark_tag.
 */
export async function exportTaxonomy(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable,
  ws: string,
  client: WecomClient,
  report: TaxonomyReport,
): Promise<void> {
  const rows = await db.query<{ group_id: number; grp: string; tag_id: number; tag: string; wecom_group: string | null }>(
    `SELECT g.group_id, g.name AS grp, t.tag_id, t.name AS tag, gm.wecom_id AS wecom_group
     FROM tags t JOIN tag_groups g ON g.workspace_id = t.workspace_id AND g.group_id = t.group_id
     LEFT JOIN wecom_tag_map gm ON gm.workspace_id = g.workspace_id AND gm.kind = 'group' AND gm.siyu_id = g.group_id
     WHERE t.workspace_id = $1 AND NOT g.system
       AND NOT EXISTS (SELECT 1 FROM wecom_tag_map m WHERE m.workspace_id = t.workspace_id AND m.kind = 'tag' AND m.siyu_id = t.tag_id)
     ORDER BY g.group_id, t.tag_id`,
    [ws],
  );
  const byGroup = new Map<number, typeof rows>();
  for (const r of rows) byGroup.set(Number(r.group_id), [...(byGroup.get(Number(r.group_id)) ?? []), r]);
  for (const [groupId, tags] of byGroup) {
    const groupName = tags[0]!.grp;
    if (groupName.length > WECOM_NAME_MAX) {
      report.skipped.push(`group "${groupName}": longer than WeCom's ${WECOM_NAME_MAX} characters`);
      continue;
    }
    const fits = tags.filter((t) => t.tag.length <= WECOM_NAME_MAX);
    for (const t of tags) if (t.tag.length > WECOM_NAME_MAX) report.skipped.push(`tag "${groupName}/${t.tag}": longer than ${WECOM_NAME_MAX} characters`);
    if (fits.length === 0) continue;
    let created: CorpTagGroup;
    try {
      created = await client.addCorpTag(
        tags[0]!.wecom_group ? { group_id: tags[0]!.wecom_group, tag: fits.map((t) => ({ name: t.tag })) } : { group_name: groupName, tag: fits.map((t) => ({ name: t.tag })) },
      );
    } catch (err) {
      // A name WeCom has but Siyu has not mapped yet: the next pull adopts it.
      if (err instanceof WecomApiError && err.kind === 'invalid') {
        report.skipped.push(`group "${groupName}": ${err.message}`);
        continue;
      }
      throw err;
    }
    await db.transaction(async (tx) => {
      await map(tx, ws, 'group', created.group_id, groupId, groupName);
      for (const wt of created.tag) {
        const t = fits.find((x) => x.tag === wt.name);
        if (!t) continue;
        await map(tx, ws, 'tag', wt.id, Number(t.tag_id), t.tag);
        report.pushed.push(`${groupName}/${t.tag}`);
        // Customers who already hold the tag get it in WeCom too.
        await tx.query(
          `INSERT INTO wecom_tag_outbox (workspace_id, customer_id, tag_id, op)
           SELECT ct.workspace_id, ct.customer_id, ct.tag_id, 'add' FROM customer_tags ct
           WHERE ct.workspace_id = $1 AND ct.tag_id = $2
             AND EXISTS (SELECT 1 FROM customer_identities i WHERE i.workspace_id = ct.workspace_id AND i.customer_id = ct.customer_id AND i.kind = 'external_user_id')`,
          [ws, t.tag_id],
        );
      }
    });
  }
}

/**
 * Siyu's own edits of mapped groups and tags since the last sync — renames and deletions —
 * carried to WeCom (edit_corp_tag / del_corp_tag), so the pull that follows does not undo them.
 */
export async function pushTaxonomyEdits(db: Queryable, ws: string, client: WecomClient, report: TaxonomyReport): Promise<void> {
  for (const kind of ['group', 'tag'] as const) {
    const rows = await db.query<{ wecom_id: string; synced: string; current: string | null }>(
      kind === 'tag'
        ? `SELECT m.wecom_id, m.name AS synced, t.name AS current FROM wecom_tag_map m
           LEFT JOIN tags t ON t.workspace_id = m.workspace_id AND t.tag_id = m.siyu_id WHERE m.workspace_id = $1 AND m.kind = 'tag'`
        : `SELECT m.wecom_id, m.name AS synced, g.name AS current FROM wecom_tag_map m
           LEFT JOIN tag_groups g ON g.workspace_id = m.workspace_id AND g.group_id = m.siyu_id WHERE m.workspace_id = $1 AND m.kind = 'group'`,
      [ws],
    );
    const gone = rows.filter((r) => r.current === null).map((r) => r.wecom_id);
    if (gone.length > 0) {
      try {
        await client.delCorpTag(kind === 'tag' ? { tag_id: gone } : { group_id: gone });
      } catch (err) {
        if (!(err instanceof WecomApiError && err.errcode === 40068)) throw err; // already gone in WeCom
      }
      await db.query(`DELETE FROM wecom_tag_map WHERE workspace_id = $1 AND kind = $2 AND wecom_id = ANY($3::text[])`, [ws, kind, gone]);
      report.deleted.push(...rows.filter((r) => r.current === null).map((r) => `WeCom ${kind} "${r.synced}"`));
    }
    for (const r of rows) {
      if (r.current === null || r.current === r.synced || r.synced === '') continue;
      if (r.current.length > WECOM_NAME_MAX) {
        report.skipped.push(`rename of ${kind} "${r.synced}" to "${r.current}": longer than ${WECOM_NAME_MAX} characters`);
        continue;
      }
      try {
        await client.editCorpTag({ id: r.wecom_id, name: r.current });
        await db.query(`UPDATE wecom_tag_map SET name = $4 WHERE workspace_id = $1 AND kind = $2 AND wecom_id = $3`, [ws, kind, r.wecom_id, r.current]);
        report.renamed.push(`WeCom ${kind} ${r.synced} → ${r.current}`);
      } catch (err) {
        if (!(err instanceof WecomApiError && err.kind === 'invalid')) throw err;
        report.skipped.push(`rename of ${kind} "${r.synced}" to "${r.current}": ${err.message}`);
      }
    }
  }
}
