/**
 * Workspace statistics the relative rules compare against (RFM means and quintiles, the L5
 * top-share monetary line), over customers with ≥ 1 paid order, as of `asOf`.
 *
 * Built for the full recompute of a million buyers: rows are streamed into three growable
 * Float64Arrays (24 bytes per buyer, no object per row) and each is sorted numerically once,
 * O(n log n). Feed it rows, columns, or an async iterable straight from a database cursor.
 *
 * Percentiles use the nearest-rank method: with the n values sorted ascending x(1) ≤ … ≤ x(n),
 * the p-quantile is x(⌈p·n⌉), the smallest value with at least p·n values at or below it.
 * Quintile cut points are the 0.2, 0.4, 0.6 and 0.8 quantiles (10 buyers → x(2), x(4), x(6),
 * x(8)). The top-share line is the smallest amount among the k = ⌈share·n⌉ largest (at least 1):
 * 10 buyers at 20 % → the 2nd largest amount. The L5 rule is "amount ≥ line", so a buyer tied
 * with the amount at the edge is in, even if that makes the top group larger than k.
 */
import type { ModelConfig } from './config.ts';
import type { WorkspaceStats } from './types.ts';
import { SiyuError } from '../shared/errors.ts';
import { isValidTimeZone } from '../shared/time.ts';
import { isInstant } from './calendar.ts';
import { recencyDays } from './rfm.ts';

export interface StatsRow { lastPaidAt: number; paidOrders: number; paidFen: number }
/** The same figures column by column (e.g. typed arrays filled from a query). */
export interface StatsColumns { lastPaidAt: ArrayLike<number>; paidOrders: ArrayLike<number>; paidFen: ArrayLike<number> }

export interface StatsAccumulator {
  /** One customer; rows without a paid order (or without a last-paid time) are skipped. */
  add(lastPaidAt: number, paidOrders: number, paidFen: number): void;
  readonly buyers: number;
  finish(): WorkspaceStats;
}

/** Float rounding must not turn 0.2 × 15 = 3.0000000000000004 into a top group of 4. */
const ceilCount = (x: number) => Math.ceil(x - 1e-9);

/** Nearest-rank p-quantile of an ascending array. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  return sorted[Math.min(n, Math.max(1, ceilCount(p * n))) - 1]!;
}

export function createStatsAccumulator(asOf: number, timeZone: string, config: ModelConfig): StatsAccumulator {
  if (!isInstant(asOf)) throw new SiyuError('bad_request', `model statistics: asOf ${String(asOf)} is not a valid instant`);
  if (!isValidTimeZone(timeZone)) throw new SiyuError('bad_request', `model statistics: "${timeZone}" is not an IANA time zone`);
  let cap = 1024;
  let n = 0;
  let r = new Float64Array(cap);
  let f = new Float64Array(cap);
  let m = new Float64Array(cap);
  let sumR = 0;
  let sumF = 0;
  let sumM = 0;
  const grow = () => {
    cap *= 2;
    const r2 = new Float64Array(cap); r2.set(r); r = r2;
    const f2 = new Float64Array(cap); f2.set(f); f = f2;
    const m2 = new Float64Array(cap); m2.set(m); m = m2;
  };
  return {
    add(lastPaidAt, paidOrders, paidFen) {
      if (!(paidOrders >= 1) || !isInstant(lastPaidAt) || !Number.isFinite(paidFen)) return;
      if (n === cap) grow();
      const days = recencyDays(timeZone, lastPaidAt, asOf);
      r[n] = days; f[n] = paidOrders; m[n] = paidFen;
      sumR += days; sumF += paidOrders; sumM += paidFen;
      n++;
    },
    get buyers() {
      return n;
    },
    finish() {
      if (n === 0) {
        return { asOf, customersWithOrders: 0, mean: { r: 0, f: 0, m: 0 }, quintiles: { r: [], f: [], m: [] }, monetaryTop20Fen: 0 };
      }
      const rs = r.slice(0, n).sort();
      const fs = f.slice(0, n).sort();
      const ms = m.slice(0, n).sort();
      const cuts = (s: Float64Array) => [0.2, 0.4, 0.6, 0.8].map((p) => nearestRank(s, p));
      const k = Math.max(1, ceilCount(config.trust.l5MonetaryTopShare * n));
      return {
        asOf,
        customersWithOrders: n,
        mean: { r: sumR / n, f: sumF / n, m: sumM / n },
        quintiles: { r: cuts(rs), f: cuts(fs), m: cuts(ms) },
        monetaryTop20Fen: ms[n - k]!,
      };
    },
  };
}

function isColumns(rows: Iterable<StatsRow> | StatsColumns): rows is StatsColumns {
  return !(Symbol.iterator in rows) && 'paidFen' in rows && typeof (rows as StatsColumns).paidFen.length === 'number';
}

export function computeStats(rows: Iterable<StatsRow> | StatsColumns, asOf: number, timeZone: string, config: ModelConfig): WorkspaceStats {
  const acc = createStatsAccumulator(asOf, timeZone, config);
  if (isColumns(rows)) {
    const len = Math.min(rows.lastPaidAt.length, rows.paidOrders.length, rows.paidFen.length);
    for (let i = 0; i < len; i++) acc.add(rows.lastPaidAt[i]!, rows.paidOrders[i]!, rows.paidFen[i]!);
  } else {
    for (const row of rows) acc.add(row.lastPaidAt, row.paidOrders, row.paidFen);
  }
  return acc.finish();
}

/** The same from an async source, e.g. batches of rows from a cursor. */
export async function computeStatsAsync(
  rows: AsyncIterable<StatsRow | readonly StatsRow[]>, asOf: number, timeZone: string, config: ModelConfig,
): Promise<WorkspaceStats> {
  const acc = createStatsAccumulator(asOf, timeZone, config);
  for await (const item of rows) {
    if (Array.isArray(item)) for (const row of item as readonly StatsRow[]) acc.add(row.lastPaidAt, row.paidOrders, row.paidFen);
    else { const row = item as StatsRow; acc.add(row.lastPaidAt, row.paidOrders, row.paidFen); }
  }
  return acc.finish();
}
