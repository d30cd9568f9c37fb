/**
 * What people and other modules do with the models: read a customer's placements with
 * evidence and guidance, pin a level, change the configuration, see distributions.
 */
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Db, Queryable } from '../store/db.ts';
import {
  getModelConfig, requireWorkspace, saveModelConfig, workspaceLock, type ModelConfig,
} from '../workspaces/index.ts';
import { guidanceFor, type Guidance, type Lang } from './guidance.ts';
import { engagementScore } from './engagement.ts';
import { recompute, forEachCustomerPage, type RecomputeResult } from './recompute.ts';
import { DIMENSIONS, evaluateCustomers, loadStats, readStats, type ModelDimension } from './store.ts';
import { audit, currentCustomerId, rebuildCustomers, splitMerge, type Actor } from '../customers/index.ts';
import {
  LIFECYCLE_ECOMMERCE, LIFECYCLE_SALES, RFM_SEGMENTS, TRUST_LEVELS, VALUE_TIERS,
  type Evidence, type ModelOutput, type TrustLevel, type ValueTier,
} from './types.ts';


// ---- a customer's placements ----

export interface Placement<T> {
  value: T | null;
  guidance: { zh: Guidance; en: Guidance } | null;
}

export interface CustomerModels {
  asOf: string;
  trust: { level: TrustLevel; name: string; computed: TrustLevel; pinned: TrustLevel | null; evidence: Evidence[]; guidance: { zh: Guidance; en: Guidance } };
  lifecycle: { ecommerce: Placement<string>; sales: Placement<string> };
  rfm: { r: number; f: number; m: string; segment: string; scores: unknown; guidance: { zh: Guidance; en: Guidance } } | null;
  valueTier: { tier: ValueTier; computed: ValueTier; pinned: ValueTier | null; evidence: Evidence[]; guidance: { zh: Guidance; en: Guidance } };
  engagement: number;
  history: { model: string; from: string | null; to: string | null; at: string; cause: string }[];
}

const both = <M extends Parameters<typeof guidanceFor>[0]>(model: M, value: Parameters<typeof guidanceFor<M>>[1]) =>
  ({ zh: guidanceFor(model, value, 'zh' as Lang), en: guidanceFor(model, value, 'en' as Lang) });

const TRUST_NAMES = ['陌生人', '知道我的人', '认识我的人', '认同我的人', '信任我的人', '超级用户'] as const;

export async function getCustomerModels(q: Queryable, workspaceId: string, customerId: number, now = Date.now()): Promise<CustomerModels | null> {
  const config = await getModelConfig(q, workspaceId);
  const [m] = await q.query<Record<string, unknown>>(
    `SELECT m.*, (SELECT value FROM model_pins p WHERE p.workspace_id = m.workspace_id AND p.customer_id = m.customer_id AND p.model = 'trust') AS trust_pin,
            (SELECT value FROM model_pins p WHERE p.workspace_id = m.workspace_id AND p.customer_id = m.customer_id AND p.model = 'value_tier') AS tier_pin
     FROM customer_models m WHERE m.workspace_id = $1 AND m.customer_id = $2`,
    [workspaceId, customerId],
  );
  if (!m) return null;
  const history = await q.query<{ model: string; from_value: string | null; to_value: string | null; at: Date; cause: string }>(
    `SELECT model, from_value, to_value, at, cause FROM model_history WHERE workspace_id = $1 AND customer_id = $2
     ORDER BY at DESC, history_id DESC LIMIT 50`,
    [workspaceId, customerId],
  );
  const level = m.trust_level as TrustLevel;
  const eco = m.lifecycle_ecommerce as (typeof LIFECYCLE_ECOMMERCE)[number] | null;
  const sales = m.lifecycle_sales as (typeof LIFECYCLE_SALES)[number] | null;
  const segment = m.rfm_segment as (typeof RFM_SEGMENTS)[number] | null;
  const tier = m.value_tier as ValueTier;
  return {
    asOf: new Date(m.as_of as Date).toISOString(),
    trust: {
      level, name: TRUST_NAMES[level], computed: m.trust_computed as TrustLevel,
      pinned: m.trust_pin == null ? null : (Number(m.trust_pin) as TrustLevel),
      evidence: m.trust_evidence as Evidence[], guidance: both('trust', level),
    },
    lifecycle: {
      ecommerce: { value: eco, guidance: eco ? both('lifecycleEcommerce', eco) : null },
      sales: { value: sales, guidance: sales ? both('lifecycleSales', sales) : null },
    },
    rfm: segment === null ? null : {
      r: m.rfm_r as number, f: m.rfm_f as number, m: ((m.rfm_m as number) / 100).toFixed(2), segment,
      scores: m.rfm_scores, guidance: both('rfm', segment),
    },
    valueTier: {
      tier, computed: m.value_tier_computed as ValueTier, pinned: (m.tier_pin as ValueTier | null) ?? null,
      evidence: m.value_evidence as Evidence[], guidance: both('valueTier', tier),
    },
    engagement: engagementScore((m.engagement_log2 as number | null) ?? undefined, now, config.engagement.halfLifeDays),
    history: history.map((h) => ({ model: h.model, from: h.from_value, to: h.to_value, at: h.at.toISOString(), cause: h.cause })),
  };
}

// ---- pins ----

export type PinModel = 'trust' | 'value_tier';

function parsePinValue(model: PinModel, value: string): string {
  if (model === 'trust') {
    const m = /^L?([0-5])$/i.exec(value.trim());
    if (!m) throw new SiyuError('validation_failed', `trust level "${value}" must be one of L0…L5`);
    return m[1]!;
  }
  if (!(VALUE_TIERS as readonly string[]).includes(value)) {
    throw new SiyuError('validation_failed', `value tier "${value}" must be one of ${VALUE_TIERS.join(', ')}`);
  }
  return value;
}

/** Pin (value) or unpin (null) a customer's trust level or value tier; kept until removed. */
export async function setPin(
  db: Db,
  workspaceId: string,
  customerId: number,
  model: PinModel,
  value: string | null,
  actor: Actor,
  reason?: string,
  now = Date.now(),
): Promise<CustomerModels> {
  return db.transaction(async (tx) => {
    await workspaceLock(tx, workspaceId);
    const id = await currentCustomerId(tx, workspaceId, customerId);
    if (value === null) {
      const gone = await tx.query(`DELETE FROM model_pins WHERE workspace_id = $1 AND customer_id = $2 AND model = $3 RETURNING value`, [workspaceId, id, model]);
      if (gone.length === 0) throw new SiyuError('not_found', `customer ${id} has no pinned ${model === 'trust' ? 'trust level' : 'value tier'}`);
      await audit(tx, workspaceId, actor, 'model.unpinned', id, { model, was: (gone[0] as { value: string }).value, reason });
    } else {
      const v = parsePinValue(model, value);
      await tx.query(
        `INSERT INTO model_pins (workspace_id, customer_id, model, value, pinned_by, reason) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (workspace_id, customer_id, model) DO UPDATE SET value = excluded.value, pinned_by = excluded.pinned_by,
           reason = excluded.reason, pinned_at = now()`,
        [workspaceId, id, model, v, actor.id ?? actor.kind, reason ?? null],
      );
      await audit(tx, workspaceId, actor, 'model.pinned', id, { model, value: v, reason });
    }
    await evaluateCustomers(tx, workspaceId, [id], { asOf: now, cause: 'pin' });
    return (await getCustomerModels(tx, workspaceId, id, now))!;
  });
}

// ---- configuration ----

/** Change the configuration (validated), then recompute everyone with it. */
export async function setModelConfig(
  db: Db,
  workspaceId: string,
  raw: unknown,
  actor: Actor,
  now = Date.now(),
): Promise<{ config: ModelConfig; recompute: RecomputeResult; rebuiltInputs: boolean }> {
  await requireWorkspace(db, workspaceId);
  const before = await getModelConfig(db, workspaceId);
  const { config, rebuild } = await db.transaction(async (tx) => {
    await workspaceLock(tx, workspaceId);
    const config = await saveModelConfig(tx, workspaceId, raw);
    await audit(tx, workspaceId, actor, 'models.config_changed', null, { before, after: config });
    // Intent keywords and engagement points are read as events arrive: a change re-reads history.
    const rebuild = JSON.stringify(before.trust.intentKeywords) !== JSON.stringify(config.trust.intentKeywords)
      || JSON.stringify(before.engagement) !== JSON.stringify(config.engagement);
    return { config, rebuild };
  });
  if (rebuild) await rebuildInputs(db, workspaceId);
  const r = await recompute(db, workspaceId, { asOf: now, cause: 'config' });
  return { config, recompute: r, rebuiltInputs: rebuild };
}

/** Re-read every customer's events into the aggregates (after a scoring change). */
async function rebuildInputs(db: Db, workspaceId: string): Promise<void> {
  let after = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      await workspaceLock(tx, workspaceId);
      const ids = (await tx.query<{ customer_id: number }>(
        `SELECT customer_id FROM customers WHERE workspace_id = $1 AND merged_into IS NULL AND customer_id > $2 ORDER BY customer_id LIMIT 2000`,
        [workspaceId, after],
      )).map((r) => r.customer_id);
      if (ids.length === 0) return true;
      await rebuildCustomers(tx, workspaceId, ids);
      after = ids.at(-1)!;
      return false;
    });
    if (done) return;
  }
}

// ---- distributions ----

export interface Distribution {
  asOf: string;
  customers: number;
  models: Record<ModelDimension, { value: string; count: number; share: number }[]>;
}

const ORDER: Record<ModelDimension, readonly string[]> = {
  trust: TRUST_LEVELS.map((l) => `L${l}`),
  lifecycle_ecommerce: LIFECYCLE_ECOMMERCE,
  lifecycle_sales: LIFECYCLE_SALES,
  rfm: [...RFM_SEGMENTS, '(no order)'],
  value_tier: [...VALUE_TIERS].reverse(),
};

function shape(counts: Map<ModelDimension, Map<string, number>>, total: number, asOf: number): Distribution {
  const models = {} as Distribution['models'];
  for (const d of DIMENSIONS) {
    const c = counts.get(d.model) ?? new Map<string, number>();
    // A lifecycle path the workspace does not run places nobody: leave it out.
    const unused = d.model.startsWith('lifecycle') && c.size === 0;
    models[d.model] = (unused ? [] : ORDER[d.model]).map((value) => ({ value, count: c.get(value) ?? 0, share: total ? (c.get(value) ?? 0) / total : 0 }));
  }
  return { asOf: new Date(asOf).toISOString(), customers: total, models };
}

/**
 * Each model's distribution: as stored (kept current by events and the daily recompute),
 * or evaluated as of another date without changing anything.
 */
/** Counts per model placement, within the caller's scope (staff: their own customers). */
export async function segmentDistribution(db: Db, workspaceId: string, opts: { asOf?: number; scope?: CustomerScope } = {}): Promise<Distribution> {
  const ws = await requireWorkspace(db, workspaceId);
  const scope = opts.scope ?? ALL_CUSTOMERS;
  const cond = scopeCondition(scope, 'c', 2);
  const counts = new Map<ModelDimension, Map<string, number>>(DIMENSIONS.map((d) => [d.model, new Map()]));
  const bump = (model: ModelDimension, value: string | null) => {
    if (value === null && model !== 'rfm') return;
    const v = value ?? '(no order)';
    const m = counts.get(model)!;
    m.set(v, (m.get(v) ?? 0) + 1);
  };
  let total = 0;
  if (opts.asOf === undefined) {
    const rows = await db.query<{ trust_level: number; lifecycle_ecommerce: string | null; lifecycle_sales: string | null; rfm_segment: string | null; value_tier: string; n: number; as_of: Date | null }>(
      `SELECT m.trust_level, m.lifecycle_ecommerce, m.lifecycle_sales, m.rfm_segment, m.value_tier, count(*)::int AS n, max(m.as_of) AS as_of
       FROM customer_models m JOIN customers c USING (workspace_id, customer_id)
       WHERE m.workspace_id = $1 AND c.merged_into IS NULL AND ${cond.sql}
       GROUP BY 1, 2, 3, 4, 5`,
      [workspaceId, ...cond.params],
    );
    let asOf = 0;
    for (const r of rows) {
      for (let i = 0; i < r.n; i++) {
        bump('trust', `L${r.trust_level}`);
        bump('lifecycle_ecommerce', r.lifecycle_ecommerce);
        bump('lifecycle_sales', r.lifecycle_sales);
        bump('rfm', r.rfm_segment);
        bump('value_tier', r.value_tier);
      }
      total += r.n;
      asOf = Math.max(asOf, r.as_of?.getTime() ?? 0);
    }
    return shape(counts, total, asOf || Date.now());
  }
  const asOf = opts.asOf;
  const config = await getModelConfig(db, workspaceId);
  // As of another date the relative lines move too: compute them for that date, store nothing.
  const stats = await readStats(db, workspaceId, asOf, ws.timeZone, config);
  const visible = scope.kind === 'all' ? undefined : new Set((await db.query<{ customer_id: number }>(
    `SELECT c.customer_id FROM customers c WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND ${cond.sql}`,
    [workspaceId, ...cond.params],
  )).map((r) => Number(r.customer_id)));
  await forEachCustomerPage(db, workspaceId, asOf, config, stats, ws.timeZone, async (page) => {
    for (const { customerId, output } of page) {
      if (visible && !visible.has(customerId)) continue;
      total++;
      for (const d of DIMENSIONS) bump(d.model, d.value(output as ModelOutput));
    }
  });
  return shape(counts, total, asOf);
}

export { loadStats };

/** Undo a wrong merge and place both records again. */
export async function undoMerge(db: Db, workspaceId: string, mergeId: number, actor: Actor, now = Date.now()) {
  return db.transaction(async (tx) => {
    await workspaceLock(tx, workspaceId);
    const r = await splitMerge(tx, workspaceId, mergeId, actor);
    await evaluateCustomers(tx, workspaceId, [r.survivorId, r.mergedId], { asOf: now, cause: 'merge' });
    return r;
  });
}

// ---- movement between levels ----

/** The names the API takes for each model, as model_history spells them. */
export const MOVEMENT_MODELS = {
  trust: 'trust', value_tier: 'value_tier', rfm_segment: 'rfm', rfm: 'rfm', lifecycle_ecommerce: 'lifecycle_ecommerce', lifecycle_sales: 'lifecycle_sales',
} as const satisfies Record<string, ModelDimension>;
export type MovementModel = keyof typeof MOVEMENT_MODELS;

export interface Movement {
  model: ModelDimension;
  from: string;
  to: string;
  /** Customers whose placement at the end differs from where they stood at the start; `from` null: placed for the first time. */
  flows: { from: string | null; to: string | null; customers: number }[];
  /** Customers who changed at least once in the range (some came back to where they started). */
  customers: number;
  /** Every recorded change in the range. */
  changes: number;
}

/**
 * Where customers stood at the start of [from, to) and where they stand at its end, from
 * model_history: one flow per (start → end) pair, within the caller's scope. One grouping
 * pass per customer (first and last change), so a stale row estimate after a bulk load
 * cannot turn it into a nested loop over the whole range.
 */
export async function modelMovement(q: Queryable, workspaceId: string, opts: { model: MovementModel | ModelDimension; from: Date; to: Date; scope?: CustomerScope }): Promise<Movement> {
  const model = MOVEMENT_MODELS[opts.model];
  if (!model) throw new SiyuError('validation_failed', `model: "${opts.model}" is not one of ${Object.keys(MOVEMENT_MODELS).join(', ')}`, { field: 'model' });
  if (!(opts.from.getTime() < opts.to.getTime())) throw new SiyuError('validation_failed', 'from: must be before to', { field: 'from' });
  const cond = scopeCondition(opts.scope ?? ALL_CUSTOMERS, 'h', 5);
  const [rows, [totals]] = await Promise.all([
    q.query<{ f: string | null; t: string | null; n: number }>(
      `WITH h AS (SELECT h.customer_id, h.from_value, h.to_value, h.at, h.history_id FROM model_history h
         WHERE h.workspace_id = $1 AND h.model = $2 AND h.at >= $3::timestamptz AND h.at < $4::timestamptz AND ${cond.sql})
       SELECT p.f, p.t, count(*)::int AS n
       FROM (SELECT (array_agg(from_value ORDER BY at, history_id))[1] AS f, (array_agg(to_value ORDER BY at DESC, history_id DESC))[1] AS t
             FROM h GROUP BY customer_id) p
       WHERE p.f IS DISTINCT FROM p.t
       GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
      [workspaceId, model, opts.from.toISOString(), opts.to.toISOString(), ...cond.params],
    ),
    q.query<{ customers: number; changes: number }>(
      `SELECT count(DISTINCT h.customer_id)::int AS customers, count(*)::int AS changes FROM model_history h
       WHERE h.workspace_id = $1 AND h.model = $2 AND h.at >= $3::timestamptz AND h.at < $4::timestamptz AND ${cond.sql}`,
      [workspaceId, model, opts.from.toISOString(), opts.to.toISOString(), ...cond.params],
    ),
  ]);
  return {
    model, from: opts.from.toISOString(), to: opts.to.toISOString(),
    flows: rows.map((r) => ({ from: r.f, to: r.t, customers: Number(r.n) })),
    customers: Number(totals?.customers ?? 0), changes: Number(totals?.changes ?? 0),
  };
}
