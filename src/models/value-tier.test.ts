import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateValueTier } from './value-tier.ts';
import { evidenceText } from './evaluate.ts';
import { DEFAULT_MODEL_CONFIG, parseModelConfig } from './config.ts';
import type { ModelInput, ValueTier } from './types.ts';
import { AS_OF, TZ, at, customer } from './test-input.ts';

const tier = (over: Partial<ModelInput>, config = DEFAULT_MODEL_CONFIG) => evaluateValueTier(customer(over), config, AS_OF, TZ);
const recent = at('2026-11-20 10:00');

test('value tiers over the 90-day period', () => {
  const cases: [string, Partial<ModelInput>, ValueTier][] = [
    ['connected only', {}, '普通'],
    ['wrote 90 days ago (the period\'s first day)', { messagesReceived: 1, addedAt: at('2026-08-01 09:00'), lastInteractionAt: at('2026-08-27 00:05') }, '一般价值'],
    ['wrote 91 days ago', { messagesReceived: 1, addedAt: at('2026-08-01 09:00'), lastInteractionAt: at('2026-08-26 23:55') }, '普通'],
    ['liked a Moments post today', { momentsInteractions: 1, lastInteractionAt: at('2026-11-25 08:00') }, '一般价值'],
    // Trust calls these L0 ("no reply and no interaction yet"): not active, however recent.
    ['added today, nothing since', { addedAt: at('2026-11-25 08:00'), lastInteractionAt: at('2026-11-25 08:00') }, '普通'],
    ['added, then only read an article', { contentViews: 3, lastInteractionAt: recent }, '普通'],
    ['old orders, none in period, active', { paidOrders: 5, ordersInPeriod: 0, lastInteractionAt: recent }, '一般价值'],
    // Seed 004: a past buyer quiet this period is 一般价值, never 普通.
    ['old orders, none in period, silent', { paidOrders: 5, ordersInPeriod: 0, lastInteractionAt: at('2026-05-01 10:00') }, '一般价值'],
    ['one old order, silent, never any other act', { paidOrders: 1, lastPaidAt: at('2026-03-01 10:00'), lastInteractionAt: at('2026-03-01 10:00') }, '一般价值'],
    ['its only order fully refunded, silent', { fullyRefundedOrders: 1, lastInteractionAt: at('2026-05-01 10:00') }, '普通'],
    ['1 order in period', { paidOrders: 1, ordersInPeriod: 1, lastInteractionAt: recent }, '中等价值'],
    ['2 orders in period', { paidOrders: 2, ordersInPeriod: 2 }, '高价值'],
    ['3 orders, no referral', { paidOrders: 3, ordersInPeriod: 3 }, '高价值'],
    ['2 orders and a referral', { paidOrders: 2, ordersInPeriod: 2, referrals: 1 }, '高价值'],
    ['3 orders and a referral', { paidOrders: 3, ordersInPeriod: 3, referrals: 1 }, '核心'],
    ['a referral but no order in period', { referrals: 4, lastInteractionAt: recent }, '一般价值'],
  ];
  for (const [name, over, expected] of cases) {
    const r = tier(over);
    assert.deepEqual([r.tier, r.computed, r.pinned], [expected, expected, null], name);
    assert.ok(r.evidence.length > 0 && r.evidence.every((e) => e.zh && e.en), name);
  }
});

test('the period and thresholds are configuration', () => {
  const config = parseModelConfig({ valueTier: { periodDays: 30, coreMinOrders: 2, highMinOrders: 3, coreMinReferrals: 2 } });
  const cases: [Partial<ModelInput>, ValueTier][] = [
    [{ groupInteractions: 1, addedAt: at('2026-09-01 09:00'), lastInteractionAt: at('2026-10-26 00:05') }, '一般价值'],
    [{ groupInteractions: 1, addedAt: at('2026-09-01 09:00'), lastInteractionAt: at('2026-10-25 23:55') }, '普通'],
    [{ ordersInPeriod: 2, referrals: 1 }, '中等价值'],
    [{ ordersInPeriod: 2, referrals: 2 }, '核心'],
    [{ ordersInPeriod: 3 }, '高价值'],
  ];
  for (const [over, expected] of cases) assert.equal(tier(over, config).tier, expected, JSON.stringify(over));
});

test('a pinned tier is shown with the computed one', () => {
  const r = tier({ pins: { valueTier: '核心' } });
  assert.deepEqual([r.tier, r.computed, r.pinned], ['核心', '普通', '核心']);
  assert.equal(r.evidence[0]!.en, 'pinned at 核心 by staff (the rules give 普通)');
  assert.equal(r.evidence[0]!.zh, '员工手动固定为 核心（规则计算为 普通）');
});

test('evidence names the period, the counts and what the next tier needs', () => {
  const cases: [Partial<ModelInput>, string, string][] = [
    [{ ordersInPeriod: 3, referrals: 1 }, '3 paid orders in the last 90 days; 1 successful referral', '近 90 天付款订单 3 笔；成功转介绍 1 次'],
    [{ ordersInPeriod: 3 }, '3 paid orders in the last 90 days; 0 successful referrals (核心 needs 1)', '近 90 天付款订单 3 笔；成功转介绍 0 次（核心需 1 次）'],
    [{ ordersInPeriod: 2 }, '2 paid orders in the last 90 days; 核心 needs 3 orders in 90 days and 1 referral', '近 90 天付款订单 2 笔；核心需近 90 天 3 笔订单和 1 次转介绍'],
    [{ ordersInPeriod: 1 }, '1 paid order in the last 90 days; 高价值 needs 2', '近 90 天付款订单 1 笔；高价值需 2 笔'],
    [{ messagesReceived: 2, lastInteractionAt: recent }, 'active in the last 90 days (last interaction 11-20) but no order in the period', '近 90 天有互动（最近一次互动 11-20），但没有订单'],
    [{}, 'no interaction and no order yet', '尚未互动，也没有订单'],
    [{ addedAt: recent, lastInteractionAt: recent }, 'no interaction and no order yet', '尚未互动，也没有订单'],
    [{ messagesReceived: 1, addedAt: at('2026-05-01 10:00'), lastInteractionAt: at('2026-05-02 10:00') }, 'no interaction or order in the last 90 days (last interaction 05-02)', '近 90 天没有互动和订单（最近一次互动 05-02）'],
    [{ paidOrders: 4, addedAt: at('2026-01-01 10:00'), lastPaidAt: at('2026-06-18 20:00'), lastInteractionAt: at('2026-06-18 20:00') },
      '4 paid orders before (last 06-18), none in the last 90 days; no interaction in the last 90 days (last interaction 06-18)',
      '曾付款 4 笔（最近一次 06-18），近 90 天没有订单；近 90 天没有互动（最近一次互动 06-18）'],
    [{ paidOrders: 1, addedAt: at('2026-01-01 10:00'), lastPaidAt: at('2026-06-18 20:00'), messagesReceived: 3, lastInteractionAt: recent },
      '1 paid order before (last 06-18), none in the last 90 days; active in the last 90 days (last interaction 11-20)',
      '曾付款 1 笔（最近一次 06-18），近 90 天没有订单；近 90 天有互动（最近一次互动 11-20）'],
  ];
  for (const [over, en, zh] of cases) {
    const r = tier(over);
    assert.equal(evidenceText(r.evidence, 'en'), en);
    assert.equal(evidenceText(r.evidence, 'zh'), zh);
  }
});
