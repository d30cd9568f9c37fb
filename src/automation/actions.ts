/**
 * Carrying out a rule's actions for the customers it fired for, inside the caller's
 * transaction: tags, stage moves, SOP starts, tasks and outbound webhooks all commit
 * with the firing rows, or not at all.
 */
import type { Actor } from '../customers/index.ts';
import type { Queryable } from '../store/db.ts';
import { tagCustomers, untagCustomers } from '../tags/index.ts';
import type { Action } from './definition.ts';
import { taskDedupeKey, type ActiveRule } from './match.ts';
import { createTasks, moveStage, startSop, type TaskDraft } from './ports.ts';

export interface FiredCustomer {
  customerId: number;
  /** The firing key (what triggered it). */
  key: string;
}

export interface ActionOutcome {
  action: number;
  type: Action['type'];
  /** Customers the action changed (tagged, moved, got a task …). */
  affected: number;
  note?: string;
}

/**
 * The owner of each customer: the explicit owner, else the staff member who added them,
 * else the first staff member who has them as a WeCom contact.
 */
async function ownersOf(tx: Queryable, ws: string, customerIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await tx.query<{ customer_id: number; owner: string | null }>(
    `SELECT c.customer_id, COALESCE(c.owner_staff, a.added_by_staff,
       (SELECT min(f.staff_id) FROM customer_followers f WHERE f.workspace_id = c.workspace_id AND f.customer_id = c.customer_id AND f.removed_at IS NULL)) AS owner
     FROM customers c LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     WHERE c.workspace_id = $1 AND c.customer_id = ANY($2::bigint[])`,
    [ws, [...customerIds]],
  );
  return new Map(rows.filter((r) => r.owner !== null).map((r) => [r.customer_id, r.owner!]));
}

export async function applyActions(
  tx: Queryable,
  ws: string,
  rule: ActiveRule,
  fired: readonly FiredCustomer[],
  now: Date,
): Promise<ActionOutcome[]> {
  if (fired.length === 0) return [];
  const actor: Actor = { kind: 'rule', id: String(rule.ruleId) };
  const customerIds = [...new Set(fired.map((f) => f.customerId))];
  const why = { source: 'rule' as const, sourceId: String(rule.ruleId), reason: rule.name, actor, now };
  const outcomes: ActionOutcome[] = [];
  for (const [i, a] of rule.definition.actions.entries()) {
    switch (a.type) {
      case 'tag': {
        const r = await tagCustomers(tx, ws, {
          customerIds, tag: a.tag, ...why,
          ...(a.expiresInDays ? { expiresAt: new Date(now.getTime() + a.expiresInDays * 86_400_000) } : {}),
        });
        outcomes.push({ action: i, type: a.type, affected: r.added.length + r.updated.length });
        break;
      }
      case 'untag': {
        const r = await untagCustomers(tx, ws, { customerIds, tag: a.tag, ...why });
        outcomes.push({ action: i, type: a.type, affected: r.removed.length });
        break;
      }
      case 'moveStage': {
        const r = await moveStage(tx, ws, { customerIds, journey: a.journey, stage: a.stage, ...why });
        outcomes.push({
          action: i, type: a.type, affected: r.moved.length,
          ...(r.refused.length ? { note: `${r.refused.length} refused: ${r.refused.slice(0, 3).map((x) => x.reason).join('; ')}` } : {}),
        });
        break;
      }
      case 'startSop': {
        await startSop(tx, ws, { sop: a.sop, customerIds, at: now, cause: `rule:${rule.ruleId}` });
        outcomes.push({ action: i, type: a.type, affected: customerIds.length });
        break;
      }
      case 'task': {
        const owners = a.staffId ? new Map<number, string>() : await ownersOf(tx, ws, customerIds);
        const drafts: TaskDraft[] = fired.map((f) => ({
          customerId: f.customerId,
          ...(a.staffId ? { staffId: a.staffId } : owners.has(f.customerId) ? { staffId: owners.get(f.customerId)! } : {}),
          kind: 'rule', purpose: a.purpose, channel: a.channel, title: a.title, content: a.content,
          ...(a.couponId ? { couponId: a.couponId } : {}),
          dueAt: new Date(now.getTime() + a.dueInHours * 3_600_000),
          dedupeKey: taskDedupeKey(rule.ruleId, f.customerId, f.key, i),
          source: { type: 'rule', id: String(rule.ruleId) },
        }));
        const r = await createTasks(tx, ws, drafts, now);
        outcomes.push({
          action: i, type: a.type, affected: r.created.length,
          ...(r.suppressed.length ? { note: `${r.suppressed.length} suppressed: ${[...new Set(r.suppressed.map((s) => s.reason))].join('; ')}` } : {}),
        });
        break;
      }
      case 'webhook': {
        await tx.query(
          `INSERT INTO webhook_outbox (workspace_id, rule_id, url, secret, body, next_at)
           SELECT $1, $2, $3, $4, jsonb_build_object('rule', jsonb_build_object('id', $2::bigint, 'name', $5::text),
             'customerId', f.customer_id, 'trigger', f.key, 'at', $6::text), $6::timestamptz
           FROM unnest($7::bigint[], $8::text[]) AS f(customer_id, key)`,
          [ws, rule.ruleId, a.url, a.secret ?? null, rule.name, now.toISOString(), fired.map((f) => f.customerId), fired.map((f) => f.key)],
        );
        outcomes.push({ action: i, type: a.type, affected: fired.length });
        break;
      }
    }
  }
  return outcomes;
}
