/**
 * The operations calendar (运营日历, seed 004's operations board): per day, what is planned —
 * SOP steps due, staff tasks due, scheduled mass messages, holidays, and the calendar rules
 * (birthday / anniversary / holiday touches) that will fire with how many customers. Staff see
 * their own customers' steps and tasks, their own scheduled sends, and touch counts of their
 * customers. Other plans (Moments posts) join through CALENDAR_SOURCES.
 */
import { countAudience, type AudienceFilter } from '../audiences/index.ts';
import { listRules } from '../automation/index.ts';
import { addDays, anniversary, CUSTOMER_DATE_FIELDS, dateFieldSql, daysBetween, listHolidays, monthDaysOn, type HolidayDay } from '../calendar/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { scopeCondition, type CustomerScope } from '../shared/scope.ts';
import { localToInstant } from '../shared/time.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { listScheduledSends, type ScheduledSend } from './sends.ts';

export interface SopStepsDay { sopId: number; sop: string; scheduled: number; delivered: number; suppressed: number }
export interface TasksDay { pending: number; done: number; suppressed: number; byKind: Record<string, number> }
export interface CalendarTouch {
  ruleId: number;
  rule: string;
  kind: 'holiday' | 'date' | 'recurring';
  /** The holiday's name, the date field (birthday, firstOrder, added), or the stage / segment tag of a recurring touch. */
  on: string;
  label: { zh: string; en: string };
  /** The day the holiday or anniversary falls on (the touch may be days ahead of it). */
  occurrence: string;
  /** Customers the rule would reach that day (its condition applied for holidays; anniversaries counted by date). */
  customers: number;
  enabled: boolean;
}
/** One more kind of plan on the calendar (e.g. Moments posts): items per day, in the caller's scope. */
export interface CalendarItem { kind: string; id: string; title: string; at: string; status: string }
export type CalendarSource = (q: Queryable, ws: string, range: { from: string; to: string; fromInstant: Date; toInstant: Date }, scope: CustomerScope) => Promise<(CalendarItem & { date: string })[]>;

/** Extension point: other domains' plans (Moments posts when they can be scheduled) register here. */
export const CALENDAR_SOURCES: CalendarSource[] = [];

export interface CalendarDay {
  date: string;
  holidays: HolidayDay[];
  sopSteps: SopStepsDay[];
  tasks: TasksDay;
  scheduledSends: ScheduledSend[];
  touches: CalendarTouch[];
  items: CalendarItem[];
}

export interface OperationsCalendar { from: string; to: string; timeZone: string; days: CalendarDay[] }

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function operationsCalendar(q: Queryable, ws: string, opts: { from: string; to: string; scope: CustomerScope }): Promise<OperationsCalendar> {
  const { from, to, scope } = opts;
  if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
    throw new SiyuError('validation_failed', 'from/to: must be calendar dates (YYYY-MM-DD)', { field: 'from' });
  }
  const span = daysBetween(from, to);
  if (span < 0) throw new SiyuError('validation_failed', `from ${from} is after to ${to}`, { field: 'from' });
  if (span > 62) throw new SiyuError('validation_failed', 'to: at most 63 days from from', { field: 'to' });
  const { timeZone } = await requireWorkspace(q, ws);
  const start = (d: string) => { const [y, m, dd] = d.split('-').map(Number) as [number, number, number]; return new Date(localToInstant(timeZone, y, m, dd)); };
  const fromInstant = start(from);
  const toInstant = start(addDays(to, 1));
  const days = new Map<string, CalendarDay>();
  for (let i = 0; i <= span; i++) {
    const date = addDays(from, i);
    days.set(date, { date, holidays: [], sopSteps: [], tasks: { pending: 0, done: 0, suppressed: 0, byKind: {} }, scheduledSends: [], touches: [], items: [] });
  }
  const day = (d: string) => days.get(d);

  const holidays = await listHolidays(q, ws, from, to);
  for (const h of holidays) day(h.date)?.holidays.push(h);

  const sc = scopeCondition(scope, 'd', 5);
  const steps = await q.query<{ day: string; sop_id: string | number; name: string; status: string; n: string | number }>(
    `SELECT to_char(d.due_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, d.sop_id, s.name, d.status, count(*) AS n
     FROM sop_deliveries d JOIN sops s ON s.workspace_id = d.workspace_id AND s.sop_id = d.sop_id
     WHERE d.workspace_id = $1 AND d.due_at >= $3::timestamptz AND d.due_at < $4::timestamptz AND ${sc.sql}
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2`,
    [ws, timeZone, fromInstant.toISOString(), toInstant.toISOString(), ...sc.params],
  );
  for (const r of steps) {
    const d = day(r.day);
    if (!d) continue;
    let s = d.sopSteps.find((x) => x.sopId === Number(r.sop_id));
    if (!s) d.sopSteps.push((s = { sopId: Number(r.sop_id), sop: r.name, scheduled: 0, delivered: 0, suppressed: 0 }));
    const n = Number(r.n);
    if (r.status === 'scheduled') s.scheduled += n;
    else if (r.status === 'due') s.delivered += n;
    else if (r.status === 'suppressed') s.suppressed += n;
  }

  const ts = scopeCondition(scope, 't', 5);
  const staffOnly = scope.kind === 'staff' ? `(t.staff_id = $5::text OR (t.customer_id IS NOT NULL AND ${ts.sql}))` : 'true';
  const tasks = await q.query<{ day: string; kind: string; status: string; n: string | number }>(
    `SELECT to_char(t.due_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, t.kind, t.status, count(*) AS n FROM outreach_tasks t
     WHERE t.workspace_id = $1 AND t.due_at >= $3::timestamptz AND t.due_at < $4::timestamptz AND ${staffOnly}
     GROUP BY 1, 2, 3`,
    [ws, timeZone, fromInstant.toISOString(), toInstant.toISOString(), ...ts.params],
  );
  for (const r of tasks) {
    const d = day(r.day);
    if (!d) continue;
    const n = Number(r.n);
    if (r.status === 'pending') d.tasks.pending += n;
    else if (r.status === 'suppressed' || r.status === 'cancelled') d.tasks.suppressed += n;
    else d.tasks.done += n;
    d.tasks.byKind[r.kind] = (d.tasks.byKind[r.kind] ?? 0) + n;
  }

  for (const s of await listScheduledSends(q, ws, { scope, from: fromInstant, to: toInstant, limit: 1000 })) {
    const d = day(localDay(timeZone, s.sendAt));
    if (d && s.status !== 'cancelled') d.scheduledSends.push(s);
  }

  await addTouches(q, ws, timeZone, from, to, scope, day);

  for (const source of CALENDAR_SOURCES) {
    for (const item of await source(q, ws, { from, to, fromInstant, toInstant }, scope)) {
      const { date, ...rest } = item;
      day(date)?.items.push(rest);
    }
  }
  return { from, to, timeZone, days: [...days.values()] };
}

const localDay = (timeZone: string, iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

/** Calendar rules (enabled ones, and those switched off, marked so) on the days they will fire. */
async function addTouches(
  q: Queryable, ws: string, timeZone: string, from: string, to: string, scope: CustomerScope, day: (d: string) => CalendarDay | undefined,
): Promise<void> {
  const rules = (await listRules(q, ws)).filter((r) => ['holiday', 'date', 'recurring'].includes(r.definition.trigger.kind));
  if (rules.length === 0) return;
  for (const rule of rules) {
    const t = rule.definition.trigger;
    if (t.kind === 'holiday') {
      const occurrences = await listHolidays(q, ws, addDays(from, t.daysBefore), addDays(to, t.daysBefore), t.holiday);
      if (occurrences.length === 0) continue;
      const customers = await countAudience(q, ws, rule.definition.if as AudienceFilter | undefined, scope);
      for (const o of occurrences) {
        day(addDays(o.date, -t.daysBefore))?.touches.push({
          ruleId: rule.ruleId, rule: rule.name, kind: 'holiday', on: t.holiday, label: o.label, occurrence: o.date, customers, enabled: rule.enabled,
        });
      }
    } else if (t.kind === 'recurring') {
      // Stays in the stage by their first day: a stay's touches fall every N days after it.
      const [group, ...rest] = t.tag.split('/');
      const sc = scopeCondition(scope, 'ct', 5);
      const stays = await q.query<{ d: string; n: string | number }>(
        `SELECT to_char(ct.tagged_at AT TIME ZONE $2, 'YYYY-MM-DD') AS d, count(*) AS n FROM customer_tags ct
         JOIN tags tg ON tg.workspace_id = ct.workspace_id AND tg.tag_id = ct.tag_id
         JOIN tag_groups g ON g.workspace_id = tg.workspace_id AND g.group_id = tg.group_id
         WHERE ct.workspace_id = $1 AND g.name = $3 AND tg.name = $4 AND ${sc.sql} GROUP BY 1`,
        [ws, timeZone, group, rest.join('/'), ...sc.params],
      );
      for (let i = 0; i <= daysBetween(from, to); i++) {
        const date = addDays(from, i);
        const customers = stays.filter((x) => { const k = daysBetween(x.d, date); return k > 0 && k % t.everyDays === 0; }).reduce((s, x) => s + Number(x.n), 0);
        if (customers === 0) continue;
        day(date)?.touches.push({
          ruleId: rule.ruleId, rule: rule.name, kind: 'recurring', on: t.tag, label: { zh: `${t.tag} 每 ${t.everyDays} 天`, en: `${t.tag} every ${t.everyDays} days` },
          occurrence: date, customers, enabled: rule.enabled,
        });
      }
    } else if (t.kind === 'date') {
      const expr = dateFieldSql(t.field, 2);
      if (expr === null) continue;
      const sc = scopeCondition(scope, 'c', 3);
      const dates = await q.query<{ d: string; n: string | number }>(
        `SELECT to_char(${expr}, 'YYYY-MM-DD') AS d, count(*) AS n FROM customers c
         LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
         WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND ${expr} IS NOT NULL AND ${sc.sql} GROUP BY 1`,
        [ws, timeZone, ...sc.params],
      );
      const byMonthDay = new Map<string, { d: string; n: number }[]>();
      for (const r of dates) {
        const md = r.d.slice(5);
        if (!byMonthDay.has(md)) byMonthDay.set(md, []);
        byMonthDay.get(md)!.push({ d: r.d, n: Number(r.n) });
      }
      const field = CUSTOMER_DATE_FIELDS[t.field];
      for (let i = 0; i <= daysBetween(from, to); i++) {
        const date = addDays(from, i);
        const occurrence = addDays(date, t.daysBefore);
        const year = Number(occurrence.slice(0, 4));
        // Only real anniversaries: a first order placed this very day is not one.
        const customers = monthDaysOn(occurrence).flatMap((md) => byMonthDay.get(md) ?? [])
          .filter((x) => x.d < occurrence && anniversary(x.d, year) === occurrence).reduce((s, x) => s + x.n, 0);
        if (customers === 0) continue;
        day(date)?.touches.push({ ruleId: rule.ruleId, rule: rule.name, kind: 'date', on: t.field, label: { zh: field.zh, en: field.en }, occurrence, customers, enabled: rule.enabled });
      }
    }
  }
}
