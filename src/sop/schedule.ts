/**
 * The SOP scheduling core: when a step falls due, whether a customer coming back into a
 * stage starts a new round, and what a step's text says. Plain data and a clock value in,
 * decisions out — no I/O, no clock reads.
 */
import { localToInstant, zoneOffsetMinutes } from '../shared/time.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface StepTiming {
  offsetDays?: number | undefined;
  offsetHours?: number | undefined;
  /** Wall-clock send window in the workspace time zone, end exclusive ("10:00"–"20:00"). */
  window?: { start: string; end: string } | undefined;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Wall-clock fields of an instant in a zone. */
function wallClock(timeZone: string, instant: number) {
  const d = new Date(instant + zoneOffsetMinutes(timeZone, instant) * 60_000);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(), h: d.getUTCHours(), mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(),
  };
}

/**
 * When a step is due for a customer who entered the stage at `enteredAt`: "day N" is the same
 * wall-clock time N calendar days later (so daylight-saving zones keep the hour), plus the
 * hours; then the send window moves a time before it to its start that day, and a time at or
 * after its end to its start the next day.
 */
export function dueTime(enteredAt: number, step: StepTiming, timeZone: string): number {
  const days = step.offsetDays ?? 0;
  let due = enteredAt;
  if (days > 0) {
    const w = wallClock(timeZone, enteredAt);
    due = localToInstant(timeZone, w.y, w.mo, w.d + days, w.h, w.mi, w.s, w.ms);
  }
  due += (step.offsetHours ?? 0) * HOUR;
  if (!step.window) return due;
  const start = minutesOf(step.window.start);
  const end = minutesOf(step.window.end);
  const w = wallClock(timeZone, due);
  if (w.minuteOfDay >= start && w.minuteOfDay < end) return due;
  const dayShift = w.minuteOfDay >= end ? 1 : 0;
  return localToInstant(timeZone, w.y, w.mo, w.d + dayShift, Math.floor(start / 60), start % 60);
}

// ---------------------------------------------------------------------------------------------
// Re-entry

export interface Reentry {
  allowed: boolean;
  coolDownDays: number;
}

/** What the store knows about a customer's past with one SOP. */
export interface EnrollmentHistory {
  /** Whether an enrollment is open (the customer is in the stage for this SOP). */
  active: boolean;
  /** The latest round (1 = first time). */
  round: number;
  /** When that round began. */
  roundStartedAt: number;
}

export type EntryDecision =
  /** First time in: round 1, every step. */
  | { kind: 'first'; round: 1 }
  /** Already enrolled (a replayed or duplicate entry): nothing to do. */
  | { kind: 'already_in' }
  /** Back in the same round: steps already received are not replayed, the rest are scheduled. */
  | { kind: 'resume'; round: number; reason: string }
  /** Re-entry allowed and the cool-down is over: a new round, every step again. */
  | { kind: 'new_round'; round: number };

/**
 * Coming back into a stage does not replay steps already received, unless the SOP allows
 * re-entry and the cool-down (counted from the start of the previous round) has passed.
 */
export function decideEntry(history: EnrollmentHistory | null, reentry: Reentry, at: number): EntryDecision {
  if (!history) return { kind: 'first', round: 1 };
  if (history.active) return { kind: 'already_in' };
  if (!reentry.allowed) return { kind: 'resume', round: history.round, reason: 're-entry not allowed' };
  const readyAt = history.roundStartedAt + reentry.coolDownDays * DAY;
  if (at < readyAt) return { kind: 'resume', round: history.round, reason: `cool-down until ${new Date(readyAt).toISOString()}` };
  return { kind: 'new_round', round: history.round + 1 };
}

// ---------------------------------------------------------------------------------------------
// Content

/** The variables a step's content may use; anything else is refused when the SOP is saved. */
export const VARIABLES = ['name', 'staff', 'stage', 'coupon'] as const;
export type VariableName = (typeof VARIABLES)[number];
export type Variables = Record<VariableName, string | null | undefined>;

const VARIABLE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Every {variable} a text uses, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))];
}

/** What a variable says when the customer record has nothing for it. */
const FALLBACK: Variables = { name: '您', staff: '您的专属顾问', stage: '', coupon: '' };

export function renderContent(text: string, vars: Partial<Variables>): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    if (!(VARIABLES as readonly string[]).includes(name)) return whole;
    const v = vars[name as VariableName];
    return v === null || v === undefined || v === '' ? (FALLBACK[name as VariableName] ?? '') : v;
  });
}

/** The task's dedupe key: the same step of the same round never makes a second task. */
export const dedupeKey = (sopId: number, stepKey: string, customerId: number, round: number): string =>
  `sop:${sopId}:${stepKey}:${customerId}:${round}`;
