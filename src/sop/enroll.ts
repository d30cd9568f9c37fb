/**
 * Customers entering and leaving SOP stages. Entering enrolls the customer in every enabled
 * SOP of the stage and schedules each step (a step due now becomes a task in the same
 * transaction); leaving cancels what is not yet due. Set-based: one batch of entries costs a
 * handful of statements, whatever its size. Exactly once is held by the store: one open stay
 * per customer and SOP, one delivery per (customer, SOP step, round).
 */
import { audit, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { reentryOf, type SopDefinition } from './definition.ts';
import { deliverRows, type DeliveryRow, type DeliveryOutcome } from './deliver.ts';
import { decideEntry, dueTime, type EnrollmentHistory } from './schedule.ts';
import { atomically, getSop, stopSop, type Sop } from './sops.ts';

export interface StageChange {
  customerId: number;
  stageTagId: number;
  at: Date;
}

interface Candidate {
  customerId: number;
  sopId: number;
  definition: SopDefinition;
  at: Date;
  cause: string;
}

export interface EnrollResult {
  /** New stays (first time, a new round, or back in the same round). */
  enrolled: number;
  /** Entries that changed nothing: already enrolled (a replay). */
  alreadyIn: number;
  /** Deliveries scheduled for later. */
  scheduled: number;
  /** Steps due at once, turned into tasks (or suppressed) in the same transaction. */
  delivered: DeliveryOutcome;
  /** Why nothing was done (startSop of a disabled SOP). */
  skipped?: string;
}

const EMPTY: DeliveryOutcome = { created: 0, duplicates: 0, suppressed: 0, deferred: 0 };

/** The automation worker calls this for every stage tag a customer received, by any path. */
export async function onStageEntered(tx: Queryable, ws: string, entries: readonly StageChange[], now: Date): Promise<EnrollResult> {
  if (entries.length === 0) return { enrolled: 0, alreadyIn: 0, scheduled: 0, delivered: EMPTY };
  // Only customers who hold the stage now: a replayed entry of a stay that already ended adds nothing.
  const rows = await tx.query<{ customer_id: number; sop_id: number; definition: SopDefinition; at: Date }>(
    `SELECT DISTINCT ON (x.customer_id, s.sop_id) x.customer_id, s.sop_id, s.definition, x.at
     FROM unnest($2::bigint[], $3::bigint[], $4::timestamptz[]) AS x(customer_id, tag_id, at)
     JOIN sops s ON s.workspace_id = $1 AND s.stage_tag_id = x.tag_id AND s.enabled AND s.deleted_at IS NULL
     JOIN customer_tags ct ON ct.workspace_id = $1 AND ct.customer_id = x.customer_id AND ct.tag_id = x.tag_id
       AND (ct.expires_at IS NULL OR ct.expires_at > $5::timestamptz)
     ORDER BY x.customer_id, s.sop_id, x.at DESC`,
    [ws, entries.map((e) => e.customerId), entries.map((e) => e.stageTagId), entries.map((e) => e.at.toISOString()), now.toISOString()],
  );
  return enroll(tx, ws, rows.map((r) => ({ customerId: r.customer_id, sopId: r.sop_id, definition: r.definition, at: r.at, cause: 'stage entered' })), now);
}

/** Leaving a stage cancels every step not yet turned into a task; tasks already made stay. */
export async function onStageLeft(tx: Queryable, ws: string, exits: readonly StageChange[], now: Date): Promise<{ left: number; cancelled: number }> {
  if (exits.length === 0) return { left: 0, cancelled: 0 };
  // A customer who holds the stage again (left and came back before this ran) has not left.
  const closed = await tx.query<{ customer_id: number; enrollment_id: number }>(
    `UPDATE sop_enrollments e SET left_at = x.at
     FROM unnest($2::bigint[], $3::bigint[], $4::timestamptz[]) AS x(customer_id, tag_id, at)
     JOIN sops s ON s.workspace_id = $1 AND s.stage_tag_id = x.tag_id
     WHERE e.workspace_id = $1 AND e.customer_id = x.customer_id AND e.sop_id = s.sop_id AND e.left_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.workspace_id = $1 AND ct.customer_id = x.customer_id
         AND ct.tag_id = x.tag_id AND (ct.expires_at IS NULL OR ct.expires_at > $5::timestamptz))
     RETURNING e.customer_id, e.enrollment_id`,
    [ws, exits.map((e) => e.customerId), exits.map((e) => e.stageTagId), exits.map((e) => e.at.toISOString()), now.toISOString()],
  );
  if (closed.length === 0) return { left: 0, cancelled: 0 };
  const cancelled = await tx.query(
    `UPDATE sop_deliveries d SET status = 'cancelled', reason = 'left the stage', done_at = $4
     FROM unnest($2::bigint[], $3::bigint[]) AS c(customer_id, enrollment_id)
     WHERE d.workspace_id = $1 AND d.customer_id = c.customer_id AND d.enrollment_id = c.enrollment_id AND d.status = 'scheduled'
     RETURNING 1`,
    [ws, closed.map((c) => c.customer_id), closed.map((c) => c.enrollment_id), now.toISOString()],
  );
  return { left: closed.length, cancelled: cancelled.length };
}

/** The automation action "start an SOP": enroll these customers now, whatever stage they are in. */
export async function startSop(
  tx: Queryable, ws: string, input: { sop: string | number; customerIds: readonly number[]; at: Date; cause: string; now?: Date },
): Promise<EnrollResult> {
  const sop = await getSop(tx, ws, input.sop);
  // A rule naming a switched-off SOP does nothing rather than failing the rule's transaction.
  if (!sop.enabled) return { enrolled: 0, alreadyIn: 0, scheduled: 0, delivered: EMPTY, skipped: `SOP "${sop.name}" is disabled` };
  const ids = [...new Set(input.customerIds)];
  const existing = await tx.query<{ customer_id: number }>(
    `SELECT customer_id FROM customers WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[]) AND merged_into IS NULL`,
    [ws, ids],
  );
  const found = new Set(existing.map((r) => r.customer_id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new SiyuError('not_found', `customers ${missing.slice(0, 10).join(', ')} do not exist in workspace "${ws}"`);
  return enroll(tx, ws, ids.map((customerId) => ({ customerId, sopId: sop.sopId, definition: sop.definition, at: input.at, cause: input.cause })), input.now ?? input.at);
}

/** Enroll every current holder of the SOP's stage, as if they entered now (enabling with --enroll-current). */
export async function enrollCurrentMembers(tx: Queryable, ws: string, sopId: number, now: Date): Promise<EnrollResult> {
  const sop = await getSop(tx, ws, sopId);
  const rows = await tx.query<{ customer_id: number }>(
    `SELECT ct.customer_id FROM customer_tags ct
     WHERE ct.workspace_id = $1 AND ct.tag_id = $2 AND (ct.expires_at IS NULL OR ct.expires_at > $3::timestamptz)`,
    [ws, sop.stage.tagId, now.toISOString()],
  );
  return enroll(tx, ws, rows.map((r) => ({ customerId: r.customer_id, sopId, definition: sop.definition, at: now, cause: 'enrolled when enabled' })), now);
}

async function enroll(tx: Queryable, ws: string, candidates: readonly Candidate[], now: Date): Promise<EnrollResult> {
  if (candidates.length === 0) return { enrolled: 0, alreadyIn: 0, scheduled: 0, delivered: EMPTY };
  const { timeZone } = await requireWorkspace(tx, ws);
  const history = await tx.query<{ customer_id: number; sop_id: number; round: number; round_started_at: Date; active: boolean }>(
    `SELECT DISTINCT ON (e.customer_id, e.sop_id) e.customer_id, e.sop_id, e.round, e.round_started_at, e.left_at IS NULL AS active
     FROM sop_enrollments e
     JOIN unnest($2::bigint[], $3::bigint[]) AS x(customer_id, sop_id) ON e.customer_id = x.customer_id AND e.sop_id = x.sop_id
     WHERE e.workspace_id = $1
     ORDER BY e.customer_id, e.sop_id, (e.left_at IS NULL) DESC, e.round DESC, e.enrollment_id DESC`,
    [ws, candidates.map((c) => c.customerId), candidates.map((c) => c.sopId)],
  );
  const past = new Map<string, EnrollmentHistory>(history.map((h) => [
    `${h.customer_id}:${h.sop_id}`, { active: h.active, round: h.round, roundStartedAt: h.round_started_at.getTime() },
  ]));
  const plans: { c: Candidate; round: number; roundStartedAt: Date }[] = [];
  let alreadyIn = 0;
  for (const c of candidates) {
    const h = past.get(`${c.customerId}:${c.sopId}`) ?? null;
    const d = decideEntry(h, reentryOf(c.definition), c.at.getTime());
    if (d.kind === 'already_in') alreadyIn++;
    else plans.push({ c, round: d.round, roundStartedAt: d.kind === 'resume' ? new Date(h!.roundStartedAt) : c.at });
  }
  if (plans.length === 0) return { enrolled: 0, alreadyIn, scheduled: 0, delivered: EMPTY };
  // Concurrent or replayed entries meet on the open-stay index: only one inserts.
  const inserted = await tx.query<{ customer_id: number; sop_id: number; enrollment_id: number; round: number; entered_at: Date }>(
    `INSERT INTO sop_enrollments (workspace_id, customer_id, sop_id, round, round_started_at, entered_at, cause)
     SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::int[], $5::timestamptz[], $6::timestamptz[], $7::text[])
     ON CONFLICT (workspace_id, customer_id, sop_id) WHERE left_at IS NULL DO NOTHING
     RETURNING customer_id, sop_id, enrollment_id, round, entered_at`,
    [ws, plans.map((p) => p.c.customerId), plans.map((p) => p.c.sopId), plans.map((p) => p.round),
      plans.map((p) => p.roundStartedAt.toISOString()), plans.map((p) => p.c.at.toISOString()), plans.map((p) => p.c.cause)],
  );
  alreadyIn += plans.length - inserted.length;
  const defs = new Map(candidates.map((c) => [c.sopId, c.definition]));
  const cols = { customer: [] as number[], sop: [] as number[], step: [] as string[], round: [] as number[], enrollment: [] as number[], due: [] as string[] };
  for (const e of inserted) {
    for (const step of defs.get(e.sop_id)!.steps) {
      cols.customer.push(e.customer_id); cols.sop.push(e.sop_id); cols.step.push(step.key); cols.round.push(e.round);
      cols.enrollment.push(e.enrollment_id); cols.due.push(new Date(dueTime(e.entered_at.getTime(), step, timeZone)).toISOString());
    }
  }
  // A step already received in this round keeps its row (never replayed); one cancelled
  // when the customer left is scheduled again from the new entry.
  const scheduled = cols.customer.length === 0 ? [] : await tx.query<DeliveryRow>(
    `INSERT INTO sop_deliveries (workspace_id, customer_id, sop_id, step_key, round, enrollment_id, status, due_at, created_at)
     SELECT $1, x.customer_id, x.sop_id, x.step_key, x.round, x.enrollment_id, 'scheduled', x.due_at, $8::timestamptz FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::int[], $6::bigint[], $7::timestamptz[])
       AS x(customer_id, sop_id, step_key, round, enrollment_id, due_at)
     ON CONFLICT (workspace_id, customer_id, sop_id, step_key, round) DO UPDATE
       SET status = 'scheduled', due_at = EXCLUDED.due_at, enrollment_id = EXCLUDED.enrollment_id, reason = NULL, done_at = NULL
       WHERE sop_deliveries.status = 'cancelled'
     RETURNING workspace_id, customer_id, sop_id, step_key, round, due_at`,
    [ws, cols.customer, cols.sop, cols.step, cols.round, cols.enrollment, cols.due, now.toISOString()],
  );
  const dueNow = scheduled.filter((d) => d.due_at.getTime() <= now.getTime());
  const delivered = dueNow.length === 0 ? EMPTY : await deliverRows(tx, ws, dueNow, now);
  return { enrolled: inserted.length, alreadyIn, scheduled: scheduled.length - dueNow.length, delivered };
}

/**
 * Switch an SOP on or off. Off stops it: open stays end and scheduled steps are cancelled.
 * On, it applies to customers entering its stage from now; with enrollCurrent the customers
 * already in the stage are enrolled as if they entered now (steps already received are not
 * replayed).
 */
export async function setSopEnabled(
  db: Queryable, ws: string, ref: string | number, enabled: boolean, actor: Actor, opts: { now?: Date; enrollCurrent?: boolean } = {},
): Promise<{ sop: Sop; cancelled: number; enrollment: EnrollResult | null }> {
  const now = opts.now ?? new Date();
  return atomically(db, async (tx) => {
    const sop = await getSop(tx, ws, ref);
    await tx.query(`UPDATE sops SET enabled = $3, updated_at = $4 WHERE workspace_id = $1 AND sop_id = $2`, [ws, sop.sopId, enabled, now.toISOString()]);
    let cancelled = 0;
    let enrollment: EnrollResult | null = null;
    if (!enabled && sop.enabled) cancelled = await stopSop(tx, ws, sop.sopId, now, 'SOP disabled');
    if (enabled && opts.enrollCurrent) enrollment = await enrollCurrentMembers(tx, ws, sop.sopId, now);
    if (enabled !== sop.enabled) await audit(tx, ws, actor, enabled ? 'sop.enabled' : 'sop.disabled', null, { sopId: sop.sopId, name: sop.name });
    return { sop: await getSop(tx, ws, sop.sopId), cancelled, enrollment };
  });
}
