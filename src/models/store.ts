/**
 * The models against the store: read each customer's inputs, evaluate them with the
 * pure core, and write what changed — the model row, the system tags (one exclusive
 * tag per model) and a history row per change.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../store/db.ts';
import { SYSTEM_GROUPS, getModelConfig, requireWorkspace, type ModelConfig } from '../workspaces/index.ts';
import { evaluate } from './evaluate.ts';
import { windowStart } from './calendar.ts';
import { computeStats } from './stats.ts';
import type { ModelInput, ModelOutput, TrustLevel, ValueTier, WorkspaceStats } from './types.ts';

export type ModelCause = 'event' | 'recompute' | 'pin' | 'config' | 'merge';

const ms = (v: unknown): number | undefined => (v == null ? undefined : new Date(v as string | Date).getTime());
const iso = (v: number): string => new Date(v).toISOString();

/** The dimensions a customer is placed on, each stored as one exclusive system tag group. */
export const DIMENSIONS = [
  { model: 'trust', key: 'trust', value: (o: ModelOutput) => `L${o.trust.level}` },
  { model: 'lifecycle_ecommerce', key: 'lifecycle_ecommerce', value: (o: ModelOutput) => o.lifecycle.ecommerce },
  { model: 'lifecycle_sales', key: 'lifecycle_sales', value: (o: ModelOutput) => o.lifecycle.sales },
  { model: 'rfm', key: 'rfm', value: (o: ModelOutput) => o.rfm?.segment ?? null },
  { model: 'value_tier', key: 'value_tier', value: (o: ModelOutput) => o.valueTier.tier },
] as const;
export type ModelDimension = (typeof DIMENSIONS)[number]['model'];

/** The system tag a dimension's value is shown as ("L3" → "L3 认同我的人"). */
function tagNameFor(key: string, value: string): string {
  if (key !== 'trust') return value;
  const group = SYSTEM_GROUPS.find((g) => g.key === 'trust')!;
  return group.tags[Number(value.slice(1))]!;
}

/** Customers that exist (not merged away) among ids. */
async function liveIds(q: Queryable, workspaceId: string, ids: readonly number[]): Promise<number[]> {
  const rows = await q.query<{ customer_id: number }>(
    `SELECT customer_id FROM customers WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[]) AND merged_into IS NULL ORDER BY customer_id`,
    [workspaceId, [...ids]],
  );
  return rows.map((r) => r.customer_id);
}

/** Timestamps leave the database as epoch milliseconds: parsing Dates dominated a recompute. */
const EPOCH = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
const num = (v: unknown): number | undefined => (v == null ? undefined : (v as number));

/** Which customers to load: a list, or an id range (a full recompute walks ranges). */
export type Selection = { ids: readonly number[] } | { range: readonly [after: number, upTo: number] };

export interface Loaded {
  inputs: ModelInput[];
  /** What is stored for them now, to write only what changed. */
  stored: Map<number, StoredRow>;
}

export async function loadInputs(
  q: Queryable,
  workspaceId: string,
  selection: Selection,
  asOf: number,
  config: ModelConfig,
  timeZone: string,
): Promise<Loaded> {
  if ('ids' in selection && selection.ids.length === 0) return { inputs: [], stored: new Map() };
  // The same calendar-day window the value-tier rule uses for interactions.
  const periodStart = windowStart(asOf, config.valueTier.periodDays, timeZone);
  const page = 'ids' in selection
    ? 'SELECT unnest($2::bigint[]) AS customer_id WHERE $4::bigint IS NULL AND $5::bigint IS NULL'
    : `SELECT customer_id FROM customers WHERE workspace_id = $1 AND merged_into IS NULL
         AND customer_id > $4::bigint AND customer_id <= $5::bigint AND cardinality($2::bigint[]) = 0`;
  const rows = await q.query<Record<string, unknown>>(
    // Per-customer lookups by index (lateral and correlated), so the plan stays linear in the
    // page whatever the planner guesses about it.
    `WITH page AS MATERIALIZED (${page})
     SELECT a.customer_id, ${EPOCH('COALESCE(c.added_at, a.added_at)')} AS effective_added_at,
            a.paid_orders, a.paid_fen, ${EPOCH('a.first_paid_at')} AS first_paid_at, ${EPOCH('a.last_paid_at')} AS last_paid_at,
            a.chat_rounds, a.customer_conversations, ${EPOCH('a.last_private_chat_at')} AS last_private_chat_at,
            a.messages_received, a.moments_interactions, a.group_interactions, a.content_views, a.intent_hits,
            ${EPOCH('a.last_intent_at')} AS last_intent_at, a.last_intent_keyword, a.last_intent_event_id,
            CASE WHEN cardinality(a.complaint_times) > 0
                 THEN ARRAY(SELECT ${EPOCH('t')} FROM unnest(a.complaint_times) t) END AS complaint_times,
            a.referrals, ${EPOCH('a.last_interaction_at')} AS last_interaction_at, a.engagement_log2,
            ord.in_period, ord.refunded AS fully_refunded,
            EXISTS (SELECT 1 FROM customer_identities i
                    WHERE i.workspace_id = $1 AND i.customer_id = page.customer_id AND i.kind = 'external_user_id') AS wecom_friend,
            (SELECT jsonb_object_agg(p.model, p.value) FROM model_pins p
             WHERE p.workspace_id = $1 AND p.customer_id = page.customer_id) AS pins,
            m.fingerprint, m.trust_level, m.lifecycle_ecommerce, m.lifecycle_sales, m.rfm_segment, m.value_tier
     FROM page
     JOIN customers c ON c.workspace_id = $1 AND c.customer_id = page.customer_id
     JOIN customer_aggregates a ON a.workspace_id = $1 AND a.customer_id = page.customer_id
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE o.paid_at >= $3 AND o.refunded_fen < o.amount_fen)::int AS in_period,
              count(*) FILTER (WHERE o.refunded_fen >= o.amount_fen AND o.amount_fen > 0)::int AS refunded
       FROM orders o
       WHERE o.workspace_id = $1 AND o.customer_id = page.customer_id AND o.paid_at IS NOT NULL AND a.paid_orders + a.refunded_fen > 0
     ) ord
     LEFT JOIN customer_models m ON m.workspace_id = $1 AND m.customer_id = page.customer_id
     ORDER BY page.customer_id`,
    'ids' in selection
      ? [workspaceId, [...selection.ids], new Date(periodStart), null, null]
      : [workspaceId, [], new Date(periodStart), selection.range[0], selection.range[1]],
  );
  const stored = new Map<number, StoredRow>();
  for (const r of rows) if (r.fingerprint != null) stored.set(r.customer_id as number, r as unknown as StoredRow);
  const inputs = rows.map((r): ModelInput => {
    const pins = (r.pins as Record<string, string> | null) ?? {};
    return {
      customerId: r.customer_id as number,
      wecomFriend: r.wecom_friend as boolean,
      addedAt: num(r.effective_added_at),
      paidOrders: r.paid_orders as number,
      paidFen: r.paid_fen as number,
      firstPaidAt: num(r.first_paid_at),
      lastPaidAt: num(r.last_paid_at),
      fullyRefundedOrders: r.fully_refunded as number,
      ordersInPeriod: r.in_period as number,
      chatRounds: r.chat_rounds as number,
      customerConversations: r.customer_conversations as number,
      lastPrivateChatAt: num(r.last_private_chat_at),
      messagesReceived: r.messages_received as number,
      momentsInteractions: r.moments_interactions as number,
      groupInteractions: r.group_interactions as number,
      contentViews: r.content_views as number,
      intentHits: r.intent_hits as number,
      lastIntent: r.last_intent_at == null ? undefined : {
        at: r.last_intent_at as number, keyword: r.last_intent_keyword as string, eventId: r.last_intent_event_id as string,
      },
      complaintTimes: (r.complaint_times as number[] | null) ?? [],
      referrals: r.referrals as number,
      lastInteractionAt: num(r.last_interaction_at),
      engagementLog2: (r.engagement_log2 as number | null) ?? undefined,
      pins: {
        ...(pins.trust !== undefined ? { trust: Number(pins.trust) as TrustLevel } : {}),
        ...(pins.value_tier !== undefined ? { valueTier: pins.value_tier as ValueTier } : {}),
      },
    };
  });
  return { inputs, stored };
}

// ---- workspace statistics (means, quintiles, the top-20 % line) ----

export async function loadStats(q: Queryable, workspaceId: string): Promise<WorkspaceStats | undefined> {
  const [row] = await q.query<{ stats: WorkspaceStats }>(`SELECT stats FROM model_stats WHERE workspace_id = $1`, [workspaceId]);
  return row?.stats;
}

/** Compute the statistics from the aggregates as of a date, without storing them. */
export async function readStats(q: Queryable, workspaceId: string, asOf: number, timeZone: string, config: ModelConfig): Promise<WorkspaceStats> {
  const rows = await q.query<{ last_paid_at: Date; paid_orders: number; paid_fen: number }>(
    `SELECT a.last_paid_at, a.paid_orders, a.paid_fen FROM customer_aggregates a
     JOIN customers c USING (workspace_id, customer_id)
     WHERE a.workspace_id = $1 AND c.merged_into IS NULL AND a.paid_orders > 0`,
    [workspaceId],
  );
  const stats = computeStats(
    rows.map((r) => ({ lastPaidAt: ms(r.last_paid_at)!, paidOrders: r.paid_orders, paidFen: r.paid_fen })),
    asOf, timeZone, config,
  );
  return stats;
}

export async function refreshStats(q: Queryable, workspaceId: string, asOf: number, timeZone: string, config: ModelConfig): Promise<WorkspaceStats> {
  const stats = await readStats(q, workspaceId, asOf, timeZone, config);
  await q.query(
    `INSERT INTO model_stats (workspace_id, stats, computed_at) VALUES ($1, $2, now())
     ON CONFLICT (workspace_id) DO UPDATE SET stats = excluded.stats, computed_at = now()`,
    [workspaceId, JSON.stringify(stats)],
  );
  return stats;
}

// ---- writing outputs ----

export interface StoredRow {
  customer_id: number;
  fingerprint: string;
  trust_level: number;
  lifecycle_ecommerce: string | null;
  lifecycle_sales: string | null;
  rfm_segment: string | null;
  value_tier: string;
}

const storedValue = (r: StoredRow, model: ModelDimension): string | null =>
  model === 'trust' ? `L${r.trust_level}`
  : model === 'lifecycle_ecommerce' ? r.lifecycle_ecommerce
  : model === 'lifecycle_sales' ? r.lifecycle_sales
  : model === 'rfm' ? r.rfm_segment
  : r.value_tier;

/** A customer's evaluated outputs, with the engagement sum stored beside them. */
export interface Placed {
  customerId: number;
  output: ModelOutput;
  engagementLog2: number | undefined;
}

export interface WriteResult {
  evaluated: number;
  /** Customers whose level, stage, segment or tier changed. */
  moved: number;
  historyRows: number;
}

/** Write model outputs; history and system tags change only where a placement changed. */
export async function writeOutputs(
  tx: Queryable,
  workspaceId: string,
  outputs: readonly Placed[],
  asOf: number,
  cause: ModelCause,
  before: ReadonlyMap<number, StoredRow>,
): Promise<WriteResult> {
  if (outputs.length === 0) return { evaluated: 0, moved: 0, historyRows: 0 };
  const history: Record<string, unknown>[] = [];
  const movedTags: { customer_id: number; group: string; tag: string | null }[] = [];
  const moved = new Set<number>();
  for (const { customerId, output } of outputs) {
    const prev = before.get(customerId);
    for (const d of DIMENSIONS) {
      const next = d.value(output);
      const old = prev ? storedValue(prev, d.model) : null;
      if (next === old) continue;
      moved.add(customerId);
      history.push({ customer_id: customerId, model: d.model, from_value: old, to_value: next });
      const group = SYSTEM_GROUPS.find((g) => g.key === d.key)!;
      movedTags.push({ customer_id: customerId, group: group.name, tag: next === null ? null : tagNameFor(d.key, next) });
    }
  }
  const rows = outputs.map(({ customerId, output: o, engagementLog2 }) => {
    const row = {
      customer_id: customerId,
      trust_level: o.trust.level,
      trust_computed: o.trust.computed,
      trust_evidence: o.trust.evidence,
      lifecycle_ecommerce: o.lifecycle.ecommerce,
      lifecycle_sales: o.lifecycle.sales,
      rfm_r: o.rfm?.r ?? null,
      rfm_f: o.rfm?.f ?? null,
      rfm_m: o.rfm?.m ?? null,
      rfm_segment: o.rfm?.segment ?? null,
      rfm_scores: o.rfm?.scores ?? null,
      value_tier: o.valueTier.tier,
      value_tier_computed: o.valueTier.computed,
      value_evidence: o.valueTier.evidence,
      engagement_log2: engagementLog2 ?? null,
    };
    return { ...row, fingerprint: createHash('sha1').update(JSON.stringify(row)).digest('base64url'), as_of: iso(asOf) };
  });
  // Rows whose outputs did not change are left alone: a daily recompute writes only movement.
  const changed = rows.filter((r) => before.get(r.customer_id)?.fingerprint !== r.fingerprint);
  if (changed.length > 0) {
    await tx.query(
      `INSERT INTO customer_models AS m (workspace_id, customer_id, trust_level, trust_computed, trust_evidence, lifecycle_ecommerce,
         lifecycle_sales, rfm_r, rfm_f, rfm_m, rfm_segment, rfm_scores, value_tier, value_tier_computed, value_evidence,
         engagement_log2, fingerprint, as_of, updated_at)
       SELECT $1, r.*, now() FROM jsonb_to_recordset($2::jsonb) AS r(customer_id bigint, trust_level smallint, trust_computed smallint,
         trust_evidence jsonb, lifecycle_ecommerce text, lifecycle_sales text, rfm_r int, rfm_f int, rfm_m bigint, rfm_segment text,
         rfm_scores jsonb, value_tier text, value_tier_computed text, value_evidence jsonb, engagement_log2 double precision,
         fingerprint text, as_of timestamptz)
       ON CONFLICT (workspace_id, customer_id) DO UPDATE SET
         trust_level = excluded.trust_level, trust_computed = excluded.trust_computed, trust_evidence = excluded.trust_evidence,
         lifecycle_ecommerce = excluded.lifecycle_ecommerce, lifecycle_sales = excluded.lifecycle_sales,
         rfm_r = excluded.rfm_r, rfm_f = excluded.rfm_f, rfm_m = excluded.rfm_m, rfm_segment = excluded.rfm_segment,
         rfm_scores = excluded.rfm_scores, value_tier = excluded.value_tier, value_tier_computed = excluded.value_tier_computed,
         value_evidence = excluded.value_evidence, engagement_log2 = excluded.engagement_log2, fingerprint = excluded.fingerprint,
         as_of = excluded.as_of, updated_at = now()`,
      [workspaceId, JSON.stringify(changed)],
    );
  }
  if (history.length > 0) {
    await tx.query(
      `INSERT INTO model_history (workspace_id, customer_id, model, from_value, to_value, at, cause, details)
       SELECT $1, r.customer_id, r.model, r.from_value, r.to_value, now(), $3, jsonb_build_object('asOf', $4::text)
       FROM jsonb_to_recordset($2::jsonb) AS r(customer_id bigint, model text, from_value text, to_value text)`,
      [workspaceId, JSON.stringify(history), cause, iso(asOf)],
    );
    // The system tag of each changed placement: drop the old one, add the new one. Ids are
    // resolved here and the statements take plain arrays, so each row is an index probe.
    const ids = await systemTagIds(tx, workspaceId);
    const gone = { customers: [] as number[], groups: [] as number[] };
    const added = { customers: [] as number[], tags: [] as number[], groups: [] as number[] };
    for (const m of movedTags) {
      const group = ids.get(m.group);
      if (!group) continue;
      gone.customers.push(m.customer_id);
      gone.groups.push(group.groupId);
      const tagId = m.tag === null ? undefined : group.tags.get(m.tag);
      if (tagId !== undefined) {
        added.customers.push(m.customer_id);
        added.tags.push(tagId);
        added.groups.push(group.groupId);
      }
    }
    await tx.query(
      `DELETE FROM customer_tags ct USING unnest($2::bigint[], $3::bigint[]) AS g(customer_id, group_id)
       WHERE ct.workspace_id = $1 AND ct.customer_id = g.customer_id AND ct.group_id = g.group_id`,
      [workspaceId, gone.customers, gone.groups],
    );
    await tx.query(
      `INSERT INTO customer_tags (workspace_id, customer_id, tag_id, group_id, exclusive, source, source_id, reason, tagged_at)
       SELECT $1, a.customer_id, a.tag_id, a.group_id, true, 'system', $5, 'model', now()
       FROM unnest($2::bigint[], $3::bigint[], $4::bigint[]) AS a(customer_id, tag_id, group_id)`,
      [workspaceId, added.customers, added.tags, added.groups, `model:${cause}`],
    );
  }
  return { evaluated: outputs.length, moved: moved.size, historyRows: history.length };
}

/** The system groups and their tags, by name (a few dozen rows). */
async function systemTagIds(q: Queryable, workspaceId: string): Promise<Map<string, { groupId: number; tags: Map<string, number> }>> {
  const rows = await q.query<{ grp: string; group_id: number; tag: string | null; tag_id: number | null }>(
    `SELECT g.name AS grp, g.group_id, t.name AS tag, t.tag_id FROM tag_groups g
     LEFT JOIN tags t ON t.workspace_id = g.workspace_id AND t.group_id = g.group_id
     WHERE g.workspace_id = $1 AND g.system`,
    [workspaceId],
  );
  const out = new Map<string, { groupId: number; tags: Map<string, number> }>();
  for (const r of rows) {
    const g = out.get(r.grp) ?? { groupId: r.group_id, tags: new Map<string, number>() };
    if (r.tag !== null && r.tag_id !== null) g.tags.set(r.tag, r.tag_id);
    out.set(r.grp, g);
  }
  return out;
}

/**
 * Re-evaluate some customers (after a batch of events, a merge, a pin). Uses the stored
 * workspace statistics; computes them once if there are none yet.
 */
export async function evaluateCustomers(
  tx: Queryable,
  workspaceId: string,
  customerIds: readonly number[],
  opts: { asOf: number; cause: ModelCause; config?: ModelConfig },
): Promise<WriteResult> {
  const ids = await liveIds(tx, workspaceId, [...new Set(customerIds)]);
  if (ids.length === 0) return { evaluated: 0, moved: 0, historyRows: 0 };
  const ws = await requireWorkspace(tx, workspaceId);
  const config = opts.config ?? (await getModelConfig(tx, workspaceId));
  const stats = (await loadStats(tx, workspaceId)) ?? (await refreshStats(tx, workspaceId, opts.asOf, ws.timeZone, config));
  const { inputs, stored } = await loadInputs(tx, workspaceId, { ids }, opts.asOf, config, ws.timeZone);
  const outputs = inputs.map((input) => ({
    customerId: input.customerId, output: evaluate(input, config, stats, opts.asOf, ws.timeZone), engagementLog2: input.engagementLog2,
  }));
  return writeOutputs(tx, workspaceId, outputs, opts.asOf, opts.cause, stored);
}
