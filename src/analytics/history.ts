/**
 * History that is true at each date: a customer's model inputs rebuilt from what was known
 * by the end of each day (events that had occurred, orders paid and refunds made by then,
 * pins set by then), evaluated with the models' own pure core, and counted into each day's
 * distribution per workspace, channel and staff member. Plain data in, counts out.
 */
import {
  combine, deltaOf, emptyDelta, extendConversation,
  type AggregateDelta, type ConversationMessage, type ConversationState,
} from '../customers/index.ts';
import type { NormalizedEvent } from '../events/index.ts';
import {
  DIMENSIONS, evaluate, windowStart,
  type ModelConfig, type ModelInput, type ModelOutput, type TrustLevel, type ValueTier, type WorkspaceStats,
} from '../models/index.ts';

export const SNAPSHOT_MODELS = ['trust', 'lifecycle_ecommerce', 'lifecycle_sales', 'rfm', 'value_tier'] as const;
export type SnapshotModel = (typeof SNAPSHOT_MODELS)[number];
export type SnapshotDim = 'all' | 'channel' | 'staff';
/** The value a customer with no channel is counted under. */
export const NO_CHANNEL = '(none)';

/** One order as the history needs it: when paid, and each refund with its time. */
export interface FactOrder {
  orderId: string;
  paidAt: number;
  amountFen: number;
  /** Refunds with their times; an order refunded without an event (an import) has its refund at paidAt. */
  refunds: { at: number; fen: number }[];
}

export interface CustomerFacts {
  customerId: number;
  /** An added time set by import or API, else the first contact.added. */
  explicitAddedAt: number | undefined;
  /** When the record was created (for customers with no event and no added time). */
  createdAt: number;
  /** A WeCom external contact today. */
  wecomFriend: boolean;
  channel: string | null;
  /** The owner (set by import/API/transfer), else null: the adder then owns. */
  owner: string | null;
  /** Events sorted by (occurredAt, id). */
  events: NormalizedEvent[];
  orders: FactOrder[];
  followers: { staffId: string; addedAt: number | undefined; removedAt: number | undefined }[];
  pins: { model: 'trust' | 'value_tier'; value: string; at: number }[];
}

/** The end of a calendar day: the instant the next day starts in the workspace zone. */
export interface Day {
  day: string;
  end: number;
}

/** Net order figures known by `end`. */
export function ordersAt(orders: readonly FactOrder[], end: number, periodStart: number) {
  let paidOrders = 0, paidFen = 0, fullyRefunded = 0, inPeriod = 0;
  let firstPaidAt: number | undefined, lastPaidAt: number | undefined;
  for (const o of orders) {
    if (o.paidAt >= end) continue;
    let refunded = 0;
    for (const r of o.refunds) if (r.at < end) refunded += r.fen;
    refunded = Math.min(refunded, o.amountFen);
    if (refunded < o.amountFen) {
      paidOrders++;
      if (o.paidAt >= periodStart) inPeriod++;
      firstPaidAt = firstPaidAt === undefined ? o.paidAt : Math.min(firstPaidAt, o.paidAt);
      lastPaidAt = lastPaidAt === undefined ? o.paidAt : Math.max(lastPaidAt, o.paidAt);
    } else if (o.amountFen > 0) fullyRefunded++;
    paidFen += o.amountFen - refunded;
  }
  return { paidOrders, paidFen, fullyRefunded, inPeriod, firstPaidAt, lastPaidAt };
}

/** The earliest moment the customer is known to exist: added, first event, or record creation. */
export function existsFrom(f: CustomerFacts): number {
  const first = f.events[0]?.occurredAt;
  const firstPaid = f.orders.reduce<number | undefined>((m, o) => (m === undefined || o.paidAt < m ? o.paidAt : m), undefined);
  const known = [f.explicitAddedAt, first, firstPaid].filter((v): v is number => v !== undefined);
  return known.length > 0 ? Math.min(...known) : f.createdAt;
}

/**
 * Walk one customer's facts forward through the days (ascending), handing back each day's
 * model input, or null on days before the customer existed. O(events + days × orders).
 */
export function* inputsByDay(
  f: CustomerFacts,
  days: readonly Day[],
  config: ModelConfig,
  timeZone: string,
): Generator<{ day: Day; input: ModelInput | null; delta: AggregateDelta }> {
  const scoring = { intentKeywords: config.trust.intentKeywords, points: config.engagement.points, halfLifeDays: config.engagement.halfLifeDays };
  const born = existsFrom(f);
  let delta = emptyDelta();
  const conversations = new Map<string, ConversationState | undefined>();
  let chatRounds = 0, customerConversations = 0;
  let i = 0;
  for (const day of days) {
    for (; i < f.events.length && f.events[i]!.occurredAt < day.end; i++) {
      const e = f.events[i]!;
      delta = combine(delta, deltaOf(e, scoring));
      const conversationId = e.data.conversationId;
      if ((e.type === 'message.received' || e.type === 'message.sent') && e.data.chatType !== 'group' && typeof conversationId === 'string') {
        const m: ConversationMessage = { at: e.occurredAt, eventId: e.id, dir: e.type === 'message.received' ? 'customer' : 'staff' };
        const before = conversations.get(conversationId);
        const after = extendConversation(before, [m]);
        if (after) {
          chatRounds += after.rounds - (before?.rounds ?? 0);
          customerConversations += (after.firstDir === 'customer' ? 1 : 0) - (before?.firstDir === 'customer' ? 1 : 0);
          conversations.set(conversationId, after);
        }
      }
    }
    if (born >= day.end) {
      yield { day, input: null, delta };
      continue;
    }
    const o = ordersAt(f.orders, day.end, windowStart(day.end, config.valueTier.periodDays, timeZone));
    const pins: ModelInput['pins'] = {};
    for (const p of f.pins) {
      if (p.at >= day.end) continue;
      if (p.model === 'trust') pins.trust = Number(p.value) as TrustLevel;
      else pins.valueTier = p.value as ValueTier;
    }
    yield {
      day,
      delta,
      input: {
        customerId: f.customerId,
        wecomFriend: f.wecomFriend,
        addedAt: f.explicitAddedAt ?? delta.added?.at,
        paidOrders: o.paidOrders,
        paidFen: o.paidFen,
        firstPaidAt: o.firstPaidAt,
        lastPaidAt: o.lastPaidAt,
        fullyRefundedOrders: o.fullyRefunded,
        ordersInPeriod: o.inPeriod,
        chatRounds,
        customerConversations,
        lastPrivateChatAt: delta.lastPrivateChatAt,
        messagesReceived: delta.messagesReceived,
        momentsInteractions: delta.momentsInteractions,
        groupInteractions: delta.groupInteractions,
        contentViews: delta.contentViews,
        intentHits: delta.intentHits,
        lastIntent: delta.lastIntent === undefined ? undefined : { at: delta.lastIntent.at, ...delta.lastIntent.value },
        complaintTimes: delta.complaintTimes,
        referrals: delta.referrals,
        lastInteractionAt: delta.lastInteractionAt,
        engagementLog2: delta.engagementLog2,
        pins,
      },
    };
  }
}

/** Still a WeCom friend at the end of the day: added, and not removed since the last add. */
export function friendAt(f: CustomerFacts, delta: AggregateDelta): boolean {
  if (!f.wecomFriend && delta.added === undefined) return false;
  const removed = delta.removed?.at;
  return removed === undefined || (delta.lastAddedAt !== undefined && delta.lastAddedAt > removed);
}

/** The staff members whose scope held the customer at `end`: the owner (else the adder) and live followers. */
export function staffAt(f: CustomerFacts, delta: AggregateDelta, end: number): string[] {
  const out = new Set<string>();
  const owner = f.owner ?? delta.added?.value.staff ?? null;
  if (owner) out.add(owner);
  for (const fl of f.followers) {
    if ((fl.addedAt ?? 0) < end && (fl.removedAt === undefined || fl.removedAt >= end)) out.add(fl.staffId);
  }
  return [...out];
}

/** Counts keyed by day → dim → dim value → model → value. */
export class SnapshotCounts {
  readonly counts = new Map<string, number>();
  readonly totals = new Map<string, number>();

  add(day: string, dim: SnapshotDim, dimValue: string, model: SnapshotModel | 'customers', value: string): void {
    const k = `${day}\u0000${dim}\u0000${dimValue}\u0000${model}\u0000${value}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  /** Count one customer's placement on a day under every dimension it falls in. */
  place(day: string, output: ModelOutput, friend: boolean, channel: string, staff: readonly string[]): void {
    this.totals.set(day, (this.totals.get(day) ?? 0) + 1);
    const dims: [SnapshotDim, string][] = [['all', ''], ['channel', channel], ...staff.map((s): [SnapshotDim, string] => ['staff', s])];
    for (const [dim, v] of dims) {
      this.add(day, dim, v, 'customers', 'total');
      if (friend) this.add(day, dim, v, 'customers', 'friends');
      for (const d of DIMENSIONS) {
        const value = d.value(output) ?? (d.model === 'rfm' ? '(no order)' : null);
        if (value !== null) this.add(day, dim, v, d.model, value);
      }
    }
  }

  rows(): { day: string; dim: SnapshotDim; dimValue: string; model: string; value: string; customers: number }[] {
    return [...this.counts].map(([k, customers]) => {
      const [day, dim, dimValue, model, value] = k.split('\u0000') as [string, SnapshotDim, string, string, string];
      return { day, dim, dimValue, model, value, customers };
    });
  }
}

/** Evaluate one customer on every day and count the placements. */
export function replayCustomer(
  f: CustomerFacts,
  days: readonly Day[],
  statsByDay: ReadonlyMap<string, WorkspaceStats>,
  config: ModelConfig,
  timeZone: string,
  counts: SnapshotCounts,
): void {
  const channel = f.channel ?? NO_CHANNEL;
  for (const { day, input, delta } of inputsByDay(f, days, config, timeZone)) {
    if (!input) continue;
    const output = evaluate(input, config, statsByDay.get(day.day)!, day.end, timeZone);
    counts.place(day.day, output, friendAt(f, delta), f.channel ?? delta.added?.value.channel ?? channel, staffAt(f, delta, day.end));
  }
}

// ---- reading snapshots back ----

export type Interval = 'day' | 'week' | 'month';

/** The day that stands for a bucket: the last snapshot day inside it (a week runs Monday–Sunday). */
export function bucketOf(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return day.slice(0, 7);
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A trend: per bucket, the counts of its last day (a distribution is a stock, not a flow,
 * so a week reads as where customers stood at its end).
 */
export function trendOf(
  rows: readonly { day: string; value: string; customers: number }[],
  interval: Interval,
  order: readonly string[],
): { buckets: { bucket: string; day: string; total: number; counts: Record<string, number> }[]; values: string[] } {
  const lastDay = new Map<string, string>();
  for (const r of rows) {
    const b = bucketOf(r.day, interval);
    if ((lastDay.get(b) ?? '') < r.day) lastDay.set(b, r.day);
  }
  const buckets = new Map<string, { bucket: string; day: string; total: number; counts: Record<string, number> }>();
  for (const [bucket, day] of lastDay) buckets.set(day, { bucket, day, total: 0, counts: {} });
  const seen = new Set<string>();
  for (const r of rows) {
    const b = buckets.get(r.day);
    if (!b) continue;
    b.counts[r.value] = (b.counts[r.value] ?? 0) + r.customers;
    b.total += r.customers;
    seen.add(r.value);
  }
  const values = [...order.filter((v) => seen.has(v)), ...[...seen].filter((v) => !order.includes(v)).sort()];
  return { buckets: [...buckets.values()].sort((a, b) => a.day.localeCompare(b.day)), values };
}
