/**
 * The churn list against the store: every removal (删人) of a range with how long the
 * customer had been a friend, their last touch, their owner and the recorded reason; the
 * reasons a workspace uses; recording a reason (staff: only for their own customers).
 */
import { audit, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import { localDate } from '../shared/time.ts';
import type { Db, Queryable } from '../store/db.ts';
import { requireWorkspace, workspaceLock } from '../workspaces/index.ts';
import { periodOf } from './acquisition.ts';
import { DEFAULT_CHURN_REASONS, parseChurnReasons, reasonShares, tenureDays } from './churn.ts';
import { addDays, dayEnd } from './history-store.ts';

export async function getChurnReasons(q: Queryable, workspaceId: string): Promise<string[]> {
  const [row] = await q.query<{ reasons: unknown }>(`SELECT settings->'churnReasons' AS reasons FROM workspaces WHERE workspace_id = $1`, [workspaceId]);
  return row?.reasons == null ? [...DEFAULT_CHURN_REASONS] : parseChurnReasons(row.reasons);
}

export async function setChurnReasons(db: Db, workspaceId: string, raw: unknown, actor: Actor): Promise<string[]> {
  const reasons = parseChurnReasons(raw);
  await requireWorkspace(db, workspaceId);
  return db.transaction(async (tx) => {
    await workspaceLock(tx, workspaceId);
    await tx.query(`UPDATE workspaces SET settings = jsonb_set(settings, '{churnReasons}', $2::jsonb) WHERE workspace_id = $1`, [workspaceId, JSON.stringify(reasons)]);
    await audit(tx, workspaceId, actor, 'churn.reasons_changed', null, { reasons });
    return reasons;
  });
}

export interface ChurnEntry {
  customerId: number;
  name: string | null;
  removedAt: string;
  by: string | null;
  staffId: string | null;
  addedAt: string | null;
  tenureDays: number | null;
  channel: string | null;
  owner: string | null;
  lastTouch: { type: string; at: string; staffId: string | null } | null;
  /** The last private message a staff member sent before the removal. */
  lastStaffMessageAt: string | null;
  reason: string | null;
  note: string | null;
  recordedBy: string | null;
}

export interface ChurnReport {
  from: string;
  to: string;
  removals: number;
  byCustomer: number;
  byStaff: number;
  medianTenureDays: number | null;
  reasons: { reason: string; removals: number; share: number; shareOfRecorded: number | null }[];
  options: string[];
  items: ChurnEntry[];
}

const iso = (v: unknown) => (v == null ? null : new Date(v as Date).toISOString());

/** Removals in a range (default the last 30 days), newest first, within the caller's scope. */
export async function churnReport(
  q: Queryable, workspaceId: string,
  f: { from?: string; to?: string; channel?: string; staff?: string; reason?: string; scope?: CustomerScope; limit?: number; now: number },
): Promise<ChurnReport> {
  const ws = await requireWorkspace(q, workspaceId);
  const { current } = periodOf(f.from, f.to, localDate(ws.timeZone, f.now));
  const cond = scopeCondition(f.scope ?? ALL_CUSTOMERS, 'c', 7);
  const rows = await q.query<Record<string, unknown>>(
    `WITH rm AS (
       SELECT e.customer_id AS record_id, COALESCE(c.merged_into, e.customer_id) AS customer_id, e.occurred_at AS removed_at,
              e.data->>'by' AS by, e.staff_id
       FROM events e JOIN customers c ON c.workspace_id = e.workspace_id AND c.customer_id = e.customer_id
       WHERE e.workspace_id = $1 AND e.type = 'contact.removed' AND e.occurred_at >= $2 AND e.occurred_at < $3)
     SELECT rm.customer_id, rm.removed_at, rm.by, rm.staff_id, COALESCE(c.name, a.name) AS name,
            COALESCE(c.channel, a.added_channel) AS channel, COALESCE(c.owner_staff, a.added_by_staff) AS owner,
            (SELECT max(x.occurred_at) FROM events x WHERE x.workspace_id = $1 AND x.customer_id = rm.record_id
               AND x.occurred_at < rm.removed_at AND (x.type || '') = 'contact.added') AS added_at,
            t.type AS touch_type, t.occurred_at AS touch_at, t.staff_id AS touch_staff,
            (SELECT max(x.occurred_at) FROM events x WHERE x.workspace_id = $1 AND x.customer_id = rm.record_id
               AND x.occurred_at < rm.removed_at AND x.type = 'message.sent') AS staff_message_at,
            r.reason, r.note, r.recorded_by
     FROM rm JOIN customers c ON c.workspace_id = $1 AND c.customer_id = rm.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = $1 AND a.customer_id = rm.customer_id
     LEFT JOIN LATERAL (SELECT x.type, x.occurred_at, x.staff_id FROM events x WHERE x.workspace_id = $1 AND x.customer_id = rm.record_id
                          AND x.occurred_at < rm.removed_at AND x.type <> 'contact.removed' ORDER BY x.occurred_at DESC LIMIT 1) t ON true
     LEFT JOIN churn_reasons r ON r.workspace_id = $1 AND r.customer_id = rm.customer_id AND r.removed_at = rm.removed_at
     WHERE ($4::text IS NULL OR COALESCE(c.channel, a.added_channel, '(none)') = $4)
       AND ($5::text IS NULL OR rm.staff_id = $5 OR COALESCE(c.owner_staff, a.added_by_staff) = $5)
       AND ($6::text IS NULL OR COALESCE(r.reason, '(not recorded)') = $6)
       AND ${cond.sql}
     ORDER BY rm.removed_at DESC, rm.customer_id`,
    [workspaceId, new Date(dayEnd(addDays(current.from, -1), ws.timeZone)), new Date(dayEnd(current.to, ws.timeZone)),
      f.channel ?? null, f.staff ?? null, f.reason ?? null, ...cond.params],
  );
  const options = await getChurnReasons(q, workspaceId);
  const items: ChurnEntry[] = rows.map((r) => {
    const removedAt = new Date(r.removed_at as Date).getTime();
    const addedAt = r.added_at == null ? null : new Date(r.added_at as Date).getTime();
    return {
      customerId: Number(r.customer_id), name: (r.name as string | null) ?? null, removedAt: iso(r.removed_at)!,
      by: (r.by as string | null) ?? null, staffId: (r.staff_id as string | null) ?? null,
      addedAt: iso(r.added_at), tenureDays: tenureDays(addedAt, removedAt),
      channel: (r.channel as string | null) ?? null, owner: (r.owner as string | null) ?? null,
      lastTouch: r.touch_type == null ? null : { type: r.touch_type as string, at: iso(r.touch_at)!, staffId: (r.touch_staff as string | null) ?? null },
      lastStaffMessageAt: iso(r.staff_message_at),
      reason: (r.reason as string | null) ?? null, note: (r.note as string | null) ?? null, recordedBy: (r.recorded_by as string | null) ?? null,
    };
  });
  const tenures = items.map((i) => i.tenureDays).filter((d): d is number => d !== null).sort((a, b) => a - b);
  const mid = tenures.length === 0 ? null : tenures.length % 2 ? tenures[(tenures.length - 1) / 2]! : (tenures[tenures.length / 2 - 1]! + tenures[tenures.length / 2]!) / 2;
  return {
    from: current.from, to: current.to, removals: items.length,
    byCustomer: items.filter((i) => i.by === 'customer').length, byStaff: items.filter((i) => i.by === 'staff').length,
    medianTenureDays: mid, reasons: reasonShares(items.map((i) => i.reason), options), options,
    items: items.slice(0, f.limit ?? 500),
  };
}

/**
 * Record why a customer left, against their latest removal (or the one at `removedAt`).
 * The scope is part of the statement: a customer outside it is answered as not existing.
 */
export async function recordChurnReason(
  db: Db, workspaceId: string, customerId: number,
  input: { reason: string; note?: string | undefined; removedAt?: string | undefined }, actor: Actor, scope: CustomerScope = ALL_CUSTOMERS,
): Promise<{ customerId: number; removedAt: string; reason: string; note: string | null }> {
  const options = await getChurnReasons(db, workspaceId);
  const reason = input.reason.trim();
  if (!options.includes(reason)) throw new SiyuError('validation_failed', `reason: "${reason}" is not one of ${options.join(', ')}`, { field: 'reason' });
  const note = input.note?.trim() || null;
  if (note !== null && note.length > 500) throw new SiyuError('validation_failed', 'note: at most 500 characters', { field: 'note' });
  const cond = scopeCondition(scope, 'c', 3);
  return db.transaction(async (tx) => {
    const visible = await tx.query<{ customer_id: number }>(
      `SELECT c.customer_id FROM customers c WHERE c.workspace_id = $1 AND c.customer_id = COALESCE(
         (SELECT m.merged_into FROM customers m WHERE m.workspace_id = $1 AND m.customer_id = $2), $2)
       AND c.merged_into IS NULL AND ${cond.sql}`,
      [workspaceId, customerId, ...cond.params],
    );
    if (visible.length === 0) throw new SiyuError('not_found', `customer ${customerId} does not exist in workspace "${workspaceId}"`);
    const id = Number(visible[0]!.customer_id);
    const [removal] = await tx.query<{ removed_at: Date }>(
      `SELECT e.occurred_at AS removed_at FROM events e JOIN customers c ON c.workspace_id = e.workspace_id AND c.customer_id = e.customer_id
       WHERE e.workspace_id = $1 AND (c.customer_id = $2 OR c.merged_into = $2) AND e.type = 'contact.removed'
         AND ($3::timestamptz IS NULL OR e.occurred_at = $3::timestamptz)
       ORDER BY e.occurred_at DESC LIMIT 1`,
      [workspaceId, id, input.removedAt ?? null],
    );
    if (!removal) {
      throw new SiyuError('validation_failed', input.removedAt ? `removedAt: customer ${customerId} has no removal at ${input.removedAt}` : `customer ${customerId} has not removed us (no contact.removed event)`, { field: input.removedAt ? 'removedAt' : 'customerId' });
    }
    // The scope again in the write itself, so a transfer between the check and here cannot widen it.
    const w = scopeCondition(scope, 'c', 7);
    const written = await tx.query(
      `INSERT INTO churn_reasons (workspace_id, customer_id, removed_at, reason, note, recorded_by)
       SELECT $1, c.customer_id, $3, $4, $5, $6 FROM customers c WHERE c.workspace_id = $1 AND c.customer_id = $2 AND ${w.sql}
       ON CONFLICT (workspace_id, customer_id, removed_at) DO UPDATE SET reason = excluded.reason, note = excluded.note,
         recorded_by = excluded.recorded_by, recorded_at = now()
       RETURNING customer_id`,
      [workspaceId, id, removal.removed_at, reason, note, actor.id ?? actor.kind, ...w.params],
    );
    if (written.length === 0) throw new SiyuError('not_found', `customer ${customerId} does not exist in workspace "${workspaceId}"`);
    await audit(tx, workspaceId, actor, 'churn.reason_recorded', id, { reason, note, removedAt: removal.removed_at.toISOString() });
    return { customerId: id, removedAt: removal.removed_at.toISOString(), reason, note };
  });
}
