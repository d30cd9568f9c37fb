/** The demo's journeys: every template installed, customers placed where their data puts them, with history. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadDemo } from '../demo/index.ts';
import { recompute } from '../models/index.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { listJourneys, seedDemoJourneys, stageCounts, stageStats } from './index.ts';

const ws = 'demo-j';
const now = Date.parse('2026-05-20T09:30:00+08:00');
let store: TestStore;
let placed: Record<string, number>;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  await loadDemo(store.db, { workspaceId: ws, seed: 7, customers: 300, endDate: '2026-05-20', now, batchSize: 200 });
  // As the demo command does: load, segment, then place the journeys (membership reads the value tiers).
  await recompute(store.db, ws, { asOf: now, cause: 'recompute' });
  placed = await seedDemoJourneys(store.db, ws, now);
});
after(() => store.close());

test('the five templates are installed and customers stand in plausible stages', async () => {
  const journeys = await listJourneys(store.db, ws);
  assert.deepEqual(journeys.map((j) => j.templateKey), ['purchase_frequency', 'membership', 'persona', 'product_interest', 'b2b_intent']);
  assert.ok(placed['购买频次']! > 0 && placed['会员价值']! > 0 && placed['用户画像']! > 0 && placed['意向阶段']! > 0, JSON.stringify(placed));
  const purchase = journeys[0]!;
  const counts = await stageCounts(store.db, ws, purchase, { scope: ALL_CUSTOMERS, now: new Date(now) });
  const [repeat] = await store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customer_aggregates a JOIN customers c USING (workspace_id, customer_id)
     WHERE a.workspace_id = $1 AND c.merged_into IS NULL AND a.paid_orders >= 2`, [ws]);
  assert.equal(counts.get(purchase.stages.find((s) => s.name === '多次购买')!.stageId), repeat!.n);
  // Product interest speaks the shop's language: its stages are the demo's most common interests.
  assert.ok(!journeys[3]!.stages.some((s) => s.name === '商品A'), journeys[3]!.stages.map((s) => s.name).join());
  const stats = await stageStats(store.db, ws, '购买频次', ALL_CUSTOMERS, {}, new Date(now));
  const following = stats.stages.find((s) => s.stage === '关注中')!;
  assert.ok(following.completedStays > 0 && following.medianDaysInStage !== null && following.conversionToNext! > 0, JSON.stringify(following));
});

test('seeding again changes where nobody stands', async () => {
  const before = await store.db.query(`SELECT customer_id, tag_id FROM customer_tags ct JOIN journeys j USING (workspace_id, group_id) WHERE ct.workspace_id = $1 ORDER BY 1, 2`, [ws]);
  await seedDemoJourneys(store.db, ws, now);
  const after = await store.db.query(`SELECT customer_id, tag_id FROM customer_tags ct JOIN journeys j USING (workspace_id, group_id) WHERE ct.workspace_id = $1 ORDER BY 1, 2`, [ws]);
  assert.deepEqual(after, before);
});
