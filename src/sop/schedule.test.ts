import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideEntry, dueTime, renderContent, variablesIn, type EntryDecision, type EnrollmentHistory, type StepTiming } from './schedule.ts';

const SH = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

test('due time: offset in days and hours, then the send window (workspace time zone)', () => {
  const win = { start: '10:00', end: '20:00' };
  const cases: [string, StepTiming, string][] = [
    ['2026-11-20T15:00', {}, '2026-11-20 15:00'],
    ['2026-11-20T15:00', { offsetDays: 3 }, '2026-11-23 15:00'],
    ['2026-11-20T15:00', { offsetHours: 2 }, '2026-11-20 17:00'],
    ['2026-11-20T15:00', { offsetDays: 1, offsetHours: 10 }, '2026-11-22 01:00'],
    ['2026-11-20T15:00', { offsetDays: 3, window: win }, '2026-11-23 15:00'],
    // The window pushes 23:00 to 10:00 the next day …
    ['2026-11-20T23:00', { window: win }, '2026-11-21 10:00'],
    ['2026-11-20T21:00', { offsetDays: 1, window: win }, '2026-11-22 10:00'],
    // … its end is exclusive, and an early time waits for the start the same day.
    ['2026-11-20T20:00', { window: win }, '2026-11-21 10:00'],
    ['2026-11-20T07:30', { window: win }, '2026-11-20 10:00'],
    ['2026-11-20T10:00', { window: win }, '2026-11-20 10:00'],
    ['2026-11-30T23:59', { window: win }, '2026-12-01 10:00'],
    ['2026-12-31T22:00', { offsetDays: 0, window: { start: '09:30', end: '21:00' } }, '2027-01-01 09:30'],
  ];
  for (const [entered, step, expected] of cases) {
    assert.equal(iso(dueTime(at(entered), step, SH)), expected, `${entered} ${JSON.stringify(step)}`);
  }
});

test('due time: "day N" keeps the wall-clock hour across a daylight-saving change', () => {
  // New York springs forward on 2026-03-08: day 1 at 09:00 local is 23 hours later.
  const entered = Date.parse('2026-03-07T09:00:00-05:00');
  assert.equal(dueTime(entered, { offsetDays: 1 }, 'America/New_York'), Date.parse('2026-03-08T09:00:00-04:00'));
});

test('re-entry: received steps are not replayed unless the SOP allows a new round after its cool-down', () => {
  const started = at('2026-11-01T10:00');
  const left: EnrollmentHistory = { active: false, round: 1, roundStartedAt: started };
  const cases: [string, EnrollmentHistory | null, { allowed: boolean; coolDownDays: number }, string, EntryDecision['kind'], number?][] = [
    ['first time', null, { allowed: false, coolDownDays: 0 }, '2026-11-02T10:00', 'first', 1],
    ['replayed entry while in the stage', { ...left, active: true }, { allowed: true, coolDownDays: 0 }, '2026-12-30T10:00', 'already_in'],
    ['back, re-entry not allowed', left, { allowed: false, coolDownDays: 0 }, '2027-06-01T10:00', 'resume', 1],
    ['back within the cool-down', left, { allowed: true, coolDownDays: 30 }, '2026-11-30T10:00', 'resume', 1],
    ['back after the cool-down', left, { allowed: true, coolDownDays: 30 }, '2026-12-01T10:00', 'new_round', 2],
    ['third round', { active: false, round: 2, roundStartedAt: started }, { allowed: true, coolDownDays: 0 }, '2026-11-02T10:00', 'new_round', 3],
  ];
  for (const [name, history, reentry, when, kind, round] of cases) {
    const d = decideEntry(history, reentry, at(when));
    assert.equal(d.kind, kind, name);
    if (round !== undefined) assert.equal('round' in d ? d.round : undefined, round, name);
  }
});

test('content variables are rendered, with a fallback when the record has nothing', () => {
  const cases: [string, Record<string, string | null>, string][] = [
    ['{name}您好，我是{staff}', { name: '王芳', staff: '张三' }, '王芳您好，我是张三'],
    ['{name}您好', { name: null }, '您您好'],
    ['恭喜进入{stage}，券：{coupon}', { stage: '已购买', coupon: 'CPN-10' }, '恭喜进入已购买，券：CPN-10'],
    ['{name}{name}', { name: 'A' }, 'AA'],
    ['no variables {', {}, 'no variables {'],
    ['{unknown} stays', {}, '{unknown} stays'],
  ];
  for (const [text, vars, expected] of cases) assert.equal(renderContent(text, vars), expected, text);
  assert.deepEqual(variablesIn('{name}，{staff} {name} {x1}'), ['name', 'staff', 'x1']);
});
