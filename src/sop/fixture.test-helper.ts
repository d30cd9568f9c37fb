/** Test fixture: a workspace with a purchase-frequency journey group and customers made from events. */
import { ingestEvents } from '../events/index.ts';
import type { Db } from '../store/db.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { installTemplate } from '../journeys/index.ts';
import { tagCustomers, untagCustomers } from '../tags/index.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { createSop, type Sop } from './sops.ts';

export const WS = 'sop-test';
export const STAGES = ['关注中', '已购买', '已入群', '多次购买'] as const;
export type StageName = (typeof STAGES)[number];
export const at = (local: string): Date => new Date(`${local}+08:00`);

export interface SopFixture {
  store: TestStore;
  db: Db;
  customers: number[];
  stageTag: Record<StageName, number>;
}

export async function openSopFixture(customerCount: number): Promise<SopFixture> {
  const store = await openTestStore();
  const db = store.db;
  await ensureWorkspace(db, { workspaceId: WS });
  const journey = await installTemplate(db, WS, 'purchase_frequency', { kind: 'staff', id: 'admin' });
  const stageTag = {} as Record<StageName, number>;
  for (const s of STAGES) stageTag[s] = journey.stages.find((x) => x.name === s)!.stageId;
  await db.query(`INSERT INTO staff (workspace_id, staff_id, name) VALUES ($1, 'zhang', '张三')`, [WS]);
  const events = Array.from({ length: customerCount }, (_, i) => ({
    id: `c-${i}`, type: 'contact.added', occurredAt: '2026-11-01T10:00:00+08:00',
    customer: { externalUserId: `wm-${i}`, name: `客户${i}` }, staffId: 'zhang', data: { channel: 'store' },
  }));
  const r = await ingestEvents(db, WS, events, { now: Date.parse('2026-11-02T00:00:00Z') });
  if (r.accepted.length !== customerCount) throw new Error(`fixture: ${r.rejected.map((x) => x.reason).join('; ')}`);
  return { store, db, customers: r.accepted.map((a) => a.customerId), stageTag };
}

/** Put customers into a stage the way every path does (a tag change), at `now`. */
export async function moveTo(db: Db, stage: StageName, customerIds: number[], now: Date): Promise<void> {
  await tagCustomers(db, WS, { customerIds, tag: `购买频次/${stage}`, source: 'staff', actor: { kind: 'staff', id: 'zhang' }, now });
}

export async function takeOut(db: Db, stage: StageName, customerIds: number[], now: Date): Promise<void> {
  await untagCustomers(db, WS, { customerIds, tag: `购买频次/${stage}`, source: 'staff', actor: { kind: 'staff', id: 'zhang' }, now });
}

export const orderCare = {
  name: '已购买关怀',
  stage: '购买频次/已购买',
  steps: [
    { key: 'thanks', channel: 'private_chat', purpose: 'service', content: '{name}您好，我是{staff}，感谢您的购买！' },
    { key: 'review', offsetDays: 3, window: { start: '10:00', end: '20:00' }, channel: 'private_chat', purpose: 'service', content: '{name}，商品用得怎么样？' },
  ],
};

export async function addSop(db: Db, def: unknown, now = at('2026-11-01T00:00')): Promise<Sop> {
  return createSop(db, WS, def, { kind: 'staff', id: 'admin' }, now);
}

/** Tasks of the customer made by SOPs, oldest first: [dedupeKey, content]. */
export async function sopTasks(db: Db, customerId?: number): Promise<{ key: string; content: string; status: string; dueAt: string }[]> {
  const rows = await db.query<{ dedupe_key: string; content: string; status: string; due_at: Date }>(
    `SELECT dedupe_key, content, status, due_at FROM outreach_tasks WHERE workspace_id = $1 AND source_type = 'sop'
       AND ($2::bigint IS NULL OR customer_id = $2::bigint) ORDER BY task_id`,
    [WS, customerId ?? null],
  );
  return rows.map((r) => ({ key: r.dedupe_key, content: r.content, status: r.status, dueAt: r.due_at.toISOString() }));
}
