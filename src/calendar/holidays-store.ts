/** The workspace's holiday calendar: the built-in festivals plus the days its operators add. */
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { BUILTIN_HOLIDAYS, builtinHolidays, FIRST_YEAR, LAST_YEAR, type HolidayDay } from './holidays.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real day: the form is right and the day exists (2026-13-45 and 2027-02-30 are not days). */
const realDate = (s: string) => {
  if (!DATE.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
};

export interface HolidayInput { date: string; name: string }
export interface AddHolidaysResult {
  added: HolidayDay[];
  /** Days already in the calendar (same date and name): nothing written. */
  existing: number;
  /** One line per bad day: its row (0-based), field and reason; the others are still added. */
  errors: { row: number; field: string; reason: string }[];
}

/** Add days; a bad one is refused alone, with its row, field and reason. */
export async function addHolidays(q: Queryable, ws: string, days: readonly HolidayInput[], opts: { by: string | null; now: Date }): Promise<AddHolidaysResult> {
  if (days.length === 0) throw new SiyuError('validation_failed', 'days: give at least one day', { field: 'days' });
  if (days.length > 1000) throw new SiyuError('validation_failed', 'days: at most 1000 at once', { field: 'days' });
  const result: AddHolidaysResult = { added: [], existing: 0, errors: [] };
  const good: HolidayInput[] = [];
  days.forEach((d, row) => {
    const name = typeof d.name === 'string' ? d.name.trim() : '';
    if (typeof d.date !== 'string' || !realDate(d.date)) result.errors.push({ row, field: 'date', reason: `"${String(d.date)}" is not a calendar date (YYYY-MM-DD)` });
    else if (d.date < '2000-01-01' || d.date > '2199-12-31') result.errors.push({ row, field: 'date', reason: `${d.date} is outside 2000–2199` });
    else if (name === '' || name.length > 40) result.errors.push({ row, field: 'name', reason: 'must be 1 to 40 characters' });
    else if ((BUILTIN_HOLIDAYS as readonly string[]).includes(name) && Number(d.date.slice(0, 4)) >= FIRST_YEAR && Number(d.date.slice(0, 4)) <= LAST_YEAR) {
      result.errors.push({ row, field: 'name', reason: `${name} is built in for ${FIRST_YEAR}–${LAST_YEAR}; its date there is fixed` });
    } else good.push({ date: d.date, name });
  });
  if (good.length === 0) return result;
  const rows = await q.query<{ holiday_id: string | number; day: string; name: string }>(
    `INSERT INTO workspace_holidays (workspace_id, day, name, created_by, created_at)
     SELECT $1, u.d::date, u.n, $4, $5::timestamptz FROM unnest($2::text[], $3::text[]) AS u(d, n)
     ON CONFLICT (workspace_id, day, name) DO NOTHING RETURNING holiday_id, to_char(day, 'YYYY-MM-DD') AS day, name`,
    [ws, good.map((g) => g.date), good.map((g) => g.name), opts.by, opts.now.toISOString()],
  );
  result.added = rows.map((r) => ({ date: r.day, name: r.name, source: 'workspace', holidayId: Number(r.holiday_id), label: { zh: r.name, en: r.name } }));
  result.existing = good.length - rows.length;
  return result;
}

export async function removeHoliday(q: Queryable, ws: string, holidayId: number): Promise<HolidayDay> {
  const [r] = await q.query<{ holiday_id: string | number; day: string; name: string }>(
    `DELETE FROM workspace_holidays WHERE workspace_id = $1 AND holiday_id = $2::bigint RETURNING holiday_id, to_char(day, 'YYYY-MM-DD') AS day, name`,
    [ws, holidayId],
  );
  if (!r) throw new SiyuError('not_found', `holiday ${holidayId} does not exist (built-in festivals cannot be removed)`);
  return { date: r.day, name: r.name, source: 'workspace', holidayId: Number(r.holiday_id), label: { zh: r.name, en: r.name } };
}

/** Every holiday from `from` to `to` (YYYY-MM-DD, inclusive), built-in and the workspace's, by date. */
export async function listHolidays(q: Queryable, ws: string, from: string, to: string, name?: string): Promise<HolidayDay[]> {
  if (!realDate(from) || !realDate(to)) throw new SiyuError('validation_failed', 'from/to: must be calendar dates (YYYY-MM-DD)', { field: 'from' });
  if (from > to) throw new SiyuError('validation_failed', `from ${from} is after to ${to}`, { field: 'from' });
  const own = await q.query<{ holiday_id: string | number; day: string; name: string }>(
    `SELECT holiday_id, to_char(day, 'YYYY-MM-DD') AS day, name FROM workspace_holidays
     WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR name = $4::text) ORDER BY day, name`,
    [ws, from, to, name ?? null],
  );
  const all = [
    ...builtinHolidays(from, to).filter((h) => name === undefined || h.name === name),
    ...own.map((r): HolidayDay => ({ date: r.day, name: r.name, source: 'workspace', holidayId: Number(r.holiday_id), label: { zh: r.name, en: r.name } })),
  ];
  return all.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}
