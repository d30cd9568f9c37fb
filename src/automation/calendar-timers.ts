/**
 * Calendar rules: a customer's anniversary (birthday, first order, joining) or a holiday in
 * the workspace calendar, N days ahead, from an hour of the day in the workspace zone. Fired
 * once per customer per occurrence: the occurrence's date is part of the firing key.
 */
import { dateFieldSql, dateOccurrence, holidayOccurrence, listHolidays, addDays, monthDaysOn } from '../calendar/index.ts';
import type { Queryable } from '../store/db.ts';
import { localDate, zoneOffsetMinutes } from '../shared/time.ts';
import type { ActiveRule, Firing, Signal } from './match.ts';

const PAGE = 5000;

/** The customers a calendar rule is due for today, page by page (customer id > after), not yet fired for the occurrence. */
export async function calendarCandidates(
  q: Queryable, ws: string, rule: ActiveRule, now: number, timeZone: string, after = 0, limit = PAGE,
): Promise<{ firings: Firing[]; last: number | null }> {
  const t = rule.trigger;
  if (t.kind !== 'date' && t.kind !== 'holiday') return { firings: [], last: null };
  const today = localDate(timeZone, now);
  const hour = Math.floor((((now + zoneOffsetMinutes(timeZone, now) * 60_000) % 86_400_000) + 86_400_000) % 86_400_000 / 3_600_000);
  if (hour < t.hour) return { firings: [], last: null };
  const signal = (customerId: number, ref: string): Signal => ({ signalId: 0, kind: 'event', key: 'calendar', customerId, ref, payload: {}, at: now, depth: 0, chain: [] });

  if (t.kind === 'holiday') {
    const target = addDays(today, t.daysBefore);
    const days = (await listHolidays(q, ws, target, target, t.holiday)).map((h) => h.date);
    const occurrence = holidayOccurrence(days, today, t.daysBefore);
    if (!occurrence) return { firings: [], last: null };
    const key = `holiday:${t.holiday}@${occurrence}`;
    const rows = await q.query<{ customer_id: string | number }>(
      `SELECT c.customer_id FROM customers c WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND c.customer_id > $2::bigint
         AND NOT EXISTS (SELECT 1 FROM rule_firings f WHERE f.workspace_id = $1 AND f.customer_id = c.customer_id AND f.rule_id = $3 AND f.trigger_key = $4)
       ORDER BY c.customer_id LIMIT $5`,
      [ws, after, rule.ruleId, key, limit],
    );
    const ids = rows.map((r) => Number(r.customer_id));
    return { firings: ids.map((id) => ({ rule, customerId: id, key, signal: signal(id, key) })), last: ids.length === limit ? ids.at(-1)! : null };
  }

  const expr = dateFieldSql(t.field, 2);
  if (expr === null) return { firings: [], last: null };
  const target = addDays(today, t.daysBefore);
  const rows = await q.query<{ customer_id: string | number; d: string }>(
    `SELECT c.customer_id, to_char(${expr}, 'YYYY-MM-DD') AS d FROM customers c
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND c.customer_id > $3::bigint
       AND to_char(${expr}, 'MM-DD') = ANY($4::text[]) AND ${expr} < $5::date
       AND NOT EXISTS (SELECT 1 FROM rule_firings f WHERE f.workspace_id = $1 AND f.customer_id = c.customer_id AND f.rule_id = $6
         AND f.trigger_key = $7)
     ORDER BY c.customer_id LIMIT $8`,
    [ws, timeZone, after, monthDaysOn(target), target, rule.ruleId, `date:${t.field}@${target}`, limit],
  );
  const firings: Firing[] = [];
  for (const r of rows) {
    const occurrence = dateOccurrence(r.d, today, t.daysBefore);
    if (!occurrence) continue;
    const key = `date:${t.field}@${occurrence}`;
    firings.push({ rule, customerId: Number(r.customer_id), key, signal: signal(Number(r.customer_id), key) });
  }
  return { firings, last: rows.length === limit ? Number(rows.at(-1)!.customer_id) : null };
}
