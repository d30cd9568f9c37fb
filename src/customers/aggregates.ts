/**
 * Per-customer aggregates as commutative deltas: each event becomes a delta, deltas
 * combine by sum / min / max / latest-by-time, so any arrival order gives one result
 * and applying a batch costs O(events), never a rescan of history.
 */
import type { NormalizedEvent } from '../events/envelope.ts';
import { ENGAGEMENT_EPOCH } from '../models/types.ts';

/** The parts of the model configuration that intake needs to read events. */
export interface Scoring {
  intentKeywords: readonly string[];
  points: Readonly<Record<string, number>>;
  halfLifeDays: number;
}

export interface Stamped<T> {
  at: number;
  value: T;
}

export interface AggregateDelta {
  events: number;
  firstSeenAt: number | undefined;
  lastSeenAt: number | undefined;
  lastInteractionAt: number | undefined;
  /** Latest name seen in an envelope. */
  name: Stamped<string> | undefined;
  /** The first time the customer added a staff member: who, through which channel. */
  added: Stamped<{ staff: string | null; channel: string | null; campaign: string | null }> | undefined;
  lastAddedAt: number | undefined;
  removed: Stamped<string | null> | undefined;
  messagesReceived: number;
  messagesSent: number;
  lastPrivateChatAt: number | undefined;
  momentsInteractions: number;
  groupInteractions: number;
  contentViews: number;
  contentShares: number;
  formsSubmitted: number;
  campaignsJoined: number;
  couponsIssued: number;
  couponsRedeemed: number;
  complaints: number;
  complaintTimes: number[];
  referrals: number;
  /** Customer messages with an intent keyword, and the latest of them. */
  intentHits: number;
  lastIntent: Stamped<{ keyword: string; eventId: string }> | undefined;
  /** log2 Σ points × 2^((t − epoch)/halfLife): decayed engagement, order-independent. */
  engagementLog2: number | undefined;
}

export const emptyDelta = (): AggregateDelta => ({
  events: 0,
  firstSeenAt: undefined,
  lastSeenAt: undefined,
  lastInteractionAt: undefined,
  name: undefined,
  added: undefined,
  lastAddedAt: undefined,
  removed: undefined,
  messagesReceived: 0,
  messagesSent: 0,
  lastPrivateChatAt: undefined,
  momentsInteractions: 0,
  groupInteractions: 0,
  contentViews: 0,
  contentShares: 0,
  formsSubmitted: 0,
  campaignsJoined: 0,
  couponsIssued: 0,
  couponsRedeemed: 0,
  complaints: 0,
  complaintTimes: [],
  referrals: 0,
  intentHits: 0,
  lastIntent: undefined,
  engagementLog2: undefined,
});

/** log2(2^a + 2^b) without overflow; undefined stands for zero. */
export function addLog2(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const hi = Math.max(a, b);
  return hi + Math.log2(1 + 2 ** (Math.min(a, b) - hi));
}

export const engagementContribution = (points: number, at: number, halfLifeDays: number): number | undefined =>
  points > 0 ? Math.log2(points) + (at - ENGAGEMENT_EPOCH) / (halfLifeDays * 86_400_000) : undefined;

/**
 * Events in which the customer did something (as opposed to things done to them,
 * such as a coupon issued or a refund), for "last interaction".
 */
const CUSTOMER_ACTS = new Set<string>([
  'contact.added', 'message.received', 'moment.liked', 'moment.commented', 'group.joined', 'group.message',
  'content.viewed', 'content.shared', 'product.viewed', 'cart.added', 'form.submitted', 'campaign.joined', 'coupon.redeemed', 'order.paid',
  'complaint.filed', 'referral.made',
]);

const min = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const max = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
// Latest wins; equal times keep the larger value so the result never depends on order.
const latest = <T>(a: Stamped<T> | undefined, b: Stamped<T> | undefined): Stamped<T> | undefined => {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return JSON.stringify(a.value) >= JSON.stringify(b.value) ? a : b;
};
const earliest = <T>(a: Stamped<T> | undefined, b: Stamped<T> | undefined): Stamped<T> | undefined => {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at < b.at ? a : b;
  return JSON.stringify(a.value) <= JSON.stringify(b.value) ? a : b;
};

export const isPrivateMessage = (e: NormalizedEvent): boolean =>
  (e.type === 'message.received' || e.type === 'message.sent') && e.data.chatType !== 'group';

export function deltaOf(e: NormalizedEvent, scoring: Scoring): AggregateDelta {
  const d = emptyDelta();
  const at = e.occurredAt;
  d.events = 1;
  d.engagementLog2 = engagementContribution(scoring.points[e.type] ?? 0, at, scoring.halfLifeDays);
  if (e.type === 'message.received') {
    const text = e.data.text as string | undefined;
    const keyword = text ? scoring.intentKeywords.find((k) => text.includes(k)) : undefined;
    if (keyword) {
      d.intentHits = 1;
      d.lastIntent = { at, value: { keyword, eventId: e.id } };
    }
  }
  d.firstSeenAt = at;
  d.lastSeenAt = at;
  if (e.name) d.name = { at, value: e.name };
  if (CUSTOMER_ACTS.has(e.type)) d.lastInteractionAt = at;
  switch (e.type) {
    case 'contact.added':
      d.added = {
        at,
        value: {
          staff: e.staffId ?? null,
          channel: (e.data.channel as string | undefined) ?? null,
          campaign: (e.data.campaign as string | undefined) ?? null,
        },
      };
      d.lastAddedAt = at;
      break;
    case 'contact.removed':
      d.removed = { at, value: (e.data.by as string | undefined) ?? null };
      break;
    case 'message.received':
    case 'message.sent':
      if (isPrivateMessage(e)) {
        if (e.type === 'message.received') d.messagesReceived = 1;
        else d.messagesSent = 1;
        d.lastPrivateChatAt = at;
      } else if (e.type === 'message.received') {
        d.groupInteractions = 1;
      }
      break;
    case 'moment.liked':
    case 'moment.commented':
      d.momentsInteractions = 1;
      break;
    case 'group.joined':
    case 'group.message':
      d.groupInteractions = 1;
      break;
    case 'content.viewed':
      d.contentViews = 1;
      break;
    case 'content.shared':
      d.contentShares = 1;
      break;
    case 'form.submitted':
      d.formsSubmitted = 1;
      break;
    case 'campaign.joined':
      d.campaignsJoined = 1;
      break;
    case 'coupon.issued':
      d.couponsIssued = 1;
      break;
    case 'coupon.redeemed':
      d.couponsRedeemed = 1;
      break;
    case 'complaint.filed':
      d.complaints = 1;
      d.complaintTimes = [at];
      break;
    case 'referral.made':
      d.referrals = 1;
      break;
    case 'product.viewed':
    case 'cart.added':
      // Counted by the funnels from the event log; no aggregate of their own.
      break;
    case 'group.left':
    case 'order.paid':
    case 'order.refunded':
      // Orders are kept in their own table; their aggregates are derived from it.
      break;
    default: {
      const never: never = e.type;
      throw new Error(`unhandled event type ${String(never)}`);
    }
  }
  return d;
}

export function combine(a: AggregateDelta, b: AggregateDelta): AggregateDelta {
  return {
    events: a.events + b.events,
    firstSeenAt: min(a.firstSeenAt, b.firstSeenAt),
    lastSeenAt: max(a.lastSeenAt, b.lastSeenAt),
    lastInteractionAt: max(a.lastInteractionAt, b.lastInteractionAt),
    name: latest(a.name, b.name),
    added: earliest(a.added, b.added),
    lastAddedAt: max(a.lastAddedAt, b.lastAddedAt),
    removed: latest(a.removed, b.removed),
    messagesReceived: a.messagesReceived + b.messagesReceived,
    messagesSent: a.messagesSent + b.messagesSent,
    lastPrivateChatAt: max(a.lastPrivateChatAt, b.lastPrivateChatAt),
    momentsInteractions: a.momentsInteractions + b.momentsInteractions,
    groupInteractions: a.groupInteractions + b.groupInteractions,
    contentViews: a.contentViews + b.contentViews,
    contentShares: a.contentShares + b.contentShares,
    formsSubmitted: a.formsSubmitted + b.formsSubmitted,
    campaignsJoined: a.campaignsJoined + b.campaignsJoined,
    couponsIssued: a.couponsIssued + b.couponsIssued,
    couponsRedeemed: a.couponsRedeemed + b.couponsRedeemed,
    complaints: a.complaints + b.complaints,
    complaintTimes: [...a.complaintTimes, ...b.complaintTimes].sort((x, y) => x - y),
    referrals: a.referrals + b.referrals,
    intentHits: a.intentHits + b.intentHits,
    lastIntent: latest(a.lastIntent, b.lastIntent),
    engagementLog2: addLog2(a.engagementLog2, b.engagementLog2),
  };
}

/** Complaints within `days` before `asOf` (the trust ladder uses 365). */
export function complaintsWithin(times: readonly number[], asOf: number, days: number): number {
  const from = asOf - days * 86_400_000;
  return times.filter((t) => t > from && t <= asOf).length;
}

// ---- Private conversations: chat rounds and who started the conversation ----

export type Direction = 'customer' | 'staff';

export interface ConversationMessage {
  at: number;
  eventId: string;
  dir: Direction;
}

export interface ConversationState {
  firstAt: number;
  firstDir: Direction;
  lastAt: number;
  lastEventId: string;
  lastDir: Direction;
  /** A round is one side writing and the other replying: each change of speaker is one. */
  rounds: number;
  messages: number;
}

const before = (a: { at: number; eventId: string }, b: { at: number; eventId: string }) =>
  a.at < b.at || (a.at === b.at && a.eventId < b.eventId);

export const sortMessages = (ms: ConversationMessage[]): ConversationMessage[] =>
  ms.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));

/**
 * Extend a conversation with messages. When they all come after what is known (the usual
 * case) this is O(new messages); otherwise it returns undefined and the caller re-folds
 * the whole conversation from the log.
 */
export function extendConversation(
  state: ConversationState | undefined,
  messages: readonly ConversationMessage[],
): ConversationState | undefined {
  let s = state;
  for (const m of messages) {
    if (!s) {
      s = { firstAt: m.at, firstDir: m.dir, lastAt: m.at, lastEventId: m.eventId, lastDir: m.dir, rounds: 0, messages: 1 };
      continue;
    }
    if (!before({ at: s.lastAt, eventId: s.lastEventId }, m)) return undefined;
    s = {
      ...s,
      lastAt: m.at,
      lastEventId: m.eventId,
      lastDir: m.dir,
      rounds: s.rounds + (m.dir !== s.lastDir ? 1 : 0),
      messages: s.messages + 1,
    };
  }
  return s;
}

export const foldConversation = (messages: ConversationMessage[]): ConversationState | undefined =>
  extendConversation(undefined, sortMessages(messages));
