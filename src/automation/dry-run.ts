/**
 * "Who would this rule move, how many tasks would it make?" on current data, before it is
 * switched on (dry-run: everything happens in a transaction that is rolled back), and
 * re-running a saved rule over a past date range (replay: idempotent by firing keys).
 */
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { workspaceLock } from '../workspaces/index.ts';
import { parseTimestamp } from '../shared/time.ts';
import type { RuleDefinition } from './definition.ts';
import { fire } from './firing.ts';
import { firingKey, triggerMatches, type ActiveRule, type Firing, type Signal, type SignalKind } from './match.ts';
import { getRule, activeRules, validateRule } from './rules.ts';
import { elapsedCandidates, elapsedSignal, recurringCandidates } from './timers.ts';
import { calendarCandidates } from './calendar-timers.ts';
import { localDate, localToInstant } from '../shared/time.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { ActionOutcome } from './actions.ts';

export interface Range { from: Date; to: Date }

const MAX_CANDIDATES = 200_000;

interface SignalRow { customer_id: number; kind: SignalKind; key: string; ref: string; payload: Record<string, unknown>; at: Date }

/** The changes in the range the rule's trigger would have fired on, as firings. */
async function candidates(q: Queryable, ws: string, rule: ActiveRule, range: Range, now: number): Promise<Firing[]> {
  const t = rule.trigger;
  let rows: SignalRow[] = [];
  if (t.kind === 'event') {
    rows = await q.query<SignalRow>(
      `SELECT customer_id, 'event' AS kind, type AS key, event_id AS ref,
         jsonb_build_object('data', data, 'staffId', staff_id, 'touchpoint', touchpoint) AS payload, occurred_at AS at
       FROM events WHERE workspace_id = $1 AND type = $2 AND occurred_at >= $3 AND occurred_at < $4
       ORDER BY occurred_at, event_id LIMIT $5`,
      [ws, t.event, range.from, range.to, MAX_CANDIDATES],
    );
  } else if (t.kind === 'model') {
    rows = await q.query<SignalRow>(
      `SELECT customer_id, 'model' AS kind, model AS key, history_id::text AS ref,
         jsonb_build_object('from', from_value, 'to', to_value) AS payload, at
       FROM model_history WHERE workspace_id = $1 AND model = $2 AND at >= $3 AND at < $4 ORDER BY history_id LIMIT $5`,
      [ws, t.model, range.from, range.to, MAX_CANDIDATES],
    );
  } else if (t.kind === 'tag' && t.on === 'added') {
    // Current holders whose stay began in the range.
    rows = await q.query<SignalRow>(
      `SELECT customer_id, 'tag_added' AS kind, tag_id::text AS key, tag_id || '@' || (extract(epoch FROM tagged_at) * 1000)::bigint AS ref,
         '{}'::jsonb AS payload, tagged_at AS at
       FROM customer_tags WHERE workspace_id = $1 AND tag_id = $2 AND tagged_at >= $3 AND tagged_at < $4 ORDER BY customer_id LIMIT $5`,
      [ws, t.tagId, range.from, range.to, MAX_CANDIDATES],
    );
  } else if (t.kind === 'tag') {
    // Removals are known from the audit trail.
    rows = await q.query<SignalRow>(
      `SELECT customer_id, 'tag_removed' AS kind, details->>'tagId' AS key,
         (details->>'tagId') || '@' || (extract(epoch FROM (details->'held'->>'taggedAt')::timestamptz) * 1000)::bigint AS ref,
         '{}'::jsonb AS payload, at
       FROM audit_log WHERE workspace_id = $1 AND action = 'tag.removed' AND details->>'tagId' = $2 AND at >= $3 AND at < $4
       ORDER BY audit_id LIMIT $5`,
      [ws, String(t.tagId), range.from, range.to, MAX_CANDIDATES],
    );
  } else if (t.kind === 'recurring') {
    return recurringCandidates(q, ws, rule, now, MAX_CANDIDATES);
  } else if (t.kind === 'date' || t.kind === 'holiday') {
    // Each calendar day of the range (at most a year), as the timer would see it late that day.
    const { timeZone } = await requireWorkspace(q, ws);
    const out: Firing[] = [];
    let day = localDate(timeZone, range.from.getTime());
    const last = localDate(timeZone, Math.min(range.to.getTime() - 1, now));
    for (let i = 0; i < 366 && day <= last && out.length < MAX_CANDIDATES; i++) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const lateThatDay = localToInstant(timeZone, y, m, d, 23, 59);
      let after = 0;
      for (;;) {
        const page = await calendarCandidates(q, ws, rule, lateThatDay, timeZone, after);
        out.push(...page.firings);
        if (page.last === null) break;
        after = page.last;
      }
      day = localDate(timeZone, localToInstant(timeZone, y, m, d, 12) + 86_400_000);
    }
    return out;
  } else if (t.kind === 'elapsed') {
    return (await elapsedCandidates(q, ws, rule, now, MAX_CANDIDATES)).map((c) => {
      const signal = elapsedSignal(t.tagId, c);
      return { rule, customerId: c.customerId, key: `elapsed:${signal.ref}`, signal };
    });
  }
  const out: Firing[] = [];
  for (const r of rows) {
    const signal: Signal = { signalId: 0, kind: r.kind, key: r.key, customerId: r.customer_id, ref: r.ref, payload: r.payload, at: r.at.getTime(), depth: 0, chain: [] };
    if (triggerMatches(t, signal)) out.push({ rule, customerId: r.customer_id, key: firingKey(signal), signal });
  }
  return out;
}

export interface DryRunResult {
  rule: string;
  /** Changes in the window the trigger matched (events, stays, level changes). */
  triggered: number;
  /** Distinct customers behind those changes (one customer can trigger many times). */
  triggeredCustomers: number;
  /** Distinct customers the rule would fire for (condition met, not fired before). */
  customers: number;
  alreadyFired: number;
  sample: { customerId: number; name: string | null; trigger: string }[];
  actions: ActionOutcome[];
  window: { from: string; to: string };
  notes: string[];
}

class Rollback extends Error {
  readonly result: DryRunResult;
  constructor(result: DryRunResult) { super('dry run'); this.result = result; }
}

/**
 * Evaluate a rule (a saved one by id or name, or a definition not yet saved) on current
 * data without side effects. Event triggers look at the last `days` days (default 30).
 */
export async function dryRunRule(
  db: Db, ws: string, ruleOrRef: unknown, opts: { now?: number; days?: number; sampleSize?: number } = {},
): Promise<DryRunResult> {
  const now = opts.now ?? Date.now();
  const days = opts.days ?? 30;
  const window = { from: new Date(now - days * 86_400_000), to: new Date(now + 1) };
  let definition: RuleDefinition;
  let ruleId = 0, version = 0;
  if (typeof ruleOrRef === 'string' || typeof ruleOrRef === 'number') {
    const saved = await getRule(db, ws, ruleOrRef);
    definition = saved.definition; ruleId = saved.ruleId; version = saved.version;
  } else {
    definition = ruleOrRef as RuleDefinition;
  }
  const { rule, trigger } = await validateRule(db, ws, definition);
  // An unsaved rule gets an id no saved rule has, so it finds no firings of its own.
  const active: ActiveRule = { ruleId: ruleId || -1, version: version || 1, name: rule.name, definition: rule, trigger };
  try {
    await db.transaction(async (tx) => {
      await workspaceLock(tx, ws);
      const firings = await candidates(tx, ws, active, window, now);
      const keys = firings.map((f) => `${f.customerId}|${f.key}`);
      const fired = ruleId === 0 ? new Set<string>() : new Set((await tx.query<{ k: string }>(
        `SELECT customer_id || '|' || trigger_key AS k FROM rule_firings WHERE workspace_id = $1 AND rule_id = $2 AND customer_id = ANY($3::bigint[])`,
        [ws, ruleId, [...new Set(firings.map((f) => f.customerId))]],
      )).map((r) => r.k));
      const fresh = firings.filter((_, i) => !fired.has(keys[i]!));
      const r = await fire(tx, ws, fresh, new Date(now), { status: 'replay' });
      const sampleIds = [...new Set(r.firedFor.map((f) => f.customerId))];
      const names = new Map((await tx.query<{ customer_id: number; name: string | null }>(
        `SELECT customer_id, name FROM customers WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`,
        [ws, sampleIds.slice(0, opts.sampleSize ?? 10)],
      )).map((x) => [x.customer_id, x.name]));
      const seen = new Set<number>();
      const sample = r.firedFor.filter((f) => names.has(f.customerId) && !seen.has(f.customerId) && seen.add(f.customerId))
        .map((f) => ({ customerId: f.customerId, name: names.get(f.customerId) ?? null, trigger: f.key }));
      const notes: string[] = [];
      if (firings.length >= MAX_CANDIDATES) notes.push(`only the first ${MAX_CANDIDATES} changes were evaluated`);
      if (r.errors > 0) {
        const [err] = await tx.query<{ details: { message: string } }>(
          `SELECT details FROM rule_runs WHERE workspace_id = $1 AND rule_id = $2 AND status = 'error' ORDER BY run_id DESC LIMIT 1`, [ws, active.ruleId]);
        notes.push(`an action would fail: ${err?.details.message ?? 'unknown error'}`);
      }
      notes.push('cascades (rules triggered by this rule\'s changes) are not included');
      throw new Rollback({
        rule: rule.name, triggered: firings.length, triggeredCustomers: new Set(firings.map((f) => f.customerId)).size, customers: sampleIds.length, alreadyFired: firings.length - fresh.length, sample,
        actions: r.outcomes, window: { from: window.from.toISOString(), to: new Date(now).toISOString() }, notes,
      });
    });
  } catch (err) {
    if (err instanceof Rollback) return err.result;
    throw err;
  }
  throw new Error('unreachable: the dry run did not roll back');
}

export interface ReplayResult {
  rule: string;
  triggered: number;
  fired: number;
  alreadyFired: number;
  errors: number;
  actions: ActionOutcome[];
}

/** Re-run a saved rule over the changes of a date range; firings already made are skipped. */
export async function replayRule(db: Db, ws: string, ref: string | number, range: Range, opts: { now?: number; actor?: Actor } = {}): Promise<ReplayResult> {
  if (!(range.from < range.to)) throw new SiyuError('validation_failed', `from (${range.from.toISOString()}) must be before to (${range.to.toISOString()})`);
  const saved = await getRule(db, ws, ref);
  const now = opts.now ?? Date.now();
  const active = (await activeRules(db, ws)).find((r) => r.ruleId === saved.ruleId) ?? await (async () => {
    const { rule, trigger } = await validateRule(db, ws, saved.definition);
    return { ruleId: saved.ruleId, version: saved.version, name: saved.name, definition: rule, trigger } satisfies ActiveRule;
  })();
  return db.transaction(async (tx) => {
    await workspaceLock(tx, ws);
    const firings = await candidates(tx, ws, active, range, now);
    const r = await fire(tx, ws, firings, new Date(now), { status: 'replay' });
    return { rule: saved.name, triggered: firings.length, fired: r.fired, alreadyFired: firings.length - r.fired, errors: r.errors, actions: r.outcomes };
  });
}

/** A bare date is a whole day in the workspace time zone; `end` gives the start of the next day. */
export function parseRangeBound(text: string, timeZone: string, field: string, end: boolean): Date {
  const t = text.trim();
  const bare = /^\d{4}-\d{1,2}-\d{1,2}$/.test(t);
  const p = parseTimestamp(t, timeZone);
  if (!p.ok) throw new SiyuError('validation_failed', `${field}: ${p.reason}`);
  return new Date(bare && end ? p.instant + 86_400_000 : p.instant);
}

