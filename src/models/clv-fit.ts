/**
 * Maximum-likelihood fits of BG/NBD and Gamma-Gamma: a bounded Nelder–Mead simplex on the
 * parameters' logarithms, over customers grouped by their sufficient statistics (many
 * customers share (x, t_x, T) once time is counted in whole days, so a million customers
 * cost far fewer likelihood terms). Pure.
 */
import { lnGamma, type BgNbdParams, type GammaGammaParams } from './clv.ts';

/** Log-parameters stay within e^±LOG_BOUND: wide enough for any real data, finite for the simplex. */
const LOG_BOUND = 12;
/** Relative improvement over a hundred simplex steps below which the search has stalled. */
const STALL = 1e-11;

export interface MinimizeResult { point: number[]; value: number; iterations: number }

/**
 * Nelder–Mead minimisation of f inside the box [−bound, bound]^n (points outside are moved to
 * the box; a non-finite value counts as +∞). Restarts from the best point until a restart no
 * longer improves it, so a collapsed simplex does not stop short of the optimum.
 */
export function nelderMead(f: (p: number[]) => number, start: number[], opts: { bound?: number; tol?: number; maxIter?: number } = {}): MinimizeResult {
  const bound = opts.bound ?? LOG_BOUND;
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? 3000;
  const clamp = (p: number[]) => p.map((v) => Math.min(bound, Math.max(-bound, v)));
  const g = (p: number[]) => {
    const v = f(p);
    return Number.isFinite(v) ? v : Infinity;
  };
  const n = start.length;
  let best = clamp(start);
  let bestValue = g(best);
  let iterations = 0;
  for (let restart = 0; restart < 8; restart++) {
    const simplex: { p: number[]; v: number }[] = [{ p: best, v: bestValue }];
    for (let i = 0; i < n; i++) {
      const p = best.slice();
      p[i] = p[i]! + (restart === 0 ? 0.5 : 0.1);
      const q = clamp(p);
      simplex.push({ p: q, v: g(q) });
    }
    // A flat ridge (say a, b → ∞ when nobody seems to drop out) would keep the simplex crawling:
    // stop when a hundred steps no longer improve the best value measurably.
    let checkpoint = Infinity;
    for (let it = 0; it < maxIter; it++, iterations++) {
      simplex.sort((u, w) => u.v - w.v);
      const lo = simplex[0]!;
      const hi = simplex[n]!;
      if (it % 100 === 0) {
        if (checkpoint - lo.v <= STALL * (Math.abs(lo.v) + STALL)) break;
        checkpoint = lo.v;
      }
      if (Math.abs(hi.v - lo.v) <= tol * (Math.abs(lo.v) + tol)
        && simplex.every((s) => s.p.every((v, i) => Math.abs(v - lo.p[i]!) < 1e-7))) break;
      const centroid = new Array<number>(n).fill(0);
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i]! += simplex[k]!.p[i]! / n;
      const along = (t: number) => clamp(centroid.map((c, i) => c + t * (hi.p[i]! - c)));
      const reflected = along(-1);
      const rv = g(reflected);
      if (rv < lo.v) {
        const expanded = along(-2);
        const ev = g(expanded);
        simplex[n] = ev < rv ? { p: expanded, v: ev } : { p: reflected, v: rv };
      } else if (rv < simplex[n - 1]!.v) {
        simplex[n] = { p: reflected, v: rv };
      } else {
        const contracted = rv < hi.v ? along(-0.5) : along(0.5);
        const cv = g(contracted);
        if (cv < Math.min(rv, hi.v)) simplex[n] = { p: contracted, v: cv };
        else {
          for (let k = 1; k <= n; k++) {
            const p = clamp(simplex[k]!.p.map((v, i) => lo.p[i]! + 0.5 * (v - lo.p[i]!)));
            simplex[k] = { p, v: g(p) };
          }
        }
      }
    }
    simplex.sort((u, w) => u.v - w.v);
    const improved = simplex[0]!.v < bestValue - Math.abs(bestValue) * 1e-13;
    if (simplex[0]!.v <= bestValue) {
      best = simplex[0]!.p;
      bestValue = simplex[0]!.v;
    }
    if (!improved && restart > 0) break;
  }
  return { point: best, value: bestValue, iterations };
}

/**
 * Customers grouped by identical sufficient statistics; `xIndex` points each group at its x
 * among the distinct `xs`, `of` each customer at its group.
 */
export interface ClvGroups {
  x: Float64Array; tx: Float64Array; T: Float64Array; count: Float64Array; xs: Float64Array; xIndex: Int32Array; of: Int32Array;
  /** Distinct t_x and T values (few once time is counted in days), and each group's place among them. */
  txs: Float64Array; txIndex: Int32Array; Ts: Float64Array; TIndex: Int32Array;
}

function distinctIndex(values: number[]): { values: Float64Array; index: Int32Array } {
  const distinct = [...new Set(values)].sort((u, v) => u - v);
  const at = new Map(distinct.map((v, i) => [v, i]));
  return { values: Float64Array.from(distinct), index: Int32Array.from(values, (v) => at.get(v)!) };
}

export function groupCustomers(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): ClvGroups {
  // Nested maps on the numbers themselves: a string key per customer costs more than the grouping saves.
  const index = new Map<number, Map<number, Map<number, number>>>();
  const gx: number[] = [], gtx: number[] = [], gT: number[] = [], count: number[] = [];
  const of = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let byTx = index.get(x[i]!);
    if (!byTx) index.set(x[i]!, (byTx = new Map()));
    let byT = byTx.get(tx[i]!);
    if (!byT) byTx.set(tx[i]!, (byT = new Map()));
    let at = byT.get(T[i]!);
    if (at === undefined) {
      at = gx.length;
      byT.set(T[i]!, at);
      gx.push(x[i]!); gtx.push(tx[i]!); gT.push(T[i]!); count.push(0);
    }
    count[at]! += 1;
    of[i] = at;
  }
  const xs = distinctIndex(gx), txs = distinctIndex(gtx), Ts = distinctIndex(gT);
  return {
    x: Float64Array.from(gx), tx: Float64Array.from(gtx), T: Float64Array.from(gT), count: Float64Array.from(count),
    xs: xs.values, xIndex: xs.index, of, txs: txs.values, txIndex: txs.index, Ts: Ts.values, TIndex: Ts.index,
  };
}

export interface BgNbdFit extends BgNbdParams { logLikelihood: number }
export interface GammaGammaFit extends GammaGammaParams { logLikelihood: number }

/**
 * The BG/NBD log-likelihood of all groups: bgnbdLogLikelihood summed, with the Γ terms (which
 * depend on x only) worked out once per distinct x, so a group costs a few logarithms.
 */
export function bgnbdTotalLogLikelihood({ r, alpha, a, b }: BgNbdParams, g: ClvGroups): number {
  const nx = g.xs.length;
  const gammaPart = new Float64Array(nx);
  const dropPart = new Float64Array(nx);
  const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
  for (let k = 0; k < nx; k++) {
    const x = g.xs[k]!;
    gammaPart[k] = base + lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
    dropPart[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
  }
  // ln(α + t) once per distinct time, and ln(e^u + e^v) as max + ln(1 + e^−|u−v|): a group then
  // costs one exponential and one logarithm.
  const logAT = Float64Array.from(g.Ts, (T) => Math.log(alpha + T));
  const logAtx = Float64Array.from(g.txs, (tx) => Math.log(alpha + tx));
  let ll = 0;
  for (let i = 0; i < g.x.length; i++) {
    const k = g.xIndex[i]!;
    const rx = r + g.x[i]!;
    const u = -rx * logAT[g.TIndex[i]!]!;
    const v = dropPart[k]! - rx * logAtx[g.txIndex[i]!]!;
    const m = u > v ? u : v;
    ll += g.count[i]! * (gammaPart[k]! + (m === -Infinity ? m : m + Math.log1p(Math.exp(-Math.abs(u - v)))));
  }
  return ll;
}

/** The BG/NBD maximum-likelihood estimate (null when there are no customers). */
export function fitBgNbd(g: ClvGroups): BgNbdFit | null {
  if (g.x.length === 0) return null;
  const params = (p: number[]): BgNbdParams => ({ r: Math.exp(p[0]!), alpha: Math.exp(p[1]!), a: Math.exp(p[2]!), b: Math.exp(p[3]!) });
  // Start from the customers' own scale: α near the mean observation time.
  let meanT = 0, n = 0;
  for (let i = 0; i < g.T.length; i++) { meanT += g.T[i]! * g.count[i]!; n += g.count[i]!; }
  const start = [0, Math.log(Math.max(meanT / n, 1e-3)), 0, 0];
  const res = nelderMead((p) => -bgnbdTotalLogLikelihood(params(p), g), start);
  return { ...params(res.point), logLikelihood: -res.value };
}

/**
 * The Gamma-Gamma maximum-likelihood estimate over the repeat customers with a positive mean
 * spend (a customer whose every repeat order was free has no spend to model); null when there
 * are none.
 */
export function fitGammaGamma(x: ArrayLike<number>, meanSpend: ArrayLike<number>): GammaGammaFit | null {
  const xs: number[] = [], ms: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i]! > 0 && meanSpend[i]! > 0) { xs.push(x[i]!); ms.push(meanSpend[i]!); }
  if (xs.length === 0) return null;
  const params = (p: number[]): GammaGammaParams => ({ p: Math.exp(p[0]!), q: Math.exp(p[1]!), v: Math.exp(p[2]!) });
  const mean = ms.reduce((s, m) => s + m, 0) / ms.length;
  // gammaGammaLogLikelihood summed, its Γ terms once per distinct x and its data logarithms once.
  const distinct = [...new Set(xs)];
  const at = new Map(distinct.map((v, i) => [v, i]));
  const xIndex = Int32Array.from(xs, (v) => at.get(v)!);
  const logM = Float64Array.from(ms, Math.log);
  const logX = Float64Array.from(xs, Math.log);
  const gammaPart = new Float64Array(distinct.length);
  const nll = (point: number[]) => {
    const { p, q, v } = params(point);
    for (let k = 0; k < distinct.length; k++) gammaPart[k] = lnGamma(p * distinct[k]! + q) - lnGamma(p * distinct[k]!) - lnGamma(q) + q * Math.log(v);
    let ll = 0;
    for (let i = 0; i < xs.length; i++) {
      const px = p * xs[i]!;
      ll += gammaPart[xIndex[i]!]! + (px - 1) * logM[i]! + px * logX[i]! - (px + q) * Math.log(v + xs[i]! * ms[i]!);
    }
    return -ll;
  };
  const res = nelderMead(nll, [0, Math.log(2), Math.log(mean)]);
  return { ...params(res.point), logLikelihood: -res.value };
}
