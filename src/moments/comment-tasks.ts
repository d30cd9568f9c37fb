/**
 * "Comment thoughtfully on this customer's Moments" (认真评论客户朋友圈): for strangers and
 * acquaintances (L0/L1) seed 000's goal is to be remembered, not to sell — so their owners get
 * a service task on the Moments channel, at most one per customer and ISO week.
 */
import { createTasks, type TaskDraft } from '../outreach/index.ts';
import { scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Db } from '../store/db.ts';

export interface CommentTasksInput {
  now: Date;
  /** Only this staff member's customers. */
  staffId?: string | undefined;
  trustLevels?: number[] | undefined;
  limit?: number | undefined;
  scope: CustomerScope;
}

/** 2026-W50: one comment task per customer and week. */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export async function createMomentCommentTasks(db: Db, ws: string, input: CommentTasksInput): Promise<{ created: number; duplicates: number; customers: number }> {
  const levels = input.trustLevels ?? [0, 1];
  const sc = scopeCondition(input.scope, 'c', 4);
  const rows = await db.query<{ customer_id: number; staff_id: string; name: string | null }>(
    `SELECT c.customer_id, COALESCE(c.owner_staff, a.added_by_staff) AS staff_id, COALESCE(c.name, a.name) AS name FROM customers c
     JOIN customer_models m ON m.workspace_id = c.workspace_id AND m.customer_id = c.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND m.trust_level = ANY($2::int[])
       AND COALESCE(c.owner_staff, a.added_by_staff) IS NOT NULL AND ($3::text IS NULL OR COALESCE(c.owner_staff, a.added_by_staff) = $3::text)
       AND ${sc.sql}
     ORDER BY c.customer_id LIMIT ${Math.min(Math.max(1, input.limit ?? 500), 5000)}`,
    [ws, levels, input.staffId ?? null, ...sc.params],
  );
  const week = isoWeek(input.now);
  const drafts: TaskDraft[] = rows.map((r) => ({
    customerId: Number(r.customer_id), staffId: r.staff_id, kind: 'care', purpose: 'service', channel: 'moments',
    title: '评论客户朋友圈', content: `去看看${r.name ?? '这位客户'}最近的朋友圈，挑一条认真评论（聊对方的生活，不推销）。`,
    dueAt: input.now, dedupeKey: `moment-comment:${r.customer_id}:${week}`, source: { type: 'api', id: 'moments' },
  }));
  if (drafts.length === 0) return { created: 0, duplicates: 0, customers: 0 };
  const made = await db.transaction((tx) => createTasks(tx, ws, drafts, input.now));
  return { created: made.created.length, duplicates: made.duplicates, customers: rows.length };
}
