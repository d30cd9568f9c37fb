import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { importFile } from '../imports/index.ts';
import { tempFiles, type TempFiles } from '../imports/test-files.ts';
import { fitWorkspaceClv, getCustomerClv, listClvFits, recompute } from './index.ts';
import { predictCustomer } from './clv.ts';
import { countAudience } from '../audiences/index.ts';
import { exportCustomers, toCsv } from '../customers/index.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';

let store: TestStore;
let files: TempFiles;
const now = Date.parse('2026-12-01T00:00:00Z');
// ../shared beside the repository (or beside the worktrees' folder, for a git worktree).
const CDNOW = ['../../../shared/data/cdnow/CDNOW_sample.txt', '../../../../shared/data/cdnow/CDNOW_sample.txt']
  .map((p) => fileURLToPath(new URL(p, import.meta.url))).find((p) => existsSync(p)) ?? '../shared/data/cdnow/CDNOW_sample.txt';

before(async () => {
  store = await openTestStore();
  files = tempFiles();
});
after(async () => {
  await store.close();
  files.remove();
});

const importOrders = (workspaceId: string, lines: string[]) =>
  importFile(store.db, { kind: 'orders', path: files.write(`${workspaceId}.csv`, ['order_id,paid_at,amount,external_user_id', ...lines].join('\n')), workspaceId, now });

const sig3 = (v: number) => Number(v.toPrecision(3));

test('CDNOW sample: BG/NBD and Gamma-Gamma equal the published estimates to three significant digits', { skip: existsSync(CDNOW) ? false : `${CDNOW} is absent: the CDNOW validation needs ../shared/data` }, async () => {
  const ws = 'cdnow';
  await ensureWorkspace(store.db, { workspaceId: ws, timeZone: 'UTC' });
  // Columns: master id, sample id, date YYYYMMDD, number of CDs, USD. A zero amount is a free order, still an order.
  const rows = readFileSync(CDNOW, 'utf8').split(/\r?\n/).filter((l) => l.trim()).map((l, i) => {
    const [id, , date, , usd] = l.trim().split(/\s+/);
    return `o${i},${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6, 8)},${usd},cdnow-${id}`;
  });
  assert.equal(rows.length, 6919);
  const summary = await importOrders(ws, rows);
  assert.equal(summary.rowsRejected, 0, JSON.stringify(summary));
  const { fit } = await fitWorkspaceClv(store.db, ws, { calibrationEnd: '1997-09-30', unit: 'week' });
  assert.equal(fit.customers, 2357);
  assert.equal(fit.repeatCustomers, 946);
  // Fader, Hardie & Lee (2005), "Counting your customers the easy way", table 1.
  const bg = fit.bgnbd!;
  assert.deepEqual([sig3(bg.r), sig3(bg.alpha), sig3(bg.a), sig3(bg.b)], [0.243, 4.41, 0.793, 2.43]);
  assert.ok(Math.abs(bg.logLikelihood - -9582.4) < 0.05, `log-likelihood ${bg.logLikelihood}`);
  // Fader & Hardie, "The Gamma-Gamma model of monetary value" (2013), CDNOW in dollars.
  const gg = fit.gammaGamma!;
  assert.deepEqual([sig3(gg.p), sig3(gg.q), sig3(gg.v)], [6.25, 3.74, 15.4]);
});

test('statistics from orders: same-day orders are one transaction, a free order counts, the calibration end cuts, units scale', async () => {
  const ws = 'clv-stats';
  await ensureWorkspace(store.db, { workspaceId: ws, timeZone: 'Asia/Shanghai' });
  const summary = await importOrders(ws, [
    // a: first day two orders (one transaction), a free repeat order, one more after the calibration end.
    'a1,2026-01-01 09:00,10.00,wm-a', 'a2,2026-01-01 20:00,5.00,wm-a', 'a3,2026-01-15,0,wm-a', 'a4,2026-01-29,30.00,wm-a', 'a5,2026-03-01,99,wm-a',
    // b: one order only.
    'b1,2026-01-08,50,wm-b',
    // c: first order after the calibration end: not in the fit.
    'c1,2026-02-20,50,wm-c',
  ]);
  assert.equal(summary.rowsRejected, 0, JSON.stringify(summary));
  const { fit, stats } = await fitWorkspaceClv(store.db, ws, { calibrationEnd: '2026-02-12', unit: 'day' });
  assert.equal(fit.customers, 2);
  assert.equal(fit.repeatCustomers, 1);
  const a = [...stats.x].findIndex((x) => x === 2);
  assert.ok(a >= 0, 'a has two repeat transactions');
  assert.equal(stats.tx[a], 28);
  assert.equal(stats.T[a], 42);
  // Mean of the repeat transactions: (0 + 30) / 2 yuan.
  assert.equal(stats.meanSpend[a], 15);
  const weeks = await fitWorkspaceClv(store.db, ws, { calibrationEnd: '2026-02-12', unit: 'week' });
  assert.equal(weeks.stats.tx[a], 4);
  assert.equal(weeks.stats.T[a], 6);
  await assert.rejects(fitWorkspaceClv(store.db, ws, { calibrationEnd: '2026-02-30' }), /calibration end "2026-02-30" is not a date/);
});

test('a recompute fits predicted value, keeps the fit with its run, and stores each customer\'s prediction', async () => {
  const ws = 'clv-recompute';
  await ensureWorkspace(store.db, { workspaceId: ws, timeZone: 'Asia/Shanghai' });
  const lines: string[] = [];
  // Regular buyers, lapsed buyers and one-time buyers.
  for (let i = 0; i < 30; i++) {
    const n = i % 3 === 0 ? 1 : i % 3 === 1 ? 6 : 4;
    for (let k = 0; k < n; k++) {
      const day = i % 3 === 2 ? 1 + k * 7 : 1 + k * 30;
      const d = new Date(Date.UTC(2026, 0, 1) + (day + (i % 5)) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`o${i}-${k},${d},${10 + i},wm-${i}`);
    }
  }
  await importOrders(ws, lines);
  const result = await recompute(store.db, ws, { asOf: Date.parse('2026-07-01T00:00:00+08:00') });
  assert.equal(result.status, 'done');
  const [fit] = await listClvFits(store.db, ws);
  assert.equal(fit!.runId, result.runId);
  assert.equal(fit!.calibrationEnd, '2026-07-01');
  assert.equal(fit!.customers, 30);
  assert.ok(Number.isFinite(fit!.bgnbd!.logLikelihood));
  const [{ customer_id: regular } = { customer_id: 0 }] = await store.db.query<{ customer_id: number }>(
    `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND value = 'wm-1'`, [ws]);
  const [{ customer_id: lapsed } = { customer_id: 0 }] = await store.db.query<{ customer_id: number }>(
    `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND value = 'wm-2'`, [ws]);
  const r = (await getCustomerClv(store.db, ws, regular))!;
  const l = (await getCustomerClv(store.db, ws, lapsed))!;
  assert.ok(r.pAlive > l.pAlive, `the monthly buyer up to June (${r.pAlive}) is likelier alive than the weekly buyer who stopped in January (${l.pAlive})`);
  for (const v of [r.clv, r.expectedPurchases, r.expectedSpend, l.clv]) assert.ok(Number.isFinite(v) && v >= 0);
  assert.equal(r.horizonMonths, 12);
  // Every stored row is exactly that customer's own prediction from the fit.
  const stored = await store.db.query<{ customer_id: string | number; repeats: number; t_x: number; t_cal: number; mean_spend: number; p_alive: number; expected_purchases: number; expected_spend: number; clv: number }>(
    `SELECT customer_id, repeats, t_x, t_cal, mean_spend, p_alive, expected_purchases, expected_spend, clv FROM customer_clv WHERE workspace_id = $1 ORDER BY customer_id`, [ws]);
  assert.equal(stored.length, 30);
  const observed = stored.filter((s) => s.repeats > 0 && s.mean_spend > 0);
  const observedMean = observed.reduce((n, s) => n + s.mean_spend, 0) / observed.length;
  for (const s of stored) {
    const own = predictCustomer(fit!.bgnbd!, fit!.gammaGamma!, { x: s.repeats, tx: s.t_x, T: s.t_cal, meanSpend: s.mean_spend }, fit!.horizon, fit!.unit, fit!.monthlyDiscount, observedMean);
    assert.deepEqual({ pAlive: s.p_alive, expectedPurchases: s.expected_purchases, expectedSpend: s.expected_spend }, { pAlive: own.pAlive, expectedPurchases: own.expectedPurchases, expectedSpend: own.expectedSpend }, `customer ${s.customer_id}`);
    assert.ok(Math.abs(s.clv - own.clv) <= 1e-12 * Math.max(1, own.clv), `customer ${s.customer_id}: ${s.clv} vs ${own.clv}`);
  }
  // The audience filter reads the stored predictions.
  const likelyGone = await countAudience(store.db, ws, { field: 'pAlive', op: 'lt', value: (r.pAlive + l.pAlive) / 2 }, ALL_CUSTOMERS);
  const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customer_clv WHERE workspace_id = $1 AND p_alive < $2`, [ws, (r.pAlive + l.pAlive) / 2]);
  assert.ok(likelyGone > 0 && likelyGone < 30);
  assert.equal(likelyGone, n);
  assert.equal(await countAudience(store.db, ws, { field: 'clv', op: 'gte', value: 0 }, ALL_CUSTOMERS), 30);
  // The export carries the same predictions, as the last CSV columns.
  const records = [];
  for await (const rec of exportCustomers(store.db, ws)) records.push(rec);
  const mine = records.find((rec) => rec.customerId === regular)!;
  assert.deepEqual([mine.predicted!.pAlive, mine.predicted!.clv, mine.predicted!.clvX], [r.pAlive, r.clv, r.x]);
  const csv: string[] = [];
  for await (const line of toCsv((async function* () { yield mine; })())) csv.push(line.trimEnd());
  assert.match(csv[0]!, /,clv_x,clv_t_x,clv_t,expected_purchases,p_alive,expected_spend,clv$/);
  assert.ok(csv[1]!.endsWith(`,${r.expectedSpend},${r.clv}`));
});
