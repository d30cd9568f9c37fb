import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ingestEvents } from './index.ts';

let store: TestStore;
const ws = 'intake';
const now = Date.parse('2026-11-30T00:00:00Z');

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
});
after(() => store.close());

const ev = (id: string, type: string, at: string, customer: object, data: object = {}, extra: object = {}) => ({
  id, type, occurredAt: at, customer, data, ...extra,
});

test('a batch is validated item by item and bad items do not stop the rest', async () => {
  const r = await ingestEvents(store.db, ws, [
    ev('b1', 'contact.added', '2026-11-01T10:00:00+08:00', { externalUserId: 'wm1' }, { channel: 'qr-store' }, { staffId: 'zhang' }),
    ev('b2', 'order.paid', '2026-11-02T10:00:00+08:00', { phone: '138 0013 8000' }, { orderId: 'o1', amount: '-5' }),
    ev('b3', 'nope', '2026-11-02T10:00:00+08:00', { phone: '13800138000' }),
    ev('b4', 'message.received', '2026-11-02T10:00:00+08:00', {}, { conversationId: 'c1' }),
    ev('b5', 'order.paid', '2026-11-02T10:00:00+08:00', { externalUserId: 'wm1' }, { orderId: 'o1', amount: '99.90' }),
    ev('b6', 'order.paid', '2027-01-02T10:00:00+08:00', { externalUserId: 'wm1' }, { orderId: 'o2', amount: 1 }),
  ], { now });
  assert.deepEqual(r.accepted.map((a) => a.id), ['b1', 'b5']);
  assert.deepEqual(r.rejected.map((x) => [x.index, x.reason.split(':')[0]]), [[1, 'data.amount'], [2, 'type'], [3, 'customer'], [5, 'occurredAt']]);
  const again = await ingestEvents(store.db, ws, [ev('b1', 'contact.added', '2026-11-01T10:00:00+08:00', { externalUserId: 'wm1' })], { now });
  assert.deepEqual(again.duplicates, [{ index: 0, id: 'b1' }]);
  const [agg] = await store.db.query<{ paid_orders: number; paid_fen: number; added_channel: string; added_by_staff: string }>(
    `SELECT * FROM customer_aggregates WHERE workspace_id = $1 AND customer_id = $2`, [ws, r.accepted[0]!.customerId]);
  assert.equal(agg!.paid_orders, 1);
  assert.equal(agg!.paid_fen, 9990);
  assert.equal(agg!.added_channel, 'qr-store');
  assert.equal(agg!.added_by_staff, 'zhang');
});
