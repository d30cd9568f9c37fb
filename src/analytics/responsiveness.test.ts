import { test } from 'node:test';
import assert from 'node:assert/strict';
import { owedServiceTask, parseServiceHours, percentile, responseFigures, summariseResponsiveness, weekOf, workingMs } from './responsiveness.ts';

const TZ = 'Asia/Shanghai';
const at = (s: string) => Date.parse(`${s}+08:00`);
const MIN = 60_000;

test('service-hour time: nights and the hours before opening do not count', () => {
  const cases: [string, string, number][] = [
    ['2026-11-16T10:00:00', '2026-11-16T10:07:00', 7],
    ['2026-11-16T17:50:00', '2026-11-17T09:10:00', 20],
    ['2026-11-16T22:00:00', '2026-11-17T09:05:00', 5],
    ['2026-11-16T07:00:00', '2026-11-16T08:30:00', 0],
    ['2026-11-16T10:00:00', '2026-11-18T10:00:00', 18 * 60],
    ['2026-11-16T10:00:00', '2026-11-16T09:00:00', 0],
  ];
  for (const [a, b, minutes] of cases) assert.equal(workingMs(at(a), at(b), TZ) / MIN, minutes, `${a} → ${b}`);
  assert.equal(workingMs(at('2026-11-16T20:00:00'), at('2026-11-16T21:00:00'), TZ, { start: 8, end: 22 }) / MIN, 60);
  // Across a daylight-saving change (New York, 2026-03-08): each day's hours are its own local 09:00–18:00.
  const ny = (s: string, offset: string) => Date.parse(`${s}${offset}`);
  assert.equal(workingMs(ny('2026-03-07T10:00:00', '-05:00'), ny('2026-03-09T10:00:00', '-04:00'), 'America/New_York') / MIN, (8 + 9 + 1) * 60);
});

test('owed a task: more than N service-hour minutes without an answer', () => {
  assert.equal(owedServiceTask(at('2026-11-16T10:00:00'), at('2026-11-16T10:31:00'), TZ), true);
  assert.equal(owedServiceTask(at('2026-11-16T10:00:00'), at('2026-11-16T10:29:00'), TZ), false);
  assert.equal(owedServiceTask(at('2026-11-16T23:00:00'), at('2026-11-17T08:59:00'), TZ), false, 'a message at night waits for the morning');
  assert.equal(owedServiceTask(at('2026-11-16T23:00:00'), at('2026-11-17T09:31:00'), TZ), true);
  assert.equal(owedServiceTask(at('2026-11-16T10:00:00'), at('2026-11-16T10:11:00'), TZ, 10), true);
});

test('figures per staff member: median, p90, share within 5 and 30 minutes, the unanswered', () => {
  const ask = (staffId: string, minutes: number | null) => ({ staffId, askedAt: at('2026-11-16T10:00:00'), answeredAt: minutes === null ? null : at('2026-11-16T10:00:00') + minutes * MIN });
  const f = responseFigures([ask('a', 1), ask('a', 4), ask('a', 20), ask('a', 100), ask('a', null)], TZ);
  assert.deepEqual(f, { asks: 5, answered: 4, unanswered: 1, medianMinutes: 12, p90Minutes: 76, within5: 0.4, within30: 0.6 });
  const s = summariseResponsiveness([ask('fast', 2), ask('slow', 200), ask('slow', 100)], TZ);
  assert.deepEqual(s.staff.map((x) => [x.staffId, x.medianMinutes]), [['slow', 150], ['fast', 2]]);
  assert.deepEqual(s.weekly.map((w) => [w.week, w.staffId, w.asks]), [['2026-11-16', 'fast', 1], ['2026-11-16', 'slow', 2]]);
  assert.equal(percentile([], 0.5), null);
  assert.equal(weekOf(at('2026-11-22T23:00:00'), TZ), '2026-11-16', 'Sunday belongs to the week that began on Monday');
  assert.deepEqual(parseServiceHours('8-22'), { ok: true, hours: { start: 8, end: 22 } });
  assert.equal(parseServiceHours('18-9').ok, false);
});
