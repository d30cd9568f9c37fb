import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorKindOf, jobRetryDelayMs, retryOf } from './backoff.ts';

test('retry decisions per errcode', () => {
  const cases: [number | 'transport', number, boolean, boolean, string][] = [
    [42001, 0, false, false, 'refresh_token'],
    [40014, 0, false, true, 'refresh_token'],
    [42001, 0, true, true, 'fail'],
    [45009, 0, false, false, 'wait 2000'],
    [45009, 3, false, false, 'wait 60000'],
    [45009, 4, false, false, 'fail'],
    [45033, 1, false, true, 'wait 10000'],
    [-1, 0, false, true, 'wait 500'],
    [-1, 3, false, true, 'fail'],
    ['transport', 0, false, true, 'wait 500'],
    ['transport', 0, false, false, 'fail'],
    [40096, 0, false, true, 'fail'],
    [48002, 0, false, true, 'fail'],
  ];
  for (const [code, attempt, refreshed, idem, want] of cases) {
    const r = retryOf(code, attempt, refreshed, idem);
    assert.equal(r.action === 'wait' ? `wait ${r.ms}` : r.action, want, `${code} attempt ${attempt}`);
  }
});

test('error kinds and job backoff', () => {
  assert.deepEqual([40001, 42001, 45009, -1, 60011, 40096, 41063, 12345].map(errorKindOf),
    ['config', 'token', 'rate_limited', 'busy', 'permission', 'invalid', 'pending', 'other']);
  assert.deepEqual([1, 2, 3, 20].map(jobRetryDelayMs), [5_000, 10_000, 20_000, 3_600_000]);
});
