/**
 * The inbox worker: claims stored callbacks (FOR UPDATE SKIP LOCKED, with a lease, so
 * several processes share the work and a crash loses nothing), fetches the details a
 * callback does not carry through the API, then applies everything in one transaction.
 * Event ids come from the callback, so a retry or replay lands nothing twice.
 */
import type { Db, Queryable } from '../store/db.ts';
import { jobRetryDelayMs } from './backoff.ts';
import { WecomApiError, type CorpTagGroup, type GroupChat, type WecomClient } from './client.ts';
import { defaultClientFactory, getWecomConfig, type ClientFactory } from './config.ts';
import {
  customerOfContact, ingestWecomEvents, markFollowRemoved, mirroredTagIds, saveContact, saveFollow, syncContactTags, tagChannel,
} from './contacts.ts';
import {
  contactAddedEvent, contactRemovedEvent, followTagIds, groupMembershipEvents, interpretCallback,
  type CallbackMessage, type ExternalContact, type FollowUser, type GroupMember,
} from './mapping.ts';
import { emptyTaxonomyReport, fromWecom, importTaxonomy } from './taxonomy.ts';
import { parseWecomXml } from './xml.ts';

export interface ProcessOptions {
  workspaceId?: string;
  limit?: number;
  now?: number;
  clientFactory?: ClientFactory;
  /** How long a claim holds before another worker may take the row over. */
  leaseMs?: number;
  maxAttempts?: number;
}

export interface ProcessResult {
  processed: number;
  failed: number;
  retried: number;
}

interface Claimed {
  workspace_id: string;
  inbox_id: number;
  xml: string;
  attempts: number;
}

/** What the API told us, gathered before the transaction. */
interface Details {
  contact?: { external_contact: ExternalContact; follow_user: FollowUser[] } | undefined;
  contactGone?: boolean;
  tagGroups?: CorpTagGroup[] | undefined;
  chat?: GroupChat | undefined;
}

export async function processWecomInbox(db: Db, opts: ProcessOptions = {}): Promise<ProcessResult> {
  const now = opts.now ?? Date.now();
  const lease = opts.leaseMs ?? 120_000;
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx.query<Claimed>(
      `SELECT workspace_id, inbox_id, xml, attempts FROM wecom_inbox
       WHERE status IN ('pending', 'processing') AND (next_attempt_at <= $1 OR attempts = 0) AND ($2::text IS NULL OR workspace_id = $2)
       ORDER BY inbox_id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [new Date(now), opts.workspaceId ?? null, opts.limit ?? 100],
    );
    if (rows.length > 0) {
      await tx.query(
        `UPDATE wecom_inbox SET status = 'processing', attempts = attempts + 1, next_attempt_at = $2
         WHERE (workspace_id, inbox_id) IN (SELECT w, i FROM unnest($1::text[], $3::bigint[]) AS u(w, i))`,
        [rows.map((r) => r.workspace_id), new Date(now + lease), rows.map((r) => r.inbox_id)],
      );
    }
    return rows;
  });
  const result: ProcessResult = { processed: 0, failed: 0, retried: 0 };
  const clients = new Map<string, WecomClient | null>();
  const factory = opts.clientFactory ?? defaultClientFactory();
  for (const row of claimed) {
    if (!clients.has(row.workspace_id)) {
      const config = await getWecomConfig(db, row.workspace_id);
      clients.set(row.workspace_id, config ? factory(config) : null);
    }
    const client = clients.get(row.workspace_id)!;
    try {
      const message = interpretCallback(parseWecomXml(row.xml));
      const details = client ? await gather(db, row.workspace_id, message, client) : {};
      await db.transaction(async (tx) => {
        const outcome = await apply(tx, row.workspace_id, message, details, now);
        await tx.query(
          `UPDATE wecom_inbox SET status = $3, processed_at = $4, result = $5, error = NULL WHERE workspace_id = $1 AND inbox_id = $2`,
          [row.workspace_id, row.inbox_id, outcome.ignored ? 'ignored' : 'done', new Date(now), JSON.stringify(outcome)],
        );
      });
      result.processed++;
      const c = message.change;
      const config = client && c.kind === 'contact_added' && c.welcomeCode ? await getWecomConfig(db, row.workspace_id) : undefined;
      if (client && config?.welcomeMessage && c.kind === 'contact_added' && c.welcomeCode) {
        await sendWelcome(db, row.workspace_id, client, c, config.welcomeMessage, details.contact?.external_contact.name);
      }
    } catch (err) {
      const attempts = row.attempts + 1;
      const final = attempts >= (opts.maxAttempts ?? 8);
      const message = err instanceof Error ? err.message : String(err);
      console.warn(`[wecom ${row.workspace_id}] callback ${row.inbox_id} failed (attempt ${attempts}): ${message}`);
      await db.query(
        `UPDATE wecom_inbox SET status = $3, next_attempt_at = $4, error = $5 WHERE workspace_id = $1 AND inbox_id = $2`,
        [row.workspace_id, row.inbox_id, final ? 'failed' : 'pending', new Date(now + jobRetryDelayMs(attempts)), message.slice(0, 1000)],
      );
      if (final) result.failed++;
      else result.retried++;
    }
  }
  return result;
}

/** Tag ids WeCom mentions that Siyu has not mapped yet: their groups are fetched too. */
async function unknownTagIds(db: Queryable, ws: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const known = await db.query<{ wecom_id: string }>(
    `SELECT wecom_id FROM wecom_tag_map WHERE workspace_id = $1 AND kind = 'tag' AND wecom_id = ANY($2::text[])`, [ws, ids]);
  const k = new Set(known.map((r) => r.wecom_id));
  return ids.filter((id) => !k.has(id));
}

async function gather(db: Queryable, ws: string, m: CallbackMessage, client: WecomClient): Promise<Details> {
  const c = m.change;
  switch (c.kind) {
    case 'contact_added':
    case 'contact_edited':
    case 'contact_removed': {
      let contact: Details['contact'];
      try {
        contact = await client.getContact(c.externalUserId);
      } catch (err) {
        // The contact may be gone already (deleted right after): the callback's ids still count.
        if (err instanceof WecomApiError && err.kind === 'invalid') return { contactGone: true };
        throw err;
      }
      const unknown = await unknownTagIds(db, ws, contact.follow_user.flatMap(followTagIds));
      return { contact, tagGroups: unknown.length > 0 ? await client.getCorpTagList({ tag_id: unknown }) : undefined };
    }
    case 'chat_changed':
      if (c.change === 'dismiss') return {};
      try {
        return { chat: await client.getGroupChat(c.chatId) };
      } catch (err) {
        if (err instanceof WecomApiError && err.kind !== 'transport' && err.kind !== 'rate_limited' && err.kind !== 'busy') return {};
        throw err;
      }
    case 'tag_changed':
      return { tagGroups: await client.getCorpTagList() };
    default:
      return {};
  }
}

export interface Outcome {
  ignored?: string;
  events?: { accepted: number; duplicates: number };
  channelTag?: string;
  tags?: { added: string[]; removed: string[] };
  taxonomy?: ReturnType<typeof emptyTaxonomyReport>;
  note?: string;
}

async function apply(tx: Queryable, ws: string, m: CallbackMessage, d: Details, now: number): Promise<Outcome> {
  const c = m.change;
  await fromWecom(tx);
  if (d.tagGroups && c.kind !== 'tag_changed') await importTaxonomy(tx, ws, d.tagGroups, false, emptyTaxonomyReport());
  switch (c.kind) {
    case 'ignored':
      return { ignored: c.reason };
    case 'contact_added': {
      const follow = d.contact?.follow_user.find((f) => f.userid === c.userId);
      const event = contactAddedEvent({
        externalUserId: c.externalUserId, userId: c.userId, at: m.createTime, state: c.state, welcomeCode: c.welcomeCode,
        contact: d.contact?.external_contact, follow,
      });
      const r = await ingestWecomEvents(tx, ws, [event], now);
      const out: Outcome = { events: { accepted: r.accepted.length, duplicates: r.duplicates.length } };
      const customerId = await customerOfContact(tx, ws, c.externalUserId);
      if (customerId === undefined) return out;
      await saveDetails(tx, ws, c.externalUserId, customerId, d, out, now);
      if (!d.contact) await saveFollow(tx, ws, c.externalUserId, { userid: c.userId, createtime: m.createTime, state: c.state ?? '' });
      const state = c.state ?? follow?.state;
      if (state) out.channelTag = await tagChannel(tx, ws, customerId, state, now);
      return out;
    }
    case 'contact_edited': {
      const customerId = await customerOfContact(tx, ws, c.externalUserId);
      if (customerId === undefined) return { note: 'the contact is not known to Siyu yet; the next reconciliation adds it' };
      const out: Outcome = {};
      await saveDetails(tx, ws, c.externalUserId, customerId, d, out, now);
      return out;
    }
    case 'contact_removed': {
      await markFollowRemoved(tx, ws, c.externalUserId, c.userId, m.createTime);
      if (c.transfer) return { note: 'removed from the handing-over member by a transfer (在职继承)' };
      const r = await ingestWecomEvents(tx, ws, [contactRemovedEvent({
        externalUserId: c.externalUserId, userId: c.userId, at: m.createTime, by: c.by, key: m.dedupeKey.slice(0, 12),
      })], now);
      return { events: { accepted: r.accepted.length, duplicates: r.duplicates.length } };
    }
    case 'transfer_failed': {
      await tx.query(
        `UPDATE wecom_jobs SET status = 'failed', details = details || $4::jsonb, updated_at = now()
         WHERE workspace_id = $1 AND kind = 'transfer' AND ref = $2 || ':' || $3`,
        [ws, c.externalUserId, c.userId, JSON.stringify({ failReason: c.failReason })],
      );
      return { note: `transfer of ${c.externalUserId} to ${c.userId} failed: ${c.failReason}` };
    }
    case 'chat_changed':
      return applyChat(tx, ws, m, c, d.chat, now);
    case 'tag_changed':
      if (!d.tagGroups) return { note: 'the corp tag list could not be read; nothing changed' };
      return { taxonomy: await taxonomyOutcome(tx, ws, d.tagGroups) };
  }
}

/** After any tag event the whole corp tag list is read again (spec §3.4): deletions included. */
async function taxonomyOutcome(tx: Queryable, ws: string, groups: CorpTagGroup[]) {
  const report = emptyTaxonomyReport();
  await importTaxonomy(tx, ws, groups, true, report);
  return report;
}

async function saveDetails(tx: Queryable, ws: string, externalUserId: string, customerId: number, d: Details, out: Outcome, now: number): Promise<void> {
  if (!d.contact) return;
  await saveContact(tx, ws, d.contact.external_contact, customerId);
  for (const f of d.contact.follow_user) await saveFollow(tx, ws, externalUserId, f);
  out.tags = await syncContactTags(tx, ws, customerId, await mirroredTagIds(tx, ws, externalUserId), now);
}

async function applyChat(
  tx: Queryable, ws: string, m: CallbackMessage, c: Extract<CallbackMessage['change'], { kind: 'chat_changed' }>, chat: GroupChat | undefined, now: number,
): Promise<Outcome> {
  const [stored] = await tx.query<{ members: GroupMember[]; dismissed_at: Date | null }>(
    `SELECT members, dismissed_at FROM wecom_groups WHERE workspace_id = $1 AND chat_id = $2 FOR UPDATE`, [ws, c.chatId]);
  const before = stored?.members ?? [];
  let after: GroupMember[];
  if (c.change === 'dismiss') after = [];
  else if (chat) after = chat.member_list;
  else if (c.updateDetail === 'add_member' || c.updateDetail === 'del_member') {
    // No details: apply the callback's own delta (ids of unknown type count as customers only if known as contacts).
    const ids = new Set(c.members);
    after = c.updateDetail === 'del_member'
      ? before.filter((x) => !ids.has(x.userid))
      : [...before, ...(await knownContacts(tx, ws, c.members)).filter((id) => !before.some((b) => b.userid === id)).map((id) => ({ userid: id, type: 2 }))];
  } else return { note: 'group details unavailable; nothing changed' };
  const events = groupMembershipEvents(c.chatId, before, after, m.createTime, m.dedupeKey.slice(0, 12));
  await tx.query(
    `INSERT INTO wecom_groups (workspace_id, chat_id, name, owner, member_version, members, dismissed_at, synced_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8)
     ON CONFLICT (workspace_id, chat_id) DO UPDATE SET name = COALESCE(excluded.name, wecom_groups.name), owner = COALESCE(excluded.owner, wecom_groups.owner),
       created_at = COALESCE(wecom_groups.created_at, excluded.created_at),
       member_version = COALESCE(excluded.member_version, wecom_groups.member_version), members = excluded.members,
       dismissed_at = excluded.dismissed_at, synced_at = now()`,
    [ws, c.chatId, chat?.name ?? null, chat?.owner ?? null, chat?.member_version ?? c.curMemVer ?? null, JSON.stringify(after),
      c.change === 'dismiss' ? new Date(m.createTime * 1000) : null, chat?.create_time ? new Date(chat.create_time * 1000) : null],
  );
  if (events.length === 0) return { events: { accepted: 0, duplicates: 0 } };
  const r = await ingestWecomEvents(tx, ws, events, now);
  return { events: { accepted: r.accepted.length, duplicates: r.duplicates.length } };
}

async function knownContacts(tx: Queryable, ws: string, ids: string[]): Promise<string[]> {
  const rows = await tx.query<{ value: string }>(
    `SELECT value FROM customer_identities WHERE workspace_id = $1 AND kind = 'external_user_id' AND value = ANY($2::text[])`, [ws, ids]);
  return rows.map((r) => r.value);
}

/** Apply a group chat as seen by a full sync (same path as a callback). */
export async function applyGroupSnapshot(tx: Queryable, ws: string, chat: GroupChat, now: number): Promise<number> {
  const at = Math.floor(now / 1000);
  const m: CallbackMessage = {
    corpId: '', event: 'sync', changeType: 'update', createTime: at, dedupeKey: `sync${at}`,
    change: { kind: 'chat_changed', change: 'update', chatId: chat.chat_id, updateDetail: undefined, members: [], joinScene: undefined, quitScene: undefined, lastMemVer: undefined, curMemVer: undefined },
  };
  const out = await applyChat(tx, ws, m, m.change as Extract<CallbackMessage['change'], { kind: 'chat_changed' }>, chat, now);
  return out.events?.accepted ?? 0;
}

/**
 * The welcome message rides on the add callback's WelcomeCode (valid 20 s, once): sent right
 * after the callback is applied, never retried later (a late retry can only fail).
 */
async function sendWelcome(
  db: Db, ws: string, client: WecomClient, c: Extract<CallbackMessage['change'], { kind: 'contact_added' }>, text: string, name: string | undefined,
): Promise<void> {
  const ref = `${c.externalUserId}:${c.userId}:${c.welcomeCode}`;
  const [claimed] = await db.query(
    `INSERT INTO wecom_jobs (workspace_id, kind, ref, status) VALUES ($1, 'welcome', $2, 'sending') ON CONFLICT DO NOTHING RETURNING ref`, [ws, ref]);
  if (!claimed) return;
  let status = 'sent';
  let detail: Record<string, unknown> = {};
  try {
    await client.sendWelcomeMsg({ welcome_code: c.welcomeCode, text: { content: text.replaceAll('{name}', name ?? '') } });
  } catch (err) {
    status = 'failed';
    detail = { error: err instanceof Error ? err.message : String(err) };
  }
  await db.query(`UPDATE wecom_jobs SET status = $3, details = $4, updated_at = now() WHERE workspace_id = $1 AND kind = 'welcome' AND ref = $2`,
    [ws, ref, status, JSON.stringify(detail)]);
}
