/**
 * The follow-up log (跟进记录): what a staff member did with a customer (call, visit, chat,
 * other) and, optionally, the day to follow up next — which becomes one task for that day.
 * The note and its task are written in one transaction; the task's key is the note's id, so
 * the task exists exactly once however the note is retried or replayed.
 */
import { audit, visibleCustomerId, type Actor } from '../customers/index.ts';
import { createTasks } from '../outreach/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import { localToInstant } from '../shared/time.ts';
import type { Db, Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { dateText } from './record-store.ts';
import { checkDate, checkText, FOLLOWUP_TYPES, type FollowupType } from './values.ts';

export const NOTE_MAX = 2000;
/** The task of a next follow-up day falls due at this local hour. */
export const FOLLOWUP_HOUR = 10;

export interface Followup {
  followupId: number;
  customerId: number;
  staffId: string;
  type: FollowupType;
  note: string;
  nextOn: string | null;
  task: { taskId: number; status: string; dueAt: string } | null;
  createdAt: string;
}

export interface FollowupInput {
  type: FollowupType;
  note: string;
  nextOn?: string | null | undefined;
  /** Who followed up; staff callers are always themselves. Default: the customer's owner. */
  staffId?: string | undefined;
}

interface Row {
  followup_id: number; customer_id: number; staff_id: string; type: FollowupType; note: string; next_on: unknown;
  task_id: number | null; task_status: string | null; task_due: Date | null; created_at: Date;
}

const toFollowup = (r: Row): Followup => ({
  followupId: Number(r.followup_id),
  customerId: Number(r.customer_id),
  staffId: r.staff_id,
  type: r.type,
  note: r.note,
  nextOn: dateText(r.next_on),
  task: r.task_id === null ? null : { taskId: Number(r.task_id), status: r.task_status ?? 'unknown', dueAt: new Date(r.task_due!).toISOString() },
  createdAt: new Date(r.created_at).toISOString(),
});

const SELECT = `SELECT f.followup_id, f.customer_id, f.staff_id, f.type, f.note, f.next_on, f.task_id, t.status AS task_status, t.due_at AS task_due, f.created_at
  FROM customer_followups f LEFT JOIN outreach_tasks t ON t.workspace_id = f.workspace_id AND t.task_id = f.task_id`;

export async function listFollowups(db: Queryable, ws: string, requestedId: number, opts: { scope?: CustomerScope; limit?: number } = {}): Promise<Followup[]> {
  const id = await visibleCustomerId(db, ws, requestedId, opts.scope ?? ALL_CUSTOMERS);
  const rows = await db.query<Row>(`${SELECT} WHERE f.workspace_id = $1 AND f.customer_id = $2 ORDER BY f.created_at DESC, f.followup_id DESC LIMIT $3`,
    [ws, id, opts.limit ?? 100]);
  return rows.map(toFollowup);
}

/** Check a follow-up; every problem at once, naming the field. Pure. */
export function checkFollowup(input: FollowupInput, today: string): { ok: true; note: string; nextOn: string | null } | { ok: false; reason: string } {
  const problems: string[] = [];
  if (!FOLLOWUP_TYPES.includes(input.type)) problems.push(`type: "${input.type}" is not one of ${FOLLOWUP_TYPES.join(', ')}`);
  const note = checkText(input.note, NOTE_MAX);
  if (!note.ok) problems.push(`note: ${note.reason}`);
  else if (note.value === null) problems.push('note: is empty; say what happened');
  let nextOn: string | null = null;
  if (input.nextOn) {
    const d = checkDate(input.nextOn);
    if (!d.ok) problems.push(`nextOn: "${input.nextOn}" ${d.reason}`);
    else if (d.value < today) problems.push(`nextOn: ${d.value} is before today (${today})`);
    else nextOn = d.value;
  }
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return { ok: true, note: (note as { value: string }).value, nextOn };
}

export async function addFollowup(
  db: Db, ws: string, requestedId: number, input: FollowupInput,
  opts: { scope?: CustomerScope; actor: Actor; now: number; today: string },
): Promise<Followup> {
  const scope = opts.scope ?? ALL_CUSTOMERS;
  const c = checkFollowup(input, opts.today);
  if (!c.ok) throw new SiyuError('validation_failed', c.reason);
  const id = await visibleCustomerId(db, ws, requestedId, scope);
  const workspace = await requireWorkspace(db, ws);
  return db.transaction(async (tx) => {
    const [owner] = await tx.query<{ owner: string | null }>(
      `SELECT COALESCE(c.owner_staff, a.added_by_staff) AS owner FROM customers c
       LEFT JOIN customer_aggregates a USING (workspace_id, customer_id) WHERE c.workspace_id = $1 AND c.customer_id = $2`, [ws, id]);
    const staffId = scope.kind === 'staff' ? scope.staffId : input.staffId ?? owner?.owner ?? null;
    if (!staffId) throw new SiyuError('validation_failed', `staffId: customer ${id} has no owner; name the staff member who followed up`);
    const [row] = await tx.query<{ followup_id: number }>(
      `INSERT INTO customer_followups (workspace_id, customer_id, staff_id, type, note, next_on, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7) RETURNING followup_id`,
      [ws, id, staffId, input.type, c.note, c.nextOn, new Date(opts.now).toISOString()]);
    const followupId = Number(row!.followup_id);
    if (c.nextOn) {
      const [y, m, d] = c.nextOn.split('-').map(Number) as [number, number, number];
      const due = Math.max(localToInstant(workspace.timeZone, y, m, d, FOLLOWUP_HOUR), opts.now);
      const made = await createTasks(tx, ws, [{
        customerId: id, staffId, kind: 'manual', purpose: 'service', channel: 'private_chat',
        title: `跟进 / Follow up: ${c.note.slice(0, 40)}`, content: c.note, dueAt: new Date(due),
        dedupeKey: `followup:${followupId}`, source: { type: 'staff', id: staffId },
      }], new Date(opts.now));
      const task = made.created[0];
      if (task) await tx.query(`UPDATE customer_followups SET task_id = $3 WHERE workspace_id = $1 AND followup_id = $2`, [ws, followupId, task.taskId]);
    }
    await audit(tx, ws, opts.actor, 'customer.followup_added', id, { followupId, type: input.type, nextOn: c.nextOn });
    const [out] = await tx.query<Row>(`${SELECT} WHERE f.workspace_id = $1 AND f.followup_id = $2`, [ws, followupId]);
    return toFollowup(out!);
  });
}
