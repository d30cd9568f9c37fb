/** The focus list against the store: a staff member's candidates in one query, ranked by the pure core. */
import { SiyuError } from '../shared/errors.ts';
import { scopeCondition } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { DEFAULT_FOCUS_OPTIONS, rankFocus, type FocusCandidate, type FocusEntry, type FocusOptions } from './focus-rank.ts';

const ms = (v: unknown): number | null => (v == null ? null : new Date(v as string).getTime());

export async function focusList(
  q: Queryable, ws: string, staffId: string, now: Date, limit = 20, opts: Partial<FocusOptions> = {},
): Promise<{ staffId: string; asOf: string; entries: FocusEntry[] }> {
  if (!staffId?.trim()) throw new SiyuError('validation_failed', 'staff: give the staff member whose focus list to show');
  const o = { ...DEFAULT_FOCUS_OPTIONS, ...opts };
  const scope = scopeCondition({ kind: 'staff', staffId }, 'c', 2);
  const rows = await q.query<Record<string, unknown>>(
    `SELECT c.customer_id, COALESCE(c.name, a.name) AS name, m.trust_level, m.lifecycle_ecommerce, m.lifecycle_sales, m.rfm_segment, m.value_tier,
            a.paid_orders, a.paid_fen - a.refunded_fen AS net_fen, a.last_paid_at, a.last_intent_at, a.last_intent_keyword,
            GREATEST(a.last_private_chat_at, (SELECT max(t.at) FROM contact_touches t WHERE t.workspace_id = c.workspace_id
              AND t.customer_id = c.customer_id AND t.outcome = 'sent' AND t.at <= $3::timestamptz)) AS last_contact_at,
            v.clv, v.p_alive
     FROM customers c
     JOIN customer_models m ON m.workspace_id = c.workspace_id AND m.customer_id = c.customer_id
     JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     LEFT JOIN customer_clv v ON v.workspace_id = c.workspace_id AND v.customer_id = c.customer_id
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND ${scope.sql}
       AND (m.rfm_segment IN ('重要挽留客户', '重要保持客户') OR m.lifecycle_ecommerce = '超级用户' OR m.lifecycle_sales = '超级用户'
            OR m.trust_level = 5 OR (m.trust_level = 3 AND a.paid_orders = 0))`,
    [ws, ...scope.params, now.toISOString()],
  );
  const candidates: FocusCandidate[] = rows.map((r) => ({
    customerId: Number(r.customer_id), name: r.name as string | null, trustLevel: Number(r.trust_level),
    lifecycleEcommerce: r.lifecycle_ecommerce as string | null, lifecycleSales: r.lifecycle_sales as string | null,
    rfmSegment: r.rfm_segment as string | null, valueTier: r.value_tier as string | null, paidOrders: Number(r.paid_orders),
    paidFen: Math.max(0, Number(r.net_fen ?? 0)), lastPaidAt: ms(r.last_paid_at), lastContactAt: ms(r.last_contact_at),
    lastIntentAt: ms(r.last_intent_at), lastIntentKeyword: r.last_intent_keyword as string | null,
    clv: r.clv == null ? null : Number(r.clv), pAlive: r.p_alive == null ? null : Number(r.p_alive),
  }));
  return { staffId, asOf: now.toISOString(), entries: rankFocus(candidates, now.getTime(), Math.min(Math.max(limit, 1), 200), o) };
}
