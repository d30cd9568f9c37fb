/**
 * Moving customers between stages. A move is tagging: the stage's tag replaces the one held
 * in the journey's single-choice group, so the audit trail and the stage history (written by
 * the customer_tags triggers of migration 004) record it like any other tag change.
 */
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { MAX_REASON_LENGTH, tagCustomers, untagCustomers, type TagSource } from '../tags/index.ts';
import { customersMatching } from './entry.ts';
import { atomically, getJourney, stageOf, type Journey } from './journeys.ts';
import { directionOf, type Direction } from './rules.ts';

export interface MoveInput {
  customerIds: readonly number[];
  journey: string | number;
  stage: string | number;
  /** Required when a person moves customers (source "staff"): the audit trail says why. */
  reason?: string | undefined;
  source: TagSource;
  sourceId?: string | undefined;
  actor: Actor;
  now?: Date | undefined;
  /** Move even customers who do not meet the stage's entry condition. */
  force?: boolean | undefined;
  /** Whose customers the caller may move: one outside it is answered like one that does not exist. */
  scope?: CustomerScope | undefined;
}

export interface MoveResult {
  journey: string;
  stage: string;
  moved: number[];
  unchanged: number[];
  refused: { customerId: number; reason: string }[];
  directions: { customerId: number; from: string | null; direction: Direction }[];
}

/**
 * Requested ids → current records (merged ones lead to the survivor); unknown ids, and ids
 * whose record is outside the caller's scope, are the same error (the scope is in the SQL,
 * so nothing about another staff member's customer is read, let alone changed).
 */
async function currentIds(tx: Queryable, ws: string, requested: readonly number[], scope: CustomerScope): Promise<number[]> {
  const distinct = [...new Set(requested)];
  const inScope = scopeCondition(scope, 'ch', 3);
  const rows = await tx.query<{ requested: number; customer_id: number }>(
    `WITH RECURSIVE chain (requested, workspace_id, customer_id, merged_into, hops) AS (
       SELECT c.customer_id, c.workspace_id, c.customer_id, c.merged_into, 0 FROM customers c WHERE c.workspace_id = $1 AND c.customer_id = ANY($2::bigint[])
       UNION ALL
       SELECT ch.requested, c.workspace_id, c.customer_id, c.merged_into, ch.hops + 1 FROM chain ch
       JOIN customers c ON c.workspace_id = $1 AND c.customer_id = ch.merged_into WHERE ch.hops < 32
     )
     SELECT ch.requested, ch.customer_id FROM chain ch WHERE ch.merged_into IS NULL AND ${inScope.sql}`,
    [ws, distinct, ...inScope.params],
  );
  const map = new Map(rows.map((r) => [r.requested, r.customer_id]));
  const missing = distinct.filter((id) => !map.has(id));
  if (missing.length > 0) throw new SiyuError('not_found', `customer(s) ${missing.slice(0, 10).join(', ')} do not exist in workspace "${ws}"`);
  return [...new Set(distinct.map((id) => map.get(id)!))];
}

/** The live stage each customer holds in the journey. */
async function heldStages(tx: Queryable, ws: string, j: Journey, ids: readonly number[], now: Date): Promise<Map<number, number>> {
  const rows = await tx.query<{ customer_id: number; tag_id: number }>(
    `SELECT customer_id, tag_id FROM customer_tags
     WHERE workspace_id = $1 AND group_id = $2 AND customer_id = ANY($3::bigint[]) AND (expires_at IS NULL OR expires_at > $4)`,
    [ws, j.groupId, ids, now],
  );
  return new Map(rows.map((r) => [r.customer_id, r.tag_id]));
}

/** The trigger closing a stay reads the caller's clock and reason from these settings. */
async function setStageContext(tx: Queryable, now: Date | null, reason: string | null): Promise<void> {
  await tx.query(`SELECT set_config('siyu.now', $1::text, true), set_config('siyu.stage_reason', $2::text, true)`,
    [now?.toISOString() ?? '', reason ?? '']);
}

function checkReason(source: TagSource, reason: string | undefined): void {
  if (source === 'staff' && (reason === undefined || reason.trim() === '')) {
    throw new SiyuError('validation_failed', 'reason: a manual move needs a reason (it is kept in the audit trail)');
  }
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    throw new SiyuError('validation_failed', `reason: ${reason.length} characters long; at most ${MAX_REASON_LENGTH}`);
  }
}

export async function moveStage(q: Queryable, ws: string, input: MoveInput): Promise<MoveResult> {
  checkReason(input.source, input.reason);
  if (input.customerIds.length === 0) throw new SiyuError('validation_failed', 'customerIds: name at least one customer');
  const now = input.now ?? new Date();
  return atomically(q, async (tx) => {
    const j = await getJourney(tx, ws, input.journey);
    const stage = stageOf(j, input.stage);
    const ids = await currentIds(tx, ws, input.customerIds, input.scope ?? ALL_CUSTOMERS);
    const held = await heldStages(tx, ws, j, ids, now);
    const unchanged = ids.filter((id) => held.get(id) === stage.stageId);
    let candidates = ids.filter((id) => held.get(id) !== stage.stageId);
    const refused: MoveResult['refused'] = [];
    if (stage.entryFilter && !input.force && candidates.length > 0) {
      const ok = await customersMatching(tx, ws, stage.entryFilter, candidates);
      for (const id of candidates) {
        if (!ok.has(id)) refused.push({ customerId: id, reason: `does not meet the entry condition of stage "${stage.path}"; force the move to override` });
      }
      candidates = candidates.filter((id) => ok.has(id));
    }
    const directions: MoveResult['directions'] = [];
    if (candidates.length > 0) {
      await setStageContext(tx, now, input.reason ?? null);
      const r = await tagCustomers(tx, ws, {
        customerIds: candidates, tag: stage.stageId, source: input.source, sourceId: input.sourceId, reason: input.reason, actor: input.actor, now,
      });
      await setStageContext(tx, null, null);
      const position = new Map(j.stages.map((s) => [s.stageId, s]));
      const rows = r.added.map((customerId) => {
        const from = held.has(customerId) ? position.get(held.get(customerId)!) : undefined;
        const direction = directionOf(j.ordered, from?.position ?? null, stage.position);
        directions.push({ customerId, from: from?.name ?? null, direction });
        return {
          customer_id: customerId,
          details: {
            journey: j.name, journeyId: j.journeyId, stage: stage.name, from: from?.name ?? null, direction, source: input.source,
            ...(input.sourceId !== undefined ? { sourceId: input.sourceId } : {}), reason: input.reason ?? null,
            ...(input.force && stage.entryFilter ? { forced: true } : {}),
          },
        };
      });
      await tx.query(
        `INSERT INTO audit_log (workspace_id, actor_kind, actor_id, action, customer_id, details, at)
         SELECT $1, $2, $3, 'journey.moved', r.customer_id, r.details, $5 FROM jsonb_to_recordset($4::jsonb) AS r(customer_id bigint, details jsonb)`,
        [ws, input.actor.kind, input.actor.id ?? null, JSON.stringify(rows), now],
      );
      return { journey: j.name, stage: stage.name, moved: r.added, unchanged: [...unchanged, ...r.unchanged, ...r.updated], refused, directions };
    }
    return { journey: j.name, stage: stage.name, moved: [], unchanged, refused, directions };
  });
}

export interface LeaveInput {
  customerIds: readonly number[];
  journey: string | number;
  reason?: string | undefined;
  source: TagSource;
  sourceId?: string | undefined;
  actor: Actor;
  now?: Date | undefined;
  scope?: CustomerScope | undefined;
}

/** Take customers out of a journey: their stage tag comes off (audited, history closed). */
export async function leaveJourney(q: Queryable, ws: string, input: LeaveInput): Promise<{ journey: string; left: number[]; notIn: number[] }> {
  checkReason(input.source, input.reason);
  const now = input.now ?? new Date();
  return atomically(q, async (tx) => {
    const j = await getJourney(tx, ws, input.journey);
    const ids = await currentIds(tx, ws, input.customerIds, input.scope ?? ALL_CUSTOMERS);
    const held = await heldStages(tx, ws, j, ids, now);
    const byStage = new Map<number, number[]>();
    for (const [customerId, tagId] of held) byStage.set(tagId, [...(byStage.get(tagId) ?? []), customerId]);
    await setStageContext(tx, now, input.reason ?? null);
    const left: number[] = [];
    for (const [tagId, customers] of byStage) {
      const r = await untagCustomers(tx, ws, {
        customerIds: customers, tag: tagId, source: input.source, sourceId: input.sourceId, reason: input.reason, actor: input.actor, now,
      });
      left.push(...r.removed);
    }
    await setStageContext(tx, null, null);
    return { journey: j.name, left: left.sort((a, b) => a - b), notIn: ids.filter((id) => !held.has(id)) };
  });
}
