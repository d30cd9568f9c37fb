/**
 * The festivals Siyu knows without being told (节假日), 2026–2035: 春节, 元宵 (1/1 and 1/15 of
 * the lunar year), 端午 (5/5), 七夕 (7/7), 中秋 (8/15) and 国庆 (1 October). The lunar dates are
 * shipped as data, not computed at run time: they were taken from two independent calendar
 * libraries (lunar-javascript 1.7.7 and chinese-days 1.5.7), which agree on all fifty. ICU's
 * Chinese calendar (Intl) is one day early for 春节/元宵 2027 and 2030, whose new moons fall a
 * few minutes either side of Beijing midnight; the test names those two years.
 * A workspace adds its own days (会员日, a shop anniversary) to the store (holidays-store.ts).
 */
export const LUNAR_FESTIVALS = ['春节', '元宵', '端午', '七夕', '中秋'] as const;
export const BUILTIN_HOLIDAYS = [...LUNAR_FESTIVALS, '国庆'] as const;
export type BuiltinHoliday = (typeof BUILTIN_HOLIDAYS)[number];

export const HOLIDAY_LABELS: Record<BuiltinHoliday, { zh: string; en: string }> = {
  春节: { zh: '春节', en: 'Spring Festival' },
  元宵: { zh: '元宵节', en: 'Lantern Festival' },
  端午: { zh: '端午节', en: 'Dragon Boat Festival' },
  七夕: { zh: '七夕', en: 'Qixi Festival' },
  中秋: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  国庆: { zh: '国庆节', en: 'National Day' },
};

export const FIRST_YEAR = 2026;
export const LAST_YEAR = 2035;

/** Gregorian dates of the lunar festivals. */
export const LUNAR_DATES: Record<number, Record<(typeof LUNAR_FESTIVALS)[number], string>> = {
  2026: { 春节: '2026-02-17', 元宵: '2026-03-03', 端午: '2026-06-19', 七夕: '2026-08-19', 中秋: '2026-09-25' },
  2027: { 春节: '2027-02-06', 元宵: '2027-02-20', 端午: '2027-06-09', 七夕: '2027-08-08', 中秋: '2027-09-15' },
  2028: { 春节: '2028-01-26', 元宵: '2028-02-09', 端午: '2028-05-28', 七夕: '2028-08-26', 中秋: '2028-10-03' },
  2029: { 春节: '2029-02-13', 元宵: '2029-02-27', 端午: '2029-06-16', 七夕: '2029-08-16', 中秋: '2029-09-22' },
  2030: { 春节: '2030-02-03', 元宵: '2030-02-17', 端午: '2030-06-05', 七夕: '2030-08-05', 中秋: '2030-09-12' },
  2031: { 春节: '2031-01-23', 元宵: '2031-02-06', 端午: '2031-06-24', 七夕: '2031-08-24', 中秋: '2031-10-01' },
  2032: { 春节: '2032-02-11', 元宵: '2032-02-25', 端午: '2032-06-12', 七夕: '2032-08-12', 中秋: '2032-09-19' },
  2033: { 春节: '2033-01-31', 元宵: '2033-02-14', 端午: '2033-06-01', 七夕: '2033-08-01', 中秋: '2033-09-08' },
  2034: { 春节: '2034-02-19', 元宵: '2034-03-05', 端午: '2034-06-20', 七夕: '2034-08-20', 中秋: '2034-09-27' },
  2035: { 春节: '2035-02-08', 元宵: '2035-02-22', 端午: '2035-06-10', 七夕: '2035-08-10', 中秋: '2035-09-16' },
};

export interface HolidayDay {
  /** YYYY-MM-DD, a calendar day in the workspace's zone. */
  date: string;
  name: string;
  /** builtin: shipped; workspace: added by an operator (with its id, to remove it). */
  source: 'builtin' | 'workspace';
  holidayId: number | null;
  label: { zh: string; en: string };
}

/** The built-in festival days from `from` to `to` (inclusive, YYYY-MM-DD), by date. */
export function builtinHolidays(from: string, to: string): HolidayDay[] {
  const out: HolidayDay[] = [];
  for (let y = Math.max(FIRST_YEAR, Number(from.slice(0, 4))); y <= Math.min(LAST_YEAR, Number(to.slice(0, 4))); y++) {
    const days: [BuiltinHoliday, string][] = [...LUNAR_FESTIVALS.map((n) => [n, LUNAR_DATES[y]![n]] as [BuiltinHoliday, string]), ['国庆', `${y}-10-01`]];
    for (const [name, date] of days) {
      if (date >= from && date <= to) out.push({ date, name, source: 'builtin', holidayId: null, label: HOLIDAY_LABELS[name] });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}
