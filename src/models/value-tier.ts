/**
 * Value tiers (DESIGN §4.3, seed 004) within the current period (default 90 days), top-down:
 * 核心 (≥ coreMinOrders orders in period and ≥ coreMinReferrals successful referrals) ·
 * 高价值 (≥ highMinOrders orders in period) · 中等价值 (an order in period) ·
 * 一般价值 (no order in the period, but a buyer before it, or active in it) · 普通 (connected only).
 * Any tier can be pinned by staff; the computed tier is kept beside the pin. The ordered tiers
 * (核心, 高价值, 中等价值) need at least one order in the period even if a threshold is set to 0.
 *
 * Seed 004 ranks a past buyer who is quiet this period above a contact who never bought: the
 * buyer has shown value and is the one to win back, so 一般价值, never 普通.
 *
 * "Active" agrees with the trust ladder: being added, or reading what was shared, is not an
 * interaction — a contact the ladder calls L0 ("no reply and no interaction yet") is not active,
 * whenever it was added. The store keeps one latest-act time (`lastInteractionAt`, which counts
 * the add), so a customer is active when that act is in the period, came after the add, and the
 * customer has done something the ladder counts.
 *
 * The period is `calendar.windowStart(asOf, periodDays)` onwards; `ordersInPeriod` must be
 * counted by the store over the same window. Referrals count over all history: a customer
 * who brought a friend once has proved the word of mouth the tier is about.
 */
import type { ModelConfig } from './config.ts';
import type { Evidence, ModelInput, ModelOutput, ValueTier } from './types.ts';
import { isInstant, monthDay, withinDays } from './calendar.ts';

export type ValueTierResult = ModelOutput['valueTier'];

/** Anything beyond being added and reading: a message, a like or comment, a group word, an order, a referral, a complaint. */
export function hasInteracted(input: ModelInput): boolean {
  return input.messagesReceived > 0 || input.chatRounds > 0 || input.momentsInteractions > 0 || input.groupInteractions > 0
    || input.paidOrders > 0 || input.fullyRefundedOrders > 0 || input.referrals > 0 || input.complaintTimes.length > 0;
}

function activeInPeriod(input: ModelInput, asOf: number, timeZone: string, days: number): boolean {
  const last = input.lastInteractionAt;
  if (!isInstant(last) || !withinDays(timeZone, last, asOf, days) || !hasInteracted(input)) return false;
  return !(isInstant(input.addedAt) && last <= input.addedAt);
}

export function computeValueTier(input: ModelInput, config: ModelConfig, asOf: number, timeZone: string): ValueTier {
  const v = config.valueTier;
  if (input.ordersInPeriod >= v.coreMinOrders && input.referrals >= v.coreMinReferrals && input.ordersInPeriod >= 1) return '核心';
  if (input.ordersInPeriod >= v.highMinOrders && input.ordersInPeriod >= 1) return '高价值';
  if (input.ordersInPeriod >= 1) return '中等价值';
  if (input.paidOrders >= 1 || activeInPeriod(input, asOf, timeZone, v.periodDays)) return '一般价值';
  return '普通';
}

export function evaluateValueTier(input: ModelInput, config: ModelConfig, asOf: number, timeZone: string): ValueTierResult {
  const computed = computeValueTier(input, config, asOf, timeZone);
  const pinned = input.pins.valueTier ?? null;
  const evidence = valueEvidence(computed, input, config, asOf, timeZone);
  if (pinned !== null) {
    evidence.unshift(pinned === computed
      ? { zh: `员工手动固定为 ${pinned}（与规则计算一致）`, en: `pinned at ${pinned} by staff (the rules agree)` }
      : { zh: `员工手动固定为 ${pinned}（规则计算为 ${computed}）`, en: `pinned at ${pinned} by staff (the rules give ${computed})` });
  }
  return { tier: pinned ?? computed, computed, pinned, evidence };
}

function valueEvidence(tier: ValueTier, input: ModelInput, config: ModelConfig, asOf: number, tz: string): Evidence[] {
  const v = config.valueTier;
  const days = v.periodDays;
  const n = input.ordersInPeriod;
  const orders: Evidence = { zh: `近 ${days} 天付款订单 ${n} 笔`, en: `${n} paid order${n === 1 ? '' : 's'} in the last ${days} days` };
  const referrals: Evidence = input.referrals > 0
    ? { zh: `成功转介绍 ${input.referrals} 次`, en: `${input.referrals} successful referral${input.referrals === 1 ? '' : 's'}` }
    : { zh: '还没有成功转介绍', en: 'no successful referral yet' };
  const last = isInstant(input.lastInteractionAt) ? input.lastInteractionAt : undefined;
  // The latest act may be the add itself (a re-added contact): say so, it is no interaction.
  const lastIsAdd = last !== undefined && isInstant(input.addedAt) && last <= input.addedAt;
  const lastZh = last === undefined ? '' : lastIsAdd ? `${monthDay(tz, last)} 添加，之后没有互动` : `最近一次互动 ${monthDay(tz, last)}`;
  const lastEn = last === undefined ? '' : lastIsAdd ? `added ${monthDay(tz, last)}, nothing since` : `last interaction ${monthDay(tz, last)}`;
  const at = last === undefined ? {} : { at: new Date(last).toISOString() };

  switch (tier) {
    case '核心':
      return [orders, referrals];
    case '高价值':
      return [orders, n < v.coreMinOrders
        ? { zh: `核心需近 ${days} 天 ${v.coreMinOrders} 笔订单和 ${v.coreMinReferrals} 次转介绍`, en: `核心 needs ${v.coreMinOrders} orders in ${days} days and ${v.coreMinReferrals} referral${v.coreMinReferrals === 1 ? '' : 's'}` }
        : { zh: `成功转介绍 ${input.referrals} 次（核心需 ${v.coreMinReferrals} 次）`, en: `${input.referrals} successful referral${input.referrals === 1 ? '' : 's'} (核心 needs ${v.coreMinReferrals})` }];
    case '中等价值':
      return [orders, { zh: `高价值需 ${v.highMinOrders} 笔`, en: `高价值 needs ${v.highMinOrders}` }];
    case '一般价值': {
      const active = activeInPeriod(input, asOf, tz, days);
      if (input.paidOrders === 0) return [{ zh: `近 ${days} 天有互动（${lastZh}），但没有订单`, en: `active in the last ${days} days (${lastEn}) but no order in the period`, ...at }];
      const lastPaid = isInstant(input.lastPaidAt) ? input.lastPaidAt : undefined;
      const p = input.paidOrders;
      const bought: Evidence = {
        zh: `曾付款 ${p} 笔${lastPaid === undefined ? '' : `（最近一次 ${monthDay(tz, lastPaid)}）`}，近 ${days} 天没有订单`,
        en: `${p} paid order${p === 1 ? '' : 's'} before${lastPaid === undefined ? '' : ` (last ${monthDay(tz, lastPaid)})`}, none in the last ${days} days`,
        ...(lastPaid === undefined ? {} : { at: new Date(lastPaid).toISOString() }),
      };
      return [bought, active
        ? { zh: `近 ${days} 天有互动（${lastZh}）`, en: `active in the last ${days} days (${lastEn})`, ...at }
        : { zh: `近 ${days} 天没有互动${last === undefined ? '' : `（${lastZh}）`}`, en: `no interaction in the last ${days} days${last === undefined ? '' : ` (${lastEn})`}`, ...at }];
    }
    case '普通':
      return [hasInteracted(input)
        ? { zh: `近 ${days} 天没有互动和订单（${lastZh || '从未互动'}）`, en: `no interaction or order in the last ${days} days (${lastEn || 'never interacted'})`, ...at }
        : { zh: '尚未互动，也没有订单', en: 'no interaction and no order yet' }];
  }
}
