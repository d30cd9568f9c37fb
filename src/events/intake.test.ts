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

test('values the store cannot hold are rejected on their own item; the rest of the batch lands', async () => {
  const good = (id: string) => ev(id, 'message.received', '2026-11-03T10:00:00+08:00', { externalUserId: `wm-${id}` }, { conversationId: 'c9', text: 'hi' });
  const r = await ingestEvents(store.db, ws, [
    good('v1'),
    ev('v2', 'contact.added', '2026-11-03T10:00:00+08:00', { externalUserId: 'wm-v2', name: 'A\u0000B' }),
    ev('v3', 'message.received', '2026-11-03T10:00:00+08:00', { externalUserId: 'wm-v3' }, { conversationId: 'c9', text: 'x\uD800' }),
    ev('v4', 'contact.added', '0000-01-01T00:00:00Z', { externalUserId: 'wm-v4' }),
    ev('v5', 'contact.added', '2026-02-30T10:00:00+08:00', { externalUserId: 'wm-v5' }),
    ev('v6', 'order.paid', '2026-11-03T10:00:00+08:00', { externalUserId: 'wm-v6' }, { orderId: 'big', amount: '9999999999999.99' }),
    ev('v7', 'contact.added', '2026-11-03T10:00:00+08:00', { ['extra\u0000']: 'x', externalUserId: 'wm-v7' }),
    ev('v8\uDFFF', 'contact.added', '2026-11-03T10:00:00+08:00', { externalUserId: 'wm-v8' }),
    good('v9'),
  ], { now });
  assert.deepEqual(r.accepted.map((a) => a.id), ['v1', 'v9']);
  const reasons = Object.fromEntries(r.rejected.map((x) => [x.index, x.reason]));
  assert.match(reasons[1]!, /^customer\.name: contains a NUL character/);
  assert.match(reasons[2]!, /^data\.text: contains an unpaired surrogate \(U\+D800\)/);
  assert.match(reasons[3]!, /^occurredAt: .*1970/);
  assert.match(reasons[4]!, /^occurredAt: .*not a calendar date/);
  assert.match(reasons[5]!, /^data\.amount: .*the most one amount may be/);
  assert.match(reasons[6]!, /^customer\.extra\u0000: key contains a NUL/);
  assert.match(reasons[7]!, /^id: .*U\+DFFF/);
  const [n] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND event_id LIKE 'v%'`, [ws]);
  assert.equal(n!.n, 2);
});

test('a value the store refuses despite validation fails only its own item', async () => {
  const { landIsolatingBadItems } = await import('./intake.ts');
  const part = Array.from({ length: 9 }, (_, i) => ({ index: i, event: { id: `e${i}` } as never }));
  const result = { accepted: [] as { index: number; id: string; customerId: number }[], duplicates: [], rejected: [] as { index: number; id: string | undefined; reason: string }[] };
  let transactions = 0;
  await landIsolatingBadItems(async (p) => {
    transactions++;
    if (p.some((x) => x.index === 6)) throw Object.assign(new Error('bigint out of range'), { code: '22003' });
    return { accepted: p.map((x) => ({ index: x.index, id: `e${x.index}`, customerId: 1 })), duplicates: [] };
  }, part, result);
  assert.deepEqual(result.accepted.map((a) => a.index).sort(), [0, 1, 2, 3, 4, 5, 7, 8]);
  assert.deepEqual(result.rejected.map((x) => [x.index, x.reason]), [[6, 'event: the store refused a value: bigint out of range']]);
  assert.ok(transactions < 9, `bisecting, not one transaction per item (${transactions})`);
  await assert.rejects(landIsolatingBadItems(async () => { throw new Error('connection lost'); }, part, result), /connection lost/);
});
