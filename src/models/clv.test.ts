import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bgnbdLogLikelihood, clvValue, expectedPurchases, expectedSpend, gammaGammaLogLikelihood, lnGamma, pAlive, predictCustomer,
} from './clv.ts';
import { bgnbdTotalLogLikelihood, fitBgNbd, fitGammaGamma, groupCustomers, nelderMead } from './clv-fit.ts';
import { predictAll } from './clv-store.ts';

// Fader, Hardie & Lee (2005), CDNOW weekly estimates.
const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, v: 15.44 };

test('ln Γ matches known values', () => {
  for (const [z, want] of [[1, 0], [2, 0], [0.5, Math.log(Math.sqrt(Math.PI))], [10, Math.log(362880)], [1e-3, 6.907178885383853], [1000.5, 5908.674175848678]] as const) {
    assert.ok(Math.abs(lnGamma(z) - want) < 1e-9 * Math.max(1, Math.abs(want)), `lnΓ(${z}) = ${lnGamma(z)}, want ${want}`);
  }
});

test('P(alive): table of customers', () => {
  const cases = [
    // No repeat purchase: never seen to stop, alive by the model.
    { c: { x: 0, tx: 0, T: 38.86 }, want: 1 },
    // Bought yesterday: almost surely alive.
    { c: { x: 5, tx: 38, T: 38 }, min: 0.8, max: 1 },
    // Extreme: a thousand purchases in ten weeks, then ninety weeks of silence.
    { c: { x: 1000, tx: 10, T: 100 }, want: 0 },
    { c: { x: 2, tx: 30.43, T: 38.86 }, min: 0.5, max: 0.9 },
  ];
  for (const { c, want, min, max } of cases) {
    const p = pAlive(CDNOW, c);
    assert.ok(Number.isFinite(p), `P(alive) of ${JSON.stringify(c)} is ${p}`);
    if (want !== undefined) assert.equal(p, want);
    else assert.ok(p >= min! && p <= max!, `P(alive) of ${JSON.stringify(c)} = ${p}`);
  }
});

test('extreme customers give finite numbers, not NaN', () => {
  const c = { x: 1000, tx: 10, T: 100 };
  assert.ok(Number.isFinite(bgnbdLogLikelihood(CDNOW, c)));
  assert.equal(expectedPurchases(CDNOW, c, 52), 0);
  const pred = predictCustomer(CDNOW, GG, { ...c, meanSpend: 20 }, 52, 'week', 0.01);
  for (const v of Object.values(pred)) assert.ok(Number.isFinite(v), JSON.stringify(pred));
  assert.equal(pred.clv, 0);
  // A heavy buyer still active: a big, finite expectation, both sides of the series switch.
  const active = { x: 1000, tx: 99.9, T: 100 };
  for (const t of [10, 200]) assert.ok(Number.isFinite(expectedPurchases(CDNOW, active, t)) && expectedPurchases(CDNOW, active, t) > 0);
});

test('conditional expectation: known value, continuous across the series switch, increasing in t', () => {
  const c = { x: 2, tx: 30.43, T: 38.86 };
  // lifetimes' conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86) with the paper's parameters.
  assert.ok(Math.abs(expectedPurchases(CDNOW, c, 39) - 1.226) < 1e-3);
  const edge = CDNOW.alpha + c.T;
  const below = expectedPurchases(CDNOW, c, edge - 1e-9);
  const above = expectedPurchases(CDNOW, c, edge + 1e-9);
  assert.ok(Math.abs(below - above) < 1e-6, `${below} vs ${above}`);
  let prev = 0;
  for (const t of [1, 5, 20, 52, 104, 520]) {
    const e = expectedPurchases(CDNOW, c, t);
    assert.ok(e > prev, `E[${t}] = ${e} after ${prev}`);
    prev = e;
  }
  assert.equal(expectedPurchases(CDNOW, c, 0), 0);
  // a = 1 exactly: the removable singularity gives the neighbours' value.
  const near = expectedPurchases({ ...CDNOW, a: 1 + 1e-4 }, c, 39);
  assert.ok(Math.abs(expectedPurchases({ ...CDNOW, a: 1 }, c, 39) - near) < 1e-3);
});

test('Gamma-Gamma: expected spend shrinks the observed mean toward the population mean', () => {
  const population = (GG.p * GG.v) / (GG.q - 1);
  assert.ok(Math.abs(expectedSpend(GG, 0, 0) - population) < 1e-12);
  const one = expectedSpend(GG, 1, 100);
  const many = expectedSpend(GG, 50, 100);
  assert.ok(one > population && one < 100 && many > one && many < 100);
  assert.ok(Number.isFinite(gammaGammaLogLikelihood(GG, 3, 0.01)));
  // q near 1: the population mean p·v/(q−1) is unstable, so a customer without repeat purchases gets the observed mean.
  const heavy = { p: 1e5, q: 1.01, v: 0.0006 };
  assert.equal(expectedSpend(heavy, 0, 0, 60), 60);
  assert.equal(expectedSpend(GG, 0, 0, 60), population);
});

test('CLV: undiscounted equals expected purchases × spend; discounting lowers it; zero spend, zero horizon', () => {
  const c = { x: 3, tx: 30, T: 38 };
  const spend = 25;
  const plain = clvValue(CDNOW, spend, c, 52, 'week', 0);
  assert.ok(Math.abs(plain - expectedPurchases(CDNOW, c, 52) * spend) < 1e-9);
  assert.ok(clvValue(CDNOW, spend, c, 52, 'week', 0.01) < plain);
  assert.equal(clvValue(CDNOW, 0, c, 52, 'week', 0.01), 0);
  assert.equal(clvValue(CDNOW, spend, c, 0, 'week', 0.01), 0);
  // The same calendar span in days gives the same value as in weeks once the data are in days.
  const days = clvValue({ ...CDNOW, alpha: CDNOW.alpha * 7 }, spend, { x: 3, tx: 210, T: 266 }, 364, 'day', 0.01);
  assert.ok(Math.abs(days - clvValue(CDNOW, spend, c, 52, 'week', 0.01)) < 1e-9);
});

test('Nelder–Mead finds a bounded minimum and survives non-finite regions', () => {
  const res = nelderMead((p) => (p[0]! - 1) ** 2 + 10 * (p[1]! + 2) ** 2 + (p[0]! > 5 ? Number.NaN : 0), [4, 4]);
  assert.ok(Math.abs(res.point[0]! - 1) < 1e-5 && Math.abs(res.point[1]! + 2) < 1e-5);
  const bounded = nelderMead((p) => p[0]!, [0], { bound: 3 });
  assert.equal(bounded.point[0], -3);
});

test('a fit is a maximum of the likelihood; grouping keeps the counts', () => {
  const x = [0, 0, 0, 1, 2, 5, 0, 3, 1, 7], tx = [0, 0, 0, 10, 20, 35, 0, 12, 3, 38], T = [39, 39, 30, 39, 38, 39, 20, 39, 39, 39];
  const g = groupCustomers(x, tx, T);
  assert.equal(g.count.reduce((s, n) => s + n, 0), 10);
  assert.equal(g.x.length, 9);
  const fit = fitBgNbd(g)!;
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    for (const f of [0.99, 1.01]) {
      const moved = { ...fit, [k]: fit[k] * f };
      let ll = 0;
      for (let i = 0; i < x.length; i++) ll += bgnbdLogLikelihood(moved, { x: x[i]!, tx: tx[i]!, T: T[i]! });
      assert.ok(ll <= fit.logLikelihood + 1e-9, `moving ${k} raised the likelihood`);
    }
  }
  assert.equal(fitBgNbd(groupCustomers([], [], [])), null);
  assert.equal(fitGammaGamma([0, 0], [0, 0]), null);
  // A customer whose repeat orders were all free is left out of the spend fit, not a -∞.
  const gg = fitGammaGamma([1, 2, 3, 4, 2], [10, 30, 20, 0, 25])!;
  assert.ok(Number.isFinite(gg.logLikelihood));
});

test('the grouped log-likelihood equals the sum of the customers\' own', () => {
  const x = [0, 0, 3, 3, 1, 40, 1000], tx = [0, 0, 20, 20, 5, 38, 10], T = [39, 30, 39, 39, 39, 39, 100];
  let direct = 0;
  for (let i = 0; i < x.length; i++) direct += bgnbdLogLikelihood(CDNOW, { x: x[i]!, tx: tx[i]!, T: T[i]! });
  const grouped = bgnbdTotalLogLikelihood(CDNOW, groupCustomers(x, tx, T));
  assert.ok(Math.abs(direct - grouped) < 1e-9 * Math.abs(direct), `${direct} vs ${grouped}`);
});

test('the Gamma-Gamma fit maximises the customers\' own log-likelihood', () => {
  const x = [1, 2, 3, 5, 2, 8, 1, 4], m = [12, 30, 22, 18, 55, 25, 9, 40];
  const fit = fitGammaGamma(x, m)!;
  let own = 0;
  for (let i = 0; i < x.length; i++) own += gammaGammaLogLikelihood(fit, x[i]!, m[i]!);
  assert.ok(Math.abs(own - fit.logLikelihood) < 1e-9 * Math.abs(own));
  for (const k of ['p', 'q', 'v'] as const) {
    let moved = 0;
    for (let i = 0; i < x.length; i++) moved += gammaGammaLogLikelihood({ ...fit, [k]: fit[k] * 1.01 }, x[i]!, m[i]!);
    assert.ok(moved <= own + 1e-9, `moving ${k} raised the likelihood`);
  }
});

test('predicting per distinct (x, t_x, T) gives each customer exactly their own prediction', () => {
  const x = [0, 0, 3, 3, 3, 1, 40, 1000, 2], tx = [0, 0, 20, 20, 20, 5, 38, 10, 30.43], T = [39, 30, 39, 39, 39, 39, 39, 100, 38.86];
  const meanSpend = [0, 0, 10, 50, 0, 12, 30, 20, 25];
  const stats = { customerId: Float64Array.from(x, (_, i) => i + 1), x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), meanSpend: Float64Array.from(meanSpend) };
  const fit = { calibrationEnd: '1997-09-30', unit: 'week' as const, bgnbd: { ...CDNOW, logLikelihood: 0 }, gammaGamma: { ...GG, logLikelihood: 0 }, customers: 9, repeatCustomers: 7, seconds: 0 };
  const pred = predictAll(fit, stats, 52, 0.01);
  assert.equal(pred.triples.x.length, 7);
  const observedMean = (10 + 50 + 12 + 30 + 20 + 25) / 6;
  for (let i = 0; i < x.length; i++) {
    const own = predictCustomer(CDNOW, GG, { x: x[i]!, tx: tx[i]!, T: T[i]!, meanSpend: meanSpend[i]! }, 52, 'week', 0.01, observedMean);
    assert.deepEqual(
      { pAlive: pred.pAlive[i], expectedPurchases: pred.expectedPurchases[i], expectedSpend: pred.expectedSpend[i], clv: pred.clv[i] }, own, `customer ${i}`);
  }
});
