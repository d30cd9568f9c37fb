/**
 * Predicted value over HTTP: fits, distribution, ranked predictions and one customer's
 * prediction; staff see only their own customers' predictions and no workspace totals.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import { refitClv } from '../models/index.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'clv-routes';
let store: TestStore;
let admin: TestApi;
let li: TestApi;
let ids: number[];
const now = Date.parse('2026-11-20T10:00:00+08:00');

before(async () => {
  store = await openOutreachStore(WS);
  // 0, 1, 2: zhang's; 3: li's.
  ids = await seedCustomers(store.db, WS, [{}, {}, {}, { owner: 'li' }]);
  const orders: [number, string, number][] = [
    [ids[0]!, '2026-01-05', 10000], [ids[0]!, '2026-03-05', 20000], [ids[0]!, '2026-10-05', 15000],
    [ids[1]!, '2026-02-01', 5000], [ids[1]!, '2026-02-08', 0],
    [ids[2]!, '2026-06-01', 8000],
    [ids[3]!, '2026-01-01', 3000], [ids[3]!, '2026-05-01', 4000], [ids[3]!, '2026-11-01', 6000],
  ];
  for (const [i, [id, day, fen]] of orders.entries()) {
    await store.db.query(`INSERT INTO orders (workspace_id, order_id, customer_id, paid_at, amount_fen) VALUES ($1, $2, $3, $4::timestamptz, $5)`,
      [WS, `o${i}`, id, `${day}T12:00:00+08:00`, fen]);
  }
  await refitClv(store.db, WS, null, now);
  admin = testApi(store.db, { workspace: WS, now: () => now });
  li = admin.as({ role: 'staff', staffId: 'li' });
});
after(() => store.close());

test('a customer\'s prediction: P(alive), expected purchases, spend and CLV; staff only for their own customers', async () => {
  const mine = await li.get(`/api/v1/customers/${ids[3]}/clv`);
  assert.equal(mine.status, 200, mine.text);
  const p = mine.json.prediction;
  assert.equal(p.x, 2);
  assert.ok(p.pAlive > 0 && p.pAlive <= 1 && p.clv > 0 && p.expectedPurchases > 0, mine.text);
  assert.equal(p.unit, 'week');
  assert.equal((await li.get(`/api/v1/customers/${ids[0]}/clv`)).status, 404, 'zhang\'s customer is not li\'s to see');
  assert.equal((await admin.get(`/api/v1/customers/${ids[0]}/clv`)).status, 200);
});

test('predictions and the distribution are of the caller\'s customers; staff get no workspace totals', async () => {
  const all = await admin.get('/api/v1/clv/predictions?sort=atStake');
  assert.equal(all.status, 200, all.text);
  assert.equal(all.json.total, 4);
  const stakes = all.json.items.map((i: any) => i.clv * (1 - i.pAlive));
  assert.deepEqual(stakes, [...stakes].sort((a: number, b: number) => b - a));
  const own = await li.get('/api/v1/clv/predictions');
  assert.deepEqual(own.json.items.map((i: any) => i.customerId), [ids[3]]);

  const d = await admin.get('/api/v1/clv/distribution');
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.customers, 4);
  assert.equal(d.json.clv.reduce((s: number, b: any) => s + b.customers, 0), 4);
  assert.equal(d.json.pAlive.reduce((s: number, b: any) => s + b.customers, 0), 4);
  assert.equal(d.json.fit.customers, 4);
  const ld = await li.get('/api/v1/clv/distribution');
  assert.equal(ld.json.customers, 1);
  assert.equal(ld.json.fit.customers, null);

  const fits = await li.get('/api/v1/clv/fits');
  assert.equal(fits.status, 200, fits.text);
  assert.equal(fits.json[0].customers, null);
  assert.ok(fits.json[0].bgnbd.r > 0);
  assert.equal((await admin.get('/api/v1/clv/fits')).json[0].customers, 4);
  assert.equal((await admin.get('/api/v1/clv/predictions?limit=0')).status, 422);
});
