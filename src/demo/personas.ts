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
 * Each customer draws a persona (the shares are probabilities, not quotas) and the levels come
 * from what they then do: some strangers like a Moments post later (L1), some lurkers' check-ins
 * become conversations (L2), repeat buyers reach L5 or not. With 5,000 customers (seed 1) that
 * gives about 73,000 events and trust L0 706 · L1 1,025 · L2 775 · L3 769 · L4 1,470 · L5 255.
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
 * Each customer draws a persona from the shares, as people arrive in a real workspace: the
 * counts vary around the shares (no round quotas), and the levels then come from what each
 * one does. On very small workspaces a persona no one drew is given to one customer of the
 * commonest, so every kind still appears.
 */
export function assignPersonas(customers: number, rng: Rng): Persona[] {
  const weights = PERSONAS.map((p) => [p.persona, p.share] as const);
  const list: Persona[] = Array.from({ length: customers }, () => rng.weighted(weights));
  for (const { persona } of PERSONAS) {
    if (list.includes(persona)) continue;
    const counts = new Map<Persona, number>();
    for (const p of list) counts.set(p, (counts.get(p) ?? 0) + 1);
    const commonest = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    list[list.lastIndexOf(commonest)] = persona;
  }
  return list;
}
