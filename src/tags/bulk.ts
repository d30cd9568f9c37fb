/**
 * Tagging by "group/tag" paths in bulk, for imports: a fixed handful of statements per
 * call whatever the number of items, problems reported per item, nothing added twice.
 */
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { IMPORT_CATEGORY } from '../workspaces/index.ts';
import { parseTagPath, tagPath } from './names.ts';
import { planTagging, type PlannedTag } from './plan.ts';
import { matchPaths, type PathMatch } from './refs.ts';
import { currentCustomerIds, executePlan, loadHeld, lockCustomers, writeAudit, type AuditRow } from './rows.ts';
import type { TagSource } from './tagging.ts';

export interface BulkProvenance {
  source: TagSource;
  sourceId?: string;
  reason?: string;
  expiresAt?: Date;
  actor: Actor;
}

const key = (group: string, tag: string) => `${group}\u0000${tag}`;

/**
 * Tag customers by path. With createMissing an unknown group is created, multi-choice,
 * under the category 导入标签, and an unknown tag in its group. Paths into the system
 * groups are refused: the segmentation models set those.
 */
export async function addTagsByPath(
  tx: Queryable,
  workspaceId: string,
  items: readonly { customerId: number; path: string }[],
  provenance: BulkProvenance,
  opts: { createMissing: boolean },
): Promise<{ index: number; reason: string }[]> {
  const now = new Date();
  if (provenance.expiresAt && provenance.expiresAt.getTime() <= now.getTime()) {
    throw new SiyuError('validation_failed', `the expiry ${provenance.expiresAt.toISOString()} is not in the future`);
  }
  const problems: { index: number; reason: string }[] = [];
  const parsed: { index: number; customerId: number; group: string; tag: string }[] = [];
  items.forEach((item, index) => {
    if (!Number.isSafeInteger(item.customerId) || item.customerId <= 0) {
      problems.push({ index, reason: `customer id ${String(item.customerId)} is not a positive integer` });
      return;
    }
    const p = parseTagPath(item.path);
    if (!p.ok || p.ref.kind !== 'path') problems.push({ index, reason: p.ok ? `"${item.path}" is not a tag path` : p.reason });
    else parsed.push({ index, customerId: item.customerId, group: p.ref.group, tag: p.ref.tag });
  });
  if (parsed.length === 0) return problems;

  const pairs = [...new Map(parsed.map((p) => [key(p.group, p.tag), { group: p.group, tag: p.tag }])).values()];
  let matches = await matchPaths(tx, workspaceId, pairs);
  if (opts.createMissing && matches.some((m) => m.groupId === null || (m.tagId === null && !m.system))) {
    await createMissing(tx, workspaceId, matches, provenance.actor);
    matches = await matchPaths(tx, workspaceId, pairs);
  }
  const byPath = new Map(matches.map((m) => [key(m.group, m.tag), m]));

  const customers = await currentCustomerIds(tx, workspaceId, parsed.map((p) => p.customerId));
  const assignments: { index: number; customerId: number; tag: PlannedTag }[] = [];
  for (const p of parsed) {
    const m = byPath.get(key(p.group, p.tag))!;
    const path = tagPath(p.group, p.tag);
    const customerId = customers.get(p.customerId);
    if (m.groupId === null) problems.push({ index: p.index, reason: `tag group "${p.group}" does not exist (in "${path}")` });
    else if (m.system) problems.push({ index: p.index, reason: `"${path}" is in group "${p.group}", which the segmentation models set; it cannot be imported` });
    else if (m.tagId === null) problems.push({ index: p.index, reason: `tag "${path}" does not exist` });
    else if (customerId === undefined) problems.push({ index: p.index, reason: `customer ${p.customerId} does not exist` });
    else assignments.push({ index: p.index, customerId, tag: { tagId: m.tagId, groupId: m.groupId, exclusive: m.exclusive!, path: tagPath(p.group, m.tagName!) } });
  }
  if (assignments.length > 0) {
    await lockCustomers(tx, workspaceId, assignments.map((a) => a.customerId));
    const held = await loadHeld(tx, workspaceId, assignments.map((a) => ({ customerId: a.customerId, groupId: a.tag.groupId })));
    const plan = planTagging(assignments, held, provenance, now);
    await executePlan(tx, workspaceId, provenance.actor, plan);
    for (const o of plan.outcomes) if (o.status === 'conflict') problems.push({ index: o.index, reason: o.reason });
  }
  return problems.sort((a, b) => a.index - b.index);
}

async function createMissing(tx: Queryable, workspaceId: string, matches: readonly PathMatch[], actor: Actor): Promise<void> {
  const audits: AuditRow[] = [];
  const newGroups = [...new Set(matches.filter((m) => m.groupId === null).map((m) => m.group))];
  if (newGroups.length > 0) {
    await tx.query(
      `INSERT INTO tag_categories (workspace_id, name) VALUES ($1, $2) ON CONFLICT (workspace_id, name) DO NOTHING`,
      [workspaceId, IMPORT_CATEGORY],
    );
    const created = await tx.query<{ name: string }>(
      `INSERT INTO tag_groups (workspace_id, category_id, name, exclusive)
       SELECT $1, c.category_id, g.name, false FROM tag_categories c, unnest($3::text[]) WITH ORDINALITY AS g(name, ord)
       WHERE c.workspace_id = $1 AND c.name = $2 ORDER BY g.ord
       ON CONFLICT (workspace_id, name) DO NOTHING RETURNING name`,
      [workspaceId, IMPORT_CATEGORY, newGroups],
    );
    for (const g of created) audits.push({ customerId: null, action: 'taxonomy.group.created', details: { group: g.name, category: IMPORT_CATEGORY, exclusive: false } });
  }
  const wanted = matches.filter((m) => m.tagId === null && !m.system);
  if (wanted.length > 0) {
    // Groups are matched by name again: some were created a moment ago. System groups take no new tags.
    // Tags are created in the order the file first names them, which is the order the tree lists them.
    const created = await tx.query<{ tag_id: number; grp: string; name: string }>(
      `WITH p AS (SELECT * FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(grp, tag, ord)),
       ins AS (
         INSERT INTO tags (workspace_id, group_id, name)
         SELECT $1, g.group_id, p.tag FROM p JOIN tag_groups g ON g.workspace_id = $1 AND g.name = p.grp AND NOT g.system
         ORDER BY p.ord
         ON CONFLICT (workspace_id, group_id, name) DO NOTHING RETURNING tag_id, group_id, name
       )
       SELECT ins.tag_id, g.name AS grp, ins.name FROM ins JOIN tag_groups g ON g.workspace_id = $1 AND g.group_id = ins.group_id`,
      [workspaceId, wanted.map((m) => m.group), wanted.map((m) => m.tag)],
    );
    for (const t of created) audits.push({ customerId: null, action: 'taxonomy.tag.created', details: { tag: tagPath(t.grp, t.name), tagId: t.tag_id } });
  }
  await writeAudit(tx, workspaceId, actor, audits);
}
