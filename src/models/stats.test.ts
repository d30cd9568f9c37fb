import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats, computeStatsAsync, createStatsAccumulator, nearestRank, type StatsRow } from './stats.ts';
import { computeTrustLevel } from './trust.ts';
import { DEFAULT_MODEL_CONFIG, parseModelConfig } from './config.ts';
import { SiyuError } from '../shared/errors.ts';
import { AS_OF, TZ, at, customer } from './test-input.ts';

const paid = at('2026-11-20 10:00');
const rowsOf = (amounts: number[]): StatsRow[] => amounts.map((m) => ({ lastPaidAt: paid, paidOrders: 3, paidFen: m }));
const line = (amounts: number[], share = 0.2) =>
  computeStats(rowsOf(amounts), AS_OF, TZ, parseModelConfig({ trust: { l5MonetaryTopShare: share } })).monetaryTop20Fen;
const range = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * 100);

test('nearest-rank quantiles', () => {
  const ten = range(10);
  const cases: [number[], number, number][] = [
    [ten, 0.2, 200], [ten, 0.4, 400], [ten, 0.6, 600], [ten, 0.8, 800], [ten, 1, 1000],
    [[1, 2, 3], 0.2, 1], [[1, 2, 3], 0.4, 2], [[1, 2, 3], 0.6, 2], [[1, 2, 3], 0.8, 3],
    [[7], 0.2, 7], [[7], 0.8, 7],
  ];
  for (const [xs, p, q] of cases) assert.equal(nearestRank(xs, p), q, `${xs.length} values, p=${p}`);
});

test('the top-share monetary line: the smallest amount among the top ⌈share·n⌉ buyers', () => {
  const cases: [string, number[], number, number][] = [
    ['10 buyers → top 2 → 2nd largest', range(10), 0.2, 900],
    ['11 buyers → top 3', range(11), 0.2, 900],
    ['15 buyers → top 3', range(15), 0.2, 1300],
    ['1 buyer is their own line', [500], 0.2, 500],
    ['4 buyers → top 1', range(4), 0.2, 400],
    ['half of 10', range(10), 0.5, 600],
    ['ties at the edge: the line is the tied amount', [100, 200, 300, 400, 500, 600, 700, 800, 800, 800], 0.2, 800],
    ['all equal', [300, 300, 300, 300, 300], 0.2, 300],
  ];
  for (const [name, amounts, share, expected] of cases) assert.equal(line([...amounts].reverse(), share), expected, name);
});

test('a buyer exactly on the line is in the top 20 %; tied buyers are all in', () => {
  const amounts = [100, 200, 300, 400, 500, 600, 700, 800, 800, 800];
  const s = computeStats(rowsOf(amounts), AS_OF, TZ, DEFAULT_MODEL_CONFIG);
  const level = (paidFen: number) => computeTrustLevel(customer({
    paidOrders: 3, paidFen, lastPaidAt: paid, chatRounds: 5, lastPrivateChatAt: paid,
  }), DEFAULT_MODEL_CONFIG, s, AS_OF, TZ);
  assert.equal(level(800), 5);
  assert.equal(level(799), 4);
  assert.equal(amounts.filter((m) => level(m) === 5).length, 3);
});

test('only customers with a paid order count', () => {
  const s = computeStats([
    { lastPaidAt: paid, paidOrders: 2, paidFen: 1000 },
    { lastPaidAt: Number.NaN, paidOrders: 0, paidFen: 0 },
    { lastPaidAt: paid, paidOrders: 0, paidFen: 0 }, // its only order refunded
    { lastPaidAt: at('2026-11-10 10:00'), paidOrders: 4, paidFen: 3000 },
  ], AS_OF, TZ, DEFAULT_MODEL_CONFIG);
  assert.equal(s.customersWithOrders, 2);
  assert.deepEqual(s.mean, { r: 10, f: 3, m: 2000 });
});

test('no buyers: zero means, no cut points, no line', () => {
  assert.deepEqual(computeStats([], AS_OF, TZ, DEFAULT_MODEL_CONFIG), {
    asOf: AS_OF, customersWithOrders: 0, mean: { r: 0, f: 0, m: 0 }, quintiles: { r: [], f: [], m: [] }, monetaryTop20Fen: 0,
  });
});

test('rows, columns, an accumulator and an async stream give the same statistics', async () => {
  // Deterministic pseudo-random buyers, more than the accumulator's first buffer.
  let seed = 7;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const rows: StatsRow[] = Array.from({ length: 5000 }, () => ({
    lastPaidAt: AS_OF - Math.floor(rnd() * 400 * 86_400_000), paidOrders: 1 + Math.floor(rnd() * 8), paidFen: Math.floor(rnd() * 500_000),
  }));
  const fromRows = computeStats(rows, AS_OF, TZ, DEFAULT_MODEL_CONFIG);
  const columns = {
    lastPaidAt: Float64Array.from(rows, (r) => r.lastPaidAt),
    paidOrders: Int32Array.from(rows, (r) => r.paidOrders),
    paidFen: Float64Array.from(rows, (r) => r.paidFen),
  };
  assert.deepEqual(computeStats(columns, AS_OF, TZ, DEFAULT_MODEL_CONFIG), fromRows);
  async function* batches() {
    for (let i = 0; i < rows.length; i += 999) yield rows.slice(i, i + 999);
  }
  assert.deepEqual(await computeStatsAsync(batches(), AS_OF, TZ, DEFAULT_MODEL_CONFIG), fromRows);
  const acc = createStatsAccumulator(AS_OF, TZ, DEFAULT_MODEL_CONFIG);
  for (const r of [...rows].reverse()) acc.add(r.lastPaidAt, r.paidOrders, r.paidFen);
  assert.equal(acc.buyers, 5000);
  assert.deepEqual(acc.finish(), fromRows);
  assert.equal(fromRows.quintiles.f.length, 4);
});

test('a bad asOf or time zone is refused with a reason', () => {
  assert.throws(() => computeStats([], Number.NaN, TZ, DEFAULT_MODEL_CONFIG), (e) => e instanceof SiyuError && /asOf/.test(e.message));
  assert.throws(() => computeStats([], AS_OF, 'Mars/Olympus', DEFAULT_MODEL_CONFIG), (e) => e instanceof SiyuError && /Mars\/Olympus/.test(e.message));
});
