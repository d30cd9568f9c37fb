/**
 * Predicted value against the store: each customer's sufficient statistics computed in SQL
 * from the orders (same-day orders are one transaction, a free order is still one), the fit
 * and the predictions in Node, the fit and each customer's latest prediction written back.
 */
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { civilFromDays, dayNumber } from './calendar.ts';
import { expectedSpend, horizonPurchases, pAlive, UNIT_DAYS, UNITS_PER_MONTH, type BgNbdParams, type ClvUnit, type GammaGammaParams } from './clv.ts';
import { fitBgNbd, fitGammaGamma, groupCustomers, type BgNbdFit, type GammaGammaFit } from './clv-fit.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';

/** What a recompute predicts for: the next 12 months, discounted 1 % a month, in weeks. */
export const CLV_DEFAULTS = { unit: 'week' as ClvUnit, horizonMonths: 12, monthlyDiscount: 0.01 };

export interface ClvStats {
  customerId: Float64Array;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean spend (yuan) of the repeat transactions; 0 when there are none. */
  meanSpend: Float64Array;
}

export interface ClvOptions {
  /** The last day (workspace calendar) whose orders count; default the as-of day. */
  calibrationEnd?: string;
  unit?: ClvUnit;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseCalibrationEnd(value: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new SiyuError('validation_failed', `calibration end "${value}" is not a date YYYY-MM-DD`, { field: 'calibrationEnd', value });
  }
  return value;
}

export function parseUnit(value: string): ClvUnit {
  if (value !== 'day' && value !== 'week') throw new SiyuError('validation_failed', `unit "${value}" is not day or week`, { field: 'unit', value });
  return value;
}

/** The as-of instant's calendar day in the workspace's zone, YYYY-MM-DD. */
export function dayOf(timeZone: string, instant: number): string {
  const [y, m, d] = civilFromDays(dayNumber(timeZone, instant));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Sufficient statistics of every live customer with a paid order on or before the
 * calibration end, in `unit`s. Days are the workspace's calendar days.
 */
export async function loadClvStats(q: Queryable, workspaceId: string, timeZone: string, calibrationEnd: string, unit: ClvUnit): Promise<ClvStats> {
  const rows = await q.query<{ customer_id: string | number; x: number; tx: number; t: number; mean_spend: number }>(
    `WITH days AS (
       SELECT o.customer_id, (o.paid_at AT TIME ZONE $2)::date AS day,
              sum(GREATEST(COALESCE(o.amount_fen, 0) - o.refunded_fen, 0))::float8 AS fen
       FROM orders o JOIN customers c ON c.workspace_id = o.workspace_id AND c.customer_id = o.customer_id AND c.merged_into IS NULL
       WHERE o.workspace_id = $1 AND o.paid_at IS NOT NULL AND (o.paid_at AT TIME ZONE $2)::date <= $3::date
       GROUP BY 1, 2),
     ranked AS (SELECT customer_id, day, fen, row_number() OVER (PARTITION BY customer_id ORDER BY day) AS k FROM days)
     SELECT customer_id, (count(*) - 1)::int AS x,
            (max(day) - min(day))::float8 / $4 AS tx, ($3::date - min(day))::float8 / $4 AS t,
            COALESCE(sum(fen) FILTER (WHERE k > 1) / 100 / NULLIF(count(*) - 1, 0), 0)::float8 AS mean_spend
     FROM ranked GROUP BY customer_id ORDER BY customer_id`,
    [workspaceId, timeZone, calibrationEnd, UNIT_DAYS[unit]],
  );
  const n = rows.length;
  const s: ClvStats = { customerId: new Float64Array(n), x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), meanSpend: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    s.customerId[i] = Number(r.customer_id); s.x[i] = r.x; s.tx[i] = r.tx; s.T[i] = r.t; s.meanSpend[i] = r.mean_spend;
  }
  return s;
}

export interface ClvFit {
  calibrationEnd: string;
  unit: ClvUnit;
  bgnbd: BgNbdFit | null;
  gammaGamma: GammaGammaFit | null;
  customers: number;
  repeatCustomers: number;
  seconds: number;
}

export interface ClvFitted { fit: ClvFit; stats: ClvStats }

/** Fit both models on the workspace's orders up to the calibration end. */
export async function fitWorkspaceClv(q: Queryable, workspaceId: string, opts: ClvOptions & { asOf?: number } = {}): Promise<ClvFitted> {
  const ws = await requireWorkspace(q, workspaceId);
  const unit = opts.unit ?? CLV_DEFAULTS.unit;
  const calibrationEnd = opts.calibrationEnd ? parseCalibrationEnd(opts.calibrationEnd) : dayOf(ws.timeZone, opts.asOf ?? Date.now());
  const stats = await loadClvStats(q, workspaceId, ws.timeZone, calibrationEnd, unit);
  const started = performance.now();
  const bgnbd = fitBgNbd(groupCustomers(stats.x, stats.tx, stats.T));
  const gammaGamma = fitGammaGamma(stats.x, stats.meanSpend);
  let repeatCustomers = 0;
  for (let i = 0; i < stats.x.length; i++) if (stats.x[i]! > 0) repeatCustomers++;
  return {
    fit: { calibrationEnd, unit, bgnbd, gammaGamma, customers: stats.x.length, repeatCustomers, seconds: (performance.now() - started) / 1000 },
    stats,
  };
}

export interface ClvPredictions {
  customerId: Float64Array;
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
  /** Each customer's distinct (x, t_x, T) among `triples`, which carry what depends on those alone. */
  triple: Int32Array;
  triples: { x: Float64Array; tx: Float64Array; T: Float64Array; pAlive: Float64Array; expectedPurchases: Float64Array; discounted: Float64Array };
}

/**
 * Predictions for every fitted customer over `horizon` units (spend and CLV in yuan). P(alive)
 * and the expected purchases depend on (x, t_x, T) only, so they are worked out once per
 * distinct triple and shared; the spend is each customer's own.
 */
export function predictAll(fit: ClvFit, stats: ClvStats, horizon: number, monthlyDiscount = CLV_DEFAULTS.monthlyDiscount): ClvPredictions {
  const n = stats.x.length;
  if (!fit.bgnbd) {
    const none = new Float64Array(0);
    return {
      customerId: stats.customerId, pAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedSpend: new Float64Array(n), clv: new Float64Array(n),
      triple: new Int32Array(n), triples: { x: none, tx: none, T: none, pAlive: none, expectedPurchases: none, discounted: none },
    };
  }
  const bg: BgNbdParams = fit.bgnbd;
  // No repeat customer with a spend yet: each customer's own mean is the best guess there is.
  const gg: GammaGammaParams = fit.gammaGamma ?? { p: 1, q: 0, v: 1 };
  let sum = 0, spenders = 0;
  for (let i = 0; i < n; i++) if (stats.x[i]! > 0 && stats.meanSpend[i]! > 0) { sum += stats.meanSpend[i]!; spenders++; }
  const observedMean = spenders > 0 ? sum / spenders : undefined;
  const groups = groupCustomers(stats.x, stats.tx, stats.T);
  const m = groups.x.length;
  const alive = new Float64Array(m), expected = new Float64Array(m), discounted = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const c = { x: groups.x[k]!, tx: groups.tx[k]!, T: groups.T[k]! };
    const h = horizonPurchases(bg, c, horizon, fit.unit, monthlyDiscount);
    alive[k] = pAlive(bg, c); expected[k] = h.expected; discounted[k] = h.discounted;
  }
  const out: ClvPredictions = {
    customerId: stats.customerId, pAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedSpend: new Float64Array(n), clv: new Float64Array(n),
    triple: groups.of, triples: { x: groups.x, tx: groups.tx, T: groups.T, pAlive: alive, expectedPurchases: expected, discounted },
  };
  for (let i = 0; i < n; i++) {
    const k = groups.of[i]!;
    const spend = expectedSpend(gg, stats.x[i]!, stats.meanSpend[i]!, observedMean);
    out.pAlive[i] = alive[k]!; out.expectedPurchases[i] = expected[k]!; out.expectedSpend[i] = spend;
    out.clv[i] = spend === 0 ? 0 : spend * discounted[k]!;
  }
  return out;
}

export const defaultHorizon = (unit: ClvUnit) => CLV_DEFAULTS.horizonMonths * UNITS_PER_MONTH[unit];

const CHUNK = 100000;

/**
 * Keep the fit (with the run that made it) and replace every customer's prediction with
 * this fit's. Set-based: each chunk sends its customers' distinct (x, t_x, T) triples with what
 * depends on them once, and each customer only as its id, triple, mean and expected spend;
 * each row picks its triple's values by subscript, in one statement per chunk. Returns the fit's id.
 */
export async function saveClv(
  tx: Queryable, workspaceId: string, runId: number | null, { fit, stats }: ClvFitted, pred: ClvPredictions, horizon: number, monthlyDiscount: number,
): Promise<number> {
  const bg = fit.bgnbd, gg = fit.gammaGamma;
  const [row] = await tx.query<{ fit_id: number }>(
    `INSERT INTO clv_fits (workspace_id, run_id, calibration_end, unit, r, alpha, a, b, log_likelihood, p, q, v, gg_log_likelihood,
       customers, repeat_customers, horizon, monthly_discount, fit_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING fit_id`,
    [workspaceId, runId, fit.calibrationEnd, fit.unit, bg?.r ?? null, bg?.alpha ?? null, bg?.a ?? null, bg?.b ?? null, bg?.logLikelihood ?? null,
      gg?.p ?? null, gg?.q ?? null, gg?.v ?? null, gg?.logLikelihood ?? null, fit.customers, fit.repeatCustomers, horizon, monthlyDiscount, fit.seconds],
  );
  const fitId = Number(row!.fit_id);
  await tx.query(`DELETE FROM customer_clv WHERE workspace_id = $1`, [workspaceId]);
  if (!bg) return fitId;
  const t = pred.triples;
  // Per chunk, its customers' distinct triples, numbered from 1 in the order first met.
  const local = new Int32Array(t.x.length);
  for (let at = 0; at < stats.x.length; at += CHUNK) {
    const end = Math.min(at + CHUNK, stats.x.length);
    local.fill(0);
    const k = new Array<number>(end - at);
    const used: number[] = [];
    for (let i = at; i < end; i++) {
      const g = pred.triple[i]!;
      if (local[g] === 0) { used.push(g); local[g] = used.length; }
      k[i - at] = local[g]!;
    }
    const pick = (a: Float64Array) => used.map((g) => a[g]!);
    await tx.query(
      `INSERT INTO customer_clv (workspace_id, customer_id, fit_id, repeats, t_x, t_cal, mean_spend, p_alive, expected_purchases, expected_spend, clv)
       SELECT $1, u.customer_id, $2, ($7::int[])[u.k], ($8::float8[])[u.k], ($9::float8[])[u.k], u.mean_spend, ($10::float8[])[u.k], ($11::float8[])[u.k],
              u.spend, CASE WHEN u.spend = 0 THEN 0 ELSE u.spend * ($12::float8[])[u.k] END
       FROM unnest($3::bigint[], $4::int[], $5::float8[], $6::float8[]) AS u(customer_id, k, mean_spend, spend)`,
      [workspaceId, fitId, Array.from(stats.customerId.subarray(at, end)), k, Array.from(stats.meanSpend.subarray(at, end)), Array.from(pred.expectedSpend.subarray(at, end)),
        pick(t.x), pick(t.tx), pick(t.T), pick(t.pAlive), pick(t.expectedPurchases), pick(t.discounted)],
    );
  }
  return fitId;
}

/** Fit, predict over the default horizon, and store: what a recompute does. */
export async function refitClv(tx: Queryable, workspaceId: string, runId: number | null, asOf: number): Promise<ClvFit> {
  const fitted = await fitWorkspaceClv(tx, workspaceId, { asOf });
  const horizon = defaultHorizon(fitted.fit.unit);
  await saveClv(tx, workspaceId, runId, fitted, predictAll(fitted.fit, fitted.stats, horizon), horizon, CLV_DEFAULTS.monthlyDiscount);
  return fitted.fit;
}

export interface CustomerClv {
  x: number;
  tx: number;
  T: number;
  unit: ClvUnit;
  calibrationEnd: string;
  horizon: number;
  horizonMonths: number;
  monthlyDiscount: number;
  meanSpend: number;
  pAlive: number;
  expectedPurchases: number;
  expectedSpend: number;
  clv: number;
}

/** A customer's latest prediction (null: no paid order at the last fit, or never fitted). */
export async function getCustomerClv(q: Queryable, workspaceId: string, customerId: number): Promise<CustomerClv | null> {
  const [r] = await q.query<Record<string, unknown>>(
    `SELECT c.repeats AS x, c.t_x, c.t_cal, c.mean_spend, c.p_alive, c.expected_purchases, c.expected_spend, c.clv,
            f.unit, to_char(f.calibration_end, 'YYYY-MM-DD') AS calibration_end, f.horizon, f.monthly_discount
     FROM customer_clv c JOIN clv_fits f ON f.workspace_id = c.workspace_id AND f.fit_id = c.fit_id
     WHERE c.workspace_id = $1 AND c.customer_id = $2`,
    [workspaceId, customerId],
  );
  if (!r) return null;
  const unit = r.unit as ClvUnit;
  return {
    x: r.x as number, tx: r.t_x as number, T: r.t_cal as number, unit, calibrationEnd: r.calibration_end as string,
    horizon: r.horizon as number, horizonMonths: Math.round((r.horizon as number) / UNITS_PER_MONTH[unit]), monthlyDiscount: r.monthly_discount as number,
    meanSpend: r.mean_spend as number, pAlive: r.p_alive as number, expectedPurchases: r.expected_purchases as number,
    expectedSpend: r.expected_spend as number, clv: r.clv as number,
  };
}

export interface StoredClvFit extends ClvFit { fitId: number; runId: number | null; horizon: number; monthlyDiscount: number; fittedAt: string }

/** The fits kept, newest first. */
export async function listClvFits(q: Queryable, workspaceId: string, limit = 20): Promise<StoredClvFit[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT fit_id, run_id, to_char(calibration_end, 'YYYY-MM-DD') AS calibration_end, unit, r, alpha, a, b, log_likelihood, p, q, v, gg_log_likelihood,
            customers, repeat_customers, horizon, monthly_discount, fit_seconds, fitted_at
     FROM clv_fits WHERE workspace_id = $1 ORDER BY fit_id DESC LIMIT $2`,
    [workspaceId, limit],
  );
  return rows.map((r) => ({
    fitId: Number(r.fit_id), runId: r.run_id == null ? null : Number(r.run_id), calibrationEnd: r.calibration_end as string, unit: r.unit as ClvUnit,
    bgnbd: r.r == null ? null : { r: r.r as number, alpha: r.alpha as number, a: r.a as number, b: r.b as number, logLikelihood: r.log_likelihood as number },
    gammaGamma: r.p == null ? null : { p: r.p as number, q: r.q as number, v: r.v as number, logLikelihood: r.gg_log_likelihood as number },
    customers: r.customers as number, repeatCustomers: r.repeat_customers as number, seconds: r.fit_seconds as number,
    horizon: r.horizon as number, monthlyDiscount: r.monthly_discount as number, fittedAt: new Date(r.fitted_at as Date).toISOString(),
  }));
}

/** CLV bucket edges (yuan): the board's histogram. */
export const CLV_EDGES = [0, 10, 50, 100, 200, 500, 1000, 2000, 5000, 10000] as const;

export interface ClvDistribution {
  customers: number;
  totalClv: number;
  meanPAlive: number | null;
  /** Customers per CLV band [from, to) yuan; to null: no upper edge. */
  clv: { from: number; to: number | null; customers: number }[];
  /** Customers per P(alive) tenth [from, to). */
  pAlive: { from: number; to: number; customers: number }[];
  fit: StoredClvFit | null;
}

/** The predictions' distribution within the caller's scope (the stored, latest fit). */
export async function clvDistribution(q: Queryable, workspaceId: string, scope: CustomerScope = ALL_CUSTOMERS): Promise<ClvDistribution> {
  const cond = scopeCondition(scope, 'c', 3);
  const cond2 = scopeCondition(scope, 'c', 2);
  const [row] = await q.query<{ customers: number; total: number | null; mean_alive: number | null }>(
    `SELECT count(*)::int AS customers, sum(v.clv)::float8 AS total, avg(v.p_alive)::float8 AS mean_alive
     FROM customer_clv v JOIN customers c ON c.workspace_id = v.workspace_id AND c.customer_id = v.customer_id
     WHERE v.workspace_id = $1 AND c.merged_into IS NULL AND ${cond2.sql}`,
    [workspaceId, ...cond.params],
  );
  const bandRows = await q.query<{ b: number; n: number }>(
    `SELECT width_bucket(v.clv, $2::float8[]) AS b, count(*)::int AS n
     FROM customer_clv v JOIN customers c ON c.workspace_id = v.workspace_id AND c.customer_id = v.customer_id
     WHERE v.workspace_id = $1 AND c.merged_into IS NULL AND ${cond.sql} GROUP BY 1`,
    [workspaceId, [...CLV_EDGES], ...cond.params],
  );
  const aliveRows = await q.query<{ b: number; n: number }>(
    `SELECT LEAST(floor(v.p_alive * 10), 9)::int AS b, count(*)::int AS n
     FROM customer_clv v JOIN customers c ON c.workspace_id = v.workspace_id AND c.customer_id = v.customer_id
     WHERE v.workspace_id = $1 AND c.merged_into IS NULL AND ${cond2.sql} GROUP BY 1`,
    [workspaceId, ...cond.params],
  );
  const band = new Map(bandRows.map((r) => [Number(r.b), Number(r.n)]));
  const alive = new Map(aliveRows.map((r) => [Number(r.b), Number(r.n)]));
  const [fit] = await listClvFits(q, workspaceId, 1);
  return {
    customers: row?.customers ?? 0,
    totalClv: row?.total ?? 0,
    meanPAlive: row?.mean_alive ?? null,
    // width_bucket: 1 … edges.length for [edge_i, edge_{i+1}), edges.length for ≥ the last edge.
    clv: CLV_EDGES.map((from, i) => ({ from, to: CLV_EDGES[i + 1] ?? null, customers: band.get(i + 1) ?? 0 })),
    pAlive: Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, customers: alive.get(i) ?? 0 })),
    fit: fit ?? null,
  };
}

export interface ClvListItem { customerId: number; name: string | null; pAlive: number; expectedPurchases: number; expectedSpend: number; clv: number; x: number }

/** Predictions within the caller's scope, highest CLV first (or most at stake: CLV × (1 − P(alive))). */
export async function listClvPredictions(
  q: Queryable, workspaceId: string, opts: { scope?: CustomerScope; limit?: number; offset?: number; sort?: 'clv' | 'atStake' } = {},
): Promise<{ total: number; items: ClvListItem[] }> {
  const cond = scopeCondition(opts.scope ?? ALL_CUSTOMERS, 'c', 4);
  const order = opts.sort === 'atStake' ? 'v.clv * (1 - v.p_alive) DESC' : 'v.clv DESC';
  const rows = await q.query<Record<string, unknown>>(
    `SELECT v.customer_id, COALESCE(c.name, a.name) AS name, v.p_alive, v.expected_purchases, v.expected_spend, v.clv, v.repeats AS x, count(*) OVER ()::int AS total
     FROM customer_clv v JOIN customers c ON c.workspace_id = v.workspace_id AND c.customer_id = v.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = v.workspace_id AND a.customer_id = v.customer_id
     WHERE v.workspace_id = $1 AND c.merged_into IS NULL AND ${cond.sql}
     ORDER BY ${order}, v.customer_id LIMIT $2 OFFSET $3`,
    [workspaceId, opts.limit ?? 50, opts.offset ?? 0, ...cond.params],
  );
  return {
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    items: rows.map((r) => ({
      customerId: Number(r.customer_id), name: r.name as string | null, pAlive: r.p_alive as number, expectedPurchases: r.expected_purchases as number,
      expectedSpend: r.expected_spend as number, clv: r.clv as number, x: r.x as number,
    })),
  };
}
