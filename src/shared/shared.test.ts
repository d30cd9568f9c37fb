import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmount, formatFen } from './money.ts';
import { normalisePhone, maskPhone } from './phone.ts';
import { parseTimestamp, localDate } from './time.ts';

test('amounts parse to exact fen or a reason', () => {
  const cases: [unknown, number | string][] = [
    ['12.30', 1230], ['12.3', 1230], ['0', 0], [12.3, 1230], [0.1, 10], [199, 19900], ['1,299.00', 129900], ['¥58', 5800],
    ['-5', 'must not be negative'], [-5, 'must not be negative'], ['12.345', 'at most 2 decimals'], ['abc', 'at most 2 decimals'],
    [Number.NaN, 'finite'], [null, 'decimal string or a number'], [1e21, 'out of range'],
  ];
  for (const [input, expected] of cases) {
    const r = parseAmount(input);
    if (typeof expected === 'number') assert.deepEqual(r, { ok: true, fen: expected }, String(input));
    else assert.ok(!r.ok && r.reason.includes(expected), `${String(input)} → ${JSON.stringify(r)}`);
  }
  assert.equal(formatFen(129900), '1299.00');
  assert.equal(formatFen(5), '0.05');
});

test('phone numbers normalise to +86 form', () => {
  const cases: [string, string | null][] = [
    ['13800138000', '+8613800138000'], ['138 0013 8000', '+8613800138000'], ['138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'], ['008613800138000', '+8613800138000'], ['8613800138000', '+8613800138000'],
    ['+1 415 555 0100', '+14155550100'], ['12345', null], ['abc', null], ['', null], ['0571-88886666', null],
  ];
  for (const [input, expected] of cases) {
    const r = normalisePhone(input);
    if (expected) assert.deepEqual(r, { ok: true, phone: expected }, input);
    else assert.equal(r.ok, false, input);
  }
  assert.equal(maskPhone('+8613800138000'), '138****8000');
});

test('timestamps: offsets are absolute, bare dates are workspace-local', () => {
  const sh = 'Asia/Shanghai';
  const cases: [string, string | null][] = [
    ['2026-11-20T10:15:00+08:00', '2026-11-20T02:15:00.000Z'],
    ['2026-11-20T02:15:00Z', '2026-11-20T02:15:00.000Z'],
    ['2026-11-20', '2026-11-19T16:00:00.000Z'],
    ['2026/11/20 10:15', '2026-11-20T02:15:00.000Z'],
    ['2026-11-20 10:15:30', '2026-11-20T02:15:30.000Z'],
    ['2026-02-30', null], ['2026-13-01', null], ['20/11/2026', null], ['', null], ['yesterday', null],
  ];
  for (const [input, expected] of cases) {
    const r = parseTimestamp(input, sh);
    if (expected) assert.deepEqual(r, { ok: true, instant: Date.parse(expected) }, input);
    else assert.equal(r.ok, false, input);
  }
  assert.equal(parseTimestamp('2026-07-01', 'America/New_York').ok && new Date((parseTimestamp('2026-07-01', 'America/New_York') as { instant: number }).instant).toISOString(), '2026-07-01T04:00:00.000Z');
  assert.equal(localDate(sh, Date.parse('2026-11-19T16:30:00Z')), '2026-11-20');
});
