/**
 * Demo journeys: the five templates installed and the demo's customers placed where their
 * data puts them — purchase frequency from their orders, membership from their value tier,
 * persona and product interest from the 人群 / 兴趣 tags staff gave them, intent from the
 * sales lifecycle — stage by stage at the moments it happened, so the board, the history
 * and the stage statistics have something to show. Set-based: a few statements per step.
 */
import type { Actor } from '../customers/index.ts';
import type { Queryable } from '../store/db.ts';
import { renameTag } from '../tags/index.ts';
import { atomically, getJourney, installTemplate, type Journey } from './journeys.ts';

const SYSTEM: Actor = { kind: 'system', id: 'demo' };

interface Placement {
  customer_id: number;
  stage: string;
  at: Date;
}

/** Put each customer in the named stage at `at` (a move when they stand elsewhere in the journey). */
async function place(tx: Queryable, ws: string, j: Journey, rows: readonly Placement[], source: 'system' | 'import'): Promise<number> {
  const byName = new Map(j.stages.map((s) => [s.name, s.stageId]));
  const ok = rows.filter((r) => byName.has(r.stage));
  if (ok.length === 0) return 0;
  const ids = ok.map((r) => r.customer_id);
  await tx.query(`DELETE FROM customer_tags WHERE workspace_id = $1 AND group_id = $2 AND customer_id = ANY($3::bigint[])`, [ws, j.groupId, ids]);
  await tx.query(
    `INSERT INTO customer_tags (workspace_id, customer_id, tag_id, group_id, exclusive, source, source_id, reason, tagged_at)
     SELECT $1, p.customer_id, p.tag_id, $2, true, $5, 'demo', '演示数据', p.at
     FROM unnest($3::bigint[], $4::bigint[], $6::timestamptz[]) AS p(customer_id, tag_id, at)`,
    [ws, j.groupId, ids, ok.map((r) => byName.get(r.stage)!), source, ok.map((r) => r.at.toISOString())],
  );
  await tx.query(
    `INSERT INTO audit_log (workspace_id, actor_kind, actor_id, action, customer_id, details, at)
     SELECT $1, $2, 'demo', 'tag.added', p.customer_id,
            jsonb_build_object('tag', $3::text || '/' || p.stage, 'source', $2::text, 'sourceId', 'demo', 'reason', '演示数据'), p.at
     FROM unnest($4::bigint[], $5::text[], $6::timestamptz[]) AS p(customer_id, stage, at)`,
    [ws, source, j.name, ids, ok.map((r) => r.stage), ok.map((r) => r.at.toISOString())],
  );
  return ok.length;
}

/**
 * 购买频次 as the demo's rules keep it (examples/rules/journeys-follow-models.json and
 * purchase-frequency.json): every contact enters 尚未购买; showing buying interest (trust L3,
 * a buying question, or an order) makes 关注中; then 已购买, 已入群, 多次购买.
 */
const PURCHASE_STEPS = `
  WITH base AS (
    SELECT c.customer_id, coalesce(a.added_at, a.first_seen_at, c.created_at) AS seen, a.first_paid_at, a.last_paid_at, a.paid_orders,
           a.group_interactions, a.last_intent_at, m.trust_level
    FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id) JOIN customer_models m USING (workspace_id, customer_id)
    WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND least(coalesce(a.added_at, a.first_seen_at, c.created_at), $2::timestamptz) <= $2
  ),
  warm AS (
    SELECT *, least(greatest(seen + interval '1 minute',
             coalesce(least(last_intent_at, first_paid_at - interval '1 minute'), seen + interval '1 day')), $2::timestamptz) AS warm_at
    FROM base
  )
  SELECT customer_id, step, stage, at FROM (
    SELECT customer_id, 1 AS step, '尚未购买' AS stage, least(seen, $2) AS at FROM warm
    UNION ALL
    SELECT customer_id, 2, '关注中', warm_at FROM warm WHERE trust_level >= 3 OR last_intent_at IS NOT NULL OR paid_orders >= 1
    UNION ALL
    SELECT customer_id, 3, '已购买', least(greatest(first_paid_at, warm_at + interval '1 minute'), $2) FROM warm WHERE paid_orders >= 1
    UNION ALL
    SELECT customer_id, 4, '已入群', least(greatest(first_paid_at, warm_at) + interval '2 days', $2)
    FROM warm WHERE paid_orders >= 1 AND group_interactions > 0
    UNION ALL
    SELECT customer_id, 5, '多次购买', least(greatest(last_paid_at, greatest(first_paid_at, warm_at) + interval '3 days'), $2)
    FROM warm WHERE paid_orders >= 2
  ) s ORDER BY step, customer_id`;

const TIER_TO_CARD: Record<string, string> = { 普通: '初级粉丝', 一般价值: '银卡', 中等价值: '金卡', 高价值: '黑金', 核心: '钻石' };

const MEMBERSHIP_STEPS = `
  SELECT c.customer_id, 1 AS step, '初级粉丝' AS stage, least(coalesce(a.added_at, a.first_seen_at, c.created_at), $2::timestamptz) AS at
  FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id) JOIN customer_models m USING (workspace_id, customer_id)
  WHERE c.workspace_id = $1 AND c.merged_into IS NULL
  UNION ALL
  SELECT c.customer_id, 2, m.value_tier, least(greatest(coalesce(a.last_paid_at, $2), coalesce(a.added_at, a.first_seen_at, c.created_at) + interval '1 minute'), $2)
  FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id) JOIN customer_models m USING (workspace_id, customer_id)
  WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND m.value_tier <> '普通'
  ORDER BY 2, 1`;

/** The demo's 人群 tags on the seed's personas; the rest (自由职业, 银发族 …) stay tags only, an operator may add stages for them. */
const PERSONA_OF: Record<string, string> = { 学生: '大学生', 大学生: '大学生', 白领: '白领', 蓝领: '蓝领', 宝妈: '宝妈', 富二代: '富二代' };

/** One tag per customer from a (multi-choice) demo group, the earliest they got among `names`. */
const FROM_GROUP = `
  SELECT DISTINCT ON (ct.customer_id) ct.customer_id, 1 AS step, t.name AS stage, least(ct.tagged_at, $2::timestamptz) AS at
  FROM customer_tags ct JOIN tags t ON t.workspace_id = ct.workspace_id AND t.tag_id = ct.tag_id
  JOIN tag_groups g ON g.workspace_id = ct.workspace_id AND g.group_id = ct.group_id
  JOIN customers c ON c.workspace_id = ct.workspace_id AND c.customer_id = ct.customer_id AND c.merged_into IS NULL
  WHERE ct.workspace_id = $1 AND g.name = $3 AND t.name = ANY($4::text[])
  ORDER BY ct.customer_id, array_position($4::text[], t.name)`;

const INTENT_STEPS = `
  SELECT c.customer_id, 1 AS step,
         CASE m.lifecycle_sales WHEN '潜在' THEN '兴趣' WHEN '意向' THEN CASE WHEN a.intent_hits >= 3 THEN '对比' ELSE '了解' END
              WHEN '首单' THEN '下定' WHEN '复购' THEN '下定' WHEN '超级用户' THEN CASE WHEN a.referrals > 0 THEN '转介绍' ELSE '下定' END END AS stage,
         least(coalesce(a.last_intent_at, a.last_paid_at, a.last_interaction_at, c.created_at), $2::timestamptz) AS at
  FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id) JOIN customer_models m USING (workspace_id, customer_id)
  WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND m.lifecycle_sales IN ('潜在', '意向', '首单', '复购', '超级用户')`;

async function runSteps(tx: Queryable, ws: string, j: Journey, sql: string, params: unknown[], source: 'system' | 'import', map?: (s: string) => string | undefined) {
  const rows = await tx.query<Placement & { step: number }>(sql, params);
  let placed = 0;
  const steps = [...new Set(rows.map((r) => r.step))].sort((a, b) => a - b);
  for (const step of steps) {
    const batch = rows.filter((r) => r.step === step).flatMap((r) => {
      const stage = map ? map(r.stage) : r.stage;
      return stage === undefined ? [] : [{ customer_id: r.customer_id, stage, at: r.at }];
    });
    placed += await place(tx, ws, j, batch, source);
  }
  return new Set(rows.map((r) => r.customer_id)).size === 0 ? 0 : placed;
}

/**
 * Install the five templates and place the demo customers. Run once after the demo's
 * events, models and profile tags are loaded; running it again re-places everyone (the
 * history then shows the re-placement as moves).
 */
export async function seedDemoJourneys(q: Queryable, ws: string, now: Date | number): Promise<Record<string, number>> {
  const at = new Date(now);
  return atomically(q, async (tx) => {
    const out: Record<string, number> = {};
    const purchase = await installTemplate(tx, ws, 'purchase_frequency', SYSTEM);
    out[purchase.name] = await runSteps(tx, ws, purchase, PURCHASE_STEPS, [ws, at], 'system');
    const membership = await installTemplate(tx, ws, 'membership', SYSTEM);
    out[membership.name] = await runSteps(tx, ws, membership, MEMBERSHIP_STEPS, [ws, at], 'system', (t) => TIER_TO_CARD[t] ?? t);
    const persona = await installTemplate(tx, ws, 'persona', SYSTEM);
    out[persona.name] = await runSteps(tx, ws, persona, FROM_GROUP, [ws, at, '人群', Object.keys(PERSONA_OF)], 'import', (t) => PERSONA_OF[t]);

    let interest = await installTemplate(tx, ws, 'product_interest', SYSTEM);
    // The demo shop sells fruit: its five most common interests take the places of 商品A…E.
    const top = await tx.query<{ name: string }>(
      `SELECT t.name FROM customer_tags ct JOIN tags t ON t.workspace_id = ct.workspace_id AND t.tag_id = ct.tag_id
       JOIN tag_groups g ON g.workspace_id = ct.workspace_id AND g.group_id = ct.group_id
       WHERE ct.workspace_id = $1 AND g.name = '兴趣' GROUP BY t.name ORDER BY count(*) DESC, t.name LIMIT 5`,
      [ws],
    );
    if (top.length > 0) {
      for (const [i, row] of top.entries()) {
        const stage = interest.stages[i];
        if (stage && stage.name !== row.name) await renameTag(tx, ws, stage.stageId, row.name, SYSTEM);
      }
      interest = await getJourney(tx, ws, interest.journeyId);
      out[interest.name] = await runSteps(tx, ws, interest, FROM_GROUP, [ws, at, '兴趣', top.map((t) => t.name)], 'import');
    } else out[interest.name] = 0;

    const intent = await installTemplate(tx, ws, 'b2b_intent', SYSTEM);
    out[intent.name] = await runSteps(tx, ws, intent, INTENT_STEPS, [ws, at], 'system');
    return out;
  });
}
