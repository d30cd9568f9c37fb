/**
 * One-click delivery of per-customer tasks (spec §4.15 add_msg_template, chat_type single):
 * a staff member's pending private-chat tasks due today — SOP steps, rule tasks, care and
 * follow-up reminders — are handed to WeCom, those with the same text together, so a
 * morning's steps are one confirmation in the client, not one per customer. Each task is
 * claimed into one send before WeCom is called (wecom_task_send_items' key), so two workers,
 * a retry or a kill -9 never create it twice; a send claimed but never answered stays
 * claimed and is reported, not repeated. Results are read back per customer
 * (get_groupmsg_send_result) into each task: sent, or failed with the reason.
 */
import { getContactPolicy, setTaskStatus } from '../outreach/index.ts';
import { localDate, localToInstant } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { WecomApiError, type WecomClient } from './client.ts';
import { defaultClientFactory, requireWecomConfig, type ClientFactory } from './config.ts';

const ACTOR = { kind: 'system' as const, id: 'wecom' };
const KINDS = ['sop_step', 'rule', 'care', 'manual'];
/** WeCom's send_result statuses other than 0 (not yet sent) and 1 (sent). */
const FAIL_REASONS: Record<number, string> = {
  2: 'not a friend of the sender any more / 客户已不是好友',
  3: 'the customer already received a mass message today / 客户今天已收到群发',
};

export interface TaskSendOptions {
  now?: number;
  clientFactory?: ClientFactory;
  client?: WecomClient;
  /** Only this staff member's tasks (a staff caller: always their own). */
  staffId?: string | undefined;
  /** Only these tasks (still pending, private chat, due today at the latest). */
  taskIds?: number[] | undefined;
}

export interface TaskSendReport {
  /** One per add_msg_template: the confirmations the staff members get. */
  sends: { sendId: number; staffId: string; msgid: string; tasks: number; refused: number }[];
  failed: { sendId: number; staffId: string; tasks: number; error: string }[];
  /** Pending tasks left alone: the customer is not a WeCom contact. */
  notContacts: number;
  /** Pending tasks left alone: the customer already has today's WeCom mass messages (contact policy). */
  overMassCap: number;
}

async function clientOf(db: Db, ws: string, opts: TaskSendOptions): Promise<WecomClient> {
  return opts.client ?? (opts.clientFactory ?? defaultClientFactory())(await requireWecomConfig(db, ws));
}

export async function sendTasksToWecom(db: Db, ws: string, opts: TaskSendOptions = {}): Promise<TaskSendReport> {
  const now = opts.now ?? Date.now();
  const { timeZone } = await requireWorkspace(db, ws);
  const [y, m, d] = localDate(timeZone, now).split('-').map(Number) as [number, number, number];
  const endOfToday = localToInstant(timeZone, y, m, d + 1);
  const startOfToday = localToInstant(timeZone, y, m, d);
  const report: TaskSendReport = { sends: [], failed: [], notContacts: 0, overMassCap: 0 };
  // WeCom counts every add_msg_template against the customer's mass-message cap (§4.15), so
  // the contact policy's daily mass limit holds here as for mass messages.
  const { massMessagesPerDay } = await getContactPolicy(db, ws);
  const rows = await db.query<{ task_id: number; customer_id: number; staff_id: string; content: string; ext: string | null; mass_today: number }>(
    `SELECT t.task_id, t.customer_id, t.staff_id, t.content,
            (SELECT min(i.value) FROM customer_identities i WHERE i.workspace_id = t.workspace_id AND i.customer_id = t.customer_id AND i.kind = 'external_user_id') AS ext,
            (SELECT count(*)::int FROM contact_touches ct WHERE ct.workspace_id = t.workspace_id AND ct.customer_id = t.customer_id AND ct.mass
               AND ct.channel = 'private_chat' AND ct.outcome IN ('planned', 'sent') AND ct.at >= $6 AND ct.at < $3
               AND ct.task_id IS DISTINCT FROM t.task_id) AS mass_today
     FROM outreach_tasks t
     WHERE t.workspace_id = $1 AND t.status = 'pending' AND t.channel = 'private_chat' AND t.kind = ANY($2::text[])
       AND t.customer_id IS NOT NULL AND t.staff_id IS NOT NULL AND t.due_at < $3
       AND ($4::text IS NULL OR t.staff_id = $4) AND ($5::bigint[] IS NULL OR t.task_id = ANY($5::bigint[]))
       AND NOT EXISTS (SELECT 1 FROM wecom_task_send_items s WHERE s.workspace_id = t.workspace_id AND s.task_id = t.task_id)
     ORDER BY t.staff_id, t.due_at, t.task_id LIMIT 5000`,
    [ws, KINDS, new Date(endOfToday).toISOString(), opts.staffId ?? null, opts.taskIds ?? null, new Date(startOfToday).toISOString()],
  );
  report.notContacts = rows.filter((r) => r.ext === null).length;
  const used = new Map<number, number>();
  // One template per staff member and text: WeCom sends one text to all its recipients.
  const batches = new Map<string, typeof rows>();
  for (const r of rows) {
    if (r.ext === null) continue;
    const today = used.get(r.customer_id) ?? Number(r.mass_today);
    if (massMessagesPerDay > 0 && today >= massMessagesPerDay) {
      report.overMassCap++;
      continue;
    }
    used.set(r.customer_id, today + 1);
    const key = `${r.staff_id}\u0000${r.content}`;
    batches.set(key, [...(batches.get(key) ?? []), r]);
  }
  if (batches.size === 0) return report;
  const client = await clientOf(db, ws, opts);
  for (const batch of batches.values()) {
    const { staff_id: staffId, content } = batch[0]!;
    // Claimed before the call: add_msg_template is not idempotent.
    const claim = await db.transaction(async (tx) => {
      const [s] = await tx.query<{ send_id: number }>(
        `INSERT INTO wecom_task_sends (workspace_id, staff_id, content, status, created_at) VALUES ($1, $2, $3, 'claimed', $4) RETURNING send_id`,
        [ws, staffId, content, new Date(now).toISOString()]);
      const sendId = Number(s!.send_id);
      const got = await tx.query<{ task_id: number; external_userid: string }>(
        `INSERT INTO wecom_task_send_items (workspace_id, task_id, send_id, customer_id, external_userid)
         SELECT $1, u.t, $2, u.c, u.e FROM unnest($3::bigint[], $4::bigint[], $5::text[]) AS u(t, c, e)
         ON CONFLICT (workspace_id, task_id) DO NOTHING RETURNING task_id, external_userid`,
        [ws, sendId, batch.map((b) => b.task_id), batch.map((b) => b.customer_id), batch.map((b) => b.ext)]);
      if (got.length === 0) {
        await tx.query(`DELETE FROM wecom_task_sends WHERE workspace_id = $1 AND send_id = $2`, [ws, sendId]);
        return undefined;
      }
      return { sendId, items: got.map((g) => ({ taskId: Number(g.task_id), ext: g.external_userid })) };
    });
    if (!claim) continue; // another worker has these tasks
    const exts = [...new Set(claim.items.map((i) => i.ext))];
    try {
      const r = await client.addMsgTemplate({ chat_type: 'single', sender: staffId, external_userid: exts, text: { content } });
      const refused = new Set(r.fail_list ?? []);
      await db.transaction(async (tx) => {
        await tx.query(`UPDATE wecom_task_sends SET status = 'created', msgid = $3 WHERE workspace_id = $1 AND send_id = $2`, [ws, claim.sendId, r.msgid]);
        // From now on these touches are WeCom mass messages for the daily limit.
        await tx.query(`UPDATE contact_touches SET mass = true WHERE workspace_id = $1 AND task_id = ANY($2::bigint[])`, [ws, claim.items.map((i) => i.taskId)]);
        for (const i of claim.items.filter((x) => refused.has(x.ext))) {
          await setTaskStatus(tx, ws, i.taskId, 'failed', ACTOR, 'WeCom refused the customer: not a contact of the sender / 不是该员工的客户', new Date(now));
        }
      });
      report.sends.push({ sendId: claim.sendId, staffId, msgid: r.msgid, tasks: claim.items.length, refused: claim.items.filter((x) => refused.has(x.ext)).length });
    } catch (err) {
      if (!(err instanceof WecomApiError)) throw err;
      await db.transaction(async (tx) => {
        await tx.query(`UPDATE wecom_task_sends SET status = 'failed', error = $3 WHERE workspace_id = $1 AND send_id = $2`, [ws, claim.sendId, err.message]);
        for (const i of claim.items) await setTaskStatus(tx, ws, i.taskId, 'failed', ACTOR, err.message.slice(0, 500), new Date(now));
      });
      report.failed.push({ sendId: claim.sendId, staffId, tasks: claim.items.length, error: err.message });
    }
  }
  return report;
}

export interface TaskResultsReport { checked: number; sent: number; failed: number; waiting: number }

/** Read the customers' results of created sends back into their tasks. */
export async function collectTaskResults(db: Db, ws: string, opts: TaskSendOptions = {}): Promise<TaskResultsReport> {
  const now = opts.now ?? Date.now();
  const report: TaskResultsReport = { checked: 0, sent: 0, failed: 0, waiting: 0 };
  const sends = await db.query<{ send_id: number; staff_id: string; msgid: string }>(
    `SELECT send_id, staff_id, msgid FROM wecom_task_sends WHERE workspace_id = $1 AND status = 'created' ORDER BY send_id LIMIT 200`, [ws]);
  if (sends.length === 0) return report;
  const client = await clientOf(db, ws, opts);
  for (const s of sends) {
    let list: Awaited<ReturnType<WecomClient['groupMsgSendResult']>>;
    try {
      list = await client.groupMsgSendResult(s.msgid, s.staff_id);
    } catch (err) {
      if (err instanceof WecomApiError && err.kind === 'pending') continue;
      throw err;
    }
    report.checked++;
    const status = new Map(list.filter((x) => x.external_userid).map((x) => [x.external_userid!, x.status]));
    await db.transaction(async (tx) => {
      const items = await tx.query<{ task_id: number; external_userid: string; status: string }>(
        `SELECT i.task_id, i.external_userid, t.status FROM wecom_task_send_items i
         JOIN outreach_tasks t ON t.workspace_id = i.workspace_id AND t.task_id = i.task_id
         WHERE i.workspace_id = $1 AND i.send_id = $2`, [ws, s.send_id]);
      let open = 0;
      for (const i of items.filter((x) => x.status === 'pending')) {
        const st = status.get(i.external_userid) ?? 0;
        if (st === 1) {
          await setTaskStatus(tx, ws, Number(i.task_id), 'sent', ACTOR, 'sent from WeCom / 已在企微发送', new Date(now));
          report.sent++;
        } else if (FAIL_REASONS[st]) {
          await setTaskStatus(tx, ws, Number(i.task_id), 'failed', ACTOR, FAIL_REASONS[st], new Date(now));
          report.failed++;
        } else {
          open++;
          report.waiting++;
        }
      }
      await tx.query(`UPDATE wecom_task_sends SET checked_at = $3, status = CASE WHEN $4 THEN 'done' ELSE status END WHERE workspace_id = $1 AND send_id = $2`,
        [ws, s.send_id, new Date(now).toISOString(), open === 0]);
    });
  }
  return report;
}
