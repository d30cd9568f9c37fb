/**
 * Elapsed-time rules ("7 days in stage 已入群 without an order"): a scan of the customers
 * holding the tag since at least N days, fired once per customer per stay (the stay is the
 * tag's tagged_at, part of the firing key).
 */
import type { Db, Queryable } from '../store/db.ts';
import { localDate } from '../shared/time.ts';
import { listWorkspaces, requireWorkspace, workspaceLock } from '../workspaces/index.ts';
import { calendarCandidates } from './calendar-timers.ts';
import type { ActiveRule, Firing, Signal } from './match.ts';
import { activeRules } from './rules.ts';
import { fire } from './firing.ts';

export interface TimerCandidate {
  customerId: number;
  taggedAt: Date;
}

/** Holders of the tag long enough, not yet fired for this stay, without the event since. */
export async function elapsedCandidates(q: Queryable, ws: string, rule: ActiveRule, now: number, limit = 5000): Promise<TimerCandidate[]> {
  const t = rule.trigger;
  if (t.kind !== 'elapsed') return [];
  const rows = await q.query<{ customer_id: number; tagged_at: Date }>(
    `SELECT ct.customer_id, ct.tagged_at FROM customer_tags ct
     WHERE ct.workspace_id = $1 AND ct.tag_id = $2 AND ct.tagged_at <= $3::timestamptz
       AND (ct.expires_at IS NULL OR ct.expires_at > $4::timestamptz)
       AND NOT EXISTS (SELECT 1 FROM rule_firings f WHERE f.workspace_id = $1 AND f.customer_id = ct.customer_id AND f.rule_id = $5
         AND f.trigger_key = 'elapsed:' || ct.tag_id || '@' || (extract(epoch FROM ct.tagged_at) * 1000)::bigint)
       AND ($6::text IS NULL OR NOT EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = $1 AND e.customer_id = ct.customer_id
         AND e.type = $6 AND e.occurred_at >= ct.tagged_at))
     ORDER BY ct.customer_id LIMIT $7`,
    [ws, t.tagId, new Date(now - t.days * 86_400_000), new Date(now), rule.ruleId, t.withoutEvent ?? null, limit],
  );
  return rows.map((r) => ({ customerId: r.customer_id, taggedAt: r.tagged_at }));
}

function hourReached(rule: ActiveRule, timeZone: string, now: number): boolean {
  const t = rule.trigger as { hour: number };
  const [h] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(now)).split(':');
  return Number(h) >= t.hour;
}

/**
 * Recurring touches (唤起记忆, seed 002): every N days of a stay in a stage or segment, one
 * firing per period; the period's number is part of the key, so each period fires once and a
 * new stay starts counting again.
 */
export async function recurringCandidates(q: Queryable, ws: string, rule: ActiveRule, now: number, limit = 5000): Promise<Firing[]> {
  const t = rule.trigger;
  if (t.kind !== 'recurring') return [];
  const rows = await q.query<{ customer_id: number; tagged_at: Date; period: number }>(
    `SELECT x.customer_id, x.tagged_at, x.period FROM (
       SELECT ct.customer_id, ct.tagged_at,
         floor(extract(epoch FROM ($3::timestamptz - ct.tagged_at)) / ($4::int * 86400))::int AS period
       FROM customer_tags ct
       WHERE ct.workspace_id = $1 AND ct.tag_id = $2 AND ct.tagged_at <= $3::timestamptz - make_interval(days => $4::int)
         AND (ct.expires_at IS NULL OR ct.expires_at > $3::timestamptz)) x
     WHERE NOT EXISTS (SELECT 1 FROM rule_firings f WHERE f.workspace_id = $1 AND f.customer_id = x.customer_id AND f.rule_id = $5
         AND f.trigger_key = 'recurring:' || $2::bigint || '@' || (extract(epoch FROM x.tagged_at) * 1000)::bigint || '#' || x.period)
     ORDER BY x.customer_id LIMIT $6`,
    [ws, t.tagId, new Date(now), t.everyDays, rule.ruleId, limit],
  );
  return rows.map((r) => {
    const ref = `${t.tagId}@${r.tagged_at.getTime()}#${r.period}`;
    return { rule, customerId: Number(r.customer_id), key: `recurring:${ref}`, signal: { ...elapsedSignal(t.tagId, { customerId: Number(r.customer_id), taggedAt: r.tagged_at }), ref } };
  });
}

export const elapsedSignal = (tagId: number, c: TimerCandidate): Signal => ({
  signalId: 0, kind: 'tag_added', key: String(tagId), customerId: c.customerId, ref: `${tagId}@${c.taggedAt.getTime()}`,
  payload: {}, at: c.taggedAt.getTime(), depth: 0, chain: [],
});

/**
 * Calendar rules swept in full today (workspace, rule version → local date): the sweep reads
 * every customer, so a process does it once a day per rule, not at every timer tick.
 */
const sweptToday = new Map<string, string>();

/** Fire every elapsed-time and calendar rule that is due. One transaction per workspace. */
export async function runTimers(db: Db, opts: { now: number; workspaceId?: string }): Promise<{ fired: number }> {
  const workspaces = opts.workspaceId ? [await requireWorkspace(db, opts.workspaceId)] : await listWorkspaces(db);
  let fired = 0;
  for (const { workspaceId: ws, timeZone } of workspaces) {
    fired += await db.transaction(async (tx) => {
      const rules = (await activeRules(tx, ws)).filter((r) => ['elapsed', 'recurring', 'date', 'holiday'].includes(r.trigger.kind));
      if (rules.length === 0) return 0;
      await workspaceLock(tx, ws);
      let n = 0;
      const today = localDate(timeZone, opts.now);
      for (const rule of rules) {
        if (rule.trigger.kind === 'date' || rule.trigger.kind === 'holiday') {
          const memo = `${ws}:${rule.ruleId}:${rule.version}`;
          if (sweptToday.get(memo) === today) continue;
          let after = 0;
          let due = false;
          for (;;) {
            const page = await calendarCandidates(tx, ws, rule, opts.now, timeZone, after);
            const f = (await fire(tx, ws, page.firings, new Date(opts.now))).fired;
            if (f > 0) due = true;
            n += f;
            if (page.last === null) break;
            after = page.last;
          }
          // Before its hour nothing is due; after a sweep that found nothing, the day is done.
          if (!due && hourReached(rule, timeZone, opts.now)) sweptToday.set(memo, today);
          continue;
        }
        if (rule.trigger.kind === 'recurring') {
          n += (await fire(tx, ws, await recurringCandidates(tx, ws, rule, opts.now), new Date(opts.now))).fired;
          continue;
        }
        const tagId = (rule.trigger as { tagId: number }).tagId;
        const firings: Firing[] = (await elapsedCandidates(tx, ws, rule, opts.now)).map((c) => {
          const signal = elapsedSignal(tagId, c);
          return { rule, customerId: c.customerId, key: `elapsed:${signal.ref}`, signal };
        });
        n += (await fire(tx, ws, firings, new Date(opts.now))).fired;
      }
      return n;
    });
  }
  return { fired };
}
