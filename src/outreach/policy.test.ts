import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONTACT_POLICY as P, decideTouch, quietHoursEnd, type CustomerContactState, type Touch } from './policy.ts';
import { parseContactPolicy } from './policy-config.ts';

const TZ = 'Asia/Shanghai';
/** Wall-clock time in Shanghai (UTC+8) as an instant. */
const sh = (s: string) => Date.parse(`${s}+08:00`);
const DAY = 86_400_000;
const at = sh('2026-11-20T10:00:00');
const touch = (t: Partial<Touch> = {}): Touch => ({ purpose: 'marketing', channel: 'private_chat', mass: false, at, ...t });
const state = (s: Partial<CustomerContactState> = {}): CustomerContactState => ({ trustLevel: 3, marketingTouches: [], massTouches: [], ...s });
const outcome = (d: ReturnType<typeof decideTouch>) => (d.allow ? (d.deferred ? `defer ${new Date(d.at).toISOString()}` : 'allow') : d.code);

test('trust: marketing needs L3; service does not', () => {
  const rows: [number | null, Touch['purpose'], string][] = [
    [null, 'marketing', 'trust_below_min'],
    [0, 'marketing', 'trust_below_min'],
    [2, 'marketing', 'trust_below_min'],
    [3, 'marketing', 'allow'],
    [5, 'marketing', 'allow'],
    [0, 'service', 'allow'],
    [2, 'service', 'allow'],
  ];
  for (const [trustLevel, purpose, want] of rows) {
    assert.equal(outcome(decideTouch(P, TZ, touch({ purpose }), state({ trustLevel }))), want, `L${trustLevel} ${purpose}`);
  }
  const d = decideTouch(P, TZ, touch(), state({ trustLevel: 2 }));
  assert.ok(!d.allow && d.en === 'trust level below L3' && d.zh === '信任等级低于 L3');
});

test('frequency cap: 2 marketing touches per 7 days, window edge excluded, service uncapped', () => {
  const rows: [string, number[], Touch['purpose'], string][] = [
    ['no touches', [], 'marketing', 'allow'],
    ['one touch', [at - DAY], 'marketing', 'allow'],
    ['two touches (third refused)', [at - DAY, at - 2 * DAY], 'marketing', 'frequency_cap'],
    ['two, one exactly 7 days ago (out of window)', [at - DAY, at - 7 * DAY], 'marketing', 'allow'],
    ['two, one 7 days minus 1 ms ago', [at - DAY, at - 7 * DAY + 1], 'marketing', 'frequency_cap'],
    ['two old ones', [at - 8 * DAY, at - 9 * DAY], 'marketing', 'allow'],
    ['service is never capped', [at - DAY, at - 2 * DAY, at - 3 * DAY], 'service', 'allow'],
  ];
  for (const [name, marketingTouches, purpose, want] of rows) {
    assert.equal(outcome(decideTouch(P, TZ, touch({ purpose }), state({ marketingTouches }))), want, name);
  }
  const custom = parseContactPolicy({ frequencyCap: { touches: 3 } });
  assert.equal(outcome(decideTouch(custom, TZ, touch(), state({ marketingTouches: [at - DAY, at - 2 * DAY] }))), 'allow', 'cap of 3 allows a third');
});

test('quiet hours 22:00–08:00 Asia/Shanghai defer to their end, never drop', () => {
  const rows: [string, string][] = [
    ['2026-11-20T21:59:00', 'allow'],
    ['2026-11-20T22:00:00', `defer ${new Date(sh('2026-11-21T08:00:00')).toISOString()}`],
    ['2026-11-20T23:30:00', `defer ${new Date(sh('2026-11-21T08:00:00')).toISOString()}`],
    ['2026-11-21T00:00:00', `defer ${new Date(sh('2026-11-21T08:00:00')).toISOString()}`],
    ['2026-11-21T07:59:00', `defer ${new Date(sh('2026-11-21T08:00:00')).toISOString()}`],
    ['2026-11-21T08:00:00', 'allow'],
  ];
  for (const [local, want] of rows) {
    assert.equal(outcome(decideTouch(P, TZ, touch({ at: sh(local) }), state())), want, local);
    assert.equal(outcome(decideTouch(P, TZ, touch({ at: sh(local), purpose: 'service' }), state({ trustLevel: 0 }))), want, `${local} service`);
  }
  const off = parseContactPolicy({ quietHours: { enabled: false } });
  assert.equal(quietHoursEnd(off, TZ, sh('2026-11-20T23:00:00')), sh('2026-11-20T23:00:00'));
  const daytime = parseContactPolicy({ quietHours: { start: '12:00', end: '14:00' } });
  assert.equal(quietHoursEnd(daytime, TZ, sh('2026-11-20T12:30:00')), sh('2026-11-20T14:00:00'));
  // The same instant is late evening in Shanghai but morning in London.
  assert.equal(quietHoursEnd(P, 'Europe/London', sh('2026-11-20T23:00:00')), sh('2026-11-20T23:00:00'));
});

test('a deferred touch is judged at the time it will go out', () => {
  // Due 23:00 with touches on 11-13 23:30 and 11-20 12:00: both in the window at 23:00 (capped),
  // but at 08:00 the next morning the 11-13 touch has left it.
  const late = sh('2026-11-20T23:00:00');
  const d = decideTouch(P, TZ, touch({ at: late }), state({ marketingTouches: [sh('2026-11-13T23:30:00'), sh('2026-11-20T12:00:00')] }));
  assert.equal(outcome(d), `defer ${new Date(sh('2026-11-21T08:00:00')).toISOString()}`, 'the 11-14 touch is out of the window by then');
});

test('WeCom: one enterprise mass message per customer per local day', () => {
  const mass = (t: Partial<Touch> = {}) => touch({ mass: true, purpose: 'service', ...t });
  const rows: [string, Touch, number[], string][] = [
    ['first of the day', mass(), [], 'allow'],
    ['second the same local day', mass(), [sh('2026-11-20T08:30:00')], 'mass_daily_limit'],
    ['yesterday 23:59 local is another day', mass(), [sh('2026-11-19T23:59:00')], 'allow'],
    ['UTC day differs, local day the same', mass({ at: sh('2026-11-20T09:00:00') }), [sh('2026-11-20T07:30:00')], 'mass_daily_limit'],
    ['moments are not enterprise mass messages', mass({ channel: 'moments' }), [sh('2026-11-20T08:30:00')], 'allow'],
    ['a one-to-one task is not a mass message', touch({ purpose: 'service' }), [sh('2026-11-20T08:30:00')], 'allow'],
  ];
  for (const [name, t, massTouches, want] of rows) assert.equal(outcome(decideTouch(P, TZ, t, state({ massTouches }))), want, name);
  const unlimited = parseContactPolicy({ massMessagesPerDay: 0 });
  assert.equal(outcome(decideTouch(unlimited, TZ, mass(), state({ massTouches: [at - 1000] }))), 'allow');
});

test('policy settings are validated and a bad field is named', () => {
  assert.deepEqual(parseContactPolicy({}), P);
  assert.throws(() => parseContactPolicy({ quietHours: { start: '25:00' } }), /quietHours\.start: must be a time HH:MM/);
  assert.throws(() => parseContactPolicy({ marketingMinTrust: 7 }), /marketingMinTrust/);
  assert.throws(() => parseContactPolicy({ frequencyCap: { touchez: 2 } }), /frequencyCap: unknown setting "touchez"/);
});
