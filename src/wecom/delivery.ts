/**
 * Mass-message delivery (企业群发, spec §4.5): each pending per-staff task of kind
 * mass_message on the private-chat channel becomes one add_msg_template for that sender
 * with its recipients' external ids. WeCom only creates a task the member confirms in the
 * client, so results are read back later (get_groupmsg_send_result) and recorded on the
 * recipients, which settles the staff member's task.
 */
import { recordRecipientResults, setTaskStatus } from '../outreach/index.ts';
import type { Db } from '../store/db.ts';
import { WecomApiError, type WecomClient } from './client.ts';
import { defaultClientFactory, requireWecomConfig, type ClientFactory } from './config.ts';
import { messageAttachmentsOf } from './media.ts';
import { SiyuError } from '../shared/errors.ts';

export interface DeliveryOptions {
  now?: number;
  clientFactory?: ClientFactory;
  client?: WecomClient;
  limit?: number;
}

const ACTOR = { kind: 'system' as const, id: 'wecom' };
/** WeCom sends one text to every recipient: a per-customer {name} cannot be filled in. */
const wecomText = (content: string) => content.replaceAll('{name}', '').replace(/[ \t]{2,}/g, ' ').trim();

async function clientOf(db: Db, ws: string, opts: DeliveryOptions): Promise<WecomClient> {
  return opts.client ?? (opts.clientFactory ?? defaultClientFactory())(await requireWecomConfig(db, ws));
}

export interface DeliveryReport {
  created: { taskId: number; staffId: string; msgid: string; recipients: number; refused: number }[];
  failed: { taskId: number; staffId: string; error: string }[];
}

export async function deliverMassMessages(db: Db, ws: string, opts: DeliveryOptions = {}): Promise<DeliveryReport> {
  const now = opts.now ?? Date.now();
  const report: DeliveryReport = { created: [], failed: [] };
  const tasks = await db.query<{ task_id: number; staff_id: string; content: string; mass_message_id: number; attachments: { kind: string; ref: string }[] | string }>(
    `SELECT t.task_id, t.staff_id, t.content, t.mass_message_id, t.attachments FROM outreach_tasks t
     WHERE t.workspace_id = $1 AND t.kind = 'mass_message' AND t.channel = 'private_chat' AND t.customer_id IS NULL
       AND t.status = 'pending' AND t.due_at <= $2 AND t.mass_message_id IS NOT NULL AND t.staff_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM wecom_mass_sends s WHERE s.workspace_id = t.workspace_id AND s.task_id = t.task_id)
     ORDER BY t.task_id LIMIT $3`,
    [ws, new Date(now), opts.limit ?? 100],
  );
  if (tasks.length === 0) return report;
  const client = await clientOf(db, ws, opts);
  for (const t of tasks) {
    const taskId = Number(t.task_id);
    const massMessageId = Number(t.mass_message_id);
    const recipients = await db.query<{ customer_id: number; ext: string | null }>(
      `SELECT r.customer_id, (SELECT min(i.value) FROM customer_identities i WHERE i.workspace_id = r.workspace_id
                               AND i.customer_id = r.customer_id AND i.kind = 'external_user_id') AS ext
       FROM mass_message_recipients r WHERE r.workspace_id = $1 AND r.mass_message_id = $2 AND r.staff_id = $3 AND r.status = 'pending'`,
      [ws, massMessageId, t.staff_id],
    );
    const withId = recipients.filter((r) => r.ext !== null);
    const without = recipients.filter((r) => r.ext === null).map((r) => ({ customerId: Number(r.customer_id), status: 'failed' as const, reason: 'not a WeCom contact' }));
    // Claimed before the call: add_msg_template is not idempotent, a crash must not send twice.
    const [claimed] = await db.query<{ task_id: number }>(
      `INSERT INTO wecom_mass_sends (workspace_id, task_id, staff_id, recipients) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, task_id) DO NOTHING RETURNING task_id`,
      [ws, taskId, t.staff_id, JSON.stringify(withId.map((r) => ({ customerId: Number(r.customer_id), externalUserId: r.ext })))],
    );
    if (!claimed) continue;
    if (withId.length === 0) {
      await db.transaction(async (tx) => {
        await recordRecipientResults(tx, ws, massMessageId, t.staff_id, without, { actor: ACTOR, now: new Date(now) });
        await tx.query(`UPDATE wecom_mass_sends SET status = 'failed', error = 'no recipient is a WeCom contact' WHERE workspace_id = $1 AND task_id = $2`, [ws, taskId]);
      });
      report.failed.push({ taskId, staffId: t.staff_id, error: 'no recipient is a WeCom contact' });
      continue;
    }
    try {
      // Library items become attachments; their files are uploaded as temporary media when needed.
      const listed = typeof t.attachments === 'string' ? JSON.parse(t.attachments) as { kind: string; ref: string }[] : t.attachments ?? [];
      const refs = listed.filter((a) => a.kind === 'material').map((a) => (/^\d+$/.test(a.ref) ? Number(a.ref) : a.ref));
      const media = refs.length > 0 ? await messageAttachmentsOf(db, ws, client, refs, now) : { attachments: [] };
      const r = await client.addMsgTemplate({
        chat_type: 'single', sender: t.staff_id, external_userid: withId.map((x) => x.ext!), text: { content: wecomText(t.content) },
        ...(media.attachments.length > 0 ? { attachments: media.attachments } : {}),
      });
      const refused = new Set(r.fail_list ?? []);
      await db.transaction(async (tx) => {
        await tx.query(`UPDATE wecom_mass_sends SET status = 'created', msgid = $3, fail_list = $4 WHERE workspace_id = $1 AND task_id = $2`,
          [ws, taskId, r.msgid, [...refused]]);
        const failed = [...without, ...withId.filter((x) => refused.has(x.ext!)).map((x) => ({
          customerId: Number(x.customer_id), status: 'failed' as const, reason: 'WeCom refused the recipient (not a contact of the sender)',
        }))];
        if (failed.length > 0) await recordRecipientResults(tx, ws, massMessageId, t.staff_id, failed, { actor: ACTOR, now: new Date(now) });
      });
      report.created.push({ taskId, staffId: t.staff_id, msgid: r.msgid, recipients: withId.length - refused.size, refused: refused.size });
    } catch (err) {
      // A WeCom refusal, or a library item gone or unsendable: this task fails, the others go on.
      if (!(err instanceof WecomApiError) && !(err instanceof SiyuError)) throw err;
      await db.transaction(async (tx) => {
        await tx.query(`UPDATE wecom_mass_sends SET status = 'failed', error = $3 WHERE workspace_id = $1 AND task_id = $2`, [ws, taskId, err.message]);
        await setTaskStatus(tx, ws, taskId, 'failed', ACTOR, err.message.slice(0, 500), new Date(now));
      });
      report.failed.push({ taskId, staffId: t.staff_id, error: err.message });
    }
  }
  return report;
}

export interface ResultsReport {
  checked: number;
  sent: number;
  failed: number;
  waiting: number;
  settledTasks: number[];
}

const FAIL_REASONS: Record<number, string> = { 2: 'not a friend of the sender any more', 3: 'already received another mass message today' };

/** Read WeCom's send results back into recipient and task status. */
export async function collectMassMessageResults(db: Db, ws: string, opts: DeliveryOptions = {}): Promise<ResultsReport> {
  const now = opts.now ?? Date.now();
  const report: ResultsReport = { checked: 0, sent: 0, failed: 0, waiting: 0, settledTasks: [] };
  const sends = await db.query<{ task_id: number; staff_id: string; msgid: string; recipients: { customerId: number; externalUserId: string }[]; mass_message_id: number }>(
    `SELECT s.task_id, s.staff_id, s.msgid, s.recipients, t.mass_message_id FROM wecom_mass_sends s
     JOIN outreach_tasks t ON t.workspace_id = s.workspace_id AND t.task_id = s.task_id
     WHERE s.workspace_id = $1 AND s.status = 'created' ORDER BY s.task_id LIMIT $2`,
    [ws, opts.limit ?? 100],
  );
  if (sends.length === 0) return report;
  const client = await clientOf(db, ws, opts);
  for (const s of sends) {
    let list: Awaited<ReturnType<WecomClient['groupMsgSendResult']>>;
    try {
      list = await client.groupMsgSendResult(s.msgid, s.staff_id);
    } catch (err) {
      if (err instanceof WecomApiError && err.kind === 'pending') continue; // 41063: still being dispatched
      throw err;
    }
    report.checked++;
    const byExt = new Map(s.recipients.map((r) => [r.externalUserId, r.customerId]));
    const results: { customerId: number; status: 'sent' | 'failed'; reason?: string }[] = [];
    for (const item of list) {
      const customerId = item.external_userid ? byExt.get(item.external_userid) : undefined;
      if (customerId === undefined) continue;
      if (item.status === 1) results.push({ customerId, status: 'sent' });
      else if (item.status === 2 || item.status === 3) results.push({ customerId, status: 'failed', reason: FAIL_REASONS[item.status]! });
      else report.waiting++;
    }
    report.sent += results.filter((r) => r.status === 'sent').length;
    report.failed += results.filter((r) => r.status === 'failed').length;
    await db.transaction(async (tx) => {
      const r = await recordRecipientResults(tx, ws, Number(s.mass_message_id), s.staff_id, results, { actor: ACTOR, now: new Date(now) });
      if (r.taskStatus !== null && r.taskStatus !== 'pending') {
        await tx.query(`UPDATE wecom_mass_sends SET status = $4, checked_at = $3 WHERE workspace_id = $1 AND task_id = $2`,
          [ws, s.task_id, new Date(now), r.taskStatus === 'sent' ? 'sent' : 'failed']);
        report.settledTasks.push(Number(s.task_id));
      } else {
        await tx.query(`UPDATE wecom_mass_sends SET checked_at = $3 WHERE workspace_id = $1 AND task_id = $2`, [ws, s.task_id, new Date(now)]);
      }
    });
  }
  return report;
}
