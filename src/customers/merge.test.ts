import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ingestEvents } from '../events/index.ts';
import { getCustomer, listMerges, splitMerge, findCustomerByIdentity } from './index.ts';

let store: TestStore;
const ws = 'merge';
const now = Date.parse('2026-11-30T00:00:00Z');

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
});
after(() => store.close());

const ingest = (events: object[]) => ingestEvents(store.db, ws, events, { now });
const ev = (id: string, type: string, at: string, customer: object, data: object = {}, extra: object = {}) =>
  ({ id, type, occurredAt: `${at}T10:00:00+08:00`, customer, data, ...extra });

test('a shop buyer known by phone becomes a WeCom friend when contact.added brings the same phone', async () => {
  const r1 = await ingest([ev('s1', 'order.paid', '2026-10-01', { phone: '13900000001', platformIds: { youzan: 'b-1' } }, { orderId: 'yz-1', amount: '88.00' })]);
  const shopOnly = await getCustomer(store.db, ws, r1.accepted[0]!.customerId, new Date(now));
  assert.equal(shopOnly.wecomFriend, false);
  const r2 = await ingest([ev('s2', 'contact.added', '2026-10-05', { externalUserId: 'wm-s', phone: '+86 139 0000 0001', name: '李娜' }, { channel: 'qr-store' }, { staffId: 'wang' })]);
  assert.equal(r2.accepted[0]!.customerId, r1.accepted[0]!.customerId);
  const friend = await getCustomer(store.db, ws, r1.accepted[0]!.customerId, new Date(now));
  assert.equal(friend.wecomFriend, true);
  assert.equal(friend.name, '李娜');
  assert.equal(friend.ownerStaff, 'wang');
  assert.equal(friend.aggregates.paidOrders, 1);
  assert.deepEqual(friend.identities.map((i) => i.kind).sort(), ['buyer_id', 'external_user_id', 'phone']);
});

test('two records proven to be one merge with everything, and the merge can be undone', async () => {
  const a = await ingest([
    ev('m1', 'contact.added', '2026-09-01', { externalUserId: 'wm-a', unionId: 'u-a' }, { channel: 'qr-ad' }, { staffId: 'li' }),
    ev('m2', 'message.received', '2026-09-02', { externalUserId: 'wm-a' }, { conversationId: 'ca', text: '你好' }),
    ev('m3', 'message.sent', '2026-09-02', { externalUserId: 'wm-a' }, { conversationId: 'ca', text: '您好' }, { staffId: 'li' }),
  ]);
  const b = await ingest([
    ev('m4', 'order.paid', '2026-09-10', { phone: '13700000002' }, { orderId: 'tm-9', amount: '300', platform: 'tmall' }),
    ev('m5', 'order.refunded', '2026-09-12', { phone: '13700000002' }, { orderId: 'tm-9', amount: '100' }),
    ev('m6', 'complaint.filed', '2026-09-13', { phone: '13700000002' }, { reason: '发货慢' }),
  ]);
  const idA = a.accepted[0]!.customerId;
  const idB = b.accepted[0]!.customerId;
  assert.notEqual(idA, idB);
  // An event carrying both the unionId and the phone proves they are one person.
  const link = await ingest([ev('m7', 'content.viewed', '2026-09-20', { unionId: 'u-a', phone: '13700000002' }, { contentId: 'art-1' })]);
  assert.equal(link.accepted[0]!.customerId, idA, 'the older record survives');
  const merged = await getCustomer(store.db, ws, idB, new Date(now));
  assert.equal(merged.customerId, idA, 'the merged id leads to the survivor');
  assert.equal(merged.aggregates.paidOrders, 1);
  assert.equal(merged.aggregates.paidAmount, '200.00');
  assert.equal(merged.aggregates.chatRounds, 1);
  assert.equal(merged.aggregates.complaints, 1);
  assert.equal(merged.aggregates.events, 7);
  const merges = await listMerges(store.db, ws, idA);
  assert.equal(merges.length, 1);
  assert.deepEqual([merges[0]!.survivorId, merges[0]!.mergedId], [idA, idB]);
  const audit = await store.db.query(`SELECT * FROM audit_log WHERE workspace_id = $1 AND action = 'customer.merged'`, [ws]);
  assert.equal(audit.length, 1);

  await store.db.transaction((tx) => splitMerge(tx, ws, merges[0]!.mergeId, { kind: 'staff', id: 'admin' }));
  const backA = await getCustomer(store.db, ws, idA, new Date(now));
  const backB = await getCustomer(store.db, ws, idB, new Date(now));
  assert.equal(backB.customerId, idB);
  assert.equal(backB.aggregates.paidOrders, 1);
  assert.equal(backB.aggregates.complaints, 1);
  assert.equal(backB.aggregates.events, 3);
  assert.deepEqual(backB.identities, [{ kind: 'phone', value: '+8613700000002' }]);
  assert.equal(backA.aggregates.paidOrders, 0);
  // The linking event arrived after the merge: it stays with the survivor.
  assert.equal(backA.aggregates.events, 4);
  assert.equal(backA.aggregates.chatRounds, 1);
  await assert.rejects(store.db.transaction((tx) => splitMerge(tx, ws, merges[0]!.mergeId, { kind: 'staff' })), /already undone/);

  // The same evidence again does not merge a pair a person split apart.
  const again = await ingest([ev('m8', 'content.viewed', '2026-09-21', { unionId: 'u-a', phone: '13700000002' }, { contentId: 'art-2' })]);
  assert.equal(again.accepted[0]!.customerId, idA);
  assert.equal(await findCustomerByIdentity(store.db, ws, { kind: 'phone', value: '+8613700000002' }), idB);
  assert.equal((await listMerges(store.db, ws)).filter((m) => !m.undoneAt).length, 0);
});
