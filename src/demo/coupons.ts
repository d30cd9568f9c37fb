/**
 * The demo's coupons: the two the example SOPs and rules hand out (CPN-PRODUCT-A-20,
 * CPN-VIP-50), issued to buyers over the last three weeks — some used on an order, some
 * lapsed, the rest open with their reminder tasks coming. Loading again adds nothing.
 */
import { defineCoupon, issueCoupon, processCoupons, redeemCoupon } from '../coupons/index.ts';
import type { Db } from '../store/db.ts';
import { DEMO_ACTOR } from './load.ts';
import { createRng } from './random.ts';

export interface DemoCouponsResult { defined: number; issued: number; redeemed: number; lapsed: number; reminders: number }

const DAY = 86_400_000;

export async function seedDemoCoupons(db: Db, ws: string, now: number, seed = 1): Promise<DemoCouponsResult> {
  await defineCoupon(db, ws, { couponId: 'CPN-PRODUCT-A-20', name: '新品尝鲜 满99减20', value: 20, minSpend: 99, validDays: 14, remindDays: 3 }, DEMO_ACTOR);
  await defineCoupon(db, ws, { couponId: 'CPN-VIP-50', name: 'VIP 专享 满300减50', value: 50, minSpend: 300, validDays: 30, remindDays: 5 }, DEMO_ACTOR);
  const result: DemoCouponsResult = { defined: 2, issued: 0, redeemed: 0, lapsed: 0, reminders: 0 };
  const [done] = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM coupon_issues WHERE workspace_id = $1) AS any`, [ws]);
  if (done!.any) return result;
  const buyers = await db.query<{ customer_id: number; owner: string | null; paid_orders: number }>(
    `SELECT c.customer_id, COALESCE(c.owner_staff, a.added_by_staff) AS owner, a.paid_orders FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id)
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND a.paid_orders > 0 AND COALESCE(c.owner_staff, a.added_by_staff) IS NOT NULL ORDER BY c.customer_id`, [ws]);
  const rng = createRng(seed, 92_000);
  for (const b of rng.sample(buyers, Math.min(60, buyers.length))) {
    const vip = b.paid_orders >= 3;
    const couponId = vip ? 'CPN-VIP-50' : 'CPN-PRODUCT-A-20';
    const issuedAt = now - rng.int(1, 20) * DAY - rng.int(0, 8) * 3_600_000;
    const { issue } = await issueCoupon(db, ws, {
      couponId, customerId: Number(b.customer_id), staffId: b.owner, source: { type: 'staff', id: b.owner! }, issueId: `demo:${b.customer_id}:${couponId}`,
    }, { now: issuedAt, actor: { kind: 'staff', id: b.owner! } });
    result.issued++;
    const usedAt = issuedAt + rng.int(1, 6) * DAY;
    if (rng.chance(0.35) && usedAt < now && usedAt < Date.parse(issue.expiresAt)) {
      await redeemCoupon(db, ws, issue.issueId, { now: usedAt, actor: DEMO_ACTOR, orderId: `DEMO-CPN-${b.customer_id}` });
      result.redeemed++;
    }
  }
  await processCoupons(db, ws, now);
  const [r] = await db.query<{ n: number; lapsed: number }>(
    `SELECT (SELECT count(*)::int FROM outreach_tasks WHERE workspace_id = $1 AND dedupe_key LIKE 'coupon-reminder:%' AND status = 'pending') AS n,
            (SELECT count(*)::int FROM coupon_issues WHERE workspace_id = $1 AND status = 'expired') AS lapsed`, [ws]);
  result.reminders = r!.n;
  result.lapsed = r!.lapsed;
  return result;
}
