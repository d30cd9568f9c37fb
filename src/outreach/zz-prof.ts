import { openStore, storeConfigFromEnv } from '../store/open.ts';
import { audienceWhere } from '../audiences/index.ts';
const store = await openStore(storeConfigFromEnv(), 'prof');
const db = store.db;
const w = await audienceWhere(db, 'default', { field: 'trustLevel', op: 'gte', value: 2 }, { kind: 'all' }, {});
const b = w.params.length;
const sql = `WITH page AS MATERIALIZED (
    SELECT c.workspace_id, c.customer_id, c.name, c.owner_staff FROM customers c
    WHERE ${w.sql} AND c.customer_id > $${b + 4}::bigint ORDER BY c.customer_id LIMIT $${b + 5}::int),
  touches AS (
    SELECT t.customer_id,
      array_agg((extract(epoch FROM t.at) * 1000)::float8) FILTER (WHERE t.purpose = 'marketing' AND t.at > $${b + 1}::timestamptz AND t.at < $${b + 2}::timestamptz) AS marketing_touches,
      array_agg((extract(epoch FROM t.at) * 1000)::float8) FILTER (WHERE t.mass AND t.channel = 'private_chat' AND t.at > $${b + 1}::timestamptz AND t.at < $${b + 2}::timestamptz) AS mass_touches,
      bool_or(t.content_key = $${b + 3}::text) AS received
    FROM contact_touches t JOIN page p ON p.customer_id = t.customer_id
    WHERE t.workspace_id = $1 AND t.outcome IN ('planned', 'sent')
      AND ((t.at > $${b + 1}::timestamptz AND t.at < $${b + 2}::timestamptz) OR t.content_key = $${b + 3}::text)
    GROUP BY t.customer_id),
  followers AS (
    SELECT f.customer_id, min(f.staff_id) AS staff_id FROM customer_followers f JOIN page p ON p.customer_id = f.customer_id
    WHERE f.workspace_id = $1 AND f.removed_at IS NULL GROUP BY f.customer_id)
  SELECT p.customer_id, COALESCE(p.name, a.name) AS explicit_name, COALESCE(p.owner_staff, a.added_by_staff, fo.staff_id) AS staff_id,
    m.trust_level, COALESCE(tt.marketing_touches, '{}') AS marketing_touches, COALESCE(tt.mass_touches, '{}') AS mass_touches, COALESCE(tt.received, false) AS received
  FROM page p
  LEFT JOIN customer_aggregates a ON a.workspace_id = $1 AND a.customer_id = p.customer_id
  LEFT JOIN customer_models m ON m.workspace_id = $1 AND m.customer_id = p.customer_id
  LEFT JOIN followers fo ON fo.customer_id = p.customer_id
  LEFT JOIN touches tt ON tt.customer_id = p.customer_id
  ORDER BY p.customer_id`;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const rows = await db.query(sql, [...w.params, '2026-11-01', '2026-12-30', 'k', 0, 10000]);
  console.log(performance.now() - t, rows.length);
}
await store.close();
