/**
 * Predicted value: BG/NBD (Fader, Hardie & Lee 2005) for repeat purchases and P(alive), and
 * Gamma-Gamma (Fader & Hardie 2013) for spend per transaction. Pure: sufficient statistics
 * in, log-likelihoods and predictions out, everything in log space so extreme customers
 * (a thousand purchases long ago) give P(alive) = 0 rather than NaN.
 *
 * Per customer: x = repeat transactions (transaction days after the first), t_x = time of
 * the last transaction and T = time of the calibration end, both from the first transaction,
 * in the fit's unit (day or week).
 */

export interface BgNbdParams { r: number; alpha: number; a: number; b: number }
export interface GammaGammaParams { p: number; q: number; v: number }
export interface ClvCustomer { x: number; tx: number; T: number }

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9; relative error below 1e-15). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
export function lnGamma(z: number): number {
  if (!(z > 0)) return Number.NaN;
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let s = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) s += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

/** ln(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  const m = Math.max(u, v);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}

/** One customer's BG/NBD log-likelihood. */
export function bgnbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: ClvCustomer): number {
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + logAddExp(a3, a4);
}

/** ln of the odds that the customer has dropped out (−∞ when x = 0: never seen to drop out). */
function logDropOdds({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: ClvCustomer): number {
  if (x === 0) return -Infinity;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/** P(alive | x, t_x, T): 0 for a customer whose steady buying stopped long ago, 1 for one never repeat-buying yet… by the model's rule. */
export function pAlive(params: BgNbdParams, c: ClvCustomer): number {
  const lo = logDropOdds(params, c);
  if (lo > 745) return 0;
  return 1 / (1 + Math.exp(lo));
}

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for z < 1 by its series: for z ≤ 0 (|z| < 1) summed
 * directly; for 0 ≤ z < 1 see logHyp2f1Positive.
 */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100000; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * ln ₂F₁(a, b; c; z) for 0 ≤ z < 1, summed in linear space under a running scale so large
 * parameters do not overflow: terms may grow by many orders of magnitude before they decay,
 * and a logarithm per term would make this the cost of predicting a million customers.
 */
function logHyp2f1Positive(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < 1000000; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (sum > 1e250 || sum < -1e250) {
      sum *= 1e-250; term *= 1e-250; logScale += 250 * Math.LN10;
    }
    if (Math.abs(term) < 2e-16 * Math.abs(sum) && Math.abs(ratio) < 1) break;
  }
  return logScale + Math.log(sum);
}

/**
 * Expected transactions in the next t units for a customer with (x, t_x, T): the BG/NBD
 * conditional expectation. ((α+T)/(α+T+t))^{r+x}·₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t)) is computed
 * by Pfaff's transformation as ₂F₁(r+x, a−1; a+b+x−1; −t/(α+T)) when t < α+T (a series benign in x),
 * otherwise in log space.
 */
export function expectedPurchases(params: BgNbdParams, c: ClvCustomer, t: number): number {
  if (!(t > 0)) return 0;
  const lo = logDropOdds(params, c);
  if (lo > 745) return 0;
  const { r, alpha, b } = params;
  // (a+b+x−1)/(a−1)·(1 − g) has a removable singularity at a = 1: step just beside it.
  const a = Math.abs(params.a - 1) < 1e-7 ? 1 + 1e-7 : params.a;
  const { x, T } = c;
  const cc = a + b + x - 1;
  let g: number; // ((α+T)/(α+T+t))^{r+x} · ₂F₁(r+x, b+x; cc; z)
  if (t < alpha + T) {
    g = hyp2f1(r + x, a - 1, cc, -t / (alpha + T));
  } else {
    const z = t / (alpha + T + t);
    g = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)) + logHyp2f1Positive(r + x, b + x, cc, z));
  }
  const value = (cc / (a - 1)) * (1 - g);
  return Math.max(0, value / (1 + Math.exp(lo)));
}

/** One repeat customer's Gamma-Gamma log-likelihood, from x repeat transactions of mean spend m > 0. */
export function gammaGammaLogLikelihood({ p, q, v }: GammaGammaParams, x: number, m: number): number {
  return lnGamma(p * x + q) - lnGamma(p * x) - lnGamma(q) + q * Math.log(v) + (p * x - 1) * Math.log(m)
    + p * x * Math.log(x) - (p * x + q) * Math.log(v + x * m);
}

/**
 * Expected spend per transaction given x repeat transactions of mean m. A customer with none
 * gets the population mean p·v/(q−1) — but for q ≤ 2 that mean's estimate has no finite
 * variance (q near 1 sends it anywhere), so then `observedMean` (the repeat customers' average
 * spend) when given; the customer's own m as a last resort.
 */
export function expectedSpend({ p, q, v }: GammaGammaParams, x: number, m: number, observedMean?: number): number {
  if (x > 0 && p * x + q - 1 > 0) return (p * (v + x * m)) / (p * x + q - 1);
  if (q > 2 || (q > 1 && observedMean === undefined)) return (p * v) / (q - 1);
  return observedMean ?? m;
}

export type ClvUnit = 'day' | 'week';
/** Units per average month (365.25 / 12 days). */
export const UNITS_PER_MONTH: Record<ClvUnit, number> = { day: 365.25 / 12, week: 365.25 / 12 / 7 };
export const UNIT_DAYS: Record<ClvUnit, number> = { day: 1, week: 7 };

/**
 * A customer's expected transactions over `horizon` units, and the same transactions each
 * discounted at `monthlyDiscount` per month from the month they fall in (the last month may
 * be partial): CLV is the second times the expected spend per transaction.
 */
export function horizonPurchases(
  bg: BgNbdParams, c: ClvCustomer, horizon: number, unit: ClvUnit, monthlyDiscount: number,
): { expected: number; discounted: number } {
  if (!(horizon > 0)) return { expected: 0, discounted: 0 };
  const month = UNITS_PER_MONTH[unit];
  let discounted = 0;
  let before = 0;
  for (let end = Math.min(month, horizon); ; end = Math.min(end + month, horizon)) {
    const upTo = expectedPurchases(bg, c, end);
    discounted += (upTo - before) / (1 + monthlyDiscount) ** (end / month);
    before = upTo;
    if (end >= horizon) break;
  }
  return { expected: before, discounted };
}

/**
 * Customer lifetime value over `horizon` units: each month's expected transactions times the
 * expected spend, discounted at `monthlyDiscount` per month (the last month may be partial).
 */
export function clvValue(
  bg: BgNbdParams, spend: number, c: ClvCustomer, horizon: number, unit: ClvUnit, monthlyDiscount: number,
): number {
  if (!(horizon > 0) || spend === 0) return 0;
  return spend * horizonPurchases(bg, c, horizon, unit, monthlyDiscount).discounted;
}

export interface ClvPrediction {
  pAlive: number;
  expectedPurchases: number;
  expectedSpend: number;
  clv: number;
}

/** Everything the screens show for one customer, over `horizon` units. */
export function predictCustomer(
  bg: BgNbdParams, gg: GammaGammaParams, c: ClvCustomer & { meanSpend: number },
  horizon: number, unit: ClvUnit, monthlyDiscount: number, observedMean?: number,
): ClvPrediction {
  const spend = expectedSpend(gg, c.x, c.meanSpend, observedMean);
  const h = horizonPurchases(bg, c, horizon, unit, monthlyDiscount);
  return { pAlive: pAlive(bg, c), expectedPurchases: h.expected, expectedSpend: spend, clv: spend === 0 ? 0 : spend * h.discounted };
}
