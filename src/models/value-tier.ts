/**
 * Value tiers (DESIGN §4.3, seed 004) within the current period (default 90 days), top-down:
 * 核心 (≥ coreMinOrders orders in period and ≥ coreMinReferrals successful referrals) ·
 * 高价值 (≥ highMinOrders orders in period) · 中等价值 (an order in period) ·
 * 一般价值 (active in period but no order in it) · 普通 (connected only).
 * Any tier can be pinned by staff; the computed tier is kept beside the pin. The ordered tiers
 * (核心, 高价值, 中等价值) need at least one order in the period even if a threshold is set to 0.
 *
 * The period is `calendar.windowStart(asOf, periodDays)` onwards; `ordersInPeriod` must be
 * counted by the store over the same window. Referrals count over all history: a customer
 * who brought a friend once has proved the word of mouth the tier is about.
 */
import type { ModelConfig } from './config.ts';
import type { Evidence, ModelInput, ModelOutput, ValueTier } from './types.ts';
import { isInstant, monthDay, withinDays } from './calendar.ts';

export type ValueTierResult = ModelOutput['valueTier'];

export function computeValueTier(input: ModelInput, config: ModelConfig, asOf: number, timeZone: string): ValueTier {
  const v = config.valueTier;
  if (input.ordersInPeriod >= v.coreMinOrders && input.referrals >= v.coreMinReferrals && input.ordersInPeriod >= 1) return '核心';
  if (input.ordersInPeriod >= v.highMinOrders && input.ordersInPeriod >= 1) return '高价值';
  if (input.ordersInPeriod >= 1) return '中等价值';
  if (isInstant(input.lastInteractionAt) && withinDays(timeZone, input.lastInteractionAt, asOf, v.periodDays)) return '一般价值';
  return '普通';
}

export function evaluateValueTier(input: ModelInput, config: ModelConfig, asOf: number, timeZone: string): ValueTierResult {
  const computed = computeValueTier(input, config, asOf, timeZone);
  const pinned = input.pins.valueTier ?? null;
  const evidence = valueEvidence(computed, input, config, timeZone);
  if (pinned !== null) {
    evidence.unshift(pinned === computed
      ? { zh: `员工手动固定为 ${pinned}（与规则计算一致）`, en: `pinned at ${pinned} by staff (the rules agree)` }
      : { zh: `员工手动固定为 ${pinned}（规则计算为 ${computed}）`, en: `pinned at ${pinned} by staff (the rules give ${computed})` });
  }
  return { tier: pinned ?? computed, computed, pinned, evidence };
}

function valueEvidence(tier: ValueTier, input: ModelInput, config: ModelConfig, tz: string): Evidence[] {
  const v = config.valueTier;
  const days = v.periodDays;
  const n = input.ordersInPeriod;
  const orders: Evidence = { zh: `近 ${days} 天付款订单 ${n} 笔`, en: `${n} paid order${n === 1 ? '' : 's'} in the last ${days} days` };
  const referrals: Evidence = input.referrals > 0
    ? { zh: `成功转介绍 ${input.referrals} 次`, en: `${input.referrals} successful referral${input.referrals === 1 ? '' : 's'}` }
    : { zh: '还没有成功转介绍', en: 'no successful referral yet' };
  const last = isInstant(input.lastInteractionAt) ? input.lastInteractionAt : undefined;
  const lastZh = last === undefined ? '从未互动' : `最近一次互动 ${monthDay(tz, last)}`;
  const lastEn = last === undefined ? 'never interacted' : `last interaction ${monthDay(tz, last)}`;
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
    case '一般价值':
      return [{ zh: `近 ${days} 天有互动（${lastZh}），但没有订单`, en: `active in the last ${days} days (${lastEn}) but no order in the period`, ...at }];
    case '普通':
      return [{ zh: `近 ${days} 天没有互动和订单（${lastZh}）`, en: `no interaction or order in the last ${days} days (${lastEn})`, ...at }];
  }
}
