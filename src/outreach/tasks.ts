/**
 * Tasks: the unit of staff work. Created idempotently (the dedupe key is held by the store),
 * guarded by the contact policy, moved pending → sent | skipped | failed (or cancelled) with
 * every change recorded.
 */
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { scopeCondition, type CustomerScope } from '../shared/scope.ts';
import { localDate, localToInstant } from '../shared/time.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { loadStates } from './ledger.ts';
import { decideTouch, quietHoursEnd, type Channel, type Purpose } from './policy.ts';
import { getContactPolicy } from './policy-config.ts';

export type TaskKind = 'sop_step' | 'rule' | 'mass_message' | 'care' | 'manual';
export type TaskStatus = 'pending' | 'sent' | 'skipped' | 'failed' | 'suppressed' | 'cancelled';
export type TaskSourceType = 'sop' | 'rule' | 'mass_message' | 'staff' | 'api' | 'service';
export const TASK_KINDS = ['sop_step', 'rule', 'mass_message', 'care', 'manual'] as const;
export const TASK_STATUSES = ['pending', 'sent', 'skipped', 'failed', 'suppressed', 'cancelled'] as const;
export const TASK_SOURCE_TYPES = ['sop', 'rule', 'mass_message', 'staff', 'api', 'service'] as const;

export interface TaskDraft {
  customerId: number | null;
  staffId?: string | null;
  kind: TaskKind;
  purpose: Purpose;
  channel: Channel;
  title: string;
  content: string;
  attachments?: { kind: string; ref: string }[];
  couponId?: string;
  dueAt: Date;
  dedupeKey: string;
  contentKey?: string;
  source: { type: TaskSourceType; id: string };
}

export interface Task {
  taskId: number;
  dedupeKey: string;
  customerId: number | null;
  customerName: string | null;
  staffId: string | null;
  kind: TaskKind;
  purpose: Purpose;
  channel: Channel;
  title: string;
  content: string;
  attachments: { kind: string; ref: string }[];
  couponId: string | null;
  contentKey: string | null;
  source: { type: TaskSourceType; id: string };
  massMessageId: number | null;
  dueAt: string;
  /** The time first asked for, when the policy deferred the task (quiet hours). */
  requestedAt: string;
  deferred: boolean;
  status: TaskStatus;
  /** Why it was suppressed: a code and plain words. */
  statusCode: string | null;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

export interface CreateTasksResult {
  created: Task[];
  duplicates: number;
  suppressed: { draft: TaskDraft; reason: string; code: string }[];
  deferred: number;
}

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(v as string)).toISOString();
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

export const TASK_COLUMNS = `t.task_id, t.dedupe_key, t.customer_id, t.staff_id, t.kind, t.purpose, t.channel, t.title, t.content,
  t.attachments, t.coupon_id, t.content_key, t.source_type, t.source_id, t.mass_message_id, t.due_at, t.requested_at, t.defer_code,
  t.status, t.status_code, t.status_reason, t.created_at, t.updated_at, t.done_at`;

/**
 * A task row with its customer's name: the explicit profile name, else the one learnt from
 * events (WeCom contacts and the demo only ever give the latter). `t` is the tasks' alias.
 */
const NAMED_TASK = (from: string) => `SELECT ${TASK_COLUMNS}, COALESCE(c.name, a.name) AS customer_name FROM ${from}
  LEFT JOIN customers c ON c.workspace_id = t.workspace_id AND c.customer_id = t.customer_id
  LEFT JOIN customer_aggregates a ON a.workspace_id = t.workspace_id AND a.customer_id = t.customer_id`;

export function taskOf(r: Record<string, unknown>): Task {
  return {
    taskId: Number(r.task_id),
    dedupeKey: r.dedupe_key as string,
    customerId: r.customer_id == null ? null : Number(r.customer_id),
    customerName: (r.customer_name as string | null | undefined) ?? null,
    staffId: r.staff_id as string | null,
    kind: r.kind as TaskKind,
    purpose: r.purpose as Purpose,
    channel: r.channel as Channel,
    title: r.title as string,
    content: r.content as string,
    attachments: (typeof r.attachments === 'string' ? JSON.parse(r.attachments) : r.attachments) as Task['attachments'],
    couponId: r.coupon_id as string | null,
    contentKey: r.content_key as string | null,
    source: { type: r.source_type as TaskSourceType, id: r.source_id as string },
    massMessageId: r.mass_message_id == null ? null : Number(r.mass_message_id),
    dueAt: iso(r.due_at),
    requestedAt: iso(r.requested_at),
    deferred: r.defer_code != null,
    status: r.status as TaskStatus,
    statusCode: r.status_code as string | null,
    statusReason: r.status_reason as string | null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    doneAt: isoOrNull(r.done_at),
  };
}

function checkDraft(d: TaskDraft, i: number): void {
  const bad = (field: string, why: string) => { throw new SiyuError('validation_failed', `task draft ${i} (${d.dedupeKey || 'no key'}): ${field} ${why}`, { index: i, field }); };
  if (typeof d.dedupeKey !== 'string' || d.dedupeKey.trim() === '' || d.dedupeKey.length > 500) bad('dedupeKey', 'must be a non-empty text of at most 500 characters');
  if (!TASK_KINDS.includes(d.kind)) bad('kind', `must be one of ${TASK_KINDS.join(', ')}`);
  if (d.customerId === null && d.kind !== 'mass_message') bad('customerId', 'may be null only for a mass-message task');
  if (d.customerId === null && !d.staffId) bad('staffId', 'is required when there is no customer');
  if (!(d.dueAt instanceof Date) || Number.isNaN(d.dueAt.getTime())) bad('dueAt', 'must be a valid date');
  if (d.purpose !== 'marketing' && d.purpose !== 'service') bad('purpose', 'must be marketing or service');
  if (!['private_chat', 'moments', 'group'].includes(d.channel)) bad('channel', 'must be private_chat, moments or group');
  if (!d.source?.type || typeof d.source.id !== 'string') bad('source', 'must have a type and an id');
}

/**
 * Serialises policy decisions per customer: two writers cannot both spend a customer's last
 * marketing slot. A mass send takes the workspace lock exclusively (it cannot lock a million
 * customers one by one); single tasks share it.
 */
export async function lockCustomers(tx: Queryable, ws: string, customerIds: readonly number[]): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock_shared(hashtext('siyu.outreach:' || $1::text))`, [ws]);
  if (customerIds.length === 0) return;
  await tx.query(
    `SELECT count(pg_advisory_xact_lock(hashtext('siyu.outreach:' || $1::text || ':' || id::text))) FROM (SELECT DISTINCT unnest($2::bigint[]) AS id ORDER BY 1) s`,
    [ws, [...customerIds]],
  );
}

export async function createTasks(tx: Queryable, ws: string, drafts: TaskDraft[], now: Date): Promise<CreateTasksResult> {
  const result: CreateTasksResult = { created: [], duplicates: 0, suppressed: [], deferred: 0 };
  if (drafts.length === 0) return result;
  drafts.forEach(checkDraft);
  const workspace = await requireWorkspace(tx, ws);
  const policy = await getContactPolicy(tx, ws);

  // The same key twice in one batch, or a key already stored, makes no second task.
  const seen = new Set<string>();
  const unique = drafts.filter((d) => (seen.has(d.dedupeKey) ? false : (seen.add(d.dedupeKey), true)));
  const customerIds = [...new Set(unique.flatMap((d) => (d.customerId === null ? [] : [d.customerId])))];
  await lockCustomers(tx, ws, customerIds);
  const stored = new Set((await tx.query<{ dedupe_key: string }>(
    `SELECT dedupe_key FROM outreach_tasks WHERE workspace_id = $1 AND dedupe_key = ANY($2::text[])`, [ws, unique.map((d) => d.dedupeKey)],
  )).map((r) => r.dedupe_key));
  const fresh = unique.filter((d) => !stored.has(d.dedupeKey)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  result.duplicates = drafts.length - fresh.length;
  if (fresh.length === 0) return result;

  const times = fresh.map((d) => d.dueAt.getTime());
  const states = await loadStates(tx, ws, customerIds, policy, Math.min(...times), Math.max(...times) + 86_400_000);
  const rows = fresh.map((d) => {
    const state = d.customerId === null ? undefined : states.get(d.customerId);
    const requested = d.dueAt.getTime();
    let at = requested;
    let status: TaskStatus = 'pending';
    let code: string | null = null;
    let reason: string | null = null;
    let deferCode: string | null = null;
    if (d.customerId !== null && !state?.exists) {
      status = 'suppressed';
      code = 'customer_unknown';
      reason = `customer ${d.customerId} does not exist / 客户不存在`;
    } else if (state) {
      const decision = decideTouch(policy, workspace.timeZone, { purpose: d.purpose, channel: d.channel, mass: d.kind === 'mass_message', at: requested }, state);
      at = decision.at;
      if (!decision.allow) {
        status = 'suppressed';
        code = decision.code;
        reason = `${decision.en} / ${decision.zh}`;
      } else {
        if (decision.deferred) deferCode = 'quiet_hours';
        // Later drafts in this batch see this touch.
        if (d.purpose === 'marketing') (state.marketingTouches as number[]).push(at);
        if (d.kind === 'mass_message' && d.channel === 'private_chat') (state.massTouches as number[]).push(at);
      }
    } else {
      at = quietHoursEnd(policy, workspace.timeZone, requested);
      if (at !== requested) deferCode = 'quiet_hours';
    }
    const staffId = d.staffId ?? state?.ownerStaff ?? null;
    return { d, at, requested, status, code, reason, deferCode, staffId };
  });

  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  const nowIso = now.toISOString();
  const inserted = await tx.query<Record<string, unknown>>(
    `WITH t AS (INSERT INTO outreach_tasks (workspace_id, dedupe_key, customer_id, staff_id, kind, purpose, channel, title, content, attachments,
       coupon_id, content_key, source_type, source_id, mass_message_id, due_at, requested_at, defer_code, status, status_code, status_reason,
       created_at, updated_at)
     SELECT $1, u.k, u.c, u.s, u.kind, u.p, u.ch, u.ti, u.co, u.a::jsonb, u.cp, u.ck, u.st, u.si, u.mm, u.due, u.req, u.dc, u.status, u.sc, u.sr, $22::timestamptz, $22::timestamptz
     FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                 $12::text[], $13::text[], $14::text[], $15::bigint[], $16::timestamptz[], $17::timestamptz[], $18::text[], $19::text[], $20::text[], $21::text[])
       AS u(k, c, s, kind, p, ch, ti, co, a, cp, ck, st, si, mm, due, req, dc, status, sc, sr)
     ON CONFLICT (workspace_id, dedupe_key) DO NOTHING
     RETURNING *)
     ${NAMED_TASK('t')} ORDER BY t.task_id`,
    [
      ws, col((r) => r.d.dedupeKey), col((r) => r.d.customerId), col((r) => r.staffId), col((r) => r.d.kind), col((r) => r.d.purpose),
      col((r) => r.d.channel), col((r) => r.d.title), col((r) => r.d.content), col((r) => JSON.stringify(r.d.attachments ?? [])),
      col((r) => r.d.couponId ?? null), col((r) => r.d.contentKey ?? null), col((r) => r.d.source.type), col((r) => r.d.source.id),
      col((r) => (r.d.source.type === 'mass_message' && /^\d+$/.test(r.d.source.id) ? Number(r.d.source.id) : null)),
      col((r) => new Date(r.at).toISOString()), col((r) => new Date(r.requested).toISOString()), col((r) => r.deferCode),
      col((r) => r.status), col((r) => r.code), col((r) => r.reason), nowIso,
    ],
  );
  const created = inserted.map(taskOf);
  const byKey = new Map(rows.map((r) => [r.d.dedupeKey, r]));
  // Lost a race to another writer after the pre-check: that one made the task.
  result.duplicates += fresh.length - created.length;
  await recordHistory(tx, ws, created.map((t) => ({
    taskId: t.taskId, from: null, to: t.status, note: t.statusReason ?? (t.deferred ? 'deferred: quiet hours' : null),
  })), { kind: 'system', id: `${created[0]?.source.type ?? 'api'}` }, now);
  const touched = created.filter((t) => t.customerId !== null && t.statusCode !== 'customer_unknown');
  if (touched.length > 0) {
    await tx.query(
      `INSERT INTO contact_touches (workspace_id, customer_id, at, purpose, channel, mass, content_key, task_id, mass_message_id, outcome, code, reason, created_at)
       SELECT $1, t.customer_id, t.due_at, t.purpose, t.channel, t.kind = 'mass_message', t.content_key, t.task_id, t.mass_message_id,
              CASE t.status WHEN 'pending' THEN 'planned' ELSE 'suppressed' END, t.status_code, t.status_reason, $3::timestamptz
       FROM outreach_tasks t WHERE t.workspace_id = $1 AND t.task_id = ANY($2::bigint[])`,
      [ws, touched.map((t) => t.taskId), nowIso],
    );
  }
  for (const t of created) {
    if (t.status === 'suppressed') result.suppressed.push({ draft: byKey.get(t.dedupeKey)!.d, reason: t.statusReason ?? '', code: t.statusCode ?? '' });
    if (t.deferred) result.deferred++;
  }
  result.created = created;
  return result;
}

export async function recordHistory(
  tx: Queryable, ws: string, changes: { taskId: number; from: TaskStatus | null; to: TaskStatus; note: string | null }[], actor: Actor, now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO outreach_task_history (workspace_id, task_id, from_status, to_status, actor_kind, actor_id, note, at)
     SELECT $1, u.id, u.f, u.t, $5, $6, u.n, $7::timestamptz FROM unnest($2::bigint[], $3::text[], $4::text[], $8::text[]) AS u(id, f, t, n)`,
    [ws, changes.map((c) => c.taskId), changes.map((c) => c.from), changes.map((c) => c.to), actor.kind, actor.id ?? null, now.toISOString(), changes.map((c) => c.note)],
  );
}

/** Local midnight of the day `now` falls on, and of the next day. */
export function todayBounds(timeZone: string, now: number): { start: number; end: number } {
  const [y, m, d] = localDate(timeZone, now).split('-').map(Number);
  return { start: localToInstant(timeZone, y!, m!, d!), end: localToInstant(timeZone, y!, m!, d! + 1) };
}

export type DueFilter = 'today' | 'overdue' | 'open';

export interface ListTasksOptions {
  staffId?: string | undefined;
  status?: TaskStatus | undefined;
  /** What made the task: an SOP step, a rule, a mass message, a care reminder or a hand-made one. */
  kind?: TaskKind | undefined;
  /** Who asked for it: an SOP, a rule, a mass message, a staff member or the API. */
  sourceType?: TaskSourceType | undefined;
  /** today: due today; overdue: pending and due before today; open: pending and due by the end of today. */
  due?: DueFilter | undefined;
  customerId?: number | undefined;
  massMessageId?: number | undefined;
  scope: CustomerScope;
  limit?: number | undefined;
  cursor?: string | undefined;
  now?: Date | undefined;
}

const encodeCursor = (dueAt: string, id: number) => Buffer.from(`${dueAt}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { dueAt: string; id: number } {
  const [dueAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!dueAt || !id || Number.isNaN(Date.parse(dueAt)) || !/^\d+$/.test(id)) throw new SiyuError('validation_failed', 'cursor: is not a cursor from a previous page');
  return { dueAt, id: Number(id) };
}

/** Tasks by due time (keyset pages), limited to what the scope may see. */
export async function listTasks(q: Queryable, ws: string, opts: ListTasksOptions): Promise<{ items: Task[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const params: unknown[] = [ws];
  const where = ['t.workspace_id = $1'];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (opts.staffId) add((n) => `t.staff_id = $${n}::text`, opts.staffId);
  if (opts.status) add((n) => `t.status = $${n}::text`, opts.status);
  if (opts.kind) add((n) => `t.kind = $${n}::text`, opts.kind);
  if (opts.sourceType) add((n) => `t.source_type = $${n}::text`, opts.sourceType);
  if (opts.customerId !== undefined) add((n) => `t.customer_id = $${n}::bigint`, opts.customerId);
  if (opts.massMessageId !== undefined) add((n) => `t.mass_message_id = $${n}::bigint`, opts.massMessageId);
  if (opts.due) {
    const { timeZone } = await requireWorkspace(q, ws);
    const { start, end } = todayBounds(timeZone, (opts.now ?? new Date()).getTime());
    if (opts.due === 'today') {
      add((n) => `t.due_at >= $${n}::timestamptz`, new Date(start).toISOString());
      add((n) => `t.due_at < $${n}::timestamptz`, new Date(end).toISOString());
    } else {
      where.push(`t.status = 'pending'`);
      add((n) => `t.due_at < $${n}::timestamptz`, new Date(opts.due === 'overdue' ? start : end).toISOString());
    }
  }
  if (opts.scope.kind === 'staff') {
    const sc = scopeCondition(opts.scope, 't', params.length + 1);
    params.push(...sc.params);
    where.push(`(t.staff_id = $${params.length}::text OR (t.customer_id IS NOT NULL AND ${sc.sql}))`);
  }
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor);
    params.push(c.dueAt, c.id);
    where.push(`(t.due_at, t.task_id) > ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(limit + 1);
  const rows = await q.query<Record<string, unknown>>(
    `${NAMED_TASK('outreach_tasks t')}
     WHERE ${where.join(' AND ')} ORDER BY t.due_at, t.task_id LIMIT $${params.length}::int`,
    params,
  );
  const items = rows.slice(0, limit).map(taskOf);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.dueAt, last.taskId) : null };
}

export async function getTask(q: Queryable, ws: string, taskId: number): Promise<Task & { history: TaskHistoryEntry[] }> {
  const [row] = await q.query<Record<string, unknown>>(
    `${NAMED_TASK('outreach_tasks t')}
     WHERE t.workspace_id = $1 AND t.task_id = $2::bigint`, [ws, taskId],
  );
  if (!row) throw new SiyuError('not_found', `task ${taskId} does not exist in workspace "${ws}"`);
  const history = await q.query<{ from_status: TaskStatus | null; to_status: TaskStatus; actor_kind: string; actor_id: string | null; note: string | null; at: Date }>(
    `SELECT from_status, to_status, actor_kind, actor_id, note, at FROM outreach_task_history WHERE workspace_id = $1 AND task_id = $2::bigint ORDER BY at, history_id`,
    [ws, taskId],
  );
  return {
    ...taskOf(row),
    history: history.map((h) => ({ from: h.from_status, to: h.to_status, actor: { kind: h.actor_kind, id: h.actor_id }, note: h.note, at: iso(h.at) })),
  };
}

/**
 * Plan pending tasks for other times (e.g. a day's work spread over working hours). Tasks no
 * longer pending are left as they are; the planned contact of each moves with it, so the
 * contact policy's counts see the new time. Returns how many moved.
 */
export async function rescheduleTasks(q: Queryable, ws: string, moves: readonly { taskId: number; dueAt: Date }[], now: Date): Promise<number> {
  if (moves.length === 0) return 0;
  const ids = moves.map((m) => m.taskId);
  const times = moves.map((m) => m.dueAt.toISOString());
  const moved = await q.query<{ task_id: number }>(
    `UPDATE outreach_tasks t SET due_at = m.due, requested_at = m.due, updated_at = $4::timestamptz
     FROM unnest($2::bigint[], $3::timestamptz[]) AS m(id, due)
     WHERE t.workspace_id = $1 AND t.task_id = m.id AND t.status = 'pending' RETURNING t.task_id`,
    [ws, ids, times, now.toISOString()],
  );
  await q.query(
    `UPDATE contact_touches c SET at = m.due FROM unnest($2::bigint[], $3::timestamptz[]) AS m(id, due)
     WHERE c.workspace_id = $1 AND c.task_id = m.id AND c.outcome = 'planned'`,
    [ws, ids, times],
  );
  return moved.length;
}

export interface TaskHistoryEntry { from: TaskStatus | null; to: TaskStatus; actor: { kind: string; id: string | null }; note: string | null; at: string }

export type DoneStatus = 'sent' | 'skipped' | 'failed';
const TOUCH_OUTCOME: Record<DoneStatus, string> = { sent: 'sent', skipped: 'cancelled', failed: 'failed' };

/**
 * Record what became of a pending task. Setting the status it already has is a no-op (a
 * retried request); changing a finished task is refused. A staff member's mass-message task
 * settles its still-pending recipients with it.
 */
export async function setTaskStatus(
  q: Queryable, ws: string, taskId: number, status: DoneStatus, actor: Actor, note?: string, now: Date = new Date(),
): Promise<Task> {
  if (!['sent', 'skipped', 'failed'].includes(status)) throw new SiyuError('validation_failed', `status: must be sent, skipped or failed (not "${status}")`);
  const [row] = await q.query<Record<string, unknown>>(
    `WITH t AS (UPDATE outreach_tasks SET status = $3, updated_at = $4::timestamptz, done_at = $4::timestamptz
     WHERE workspace_id = $1 AND task_id = $2::bigint AND status = 'pending' RETURNING *)
     ${NAMED_TASK('t')}`,
    [ws, taskId, status, now.toISOString()],
  );
  if (!row) {
    const current = await getTask(q, ws, taskId);
    if (current.status === status) return current;
    throw new SiyuError('conflict', `task ${taskId} is ${current.status}; only a pending task can become ${status}`, { status: current.status });
  }
  const task = taskOf(row);
  await recordHistory(q, ws, [{ taskId, from: 'pending', to: status, note: note ?? null }], actor, now);
  await q.query(
    `UPDATE contact_touches SET outcome = $3 WHERE workspace_id = $1 AND task_id = $2::bigint AND outcome = 'planned'`,
    [ws, taskId, TOUCH_OUTCOME[status]],
  );
  if (task.kind === 'mass_message' && task.massMessageId !== null && task.staffId !== null) {
    const recipientStatus = status === 'sent' ? 'sent' : 'failed';
    const settled = await q.query<{ customer_id: number }>(
      `UPDATE mass_message_recipients SET status = $5, reason = CASE WHEN $5 = 'failed' THEN $6 ELSE reason END, updated_at = $7::timestamptz
       WHERE workspace_id = $1 AND mass_message_id = $2::bigint AND staff_id = $3 AND status = $4 RETURNING customer_id`,
      [ws, task.massMessageId, task.staffId, 'pending', recipientStatus, `task ${status}${note ? `: ${note}` : ''}`, now.toISOString()],
    );
    if (settled.length > 0) {
      await q.query(
        `UPDATE contact_touches SET outcome = $4 WHERE workspace_id = $1 AND mass_message_id = $2::bigint AND customer_id = ANY($3::bigint[]) AND outcome = 'planned'`,
        [ws, task.massMessageId, settled.map((r) => r.customer_id), TOUCH_OUTCOME[status]],
      );
    }
  }
  return task;
}

export type CancelSelection =
  | { dedupeKeys: string[] }
  | { customerIds?: number[]; sourceType?: TaskSourceType; sourceId?: string; kind?: TaskKind };

/** Cancel pending tasks (an SOP whose customer left the stage, a withdrawn campaign). */
export async function cancelTasks(
  tx: Queryable, ws: string, selection: CancelSelection, opts: { actor?: Actor; note?: string; now?: Date } = {},
): Promise<{ cancelled: number; taskIds: number[] }> {
  const now = opts.now ?? new Date();
  const params: unknown[] = [ws, now.toISOString()];
  const where = [`workspace_id = $1`, `status = 'pending'`];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if ('dedupeKeys' in selection) {
    if (selection.dedupeKeys.length === 0) return { cancelled: 0, taskIds: [] };
    add((n) => `dedupe_key = ANY($${n}::text[])`, selection.dedupeKeys);
  } else {
    if (!selection.customerIds && !selection.sourceType && !selection.sourceId && !selection.kind) {
      throw new SiyuError('validation_failed', 'cancelTasks: give dedupeKeys, or at least one of customerIds, sourceType, sourceId, kind');
    }
    if (selection.customerIds) add((n) => `customer_id = ANY($${n}::bigint[])`, selection.customerIds);
    if (selection.sourceType) add((n) => `source_type = $${n}::text`, selection.sourceType);
    if (selection.sourceId) add((n) => `source_id = $${n}::text`, selection.sourceId);
    if (selection.kind) add((n) => `kind = $${n}::text`, selection.kind);
  }
  const rows = await tx.query<{ task_id: number }>(
    `UPDATE outreach_tasks SET status = 'cancelled', updated_at = $2::timestamptz, done_at = $2::timestamptz WHERE ${where.join(' AND ')} RETURNING task_id`,
    params,
  );
  const ids = rows.map((r) => Number(r.task_id));
  if (ids.length > 0) {
    await recordHistory(tx, ws, ids.map((taskId) => ({ taskId, from: 'pending', to: 'cancelled', note: opts.note ?? null })), opts.actor ?? { kind: 'system' }, now);
    await tx.query(
      `UPDATE contact_touches SET outcome = 'cancelled' WHERE workspace_id = $1 AND task_id = ANY($2::bigint[]) AND outcome = 'planned'`,
      [ws, ids],
    );
  }
  return { cancelled: ids.length, taskIds: ids };
}

/** A task the scope may not see is, to that caller, a task that does not exist. */
export async function assertTaskInScope(
  q: Queryable, ws: string, taskId: number, scope: CustomerScope, opts: { acting?: boolean } = {},
): Promise<void> {
  const params: unknown[] = [ws, taskId];
  let cond = 'true';
  if (scope.kind === 'staff') {
    const sc = scopeCondition(scope, 't', 3);
    params.push(...sc.params);
    cond = `(t.staff_id = $3::text OR (t.customer_id IS NOT NULL AND ${sc.sql}))`;
  }
  // Acting: the row is locked so its assignee cannot change before the caller's update.
  const rows = await q.query<{ staff_id: string | null }>(
    `SELECT t.staff_id FROM outreach_tasks t WHERE t.workspace_id = $1 AND t.task_id = $2::bigint AND ${cond}${opts.acting ? ' FOR UPDATE' : ''}`, params,
  );
  if (rows.length === 0) throw new SiyuError('not_found', `task ${taskId} does not exist in workspace "${ws}"`);
  // A staff member sees the tasks on their customers, but records outcomes only of their own.
  if (opts.acting && scope.kind === 'staff' && rows[0]!.staff_id !== scope.staffId) {
    throw new SiyuError('forbidden', `task ${taskId} is assigned to ${rows[0]!.staff_id ?? 'nobody'}; staff record the outcome of their own tasks only`);
  }
}
