/**
 * The demo's time frame. Everything happens in Asia/Shanghai, which has kept UTC+08:00
 * without daylight saving since 1991, so a fixed offset is exact and keeps this pure.
 * The history ends at the start of `endDate` (00:00 +08:00): a demo generated for today
 * lies entirely in the past, and no event is rejected as coming from the future.
 */
import { SiyuError } from '../shared/errors.ts';
import type { Rng } from './random.ts';

export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Calendar {
  startMs: number;
  endMs: number;
  /** Whole days in [startMs, endMs). */
  days: number;
  startDate: string;
  endDate: string;
}

export function demoCalendar(endDate: string, months: number): Calendar {
  const m = DATE.exec(endDate);
  if (!m) throw new SiyuError('bad_request', `end date "${endDate}" must be a date YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) throw new SiyuError('bad_request', `end date "${endDate}" is not a calendar date`);
  if (!Number.isInteger(months) || months < 1 || months > 24) throw new SiyuError('bad_request', `months must be a whole number from 1 to 24, got ${months}`);
  const endMs = Date.UTC(y, mo - 1, d) - OFFSET_MS;
  const startMs = Date.UTC(y, mo - 1 - months, d) - OFFSET_MS;
  return { startMs, endMs, days: Math.round((endMs - startMs) / DAY_MS), startDate: localDay(startMs), endDate };
}

/** 2026-11-20T10:15:00+08:00 */
export const formatInstant = (t: number): string => `${new Date(t + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;

/** YYYY-MM-DD in Shanghai. */
export const localDay = (t: number): string => new Date(t + OFFSET_MS).toISOString().slice(0, 10);

/** 20261120 / 20261120101500, for order numbers and Moments post ids. */
export const compactDate = (t: number): string => localDay(t).replaceAll('-', '');
export const compactDateTime = (t: number): string =>
  new Date(t + OFFSET_MS).toISOString().slice(0, 19).replace(/[-:T]/g, '');

export const dayOf = (cal: Calendar, t: number): number => Math.floor((t - cal.startMs) / DAY_MS);

// People read and reply around lunch and in the evening.
const HOURS: readonly (readonly [number, number])[] = [
  [8, 3], [9, 6], [10, 8], [11, 8], [12, 9], [13, 7], [14, 5], [15, 5], [16, 5], [17, 5], [18, 6], [19, 9], [20, 10], [21, 7],
];
const EARLY_HOURS = HOURS.filter(([h]) => h <= 20);

/**
 * A time on day `day` of the calendar; days past the end give times past the end, which
 * the generator leaves out. `early` keeps it before 21:00 so a chat session that starts
 * then still ends the same day.
 */
export function timeOnDay(cal: Calendar, rng: Rng, day: number, early = false): number {
  const d = Math.max(0, Math.floor(day));
  const hour = rng.weighted(early ? EARLY_HOURS : HOURS);
  return cal.startMs + d * DAY_MS + hour * 3_600_000 + rng.int(0, 59) * 60_000 + rng.int(0, 59) * 1000;
}

/** A whole day in [from, to] clamped into the calendar; `to` wins when the range is empty. */
export function dayBetween(cal: Calendar, rng: Rng, from: number, to: number): number {
  const lo = Math.max(0, Math.ceil(from));
  const hi = Math.min(cal.days - 1, Math.floor(to));
  return lo > hi ? Math.max(0, hi) : rng.int(lo, hi);
}
