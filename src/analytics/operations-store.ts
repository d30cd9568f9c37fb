/**
 * The operations board (seed 004 运营看板) from the task table, the mass-message recipients
 * and the contact ledger: today's tasks, execution per staff member, SOP and mass message,
 * touches delivered and suppressed by reason, each beside the period before. Staff see only
 * their own tasks and sends and the touches of their own customers.
 */
import { z } from '@hono/zod-openapi';
import { audienceWhere, withoutJit, type AudienceFilter } from '../audiences/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { scopeCondition, type CustomerScope } from '../shared/scope.ts';
import { localDate, parseEndOfDay, parseTimestamp } from '../shared/time.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { compare, executionRate, previousPeriod, rankStaff, NO_TASKS, type StaffWork, type TaskCounts } from './operations.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
export const boardQuerySchema = z.object({
  from: day.openapi({ example: '2026-11-01' }),
  to: day.openapi({ example: '2026-11-30', description: 'inclusive' }),
  staff: z.string().min(1).max(100).optional().openapi({ description: 'one staff member (managers; staff always see their own)' }),
  channel: z.string().min(1).max(200).optional().openapi({ description: 'customers of this channel' }),
  segment: z.string().min(1).max(200).optional().openapi({ description: 'customers of this saved segment (name or id)' }),
}).strict();
export type BoardQuery = z.infer<typeof boardQuerySchema>;

/** The instants of a board's dates and of the period before, in the workspace's zone. */
export async function boardRange(q: Queryable, ws: string, query: Pick<BoardQuery, 'from' | 'to'>) {
  const workspace = await requireWorkspace(q, ws);
  const tz = workspace.timeZone;
  const at = (text: string, path: string, end: boolean) => {
    const r = end ? parseEndOfDay(text, tz) : parseTimestamp(text, tz);
    if (!r.ok) throw new SiyuError('validation_failed', `${path}: ${r.reason}`, { path });
    return r.instant;
  };
  const from = at(query.from, 'from', false);
  const to = at(query.to, 'to', true);
  if (to <= from) throw new SiyuError('validation_failed', `to: ${query.to} is before from ${query.from}`, { path: 'to' });
  if (to - from > 400 * 86_400_000) throw new SiyuError('validation_failed', 'to: a board covers at most 400 days', { path: 'to' });
  const previous = previousPeriod(query.from, query.to);
  return { timeZone: tz, from, to, previous, prevFrom: at(previous.from, 'from', false) };
}

/** Customers the filters (and, for staff, the scope) leave: a condition on `alias`.customer_id. */
export async function customerFilter(q: Queryable, ws: string, query: Pick<BoardQuery, 'channel' | 'segment'>, scope: CustomerScope, alias: string, params: unknown[]): Promise<string> {
  const parts: AudienceFilter[] = [];
  if (query.channel) parts.push({ field: 'channel', op: 'in', values: [query.channel] });
  if (query.segment) parts.push({ field: 'segment', segment: /^\d+$/.test(query.segment) ? Number(query.segment) : query.segment });
  if (parts.length === 0) {
    const s = scopeCondition(scope, alias, params.length + 1);
    params.push(...s.params);
    return s.sql;
  }
  const w = await audienceWhere(q, ws, parts.length === 1 ? parts[0] : { and: parts }, scope);
  // audienceWhere numbers from $1 (the workspace): shift its placeholders behind ours.
  const shift = params.length;
  const sql = w.sql.replace(/\$(\d+)/g, (_, n: string) => (n === '1' ? '$1' : `$${Number(n) - 1 + shift}`));
  params.push(...w.params.slice(1));
  return `${alias}.customer_id IN (SELECT c.customer_id FROM customers c WHERE ${sql})`;
}

export interface OperationsBoard {
  from: string;
  to: string;
  previous: { from: string; to: string };
  today: { date: string; pending: number; sent: number; skipped: number; byStaff: { staffId: string; name: string | null; pending: number; sent: number; skipped: number }[] };
  tasks: TaskCounts & { rate: number | null; previous: TaskCounts & { rate: number | null } };
  leaderboard: (StaffWork & { name: string | null })[];
  bySop: { sopId: string; name: string | null; due: number; sent: number; rate: number | null }[];
  byMass: { massMessageId: number; title: string; dueAt: string; recipients: number; sent: number; pending: number; failed: number; suppressed: number; excluded: number; rate: number | null }[];
  touches: {
    sent: ReturnType<typeof compare>; suppressed: ReturnType<typeof compare>; planned: number; failed: number; cancelled: number;
    byReason: { code: string; count: number; previous: number }[];
  };
}

const n = (v: unknown) => Number(v ?? 0);
const iso = (ms: number) => new Date(ms).toISOString();

async function operationsBoardIn(q: Queryable, ws: string, query: BoardQuery, scope: CustomerScope, now: number): Promise<OperationsBoard> {
  const r = await boardRange(q, ws, query);
  const staff = scope.kind === 'staff' ? scope.staffId : query.staff;
  const filtered = Boolean(query.channel || query.segment);

  // Tasks of both periods in one pass: work that was due (or is done already), not the suppressed or cancelled.
  const taskWhere = async (params: unknown[]) => {
    const byStaff = staff === undefined ? 'true' : `t.staff_id = $${params.push(staff)}`;
    return `${byStaff} AND ${filtered ? await customerFilter(q, ws, query, { kind: 'all' }, 't', params) : 'true'}`;
  };
  const tp: unknown[] = [ws, iso(r.prevFrom), iso(r.to), iso(now), iso(r.from)];
  const taskRows = await q.query<{ cur: boolean; staff_id: string | null; source_type: string; source_id: string; status: string; n: string }>(
    `SELECT t.due_at >= $5::timestamptz AS cur, t.staff_id, t.source_type, t.source_id, t.status, count(*) AS n
     FROM outreach_tasks t
     WHERE t.workspace_id = $1 AND t.due_at >= $2::timestamptz AND t.due_at < $3::timestamptz
       AND t.status NOT IN ('suppressed', 'cancelled') AND (t.due_at <= $4::timestamptz OR t.status <> 'pending')
       AND ${await taskWhere(tp)}
     GROUP BY 1, 2, 3, 4, 5`, tp,
  );
  const lp: unknown[] = [ws, iso(r.from), iso(r.to)];
  const late = await q.query<{ staff_id: string; m: number | null }>(
    `SELECT t.staff_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (t.done_at - t.due_at)) / 60) AS m
     FROM outreach_tasks t
     WHERE t.workspace_id = $1 AND t.due_at >= $2::timestamptz AND t.due_at < $3::timestamptz AND t.status = 'sent' AND t.done_at IS NOT NULL
       AND t.staff_id IS NOT NULL AND ${await taskWhere(lp)}
     GROUP BY 1`, lp,
  );
  const totals = { cur: { ...NO_TASKS }, prev: { ...NO_TASKS } };
  const byStaff = new Map<string, TaskCounts>();
  const bySop = new Map<string, TaskCounts>();
  const add = (c: TaskCounts, status: string, k: number) => {
    c.due += k;
    if (status === 'sent' || status === 'skipped' || status === 'failed' || status === 'pending') c[status] += k;
  };
  for (const row of taskRows) {
    const k = n(row.n);
    add(row.cur ? totals.cur : totals.prev, row.status, k);
    if (!row.cur) continue;
    if (row.staff_id) add(byStaff.get(row.staff_id) ?? byStaff.set(row.staff_id, { ...NO_TASKS }).get(row.staff_id)!, row.status, k);
    if (row.source_type === 'sop') add(bySop.get(row.source_id) ?? bySop.set(row.source_id, { ...NO_TASKS }).get(row.source_id)!, row.status, k);
  }
  const names = new Map((await q.query<{ staff_id: string; name: string }>(`SELECT staff_id, name FROM staff WHERE workspace_id = $1`, [ws])).map((s) => [s.staff_id, s.name]));
  const lateBy = new Map(late.map((l) => [l.staff_id, l.m === null ? null : Math.round(Number(l.m))]));
  const leaderboard = rankStaff([...byStaff.entries()].map(([staffId, c]) => ({ ...c, staffId, rate: executionRate(c), medianMinutesLate: lateBy.get(staffId) ?? null })))
    .map((s) => ({ ...s, name: names.get(s.staffId) ?? null }));
  const sopNames = new Map((await q.query<{ sop_id: string; name: string }>(`SELECT sop_id::text, name FROM sops WHERE workspace_id = $1`, [ws])).map((s) => [s.sop_id, s.name]));

  // Today (the workspace's calendar day of `now`): the staff member's list.
  const todayDate = localDate(r.timeZone, now);
  const todayStart = parseTimestamp(todayDate, r.timeZone);
  const todayEnd = parseEndOfDay(todayDate, r.timeZone);
  const yp: unknown[] = [ws, todayStart.ok ? iso(todayStart.instant) : iso(now), todayEnd.ok ? iso(todayEnd.instant) : iso(now)];
  const todayRows = await q.query<{ staff_id: string | null; status: string; n: string }>(
    `SELECT t.staff_id, t.status, count(*) AS n FROM outreach_tasks t
     WHERE t.workspace_id = $1 AND t.due_at >= $2::timestamptz AND t.due_at < $3::timestamptz AND t.status IN ('pending', 'sent', 'skipped')
       AND ${await taskWhere(yp)}
     GROUP BY 1, 2`, yp,
  );
  const today = { date: todayDate, pending: 0, sent: 0, skipped: 0, byStaff: [] as OperationsBoard['today']['byStaff'] };
  const todayBy = new Map<string, { pending: number; sent: number; skipped: number }>();
  for (const row of todayRows) {
    const k = n(row.n);
    const s = row.status as 'pending' | 'sent' | 'skipped';
    today[s] += k;
    const key = row.staff_id ?? '';
    const e = todayBy.get(key) ?? todayBy.set(key, { pending: 0, sent: 0, skipped: 0 }).get(key)!;
    e[s] += k;
  }
  today.byStaff = [...todayBy.entries()].map(([staffId, c]) => ({ staffId, name: names.get(staffId) ?? null, ...c })).sort((a, b) => b.pending - a.pending || a.staffId.localeCompare(b.staffId));

  // Mass messages due in the period: what became of each recipient.
  const mp: unknown[] = [ws, iso(r.from), iso(r.to)];
  const mStaff = staff === undefined ? 'true' : `x.staff_id = $${mp.push(staff)}`;
  const mCust = await customerFilter(q, ws, query, scope, 'x', mp);
  const massRows = await q.query<{ mass_message_id: string; title: string; due_at: Date | string; status: string; n: string }>(
    `SELECT m.mass_message_id, m.title, m.due_at, x.status, count(*) AS n
     FROM mass_messages m JOIN mass_message_recipients x ON x.workspace_id = m.workspace_id AND x.mass_message_id = m.mass_message_id
     WHERE m.workspace_id = $1 AND m.due_at >= $2::timestamptz AND m.due_at < $3::timestamptz AND ${mStaff} AND ${mCust}
     GROUP BY 1, 2, 3, 4`, mp,
  );
  const mass = new Map<number, OperationsBoard['byMass'][number]>();
  for (const row of massRows) {
    const id = n(row.mass_message_id);
    const e = mass.get(id) ?? mass.set(id, { massMessageId: id, title: row.title, dueAt: new Date(row.due_at).toISOString(), recipients: 0, sent: 0, pending: 0, failed: 0, suppressed: 0, excluded: 0, rate: null }).get(id)!;
    const k = n(row.n);
    e.recipients += k;
    const s = row.status as 'sent' | 'pending' | 'failed' | 'suppressed' | 'excluded';
    if (s in e) e[s] += k;
  }
  for (const e of mass.values()) e.rate = executionRate({ due: e.sent + e.pending + e.failed, sent: e.sent });

  // The contact ledger: touches delivered and refused by the contact policy, by reason.
  const cp: unknown[] = [ws, iso(r.prevFrom), iso(r.to), iso(r.from)];
  const cCust = await customerFilter(q, ws, query, scope, 'x', cp);
  const cStaff = staff === undefined ? 'true' : `(x.task_id IS NULL OR x.task_id IN (SELECT t.task_id FROM outreach_tasks t WHERE t.workspace_id = $1 AND t.staff_id = $${cp.push(staff)}))`;
  const touchRows = await q.query<{ cur: boolean; outcome: string; code: string | null; n: string }>(
    `SELECT x.at >= $4::timestamptz AS cur, x.outcome, x.code, count(*) AS n FROM contact_touches x
     WHERE x.workspace_id = $1 AND x.at >= $2::timestamptz AND x.at < $3::timestamptz AND ${cCust} AND ${cStaff}
     GROUP BY 1, 2, 3`, cp,
  );
  const t = { cur: new Map<string, number>(), prev: new Map<string, number>() };
  const reasons = new Map<string, { count: number; previous: number }>();
  for (const row of touchRows) {
    const m = row.cur ? t.cur : t.prev;
    m.set(row.outcome, (m.get(row.outcome) ?? 0) + n(row.n));
    if (row.outcome === 'suppressed') {
      const e = reasons.get(row.code ?? 'other') ?? reasons.set(row.code ?? 'other', { count: 0, previous: 0 }).get(row.code ?? 'other')!;
      if (row.cur) e.count += n(row.n); else e.previous += n(row.n);
    }
  }

  return {
    from: query.from, to: query.to, previous: r.previous, today,
    tasks: { ...totals.cur, rate: executionRate(totals.cur), previous: { ...totals.prev, rate: executionRate(totals.prev) } },
    leaderboard,
    bySop: [...bySop.entries()].map(([sopId, c]) => ({ sopId, name: sopNames.get(sopId) ?? null, due: c.due, sent: c.sent, rate: executionRate(c) }))
      .sort((a, b) => b.due - a.due || a.sopId.localeCompare(b.sopId)),
    byMass: [...mass.values()].sort((a, b) => b.dueAt.localeCompare(a.dueAt)),
    touches: {
      sent: compare(t.cur.get('sent') ?? 0, t.prev.get('sent') ?? 0),
      suppressed: compare(t.cur.get('suppressed') ?? 0, t.prev.get('suppressed') ?? 0),
      planned: t.cur.get('planned') ?? 0, failed: t.cur.get('failed') ?? 0, cancelled: t.cur.get('cancelled') ?? 0,
      byReason: [...reasons.entries()].map(([code, v]) => ({ code, ...v })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    },
  };
}

/** operationsBoard, with JIT off on the server: compiling this query's expressions costs more than it saves. */
export const operationsBoard = (q: Queryable, ...args: Parameters<typeof operationsBoardIn> extends [Queryable, ...infer R] ? R : never) =>
  withoutJit(q, (tx) => operationsBoardIn(tx, ...args));
