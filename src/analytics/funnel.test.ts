import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerPath, groupFunnel, median, summariseFunnel, DEFAULT_STEPS, type StepHit } from './funnel.ts';

const H = 3_600_000;
const hits = (...list: [number, number][]): StepHit[] => list.map(([step, hours], i) => ({ step, at: hours * H, event: i }));

test('a customer\'s path: steps in order, within the window of the entry, one event per step', () => {
  const cases: { name: string; hits: StepHit[]; from?: number; to?: number; window?: number; reached: number; times?: number[] }[] = [
    { name: 'all three in order', hits: hits([0, 1], [1, 2], [2, 3]), reached: 3, times: [H, 2 * H, 3 * H] },
    { name: 'a later step before the earlier one does not count', hits: hits([0, 1], [2, 2], [1, 3]), reached: 2 },
    { name: 'no entry: nothing', hits: hits([1, 1], [2, 2]), reached: 0 },
    { name: 'outside the window stops', hits: hits([0, 1], [1, 2], [2, 30]), window: 24 * H, reached: 2 },
    { name: 'a second entry goes further', hits: hits([0, 1], [0, 50], [1, 51], [2, 52]), window: 24 * H, reached: 3, times: [50 * H, 51 * H, 52 * H] },
    { name: 'entries only inside the range', hits: hits([0, 1], [1, 2]), from: 2 * H, reached: 0 },
    { name: 'later steps may fall after the range end', hits: hits([0, 1], [1, 5]), to: 2 * H, reached: 2 },
    { name: 'steps at the same instant count in order', hits: hits([0, 1], [1, 1], [2, 1]), reached: 3 },
  ];
  for (const c of cases) {
    const p = customerPath(c.hits, 3, c.from ?? 0, c.to ?? 1000 * H, c.window ?? 100 * H);
    assert.equal(p.reached, c.reached, c.name);
    if (c.times) assert.deepEqual(p.times, c.times, c.name);
  }
  // One event matching two steps (a view that is also the click) counts for only one of them.
  const same: StepHit[] = [{ step: 0, at: H, event: 1 }, { step: 1, at: H, event: 1 }];
  assert.equal(customerPath(same, 2, 0, 10 * H, 10 * H).reached, 1);
});

test('the summary: customers, conversion from the step before and from the entry, median time between steps', () => {
  const steps = DEFAULT_STEPS.slice(0, 3);
  const r = summariseFunnel(steps, [
    { reached: 3, times: [0, 60_000, 120_000] },
    { reached: 2, times: [0, 180_000] },
    { reached: 1, times: [0] },
    { reached: 1, times: [0] },
  ]);
  assert.deepEqual(r.map((s) => s.customers), [4, 2, 1]);
  assert.deepEqual(r.map((s) => s.conversion), [1, 0.5, 0.5]);
  assert.deepEqual(r.map((s) => s.overall), [1, 0.5, 0.25]);
  assert.deepEqual(r.map((s) => s.medianSeconds), [null, 120, 60]);
  assert.deepEqual(summariseFunnel(steps, []).map((s) => [s.customers, s.conversion]), [[0, 0], [0, 0], [0, 0]]);
});

test('split: one funnel per value, largest first, no value last', () => {
  const steps = DEFAULT_STEPS.slice(0, 2);
  const r = groupFunnel(steps, [
    { reached: 2, times: [0, 1000], group: 'qr' },
    { reached: 1, times: [0], group: null },
    { reached: 1, times: [0], group: 'ad' },
    { reached: 2, times: [0, 3000], group: 'ad' },
    { reached: 0, times: [], group: 'zz' },
  ], true);
  assert.deepEqual(r.groups.map((g) => g.key), ['ad', 'qr', null]);
  assert.deepEqual(r.groups[0]!.steps.map((s) => s.customers), [2, 1]);
  assert.deepEqual(r.total.map((s) => s.customers), [4, 2]);
  assert.equal(median([3, 1, 2, 10]), 2.5);
  assert.equal(median([]), null);
});
