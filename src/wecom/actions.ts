/**
 * Things Siyu asks WeCom to do: channel QR codes whose `state` is the channel (so the add
 * callback names its source), welcome messages, Moments tasks, and handing a leaving
 * staff member's customers to a colleague (离职继承 / 在职继承).
 */
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { WecomClient } from './client.ts';
import { defaultClientFactory, requireWecomConfig, type ClientFactory } from './config.ts';

export interface ActionOptions {
  clientFactory?: ClientFactory;
}

async function clientOf(db: Queryable, ws: string, opts: ActionOptions): Promise<WecomClient> {
  return (opts.clientFactory ?? defaultClientFactory())(await requireWecomConfig(db, ws));
}

export interface ContactWay {
  channel: string;
  staffId: string;
  state: string;
  configId: string;
  qrCode: string | null;
  createdAt: string;
}

const STATE = /^[A-Za-z0-9_.:-]{1,30}$/;

/** One channel code per channel and staff member; asking again returns the same one. */
export async function createContactWay(
  db: Db, ws: string, input: { channel: string; staffId: string; remark?: string | undefined }, opts: ActionOptions = {},
): Promise<ContactWay> {
  await requireWorkspace(db, ws);
  const channel = input.channel.trim();
  if (!STATE.test(channel)) {
    throw new SiyuError('validation_failed', `channel "${channel}": WeCom's state is at most 30 characters of letters, digits, _ . : -`);
  }
  const existing = (await listContactWays(db, ws)).find((w) => w.channel === channel && w.staffId === input.staffId);
  if (existing) return existing;
  const client = await clientOf(db, ws, opts);
  const r = await client.addContactWay({
    type: 1, scene: 2, state: channel, user: [input.staffId], skip_verify: true, remark: (input.remark ?? channel).slice(0, 30),
  });
  await db.query(`INSERT INTO channels (workspace_id, channel, name) VALUES ($1, $2, $2) ON CONFLICT DO NOTHING`, [ws, channel]);
  await db.query(
    `INSERT INTO wecom_contact_ways (workspace_id, channel, staff_id, state, config_id, qr_code) VALUES ($1, $2, $3, $2, $4, $5)
     ON CONFLICT (workspace_id, channel, staff_id) DO NOTHING`,
    [ws, channel, input.staffId, r.config_id, r.qr_code ?? null],
  );
  return (await listContactWays(db, ws)).find((w) => w.channel === channel && w.staffId === input.staffId)!;
}

export async function listContactWays(db: Queryable, ws: string): Promise<ContactWay[]> {
  const rows = await db.query<{ channel: string; staff_id: string; state: string; config_id: string; qr_code: string | null; created_at: Date }>(
    `SELECT channel, staff_id, state, config_id, qr_code, created_at FROM wecom_contact_ways WHERE workspace_id = $1 ORDER BY channel, staff_id`, [ws]);
  return rows.map((r) => ({
    channel: r.channel, staffId: r.staff_id, state: r.state, configId: r.config_id, qrCode: r.qr_code, createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** A welcome message for a new contact: the code is valid 20 s and single use (spec §4.8). */
export async function sendWelcomeMessage(db: Db, ws: string, input: { welcomeCode: string; content: string }, opts: ActionOptions = {}): Promise<{ sent: boolean; reason?: string }> {
  const client = await clientOf(db, ws, opts);
  try {
    await client.sendWelcomeMsg({ welcome_code: input.welcomeCode, text: { content: input.content } });
    return { sent: true };
  } catch (err) {
    const e = err as { errcode?: number };
    if (e.errcode === 41051 || e.errcode === 41050) return { sent: false, reason: e.errcode === 41051 ? 'the chat has already started' : 'the welcome code is invalid or expired' };
    throw err;
  }
}

/** A Moments (朋友圈) task for staff members, visible to customers with the given corp tags. */
export async function createMomentTask(
  db: Db, ws: string, input: { content: string; staffIds: string[]; siyuTagIds?: number[] }, opts: ActionOptions = {},
): Promise<{ jobId: string; status: number; momentId?: string; invalidSenders: string[] }> {
  const client = await clientOf(db, ws, opts);
  const tagRows = input.siyuTagIds?.length
    ? await db.query<{ wecom_id: string }>(`SELECT wecom_id FROM wecom_tag_map WHERE workspace_id = $1 AND kind = 'tag' AND siyu_id = ANY($2::bigint[])`, [ws, input.siyuTagIds])
    : [];
  const { jobid } = await client.addMomentTask({
    text: { content: input.content },
    visible_range: {
      sender_list: { user_list: input.staffIds },
      ...(tagRows.length ? { external_contact_list: { tag_list: tagRows.map((t) => t.wecom_id) } } : {}),
    },
  });
  const r = await client.getMomentTaskResult(jobid);
  await db.query(
    `INSERT INTO wecom_jobs (workspace_id, kind, ref, status, details) VALUES ($1, 'moment', $2, $3, $4)
     ON CONFLICT (workspace_id, kind, ref) DO UPDATE SET status = excluded.status, details = excluded.details, updated_at = now()`,
    [ws, jobid, r.status === 3 ? 'done' : 'running', JSON.stringify(r.result ?? {})],
  );
  return { jobId: jobid, status: r.status, ...(r.result?.moment_id ? { momentId: r.result.moment_id } : {}), invalidSenders: r.result?.invalid_sender_list?.user_list ?? [] };
}

export interface TransferReport {
  from: string;
  to: string;
  resigned: boolean;
  started: string[];
  refused: { externalUserId: string; errcode: number }[];
}

/**
 * Hand the customers of `from` to `to` (all of them unless listed). WeCom completes it after
 * 24 h unless the customer refuses (→ transfer_fail callback); reconciliation then sees the
 * new follow relation.
 */
export async function transferCustomers(
  db: Db, ws: string, input: { from: string; to: string; resigned?: boolean | undefined; externalUserIds?: string[] | undefined }, opts: ActionOptions = {},
): Promise<TransferReport> {
  const resigned = input.resigned ?? true;
  const ids = input.externalUserIds ?? (await db.query<{ ext: string }>(
    `SELECT external_userid AS ext FROM wecom_follows WHERE workspace_id = $1 AND userid = $2 AND removed_at IS NULL ORDER BY external_userid`,
    [ws, input.from])).map((r) => r.ext);
  const client = await clientOf(db, ws, opts);
  const report: TransferReport = { from: input.from, to: input.to, resigned, started: [], refused: [] };
  for (let i = 0; i < ids.length; i += 100) {
    const r = await client.transferCustomer(resigned, { handover_userid: input.from, takeover_userid: input.to, external_userid: ids.slice(i, i + 100) });
    for (const c of r.customer ?? []) {
      if (c.errcode === 0) report.started.push(c.external_userid);
      else report.refused.push({ externalUserId: c.external_userid, errcode: c.errcode });
      await db.query(
        `INSERT INTO wecom_jobs (workspace_id, kind, ref, status, details) VALUES ($1, 'transfer', $2, $3, $4)
         ON CONFLICT (workspace_id, kind, ref) DO UPDATE SET status = excluded.status, details = excluded.details, updated_at = now()`,
        [ws, `${c.external_userid}:${input.to}`, c.errcode === 0 ? 'waiting' : 'refused', JSON.stringify({ from: input.from, resigned, errcode: c.errcode })],
      );
    }
  }
  return report;
}
