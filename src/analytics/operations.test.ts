import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, executionRate, previousPeriod, rankStaff, NO_TASKS } from './operations.ts';

test('the period before has as many days and ends the day before', () => {
  const cases: [string, string, string, string][] = [
    ['2026-11-01', '2026-11-30', '2026-10-02', '2026-10-31'],
    ['2026-11-08', '2026-11-14', '2026-11-01', '2026-11-07'],
    ['2026-03-01', '2026-03-01', '2026-02-28', '2026-02-28'],
    ['2024-03-01', '2024-03-31', '2024-01-30', '2024-02-29'],
  ];
  for (const [from, to, pf, pt] of cases) assert.deepEqual(previousPeriod(from, to), { from: pf, to: pt }, `${from}–${to}`);
});

test('execution rate, the comparison with the period before, and the leaderboard order', () => {
  assert.equal(executionRate({ due: 3, sent: 2 }), 0.6667);
  assert.equal(executionRate({ due: 0, sent: 0 }), null);
  assert.deepEqual(compare(12, 10), { current: 12, previous: 10, delta: 2, change: 0.2 });
  assert.deepEqual(compare(3, 0), { current: 3, previous: 0, delta: 3, change: null });
  const row = (staffId: string, due: number, sent: number, late: number | null = null) =>
    ({ ...NO_TASKS, staffId, due, sent, rate: executionRate({ due, sent }), medianMinutesLate: late });
  const ranked = rankStaff([row('idle', 0, 0), row('slow', 10, 5), row('fast', 10, 9, 30), row('fast2', 10, 9, 10), row('few', 2, 2)]);
  assert.deepEqual(ranked.map((r) => [r.staffId, r.rank]), [['few', 1], ['fast2', 2], ['fast', 3], ['slow', 4], ['idle', 5]]);
});
