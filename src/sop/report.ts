/** What an SOP has done: per-step counts of deliveries by status, and the latest ones. */
import { scopeCondition, ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { getSop } from './sops.ts';

export interface SopDeliveryReport {
  sopId: number;
  name: string;
  enrollments: { open: number; total: number };
  steps: { key: string; title: string | null; scheduled: number; due: number; suppressed: number; cancelled: number; removed: boolean }[];
  recent: { customerId: number; name: string | null; stepKey: string; round: number; status: string; dueAt: string; taskId: string | null; reason: string | null }[];
}

export async function sopDeliveries(
  q: Queryable, ws: string, ref: string | number, opts: { scope?: CustomerScope; limit?: number; status?: string } = {},
): Promise<SopDeliveryReport> {
  const sop = await getSop(q, ws, ref);
  const sc = scopeCondition(opts.scope ?? ALL_CUSTOMERS, 'd', 3);
  const counts = await q.query<{ step_key: string; status: string; n: number }>(
    `SELECT d.step_key, d.status, count(*)::int AS n FROM sop_deliveries d
     WHERE d.workspace_id = $1 AND d.sop_id = $2 AND ${sc.sql} GROUP BY d.step_key, d.status`,
    [ws, sop.sopId, ...sc.params],
  );
  const se = scopeCondition(opts.scope ?? ALL_CUSTOMERS, 'd', 3);
  const [enr] = await q.query<{ open: number; total: number }>(
    `SELECT count(*) FILTER (WHERE d.left_at IS NULL)::int AS open, count(*)::int AS total FROM sop_enrollments d
     WHERE d.workspace_id = $1 AND d.sop_id = $2 AND ${se.sql}`,
    [ws, sop.sopId, ...se.params],
  );
  const params: unknown[] = [ws, sop.sopId, ...sc.params];
  let statusCond = '';
  if (opts.status) { params.push(opts.status); statusCond = `AND d.status = $${params.length}::text`; }
  params.push(Math.min(Math.max(opts.limit ?? 50, 1), 1000));
  const recent = await q.query<{ customer_id: number; name: string | null; step_key: string; round: number; status: string; due_at: Date; task_id: string | null; reason: string | null }>(
    `SELECT d.customer_id, COALESCE(c.name, a.name) AS name, d.step_key, d.round, d.status, d.due_at, d.task_id, d.reason FROM sop_deliveries d
     LEFT JOIN customers c ON c.workspace_id = d.workspace_id AND c.customer_id = d.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = d.workspace_id AND a.customer_id = d.customer_id
     WHERE d.workspace_id = $1 AND d.sop_id = $2 AND ${sc.sql} ${statusCond}
     ORDER BY d.due_at DESC, d.customer_id LIMIT $${params.length}::int`,
    params,
  );
  const keys = [...sop.definition.steps.map((s) => s.key)];
  for (const c of counts) if (!keys.includes(c.step_key)) keys.push(c.step_key);
  const count = (key: string, status: string) => counts.find((c) => c.step_key === key && c.status === status)?.n ?? 0;
  return {
    sopId: sop.sopId,
    name: sop.name,
    enrollments: { open: enr?.open ?? 0, total: enr?.total ?? 0 },
    steps: keys.map((key) => {
      const step = sop.definition.steps.find((s) => s.key === key);
      return {
        key, title: step?.title ?? null, removed: !step,
        scheduled: count(key, 'scheduled'), due: count(key, 'due'), suppressed: count(key, 'suppressed'), cancelled: count(key, 'cancelled'),
      };
    }),
    recent: recent.map((r) => ({
      customerId: r.customer_id, name: r.name, stepKey: r.step_key, round: r.round, status: r.status, dueAt: r.due_at.toISOString(), taskId: r.task_id, reason: r.reason,
    })),
  };
}
