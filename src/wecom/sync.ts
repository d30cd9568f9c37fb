/**
 * Full sync and reconciliation (spec §1.6: WeCom does not guarantee callbacks, so pull):
 * every contact of every follow user (batch/get_by_user, by cursor), the corp tag list and
 * the customer groups are compared with Siyu's state and the drift is repaired with the
 * same deterministic events the callbacks would have produced. Siyu's own pending tag
 * changes go to WeCom first, so WeCom's answer is never older than Siyu's intent.
 */
import type { Db, Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { jobRetryDelayMs } from './backoff.ts';
import { WecomApiError, type WecomClient } from './client.ts';
import { defaultClientFactory, requireWecomConfig, type ClientFactory } from './config.ts';
import { customerOfContact, ingestWecomEvents, markFollowRemoved, saveContact, saveFollow, syncContactTags, tagChannel } from './contacts.ts';
import { contactAddedEvent, contactRemovedEvent, followTagIds, type ExternalContact, type FollowUser } from './mapping.ts';
import { applyGroupSnapshot } from './process.ts';
import { pushRemarks, type RemarkPushReport } from './remarks.ts';
import { emptyTaxonomyReport, exportTaxonomy, fromWecom, importTaxonomy, pushTaxonomyEdits, type TaxonomyReport } from './taxonomy.ts';

export interface SyncOptions {
  now?: number;
  clientFactory?: ClientFactory;
}

export interface ReconcileReport {
  runId: number;
  kind: 'sync' | 'reconcile';
  followUsers: number;
  contacts: number;
  /** Friendships WeCom has and Siyu missed (an add callback lost): contact.added written. */
  contactsAdded: string[];
  /** Friendships Siyu thought alive that WeCom no longer has: contact.removed written. */
  contactsRemoved: string[];
  tagsAdded: string[];
  tagsRemoved: string[];
  taxonomy: TaxonomyReport;
  groups: { synced: number; events: number };
  pushed: PushReport;
  remarks: RemarkPushReport;
  seconds: number;
}

async function clientFor(db: Queryable, ws: string, factory: ClientFactory | undefined): Promise<WecomClient> {
  const config = await requireWecomConfig(db, ws);
  return (factory ?? defaultClientFactory())(config);
}

export function syncWecom(db: Db, ws: string, opts: SyncOptions = {}): Promise<ReconcileReport> {
  return run(db, ws, 'sync', opts);
}

export function reconcileWecom(db: Db, ws: string, opts: SyncOptions = {}): Promise<ReconcileReport> {
  return run(db, ws, 'reconcile', opts);
}

async function run(db: Db, ws: string, kind: 'sync' | 'reconcile', opts: SyncOptions): Promise<ReconcileReport> {
  await requireWorkspace(db, ws);
  const client = await clientFor(db, ws, opts.clientFactory);
  const started = performance.now();
  const [r] = await db.query<{ run_id: number }>(
    `INSERT INTO wecom_sync_runs (workspace_id, kind, status) VALUES ($1, $2, 'running') RETURNING run_id`, [ws, kind]);
  const runId = Number(r!.run_id);
  try {
    const now = opts.now ?? Date.now();
    const report: ReconcileReport = {
      runId, kind, followUsers: 0, contacts: 0, contactsAdded: [], contactsRemoved: [], tagsAdded: [], tagsRemoved: [],
      taxonomy: emptyTaxonomyReport(), groups: { synced: 0, events: 0 }, pushed: { pushed: 0, skipped: 0, failed: 0, retried: 0 },
      remarks: { pushed: 0, local: 0, failed: [], retried: 0 }, seconds: 0,
    };
    report.pushed = await pushTagChanges(db, ws, { client, now });
    // Siyu's waiting remark edits first, so the contacts read next already carry them.
    report.remarks = await pushRemarks(db, ws, { client });
    await pushTaxonomyEdits(db, ws, client, report.taxonomy);
    // WeCom's library first (same-named Siyu groups and tags are adopted), then what only Siyu has.
    const groups = await client.getCorpTagList();
    await db.transaction((tx) => importTaxonomy(tx, ws, groups, true, report.taxonomy));
    await reconcileContacts(db, ws, client, now, report);
    if (kind === 'sync') {
      await exportTaxonomy(db, ws, client, report.taxonomy);
      report.groups = await syncGroups(db, ws, client, now);
      const again = await pushTagChanges(db, ws, { client, now });
      report.pushed.pushed += again.pushed;
      report.pushed.skipped += again.skipped;
    }
    report.seconds = Math.round(performance.now() - started) / 1000;
    await db.query(`UPDATE wecom_sync_runs SET status = 'done', report = $3, finished_at = now() WHERE workspace_id = $1 AND run_id = $2`,
      [ws, runId, JSON.stringify(report)]);
    return report;
  } catch (err) {
    await db.query(`UPDATE wecom_sync_runs SET status = 'failed', error = $3, finished_at = now() WHERE workspace_id = $1 AND run_id = $2`,
      [ws, runId, err instanceof Error ? err.message : String(err)]);
    throw err;
  }
}

/** Friendships Siyu believes alive: its own mirror when it has one, else the event-derived followers. */
async function siyuFollows(db: Queryable, ws: string): Promise<Set<string>> {
  const rows = await db.query<{ ext: string; staff: string }>(
    `SELECT i.value AS ext, f.staff_id AS staff FROM customer_followers f
     JOIN customer_identities i ON i.workspace_id = f.workspace_id AND i.customer_id = f.customer_id AND i.kind = 'external_user_id'
     LEFT JOIN wecom_follows w ON w.workspace_id = f.workspace_id AND w.external_userid = i.value AND w.userid = f.staff_id
     WHERE f.workspace_id = $1 AND CASE WHEN w.userid IS NOT NULL THEN w.removed_at IS NULL
                                        ELSE (f.removed_at IS NULL OR f.added_at > f.removed_at) END
     UNION
     SELECT external_userid, userid FROM wecom_follows WHERE workspace_id = $1 AND removed_at IS NULL`,
    [ws],
  );
  return new Set(rows.map((r) => `${r.ext}\u0000${r.staff}`));
}

const CHUNK = 200;

async function reconcileContacts(db: Db, ws: string, client: WecomClient, now: number, report: ReconcileReport): Promise<void> {
  const users = await client.getFollowUserList();
  report.followUsers = users.length;
  const contacts = new Map<string, { contact: ExternalContact; follows: FollowUser[] }>();
  for await (const item of client.allContacts(users)) {
    const id = item.external_contact.external_userid;
    const e = contacts.get(id) ?? { contact: item.external_contact, follows: [] };
    e.follows.push(item.follow_info);
    contacts.set(id, e);
  }
  report.contacts = contacts.size;
  const known = await siyuFollows(db, ws);
  const inWecom = new Set<string>();
  const entries = [...contacts.values()];
  for (let i = 0; i < entries.length; i += CHUNK) {
    await db.transaction(async (tx) => {
      await fromWecom(tx);
      const events: Record<string, unknown>[] = [];
      for (const { contact, follows } of entries.slice(i, i + CHUNK)) {
        for (const f of follows) {
          inWecom.add(`${contact.external_userid}\u0000${f.userid}`);
          if (known.has(`${contact.external_userid}\u0000${f.userid}`)) continue;
          events.push(contactAddedEvent({ externalUserId: contact.external_userid, userId: f.userid, at: f.createtime ?? Math.floor(now / 1000), state: f.state || undefined, contact, follow: f }));
          report.contactsAdded.push(`${contact.external_userid} ↔ ${f.userid}`);
        }
      }
      if (events.length > 0) await ingestWecomEvents(tx, ws, events, now);
      for (const { contact, follows } of entries.slice(i, i + CHUNK)) {
        const customerId = await customerOfContact(tx, ws, contact.external_userid);
        if (customerId === undefined) continue;
        await saveContact(tx, ws, contact, customerId);
        for (const f of follows) {
          await saveFollow(tx, ws, contact.external_userid, f);
          if (f.state && !known.has(`${contact.external_userid}\u0000${f.userid}`)) await tagChannel(tx, ws, customerId, f.state, now);
        }
        const diff = await syncContactTags(tx, ws, customerId, [...new Set(follows.flatMap(followTagIds))], now);
        report.tagsAdded.push(...diff.added.map((t) => `${contact.external_userid}: ${t}`));
        report.tagsRemoved.push(...diff.removed.map((t) => `${contact.external_userid}: ${t}`));
      }
    });
  }
  // Removals only for members WeCom lists: a member outside the visible range says nothing.
  const visible = new Set(users);
  const gone = [...known].filter((k) => !inWecom.has(k) && visible.has(k.split('\u0000')[1]!));
  const at = Math.floor(now / 1000);
  for (let i = 0; i < gone.length; i += CHUNK) {
    await db.transaction(async (tx) => {
      const events = gone.slice(i, i + CHUNK).map((k) => {
        const [ext, staff] = k.split('\u0000') as [string, string];
        return contactRemovedEvent({ externalUserId: ext, userId: staff, at, by: undefined, key: 'reconcile' });
      });
      await ingestWecomEvents(tx, ws, events, now);
      for (const k of gone.slice(i, i + CHUNK)) {
        const [ext, staff] = k.split('\u0000') as [string, string];
        await markFollowRemoved(tx, ws, ext, staff, at);
        report.contactsRemoved.push(`${ext} ↔ ${staff}`);
      }
    });
  }
}

async function syncGroups(db: Db, ws: string, client: WecomClient, now: number): Promise<{ synced: number; events: number }> {
  let synced = 0;
  let events = 0;
  for await (const g of client.allGroupChats()) {
    const chat = await client.getGroupChat(g.chat_id);
    events += await db.transaction(async (tx) => {
      await fromWecom(tx);
      return applyGroupSnapshot(tx, ws, chat, now);
    });
    synced++;
  }
  return { synced, events };
}

export interface PushReport {
  pushed: number;
  skipped: number;
  failed: number;
  retried: number;
}

/**
 * Siyu's tag changes on mapped tags → mark_tag, per customer and follow relation. The last
 * change of a tag wins; WeCom never echoes these, so the mirror is updated here.
 */
export async function pushTagChanges(db: Db, ws: string, opts: { client?: WecomClient; clientFactory?: ClientFactory; now?: number; limit?: number } = {}): Promise<PushReport> {
  const report: PushReport = { pushed: 0, skipped: 0, failed: 0, retried: 0 };
  const now = opts.now ?? Date.now();
  const rows = await db.query<{ outbox_id: number; customer_id: number; op: 'add' | 'remove'; wecom_id: string | null; attempts: number }>(
    `SELECT o.outbox_id, o.customer_id, o.op, m.wecom_id, o.attempts FROM wecom_tag_outbox o
     LEFT JOIN wecom_tag_map m ON m.workspace_id = o.workspace_id AND m.kind = 'tag' AND m.siyu_id = o.tag_id
     WHERE o.workspace_id = $1 AND o.status = 'pending' AND (o.next_attempt_at <= $2 OR o.attempts = 0) ORDER BY o.outbox_id LIMIT $3`,
    [ws, new Date(now), opts.limit ?? 5000],
  );
  if (rows.length === 0) return report;
  const client = opts.client ?? await clientFor(db, ws, opts.clientFactory);
  const byCustomer = new Map<number, typeof rows>();
  for (const r of rows) byCustomer.set(Number(r.customer_id), [...(byCustomer.get(Number(r.customer_id)) ?? []), r]);
  const finish = (ids: number[], status: string, error?: string) =>
    db.query(`UPDATE wecom_tag_outbox SET status = $3, error = $4 WHERE workspace_id = $1 AND outbox_id = ANY($2::bigint[])`, [ws, ids, status, error ?? null]);
  for (const [customerId, ops] of byCustomer) {
    const ids = ops.map((o) => Number(o.outbox_id));
    const final = new Map<string, 'add' | 'remove'>();
    for (const o of ops) if (o.wecom_id) final.set(o.wecom_id, o.op);
    const follows = await db.query<{ ext: string; userid: string }>(
      `SELECT w.external_userid AS ext, w.userid FROM wecom_follows w
       JOIN customer_identities i ON i.workspace_id = w.workspace_id AND i.kind = 'external_user_id' AND i.value = w.external_userid
       WHERE w.workspace_id = $1 AND i.customer_id = $2 AND w.removed_at IS NULL
       UNION
       SELECT i.value, f.staff_id FROM customer_followers f
       JOIN customer_identities i ON i.workspace_id = f.workspace_id AND i.customer_id = f.customer_id AND i.kind = 'external_user_id'
       WHERE f.workspace_id = $1 AND f.customer_id = $2 AND (f.removed_at IS NULL OR f.added_at > f.removed_at)
         AND NOT EXISTS (SELECT 1 FROM wecom_follows w WHERE w.workspace_id = f.workspace_id AND w.external_userid = i.value AND w.userid = f.staff_id)`,
      [ws, customerId],
    );
    const add = [...final].filter(([, op]) => op === 'add').map(([id]) => id);
    const remove = [...final].filter(([, op]) => op === 'remove').map(([id]) => id);
    if (follows.length === 0 || (add.length === 0 && remove.length === 0)) {
      await finish(ids, 'skipped', follows.length === 0 ? 'not a WeCom contact of any member' : 'the tag is no longer mapped');
      report.skipped += ids.length;
      continue;
    }
    try {
      for (const f of follows) {
        await client.markTag({ userid: f.userid, external_userid: f.ext, ...(add.length ? { add_tag: add } : {}), ...(remove.length ? { remove_tag: remove } : {}) });
        await db.query(
          `UPDATE wecom_follows SET tag_ids = ARRAY(SELECT DISTINCT x FROM unnest(array_cat(
             ARRAY(SELECT t FROM unnest(tag_ids) t WHERE NOT t = ANY($4::text[])), $5::text[])) x)
           WHERE workspace_id = $1 AND external_userid = $2 AND userid = $3`,
          [ws, f.ext, f.userid, remove, add],
        );
      }
      await finish(ids, 'done');
      report.pushed += ids.length;
    } catch (err) {
      if (!(err instanceof WecomApiError)) throw err;
      const attempts = Math.max(...ops.map((o) => o.attempts)) + 1;
      const permanent = err.kind === 'invalid' || err.kind === 'config' || attempts >= 8;
      await db.query(
        `UPDATE wecom_tag_outbox SET status = $3, attempts = $4, next_attempt_at = $5, error = $6 WHERE workspace_id = $1 AND outbox_id = ANY($2::bigint[])`,
        [ws, ids, permanent ? 'failed' : 'pending', attempts, new Date(now + jobRetryDelayMs(attempts)), err.message],
      );
      if (permanent) report.failed += ids.length;
      else report.retried += ids.length;
    }
  }
  return report;
}
