import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi } from '../http/testing.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { modelMovement } from './index.ts';

const WS = 'movement';
let store: TestStore;

// customer → owner, and its trust history: [from, to, at]
const HISTORY: [number, string, [string | null, string, string][]][] = [
  [1, 'zhang', [[null, 'L0', '2026-10-01'], ['L0', 'L2', '2026-11-05'], ['L2', 'L3', '2026-11-10']]],
  [2, 'zhang', [['L2', 'L3', '2026-11-06']]],
  [3, 'li', [['L3', 'L4', '2026-11-07'], ['L4', 'L3', '2026-11-08']]], // went up and came back: no net flow
  [4, 'li', [['L2', 'L3', '2026-11-12']]],
];

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS, timeZone: 'Asia/Shanghai' });
  for (const [id, owner, rows] of HISTORY) {
    await store.db.query(`INSERT INTO customers (workspace_id, customer_id, name, owner_staff) VALUES ($1, $2, $3, $4)`, [WS, id, `客户${id}`, owner]);
    for (const [from, to, day] of rows) {
      await store.db.query(
        `INSERT INTO model_history (workspace_id, customer_id, model, from_value, to_value, at, cause) VALUES ($1, $2, 'trust', $3, $4, $5::timestamptz, 'event')`,
        [WS, id, from, to, `${day}T12:00:00+08:00`],
      );
    }
  }
  await store.db.query(`INSERT INTO model_history (workspace_id, customer_id, model, from_value, to_value, at, cause) VALUES ($1, 1, 'value_tier', '普通', '核心', '2026-11-09T12:00:00+08:00', 'event')`, [WS]);
});
after(() => store.close());

const flows = (m: { flows: { from: string | null; to: string | null; customers: number }[] }) => m.flows.map((f) => `${f.from ?? '∅'}→${f.to}:${f.customers}`);

test('start-of-range to end-of-range flows per customer, for one model', async () => {
  const m = await modelMovement(store.db, WS, { model: 'trust', from: new Date('2026-11-01T00:00:00+08:00'), to: new Date('2026-12-01T00:00:00+08:00') });
  assert.deepEqual(flows(m), ['L2→L3:2', 'L0→L3:1']);
  assert.equal(m.customers, 4, 'customer 3 changed, but ended where it started');
  assert.equal(m.changes, 6);
  const all = await modelMovement(store.db, WS, { model: 'trust', from: new Date('2026-09-01T00:00:00+08:00'), to: new Date('2026-12-01T00:00:00+08:00') });
  assert.deepEqual(flows(all), ['L2→L3:2', '∅→L3:1'], 'a first placement has no "from"');
  const tier = await modelMovement(store.db, WS, { model: 'value_tier', from: new Date('2026-11-01T00:00:00+08:00'), to: new Date('2026-12-01T00:00:00+08:00') });
  assert.deepEqual(flows(tier), ['普通→核心:1']);
});

test('a staff member sees only their own customers; bad input is named', async () => {
  const m = await modelMovement(store.db, WS, { model: 'trust', from: new Date('2026-11-01T00:00:00+08:00'), to: new Date('2026-12-01T00:00:00+08:00'), scope: { kind: 'staff', staffId: 'li' } });
  assert.deepEqual(flows(m), ['L2→L3:1']);
  await assert.rejects(modelMovement(store.db, WS, { model: 'nope' as 'trust', from: new Date(0), to: new Date(1) }), /model: "nope"/);
  await assert.rejects(modelMovement(store.db, WS, { model: 'trust', from: new Date(2), to: new Date(1) }), /from: must be before to/);
});

test('over HTTP: dates in the workspace zone, rfm_segment accepted, scope applied', async () => {
  const api = testApi(store.db, { workspace: WS, now: () => Date.parse('2026-12-01T12:00:00+08:00') });
  const r = await api.get('/api/v1/models/movement?model=trust&from=2026-11-06&to=2026-11-10');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(flows(r.json), ['L2→L3:2'], 'customer 1 stood at L2 on the 6th');
  assert.equal((await api.get('/api/v1/models/movement?model=rfm_segment&from=2026-11-01')).status, 200);
  assert.equal((await api.get('/api/v1/models/movement?model=trust&from=yesterday')).status, 422);
  const li = await api.as({ role: 'staff', staffId: 'li' }).get('/api/v1/models/movement?model=trust&from=2026-11-01&to=2026-11-30');
  assert.equal(li.status, 200, li.text);
  assert.deepEqual(flows(li.json), ['L2→L3:1']);
});
