import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinHolidays, FIRST_YEAR, LAST_YEAR, LUNAR_DATES, LUNAR_FESTIVALS } from './holidays.ts';
import { anniversary, dateOccurrence, holidayOccurrence, monthDaysOn } from './occurrence.ts';

const LUNAR_DAY: Record<(typeof LUNAR_FESTIVALS)[number], [number, number]> = { 春节: [1, 1], 元宵: [1, 15], 端午: [5, 5], 七夕: [7, 7], 中秋: [8, 15] };
/** ICU's Chinese calendar puts these a day early (new moon within minutes of Beijing midnight). */
const ICU_DIFFERS = new Set(['2027 春节', '2027 元宵', '2030 春节', '2030 元宵']);

test('the shipped festival dates are the lunar dates they claim (checked against Intl\'s Chinese calendar, its known misses named)', () => {
  const fmt = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' });
  const disagree: string[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (const name of LUNAR_FESTIVALS) {
      const date = LUNAR_DATES[y]![name];
      assert.equal(date.slice(0, 4), String(y));
      const parts = fmt.formatToParts(new Date(`${date}T12:00:00+08:00`));
      const got = [Number(parts.find((p) => p.type === 'month')!.value), Number(parts.find((p) => p.type === 'day')!.value)];
      if (got[0] !== LUNAR_DAY[name][0] || got[1] !== LUNAR_DAY[name][1]) disagree.push(`${y} ${name}`);
    }
    // 元宵 is the 15th day of the month 春节 opens; the lunar months are 29 or 30 days, so 七夕 to 中秋 is 37 or 38 days.
    assert.equal((Date.parse(LUNAR_DATES[y]!.元宵) - Date.parse(LUNAR_DATES[y]!.春节)) / 86_400_000, 14, `${y}`);
    assert.ok([37, 38].includes((Date.parse(LUNAR_DATES[y]!.中秋) - Date.parse(LUNAR_DATES[y]!.七夕)) / 86_400_000), `${y}`);
  }
  assert.deepEqual(new Set(disagree), ICU_DIFFERS);
});

test('built-in holidays between two dates, in date order, 国庆 on 1 October', () => {
  assert.deepEqual(builtinHolidays('2026-09-01', '2026-10-31').map((h) => [h.date, h.name]), [['2026-09-25', '中秋'], ['2026-10-01', '国庆']]);
  assert.deepEqual(builtinHolidays('2027-02-01', '2027-02-28').map((h) => `${h.date} ${h.label.en}`), ['2027-02-06 Spring Festival', '2027-02-20 Lantern Festival']);
  assert.equal(builtinHolidays('2026-01-01', '2035-12-31').length, 60);
  assert.deepEqual(builtinHolidays('2036-01-01', '2036-12-31'), []);
});

const cases: [string, string, string, number, string | null][] = [
  ['birthday on the day', '1990-03-15', '2026-03-15', 0, '2026-03-15'],
  ['birthday 3 days ahead', '1990-03-15', '2026-03-12', 3, '2026-03-15'],
  ['not the day', '1990-03-15', '2026-03-14', 0, null],
  ['29 Feb in a common year: the 28th', '1992-02-29', '2027-02-28', 0, '2027-02-28'],
  ['29 Feb in a leap year: the 29th', '1992-02-29', '2028-02-28', 0, null],
  ['29 Feb in a leap year', '1992-02-29', '2028-02-29', 0, '2028-02-29'],
  ['days ahead across the new year', '2025-01-02', '2026-12-30', 3, '2027-01-02'],
  ['a first order is not its own anniversary', '2026-05-20', '2026-05-20', 0, null],
  ['the first anniversary', '2026-05-20', '2027-05-20', 0, '2027-05-20'],
];
for (const [name, field, today, before, want] of cases) {
  test(`date trigger: ${name}`, () => assert.equal(dateOccurrence(field, today, before), want));
}

test('anniversaries and the month-days a date stands for', () => {
  assert.equal(anniversary('2000-02-29', 2026), '2026-02-28');
  assert.deepEqual(monthDaysOn('2027-02-28'), ['02-28', '02-29']);
  assert.deepEqual(monthDaysOn('2028-02-28'), ['02-28']);
  assert.deepEqual(monthDaysOn('2026-10-01'), ['10-01']);
});

test('holiday trigger: on the day, N days ahead, or not', () => {
  const days = ['2027-02-06', '2027-02-20'];
  assert.equal(holidayOccurrence(days, '2027-02-06', 0), '2027-02-06');
  assert.equal(holidayOccurrence(days, '2027-02-03', 3), '2027-02-06');
  assert.equal(holidayOccurrence(days, '2027-02-04', 3), null);
});
