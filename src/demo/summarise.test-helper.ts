/**
 * Test support: reads a generated demo the way the default models will (DESIGN §4), straight
 * from the events, so the tests can check that every trust level, RFM segment and value
 * tier is populated without depending on the model code. People are told apart by
 * identities seen together in one event, as identity resolution does.
 */
import type { EventEnvelope } from '../events/index.ts';
import { INTENT_KEYWORDS } from './catalogue.ts';
import type { DemoData, DemoPerson } from './generate.ts';

const DAY = 86_400_000;

export interface PersonFacts {
  person: DemoPerson;
  wecomFriend: boolean;
  rounds: number;
  customerConversations: number;
  intent: boolean;
  customerTexts: string[];
  socialInteractions: number;
  customerMessages: number;
  paidOrders: number;
  netFen: number;
  ordersLast90: number;
  lastPaidAt: number | undefined;
  lastPrivateChatAt: number | undefined;
  complaints: number;
  referrals: number;
  activeLast90: boolean;
}

type Id = { externalUserId?: string; unionId?: string; phone?: string; platformIds?: Record<string, string> };
const keysOf = (c: Id): string[] => [
  ...(c.externalUserId ? [`external_user_id:${c.externalUserId}`] : []),
  ...(c.unionId ? [`union_id:${c.unionId}`] : []),
  ...(c.phone ? [`phone:+86${c.phone}`] : []),
  ...Object.entries(c.platformIds ?? {}).map(([p, v]) => `buyer_id:${p}:${v}`),
];

/** Groups identities that appear together, then maps each group to the demo person it belongs to. */
export function peopleOfEvents(data: DemoData): { personOf: (e: EventEnvelope) => DemoPerson; groups: number } {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r) ?? (parent.set(r, r), r);
    parent.set(k, r);
    return r;
  };
  const union = (ks: string[]) => ks.forEach((k) => parent.set(find(k), find(ks[0]!)));
  for (const e of data.events) {
    union(keysOf(e.customer));
    const referred = (e.data as { referredCustomer?: Id } | undefined)?.referredCustomer;
    if (referred) union(keysOf(referred));
  }
  const byRoot = new Map<string, DemoPerson>();
  for (const p of data.people) byRoot.set(find(`${p.lookup.kind}:${p.lookup.value}`), p);
  const roots = new Set([...parent.keys()].map(find));
  return {
    personOf: (e) => byRoot.get(find(keysOf(e.customer)[0]!))!,
    groups: roots.size,
  };
}

export function summarise(data: DemoData): PersonFacts[] {
  const end = Date.parse(`${data.endDate}T00:00:00+08:00`);
  const { personOf } = peopleOfEvents(data);
  const facts = new Map<string, PersonFacts & { convs: Map<string, string[]>; orders: Map<string, { paid: number; refunded: number; at: number }> }>();
  for (const p of data.people) {
    facts.set(p.key, {
      person: p, wecomFriend: p.lookup.kind === 'external_user_id', rounds: 0, customerConversations: 0, intent: false, customerTexts: [],
      socialInteractions: 0, customerMessages: 0, paidOrders: 0, netFen: 0, ordersLast90: 0, lastPaidAt: undefined,
      lastPrivateChatAt: undefined, complaints: 0, referrals: 0, activeLast90: false, convs: new Map(), orders: new Map(),
    });
  }
  const fen = (a: unknown) => Math.round(Number(a) * 100);
  for (const e of data.events) {
    const f = facts.get(personOf(e).key)!;
    const at = Date.parse(e.occurredAt);
    const d = e.data as Record<string, unknown>;
    if (at >= end - 90 * DAY && !['coupon.issued', 'order.refunded', 'message.sent', 'contact.added'].includes(e.type)) f.activeLast90 = true;
    switch (e.type) {
      case 'message.received':
      case 'message.sent': {
        const list = f.convs.get(d.conversationId as string) ?? [];
        list.push(e.type === 'message.received' ? 'c' : 's');
        f.convs.set(d.conversationId as string, list);
        f.lastPrivateChatAt = at;
        if (e.type === 'message.received') {
          f.customerMessages++;
          f.customerTexts.push(d.text as string);
          if (INTENT_KEYWORDS.some((k) => (d.text as string).includes(k))) f.intent = true;
        }
        break;
      }
      case 'moment.liked': case 'moment.commented': case 'group.joined': case 'group.message':
        f.socialInteractions++;
        break;
      case 'order.paid':
        f.orders.set(d.orderId as string, { paid: fen(d.amount), refunded: 0, at });
        break;
      case 'order.refunded':
        f.orders.get(d.orderId as string)!.refunded += fen(d.amount);
        break;
      case 'complaint.filed':
        f.complaints++;
        break;
      case 'referral.made':
        f.referrals++;
        break;
    }
  }
  return [...facts.values()].map(({ convs, orders, ...f }) => {
    for (const dirs of convs.values()) {
      if (dirs[0] === 'c') f.customerConversations++;
      for (let i = 1; i < dirs.length; i++) if (dirs[i] !== dirs[i - 1]) f.rounds++;
    }
    for (const o of orders.values()) {
      f.netFen += o.paid - o.refunded;
      if (o.refunded >= o.paid) continue;
      f.paidOrders++;
      f.lastPaidAt = Math.max(f.lastPaidAt ?? 0, o.at);
      if (o.at >= end - 90 * DAY) f.ordersLast90++;
    }
    return f;
  });
}

/** The trust ladder's default rules (DESIGN §4.1), read off the facts. */
export function trustLevels(facts: PersonFacts[], endDate: string): Map<string, string> {
  const end = Date.parse(`${endDate}T00:00:00+08:00`);
  const spends = facts.filter((f) => f.paidOrders > 0).map((f) => f.netFen).sort((a, b) => b - a);
  const top20 = spends[Math.max(0, Math.ceil(spends.length * 0.2) - 1)] ?? Infinity;
  return new Map(facts.map((f) => {
    let level = 'L0';
    if (f.paidOrders >= 3 && f.netFen >= top20 && f.complaints <= 1 && (f.lastPrivateChatAt ?? 0) >= end - 90 * DAY) level = 'L5';
    else if (f.paidOrders >= 1) level = 'L4';
    else if (f.customerConversations >= 2 || f.intent) level = 'L3';
    else if (f.rounds >= 3) level = 'L2';
    else if (f.socialInteractions > 0 || f.customerMessages > 0) level = 'L1';
    return [f.person.key, level];
  }));
}

/** RFM segment keys "R+F+M+" … around the means over buyers (DESIGN §4.2). */
export function rfmSegments(facts: PersonFacts[], endDate: string): Map<string, string> {
  const end = Date.parse(`${endDate}T00:00:00+08:00`);
  const buyers = facts.filter((f) => f.paidOrders > 0).map((f) => ({ f, r: Math.floor((end - f.lastPaidAt!) / DAY) }));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [mr, mf, mm] = [mean(buyers.map((b) => b.r)), mean(buyers.map((b) => b.f.paidOrders)), mean(buyers.map((b) => b.f.netFen))];
  return new Map(buyers.map(({ f, r }) => [f.person.key, `R${r < mr ? '+' : '-'}F${f.paidOrders > mf ? '+' : '-'}M${f.netFen > mm ? '+' : '-'}`]));
}

/** Value tiers over the last 90 days (DESIGN §4.3). */
export function valueTiers(facts: PersonFacts[]): Map<string, string> {
  return new Map(facts.map((f) => [f.person.key,
    f.ordersLast90 >= 3 && f.referrals > 0 ? '核心'
      : f.ordersLast90 >= 2 ? '高价值'
        : f.ordersLast90 === 1 ? '中等价值'
          : f.activeLast90 ? '一般价值' : '普通']));
}
