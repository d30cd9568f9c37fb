/**
 * On the demo workspace: the incremental path (events re-place only the customers they
 * touch) gives the same placements as a full recompute, and every level, stage, segment
 * and tier has customers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ingestEvents } from '../events/index.ts';
import { generateDemo } from '../demo/index.ts';
import { recompute, segmentDistribution } from './index.ts';

test('incremental placement equals a full recompute, and the demo fills every placement', async () => {
  const store = await openTestStore();
  try {
    const ws = 'demo-models';
    await ensureWorkspace(store.db, { workspaceId: ws });
    const demo = generateDemo({ seed: 11, customers: 800, endDate: '2026-11-30' });
    const now = Date.parse('2026-11-30T00:00:00+08:00');
    const events = demo.events;
    const cut = Math.floor(events.length * 0.7);
    const send = async (part: readonly unknown[]) => {
      for (let i = 0; i < part.length; i += 3000) {
        const r = await ingestEvents(store.db, ws, part.slice(i, i + 3000), { now, source: 'demo' });
        assert.equal(r.rejected.length, 0, JSON.stringify(r.rejected.slice(0, 3)));
      }
    };
    await send(events.slice(0, cut));
    await recompute(store.db, ws, { asOf: now });
    // The rest arrives as events: only the customers they touch are placed again.
    await send(events.slice(cut));
    const snapshot = () => store.db.query(
      `SELECT m.customer_id, m.trust_level, m.trust_computed, m.trust_evidence, m.lifecycle_ecommerce, m.lifecycle_sales,
              m.rfm_r, m.rfm_f, m.rfm_m, m.rfm_segment, m.rfm_scores, m.value_tier, m.value_evidence, m.engagement_log2,
              (SELECT string_agg(t.name, ',' ORDER BY t.name) FROM customer_tags ct JOIN tags t USING (workspace_id, tag_id)
               WHERE ct.workspace_id = m.workspace_id AND ct.customer_id = m.customer_id AND ct.source = 'system') AS system_tags
       FROM customer_models m JOIN customers c USING (workspace_id, customer_id)
       WHERE m.workspace_id = $1 AND c.merged_into IS NULL ORDER BY m.customer_id`, [ws]);
    const incremental = await snapshot();
    const full = await recompute(store.db, ws, { asOf: now, keepStats: true });
    assert.equal(full.moved, 0, 'a full recompute with the same lines moves nobody');
    assert.deepEqual(await snapshot(), incremental);

    await recompute(store.db, ws, { asOf: now });
    const d = await segmentDistribution(store.db, ws);
    const live = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers WHERE workspace_id = $1 AND merged_into IS NULL`, [ws]);
    assert.equal(d.customers, live[0]!.n);
    for (const [model, values] of Object.entries(d.models)) {
      for (const v of values) {
        if (v.value === '(no order)') continue;
        assert.ok(v.count > 0, `${model} ${v.value} is empty on the demo workspace`);
      }
      assert.equal(values.reduce((s, v) => s + v.count, 0), d.customers, `${model} places everyone once`);
    }
  } finally {
    await store.close();
  }
});
