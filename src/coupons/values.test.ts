import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCoupon, expiresAt, reminderAt } from './values.ts';

const TZ = 'Asia/Shanghai';
const at = (s: string) => Date.parse(s);

test('a coupon lapses at the end of its last valid day (the day of issue counts); its reminder is N days before at 10:00', () => {
  const cases: [string, number, number | null, string, string | undefined][] = [
    // Valid 7 days counting the day of issue: 12-07 … 12-13.
    ['2026-12-07T15:00:00+08:00', 7, 3, '2026-12-14T00:00:00+08:00', '2026-12-10T10:00:00+08:00'],
    // Issued late on its one day: reminded at once.
    ['2026-12-07T23:30:00+08:00', 1, 0, '2026-12-08T00:00:00+08:00', '2026-12-07T23:30:00+08:00'],
    ['2026-12-07T15:00:00+08:00', 3, 2, '2026-12-10T00:00:00+08:00', '2026-12-07T15:00:00+08:00'],
    ['2026-12-07T15:00:00+08:00', 30, null, '2027-01-06T00:00:00+08:00', undefined],
  ];
  for (const [issued, days, remind, lapse, reminder] of cases) {
    const e = expiresAt(at(issued), days, TZ);
    assert.equal(new Date(e).toISOString(), new Date(at(lapse)).toISOString(), `${issued} + ${days}`);
    const r = reminderAt(at(issued), e, remind, TZ);
    assert.equal(r === undefined ? undefined : new Date(r).toISOString(), reminder && new Date(at(reminder)).toISOString(), `${issued} remind ${remind}`);
  }
});

test('definitions: money in yuan, a reminder inside the validity, every problem named', () => {
  assert.deepEqual(checkCoupon({ couponId: 'fruit-20', name: '满100减20', value: '20', minSpend: 100, validDays: 14, remindDays: 3 }),
    { ok: true, value: { couponId: 'fruit-20', name: '满100减20', valueFen: 2000, minSpendFen: 10_000, validDays: 14, remindDays: 3 } });
  const bad = checkCoupon({ couponId: 'bad id', name: '', value: '0', validDays: 0, remindDays: 5 });
  assert.equal(bad.ok, false);
  if (!bad.ok) for (const f of ['couponId', 'name', 'value', 'validDays', 'remindDays']) assert.match(bad.reason, new RegExp(`${f}:`));
});
