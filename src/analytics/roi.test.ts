import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costInRange, costPerFollower, parseCost, paybackDays, roiOf } from './index.ts';

test('a period\'s cost is spread over its days; a range takes the days it overlaps', () => {
  const nov = { from: '2026-11-01', to: '2026-11-30', fixedFen: 30_000, trafficFen: 60_000 };
  const cases: [string, string, { fixedFen: number; trafficFen: number }][] = [
    ['2026-11-01', '2026-11-30', { fixedFen: 30_000, trafficFen: 60_000 }],
    ['2026-11-01', '2026-11-10', { fixedFen: 10_000, trafficFen: 20_000 }],
    ['2026-10-20', '2026-11-01', { fixedFen: 1_000, trafficFen: 2_000 }],
    ['2026-12-01', '2026-12-31', { fixedFen: 0, trafficFen: 0 }],
  ];
  for (const [from, to, want] of cases) assert.deepEqual(costInRange([nov], from, to), want, `${from} – ${to}`);
});

test('cost per follower, ROI and payback', () => {
  assert.equal(costPerFollower(90_000, 30), 3_000, '(fixed + traffic) / new followers');
  assert.equal(costPerFollower(90_000, 0), null);
  assert.equal(roiOf(180_000, 90_000), 2);
  assert.equal(roiOf(5, 0), null);
  const revenue = [{ day: 9, fen: 40_000 }, { day: 2, fen: 50_000 }, { day: 20, fen: 1 }];
  assert.equal(paybackDays(90_000, revenue), 9, 'sorted by day: 50,000 on day 2, 90,000 by day 9');
  assert.equal(paybackDays(100_000, revenue), null, 'not yet');
  assert.equal(paybackDays(0, []), 0, 'free costs nothing to pay back');
});

test('a cost entry is checked field by field', () => {
  const ok = { kind: 'channel', key: ' qr ', from: '2026-11-01', to: '2026-11-30' };
  assert.deepEqual(parseCost({ ...ok, fixed: '¥1,200.50', traffic: 30 }), { kind: 'channel', key: 'qr', from: '2026-11-01', to: '2026-11-30', fixedFen: 120_050, trafficFen: 3_000, note: null });
  const bad: [object, RegExp][] = [
    [{ kind: 'shop' }, /kind: "shop" must be channel or campaign/],
    [{ key: '' }, /channel: must be 1–200 characters/],
    [{ from: '2026-02-30' }, /from: "2026-02-30" is not a date/],
    [{ to: '2026-10-01' }, /to: 2026-10-01 is before from/],
    [{ fixed: '1.234' }, /fixed: .*at most 2 decimals/],
    [{ traffic: -1 }, /traffic: must not be negative/],
  ];
  for (const [patch, re] of bad) assert.throws(() => parseCost({ ...ok, ...patch }), re);
});
