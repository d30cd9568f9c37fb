/**
 * Aliases and merges keep one name per meaning ("客户已下单" → "客户首单"): an alias
 * resolves to its tag wherever a path is accepted, and merging a tag into another moves
 * its customers and leaves its name behind as an alias.
 */
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { checkName, tagPath } from './names.ts';
import { isLive, type HeldTag, type PlannedAudit, type TaggingPlan } from './plan.ts';
import { atomically, findTag, type TagInfo } from './refs.ts';
import { executePlan, loadHeld, lockCustomers, writeAudit } from './rows.ts';
import { assertNameFree } from './taxonomy.ts';

function refuseSystemTag(tag: TagInfo, doing: string): void {
  if (tag.system) throw new SiyuError('forbidden', `cannot ${doing} "${tag.path}": the segmentation models own the tags of group "${tag.group}"`);
}

export async function addAlias(
  db: Queryable,
  workspaceId: string,
  tagRef: string | number,
  rawAlias: string,
  by: Actor,
): Promise<{ tag: string; tagId: number; alias: string }> {
  const checked = checkName('alias', rawAlias);
  if (!checked.ok) throw new SiyuError('validation_failed', checked.reason);
  const alias = checked.name;
  return atomically(db, async (tx) => {
    const tag = await findTag(tx, workspaceId, tagRef);
    if (tag.name === alias) throw new SiyuError('bad_request', `"${alias}" is the name of "${tag.path}" itself, not another name for it`);
    await assertNameFree(tx, workspaceId, { groupId: tag.groupId, name: tag.group }, alias, tag.tagId);
    const added = await tx.query(
      `INSERT INTO tag_aliases (workspace_id, group_id, alias, tag_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING alias`,
      [workspaceId, tag.groupId, alias, tag.tagId],
    );
    if (added.length > 0) {
      await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.alias.added', details: { tag: tag.path, tagId: tag.tagId, alias } }]);
    }
    return { tag: tag.path, tagId: tag.tagId, alias: tagPath(tag.group, alias) };
  });
}

export async function removeAlias(db: Queryable, workspaceId: string, tagRef: string | number, alias: string, by: Actor): Promise<{ tag: string; alias: string }> {
  return atomically(db, async (tx) => {
    const tag = await findTag(tx, workspaceId, tagRef);
    const gone = await tx.query(
      `DELETE FROM tag_aliases WHERE workspace_id = $1 AND group_id = $2 AND alias = $3 AND tag_id = $4 RETURNING alias`,
      [workspaceId, tag.groupId, alias.trim(), tag.tagId],
    );
    if (gone.length === 0) throw new SiyuError('not_found', `"${alias.trim()}" is not an alias of "${tag.path}"`);
    await writeAudit(tx, workspaceId, by, [{ customerId: null, action: 'taxonomy.alias.removed', details: { tag: tag.path, tagId: tag.tagId, alias: alias.trim() } }]);
    return { tag: tag.path, alias: tagPath(tag.group, alias.trim()) };
  });
}

export interface MergeResult {
  from: string;
  into: string;
  /** Customers who held `from` and now hold `into`, with their original provenance. */
  moved: number;
  /** Customers who held both: they keep their own `into`. */
  alreadyHeld: number;
  /** Customers who kept another tag of into's single-choice group (and lost `from`). */
  skipped: { customerId: number; holds: string }[];
  /** "group/alias" now leading to `into`, or null with the reason in aliasNote. */
  alias: string | null;
  aliasNote?: string;
  aliasesMoved: number;
}

export async function mergeTags(
  db: Queryable,
  workspaceId: string,
  fromRef: string | number,
  intoRef: string | number,
  by: Actor,
  opts: { now?: Date } = {},
): Promise<MergeResult> {
  const now = opts.now ?? new Date();
  return atomically(db, async (tx) => {
    const from = await findTag(tx, workspaceId, fromRef);
    const into = await findTag(tx, workspaceId, intoRef);
    if (from.tagId === into.tagId) throw new SiyuError('bad_request', `"${String(fromRef)}" and "${String(intoRef)}" are the same tag (${into.path})`);
    refuseSystemTag(from, 'merge away');
    refuseSystemTag(into, 'merge into');

    const customers = await tx.query<{ customer_id: number }>(
      `SELECT customer_id FROM customer_tags WHERE workspace_id = $1 AND tag_id = $2`, [workspaceId, from.tagId]);
    const ids = customers.map((c) => c.customer_id);
    await lockCustomers(tx, workspaceId, ids);
    const held = await loadHeld(tx, workspaceId, [
      ...ids.map((customerId) => ({ customerId, groupId: from.groupId })),
      ...ids.map((customerId) => ({ customerId, groupId: into.groupId })),
    ]);
    const plan = planMerge(from, into, held, now);
    await executePlan(tx, workspaceId, by, plan.tagging);

    // Aliases of `from` now name `into`, unless the name is taken in into's group.
    const movedAliases = await tx.query(
      `UPDATE tag_aliases a SET group_id = $3, tag_id = $4
       WHERE a.workspace_id = $1 AND a.tag_id = $2
         AND NOT EXISTS (SELECT 1 FROM tag_aliases b WHERE b.workspace_id = $1 AND b.group_id = $3 AND b.alias = a.alias
                         AND NOT (b.group_id = a.group_id AND b.alias = a.alias))
         AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.workspace_id = $1 AND t.group_id = $3 AND t.name = a.alias)
       RETURNING alias`,
      [workspaceId, from.tagId, into.groupId, into.tagId],
    );
    await tx.query(`DELETE FROM tags WHERE workspace_id = $1 AND tag_id = $2`, [workspaceId, from.tagId]);

    let alias: string | null = null;
    let aliasNote: string | undefined;
    const [clash] = await tx.query<{ tag: string }>(
      `SELECT name AS tag FROM tags WHERE workspace_id = $1 AND group_id = $2 AND name = $3
       UNION ALL
       SELECT t.name FROM tag_aliases a JOIN tags t ON t.workspace_id = a.workspace_id AND t.tag_id = a.tag_id
       WHERE a.workspace_id = $1 AND a.group_id = $2 AND a.alias = $3 AND a.tag_id <> $4`,
      [workspaceId, into.groupId, from.name, into.tagId],
    );
    if (clash) {
      aliasNote = `"${tagPath(into.group, from.name)}" already names "${tagPath(into.group, clash.tag)}", so no alias was recorded`;
    } else {
      await tx.query(
        `INSERT INTO tag_aliases (workspace_id, group_id, alias, tag_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [workspaceId, into.groupId, from.name, into.tagId],
      );
      alias = tagPath(into.group, from.name);
    }
    const result: MergeResult = {
      from: from.path, into: into.path, moved: plan.moved, alreadyHeld: plan.alreadyHeld, skipped: plan.skipped,
      alias, ...(aliasNote ? { aliasNote } : {}), aliasesMoved: movedAliases.length,
    };
    await writeAudit(tx, workspaceId, by, [{
      customerId: null, action: 'taxonomy.tag.merged',
      details: { ...result, fromTagId: from.tagId, intoTagId: into.tagId, skipped: plan.skipped.length },
    }]);
    return result;
  });
}

/** What a merge does to each customer holding `from`; `held` covers from's and into's groups. */
function planMerge(from: TagInfo, into: TagInfo, held: readonly HeldTag[], now: Date) {
  const byCustomer = new Map<number, HeldTag[]>();
  for (const h of held) byCustomer.set(h.customerId, [...(byCustomer.get(h.customerId) ?? []), h]);
  const tagging: TaggingPlan = { deletes: [], upserts: [], audits: [], outcomes: [] };
  const audits: PlannedAudit[] = tagging.audits;
  const skipped: { customerId: number; holds: string }[] = [];
  let moved = 0;
  let alreadyHeld = 0;
  for (const [customerId, rows] of byCustomer) {
    const mine = rows.find((r) => r.tagId === from.tagId);
    if (!mine) continue;
    tagging.deletes.push({ customerId, tagId: from.tagId });
    if (!isLive(mine, now)) {
      audits.push({ customerId, action: 'tag.expired', details: { tag: from.path, tagId: from.tagId, expiresAt: mine.expiresAt?.toISOString() ?? null } });
      continue;
    }
    const inIntoGroup = rows.filter((r) => r.groupId === into.groupId && r.tagId !== from.tagId);
    const theirs = inIntoGroup.find((r) => r.tagId === into.tagId);
    if (theirs && isLive(theirs, now)) {
      alreadyHeld++;
      audits.push({ customerId, action: 'tag.merged', details: { tag: into.path, tagId: into.tagId, from: from.path, keptExisting: true } });
      continue;
    }
    const other = into.exclusive ? inIntoGroup.find((r) => r.tagId !== into.tagId && isLive(r, now)) : undefined;
    if (other) {
      skipped.push({ customerId, holds: other.path });
      audits.push({
        customerId, action: 'tag.removed',
        details: { tag: from.path, tagId: from.tagId, reason: `merged into "${into.path}"; the customer keeps "${other.path}" of single-choice group "${into.group}"` },
      });
      continue;
    }
    if (into.exclusive) {
      for (const r of inIntoGroup.filter((r) => r.tagId !== into.tagId)) {
        tagging.deletes.push({ customerId, tagId: r.tagId });
        audits.push({ customerId, action: 'tag.expired', details: { tag: r.path, tagId: r.tagId, expiresAt: r.expiresAt?.toISOString() ?? null } });
      }
    }
    moved++;
    tagging.upserts.push({ ...mine, tagId: into.tagId, groupId: into.groupId, exclusive: into.exclusive, path: into.path });
    audits.push({
      customerId, action: 'tag.merged',
      details: { tag: into.path, tagId: into.tagId, from: from.path, source: mine.source, sourceId: mine.sourceId, reason: mine.reason },
    });
  }
  return { tagging, moved, alreadyHeld, skipped };
}
