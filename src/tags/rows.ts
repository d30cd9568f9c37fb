/**
 * Set-based reads and writes of customer_tags and the audit trail: a batch of any size
 * costs a handful of statements, because rules and imports tag thousands at a time.
 */
import type { Actor, ActorKind } from '../customers/index.ts';
import type { Queryable } from '../store/db.ts';
import type { HeldTag, TaggingPlan } from './plan.ts';

export interface AuditRow {
  customerId: number | null;
  action: string;
  details: Record<string, unknown>;
}

export async function writeAudit(tx: Queryable, workspaceId: string, actor: Actor, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO audit_log (workspace_id, actor_kind, actor_id, action, customer_id, details)
     SELECT $1, $2, $3, r.action, r.customer_id, r.details
     FROM jsonb_to_recordset($4::jsonb) AS r(action text, customer_id bigint, details jsonb)`,
    [workspaceId, actor.kind, actor.id ?? null, JSON.stringify(rows.map((r) => ({ action: r.action, customer_id: r.customerId, details: r.details })))],
  );
}

/**
 * Where each requested customer id stands now: merged records lead to the survivor
 * (the set-based counterpart of currentCustomerId). Unknown ids are absent from the map.
 */
export async function currentCustomerIds(tx: Queryable, workspaceId: string, ids: readonly number[]): Promise<Map<number, number>> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return new Map();
  const rows = await tx.query<{ requested: number; customer_id: number }>(
    `WITH RECURSIVE chain (requested, customer_id, merged_into, hops) AS (
       SELECT c.customer_id, c.customer_id, c.merged_into, 0 FROM customers c
       WHERE c.workspace_id = $1 AND c.customer_id = ANY($2::bigint[])
       UNION ALL
       SELECT ch.requested, c.customer_id, c.merged_into, ch.hops + 1 FROM chain ch
       JOIN customers c ON c.workspace_id = $1 AND c.customer_id = ch.merged_into
       WHERE ch.hops < 32
     )
     SELECT requested, customer_id FROM chain WHERE merged_into IS NULL`,
    [workspaceId, distinct],
  );
  return new Map(rows.map((r) => [r.requested, r.customer_id]));
}

/**
 * Serialise tag changes per customer, in id order so two batches cannot deadlock: two
 * writers of one exclusive group must not both find it empty.
 */
export async function lockCustomers(tx: Queryable, workspaceId: string, customerIds: readonly number[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.query(
    `SELECT customer_id FROM customers WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[]) ORDER BY customer_id FOR UPDATE`,
    [workspaceId, [...new Set(customerIds)]],
  );
}

interface HeldRow {
  customer_id: number; tag_id: number; group_id: number; exclusive: boolean; path: string; source: ActorKind;
  source_id: string | null; reason: string | null; tagged_at: Date; expires_at: Date | null;
}

/** Every row (expired too) the customers hold in the groups, per (customer, group) pair. */
export async function loadHeld(
  tx: Queryable,
  workspaceId: string,
  slots: readonly { customerId: number; groupId: number }[],
): Promise<HeldTag[]> {
  const distinct = [...new Map(slots.map((s) => [`${s.customerId}:${s.groupId}`, s])).values()];
  if (distinct.length === 0) return [];
  const rows = await tx.query<HeldRow>(
    `SELECT ct.customer_id, ct.tag_id, ct.group_id, ct.exclusive, g.name || '/' || t.name AS path, ct.source, ct.source_id,
            ct.reason, ct.tagged_at, ct.expires_at
     FROM unnest($2::bigint[], $3::bigint[]) AS s(customer_id, group_id)
     JOIN customer_tags ct ON ct.workspace_id = $1 AND ct.customer_id = s.customer_id AND ct.group_id = s.group_id
     JOIN tags t ON t.workspace_id = ct.workspace_id AND t.tag_id = ct.tag_id
     JOIN tag_groups g ON g.workspace_id = ct.workspace_id AND g.group_id = ct.group_id
     ORDER BY ct.customer_id, ct.tag_id`,
    [workspaceId, distinct.map((s) => s.customerId), distinct.map((s) => s.groupId)],
  );
  return rows.map((r) => ({
    customerId: r.customer_id, tagId: r.tag_id, groupId: r.group_id, exclusive: r.exclusive, path: r.path, source: r.source,
    sourceId: r.source_id, reason: r.reason, taggedAt: r.tagged_at, expiresAt: r.expires_at,
  }));
}

export async function executePlan(tx: Queryable, workspaceId: string, actor: Actor, plan: TaggingPlan): Promise<void> {
  if (plan.deletes.length > 0) {
    await tx.query(
      `DELETE FROM customer_tags ct USING unnest($2::bigint[], $3::bigint[]) AS d(customer_id, tag_id)
       WHERE ct.workspace_id = $1 AND ct.customer_id = d.customer_id AND ct.tag_id = d.tag_id`,
      [workspaceId, plan.deletes.map((d) => d.customerId), plan.deletes.map((d) => d.tagId)],
    );
  }
  if (plan.upserts.length > 0) {
    await tx.query(
      `INSERT INTO customer_tags (workspace_id, customer_id, tag_id, group_id, exclusive, source, source_id, reason, tagged_at, expires_at)
       SELECT $1, r.customer_id, r.tag_id, r.group_id, r.exclusive, r.source, r.source_id, r.reason, r.tagged_at, r.expires_at
       FROM jsonb_to_recordset($2::jsonb) AS r(customer_id bigint, tag_id bigint, group_id bigint, exclusive boolean, source text,
         source_id text, reason text, tagged_at timestamptz, expires_at timestamptz)
       ON CONFLICT (workspace_id, customer_id, tag_id) DO UPDATE SET source = excluded.source, source_id = excluded.source_id,
         reason = excluded.reason, tagged_at = excluded.tagged_at, expires_at = excluded.expires_at`,
      [
        workspaceId,
        JSON.stringify(plan.upserts.map((u) => ({
          customer_id: u.customerId, tag_id: u.tagId, group_id: u.groupId, exclusive: u.exclusive, source: u.source,
          source_id: u.sourceId, reason: u.reason, tagged_at: u.taggedAt.toISOString(), expires_at: u.expiresAt?.toISOString() ?? null,
        }))),
      ],
    );
  }
  await writeAudit(tx, workspaceId, actor, plan.audits);
}

export type RowFilter =
  | { tagIds: readonly number[]; customerIds?: readonly number[] }
  /** Rows whose expiry is at or before `now`. */
  | { expired: true };

/**
 * Delete customer_tags rows and audit each in the same statement: rows still live are
 * "tag.removed", rows already past their expiry "tag.expired".
 */
export async function removeTagRows(
  tx: Queryable,
  workspaceId: string,
  filter: RowFilter,
  actor: Actor,
  now: Date,
  why: { reason?: string | undefined; source: ActorKind; sourceId?: string | undefined },
): Promise<{ customerId: number; tagId: number; live: boolean }[]> {
  const where = 'expired' in filter
    ? `ct.expires_at <= $5`
    : `ct.tag_id = ANY($8::bigint[])${filter.customerIds ? ' AND ct.customer_id = ANY($9::bigint[])' : ''}`;
  const extra = 'expired' in filter ? [] : [[...filter.tagIds], ...(filter.customerIds ? [[...filter.customerIds]] : [])];
  const rows = await tx.query<{ customer_id: number; tag_id: number; action: string }>(
    `WITH d AS (
       DELETE FROM customer_tags ct WHERE ct.workspace_id = $1 AND ${where}
       RETURNING ct.customer_id, ct.tag_id, ct.group_id, ct.source, ct.source_id, ct.reason, ct.tagged_at, ct.expires_at
     )
     INSERT INTO audit_log (workspace_id, actor_kind, actor_id, action, customer_id, details)
     SELECT $1, $2, $3, CASE WHEN d.expires_at <= $5 THEN 'tag.expired' ELSE 'tag.removed' END, d.customer_id,
       jsonb_strip_nulls(jsonb_build_object('tag', g.name || '/' || t.name, 'tagId', d.tag_id, 'reason', $4::text,
         'source', $6::text, 'sourceId', $7::text,
         'held', jsonb_build_object('source', d.source, 'sourceId', d.source_id, 'reason', d.reason,
           'taggedAt', d.tagged_at, 'expiresAt', d.expires_at)))
     FROM d
     JOIN tags t ON t.workspace_id = $1 AND t.tag_id = d.tag_id
     JOIN tag_groups g ON g.workspace_id = $1 AND g.group_id = d.group_id
     RETURNING customer_id, (details->>'tagId')::bigint AS tag_id, action`,
    [workspaceId, actor.kind, actor.id ?? null, why.reason ?? null, now, why.source, why.sourceId ?? null, ...extra],
  );
  return rows.map((r) => ({ customerId: r.customer_id, tagId: r.tag_id, live: r.action === 'tag.removed' }));
}
