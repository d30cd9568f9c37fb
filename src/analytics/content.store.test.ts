/** The content board on every store: reads, shares, buyers within the window, staff, readers, the list. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ingestEvents } from '../events/index.ts';
import { openOutreachStore } from '../outreach/testing.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import type { TestStore } from '../store/test-store.ts';
import { contentBoard, listContentItems, saveContentItems, syncContentItems } from './index.ts';

const WS = 'content-board';
let store: TestStore;

before(async () => {
  store = await openOutreachStore(WS);
  let n = 0;
  const ev = (who: string, type: string, at: string, data: Record<string, unknown>, staffId?: string) =>
    ({ id: `e${n++}`, type, occurredAt: `${at}+08:00`, customer: { externalUserId: who, name: who }, ...(staffId ? { staffId } : {}), data });
  const r = await ingestEvents(store.db, WS, [
    ev('w1', 'contact.added', '2026-11-01T10:00:00', {}, 'zhang'),
    ev('w2', 'contact.added', '2026-11-01T10:00:00', {}, 'zhang'),
    ev('w3', 'contact.added', '2026-11-01T10:00:00', {}, 'li'),
    // a1: w1 reads twice and buys 2 days later; w2 reads and buys 10 days later (outside 7 days); w3 (li's) reads and shares.
    ev('w1', 'content.viewed', '2026-11-16T10:00:00', { contentId: 'a1', productIds: ['p1'] }, 'zhang'),
    ev('w1', 'content.viewed', '2026-11-17T10:00:00', { contentId: 'a1' }, 'zhang'),
    ev('w1', 'order.paid', '2026-11-18T10:00:00', { orderId: 'o1', amount: '59.90' }),
    ev('w2', 'content.viewed', '2026-11-16T11:00:00', { contentId: 'a1' }, 'zhang'),
    ev('w2', 'order.paid', '2026-11-26T10:00:00', { orderId: 'o2', amount: '10' }),
    ev('w3', 'content.viewed', '2026-11-18T11:00:00', { contentId: 'v1' }, 'li'),
    ev('w3', 'content.shared', '2026-11-18T11:05:00', { contentId: 'v1' }),
    ev('w1', 'content.viewed', '2026-11-10T10:00:00', { contentId: 'a1' }, 'zhang'),
  ]);
  assert.deepEqual(r.rejected, []);
});
after(() => store.close());

const WEEK = { from: '2026-11-14', to: '2026-11-20' };

test('per item: reads, readers, shares, buyers within the window and their revenue, beside the week before', async () => {
  const b = await contentBoard(store.db, WS, WEEK, ALL_CUSTOMERS);
  assert.deepEqual(b.items.map((i) => [i.rank, i.contentId, i.views, i.viewers, i.shares, i.buyers, i.revenueFen, i.conversion, i.previousViews]), [
    [1, 'a1', 3, 2, 0, 1, 5990, 0.5, 1],
    [2, 'v1', 1, 1, 1, 0, 0, 0, 0],
  ]);
  assert.deepEqual(b.views, { current: 4, previous: 1, delta: 3, change: 3 });
  const long = await contentBoard(store.db, WS, { ...WEEK, windowDays: 14 }, ALL_CUSTOMERS);
  assert.equal(long.items[0]!.buyers, 2);
  assert.deepEqual(b.byStaff.map((s) => [s.staffId, s.contents, s.views, s.viewers]), [['zhang', 1, 3, 2], ['li', 1, 1, 1]]);
  assert.deepEqual(b.visitors.map((v) => [v.name, v.views, v.shares]), [['w1', 2, 0], ['w3', 1, 1], ['w2', 1, 0]]);
  const li = await contentBoard(store.db, WS, WEEK, { kind: 'staff', staffId: 'li' });
  assert.deepEqual(li.items.map((i) => i.contentId), ['v1']);
  assert.deepEqual(li.visitors.map((v) => v.name), ['w3']);
});

test('the content list: from the events, and the operator\'s titles win; bad items fail alone', async () => {
  assert.equal(await syncContentItems(store.db, WS, Date.parse('2026-11-01T00:00:00Z')), 2);
  assert.equal(await syncContentItems(store.db, WS, Date.parse('2026-11-01T00:00:00Z')), 0);
  const saved = await saveContentItems(store.db, WS, [{ contentId: 'a1', title: '芒果怎么挑', productIds: ['p1'] }, { contentId: 'v1', title: '' }], { kind: 'api' });
  assert.deepEqual([saved.saved, saved.errors.map((e) => e.index)], [1, [1]]);
  const items = await listContentItems(store.db, WS);
  assert.deepEqual(items.map((i) => [i.contentId, i.title, i.source, i.productIds]), [['a1', '芒果怎么挑', 'operator', ['p1']], ['v1', null, 'event', []]]);
  const b = await contentBoard(store.db, WS, WEEK, ALL_CUSTOMERS);
  assert.equal(b.items[0]!.title, '芒果怎么挑');
});
