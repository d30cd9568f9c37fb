import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { calendarDaysBetween, civilFromDays, dayNumber, monthDay, windowStart, withinDays } from './calendar.ts';
import { localDate } from '../shared/time.ts';
import { AS_OF, TZ, at } from './test-input.ts';

test('day numbers and month-days agree with localDate in every kind of zone', () => {
  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];
  const from = Date.parse('2000-01-01T00:00:00Z');
  const to = Date.parse('2040-01-01T00:00:00Z');
  fc.assert(fc.property(fc.constantFrom(...zones), fc.integer({ min: from, max: to }), (zone, t) => {
    const date = localDate(zone, t);
    const [y, m, d] = civilFromDays(dayNumber(zone, t));
    assert.equal(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, date);
    assert.equal(monthDay(zone, t), date.slice(5));
  }), { numRuns: 2000 });
  // Around a DST change in New York (2026-03-08 02:00 local).
  for (const iso of ['2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-11-01T05:59:59Z', '2026-11-01T06:00:00Z', '2026-03-08T04:59:59Z', '2026-03-08T05:00:00Z']) {
    const t = Date.parse(iso);
    assert.equal(monthDay('America/New_York', t), localDate('America/New_York', t).slice(5), iso);
  }
});

test('windows of N days before asOf hold asOf\'s date and the N dates before it', () => {
  assert.equal(windowStart(AS_OF, 90, TZ), at('2026-08-27 00:00'));
  assert.equal(windowStart(AS_OF, 0, TZ), at('2026-11-25 00:00'));
  assert.equal(windowStart(at('2026-03-01 08:00'), 1, TZ), at('2026-02-28 00:00'));
  const cases: [string, number, boolean][] = [
    ['2026-08-27 00:00', 90, true], ['2026-08-26 23:59', 90, false], ['2026-11-25 23:59', 0, true],
    ['2026-11-24 23:59', 0, false], ['2026-12-01 10:00', 30, true], // after asOf (clock skew) is recent
  ];
  for (const [t, days, inside] of cases) assert.equal(withinDays(TZ, at(t), AS_OF, days), inside, `${t} within ${days}`);
  assert.equal(calendarDaysBetween(TZ, at('2026-11-24 23:59'), at('2026-11-25 00:01')), 1);
});
