import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ingestEvents } from '../events/index.ts';
import { customerTags } from '../customers/index.ts';
import { recompute, setPin, setModelConfig, getCustomerModels, segmentDistribution, listRuns } from './index.ts';

let store: TestStore;
const now = Date.parse('2026-11-30T12:00:00+08:00');

before(async () => {
  store = await openTestStore();
});
after(() => store.close());

const at = (day: string, time = '10:00') => `2026-11-${day}T${time}:00+08:00`;
const ev = (id: string, type: string, occurredAt: string, data: object = {}) =>
  ({ id, type, occurredAt, customer: { externalUserId: 'wm-ladder' }, staffId: 'li', data });

test('a customer climbs the trust ladder with events, falls when the only order is refunded, and a pin overrides', async () => {
  const ws = 'ladder';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const level = async () => {
    const [row] = await store.db.query<{ customer_id: number }>(`SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND value = 'wm-ladder'`, [ws]);
    return (await getCustomerModels(store.db, ws, row!.customer_id))!;
  };
  const send = (events: object[]) => ingestEvents(store.db, ws, events, { now });
  await send([ev('l1', 'contact.added', at('01'))]);
  assert.equal((await level()).trust.level, 0);
  await send([ev('l2', 'moment.liked', at('02'), { momentId: 'm1' })]);
  assert.equal((await level()).trust.level, 1);
  await send([
    ev('l3', 'message.received', at('03', '10:00'), { conversationId: 'c1', text: '你好' }),
    ev('l4', 'message.sent', at('03', '10:01'), { conversationId: 'c1', text: '您好' }),
    ev('l5', 'message.received', at('03', '10:02'), { conversationId: 'c1', text: '最近怎么样' }),
  ]);
  assert.equal((await level()).trust.level, 1, 'two rounds are not yet acquainted');
  await send([ev('l6', 'message.sent', at('03', '10:03'), { conversationId: 'c1', text: '挺好' })]);
  assert.equal((await level()).trust.level, 2, 'three rounds are');
  await send([ev('l7', 'message.received', at('04'), { conversationId: 'c1', text: '这个多少钱？' })]);
  const l3 = await level();
  assert.equal(l3.trust.level, 3);
  assert.match(l3.trust.evidence.map((e) => e.zh).join('；'), /多少钱/);
  assert.ok(l3.trust.evidence.some((e) => e.eventIds?.includes('l7')), 'the evidence names the event behind it');
  await send([ev('l8', 'order.paid', at('05'), { orderId: 'o1', amount: '199.00' })]);
  assert.equal((await level()).trust.level, 4);
  assert.equal((await level()).lifecycle.ecommerce.value, '首购');
  await send([ev('l9', 'order.refunded', at('06'), { orderId: 'o1', amount: '199.00' })]);
  const fell = await level();
  assert.equal(fell.trust.level, 3, 'the only order refunded: back down');
  assert.deepEqual(fell.history.filter((h) => h.model === 'trust').map((h) => h.to).reverse(), ['L0', 'L1', 'L2', 'L3', 'L4', 'L3']);

  const [row] = await store.db.query<{ customer_id: number }>(`SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND value = 'wm-ladder'`, [ws]);
  const id = row!.customer_id;
  const pinned = await setPin(store.db, ws, id, 'trust', 'L5', { kind: 'staff', id: 'li' }, '老朋友', now);
  assert.deepEqual([pinned.trust.level, pinned.trust.computed, pinned.trust.pinned], [5, 3, 5]);
  const trustTags = ((await customerTags(store.db, ws, [id], new Date(now))).get(id) ?? []).filter((t) => t.group === '信任等级');
  assert.deepEqual(trustTags.map((t) => t.tag), ['L5 超级用户'], 'one exclusive system tag follows the level');
  const unpinned = await setPin(store.db, ws, id, 'trust', null, { kind: 'staff', id: 'li' }, undefined, now);
  assert.deepEqual([unpinned.trust.level, unpinned.trust.pinned], [3, null]);
  assert.deepEqual(unpinned.history.slice(0, 2).map((h) => h.cause), ['pin', 'pin']);
  await assert.rejects(setPin(store.db, ws, id, 'trust', 'L9', { kind: 'staff' }), /L0…L5/);
});

test('a failed recompute is recorded with its error and leaves every placement as it was', async () => {
  const ws = 'failing';
  await ensureWorkspace(store.db, { workspaceId: ws });
  await ingestEvents(store.db, ws, [
    { id: 'f1', type: 'order.paid', occurredAt: at('01'), customer: { phone: '13800000011' }, data: { orderId: 'f-o1', amount: 100 } },
    { id: 'f2', type: 'moment.liked', occurredAt: at('01'), customer: { phone: '13800000012' }, data: { momentId: 'm' } },
  ], { now });
  const before = await store.db.query(`SELECT * FROM customer_models WHERE workspace_id = $1 ORDER BY customer_id`, [ws]);
  await store.db.exec(`
    CREATE FUNCTION fail_history() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.workspace_id = 'failing' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$;
    CREATE TRIGGER fail_history BEFORE INSERT ON model_history FOR EACH ROW EXECUTE FUNCTION fail_history();`);
  try {
    // A month later recency and windows have moved, so the run writes history — and fails there.
    await assert.rejects(recompute(store.db, ws, { asOf: now + 200 * 86_400_000 }), /disk full/);
  } finally {
    await store.db.exec(`DROP TRIGGER fail_history ON model_history; DROP FUNCTION fail_history();`);
  }
  const [run] = await listRuns(store.db, ws);
  assert.equal(run!.status, 'failed');
  assert.match(run!.error!, /disk full/);
  assert.deepEqual(await store.db.query(`SELECT * FROM customer_models WHERE workspace_id = $1 ORDER BY customer_id`, [ws]), before);
  const ok = await recompute(store.db, ws, { asOf: now + 200 * 86_400_000 });
  assert.equal(ok.status, 'done');
});

test('changing the configuration recomputes everyone with it', async () => {
  const ws = 'config';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const chat = (n: number, dir: 'received' | 'sent', id: string) =>
    ({ id, type: `message.${dir}`, occurredAt: at('10', `10:0${n}`), customer: { externalUserId: 'wm-cfg' }, data: { conversationId: 'c', text: '嗯' } });
  await ingestEvents(store.db, ws, [chat(1, 'received', 'c1'), chat(2, 'sent', 'c2'), chat(3, 'received', 'c3'), chat(4, 'sent', 'c4')], { now });
  assert.deepEqual((await segmentDistribution(store.db, ws)).models.trust.find((t) => t.value === 'L2')?.count, 1);
  await assert.rejects(setModelConfig(store.db, ws, { trust: { l2ChatRounds: 'four' } }, { kind: 'staff' }), /trust\.l2ChatRounds/);
  const r = await setModelConfig(store.db, ws, { trust: { l2ChatRounds: 4 } }, { kind: 'staff', id: 'admin' }, now);
  assert.equal(r.recompute.moved, 1);
  const d = await segmentDistribution(store.db, ws);
  assert.equal(d.models.trust.find((t) => t.value === 'L1')?.count, 1, '3 rounds are below the new line of 4');
  const [h] = await store.db.query<{ cause: string; from_value: string; to_value: string }>(
    `SELECT cause, from_value, to_value FROM model_history WHERE workspace_id = $1 AND model = 'trust' ORDER BY history_id DESC LIMIT 1`, [ws]);
  assert.deepEqual(h, { cause: 'config', from_value: 'L2', to_value: 'L1' });
});
