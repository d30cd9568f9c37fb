/**
 * Firing rules for customers: the profile condition, the once-only firing rows, then the
 * actions with the cascade depth and chain set for the signals they cause. Shared by the
 * worker, the timers and replays.
 */
import type { Queryable } from '../store/db.ts';
import { applyActions, type ActionOutcome } from './actions.ts';
import { groupFirings, type ActiveRule, type Firing, type Refusal } from './match.ts';
import { matchCondition } from './ports.ts';

/** Errors that mean "try the whole batch again", not "this rule is broken". */
const TRANSIENT = new Set(['40001', '40P01', '55P03', '57014']);
const isTransient = (err: unknown) => typeof err === 'object' && err !== null && TRANSIENT.has(String((err as { code?: unknown }).code));

export async function recordRefusals(tx: Queryable, ws: string, refused: readonly Refusal[]): Promise<void> {
  if (refused.length === 0) return;
  await tx.query(
    `INSERT INTO rule_runs (workspace_id, rule_id, status, customers, details)
     SELECT $1, r.rule_id, r.status, 1, r.details FROM jsonb_to_recordset($2::jsonb) AS r(rule_id bigint, status text, details jsonb)`,
    [ws, JSON.stringify(refused.map((r) => ({
      rule_id: r.ruleId, status: r.status,
      details: { customerId: r.customerId, chain: r.chain, signal: `${r.signalKind}:${r.ref}`,
        message: r.status === 'cycle' ? `cycle: rule ${r.chain.join(' → ')}; not fired again` : `cascade deeper than allowed: ${r.chain.join(' → ')}` },
    })))],
  );
}

/**
 * Fire groups of (rule, cascade position): the profile condition, the once-only firing rows,
 * then the actions with the cascade depth and chain set for the signals they cause. A rule
 * whose action fails is rolled back alone and reported; the others still fire.
 */
export async function fire(tx: Queryable, ws: string, firings: readonly Firing[], now: Date, opts: { status?: 'fired' | 'replay' } = {}): Promise<{ fired: number; errors: number; outcomes: ActionOutcome[]; firedFor: { customerId: number; key: string }[] }> {
  let fired = 0, errors = 0;
  const outcomes: ActionOutcome[] = [];
  const firedFor: { customerId: number; key: string }[] = [];
  for (const group of groupFirings(firings)) {
    const { rule } = group;
    await tx.query('SAVEPOINT rule_fire');
    try {
      const matching = await matchCondition(tx, ws, rule.definition.if, [...new Set(group.firings.map((f) => f.customerId))]);
      const candidates = group.firings.filter((f) => matching.has(f.customerId));
      const fresh = await claimFirings(tx, ws, rule, candidates, now);
      if (fresh.length > 0) {
        await tx.query(`SELECT set_config('siyu.depth', $1, true), set_config('siyu.chain', $2, true)`,
          [String(group.depth + 1), `{${[...group.chain, rule.ruleId].join(',')}}`]);
        const out = await applyActions(tx, ws, rule, fresh, now);
        await tx.query(`SELECT set_config('siyu.depth', '', true), set_config('siyu.chain', '', true)`);
        outcomes.push(...out);
        await tx.query(
          `INSERT INTO rule_runs (workspace_id, rule_id, status, customers, details, at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [ws, rule.ruleId, opts.status ?? 'fired', fresh.length, JSON.stringify({ version: rule.version, depth: group.depth, chain: group.chain, actions: out }), now],
        );
        fired += fresh.length;
        firedFor.push(...fresh);
      }
      await tx.query('RELEASE SAVEPOINT rule_fire');
    } catch (err) {
      await tx.query('ROLLBACK TO SAVEPOINT rule_fire');
      if (isTransient(err)) throw err;
      errors++;
      await tx.query(
        `INSERT INTO rule_runs (workspace_id, rule_id, status, customers, details, at) VALUES ($1, $2, 'error', $3, $4, $5)`,
        [ws, rule.ruleId, group.firings.length, JSON.stringify({ message: err instanceof Error ? err.message : String(err), version: rule.version }), now],
      );
    }
  }
  return { fired, errors, outcomes, firedFor };
}

/** Insert the firing rows; only the ones not there before go on to act. */
async function claimFirings(tx: Queryable, ws: string, rule: ActiveRule, candidates: readonly Firing[], now: Date): Promise<{ customerId: number; key: string }[]> {
  if (candidates.length === 0) return [];
  const rows = await tx.query<{ customer_id: number; trigger_key: string }>(
    `INSERT INTO rule_firings (workspace_id, customer_id, rule_id, trigger_key, rule_version, fired_at)
     SELECT $1, f.customer_id, $2, f.key, $3, $4 FROM unnest($5::bigint[], $6::text[]) AS f(customer_id, key)
     ON CONFLICT DO NOTHING RETURNING customer_id, trigger_key`,
    [ws, rule.ruleId, rule.version, now, candidates.map((f) => f.customerId), candidates.map((f) => f.key)],
  );
  return rows.map((r) => ({ customerId: r.customer_id, key: r.trigger_key }));
}

