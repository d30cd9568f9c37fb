import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from './evaluate.ts';
import { computeStats } from './stats.ts';
import { quintileScore, recencyDays, recencyScore, rfmSegment } from './rfm.ts';
import { DEFAULT_MODEL_CONFIG, parseModelConfig } from './config.ts';
import type { RfmSegment } from './types.ts';
import { AS_OF, TZ, at, customer, stats } from './test-input.ts';

/*
 * Ten customers, asOf 2026-11-25 12:00 (Asia/Shanghai), worked by hand.
 *
 *  #   last paid          R(days)  F   M(¥)   mean method: R<72? F>2.6? M>1200?  segment
 *  1   2026-11-20 23:30       5    6   3000   yes  yes  yes                    重要价值客户
 *  2   2026-11-15 01:00*     10    1   2500   yes  no   yes                    重要发展客户
 *  3   2026-08-17 10:00     100    5   2000   no   yes  yes                    重要保持客户
 *  4   2026-08-27 10:00      90    1   1800   no   no   yes                    重要挽留客户
 *  5   2026-11-05 10:00      20    4    300   yes  yes  no                     一般价值客户
 *  6   2026-11-10 10:00      15    1    200   yes  no   no                     一般发展客户
 *  7   2026-07-28 10:00     120    3    400   no   yes  no                     一般保持客户
 *  8   2026-05-29 10:00     180    1    100   no   no   no                     一般挽留客户
 *  9   2026-10-26 10:00      30    2    500   yes  no   no                     一般发展客户
 * 10   2026-06-28 10:00     150    2   1200   no   no   no (= mean, not above) 一般挽留客户
 * (* given as 2026-11-14T17:00Z: the date is taken in the workspace zone.)
 *
 * Means: R = (5+10+100+90+20+15+120+180+30+150)/10 = 720/10 = 72 days;
 *        F = (6+1+5+1+4+1+3+1+2+2)/10 = 26/10 = 2.6 orders;
 *        M = (3000+2500+2000+1800+300+200+400+100+500+1200)/10 = ¥12,000/10 = ¥1,200.
 *
 * Quintile cut points (nearest rank, x(2), x(4), x(6), x(8) of the sorted values):
 *   R 5 10 15 20 30 90 100 120 150 180 → 10, 20, 90, 120
 *   F 1 1 1 1 2 2 3 4 5 6               → 1, 1, 2, 4
 *   M 100 200 300 400 500 1200 1800 2000 2500 3000 → 200, 400, 1200, 2000 (yuan)
 * Scores (R = 6 − its ascending quintile; high ≥ 4):
 *   1: 5 5 5 重要价值   2: 5 1 5 重要发展   3: 2 5 4 重要保持   4: 3 1 4 重要挽留   5: 4 4 2 一般价值
 *   6: 4 1 1 一般发展   7: 2 4 2 一般保持   8: 1 1 1 一般挽留   9: 3 3 3 一般挽留  10: 1 3 3 一般挽留
 * Top-20 % line: 10 buyers → the top 2 → the 2nd largest amount, ¥2,500.
 */
const TEN: [string | number, number, number][] = [
  ['2026-11-20 23:30', 6, 3000], [Date.parse('2026-11-14T17:00:00Z'), 1, 2500], ['2026-08-17 10:00', 5, 2000],
  ['2026-08-27 10:00', 1, 1800], ['2026-11-05 10:00', 4, 300], ['2026-11-10 10:00', 1, 200], ['2026-07-28 10:00', 3, 400],
  ['2026-05-29 10:00', 1, 100], ['2026-10-26 10:00', 2, 500], ['2026-06-28 10:00', 2, 1200],
];
const buyers = TEN.map(([paid, f, yuan], i) => customer({
  customerId: i + 1, paidOrders: f, paidFen: yuan * 100, lastPaidAt: typeof paid === 'number' ? paid : at(paid),
}));
// Customers without an order do not move the means.
const everyone = [...buyers, customer({ customerId: 11 }), customer({ customerId: 12, fullyRefundedOrders: 1 })];
const rows = everyone.map((c) => ({ lastPaidAt: c.lastPaidAt ?? Number.NaN, paidOrders: c.paidOrders, paidFen: c.paidFen }));

test('ten customers by hand: statistics', () => {
  const s = computeStats(rows, AS_OF, TZ, DEFAULT_MODEL_CONFIG);
  assert.deepEqual(s, {
    asOf: AS_OF,
    customersWithOrders: 10,
    mean: { r: 72, f: 2.6, m: 120_000 },
    quintiles: { r: [10, 20, 90, 120], f: [1, 1, 2, 4], m: [20_000, 40_000, 120_000, 200_000] },
    monetaryTop20Fen: 250_000,
  });
});

test('ten customers by hand: R, F, M and segments by mean, quintile and fixed thresholds', () => {
  const s = computeStats(rows, AS_OF, TZ, DEFAULT_MODEL_CONFIG);
  const expected: [number, RfmSegment, RfmSegment, RfmSegment, [number, number, number]][] = [
    // R, mean, quintile, fixed (R < 30 d, F > 2, M > ¥1,000), scores
    [5, '重要价值客户', '重要价值客户', '重要价值客户', [5, 5, 5]],
    [10, '重要发展客户', '重要发展客户', '重要发展客户', [5, 1, 5]],
    [100, '重要保持客户', '重要保持客户', '重要保持客户', [2, 5, 4]],
    [90, '重要挽留客户', '重要挽留客户', '重要挽留客户', [3, 1, 4]],
    [20, '一般价值客户', '一般价值客户', '一般价值客户', [4, 4, 2]],
    [15, '一般发展客户', '一般发展客户', '一般发展客户', [4, 1, 1]],
    [120, '一般保持客户', '一般保持客户', '一般保持客户', [2, 4, 2]],
    [180, '一般挽留客户', '一般挽留客户', '一般挽留客户', [1, 1, 1]],
    [30, '一般发展客户', '一般挽留客户', '一般挽留客户', [3, 3, 3]],
    [150, '一般挽留客户', '一般挽留客户', '重要挽留客户', [1, 3, 3]],
  ];
  const quintile = parseModelConfig({ rfm: { method: 'quintile' } });
  const fixed = parseModelConfig({ rfm: { method: 'fixed', fixed: { r: 30, f: 2, m: 1000 } } });
  buyers.forEach((c, i) => {
    const [r, byMean, byQuintile, byFixed, scores] = expected[i]!;
    const mean = evaluate(c, DEFAULT_MODEL_CONFIG, s, AS_OF, TZ).rfm;
    assert.deepEqual(mean, { r, f: c.paidOrders, m: c.paidFen, segment: byMean, scores: { r: scores[0], f: scores[1], m: scores[2] } }, `#${i + 1}`);
    assert.equal(evaluate(c, quintile, s, AS_OF, TZ).rfm?.segment, byQuintile, `#${i + 1} quintile`);
    assert.equal(evaluate(c, fixed, s, AS_OF, TZ).rfm?.segment, byFixed, `#${i + 1} fixed`);
  });
  // The top-20 % line is the 2nd largest amount; #2 sits exactly on it.
  assert.equal(s.monetaryTop20Fen, buyers[1]!.paidFen);
});

test('customers without a paid order have no RFM', () => {
  for (const c of [customer(), customer({ fullyRefundedOrders: 2, chatRounds: 9 })]) {
    assert.equal(evaluate(c, DEFAULT_MODEL_CONFIG, stats(), AS_OF, TZ).rfm, null);
  }
});

test('R counts calendar days in the workspace zone', () => {
  const cases: [string, string, number][] = [
    ['2026-11-25 00:01', '2026-11-25 23:59', 0],
    ['2026-11-24 23:59', '2026-11-25 00:01', 1],
    ['2026-11-25 10:00', '2026-11-24 10:00', 0], // paid after asOf (clock skew) counts as today
    ['2025-11-25 12:00', '2026-11-25 12:00', 365],
  ];
  for (const [paid, asOf, r] of cases) assert.equal(recencyDays(TZ, at(paid), at(asOf)), r, `${paid} → ${asOf}`);
});

test('the segment table of DESIGN §4.2', () => {
  const cases: [boolean, boolean, boolean, RfmSegment][] = [
    [true, true, true, '重要价值客户'], [true, false, true, '重要发展客户'], [false, true, true, '重要保持客户'],
    [false, false, true, '重要挽留客户'], [true, true, false, '一般价值客户'], [true, false, false, '一般发展客户'],
    [false, true, false, '一般保持客户'], [false, false, false, '一般挽留客户'],
  ];
  for (const [r, f, m, seg] of cases) assert.equal(rfmSegment(r, f, m), seg);
});

test('quintile scores: a value on a cut point stays in the lower quintile; R is inverted', () => {
  const cuts = [10, 20, 30, 40];
  const cases: [number, number, number][] = [[0, 1, 5], [10, 1, 5], [11, 2, 4], [20, 2, 4], [35, 4, 2], [40, 4, 2], [41, 5, 1]];
  for (const [v, q, r] of cases) {
    assert.equal(quintileScore(v, cuts), q, `score ${v}`);
    assert.equal(recencyScore(v, cuts), r, `recency ${v}`);
  }
  // Most buyers bought once: F = 1 is a low score, not a high one.
  assert.equal(quintileScore(1, [1, 1, 1, 2]), 1);
});

test('without quintile cut points (no full recompute yet) scores are null and the means decide', () => {
  const c = customer({ paidOrders: 3, paidFen: 90_000, lastPaidAt: at('2026-11-20 10:00') });
  const empty = stats({ quintiles: { r: [], f: [], m: [] } });
  const rfm = evaluate(c, parseModelConfig({ rfm: { method: 'quintile' } }), empty, AS_OF, TZ).rfm;
  assert.deepEqual(rfm, { r: 5, f: 3, m: 90_000, segment: '重要价值客户', scores: null });
});
