/**
 * Execution per staff member (the operations board, DESIGN §2.7): of the tasks due in a
 * window, how many were sent, skipped, failed, or are still pending past their day.
 * execution rate = sent / (sent + skipped + failed + overdue pending).
 */
import { scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { todayBounds } from './tasks.ts';

export interface StaffStats {
  staffId: string | null;
  staffName: string | null;
  tasks: number;
  sent: number;
  skipped: number;
  failed: number;
  pending: number;
  /** Pending and due before today. */
  overdue: number;
  suppressed: number;
  cancelled: number;
  /** 0–1, null when nothing was due yet. */
  executionRate: number | null;
}

export interface SuppressionCount { code: string; reason: string; count: number }

export async function staffStats(
  q: Queryable, ws: string, opts: { now: Date; from?: Date; to?: Date; staffId?: string; scope?: CustomerScope },
): Promise<{ from: string; to: string; staff: StaffStats[]; suppressed: SuppressionCount[] }> {
  const { timeZone } = await requireWorkspace(q, ws);
  const to = opts.to ?? opts.now;
  const from = opts.from ?? new Date(to.getTime() - 7 * 86_400_000);
  const { start } = todayBounds(timeZone, opts.now.getTime());
  const params: unknown[] = [ws, from.toISOString(), to.toISOString(), new Date(start).toISOString()];
  const where = ['t.workspace_id = $1', 't.due_at >= $2::timestamptz', 't.due_at < $3::timestamptz'];
  if (opts.staffId) { params.push(opts.staffId); where.push(`t.staff_id = $${params.length}::text`); }
  if (opts.scope?.kind === 'staff') {
    const sc = scopeCondition(opts.scope, 't', params.length + 1);
    params.push(...sc.params);
    where.push(`(t.staff_id = $${params.length}::text OR (t.customer_id IS NOT NULL AND ${sc.sql}))`);
  }
  const rows = await q.query<Record<string, string | number | null>>(
    `SELECT t.staff_id, s.name AS staff_name, count(*) AS tasks,
       count(*) FILTER (WHERE t.status = 'sent') AS sent, count(*) FILTER (WHERE t.status = 'skipped') AS skipped,
       count(*) FILTER (WHERE t.status = 'failed') AS failed, count(*) FILTER (WHERE t.status = 'pending') AS pending,
       count(*) FILTER (WHERE t.status = 'pending' AND t.due_at < $4::timestamptz) AS overdue,
       count(*) FILTER (WHERE t.status = 'suppressed') AS suppressed, count(*) FILTER (WHERE t.status = 'cancelled') AS cancelled
     FROM outreach_tasks t LEFT JOIN staff s ON s.workspace_id = t.workspace_id AND s.staff_id = t.staff_id
     WHERE ${where.join(' AND ')} GROUP BY t.staff_id, s.name ORDER BY t.staff_id NULLS LAST`,
    params,
  );
  const staff = rows.map((r) => {
    const n = (k: string) => Number(r[k] ?? 0);
    const done = n('sent') + n('skipped') + n('failed') + n('overdue');
    return {
      staffId: r.staff_id as string | null, staffName: r.staff_name as string | null, tasks: n('tasks'), sent: n('sent'), skipped: n('skipped'),
      failed: n('failed'), pending: n('pending'), overdue: n('overdue'), suppressed: n('suppressed'), cancelled: n('cancelled'),
      executionRate: done === 0 ? null : n('sent') / done,
    };
  });
  const suppressed = opts.scope?.kind === 'staff' || opts.staffId ? [] : await suppressionCounts(q, ws, from, to);
  return { from: from.toISOString(), to: to.toISOString(), staff, suppressed };
}

/** Touches the policy refused in a window, by reason (tasks and mass-message recipients alike). */
export async function suppressionCounts(q: Queryable, ws: string, from: Date, to: Date): Promise<SuppressionCount[]> {
  const rows = await q.query<{ code: string; reason: string; count: string | number }>(
    `SELECT code, min(reason) AS reason, count(*) AS count FROM contact_touches
     WHERE workspace_id = $1 AND outcome = 'suppressed' AND created_at >= $2::timestamptz AND created_at < $3::timestamptz
     GROUP BY code ORDER BY count(*) DESC, code`,
    [ws, from.toISOString(), to.toISOString()],
  );
  return rows.map((r) => ({ code: r.code, reason: r.reason, count: Number(r.count) }));
}
