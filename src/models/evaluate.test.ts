import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, evidenceText } from './evaluate.ts';
import { DEFAULT_MODEL_CONFIG, parseModelConfig } from './config.ts';
import { LIFECYCLE_ECOMMERCE, LIFECYCLE_SALES, RFM_SEGMENTS, TRUST_LEVELS, VALUE_TIERS, type ModelInput } from './types.ts';
import { addEngagement } from './engagement.ts';
import { SiyuError } from '../shared/errors.ts';
import { AS_OF, TZ, at, customer, stats } from './test-input.ts';

test('one customer through every model', () => {
  const input = customer({
    paidOrders: 2, paidFen: 42_000, firstPaidAt: at('2026-09-01 10:00'), lastPaidAt: at('2026-11-10 20:00'), ordersInPeriod: 2,
    chatRounds: 6, customerConversations: 3, lastPrivateChatAt: at('2026-11-20 10:00'), messagesReceived: 9,
    lastInteractionAt: at('2026-11-20 10:00'), engagementLog2: addEngagement(undefined, 20, at('2026-10-26 12:00'), 30),
  });
  const out = evaluate(input, DEFAULT_MODEL_CONFIG, stats(), AS_OF, TZ);
  assert.deepEqual([out.trust.level, out.trust.computed, out.trust.pinned], [4, 4, null]);
  assert.equal(evidenceText(out.trust.evidence, 'en'), '2 paid orders, net spend ¥420, last 11-10; L5 (super user) needs 3 paid orders');
  assert.deepEqual(out.lifecycle, { ecommerce: '复购', sales: '复购' });
  // Stats: mean R 60, F 2, M ¥500; R 15 < 60 recent, F 2 not above 2, M ¥420 not above ¥500.
  assert.deepEqual(out.rfm, { r: 15, f: 2, m: 42_000, segment: '一般发展客户', scores: { r: 4, f: 3, m: 4 } });
  assert.equal(out.valueTier.tier, '高价值');
  assert.equal(out.engagement, 10); // 20 points, one 30-day half-life ago
});

test('a bad asOf or time zone is refused, naming it', () => {
  assert.throws(() => evaluate(customer(), DEFAULT_MODEL_CONFIG, stats(), Number.NaN, TZ), (e) => e instanceof SiyuError && /asOf/.test(e.message));
  assert.throws(() => evaluate(customer(), DEFAULT_MODEL_CONFIG, stats(), AS_OF, 'Asia/Nowhere'), (e) => e instanceof SiyuError && /Asia\/Nowhere/.test(e.message));
});

const time = fc.option(fc.integer({ min: AS_OF - 3 * 365 * 86_400_000, max: AS_OF + 86_400_000 }), { nil: undefined });
const n = (max: number) => fc.integer({ min: 0, max });
const inputArb: fc.Arbitrary<ModelInput> = fc.record({
  customerId: fc.integer({ min: 1, max: 1e9 }),
  wecomFriend: fc.boolean(),
  addedAt: time,
  paidOrders: n(20),
  paidFen: n(10_000_000),
  firstPaidAt: time,
  lastPaidAt: time,
  fullyRefundedOrders: n(3),
  ordersInPeriod: n(10),
  chatRounds: n(50),
  customerConversations: n(10),
  lastPrivateChatAt: time,
  messagesReceived: n(100),
  momentsInteractions: n(5),
  groupInteractions: n(5),
  contentViews: n(5),
  intentHits: n(3),
  lastIntent: fc.option(fc.record({ at: fc.integer({ min: AS_OF - 1e10, max: AS_OF }), keyword: fc.constantFrom('多少钱', '链接'), eventId: fc.string({ minLength: 1 }) }), { nil: undefined }),
  complaintTimes: fc.array(fc.integer({ min: AS_OF - 4e10, max: AS_OF }), { maxLength: 4 }),
  referrals: n(3),
  lastInteractionAt: time,
  engagementLog2: fc.option(fc.double({ min: -50, max: 300, noNaN: true }), { nil: undefined }),
  pins: fc.record({ trust: fc.constantFrom(...TRUST_LEVELS), valueTier: fc.constantFrom(...VALUE_TIERS) }, { requiredKeys: [] }),
});

test('evaluate never throws and answers only with known values', () => {
  const configs = [
    DEFAULT_MODEL_CONFIG,
    parseModelConfig({ rfm: { method: 'quintile' }, lifecycle: { paths: ['sales'] } }),
    parseModelConfig({ rfm: { method: 'fixed', fixed: { r: 30, f: 2, m: 500 } }, trust: { l5MinOrders: 1 } }),
  ];
  const statsArb = fc.constantFrom(stats(), stats({ customersWithOrders: 0, monetaryTop20Fen: 0, quintiles: { r: [], f: [], m: [] } }));
  fc.assert(fc.property(inputArb, fc.constantFrom(...configs), statsArb, (input, config, s) => {
    const out = evaluate(input, config, s, AS_OF, TZ);
    assert.ok(TRUST_LEVELS.includes(out.trust.level) && TRUST_LEVELS.includes(out.trust.computed));
    assert.equal(out.trust.level, input.pins.trust ?? out.trust.computed);
    assert.equal(out.valueTier.tier, input.pins.valueTier ?? out.valueTier.computed);
    assert.ok(VALUE_TIERS.includes(out.valueTier.computed));
    assert.ok(out.lifecycle.ecommerce === null || LIFECYCLE_ECOMMERCE.includes(out.lifecycle.ecommerce));
    assert.ok(out.lifecycle.sales === null || LIFECYCLE_SALES.includes(out.lifecycle.sales));
    if (input.paidOrders === 0) assert.equal(out.rfm, null);
    if (out.rfm) {
      assert.ok(RFM_SEGMENTS.includes(out.rfm.segment) && out.rfm.r >= 0);
      if (out.rfm.scores) assert.ok(Object.values(out.rfm.scores).every((x) => x >= 1 && x <= 5));
    }
    if (input.paidOrders >= 1) assert.ok(out.trust.computed >= 4);
    assert.ok(Number.isFinite(out.engagement) && out.engagement >= 0);
    for (const e of [...out.trust.evidence, ...out.valueTier.evidence]) assert.ok(e.zh && e.en && !/undefined|NaN/.test(e.zh + e.en));
  }), { numRuns: 1000 });
});
