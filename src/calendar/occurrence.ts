/**
 * When a calendar trigger is due: the anniversary of a customer's date (birthday, first
 * order, joining) or a holiday, N days ahead. Plain dates (YYYY-MM-DD) in, plain dates out;
 * "today" is the caller's calendar day in the workspace zone.
 */

/** Whole days between two calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The date's anniversary in `year`; 29 February falls on the 28th in other years. */
export function anniversary(date: string, year: number): string {
  const md = date.slice(5);
  return `${String(year).padStart(4, '0')}-${md === '02-29' && !leap(year) ? '02-28' : md}`;
}

/**
 * The occurrence a date trigger fires for on `today`: the anniversary `daysBefore` days ahead,
 * provided it is a real anniversary (not the original date itself: a first order is not its
 * own anniversary), else null.
 */
export function dateOccurrence(fieldDate: string, today: string, daysBefore: number, opts: { includeOriginal?: boolean } = {}): string | null {
  const target = addDays(today, daysBefore);
  const occurrence = anniversary(fieldDate, Number(target.slice(0, 4)));
  if (occurrence !== target) return null;
  if (occurrence <= fieldDate && !(opts.includeOriginal && occurrence === fieldDate)) return null;
  return occurrence;
}

/** The month-days whose anniversaries fall on `target`: 02-28 in a common year also stands for 02-29. */
export function monthDaysOn(target: string): string[] {
  const md = target.slice(5);
  return md === '02-28' && !leap(Number(target.slice(0, 4))) ? ['02-28', '02-29'] : [md];
}

/** The holiday occurrence (its date) a holiday trigger fires for on `today`, from the days the calendar has. */
export function holidayOccurrence(holidayDates: readonly string[], today: string, daysBefore: number): string | null {
  const target = addDays(today, daysBefore);
  return holidayDates.includes(target) ? target : null;
}
