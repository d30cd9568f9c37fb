/**
 * Time-zone arithmetic without a library: wall-clock times in an IANA zone ↔ instants.
 * Pure: no clock reads here; callers pass `now` in.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

// Offsets only change on quarter-hour boundaries; Intl formatting is slow enough to dominate
// an import, so offsets are cached per zone and quarter hour.
const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();

/** Offset of `timeZone` from UTC at `instant`, in minutes (Asia/Shanghai → 480). */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(instant / QUARTER_HOUR);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(timeZone, bucket * QUARTER_HOUR);
    if (zone.size > 100_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

function computeOffset(timeZone: string, instant: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function localToInstant(
  timeZone: string,
  y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0,
): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let instant = guess - zoneOffsetMinutes(timeZone, guess) * 60000;
  // A second pass settles the answer around daylight-saving transitions.
  instant = guess - zoneOffsetMinutes(timeZone, instant) * 60000;
  return instant;
}

/** Calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(timeZone: string, instant: number): string {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The instants Siyu stores: from 1970 to 2200. Earlier or later values are typing or
 * conversion mistakes (a year 0000 placeholder, a spreadsheet serial read as a year), and
 * PostgreSQL would either refuse them or move them (0000-01-01 became 1899-12-31).
 */
export const MIN_INSTANT = Date.UTC(1970, 0, 1);
export const MAX_INSTANT = Date.UTC(2200, 0, 1);

export type ParsedTime = { ok: true; instant: number } | { ok: false; reason: string };

/** A calendar date-time as UTC milliseconds, or undefined when a field is out of range (2026-02-30, 24:00). */
function utcOf(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.getTime() + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

function inRange(instant: number, text: string): ParsedTime {
  if (instant < MIN_INSTANT || instant >= MAX_INSTANT) {
    return { ok: false, reason: `"${text}" is outside the supported range (years 1970 to 2199)` };
  }
  return { ok: true, instant };
}

const millis = (fraction: string | undefined) => (fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0);

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;
const LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/**
 * An absolute ISO 8601 date-time with Z or an offset ("2026-11-20T10:15:00+08:00"), checked
 * field by field: 2026-02-30 is refused (Date.parse would make it March 2), and so is any
 * instant outside 1970–2199.
 */
export function parseInstant(text: string): ParsedTime {
  const t = text.trim();
  const m = ISO_WITH_ZONE.exec(t);
  if (!m) return { ok: false, reason: `"${text}" is not an ISO 8601 date-time with an offset, e.g. 2026-11-20T10:15:00+08:00` };
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  const utc = utcOf(y!, mo!, d!, h!, mi!, s!, millis(m[7]));
  if (utc === undefined) return { ok: false, reason: `"${text}" is not a calendar date-time` };
  let offset = 0;
  if (m[8]!.toUpperCase() !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 14 || om > 59) return { ok: false, reason: `"${text}" has an offset that no time zone uses` };
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return inRange(utc - offset * 60_000, text);
}

/**
 * Parse a timestamp. With an offset or Z it is absolute; a bare date or date-time
 * ("2026-11-20", "2026/11/20 10:15") is read as wall-clock time in `timeZone`.
 */
export function parseTimestamp(text: string, timeZone: string): ParsedTime {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'is empty' };
  if (ISO_WITH_ZONE.test(t)) return parseInstant(t);
  const m = LOCAL.exec(t);
  if (!m) return { ok: false, reason: `"${text}" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DD HH:MM[:SS], optional offset)` };
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  // Reject 2026-02-30 and friends: the date must survive a round trip.
  const utc = utcOf(y!, mo!, d!, h!, mi!, s!, 0);
  if (utc === undefined) return { ok: false, reason: `"${text}" is not a calendar date${m[4] === undefined ? '' : '-time'}` };
  // Checked before the zone arithmetic, which is only defined within the range.
  const probe = inRange(utc, text);
  if (!probe.ok) return probe;
  return inRange(localToInstant(timeZone, y!, mo!, d!, h!, mi!, s!, millis(m[7])), text);
}

/** "2026-11-20 10:15" in the zone: how times are shown to people. */
export function formatLocal(timeZone: string, instant: number | string | Date | null | undefined): string {
  if (instant === null || instant === undefined) return '-';
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * "As of" a calendar day (YYYY-MM-DD) means as of the end of that day in the zone:
 * the instant the next day starts there.
 */
export function parseEndOfDay(text: string, timeZone: string): ParsedTime {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (!m) return { ok: false, reason: `"${text}" is not a date (YYYY-MM-DD)` };
  const day = parseTimestamp(t, timeZone);
  if (!day.ok) return day;
  return { ok: true, instant: localToInstant(timeZone, Number(m[1]), Number(m[2]), Number(m[3]) + 1) };
}
