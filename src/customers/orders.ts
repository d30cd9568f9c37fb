/** A customer's orders, newest first (those of records merged into them included), amounts in yuan. */
import type { Queryable } from '../store/db.ts';

export interface CustomerOrder {
  orderId: string;
  platform: string | null;
  paidAt: string | null;
  /** Yuan with two decimals, as the API writes money. */
  amount: string | null;
  refunded: string;
  items: unknown[];
}

const yuan = (fen: string | number): string => {
  const n = BigInt(fen);
  return `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;
};

export async function customerOrders(q: Queryable, ws: string, customerId: number, limit = 50): Promise<{ items: CustomerOrder[]; total: number }> {
  const where = `o.workspace_id = $1 AND (o.customer_id = $2 OR o.customer_id IN (SELECT customer_id FROM customers WHERE workspace_id = $1 AND merged_into = $2))`;
  const rows = await q.query<{ order_id: string; platform: string | null; paid_at: Date | string | null; amount_fen: string | number | null; refunded_fen: string | number; items: unknown[] }>(
    `SELECT o.order_id, o.platform, o.paid_at, o.amount_fen, o.refunded_fen, o.items FROM orders o
     WHERE ${where} ORDER BY o.paid_at DESC NULLS LAST, o.order_id LIMIT $3`,
    [ws, customerId, limit],
  );
  const [count] = await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM orders o WHERE ${where}`, [ws, customerId]);
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      orderId: r.order_id, platform: r.platform, paidAt: r.paid_at === null ? null : new Date(r.paid_at).toISOString(),
      amount: r.amount_fen === null ? null : yuan(r.amount_fen), refunded: yuan(r.refunded_fen), items: r.items ?? [],
    })),
  };
}
