/**
 * The demo staff's working hours, and a day-one plan that fits them: the tasks the SOPs make
 * when they are switched on for everyone already in their stages are spread over each staff
 * member's working day (evenly, in the order they were made), not all due in one minute.
 * Pure: tasks, a clock value and a time zone in, due times out.
 */
import { localDate, localToInstant } from '../shared/time.ts';

export const WORKING_HOURS = { start: 9, end: 18 } as const;

const HOUR = 3_600_000;

/** The working window tasks are planned into: the rest of today's hours, or tomorrow's when less than an hour is left. */
export function workWindow(now: number, timeZone: string): { start: number; end: number } {
  const day = (offset: number) => {
    const [y, m, d] = localDate(timeZone, now + offset * 24 * HOUR).split('-').map(Number) as [number, number, number];
    return { start: localToInstant(timeZone, y, m, d, WORKING_HOURS.start), end: localToInstant(timeZone, y, m, d, WORKING_HOURS.end) };
  };
  const today = day(0);
  if (now < today.start) return today;
  if (today.end - now >= HOUR) return { start: now, end: today.end };
  return day(1);
}

/** Due times for each staff member's tasks, evenly over the window (the first at its start). */
export function spreadOverWorkday<T extends { taskId: number; staffId: string | null }>(
  tasks: readonly T[], now: number, timeZone: string,
): { taskId: number; dueAt: Date }[] {
  const { start, end } = workWindow(now, timeZone);
  const byStaff = new Map<string, T[]>();
  for (const t of tasks) byStaff.set(t.staffId ?? '', [...(byStaff.get(t.staffId ?? '') ?? []), t]);
  const out: { taskId: number; dueAt: Date }[] = [];
  for (const list of byStaff.values()) {
    const step = (end - start) / list.length;
    // Whole minutes: a to-do list reads 09:00, 09:07 …, not seconds.
    list.forEach((t, i) => out.push({ taskId: t.taskId, dueAt: new Date(Math.floor((start + i * step) / 60_000) * 60_000) }));
  }
  return out.sort((a, b) => a.taskId - b.taskId);
}

export interface ScheduledStep {
  key: string;
  staffId: string | null;
  dueAt: number;
  /** The step's send window end ("20:00"), if it has a window. */
  windowEnd: string | undefined;
}

/**
 * Steps the SOPs scheduled for a crowd at one minute (everyone enrolled at once has the same
 * day-1 10:00, day-3 10:00 …): each staff member's share of a crowd is spread from that minute
 * to the end of the working day, or of the step's send window when that ends sooner. A step
 * due alone, or with no time left in the day, keeps its time.
 */
export function spreadCrowds(steps: readonly ScheduledStep[], timeZone: string): { key: string; dueAt: Date }[] {
  const groups = new Map<string, ScheduledStep[]>();
  for (const s of steps) {
    const g = `${s.staffId ?? ''}|${s.dueAt}|${s.windowEnd ?? ''}`;
    groups.set(g, [...(groups.get(g) ?? []), s]);
  }
  const out: { key: string; dueAt: Date }[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const [y, m, d] = localDate(timeZone, first.dueAt).split('-').map(Number) as [number, number, number];
    let end = localToInstant(timeZone, y, m, d, WORKING_HOURS.end);
    if (first.windowEnd) {
      const [h, mi] = first.windowEnd.split(':').map(Number) as [number, number];
      end = Math.min(end, localToInstant(timeZone, y, m, d, h, mi));
    }
    const span = Math.max(0, end - first.dueAt);
    const step = list.length > 1 ? span / list.length : 0;
    list.forEach((s, i) => out.push({ key: s.key, dueAt: new Date(s.dueAt + Math.floor((i * step) / 60_000) * 60_000) }));
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
