/** Test fixture: a store with a workspace and some customers, made the way production makes them (events). */
import { ingestEvents } from '../events/index.ts';
import type { Db } from '../store/db.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';

export interface TagFixture {
  store: TestStore;
  db: Db;
  /** Customer ids, in the order they were created. */
  customers: number[];
}

export async function openTagFixture(workspaceId: string, customerCount: number): Promise<TagFixture> {
  const store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId });
  const customers = await addCustomers(store.db, workspaceId, customerCount, 'fixture');
  return { store, db: store.db, customers };
}

export async function addCustomers(db: Db, workspaceId: string, count: number, prefix: string): Promise<number[]> {
  const events = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`, type: 'contact.added', occurredAt: '2026-11-01T10:00:00+08:00',
    customer: { externalUserId: `${prefix}-wm-${i}` }, staffId: 'zhang', data: { channel: 'store' },
  }));
  const r = await ingestEvents(db, workspaceId, events, { now: Date.parse('2026-11-02T00:00:00Z') });
  if (r.accepted.length !== count) throw new Error(`fixture: ${r.rejected.map((x) => x.reason).join('; ')}`);
  return r.accepted.map((a) => a.customerId);
}

export interface AuditEntry {
  actor_kind: string;
  actor_id: string | null;
  action: string;
  customer_id: number | null;
  details: Record<string, unknown>;
}

/** Audit rows written after `sinceId`, oldest first. */
export async function auditSince(db: Db, workspaceId: string, sinceId: number): Promise<AuditEntry[]> {
  return db.query<AuditEntry>(
    `SELECT actor_kind, actor_id, action, customer_id, details FROM audit_log WHERE workspace_id = $1 AND audit_id > $2 ORDER BY audit_id`,
    [workspaceId, sinceId],
  );
}

export async function lastAuditId(db: Db, workspaceId: string): Promise<number> {
  const [r] = await db.query<{ id: number | null }>(`SELECT max(audit_id) AS id FROM audit_log WHERE workspace_id = $1`, [workspaceId]);
  return r?.id ?? 0;
}
