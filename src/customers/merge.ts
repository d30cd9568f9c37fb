/**
 * Merging two customer records that prove to be one person, and undoing a wrong merge.
 * Everything that moves is recorded on the merge, so a split gives each record back
 * what was its own. Derived state (aggregates, conversations, followers) is rebuilt.
 */
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import type { Identity } from './identity.ts';
import { rebuildCustomers } from './apply.ts';

export type ActorKind = 'staff' | 'rule' | 'import' | 'api' | 'system';
export interface Actor {
  kind: ActorKind;
  id?: string | undefined;
}

const PROFILE_FIELDS = ['name', 'gender', 'owner_staff', 'channel', 'added_at'] as const;
type Profile = Record<(typeof PROFILE_FIELDS)[number], unknown>;

interface CustomerTagRow {
  tag_id: number;
  group_id: number;
  exclusive: boolean;
  source: string;
  source_id: string | null;
  reason: string | null;
  tagged_at: string;
  expires_at: string | null;
}

interface Moved {
  identities: Identity[];
  eventIds: string[];
  orderIds: string[];
  mergedTags: CustomerTagRow[];
  transferredTagIds: number[];
  survivorProfile: Profile;
  mergedProfile: Profile;
}

export async function audit(
  tx: Queryable,
  workspaceId: string,
  actor: Actor,
  action: string,
  customerId: number | null,
  details: unknown,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (workspace_id, actor_kind, actor_id, action, customer_id, details) VALUES ($1, $2, $3, $4, $5, $6)`,
    [workspaceId, actor.kind, actor.id ?? null, action, customerId, JSON.stringify(details ?? {})],
  );
}

async function profileOf(tx: Queryable, workspaceId: string, customerId: number): Promise<Profile & { merged_into: number | null }> {
  const [row] = await tx.query<Profile & { merged_into: number | null }>(
    `SELECT ${PROFILE_FIELDS.join(', ')}, merged_into FROM customers WHERE workspace_id = $1 AND customer_id = $2`,
    [workspaceId, customerId],
  );
  if (!row) throw new SiyuError('not_found', `customer ${customerId} does not exist`);
  return row;
}

export async function mergeCustomers(
  tx: Queryable,
  workspaceId: string,
  survivor: number,
  merged: number,
  reason: { because: Identity[]; note?: string },
  actor: Actor,
): Promise<number> {
  if (survivor === merged) throw new SiyuError('bad_request', 'cannot merge a customer into itself');
  const survivorProfile = await profileOf(tx, workspaceId, survivor);
  const mergedProfile = await profileOf(tx, workspaceId, merged);
  if (survivorProfile.merged_into !== null || mergedProfile.merged_into !== null) {
    throw new SiyuError('conflict', `customer ${survivorProfile.merged_into !== null ? survivor : merged} was already merged into another record`);
  }
  const p = [workspaceId, survivor, merged];
  const identities = await tx.query<Identity>(
    `UPDATE customer_identities SET customer_id = $2 WHERE workspace_id = $1 AND customer_id = $3 RETURNING kind, value`, p);
  const events = await tx.query<{ event_id: string }>(
    `UPDATE events SET customer_id = $2 WHERE workspace_id = $1 AND customer_id = $3 RETURNING event_id`, p);
  const orders = await tx.query<{ order_id: string }>(
    `UPDATE orders SET customer_id = $2 WHERE workspace_id = $1 AND customer_id = $3 RETURNING order_id`, p);
  const mergedTags = await tx.query<CustomerTagRow>(
    `DELETE FROM customer_tags WHERE workspace_id = $1 AND customer_id = $2
     RETURNING tag_id, group_id, exclusive, source, source_id, reason, tagged_at, expires_at`, [workspaceId, merged]);
  // The survivor keeps its own tag where both have one in a single-choice group.
  const transferred = mergedTags.length === 0 ? [] : await tx.query<{ tag_id: number }>(
    `INSERT INTO customer_tags (workspace_id, customer_id, tag_id, group_id, exclusive, source, source_id, reason, tagged_at, expires_at)
     SELECT $1, $2, r.* FROM jsonb_to_recordset($3::jsonb) AS r(tag_id bigint, group_id bigint, exclusive boolean, source text,
       source_id text, reason text, tagged_at timestamptz, expires_at timestamptz)
     ON CONFLICT DO NOTHING RETURNING tag_id`,
    [workspaceId, survivor, JSON.stringify(mergedTags)],
  );
  await tx.query(
    `UPDATE customers s SET ${PROFILE_FIELDS.map((f) => `${f} = COALESCE(s.${f}, m.${f})`).join(', ')}, updated_at = now()
     FROM customers m WHERE s.workspace_id = $1 AND s.customer_id = $2 AND m.workspace_id = $1 AND m.customer_id = $3`, p);
  await tx.query(`UPDATE customers SET merged_into = $2, updated_at = now() WHERE workspace_id = $1 AND customer_id = $3`, p);
  for (const table of ['customer_aggregates', 'conversations', 'customer_followers']) {
    await tx.query(`DELETE FROM ${table} WHERE workspace_id = $1 AND customer_id = $2`, [workspaceId, merged]);
  }
  await rebuildCustomers(tx, workspaceId, [survivor]);
  const moved: Moved = {
    identities,
    eventIds: events.map((e) => e.event_id),
    orderIds: orders.map((o) => o.order_id),
    mergedTags,
    transferredTagIds: transferred.map((t) => t.tag_id),
    survivorProfile: pick(survivorProfile),
    mergedProfile: pick(mergedProfile),
  };
  const [row] = await tx.query<{ merge_id: number }>(
    `INSERT INTO customer_merges (workspace_id, survivor_id, merged_id, reason, moved) VALUES ($1, $2, $3, $4, $5) RETURNING merge_id`,
    [workspaceId, survivor, merged, JSON.stringify(reason), JSON.stringify(moved)],
  );
  await audit(tx, workspaceId, actor, 'customer.merged', survivor, {
    mergeId: row!.merge_id, merged, because: reason.because, note: reason.note,
    moved: { identities: identities.length, events: events.length, orders: orders.length, tags: mergedTags.length },
  });
  return row!.merge_id;
}

const pick = (p: Profile): Profile =>
  Object.fromEntries(PROFILE_FIELDS.map((f) => [f, p[f] instanceof Date ? (p[f] as Date).toISOString() : p[f]])) as Profile;

export interface MergeRecord {
  mergeId: number;
  survivorId: number;
  mergedId: number;
  because: Identity[];
  mergedAt: string;
  undoneAt: string | null;
  moved: { identities: number; events: number; orders: number; tags: number };
}

export async function listMerges(db: Queryable, workspaceId: string, customerId?: number): Promise<MergeRecord[]> {
  const rows = await db.query<{ merge_id: number; survivor_id: number; merged_id: number; reason: { because: Identity[] }; moved: Moved; merged_at: Date; undone_at: Date | null }>(
    `SELECT * FROM customer_merges WHERE workspace_id = $1 AND ($2::bigint IS NULL OR survivor_id = $2 OR merged_id = $2)
     ORDER BY merge_id`,
    [workspaceId, customerId ?? null],
  );
  return rows.map((r) => ({
    mergeId: r.merge_id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    because: r.reason.because,
    mergedAt: r.merged_at.toISOString(),
    undoneAt: r.undone_at?.toISOString() ?? null,
    moved: { identities: r.moved.identities.length, events: r.moved.eventIds.length, orders: r.moved.orderIds.length, tags: r.moved.mergedTags.length },
  }));
}

/** Undo a merge: each record gets back what was its own, and the pair is never merged again. */
export async function splitMerge(tx: Queryable, workspaceId: string, mergeId: number, actor: Actor): Promise<{ survivorId: number; mergedId: number }> {
  const [m] = await tx.query<{ survivor_id: number; merged_id: number; moved: Moved; undone_at: Date | null }>(
    `SELECT survivor_id, merged_id, moved, undone_at FROM customer_merges WHERE workspace_id = $1 AND merge_id = $2 FOR UPDATE`,
    [workspaceId, mergeId],
  );
  if (!m) throw new SiyuError('not_found', `merge ${mergeId} does not exist`);
  if (m.undone_at) throw new SiyuError('conflict', `merge ${mergeId} was already undone on ${m.undone_at.toISOString()}`);
  const survivor = await profileOf(tx, workspaceId, m.survivor_id);
  if (survivor.merged_into !== null) {
    const [later] = await tx.query<{ merge_id: number }>(
      `SELECT merge_id FROM customer_merges WHERE workspace_id = $1 AND merged_id = $2 AND undone_at IS NULL`,
      [workspaceId, m.survivor_id],
    );
    throw new SiyuError('conflict', `customer ${m.survivor_id} was itself merged later (merge ${later?.merge_id}); undo that merge first`);
  }
  const { moved } = m;
  const p = [workspaceId, m.survivor_id, m.merged_id];
  await tx.query(
    `UPDATE customer_identities ci SET customer_id = $3
     FROM unnest($4::text[], $5::text[]) AS k(kind, value)
     WHERE ci.workspace_id = $1 AND ci.customer_id = $2 AND ci.kind = k.kind AND ci.value = k.value`,
    [...p, moved.identities.map((i) => i.kind), moved.identities.map((i) => i.value)],
  );
  await tx.query(`UPDATE events SET customer_id = $3 WHERE workspace_id = $1 AND customer_id = $2 AND event_id = ANY($4::text[])`, [...p, moved.eventIds]);
  await tx.query(`UPDATE orders SET customer_id = $3 WHERE workspace_id = $1 AND customer_id = $2 AND order_id = ANY($4::text[])`, [...p, moved.orderIds]);
  await tx.query(`DELETE FROM customer_tags WHERE workspace_id = $1 AND customer_id = $2 AND tag_id = ANY($3::bigint[])`, [workspaceId, m.survivor_id, moved.transferredTagIds]);
  if (moved.mergedTags.length > 0) {
    await tx.query(
      `INSERT INTO customer_tags (workspace_id, customer_id, tag_id, group_id, exclusive, source, source_id, reason, tagged_at, expires_at)
       SELECT $1, $2, r.* FROM jsonb_to_recordset($3::jsonb) AS r(tag_id bigint, group_id bigint, exclusive boolean, source text,
         source_id text, reason text, tagged_at timestamptz, expires_at timestamptz)
       WHERE EXISTS (SELECT 1 FROM tags t WHERE t.workspace_id = $1 AND t.tag_id = r.tag_id)
       ON CONFLICT DO NOTHING`,
      [workspaceId, m.merged_id, JSON.stringify(moved.mergedTags)],
    );
  }
  // Fields the survivor only had because of the merge go back to what they were.
  const restore = PROFILE_FIELDS.filter((f) => moved.survivorProfile[f] === null && moved.mergedProfile[f] !== null);
  if (restore.length > 0) {
    await tx.query(
      `UPDATE customers SET ${restore.map((f) => `${f} = NULL`).join(', ')}, updated_at = now() WHERE workspace_id = $1 AND customer_id = $2`,
      [workspaceId, m.survivor_id],
    );
  }
  await tx.query(`UPDATE customers SET merged_into = NULL, updated_at = now() WHERE workspace_id = $1 AND customer_id = $2`, [workspaceId, m.merged_id]);
  await tx.query(
    `INSERT INTO merge_blocks (workspace_id, customer_a, customer_b) VALUES ($1, LEAST($2::bigint, $3::bigint), GREATEST($2::bigint, $3::bigint))
     ON CONFLICT DO NOTHING`, p);
  await tx.query(`UPDATE customer_merges SET undone_at = now() WHERE workspace_id = $1 AND merge_id = $2`, [workspaceId, mergeId]);
  await rebuildCustomers(tx, workspaceId, [m.survivor_id, m.merged_id]);
  await audit(tx, workspaceId, actor, 'customer.split', m.survivor_id, { mergeId, restored: m.merged_id });
  return { survivorId: m.survivor_id, mergedId: m.merged_id };
}
