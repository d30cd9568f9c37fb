/**
 * Who the demo's customers are. Each persona is one kind of private-domain follower, shaped
 * so that the default models (DESIGN §4) find every trust level, RFM segment and value tier
 * populated in believable proportions:
 *
 * | persona          | share | trust | what they do                                                         |
 * |------------------|------:|-------|----------------------------------------------------------------------|
 * | stranger         |  17 % | L0    | added a staff member, never replied; 1 in 8 deleted the contact       |
 * | lurker           |  19 % | L1    | likes / comments Moments, group member, reads articles; ≤ 1 chat round |
 * | chatter          |  15 % | L2    | ≥ 3 private-chat rounds, mostly staff-started, no buying questions    |
 * | approver         |  13 % | L3    | ≥ 2 self-started chats and/or asked price / stock / link; no order    |
 * | refunded         |   2 % | L3    | asked, bought once, the order was fully refunded                      |
 * | one-off buyer    |  13 % | L4    | one order; recent or lapsed, cheap or gift box                        |
 * | repeat buyer     |   9 % | L4    | 2–5 orders; recent or lapsed, cheap or high spend; some near-L5 misses |
 * | super user       |   4 % | L5    | 4–9 orders, ≥ ¥1,800 net, a chat in the last 30 days, refers friends, ≤ 1 complaint |
 * | shop → WeCom     |   3 % | L4    | first a Youzan order (phone + buyer id), then adds via 包裹卡 (phone)  |
 * | shop only        |   4 % | —     | orders on Youzan / Tmall / store, never a WeCom friend                |
 * | two records      |   1 % | L4    | WeCom (unionid) and a shop order (phone), later linked by the mini program: a merge |
 *
 * Referral customers (channel 老带新) are drawn from the WeCom personas and referred by a
 * super user or a repeat buyer, so referral.made points at a customer who really exists.
 *
 * With 5,000 customers (seed 1) that gives about 71,500 events and, by the default rules:
 * trust L0 17 % · L1 19 % · L2 15 % · L3 15 % · L4 29 % · L5 5 % (some repeat buyers qualify);
 * RFM over ~1,700 buyers: 一般挽留 572 · 一般发展 462 · 重要价值 275 · 一般价值 139 · 一般保持 112 ·
 * 重要发展 51 · 重要保持 49 · 重要挽留 40; value tiers 核心 3 % · 高价值 6 % · 中等价值 12 % ·
 * 一般价值 52 % · 普通 27 %.
 */
import type { Rng } from './random.ts';

export const PERSONAS = [
  { persona: 'stranger', share: 0.17 },
  { persona: 'lurker', share: 0.19 },
  { persona: 'chatter', share: 0.15 },
  { persona: 'approver', share: 0.13 },
  { persona: 'refunded', share: 0.02 },
  { persona: 'oneOff', share: 0.13 },
  { persona: 'repeat', share: 0.09 },
  { persona: 'superUser', share: 0.04 },
  { persona: 'shopThenWecom', share: 0.03 },
  { persona: 'shopOnly', share: 0.04 },
  { persona: 'twoRecords', share: 0.01 },
] as const;

export type Persona = (typeof PERSONAS)[number]['persona'];

/** Personas that end up as WeCom friends (all but shop-only). */
export const isWecomPersona = (p: Persona): boolean => p !== 'shopOnly';

/** The smallest workspace in which every persona still gets at least one customer. */
export const MIN_CUSTOMERS = 50;

/**
 * Exact counts per persona (largest remainder, at least one each), then a shuffled
 * assignment to customer indexes, so the shares hold at every size.
 */
export function assignPersonas(customers: number, rng: Rng): Persona[] {
  const raw = PERSONAS.map((p) => p.share * customers);
  const counts = raw.map((r) => Math.max(1, Math.floor(r)));
  let left = customers - counts.reduce((s, c) => s + c, 0);
  const byRemainder = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) counts[byRemainder[k]!.i]!++;
  // Minimums can overshoot on tiny workspaces: take the excess from the largest personas.
  while (left < 0) {
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest]!--;
    left++;
  }
  const list: Persona[] = [];
  PERSONAS.forEach((p, i) => {
    for (let n = 0; n < counts[i]!; n++) list.push(p.persona);
  });
  return rng.shuffle(list);
}
