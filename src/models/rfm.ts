/**
 * RFM, eight segments (DESIGN §4.2, seed 003), as of `asOf`:
 * R = whole calendar days from the date of the last paid order to asOf's date (workspace zone),
 * F = paid orders not fully refunded, M = paid amount net of refunds (fen).
 * Customers without a paid order have no segment.
 *
 * Thresholds: "mean" (default) — R recent when r < mean r, F high when f > mean f, M high when
 * m > mean m, means over customers with ≥ 1 paid order; "fixed" — the configured r (days),
 * f (orders) and m (yuan) with the same comparisons; "quintile" — 1–5 scores, high when the
 * score is at least `quintileHigh`.
 *
 * Scores are reported whenever the workspace statistics carry cut points, whatever the method:
 * an operator reads "R 5 · F 2 · M 4" as easily under the mean method, and it costs nothing.
 */
import type { ModelConfig } from './config.ts';
import type { ModelInput, ModelOutput, RfmSegment, WorkspaceStats } from './types.ts';
import { dayNumber, isInstant } from './calendar.ts';

export type RfmResult = NonNullable<ModelOutput['rfm']>;

/** R: whole days since the last paid order; an order dated after asOf (clock skew) counts as today. */
export function recencyDays(timeZone: string, lastPaidAt: number, asOf: number): number {
  return Math.max(0, dayNumber(timeZone, asOf) - dayNumber(timeZone, lastPaidAt));
}

/**
 * Quintile score 1–5 of a value against the 20/40/60/80 % cut points: 1 + the number of cut
 * points strictly below it, so a value equal to a cut point stays in the lower quintile
 * (with many one-order buyers, F = 1 scores 1, not 4).
 */
export function quintileScore(value: number, cuts: readonly number[]): number {
  let s = 1;
  for (const c of cuts) if (value > c) s++;
  return s;
}

/** R is scored inversely — more recent is better: 6 − its ascending quintile. */
export function recencyScore(r: number, cuts: readonly number[]): number {
  return 6 - quintileScore(r, cuts);
}

/** The §4.2 table, one row per combination. */
export function rfmSegment(recent: boolean, frequent: boolean, big: boolean): RfmSegment {
  if (big) {
    if (recent) return frequent ? '重要价值客户' : '重要发展客户';
    return frequent ? '重要保持客户' : '重要挽留客户';
  }
  if (recent) return frequent ? '一般价值客户' : '一般发展客户';
  return frequent ? '一般保持客户' : '一般挽留客户';
}

export function evaluateRfm(input: ModelInput, config: ModelConfig, stats: WorkspaceStats, asOf: number, timeZone: string): RfmResult | null {
  if (input.paidOrders <= 0 || !isInstant(input.lastPaidAt) || !isInstant(asOf)) return null;
  const r = recencyDays(timeZone, input.lastPaidAt, asOf);
  const f = input.paidOrders;
  const m = input.paidFen;
  const q = stats.quintiles;
  const scores = q.r.length && q.f.length && q.m.length
    ? { r: recencyScore(r, q.r), f: quintileScore(f, q.f), m: quintileScore(m, q.m) }
    : null;

  let flags: [boolean, boolean, boolean];
  const rfm = config.rfm;
  if (rfm.method === 'quintile' && scores) {
    flags = [scores.r >= rfm.quintileHigh, scores.f >= rfm.quintileHigh, scores.m >= rfm.quintileHigh];
  } else if (rfm.method === 'fixed' && rfm.fixed) {
    flags = [r < rfm.fixed.r, f > rfm.fixed.f, m > Math.round(rfm.fixed.m * 100)];
  } else {
    // Also the fallback when quintile cut points are missing (no full recompute yet).
    flags = [r < stats.mean.r, f > stats.mean.f, m > stats.mean.m];
  }
  return { r, f, m, segment: rfmSegment(...flags), scores };
}
