/**
 * Service quality from the event log: first-response time per staff member (the customer
 * wrote first), complaints by reason and staff, and the worker step that gives an owner a
 * service task when a customer's message waits too long — at most one per conversation,
 * whatever the number of workers (the task's dedupe key is the conversation).
 */
import { z } from '@hono/zod-openapi';
import { createTasks } from '../outreach/index.ts';
import { withoutJit } from '../audiences/index.ts';
import type { CustomerScope } from '../shared/scope.ts';
import type { Db, Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { compare } from './operations.ts';
import { boardQuerySchema, boardRange, customerFilter, type BoardQuery } from './operations-store.ts';
import {
  owedServiceTask, parseServiceHours, summariseResponsiveness, DEFAULT_SERVICE_HOURS, DEFAULT_UNANSWERED_MINUTES,
  type Ask, type ResponseFigures, type ServiceHours,
} from './responsiveness.ts';
import { SiyuError } from '../shared/errors.ts';

export const responsivenessQuerySchema = boardQuerySchema.extend({
  hours: z.string().max(10).optional().openapi({ example: '9-18', description: 'service hours, local START-END (default 9-18); waits count only inside them' }),
}).strict();
export type ResponsivenessQuery = z.infer<typeof responsivenessQuerySchema>;

const iso = (ms: number) => new Date(ms).toISOString();
const OWNER = 'COALESCE(c.owner_staff, ag.added_by_staff)';

function hoursOf(text: string | undefined): ServiceHours {
  if (text === undefined) return DEFAULT_SERVICE_HOURS;
  const h = parseServiceHours(text);
  if (!h.ok) throw new SiyuError('validation_failed', `hours: ${h.reason}`, { path: 'hours' });
  return h.hours;
}

/** Customer-first messages in [from, to) with their first staff answer, in the caller's scope. */
async function asksBetween(q: Queryable, ws: string, query: BoardQuery, scope: CustomerScope, from: number, to: number): Promise<Ask[]> {
  const params: unknown[] = [ws, iso(from), iso(to)];
  const cust = await customerFilter(q, ws, query, scope, 'e', params);
  const staff = scope.kind === 'staff' ? scope.staffId : query.staff;
  const byStaff = staff === undefined ? 'true' : `COALESCE(a.answered_by, ${OWNER}) = $${params.push(staff)}`;
  // An ask: a customer's message that opens a conversation or follows the staff's last word
  // (messages up to two days before the range tell which). Its answer: the next staff
  // message of the conversation, found in the same pass (a window), not by a lookup per ask.
  const rows = await q.query<{ staff_id: string | null; asked_at: Date | string; answered_at: Date | string | null }>(
    `WITH m AS (
       SELECT e.workspace_id, e.customer_id, e.occurred_at, e.type,
              lag(e.type) OVER w AS prev,
              min(e.occurred_at) FILTER (WHERE e.type = 'message.sent') OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS answered_at,
              (array_agg(e.staff_id) FILTER (WHERE e.type = 'message.sent') OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING))[1] AS answered_by
       FROM events e
       WHERE e.workspace_id = $1 AND e.type IN ('message.received', 'message.sent') AND e.conversation_id IS NOT NULL
         AND COALESCE(e.data ->> 'chatType', 'private') = 'private'
         AND e.occurred_at >= $2::timestamptz - interval '2 days' AND e.occurred_at < $3::timestamptz + interval '3 days'
         AND ${cust}
       WINDOW w AS (PARTITION BY e.customer_id, e.conversation_id ORDER BY e.occurred_at, e.event_id)
     )
     SELECT COALESCE(a.answered_by, ${OWNER}) AS staff_id, a.occurred_at AS asked_at, a.answered_at
     FROM m a
     JOIN customers c ON c.workspace_id = a.workspace_id AND c.customer_id = a.customer_id
     LEFT JOIN customer_aggregates ag ON ag.workspace_id = c.workspace_id AND ag.customer_id = c.customer_id
     WHERE a.type = 'message.received' AND (a.prev IS NULL OR a.prev = 'message.sent')
       AND a.occurred_at >= $2::timestamptz AND a.occurred_at < $3::timestamptz AND ${byStaff}`,
    params,
  );
  return rows.map((r) => ({ staffId: r.staff_id, askedAt: new Date(r.asked_at).getTime(), answeredAt: r.answered_at === null ? null : new Date(r.answered_at).getTime() }));
}

export interface ResponsivenessBoard {
  from: string; to: string; previous: { from: string; to: string }; hours: ServiceHours;
  total: ResponseFigures & { previous: ResponseFigures };
  staff: (ResponseFigures & { staffId: string | null; name: string | null; previousMedianMinutes: number | null })[];
  weekly: (ResponseFigures & { week: string; staffId: string | null })[];
}

async function responsivenessBoardIn(q: Queryable, ws: string, query: ResponsivenessQuery, scope: CustomerScope): Promise<ResponsivenessBoard> {
  const r = await boardRange(q, ws, query);
  const hours = hoursOf(query.hours);
  const cur = summariseResponsiveness(await asksBetween(q, ws, query, scope, r.from, r.to), r.timeZone, hours);
  const prev = summariseResponsiveness(await asksBetween(q, ws, query, scope, r.prevFrom, r.from), r.timeZone, hours);
  const names = await staffNames(q, ws);
  const prevBy = new Map(prev.staff.map((s) => [s.staffId, s.medianMinutes]));
  return {
    from: query.from, to: query.to, previous: r.previous, hours,
    total: { ...cur.total, previous: prev.total },
    staff: cur.staff.map((s) => ({ ...s, name: s.staffId === null ? null : names.get(s.staffId) ?? null, previousMedianMinutes: prevBy.get(s.staffId) ?? null })),
    weekly: cur.weekly,
  };
}

async function staffNames(q: Queryable, ws: string): Promise<Map<string, string>> {
  return new Map((await q.query<{ staff_id: string; name: string }>(`SELECT staff_id, name FROM staff WHERE workspace_id = $1`, [ws])).map((s) => [s.staff_id, s.name]));
}

export interface ComplaintsBoard {
  from: string; to: string; previous: { from: string; to: string };
  total: ReturnType<typeof compare>;
  byReason: { reason: string; count: number; previous: number }[];
  byStaff: { staffId: string | null; name: string | null; count: number; previous: number; reasons: { reason: string; count: number }[] }[];
}

/** complaint.filed by reason and by staff member (the event's, else the customer's owner), beside the period before. */
async function complaintsBoardIn(q: Queryable, ws: string, query: BoardQuery, scope: CustomerScope): Promise<ComplaintsBoard> {
  const r = await boardRange(q, ws, query);
  const params: unknown[] = [ws, iso(r.prevFrom), iso(r.to), iso(r.from)];
  const cust = await customerFilter(q, ws, query, scope, 'e', params);
  const staff = scope.kind === 'staff' ? scope.staffId : query.staff;
  const byStaff = staff === undefined ? 'true' : `COALESCE(e.staff_id, ${OWNER}) = $${params.push(staff)}`;
  const rows = await q.query<{ cur: boolean; reason: string; staff_id: string | null; n: string }>(
    `SELECT e.occurred_at >= $4::timestamptz AS cur, COALESCE(NULLIF(btrim(e.data ->> 'reason'), ''), '') AS reason,
            COALESCE(e.staff_id, ${OWNER}) AS staff_id, count(*) AS n
     FROM events e
     JOIN customers c ON c.workspace_id = e.workspace_id AND c.customer_id = e.customer_id
     LEFT JOIN customer_aggregates ag ON ag.workspace_id = c.workspace_id AND ag.customer_id = c.customer_id
     WHERE e.workspace_id = $1 AND e.type = 'complaint.filed' AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
       AND ${cust} AND ${byStaff}
     GROUP BY 1, 2, 3`, params,
  );
  const names = await staffNames(q, ws);
  const reasons = new Map<string, { count: number; previous: number }>();
  const staffMap = new Map<string | null, { count: number; previous: number; reasons: Map<string, number> }>();
  let cur = 0;
  let prev = 0;
  for (const row of rows) {
    const k = Number(row.n);
    const e = reasons.get(row.reason) ?? reasons.set(row.reason, { count: 0, previous: 0 }).get(row.reason)!;
    const s = staffMap.get(row.staff_id) ?? staffMap.set(row.staff_id, { count: 0, previous: 0, reasons: new Map() }).get(row.staff_id)!;
    if (row.cur) {
      cur += k; e.count += k; s.count += k;
      s.reasons.set(row.reason, (s.reasons.get(row.reason) ?? 0) + k);
    } else {
      prev += k; e.previous += k; s.previous += k;
    }
  }
  return {
    from: query.from, to: query.to, previous: r.previous, total: compare(cur, prev),
    byReason: [...reasons.entries()].map(([reason, v]) => ({ reason, ...v })).filter((x) => x.count + x.previous > 0)
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    byStaff: [...staffMap.entries()].map(([staffId, v]) => ({
      staffId, name: staffId === null ? null : names.get(staffId) ?? null, count: v.count, previous: v.previous,
      reasons: [...v.reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    })).sort((a, b) => b.count - a.count || (a.staffId ?? '').localeCompare(b.staffId ?? '')),
  };
}

export interface UnansweredOptions { minutes?: number; hours?: ServiceHours; limit?: number }

/**
 * The worker step: each private conversation whose last word is the customer's, waiting more
 * than N service-hour minutes (default 30), gets one service task for the customer's owner.
 * The task's dedupe key is the conversation, so a second worker, a retry or a restart after a
 * crash finds it made and makes none. Looks back three days; older silences are for the
 * churn list, not for a reminder.
 */
export async function createUnansweredTasks(db: Db, ws: string, now: number, opts: UnansweredOptions = {}): Promise<{ created: number; duplicates: number }> {
  const minutes = opts.minutes ?? DEFAULT_UNANSWERED_MINUTES;
  const hours = opts.hours ?? DEFAULT_SERVICE_HOURS;
  const { timeZone } = await requireWorkspace(db, ws);
  const rows = await db.query<{ customer_id: string | number; conversation_id: string; last_at: Date | string }>(
    `SELECT cv.customer_id, cv.conversation_id, cv.last_at FROM conversations cv
     WHERE cv.workspace_id = $1 AND cv.last_dir = 'customer'
       AND cv.last_at < $2::timestamptz - make_interval(mins => $3::int) AND cv.last_at > $2::timestamptz - interval '3 days'
       AND NOT EXISTS (SELECT 1 FROM outreach_tasks t WHERE t.workspace_id = cv.workspace_id
                       AND t.dedupe_key = 'unanswered:' || cv.customer_id::text || ':' || cv.conversation_id)
     ORDER BY cv.last_at LIMIT $4::int`,
    [ws, iso(now), minutes, opts.limit ?? 2000],
  );
  const owed = rows.filter((r) => owedServiceTask(new Date(r.last_at).getTime(), now, timeZone, minutes, hours));
  if (owed.length === 0) return { created: 0, duplicates: 0 };
  const r = await db.transaction((tx) => createTasks(tx, ws, owed.map((o) => {
    const waited = Math.round((now - new Date(o.last_at).getTime()) / 60_000);
    return {
      customerId: Number(o.customer_id), kind: 'care' as const, purpose: 'service' as const, channel: 'private_chat' as const,
      title: '客户消息待回复', content: `客户的消息已等待 ${waited} 分钟还没有回复，请尽快在私聊中回复（超过 ${minutes} 分钟未回复自动提醒）`,
      dueAt: new Date(now), dedupeKey: `unanswered:${o.customer_id}:${o.conversation_id}`, source: { type: 'service' as const, id: o.conversation_id },
    };
  }), new Date(now)));
  return { created: r.created.length, duplicates: r.duplicates };
}


/** responsivenessBoard, with JIT off on the server: compiling this query's expressions costs more than it saves. */
export const responsivenessBoard = (q: Queryable, ...args: Parameters<typeof responsivenessBoardIn> extends [Queryable, ...infer R] ? R : never) =>
  withoutJit(q, (tx) => responsivenessBoardIn(tx, ...args));

/** complaintsBoard, with JIT off on the server: compiling this query's expressions costs more than it saves. */
export const complaintsBoard = (q: Queryable, ...args: Parameters<typeof complaintsBoardIn> extends [Queryable, ...infer R] ? R : never) =>
  withoutJit(q, (tx) => complaintsBoardIn(tx, ...args));
