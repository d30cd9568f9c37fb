/** Test fixture: a store with a workspace and customers placed directly (trust, RFM, lifecycle). */
import type { Db } from '../store/db.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace, upsertStaff } from '../workspaces/index.ts';

export interface CustomerSeed {
  name?: string;
  /** A name learnt from events only (WeCom, the demo): the profile's own name stays empty. */
  learntName?: string;
  owner?: string | null;
  followers?: string[];
  trust?: number;
  rfm?: string | null;
  lifecycle?: string | null;
  valueTier?: string;
  paidOrders?: number;
  paidFen?: number;
  lastPaidAt?: string | null;
  lastPrivateChatAt?: string | null;
  lastIntentAt?: string | null;
}

export async function openOutreachStore(ws: string, timeZone = 'Asia/Shanghai'): Promise<TestStore> {
  const store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws, timeZone });
  await upsertStaff(store.db, ws, [{ staffId: 'zhang', name: '张三' }, { staffId: 'li', name: '李四' }]);
  return store;
}

/** Customers with their placements; returns their ids in order. */
export async function seedCustomers(db: Db, ws: string, seeds: CustomerSeed[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, s] of seeds.entries()) {
    const [{ id }] = (await db.query<{ id: number }>(`SELECT nextval('customer_id_seq')::int AS id`)) as [{ id: number }];
    ids.push(id);
    await db.query(
      `INSERT INTO customers (workspace_id, customer_id, name, owner_staff, added_at) VALUES ($1, $2, $3, $4, '2026-10-01T00:00:00Z')`,
      [ws, id, s.learntName ? null : s.name ?? `客户${i + 1}`, s.owner === undefined ? 'zhang' : s.owner],
    );
    await db.query(
      `INSERT INTO customer_aggregates (workspace_id, customer_id, paid_orders, paid_fen, last_paid_at, last_private_chat_at, last_intent_at, name)
       VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7::timestamptz, $8)`,
      [ws, id, s.paidOrders ?? 0, s.paidFen ?? 0, s.lastPaidAt ?? null, s.lastPrivateChatAt ?? null, s.lastIntentAt ?? null, s.learntName ?? null],
    );
    await db.query(
      `INSERT INTO customer_models (workspace_id, customer_id, trust_level, trust_computed, lifecycle_ecommerce, rfm_segment, value_tier, value_tier_computed, as_of, fingerprint)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $6, '2026-11-20T00:00:00Z', 'seed')`,
      [ws, id, s.trust ?? 3, s.lifecycle ?? null, s.rfm ?? null, s.valueTier ?? '普通'],
    );
    for (const f of s.followers ?? []) {
      await db.query(`INSERT INTO customer_followers (workspace_id, customer_id, staff_id, added_at) VALUES ($1, $2, $3, '2026-10-01T00:00:00Z')`, [ws, id, f]);
    }
  }
  return ids;
}
