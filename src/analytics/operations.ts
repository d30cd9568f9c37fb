/**
 * The operations board's arithmetic (seed 004 运营看板): execution rates, the period before
 * (环比), the staff leaderboard. Pure: rows of counts in, figures out.
 */

/** The same number of days just before [from, to] (both inclusive, YYYY-MM-DD). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const days = Math.round((day(to) - day(from)) / 86_400_000) + 1;
  return { from: iso(day(from) - days * 86_400_000), to: iso(day(from) - 86_400_000) };
}

export interface TaskCounts {
  /** Tasks due in the period (and already due): the work asked for. Suppressed and cancelled ones were never work. */
  due: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Still pending although due: overdue. */
  pending: number;
}

export const NO_TASKS: TaskCounts = { due: 0, sent: 0, skipped: 0, failed: 0, pending: 0 };

/** Share of the due work that was done (sent), 0–1, four decimals; null when nothing was due. */
export function executionRate(c: Pick<TaskCounts, 'due' | 'sent'>): number | null {
  return c.due === 0 ? null : Math.round((c.sent / c.due) * 10_000) / 10_000;
}

/** A figure beside the period before: the difference and the relative change (null from zero). */
export function compare(current: number, previous: number): { current: number; previous: number; delta: number; change: number | null } {
  return { current, previous, delta: current - previous, change: previous === 0 ? null : Math.round(((current - previous) / previous) * 10_000) / 10_000 };
}

export interface StaffWork extends TaskCounts {
  staffId: string;
  rate: number | null;
  /** Median minutes from due to done, of the tasks sent. */
  medianMinutesLate: number | null;
  rank?: number;
}

/** Best first: higher execution rate, then more done, then quicker; staff with nothing due last. */
export function rankStaff(rows: readonly StaffWork[]): StaffWork[] {
  const sorted = [...rows].sort((a, b) => {
    if ((a.rate === null) !== (b.rate === null)) return a.rate === null ? 1 : -1;
    return (b.rate ?? 0) - (a.rate ?? 0) || b.sent - a.sent
      || (a.medianMinutesLate ?? Infinity) - (b.medianMinutesLate ?? Infinity) || a.staffId.localeCompare(b.staffId);
  });
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}
