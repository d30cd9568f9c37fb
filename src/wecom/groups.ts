/**
 * Customer groups to and from WeCom: the group list synced (groupchat/list + get, with each
 * member's join-way state), group join codes (groupchat/add_join_way, state = the channel),
 * and group messages — SOP steps and mass messages — through add_msg_template with
 * chat_type group. Every (message, group) has one row in group_sends: queued, then claimed
 * ("sending") in one UPDATE before the call, so two workers or a kill -9 never send a group
 * the same step twice; a row caught mid-call stays "sending" for a person to check.
 */
import { dueSends, groupFacts, type GroupSopDefinition } from '../groups/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db } from '../store/db.ts';
import { WecomApiError, type WecomClient } from './client.ts';
import { defaultClientFactory, requireWecomConfig, type ClientFactory } from './config.ts';
import { ingestWecomEvents } from './contacts.ts';
import { groupMembershipEvents, type GroupMember } from './mapping.ts';
import { messageAttachmentsOf } from './media.ts';

export interface GroupOptions {
  now?: number;
  clientFactory?: ClientFactory;
  client?: WecomClient;
  limit?: number;
}

async function clientOf(db: Db, ws: string, opts: GroupOptions): Promise<WecomClient> {
  return opts.client ?? (opts.clientFactory ?? defaultClientFactory())(await requireWecomConfig(db, ws));
}

/** Every group WeCom lists, with its members; members who joined since the last look become group.joined events. */
export async function syncGroups(db: Db, ws: string, opts: GroupOptions = {}): Promise<{ groups: number; joined: number }> {
  const now = opts.now ?? Date.now();
  const client = await clientOf(db, ws, opts);
  let groups = 0;
  let joined = 0;
  for await (const { chat_id } of client.allGroupChats()) {
    const chat = await client.getGroupChat(chat_id);
    await db.transaction(async (tx) => {
      const [stored] = await tx.query<{ members: GroupMember[] }>(`SELECT members FROM wecom_groups WHERE workspace_id = $1 AND chat_id = $2 FOR UPDATE`, [ws, chat_id]);
      await tx.query(
        `INSERT INTO wecom_groups (workspace_id, chat_id, name, owner, member_version, members, created_at, synced_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (workspace_id, chat_id) DO UPDATE SET name = excluded.name, owner = excluded.owner, member_version = excluded.member_version,
           members = excluded.members, created_at = COALESCE(wecom_groups.created_at, excluded.created_at), synced_at = excluded.synced_at`,
        [ws, chat_id, chat.name ?? null, chat.owner ?? null, chat.member_version ?? null, JSON.stringify(chat.member_list),
          chat.create_time ? new Date(chat.create_time * 1000) : null, new Date(now)]);
      const events = groupMembershipEvents(chat_id, stored?.members ?? [], chat.member_list, Math.floor(now / 1000), `sync${now}`).filter((e) => e.type === 'group.joined');
      if (events.length > 0) joined += (await ingestWecomEvents(tx, ws, events, now)).accepted.length;
    });
    groups++;
  }
  return { groups, joined };
}

export interface JoinWay {
  configId: string;
  state: string;
  chatIds: string[];
  remark: string | null;
  qrCode: string | null;
  createdAt: string;
  joined: number;
}

/** A join code for up to 5 groups whose state is the channel; asking again for the same state gives the same code. */
export async function createJoinWay(db: Db, ws: string, input: { state: string; chatIds: string[]; remark?: string | undefined }, opts: GroupOptions = {}): Promise<JoinWay> {
  const now = opts.now ?? Date.now();
  if (!/^[\w.:-]{1,30}$/.test(input.state)) throw new SiyuError('validation_failed', 'state: expected 1–30 letters, digits, "_", ".", ":" or "-" (WeCom\'s limit is 30 characters)');
  if (input.chatIds.length === 0 || input.chatIds.length > 5) throw new SiyuError('validation_failed', `chatIds: WeCom links a join code to 1–5 groups (got ${input.chatIds.length})`);
  const existing = (await listJoinWays(db, ws)).find((w) => w.state === input.state);
  if (existing) return existing;
  const client = await clientOf(db, ws, opts);
  const { config_id } = await client.addJoinWay({ scene: 2, chat_id_list: input.chatIds, state: input.state, ...(input.remark ? { remark: input.remark } : {}), auto_create_room: 0 });
  const way = await client.getJoinWay(config_id);
  await db.query(
    `INSERT INTO group_join_ways (workspace_id, config_id, state, chat_ids, remark, qr_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (workspace_id, state) DO NOTHING`, [ws, config_id, input.state, input.chatIds, input.remark ?? null, way.qr_code ?? null, new Date(now)]);
  return (await listJoinWays(db, ws)).find((w) => w.state === input.state)!;
}

export async function listJoinWays(db: Db, ws: string): Promise<JoinWay[]> {
  const rows = await db.query<{ config_id: string; state: string; chat_ids: string[]; remark: string | null; qr_code: string | null; created_at: string; joined: number }>(
    `SELECT w.*, (SELECT count(*)::int FROM events e WHERE e.workspace_id = w.workspace_id AND e.type = 'group.joined' AND e.data->>'state' = w.state) AS joined
     FROM group_join_ways w WHERE w.workspace_id = $1 ORDER BY w.created_at`, [ws]);
  return rows.map((r) => ({
    configId: r.config_id, state: r.state, chatIds: r.chat_ids, remark: r.remark, qrCode: r.qr_code, createdAt: new Date(r.created_at).toISOString(), joined: Number(r.joined),
  }));
}

/** Queue the group SOP steps due now (one row per group and step: the exactly-once key). */
export async function queueGroupSopSteps(db: Db, ws: string, now: number): Promise<number> {
  const workspace = await requireWorkspace(db, ws);
  const sops = await db.query<{ group_sop_id: number; definition: GroupSopDefinition; enabled_at: string }>(
    `SELECT group_sop_id, definition, enabled_at FROM group_sops WHERE workspace_id = $1 AND enabled ORDER BY group_sop_id`, [ws]);
  if (sops.length === 0) return 0;
  const facts = await groupFacts(db, ws);
  let queued = 0;
  for (const s of sops) {
    const due = dueSends(s.definition, facts, now, new Date(s.enabled_at).getTime(), workspace.timeZone);
    if (due.length === 0) continue;
    const rows = await db.query(
      `INSERT INTO group_sends (workspace_id, send_key, chat_id, sender, source_type, source_id, step_key, status, claimed_at)
       SELECT $1, 'sop:' || $2::bigint || ':' || k || ':' || c, c, s, 'sop', $2::bigint, k, 'queued', $6 FROM unnest($3::text[], $4::text[], $5::text[]) AS x(c, s, k)
       ON CONFLICT (workspace_id, send_key) DO NOTHING RETURNING send_key`,
      [ws, s.group_sop_id, due.map((d) => d.chatId), due.map((d) => d.sender), due.map((d) => d.stepKey), new Date(now)]);
    queued += rows.length;
  }
  return queued;
}

export interface GroupSendReport {
  queued: number;
  created: number;
  failed: { chatId: string; sendKey: string; error: string }[];
}

/** Queue due SOP steps, then send every queued group message, each claimed before its call. */
export async function sendGroupMessages(db: Db, ws: string, opts: GroupOptions = {}): Promise<GroupSendReport> {
  const now = opts.now ?? Date.now();
  const report: GroupSendReport = { queued: await queueGroupSopSteps(db, ws, now), created: 0, failed: [] };
  const queued = await db.query<{ send_key: string }>(
    `SELECT send_key FROM group_sends WHERE workspace_id = $1 AND status = 'queued' ORDER BY claimed_at, send_key LIMIT $2`, [ws, opts.limit ?? 200]);
  if (queued.length === 0) return report;
  const client = await clientOf(db, ws, opts);
  for (const { send_key } of queued) {
    const [row] = await db.query<{ chat_id: string; sender: string; source_type: 'sop' | 'mass'; source_id: number; step_key: string | null }>(
      `UPDATE group_sends SET status = 'sending', checked_at = $3 WHERE workspace_id = $1 AND send_key = $2 AND status = 'queued'
       RETURNING chat_id, sender, source_type, source_id, step_key`, [ws, send_key, new Date(now)]);
    if (!row) continue; // another worker has it
    try {
      const content = await contentOf(db, ws, row);
      const media = content.materials.length > 0 ? await messageAttachmentsOf(db, ws, client, content.materials, now) : { attachments: [], texts: [] };
      const text = [content.text, ...media.texts].filter(Boolean).join('\n');
      const r = await client.addMsgTemplate({
        chat_type: 'group', sender: row.sender, chat_id_list: [row.chat_id],
        ...(text ? { text: { content: text.replaceAll('{name}', '').trim() } } : {}), ...(media.attachments.length > 0 ? { attachments: media.attachments } : {}),
      });
      const refused = (r.fail_list ?? []).includes(row.chat_id);
      await db.query(`UPDATE group_sends SET status = $3, msgid = $4, error = $5 WHERE workspace_id = $1 AND send_key = $2`,
        [ws, send_key, refused ? 'failed' : 'created', r.msgid, refused ? 'WeCom refused the group (not owned by the sender)' : null]);
      if (refused) report.failed.push({ chatId: row.chat_id, sendKey: send_key, error: 'refused' });
      else report.created++;
    } catch (err) {
      if (!(err instanceof SiyuError)) throw err;
      await db.query(`UPDATE group_sends SET status = 'failed', error = $3 WHERE workspace_id = $1 AND send_key = $2`, [ws, send_key, err.message.slice(0, 1000)]);
      report.failed.push({ chatId: row.chat_id, sendKey: send_key, error: err.message });
    }
  }
  return report;
}

async function contentOf(db: Db, ws: string, row: { source_type: 'sop' | 'mass'; source_id: number; step_key: string | null }): Promise<{ text: string; materials: number[] }> {
  if (row.source_type === 'mass') {
    const [m] = await db.query<{ text: string; material_ids: number[] }>(`SELECT text, material_ids FROM group_mass_messages WHERE workspace_id = $1 AND group_mass_id = $2`, [ws, row.source_id]);
    if (!m) throw new SiyuError('not_found', `group mass message ${row.source_id} is gone`);
    return { text: m.text, materials: (m.material_ids ?? []).map(Number) };
  }
  const [s] = await db.query<{ definition: GroupSopDefinition }>(`SELECT definition FROM group_sops WHERE workspace_id = $1 AND group_sop_id = $2`, [ws, row.source_id]);
  const step = s?.definition.steps.find((x) => x.key === row.step_key);
  if (!step) throw new SiyuError('not_found', `group SOP ${row.source_id} has no step "${row.step_key}" any more`);
  return { text: step.text ?? '', materials: (step.materials ?? []).map(Number) };
}

/** Read back which groups got their message (WeCom lists only sent records for groups, spec §4.5). */
export async function collectGroupSendResults(db: Db, ws: string, opts: GroupOptions = {}): Promise<{ sent: number; waiting: number }> {
  const now = opts.now ?? Date.now();
  const open = await db.query<{ send_key: string; chat_id: string; sender: string; msgid: string }>(
    `SELECT send_key, chat_id, sender, msgid FROM group_sends WHERE workspace_id = $1 AND status = 'created' ORDER BY send_key LIMIT $2`, [ws, opts.limit ?? 200]);
  const out = { sent: 0, waiting: 0 };
  if (open.length === 0) return out;
  const client = await clientOf(db, ws, opts);
  for (const s of open) {
    let list: Awaited<ReturnType<WecomClient['groupMsgSendResult']>>;
    try {
      list = await client.groupMsgSendResult(s.msgid, s.sender);
    } catch (err) {
      if (err instanceof WecomApiError && err.kind === 'pending') { out.waiting++; continue; }
      throw err;
    }
    if (list.some((x) => x.chat_id === s.chat_id && Number(x.status) === 1)) {
      await db.query(`UPDATE group_sends SET status = 'sent', checked_at = $3 WHERE workspace_id = $1 AND send_key = $2`, [ws, s.send_key, new Date(now)]);
      out.sent++;
    } else out.waiting++;
  }
  return out;
}
