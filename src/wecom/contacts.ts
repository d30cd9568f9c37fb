/**
 * Applying what WeCom says about a contact, inside the caller's transaction: the events
 * (contact.added / contact.removed / group.*), the mirror rows reconciliation compares
 * against, the customer's profile (gender, the channel tag) and the corp tags.
 */
import { currentCustomerId, findCustomerByIdentity } from '../customers/index.ts';
import { ingestInTransaction, type IngestResult } from '../events/index.ts';
import type { Queryable } from '../store/db.ts';
import { tagCustomers, untagCustomers } from '../tags/index.ts';
import { pullRemark } from './remarks.ts';
import { GENDERS, followTagIds, type ExternalContact, type FollowUser } from './mapping.ts';
import { CHANNEL_GROUP, WECOM_ACTOR, WECOM_CATEGORY, ensureTag, fromWecom } from './taxonomy.ts';

const secondsIso = (s: number | undefined): string | null => (s === undefined ? null : new Date(s * 1000).toISOString());

export async function ingestWecomEvents(tx: Queryable, ws: string, events: Record<string, unknown>[], now: number): Promise<IngestResult> {
  await fromWecom(tx);
  const r = await ingestInTransaction(tx, ws, events, { source: 'wecom', actor: WECOM_ACTOR, now });
  if (r.rejected.length > 0) {
    throw new Error(`WeCom events were rejected: ${r.rejected.map((x) => `${x.id}: ${x.reason}`).join('; ')}`);
  }
  return r;
}

export async function customerOfContact(tx: Queryable, ws: string, externalUserId: string): Promise<number | undefined> {
  const id = await findCustomerByIdentity(tx, ws, { kind: 'external_user_id', value: externalUserId });
  return id === undefined ? undefined : currentCustomerId(tx, ws, id);
}

export async function saveContact(tx: Queryable, ws: string, contact: ExternalContact, customerId: number | undefined): Promise<void> {
  await tx.query(
    `INSERT INTO wecom_contacts (workspace_id, external_userid, customer_id, name, gender, unionid, corp_name, contact_type, synced_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (workspace_id, external_userid) DO UPDATE SET customer_id = COALESCE(excluded.customer_id, wecom_contacts.customer_id),
       name = excluded.name, gender = excluded.gender, unionid = COALESCE(excluded.unionid, wecom_contacts.unionid),
       corp_name = excluded.corp_name, contact_type = excluded.contact_type, synced_at = now()`,
    [ws, contact.external_userid, customerId ?? null, contact.name ?? null, contact.gender ?? null, contact.unionid ?? null, contact.corp_name ?? null, contact.type ?? null],
  );
  // The profile: gender is WeCom's to tell unless a person already set it.
  const gender = contact.gender === undefined ? undefined : GENDERS[contact.gender];
  if (customerId !== undefined && gender && gender !== 'unknown') {
    await tx.query(`UPDATE customers SET gender = $3, updated_at = now() WHERE workspace_id = $1 AND customer_id = $2 AND gender IS NULL`, [ws, customerId, gender]);
  }
}

export async function saveFollow(tx: Queryable, ws: string, externalUserId: string, f: FollowUser): Promise<void> {
  await tx.query(
    `INSERT INTO wecom_follows (workspace_id, external_userid, userid, state, add_way, created_at, remark, tag_ids, removed_at, synced_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, now())
     ON CONFLICT (workspace_id, external_userid, userid) DO UPDATE SET state = excluded.state, add_way = excluded.add_way,
       created_at = excluded.created_at, remark = excluded.remark, tag_ids = excluded.tag_ids, removed_at = NULL, synced_at = now()`,
    [ws, externalUserId, f.userid, f.state || null, f.add_way ?? null, secondsIso(f.createtime), f.remark || null, followTagIds(f)],
  );
  await pullRemark(tx, ws, externalUserId, f);
}

export async function markFollowRemoved(tx: Queryable, ws: string, externalUserId: string, userId: string, at: number): Promise<void> {
  await tx.query(
    `INSERT INTO wecom_follows (workspace_id, external_userid, userid, removed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (workspace_id, external_userid, userid) DO UPDATE SET removed_at = excluded.removed_at, synced_at = now()`,
    [ws, externalUserId, userId, new Date(at * 1000).toISOString()],
  );
}

/** The customer gets the tag of the channel (活码 state) they came through. */
export async function tagChannel(tx: Queryable, ws: string, customerId: number, state: string, now: number): Promise<string | undefined> {
  const [ch] = await tx.query<{ name: string }>(`SELECT name FROM channels WHERE workspace_id = $1 AND channel = $2`, [ws, state]);
  const name = ch?.name ?? state;
  const tagId = await ensureTag(tx, ws, WECOM_CATEGORY, CHANNEL_GROUP, name);
  if (tagId === undefined) return undefined;
  // Siyu's own tag, not WeCom's: when the channel tag exists in WeCom it is pushed there too.
  await tx.query(`SELECT set_config('siyu.wecom_origin', 'off', true)`);
  await tagCustomers(tx, ws, {
    customerIds: [customerId], tag: tagId, source: 'api', sourceId: `wecom:state:${state}`.slice(0, 200),
    reason: `added a staff member through channel code "${state}"`, actor: WECOM_ACTOR, now: new Date(now),
  });
  await fromWecom(tx);
  return `${CHANNEL_GROUP}/${name}`;
}

export interface TagDiff {
  added: string[];
  removed: string[];
}

/**
 * Make the customer's mapped tags match WeCom's (the union over their active follow
 * relations). Tags with a push to WeCom still pending are Siyu's newer word: left alone.
 */
export async function syncContactTags(tx: Queryable, ws: string, customerId: number, wecomTagIds: readonly string[], now: number): Promise<TagDiff> {
  await fromWecom(tx);
  const held = await tx.query<{ tag_id: number; wecom_id: string }>(
    `SELECT ct.tag_id, m.wecom_id FROM customer_tags ct
     JOIN wecom_tag_map m ON m.workspace_id = ct.workspace_id AND m.kind = 'tag' AND m.siyu_id = ct.tag_id
     WHERE ct.workspace_id = $1 AND ct.customer_id = $2`, [ws, customerId]);
  const pending = new Set((await tx.query<{ tag_id: number }>(
    `SELECT DISTINCT tag_id FROM wecom_tag_outbox WHERE workspace_id = $1 AND customer_id = $2 AND status = 'pending'`, [ws, customerId],
  )).map((r) => Number(r.tag_id)));
  const want = new Map<string, number>();
  if (wecomTagIds.length > 0) {
    const rows = await tx.query<{ wecom_id: string; siyu_id: number }>(
      `SELECT wecom_id, siyu_id FROM wecom_tag_map WHERE workspace_id = $1 AND kind = 'tag' AND wecom_id = ANY($2::text[])`, [ws, [...wecomTagIds]]);
    for (const r of rows) want.set(r.wecom_id, Number(r.siyu_id));
  }
  const heldIds = new Set(held.map((h) => Number(h.tag_id)));
  const diff: TagDiff = { added: [], removed: [] };
  for (const [, tagId] of want) {
    if (heldIds.has(tagId) || pending.has(tagId)) continue;
    const r = await tagCustomers(tx, ws, {
      customerIds: [customerId], tag: tagId, source: 'api', sourceId: 'wecom', reason: 'corp tag set in WeCom', actor: WECOM_ACTOR, now: new Date(now),
    });
    if (r.added.length > 0) diff.added.push(r.tag);
  }
  for (const h of held) {
    const tagId = Number(h.tag_id);
    if (want.has(h.wecom_id) || pending.has(tagId)) continue;
    const r = await untagCustomers(tx, ws, {
      customerIds: [customerId], tag: tagId, source: 'api', sourceId: 'wecom', reason: 'corp tag removed in WeCom', actor: WECOM_ACTOR, now: new Date(now),
    });
    if (r.removed.length > 0) diff.removed.push(r.tag);
  }
  return diff;
}

/** The union of corp tag ids over a contact's active follow relations (mirror). */
export async function mirroredTagIds(tx: Queryable, ws: string, externalUserId: string): Promise<string[]> {
  const [r] = await tx.query<{ ids: string[] | null }>(
    `SELECT array_agg(DISTINCT t) AS ids FROM wecom_follows f, unnest(f.tag_ids) AS t
     WHERE f.workspace_id = $1 AND f.external_userid = $2 AND f.removed_at IS NULL`, [ws, externalUserId]);
  return r?.ids ?? [];
}
