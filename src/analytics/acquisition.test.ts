import { test } from 'node:test';
import assert from 'node:assert/strict';
import { change, daysOf, heatOf, periodOf, rankCampaigns, retention } from './index.ts';

test('a range and the period of the same length before it (环比)', () => {
  const cases: [string | undefined, string | undefined, { from: string; to: string; days: number }, { from: string; to: string }][] = [
    ['2026-11-01', '2026-11-30', { from: '2026-11-01', to: '2026-11-30', days: 30 }, { from: '2026-10-02', to: '2026-10-31' }],
    [undefined, undefined, { from: '2026-11-01', to: '2026-11-30', days: 30 }, { from: '2026-10-02', to: '2026-10-31' }],
    ['2026-03-01', '2026-03-01', { from: '2026-03-01', to: '2026-03-01', days: 1 }, { from: '2026-02-28', to: '2026-02-28' }],
  ];
  for (const [from, to, cur, prev] of cases) {
    const p = periodOf(from, to, '2026-11-30');
    assert.deepEqual(p.current, cur);
    assert.deepEqual({ from: p.previous.from, to: p.previous.to }, prev);
  }
  assert.deepEqual(daysOf({ from: '2026-02-27', to: '2026-03-01', days: 3 }), ['2026-02-27', '2026-02-28', '2026-03-01']);
  assert.throws(() => periodOf('2026-02-30', undefined, '2026-11-30'), /from: "2026-02-30" is not a date/);
  assert.throws(() => periodOf(undefined, '2026/11/01', '2026-11-30'), /to: "2026\/11\/01"/);
});

test('change against the period before: null when there was nothing to compare with', () => {
  const cases: [number, number, number | null][] = [[10, 5, 1], [5, 10, -0.5], [0, 0, 0], [3, 0, null]];
  for (const [cur, prev, want] of cases) assert.equal(change(cur, prev), want, `${cur} vs ${prev}`);
});

test('retention counts only adds old enough to be measured', () => {
  const day = 86_400_000, now = 100 * day;
  const adds = [
    { at: 0, removedAt: null }, // kept
    { at: 10 * day, removedAt: 12 * day }, // left within 7 days
    { at: 20 * day, removedAt: 40 * day }, // left after 7, within 30
    { at: 95 * day, removedAt: null }, // too young for 7 days
  ];
  assert.deepEqual(retention(adds, 7, now), { eligible: 3, retained: 2, rate: 2 / 3 });
  assert.deepEqual(retention(adds, 30, now), { eligible: 3, retained: 1, rate: 1 / 3 });
  assert.deepEqual(retention(adds, 90, now), { eligible: 2, retained: 1, rate: 0.5 }, '20 days + 90 is after now');
  assert.deepEqual(retention([], 7, now), { eligible: 0, retained: 0, rate: null });
});

test('campaign heat: an order weighs three touches; ties go to revenue', () => {
  assert.equal(heatOf({ joins: 2, newFollowers: 1, orders: 1 }), 6);
  const ranked = rankCampaigns([
    { campaign: 'a', joins: 6, newFollowers: 0, orders: 0, revenueFen: 0 },
    { campaign: 'b', joins: 0, newFollowers: 0, orders: 2, revenueFen: 100 },
    { campaign: 'c', joins: 10, newFollowers: 0, orders: 0, revenueFen: 0 },
  ]);
  assert.deepEqual(ranked.map((c) => [c.campaign, c.heat, c.rank]), [['c', 10, 1], ['b', 6, 2], ['a', 6, 3]]);
});
