/**
 * Reading journeys: where a customer stands, the trail of stays, per-stage numbers (time in
 * stage, conversion to later stages) and the board's columns. Every read of customers takes
 * the caller's scope, applied in SQL.
 */
import { compileFilter, type AudienceFilter } from './audience-port.ts';
import { currentCustomerId } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { getJourney, listJourneys, stageOf, type Journey } from './journeys.ts';
import { decodeCursor, encodeCursor, ratio, type Direction } from './rules.ts';

const DAY_S = 86_400;
const days = (seconds: number | null): number | null => (seconds === null ? null : Math.round((seconds / DAY_S) * 100) / 100);
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export interface CustomerJourneyPosition {
  journeyId: number;
  journey: string;
  ordered: boolean;
  stageId: number;
  stage: string;
  position: number;
  stages: number;
  enteredAt: string;
  daysInStage: number;
  source: string;
  reason: string | null;
}

export async function customerJourneys(q: Queryable, ws: string, requestedId: number, now: Date = new Date()): Promise<CustomerJourneyPosition[]> {
  const customerId = await currentCustomerId(q, ws, requestedId);
  const rows = await q.query<{ tag_id: number; tagged_at: Date; source: string; reason: string | null }>(
    `SELECT ct.tag_id, ct.tagged_at, ct.source, ct.reason
     FROM customer_tags ct JOIN journeys j ON j.workspace_id = ct.workspace_id AND j.group_id = ct.group_id
     WHERE ct.workspace_id = $1 AND ct.customer_id = $2 AND (ct.expires_at IS NULL OR ct.expires_at > $3)`,
    [ws, customerId, now],
  );
  if (rows.length === 0) return [];
  const journeys = await listJourneys(q, ws);
  const out: CustomerJourneyPosition[] = [];
  for (const j of journeys) {
    for (const st of j.stages) {
      const r = rows.find((x) => x.tag_id === st.stageId);
      if (!r) continue;
      out.push({
        journeyId: j.journeyId, journey: j.name, ordered: j.ordered, stageId: st.stageId, stage: st.name, position: st.position,
        stages: j.stages.length, enteredAt: r.tagged_at.toISOString(), daysInStage: days((now.getTime() - r.tagged_at.getTime()) / 1000)!,
        source: r.source, reason: r.reason,
      });
    }
  }
  return out;
}

export interface StageStay {
  historyId: number;
  customerId: number;
  journeyId: number;
  journey: string | null;
  stageId: number;
  stage: string | null;
  from: string | null;
  direction: Direction;
  enteredAt: string;
  leftAt: string | null;
  /** Where the customer went next, when they moved within the journey. */
  next: string | null;
  daysInStage: number;
  source: string;
  sourceId: string | null;
  reason: string | null;
  leftReason: string | null;
}

/** Stays, newest first, of one customer (with the records merged into it) and/or one journey. */
export async function stageHistory(
  q: Queryable, ws: string, opts: { customerId?: number; journey?: string | number; limit?: number; now?: Date; scope?: CustomerScope },
): Promise<StageStay[]> {
  const s = scopeCondition(opts.scope ?? { kind: 'all' }, 'h', 5);
  const now = opts.now ?? new Date();
  const customerId = opts.customerId === undefined ? null : await currentCustomerId(q, ws, opts.customerId);
  const journeyId = opts.journey === undefined ? null : (await getJourney(q, ws, opts.journey)).journeyId;
  if (customerId === null && journeyId === null) throw new SiyuError('bad_request', 'stage history needs a customer or a journey');
  const rows = await q.query<{
    history_id: number; customer_id: number; journey_id: number; journey: string | null; tag_id: number; stage: string | null; from_stage: string | null;
    next_stage: string | null; direction: Direction; entered_at: Date; left_at: Date | null; source: string; source_id: string | null;
    reason: string | null; left_reason: string | null;
  }>(
    `SELECT h.history_id, h.customer_id, h.journey_id, g.name AS journey, h.tag_id, t.name AS stage, f.name AS from_stage, nx.name AS next_stage,
            h.direction, h.entered_at, h.left_at, h.source, h.source_id, h.reason, h.left_reason
     FROM journey_stage_history h
     LEFT JOIN journeys j ON j.workspace_id = h.workspace_id AND j.journey_id = h.journey_id
     LEFT JOIN tag_groups g ON g.workspace_id = j.workspace_id AND g.group_id = j.group_id
     LEFT JOIN tags t ON t.workspace_id = h.workspace_id AND t.tag_id = h.tag_id
     LEFT JOIN tags f ON f.workspace_id = h.workspace_id AND f.tag_id = h.from_tag_id
     LEFT JOIN tags nx ON nx.workspace_id = h.workspace_id AND nx.tag_id = h.next_tag_id
     WHERE h.workspace_id = $1
       AND ($2::bigint IS NULL OR h.customer_id = $2
            OR h.customer_id IN (SELECT m.customer_id FROM customers m WHERE m.workspace_id = $1 AND m.merged_into = $2))
       AND ($3::bigint IS NULL OR h.journey_id = $3) AND ${s.sql}
     ORDER BY h.entered_at DESC, h.history_id DESC
     LIMIT $4`,
    [ws, customerId, journeyId, Math.min(opts.limit ?? 200, 1000), ...s.params],
  );
  return rows.map((r) => ({
    historyId: r.history_id, customerId: r.customer_id, journeyId: r.journey_id, journey: r.journey, stageId: r.tag_id, stage: r.stage,
    from: r.from_stage, direction: r.direction, enteredAt: r.entered_at.toISOString(), leftAt: iso(r.left_at), next: r.next_stage,
    daysInStage: days(((r.left_at ?? now).getTime() - r.entered_at.getTime()) / 1000)!,
    source: r.source, sourceId: r.source_id, reason: r.reason, leftReason: r.left_reason,
  }));
}

/** A filter and scope as SQL over `c` (customers) with parameters from `start`. */
function where(scope: CustomerScope, filter: AudienceFilter | undefined, start: number): { sql: string; params: unknown[] } {
  const s = scopeCondition(scope, 'c', start);
  if (!filter) return s;
  const f = compileFilter(filter, start + s.params.length);
  return { sql: `(${s.sql}) AND (${f.sql})`, params: [...s.params, ...f.params] };
}

/** Customers standing in each stage now (scope and optional filter applied). */
export async function stageCounts(
  q: Queryable, ws: string, journey: string | number | Journey, opts: { scope: CustomerScope; filter?: AudienceFilter; now?: Date },
): Promise<Map<number, number>> {
  const j = typeof journey === 'object' ? journey : await getJourney(q, ws, journey);
  const w = where(opts.scope, opts.filter, 4);
  const rows = await q.query<{ tag_id: number; n: number }>(
    `SELECT ct.tag_id, count(*)::int AS n FROM customer_tags ct
     JOIN customers c ON c.workspace_id = ct.workspace_id AND c.customer_id = ct.customer_id
     WHERE ct.workspace_id = $1 AND ct.group_id = $2 AND (ct.expires_at IS NULL OR ct.expires_at > $3) AND ${w.sql}
     GROUP BY ct.tag_id`,
    [ws, j.groupId, opts.now ?? new Date(), ...w.params],
  );
  const out = new Map(j.stages.map((s) => [s.stageId, 0]));
  for (const r of rows) out.set(r.tag_id, r.n);
  return out;
}

export interface StageStats {
  stageId: number;
  stage: string;
  position: number;
  /** Standing in the stage now. */
  customers: number;
  /** Distinct customers who entered the stage in the range. */
  entered: number;
  /** Of those stays, the ones that have ended, and how long they lasted. */
  completedStays: number;
  medianDaysInStage: number | null;
  avgDaysInStage: number | null;
  /** Ordered journeys: of those who entered, how many later entered a later stage, and the share. */
  convertedToLater: number | null;
  conversionToNext: number | null;
}

/**
 * Per-stage numbers over stays entered in [from, to): time in stage counts the stays that
 * have ended; conversion counts customers who, after entering the stage, entered any later
 * stage. Records merged into another are left out (their stays moved to the survivor).
 */
export async function stageStats(
  q: Queryable, ws: string, journey: string | number, scope: CustomerScope, range: { from?: Date; to?: Date } = {}, now: Date = new Date(),
): Promise<{ journey: string; ordered: boolean; stages: StageStats[] }> {
  const j = await getJourney(q, ws, journey);
  const s = scopeCondition(scope, 'h', 7);
  const rows = await q.query<{ tag_id: number; entered: number; completed: number; median_s: number | null; avg_s: number | null; converted: number }>(
    // One pass: conversion is a window over each customer's stays (the highest stage entered
    // at or after this stay), not a probe per stay — that was quadratic in the history.
    `WITH st AS (SELECT * FROM unnest($3::bigint[], $4::int[]) AS st(tag_id, position)),
     h AS (
       SELECT h.customer_id, h.tag_id, h.entered_at, h.left_at, st.position,
         max(st.position) OVER (PARTITION BY h.customer_id ORDER BY h.entered_at DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS later_max
       FROM journey_stage_history h
       JOIN st ON st.tag_id = h.tag_id
       JOIN customers c ON c.workspace_id = h.workspace_id AND c.customer_id = h.customer_id AND c.merged_into IS NULL
       WHERE h.workspace_id = $1 AND h.journey_id = $2 AND ${s.sql}
     ),
     e AS (SELECT * FROM h WHERE ($5::timestamptz IS NULL OR h.entered_at >= $5) AND ($6::timestamptz IS NULL OR h.entered_at < $6)),
     x AS (
       SELECT e.tag_id,
         count(DISTINCT e.customer_id)::int AS entered,
         (count(*) FILTER (WHERE e.left_at IS NOT NULL))::int AS completed,
         (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.left_at - e.entered_at)) FILTER (WHERE e.left_at IS NOT NULL))::float8 AS median_s,
         (avg(extract(epoch FROM e.left_at - e.entered_at)) FILTER (WHERE e.left_at IS NOT NULL))::float8 AS avg_s,
         (count(DISTINCT e.customer_id) FILTER (WHERE e.later_max > e.position))::int AS converted
       FROM e GROUP BY e.tag_id
     )
     SELECT st.tag_id, coalesce(x.entered, 0) AS entered, coalesce(x.completed, 0) AS completed, x.median_s, x.avg_s, coalesce(x.converted, 0) AS converted
     FROM st LEFT JOIN x USING (tag_id)`,
    [ws, j.journeyId, j.stages.map((x) => x.stageId), j.stages.map((x) => x.position), range.from ?? null, range.to ?? null, ...s.params],
  );
  const counts = await stageCounts(q, ws, j, { scope, now });
  const byTag = new Map(rows.map((r) => [r.tag_id, r]));
  return {
    journey: j.name,
    ordered: j.ordered,
    stages: j.stages.map((st, i) => {
      const r = byTag.get(st.stageId)!;
      const last = i === j.stages.length - 1;
      return {
        stageId: st.stageId, stage: st.name, position: st.position, customers: counts.get(st.stageId) ?? 0, entered: r.entered,
        completedStays: r.completed, medianDaysInStage: days(r.median_s), avgDaysInStage: days(r.avg_s),
        convertedToLater: j.ordered && !last ? r.converted : null,
        conversionToNext: j.ordered && !last ? ratio(r.converted, r.entered) : null,
      };
    }),
  };
}

export interface StageCard {
  customerId: number;
  name: string | null;
  ownerStaff: string | null;
  trustLevel: number | null;
  valueTier: string | null;
  enteredAt: string;
}

export const MAX_CARDS = 200;

/** One board column: customers in the stage, newest arrivals first, keyset-paginated. */
export async function stageCards(
  q: Queryable, ws: string, journey: string | number | Journey, stage: string | number,
  opts: { scope: CustomerScope; filter?: AudienceFilter | undefined; limit?: number | undefined; cursor?: string | undefined; now?: Date },
): Promise<{ stageId: number; stage: string; cards: StageCard[]; nextCursor: string | null }> {
  const j = typeof journey === 'object' ? journey : await getJourney(q, ws, journey);
  const st = stageOf(j, stage);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), MAX_CARDS);
  const cursor = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  if (opts.cursor && !cursor) throw new SiyuError('bad_request', `cursor "${opts.cursor}" is not a cursor this board gave out`);
  const w = where(opts.scope, opts.filter, 7);
  const rows = await q.query<{ customer_id: number; name: string | null; owner: string | null; trust_level: number | null; value_tier: string | null; tagged_at: Date }>(
    `SELECT ct.customer_id, coalesce(c.name, a.name) AS name, coalesce(c.owner_staff, a.added_by_staff) AS owner, m.trust_level, m.value_tier, ct.tagged_at
     FROM customer_tags ct
     JOIN customers c ON c.workspace_id = ct.workspace_id AND c.customer_id = ct.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = ct.workspace_id AND a.customer_id = ct.customer_id
     LEFT JOIN customer_models m ON m.workspace_id = ct.workspace_id AND m.customer_id = ct.customer_id
     WHERE ct.workspace_id = $1 AND ct.tag_id = $2 AND (ct.expires_at IS NULL OR ct.expires_at > $3)
       AND ($4::timestamptz IS NULL OR (ct.tagged_at, ct.customer_id) < ($4::timestamptz, $5::bigint))
       AND ${w.sql}
     ORDER BY ct.tagged_at DESC, ct.customer_id DESC
     LIMIT $6`,
    [ws, st.stageId, opts.now ?? new Date(), cursor?.enteredAt ?? null, cursor?.customerId ?? null, limit + 1, ...w.params],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    stageId: st.stageId, stage: st.name,
    cards: page.map((r) => ({
      customerId: r.customer_id, name: r.name, ownerStaff: r.owner, trustLevel: r.trust_level, valueTier: r.value_tier, enteredAt: r.tagged_at.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ enteredAt: last.tagged_at.toISOString(), customerId: last.customer_id }) : null,
  };
}

/** The journey board: every stage with its count and first page of cards. */
export async function journeyBoard(
  q: Queryable, ws: string, journey: string | number, opts: { scope: CustomerScope; filter?: AudienceFilter | undefined; limit?: number | undefined; now?: Date },
): Promise<{ journey: Journey; columns: { stageId: number; stage: string; position: number; count: number; cards: StageCard[]; nextCursor: string | null }[] }> {
  const j = await getJourney(q, ws, journey);
  const counts = await stageCounts(q, ws, j, { scope: opts.scope, ...(opts.filter ? { filter: opts.filter } : {}), ...(opts.now ? { now: opts.now } : {}) });
  const columns = [];
  for (const s of j.stages) {
    const page = await stageCards(q, ws, j, s.stageId, { ...opts, limit: opts.limit ?? 20 });
    columns.push({ stageId: s.stageId, stage: s.name, position: s.position, count: counts.get(s.stageId) ?? 0, cards: page.cards, nextCursor: page.nextCursor });
  }
  return { journey: j, columns };
}
