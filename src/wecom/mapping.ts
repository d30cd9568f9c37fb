/**
 * From a decrypted WeCom callback to what it means for Siyu (spec §3): a typed change,
 * a dedupe key, and — once the details are fetched — Siyu event drafts (DESIGN §3) with
 * ids derived from the callback, so retries, replays and reconciliation land once. Pure.
 */
import { createHash } from 'node:crypto';
import { normalisePhone } from '../shared/phone.ts';
import type { WecomXml } from './xml.ts';

export type WecomChange =
  | { kind: 'contact_added'; half: boolean; userId: string; externalUserId: string; state: string | undefined; welcomeCode: string | undefined }
  | { kind: 'contact_edited'; userId: string; externalUserId: string }
  | { kind: 'contact_removed'; by: 'staff' | 'customer'; userId: string; externalUserId: string; transfer: boolean }
  | { kind: 'transfer_failed'; userId: string; externalUserId: string; failReason: string }
  | {
    kind: 'chat_changed'; change: 'create' | 'update' | 'dismiss'; chatId: string; updateDetail: string | undefined;
    members: string[]; joinScene: string | undefined; quitScene: string | undefined; lastMemVer: string | undefined; curMemVer: string | undefined;
  }
  | { kind: 'tag_changed'; change: 'create' | 'update' | 'delete' | 'shuffle'; id: string; tagType: 'tag' | 'tag_group' | undefined; strategyId: string | undefined }
  | { kind: 'ignored'; reason: string };

export interface CallbackMessage {
  /** ToUserName (CorpID), or AuthCorpId of the third-party variant. */
  corpId: string;
  event: string;
  changeType: string;
  /** Unix seconds. */
  createTime: number;
  change: WecomChange;
  /** Same message → same key: WeCom's retries and our replays are stored once. */
  dedupeKey: string;
}

const text = (f: Record<string, string>, name: string): string | undefined => {
  const v = f[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

function need(f: Record<string, string>, names: string[], what: string): string[] | { reason: string } {
  const missing = names.filter((n) => text(f, n) === undefined);
  return missing.length > 0 ? { reason: `${what} without ${missing.join(', ')}` } : names.map((n) => text(f, n)!);
}

export function dedupeKeyOf(xml: WecomXml): string {
  const canonical = JSON.stringify([
    Object.entries(xml.fields).filter(([k]) => k !== 'WelcomeCode').sort(([a], [b]) => (a < b ? -1 : 1)),
    Object.entries(xml.lists).sort(([a], [b]) => (a < b ? -1 : 1)),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 40);
}

/** Interpret a decrypted message (self-built envelope or the third-party InfoType one). */
export function interpretCallback(xml: WecomXml): CallbackMessage {
  const f = xml.fields;
  const event = text(f, 'Event') ?? text(f, 'InfoType') ?? text(f, 'MsgType') ?? '';
  const changeType = text(f, 'ChangeType') ?? '';
  const createTime = Number(text(f, 'CreateTime') ?? text(f, 'TimeStamp') ?? '0');
  const corpId = text(f, 'AuthCorpId') ?? text(f, 'ToUserName') ?? '';
  const base = { corpId, event, changeType, createTime: Number.isFinite(createTime) ? createTime : 0, dedupeKey: dedupeKeyOf(xml) };
  return { ...base, change: changeOf(event, changeType, xml) };
}

function changeOf(event: string, changeType: string, xml: WecomXml): WecomChange {
  const f = xml.fields;
  const ignored = (reason: string): WecomChange => ({ kind: 'ignored', reason });
  if (event === 'change_external_contact') {
    const ids = need(f, ['UserID', 'ExternalUserID'], changeType);
    if (!Array.isArray(ids)) return ignored(ids.reason);
    const [userId, externalUserId] = ids as [string, string];
    switch (changeType) {
      case 'add_external_contact':
      case 'add_half_external_contact':
        return {
          kind: 'contact_added', half: changeType === 'add_half_external_contact', userId, externalUserId,
          state: text(f, 'State'), welcomeCode: text(f, 'WelcomeCode'),
        };
      case 'edit_external_contact':
        return { kind: 'contact_edited', userId, externalUserId };
      case 'del_external_contact':
        return { kind: 'contact_removed', by: 'staff', userId, externalUserId, transfer: text(f, 'Source') === 'DELETE_BY_TRANSFER' };
      case 'del_follow_user':
        return { kind: 'contact_removed', by: 'customer', userId, externalUserId, transfer: false };
      case 'transfer_fail':
        return { kind: 'transfer_failed', userId, externalUserId, failReason: text(f, 'FailReason') ?? 'unknown' };
      default:
        return ignored(`change_external_contact/${changeType} is not handled`);
    }
  }
  if (event === 'change_external_chat') {
    const chatId = text(f, 'ChatId');
    if (!chatId) return ignored(`change_external_chat/${changeType} without ChatId`);
    if (changeType !== 'create' && changeType !== 'update' && changeType !== 'dismiss') return ignored(`change_external_chat/${changeType} is not handled`);
    return {
      kind: 'chat_changed', change: changeType, chatId, updateDetail: text(f, 'UpdateDetail'), members: xml.lists.MemChangeList ?? [],
      joinScene: text(f, 'JoinScene'), quitScene: text(f, 'QuitScene'), lastMemVer: text(f, 'LastMemVer'), curMemVer: text(f, 'CurMemVer'),
    };
  }
  if (event === 'change_external_tag') {
    if (changeType !== 'create' && changeType !== 'update' && changeType !== 'delete' && changeType !== 'shuffle') {
      return ignored(`change_external_tag/${changeType} is not handled`);
    }
    const tagType = text(f, 'TagType');
    return {
      kind: 'tag_changed', change: changeType, id: text(f, 'Id') ?? '',
      tagType: tagType === 'tag' || tagType === 'tag_group' ? tagType : undefined, strategyId: text(f, 'StrategyId'),
    };
  }
  return ignored(`${event || 'a message without Event'}${changeType ? `/${changeType}` : ''} is not a customer-contact event`);
}

// ---- details from the API and the events they make ----

export interface ExternalContact {
  external_userid: string;
  name?: string;
  type?: number;
  gender?: number;
  unionid?: string;
  corp_name?: string;
  avatar?: string;
  position?: string;
}

export interface FollowUser {
  userid: string;
  remark?: string;
  description?: string;
  createtime?: number;
  tags?: { group_name?: string; tag_name?: string; tag_id?: string; type?: number }[];
  tag_id?: string[];
  remark_mobiles?: string[];
  add_way?: number;
  state?: string;
}

export const GENDERS: Record<number, 'male' | 'female' | 'unknown'> = { 0: 'unknown', 1: 'male', 2: 'female' };

const iso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

/** The customer block of an event: every identity WeCom gives us, phones only when valid. */
export function customerOf(externalUserId: string, contact: ExternalContact | undefined, follow: FollowUser | undefined): Record<string, unknown> {
  const customer: Record<string, unknown> = { externalUserId };
  if (contact?.unionid) customer.unionId = contact.unionid;
  const name = follow?.remark?.trim() || contact?.name?.trim();
  if (name) customer.name = name.slice(0, 100);
  for (const m of follow?.remark_mobiles ?? []) {
    const p = normalisePhone(m);
    if (p.ok) {
      customer.phone = p.phone;
      break;
    }
  }
  return customer;
}

/** The tag ids of a follow relation, whichever of the two response shapes carried them. */
export function followTagIds(follow: FollowUser): string[] {
  const ids = new Set<string>(follow.tag_id ?? []);
  for (const t of follow.tags ?? []) if (t.tag_id && (t.type === undefined || t.type === 1 || t.type === 3)) ids.add(t.tag_id);
  return [...ids];
}

export interface AddedInput {
  externalUserId: string;
  userId: string;
  /** Callback CreateTime (seconds), used when the follow's createtime is unknown. */
  at: number;
  state: string | undefined;
  welcomeCode?: string | undefined;
  contact?: ExternalContact | undefined;
  follow?: FollowUser | undefined;
}

/** One friendship is one contact.added, whichever path (callback, half-add, sync) saw it. */
export function contactAddedEvent(i: AddedInput): Record<string, unknown> {
  const at = i.follow?.createtime ?? i.at;
  const channel = i.state ?? (i.follow?.state || undefined);
  const data: Record<string, unknown> = {};
  if (channel) data.channel = channel.slice(0, 200);
  if (i.welcomeCode) data.welcomeCode = i.welcomeCode;
  if (i.follow?.add_way !== undefined) data.addWay = i.follow.add_way;
  return {
    id: `wecom:added:${i.externalUserId}:${i.userId}:${at}`,
    type: 'contact.added',
    occurredAt: iso(at),
    customer: customerOf(i.externalUserId, i.contact, i.follow),
    staffId: i.userId,
    touchpoint: 'private_chat',
    data,
  };
}

export function contactRemovedEvent(i: { externalUserId: string; userId: string; at: number; by: 'staff' | 'customer' | undefined; key: string }): Record<string, unknown> {
  return {
    id: `wecom:removed:${i.externalUserId}:${i.userId}:${i.at}:${i.key}`,
    type: 'contact.removed',
    occurredAt: iso(i.at),
    customer: { externalUserId: i.externalUserId },
    staffId: i.userId,
    touchpoint: 'private_chat',
    data: i.by ? { by: i.by } : {},
  };
}

export interface GroupMember {
  userid: string;
  /** 1 member (staff), 2 external contact. */
  type: number;
  unionid?: string;
  join_time?: number;
  join_scene?: number;
  name?: string;
  /** The join way's state (spec §4.12): the channel a customer joined through. */
  state?: string;
}

/** Who joined and who left an external group between two member lists (customers only). */
export function groupMembershipEvents(
  chatId: string,
  before: readonly GroupMember[],
  after: readonly GroupMember[],
  at: number,
  key: string,
): Record<string, unknown>[] {
  const was = new Map(before.filter((m) => m.type === 2).map((m) => [m.userid, m]));
  const now = new Map(after.filter((m) => m.type === 2).map((m) => [m.userid, m]));
  const events: Record<string, unknown>[] = [];
  for (const [id, m] of now) {
    if (was.has(id)) continue;
    const joined = m.join_time ?? at;
    const customer: Record<string, unknown> = { externalUserId: id };
    if (m.unionid) customer.unionId = m.unionid;
    events.push({
      id: `wecom:group:${chatId}:${id}:joined:${joined}`, type: 'group.joined', occurredAt: iso(joined), customer, touchpoint: 'group',
      data: { groupId: chatId, ...(m.join_scene !== undefined ? { joinScene: m.join_scene } : {}), ...(m.state ? { state: m.state } : {}) },
    });
  }
  for (const id of was.keys()) {
    if (now.has(id)) continue;
    events.push({
      id: `wecom:group:${chatId}:${id}:left:${at}:${key}`, type: 'group.left', occurredAt: iso(at), customer: { externalUserId: id }, touchpoint: 'group',
      data: { groupId: chatId },
    });
  }
  return events;
}
