/**
 * Turning due SOP steps into tasks for the customer's owner staff, through outreach (which
 * applies the contact policy). The worker claims due deliveries with FOR UPDATE SKIP LOCKED,
 * one transaction per batch: a crash loses nothing (the batch rolls back and is claimed
 * again), two workers never take the same delivery, and the task's dedupe key makes a
 * retried batch create nothing twice.
 */
import { createTasks, type TaskDraft } from '../outreach/index.ts';
import type { Db, Queryable } from '../store/db.ts';
import { Backoff } from '../store/unavailable.ts';
import type { SopDefinition, SopStep } from './definition.ts';
import { dedupeKey, renderContent } from './schedule.ts';

export interface DeliveryRow {
  workspace_id: string;
  customer_id: number;
  sop_id: number;
  step_key: string;
  round: number;
  due_at: Date;
}

export interface DeliveryOutcome {
  /** Tasks created (pending, possibly deferred past quiet hours). */
  created: number;
  /** The task already existed (a retried batch): recorded as delivered, nothing new made. */
  duplicates: number;
  /** Refused by the contact policy: recorded as suppressed, with the reason. */
  suppressed: number;
  /** Of the created, how many the policy moved past quiet hours. */
  deferred: number;
}

interface Recipient {
  customer_id: number;
  name: string | null;
  owner_staff: string | null;
  staff_name: string | null;
}

interface SopInfo {
  sop_id: number;
  name: string;
  definition: SopDefinition;
  stage: string | null;
}

/** Everything needed to render the steps of a batch, in three queries. */
async function loadContext(tx: Queryable, ws: string, rows: readonly DeliveryRow[]) {
  const sops = await tx.query<SopInfo>(
    `SELECT s.sop_id, s.name, s.definition, t.name AS stage FROM sops s
     LEFT JOIN tags t ON t.workspace_id = s.workspace_id AND t.tag_id = s.stage_tag_id
     WHERE s.workspace_id = $1 AND s.sop_id = ANY($2::bigint[])`,
    [ws, [...new Set(rows.map((r) => r.sop_id))]],
  );
  const people = await tx.query<Recipient>(
    `SELECT c.customer_id, coalesce(c.name, a.name) AS name, coalesce(c.owner_staff, a.added_by_staff) AS owner_staff, st.name AS staff_name
     FROM customers c
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     LEFT JOIN staff st ON st.workspace_id = c.workspace_id AND st.staff_id = coalesce(c.owner_staff, a.added_by_staff)
     WHERE c.workspace_id = $1 AND c.customer_id = ANY($2::bigint[])`,
    [ws, [...new Set(rows.map((r) => r.customer_id))]],
  );
  return { sops: new Map(sops.map((s) => [s.sop_id, s])), people: new Map(people.map((p) => [p.customer_id, p])) };
}

/** The task a delivery becomes: content rendered for the customer, for their owner staff. */
export function draftOf(row: DeliveryRow, sop: SopInfo, step: SopStep, who: Recipient | undefined): TaskDraft {
  const content = renderContent(step.content, {
    name: who?.name, staff: who?.staff_name ?? who?.owner_staff, stage: sop.stage, coupon: step.couponId,
  });
  return {
    customerId: row.customer_id,
    staffId: who?.owner_staff ?? null,
    kind: 'sop_step',
    purpose: step.purpose,
    channel: step.channel,
    title: `${sop.name} · ${step.title ?? step.key}`,
    content,
    ...(step.attachments ? { attachments: step.attachments } : {}),
    ...(step.couponId ? { couponId: step.couponId } : {}),
    dueAt: new Date(row.due_at),
    dedupeKey: dedupeKey(row.sop_id, step.key, row.customer_id, row.round),
    contentKey: `sop:${row.sop_id}:${step.key}`,
    source: { type: 'sop', id: String(row.sop_id) },
  };
}

/** Make the tasks of claimed (or just scheduled) due deliveries of one workspace, and mark them. */
export async function deliverRows(tx: Queryable, ws: string, rows: readonly DeliveryRow[], now: Date): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { created: 0, duplicates: 0, suppressed: 0, deferred: 0 };
  if (rows.length === 0) return outcome;
  const { sops, people } = await loadContext(tx, ws, rows);
  const drafts: TaskDraft[] = [];
  const byKey = new Map<string, DeliveryRow>();
  const orphans: DeliveryRow[] = [];
  for (const row of rows) {
    const sop = sops.get(row.sop_id);
    const step = sop?.definition.steps.find((s) => s.key === row.step_key);
    if (!sop || !step) { orphans.push(row); continue; }
    const draft = draftOf(row, sop, step, people.get(row.customer_id));
    drafts.push(draft);
    byKey.set(draft.dedupeKey, row);
  }
  const result = await createTasks(tx, ws, drafts, now);
  const marks = { customer: [] as number[], sop: [] as number[], step: [] as string[], round: [] as number[], status: [] as string[], task: [] as (string | null)[], reason: [] as (string | null)[] };
  const mark = (row: DeliveryRow, status: string, taskId: string | null, reason: string | null) => {
    marks.customer.push(row.customer_id); marks.sop.push(row.sop_id); marks.step.push(row.step_key); marks.round.push(row.round);
    marks.status.push(status); marks.task.push(taskId); marks.reason.push(reason);
  };
  const made = new Set<string>();
  for (const task of result.created) {
    const row = byKey.get(task.dedupeKey);
    if (!row) continue;
    made.add(task.dedupeKey);
    if (task.status === 'suppressed') {
      outcome.suppressed++;
      mark(row, 'suppressed', String(task.taskId), task.statusCode ? `${task.statusCode}: ${task.statusReason ?? ''}` : task.statusReason);
    } else {
      outcome.created++;
      if (task.deferred) outcome.deferred++;
      mark(row, 'due', String(task.taskId), task.deferred ? 'deferred past quiet hours' : null);
    }
  }
  for (const [key, row] of byKey) {
    if (made.has(key)) continue;
    outcome.duplicates++;
    mark(row, 'due', null, 'the task already existed');
  }
  for (const row of orphans) mark(row, 'cancelled', null, 'step no longer in the SOP');
  await tx.query(
    `UPDATE sop_deliveries d SET status = m.status, task_id = m.task_id, reason = m.reason, done_at = $9::timestamptz, attempts = d.attempts + 1
     FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
       AS m(customer_id, sop_id, step_key, round, status, task_id, reason)
     WHERE d.workspace_id = $1 AND d.customer_id = m.customer_id AND d.sop_id = m.sop_id AND d.step_key = m.step_key AND d.round = m.round`,
    [ws, marks.customer, marks.sop, marks.step, marks.round, marks.status, marks.task, marks.reason, now.toISOString()],
  );
  return outcome;
}

export interface RunDueResult extends DeliveryOutcome {
  /** Deliveries claimed in this batch. */
  claimed: number;
}

/** One batch of due steps → tasks, in one transaction. Call again while `claimed === limit`. */
export async function runDueSteps(db: Db, opts: { now: number; workspaceId?: string; limit?: number }): Promise<RunDueResult> {
  const now = new Date(opts.now);
  const limit = Math.min(Math.max(opts.limit ?? 500, 1), 5000);
  return db.transaction(async (tx) => {
    const rows = await tx.query<DeliveryRow>(
      `SELECT workspace_id, customer_id, sop_id, step_key, round, due_at FROM sop_deliveries
       WHERE status = 'scheduled' AND due_at <= $1::timestamptz AND ($2::text IS NULL OR workspace_id = $2::text)
       ORDER BY due_at LIMIT $3::int FOR UPDATE SKIP LOCKED`,
      [now.toISOString(), opts.workspaceId ?? null, limit],
    );
    const total: RunDueResult = { claimed: rows.length, created: 0, duplicates: 0, suppressed: 0, deferred: 0 };
    const byWs = Map.groupBy(rows, (r) => r.workspace_id);
    for (const [ws, wsRows] of byWs) {
      const o = await deliverRows(tx, ws, wsRows, now);
      total.created += o.created; total.duplicates += o.duplicates; total.suppressed += o.suppressed; total.deferred += o.deferred;
    }
    return total;
  });
}

/** Run due steps every `everyMs` (and on kick()), batch after batch until none are left. */
export function startSopWorker(db: Db, opts: { everyMs?: number; limit?: number; log?: (line: string) => void } = {}): { stop(): Promise<void>; kick(): void } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const pass = async () => {
    for (let i = 0; i < 100 && !stopped; i++) {
      const r = await runDueSteps(db, { now: Date.now(), limit: opts.limit ?? 500 });
      if (r.claimed > 0) opts.log?.(`sop: ${r.created} task(s) created, ${r.suppressed} suppressed, ${r.duplicates} already existed`);
      if (r.claimed < (opts.limit ?? 500)) break;
    }
  };
  const backoff = new Backoff('SOP worker', opts.log ?? ((line) => console.error(line)), 5_000, 5 * 60_000);
  const tick = () => {
    if (!backoff.ready()) return;
    // Due steps stay due until delivered: a failed pass is retried at a later tick.
    running = running.then(pass).then(() => backoff.succeeded(), (err: unknown) => void backoff.failed(err));
  };
  const timer = setInterval(tick, opts.everyMs ?? 30_000);
  timer.unref();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
