/**
 * Following a mass message after it was sent: per-staff progress, the recipient list, and
 * results reported back (the WeCom integration marks who it delivered to).
 */
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import type { MassMessagePlan } from './mass.ts';
import type { Channel, Purpose } from './policy.ts';
import { setTaskStatus, type TaskStatus } from './tasks.ts';

export type RecipientStatus = 'pending' | 'sent' | 'failed' | 'suppressed' | 'excluded';

export interface MassMessage {
  massMessageId: number;
  title: string;
  content: string;
  contentKey: string;
  purpose: Purpose;
  channel: Channel;
  audience: unknown;
  dueAt: string;
  createdAt: string;
  createdBy: { kind: string; id: string | null };
  counts: Omit<MassMessagePlan, 'seconds'> | Record<string, never>;
}

export interface StaffProgress {
  staffId: string;
  staffName: string | null;
  taskId: number | null;
  taskStatus: TaskStatus | null;
  pending: number;
  sent: number;
  failed: number;
  suppressed: number;
  excluded: number;
}

export interface Recipient {
  customerId: number;
  name: string | null;
  staffId: string | null;
  status: RecipientStatus;
  code: string | null;
  reason: string | null;
  content: string | null;
  updatedAt: string;
}

const iso = (v: unknown) => new Date(v as string).toISOString();
const messageOf = (r: Record<string, unknown>): MassMessage => ({
  massMessageId: Number(r.mass_message_id), title: r.title as string, content: r.content as string, contentKey: r.content_key as string,
  purpose: r.purpose as Purpose, channel: r.channel as Channel, audience: r.audience, dueAt: iso(r.due_at), createdAt: iso(r.created_at),
  createdBy: { kind: r.actor_kind as string, id: r.actor_id as string | null }, counts: r.counts as MassMessage['counts'],
});

export async function listMassMessages(
  q: Queryable, ws: string, opts: { limit?: number; before?: number; scope?: CustomerScope } = {},
): Promise<{ items: MassMessage[]; nextBefore: number | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
  const staffId = opts.scope?.kind === 'staff' ? opts.scope.staffId : null;
  // Staff: the mass messages they have a part in (their recipients), with that part's counts.
  const rows = await q.query<Record<string, unknown>>(
    `SELECT * FROM mass_messages m WHERE m.workspace_id = $1 AND ($2::bigint IS NULL OR m.mass_message_id < $2::bigint)
       AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM mass_message_recipients r
         WHERE r.workspace_id = m.workspace_id AND r.mass_message_id = m.mass_message_id AND r.staff_id = $4::text))
     ORDER BY m.mass_message_id DESC LIMIT $3::int`,
    [ws, opts.before ?? null, limit + 1, staffId],
  );
  const items = rows.slice(0, limit).map(messageOf);
  if (staffId !== null) await ownCounts(q, ws, items, staffId);
  return { items, nextBefore: rows.length > limit ? items.at(-1)!.massMessageId : null };
}

/**
 * A staff member sees their own part of a mass message, not the whole send: the counts are
 * replaced by those of their recipients (audience, recipients, exclusions, suppressions by
 * reason, their task), computed in the SQL from their rows alone.
 */
async function ownCounts(q: Queryable, ws: string, items: MassMessage[], staffId: string): Promise<void> {
  if (items.length === 0) return;
  const rows = await q.query<{ mass_message_id: number | string; status: RecipientStatus; code: string | null; reason: string | null; n: number | string }>(
    `SELECT r.mass_message_id, r.status, r.code, min(r.reason) AS reason, count(*) AS n FROM mass_message_recipients r
     WHERE r.workspace_id = $1 AND r.mass_message_id = ANY($2::bigint[]) AND r.staff_id = $3::text
     GROUP BY r.mass_message_id, r.status, r.code`,
    [ws, items.map((i) => i.massMessageId), staffId],
  );
  const tasks = await q.query<{ mass_message_id: number | string; task_id: number | string }>(
    `SELECT mass_message_id, task_id FROM outreach_tasks
     WHERE workspace_id = $1 AND mass_message_id = ANY($2::bigint[]) AND staff_id = $3::text AND customer_id IS NULL`,
    [ws, items.map((i) => i.massMessageId), staffId],
  );
  const [staff] = await q.query<{ name: string }>(`SELECT name FROM staff WHERE workspace_id = $1 AND staff_id = $2`, [ws, staffId]);
  for (const item of items) {
    const stored = item.counts as Partial<MassMessagePlan>;
    const mine = rows.filter((r) => Number(r.mass_message_id) === item.massMessageId);
    const sum = (f: (r: (typeof mine)[number]) => boolean) => mine.filter(f).reduce((s, r) => s + Number(r.n), 0);
    const byReason = mine.filter((r) => r.status === 'suppressed').map((r) => {
      const [en, zh] = (r.reason ?? '').split(' / ');
      return { code: r.code, zh: zh ?? '', en: en ?? '', count: Number(r.n), samples: [] };
    }).sort((a, b) => b.count - a.count);
    const recipients = sum((r) => r.status === 'pending' || r.status === 'sent' || r.status === 'failed');
    const task = tasks.find((t) => Number(t.mass_message_id) === item.massMessageId);
    item.counts = {
      massMessageId: item.massMessageId, dryRun: false, contentKey: item.contentKey, dueAt: stored.dueAt ?? item.dueAt, deferred: stored.deferred ?? false,
      audience: sum(() => true),
      excluded: { alreadyReceived: sum((r) => r.code === 'already_received'), noStaff: 0 },
      suppressed: { total: sum((r) => r.status === 'suppressed'), byReason } as MassMessagePlan['suppressed'],
      recipients,
      perStaff: recipients > 0 || task ? [{ staffId, staffName: staff?.name ?? null, recipients, taskId: task ? Number(task.task_id) : null }] : [],
    };
  }
}

/** One mass message with per-staff progress and a page of its recipients, within the scope. */
export async function getMassMessage(
  q: Queryable, ws: string, massMessageId: number,
  opts: { scope: CustomerScope; staffId?: string; status?: RecipientStatus; limit?: number; afterCustomerId?: number },
): Promise<MassMessage & { progress: StaffProgress[]; recipients: Recipient[]; nextAfter: number | null }> {
  const staffId = opts.scope.kind === 'staff' ? opts.scope.staffId : null;
  // Staff: only a mass message they have a part in, and only that part (their recipients).
  const [row] = await q.query<Record<string, unknown>>(
    `SELECT * FROM mass_messages m WHERE m.workspace_id = $1 AND m.mass_message_id = $2::bigint
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM mass_message_recipients r
         WHERE r.workspace_id = m.workspace_id AND r.mass_message_id = m.mass_message_id AND r.staff_id = $3::text))`,
    [ws, massMessageId, staffId],
  );
  if (!row) throw new SiyuError('not_found', `mass message ${massMessageId} does not exist in workspace "${ws}"`);
  const params: unknown[] = [ws, massMessageId];
  const where = ['r.workspace_id = $1', 'r.mass_message_id = $2::bigint'];
  if (staffId !== null) {
    params.push(staffId);
    where.push(`r.staff_id = $${params.length}::text`);
  }
  const progressRows = await q.query<Record<string, unknown>>(
    `SELECT r.staff_id, s.name AS staff_name, t.task_id, t.status AS task_status,
       count(*) FILTER (WHERE r.status = 'pending') AS pending, count(*) FILTER (WHERE r.status = 'sent') AS sent,
       count(*) FILTER (WHERE r.status = 'failed') AS failed, count(*) FILTER (WHERE r.status = 'suppressed') AS suppressed,
       count(*) FILTER (WHERE r.status = 'excluded') AS excluded
     FROM mass_message_recipients r
     LEFT JOIN staff s ON s.workspace_id = r.workspace_id AND s.staff_id = r.staff_id
     LEFT JOIN outreach_tasks t ON t.workspace_id = r.workspace_id AND t.mass_message_id = r.mass_message_id AND t.staff_id = r.staff_id AND t.customer_id IS NULL
     WHERE ${where.join(' AND ')} AND r.staff_id IS NOT NULL GROUP BY r.staff_id, s.name, t.task_id, t.status ORDER BY r.staff_id`,
    params,
  );
  const progress = progressRows.map((r) => ({
    staffId: r.staff_id as string, staffName: r.staff_name as string | null, taskId: r.task_id == null ? null : Number(r.task_id),
    taskStatus: r.task_status as TaskStatus | null, pending: Number(r.pending), sent: Number(r.sent), failed: Number(r.failed),
    suppressed: Number(r.suppressed), excluded: Number(r.excluded),
  }));
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const rp = [...params];
  const rw = [...where];
  if (opts.staffId) { rp.push(opts.staffId); rw.push(`r.staff_id = $${rp.length}::text`); }
  if (opts.status) { rp.push(opts.status); rw.push(`r.status = $${rp.length}::text`); }
  rp.push(opts.afterCustomerId ?? 0, limit + 1);
  const rows = await q.query<Record<string, unknown>>(
    `SELECT r.customer_id, c.name, r.staff_id, r.status, r.code, r.reason, r.content, r.updated_at
     FROM mass_message_recipients r LEFT JOIN customers c ON c.workspace_id = r.workspace_id AND c.customer_id = r.customer_id
     WHERE ${rw.join(' AND ')} AND r.customer_id > $${rp.length - 1}::bigint ORDER BY r.customer_id LIMIT $${rp.length}::int`,
    rp,
  );
  const recipients = rows.slice(0, limit).map((r) => ({
    customerId: Number(r.customer_id), name: r.name as string | null, staffId: r.staff_id as string | null, status: r.status as RecipientStatus,
    code: r.code as string | null, reason: r.reason as string | null, content: r.content as string | null, updatedAt: iso(r.updated_at),
  }));
  const message = messageOf(row);
  if (staffId !== null) await ownCounts(q, ws, [message], staffId);
  return { ...message, progress, recipients, nextAfter: rows.length > limit ? recipients.at(-1)!.customerId : null };
}

/**
 * Results for one staff member's recipients (delivered or not). Only pending recipients
 * change; when none is left pending the staff member's task is settled too: sent when
 * anyone got it, else failed.
 */
export async function recordRecipientResults(
  q: Queryable, ws: string, massMessageId: number, staffId: string,
  results: { customerId: number; status: 'sent' | 'failed'; reason?: string }[], opts: { actor?: Actor; now?: Date } = {},
): Promise<{ updated: number; ignored: number; taskStatus: TaskStatus | null }> {
  const now = opts.now ?? new Date();
  for (const [i, r] of results.entries()) {
    if (r.status !== 'sent' && r.status !== 'failed') throw new SiyuError('validation_failed', `results[${i}].status: must be sent or failed`);
  }
  const updated = results.length === 0 ? [] : await q.query<{ customer_id: number; status: string }>(
    `UPDATE mass_message_recipients r SET status = u.st, reason = COALESCE(u.re, r.reason), updated_at = $6::timestamptz
     FROM unnest($4::bigint[], $5::text[], $7::text[]) AS u(c, st, re)
     WHERE r.workspace_id = $1 AND r.mass_message_id = $2::bigint AND r.staff_id = $3 AND r.customer_id = u.c AND r.status = 'pending'
     RETURNING r.customer_id, r.status`,
    [ws, massMessageId, staffId, results.map((r) => r.customerId), results.map((r) => r.status), now.toISOString(), results.map((r) => r.reason ?? null)],
  );
  if (updated.length > 0) {
    await q.query(
      `UPDATE contact_touches t SET outcome = u.st FROM unnest($3::bigint[], $4::text[]) AS u(c, st)
       WHERE t.workspace_id = $1 AND t.mass_message_id = $2::bigint AND t.customer_id = u.c AND t.outcome = 'planned'`,
      [ws, massMessageId, updated.map((r) => r.customer_id), updated.map((r) => r.status)],
    );
  }
  const [left] = await q.query<{ pending: number; sent: number }>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'sent')::int AS sent
     FROM mass_message_recipients WHERE workspace_id = $1 AND mass_message_id = $2::bigint AND staff_id = $3`,
    [ws, massMessageId, staffId],
  );
  const [task] = await q.query<{ task_id: number; status: TaskStatus }>(
    `SELECT task_id, status FROM outreach_tasks WHERE workspace_id = $1 AND mass_message_id = $2::bigint AND staff_id = $3 AND customer_id IS NULL`,
    [ws, massMessageId, staffId],
  );
  let taskStatus = task?.status ?? null;
  if (task && task.status === 'pending' && left && left.pending === 0) {
    const status = left.sent > 0 ? 'sent' : 'failed';
    taskStatus = (await setTaskStatus(q, ws, Number(task.task_id), status, opts.actor ?? { kind: 'system', id: 'recipient-results' }, 'all recipients reported', now)).status;
  }
  return { updated: updated.length, ignored: results.length - updated.length, taskStatus };
}
