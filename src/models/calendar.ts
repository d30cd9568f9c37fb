/**
 * Calendar days in the workspace zone, fast enough for a million customers per recompute.
 * `localDate` (Intl) costs microseconds per call; the models need several dates per customer,
 * so the zone offset is cached per UTC day and the date is plain arithmetic.
 */
import { localToInstant, zoneOffsetMinutes } from '../shared/time.ts';

export const DAY_MS = 86_400_000;
/** JS dates are valid within ±8.64e15 ms; keep a day of room for the offset. */
const MAX_INSTANT = 8.64e15 - DAY_MS;

const offsetCaches = new Map<string, Map<number, number>>();
const CACHE_LIMIT = 200_000;

/** A usable instant: finite and inside the range a Date can represent. */
export function isInstant(t: number | undefined): t is number {
  return typeof t === 'number' && Number.isFinite(t) && Math.abs(t) <= MAX_INSTANT;
}

function offsetMs(timeZone: string, instant: number): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const bucket = Math.floor(instant / DAY_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    const start = zoneOffsetMinutes(timeZone, bucket * DAY_MS);
    const end = zoneOffsetMinutes(timeZone, bucket * DAY_MS + DAY_MS - 1);
    // A UTC day holding a transition (DST, a zone's historical change) is not cached:
    // its instants pay for the exact answer, a couple of days a year.
    offset = start === end ? start * 60_000 : Number.NaN;
    cache.set(bucket, offset);
  }
  return Number.isNaN(offset) ? zoneOffsetMinutes(timeZone, instant) * 60_000 : offset;
}

/** Days since 1970-01-01 of the calendar date of `instant` in `timeZone` (agrees with `localDate`). */
export function dayNumber(timeZone: string, instant: number): number {
  return Math.floor((instant + offsetMs(timeZone, instant)) / DAY_MS);
}

/** Whole calendar days from the date of `from` to the date of `to`, both in `timeZone`. */
export function calendarDaysBetween(timeZone: string, from: number, to: number): number {
  return dayNumber(timeZone, to) - dayNumber(timeZone, from);
}

/** Year, month and day of a day number (days since 1970-01-01), proleptic Gregorian. */
export function civilFromDays(days: number): [number, number, number] {
  // Howard Hinnant's days_from_civil inverse: integer arithmetic, no Date allocation.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "11-20": how the evidence names a day. */
export function monthDay(timeZone: string, instant: number): string {
  const [, m, d] = civilFromDays(dayNumber(timeZone, instant));
  return `${pad2(m)}-${pad2(d)}`;
}

/**
 * First instant of the window "the last `days` days before asOf": local midnight of the date
 * `days` calendar days before asOf's date. The window holds days + 1 dates (asOf's own date
 * included), so with 90 days a chat 90 days ago counts and one 91 days ago does not.
 * Every model window (recent chat, complaints, value-tier period) uses this one definition;
 * the store should select "orders in period" with `at >= windowStart(...)` so both agree.
 */
export function windowStart(asOf: number, days: number, timeZone: string): number {
  const [y, m, d] = civilFromDays(dayNumber(timeZone, asOf) - days);
  return localToInstant(timeZone, y, m, d);
}

/**
 * Whether `t` falls in the last `days` days before asOf (see `windowStart`). Times after asOf
 * count as inside: an event stamped a little ahead (clock skew) is recent, not absent.
 */
export function withinDays(timeZone: string, t: number, asOf: number, days: number): boolean {
  return dayNumber(timeZone, t) >= dayNumber(timeZone, asOf) - days;
}
