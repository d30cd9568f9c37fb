/**
 * Staff responsiveness (seed 002: 68 % of customers who leave do so over staff indifference):
 * how long a customer who wrote first waits for the first answer, counted in working hours,
 * and when an unanswered message is owed a service task. Pure: instants, a zone and the
 * working hours in, figures out.
 */
import { zoneOffsetMinutes } from '../shared/time.ts';

export interface ServiceHours {
  /** Local hour the day's service starts (0–23) … */
  start: number;
  /** … and ends (1–24, after start). */
  end: number;
}
export const DEFAULT_SERVICE_HOURS: ServiceHours = { start: 9, end: 18 };
/** Minutes a customer's message may wait (in service hours) before the owner gets a task. */
export const DEFAULT_UNANSWERED_MINUTES = 30;

const DAY = 86_400_000;


/** Midnight (UTC-based ms of the local calendar day) of an instant in a zone; offsets are cached per quarter hour. */
const localMidnight = (timeZone: string, instant: number) => {
  // The offset at the UTC day's noon: offsets change at night, and one lookup per day (not per
  // message) keeps the cache small and the Intl calls few.
  const local = instant + zoneOffsetMinutes(timeZone, Math.floor(instant / DAY) * DAY + DAY / 2) * 60_000;
  return local - (((local % DAY) + DAY) % DAY);
};

/** The instant at which the zone's clock shows `localMs` (ms since the epoch in local wall time). */
const instantOfLocal = (timeZone: string, localMs: number) => {
  let at = localMs - zoneOffsetMinutes(timeZone, localMs) * 60_000;
  at = localMs - zoneOffsetMinutes(timeZone, at) * 60_000;
  return at;
};

// Each local day's opening and closing instants, per zone and hours: a board measures
// hundreds of thousands of waits over a few dozen days.
const dayWindows = new Map<string, Map<number, [number, number]>>();

function dayWindow(timeZone: string, hours: ServiceHours, midnight: number): [number, number] {
  const key = `${timeZone}|${hours.start}|${hours.end}`;
  let zone = dayWindows.get(key);
  if (!zone) dayWindows.set(key, (zone = new Map()));
  let w = zone.get(midnight);
  if (!w) {
    if (zone.size > 50_000) zone.clear();
    w = [instantOfLocal(timeZone, midnight + hours.start * 3_600_000), instantOfLocal(timeZone, midnight + hours.end * 3_600_000)];
    zone.set(midnight, w);
  }
  return w;
}

/** Service-hour milliseconds between two instants: a night or a wait before opening does not count. */
export function workingMs(from: number, to: number, timeZone: string, hours: ServiceHours = DEFAULT_SERVICE_HOURS): number {
  if (to <= from) return 0;
  let total = 0;
  // Whole local days from the day of `from`; a 60-day cap keeps a stray timestamp cheap.
  const first = localMidnight(timeZone, from);
  for (let i = 0; i < 60; i++) {
    const [open, close] = dayWindow(timeZone, hours, first + i * DAY);
    if (open >= to) break;
    total += Math.max(0, Math.min(close, to) - Math.max(open, from));
  }
  return total;
}

/** Parse "9-18" (local hours) into service hours; errors name the reason. */
export function parseServiceHours(text: string): { ok: true; hours: ServiceHours } | { ok: false; reason: string } {
  const m = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not START-END in hours (e.g. 9-18)` };
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start > 23 || end < 1 || end > 24 || end <= start) return { ok: false, reason: `"${text}": the end must be after the start, within 0–24` };
  return { ok: true, hours: { start, end } };
}

/** Linear-interpolated percentile (0–1) of the values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}

/** One message a customer wrote first (after the staff's last word, or opening a conversation), and its answer. */
export interface Ask {
  staffId: string | null;
  askedAt: number;
  /** Null: not answered (yet). */
  answeredAt: number | null;
}

export interface ResponseFigures {
  asks: number;
  answered: number;
  unanswered: number;
  /** Service-hour minutes to the first answer, of the answered asks. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Of all asks: answered within 5 / 30 service-hour minutes. */
  within5: number;
  within30: number;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const share = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);

export function responseFigures(asks: readonly Ask[], timeZone: string, hours: ServiceHours = DEFAULT_SERVICE_HOURS): ResponseFigures {
  return figuresOf(asks.map((a) => waitMinutes(a, timeZone, hours)));
}

/** Service-hour minutes an ask waited for its answer; null when unanswered. */
const waitMinutes = (a: Ask, timeZone: string, hours: ServiceHours) =>
  a.answeredAt === null ? null : workingMs(a.askedAt, a.answeredAt, timeZone, hours) / 60_000;

function figuresOf(waitsOrNull: readonly (number | null)[]): ResponseFigures {
  const waits = waitsOrNull.filter((w): w is number => w !== null);
  let within5 = 0;
  let within30 = 0;
  for (const w of waits) {
    if (w <= 5) within5++;
    if (w <= 30) within30++;
  }
  const n = waitsOrNull.length;
  return {
    asks: n, answered: waits.length, unanswered: n - waits.length,
    medianMinutes: round1(percentile(waits, 0.5)), p90Minutes: round1(percentile(waits, 0.9)),
    within5: share(within5, n), within30: share(within30, n),
  };
}

/** The Monday (YYYY-MM-DD, local) of the week an instant falls in. */
export function weekOf(instant: number, timeZone: string): string {
  const midnight = localMidnight(timeZone, instant);
  const dow = new Date(midnight).getUTCDay();
  return new Date(midnight - ((dow + 6) % 7) * DAY).toISOString().slice(0, 10);
}

/** Per staff member (slowest median first) and per week × staff member; each wait is measured once. */
export function summariseResponsiveness(asks: readonly Ask[], timeZone: string, hours: ServiceHours = DEFAULT_SERVICE_HOURS) {
  const waits = asks.map((a) => waitMinutes(a, timeZone, hours));
  const group = (key: (a: Ask) => string) => {
    const m = new Map<string, (number | null)[]>();
    asks.forEach((a, i) => {
      const k = key(a);
      const list = m.get(k);
      if (list) list.push(waits[i]!);
      else m.set(k, [waits[i]!]);
    });
    return m;
  };
  const staff = [...group((a) => a.staffId ?? '').entries()]
    .map(([staffId, list]) => ({ staffId: staffId || null, ...figuresOf(list) }))
    .sort((a, b) => (b.medianMinutes ?? Infinity) - (a.medianMinutes ?? Infinity) || (a.staffId ?? '').localeCompare(b.staffId ?? ''));
  const weeks = new Map<number, string>();
  const weekly = [...group((a) => {
    const bucket = Math.floor(a.askedAt / 3_600_000);
    let w = weeks.get(bucket);
    if (w === undefined) weeks.set(bucket, (w = weekOf(a.askedAt, timeZone)));
    return `${w}|${a.staffId ?? ''}`;
  }).entries()]
    .map(([k, list]) => {
      const [week, staffId] = k.split('|') as [string, string];
      return { week, staffId: staffId || null, ...figuresOf(list) };
    })
    .sort((a, b) => a.week.localeCompare(b.week) || (a.staffId ?? '').localeCompare(b.staffId ?? ''));
  return { total: figuresOf(waits), staff, weekly };
}

/** Whether a customer's last message, unanswered since `lastAt`, is owed a service task at `now`. */
export function owedServiceTask(lastAt: number, now: number, timeZone: string, minutes = DEFAULT_UNANSWERED_MINUTES, hours: ServiceHours = DEFAULT_SERVICE_HOURS): boolean {
  return workingMs(lastAt, now, timeZone, hours) > minutes * 60_000;
}
