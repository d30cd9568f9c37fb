/** Customer groups on both stores, against the fake WeCom: sync, list, codes, group SOPs and mass messages exactly once, conversion. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, type TestApi } from '../http/testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';
import {
  clearTokenCache, collectGroupSendResults, createJoinWay, defaultClientFactory, FakeWecom, sendGroupMessages, syncGroups,
} from '../wecom/index.ts';
import { createGroupSop, getGroup, groupConversion, listGroups, setGroupTags } from './index.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const WS = 'groups';
const NOW = Date.parse('2026-12-08T11:00:00+08:00');
const clientFactory = defaultClientFactory({ sleep: async () => {} });
let store: TestStore;
let fake: FakeWecom;
let api: TestApi;
let customers: number[];
const sec = (s: string) => Math.floor(Date.parse(`${s}+08:00`) / 1000);

before(async () => {
  store = await openOutreachStore(WS);
  fake = new FakeWecom({ now: () => NOW });
  await fake.start();
  clearTokenCache();
  api = testApi(store.db, { workspace: WS, now: () => NOW });
  const r = await api.put('/api/v1/wecom/config', { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
  assert.equal(r.status, 200, r.text);
  customers = await seedCustomers(store.db, WS, [
    { name: '王芳', owner: 'zhang', paidOrders: 3, paidFen: 59_700 }, { name: '赵六', owner: 'li', paidOrders: 1, paidFen: 9_900 }, { name: '孙七', owner: 'zhang', paidOrders: 0 },
  ]);
  for (const [i, id] of customers.entries()) {
    await store.db.query(`INSERT INTO customer_identities (workspace_id, customer_id, kind, value) VALUES ($1, $2, 'external_user_id', $3)`, [WS, id, `wm${i}`]);
  }
  fake.addChat({ chatId: 'vip', name: 'VIP群', owner: 'zhang', createTime: sec('2026-12-08T10:30:00'), members: [
    { userid: 'zhang', type: 1 }, { userid: 'wm0', type: 2, state: 'first-order' }, { userid: 'wm1', type: 2 },
  ] });
  fake.addChat({ chatId: 'old', name: '老客群', owner: 'li', createTime: sec('2026-10-01T10:00:00'), members: [{ userid: 'li', type: 1 }, { userid: 'wm2', type: 2 }] });
  for (let i = 0; i < 20; i++) fake.addChat({ chatId: `flash${i}`, name: `快闪群${i}`, owner: i % 2 ? 'li' : 'zhang', createTime: sec('2026-12-08T09:00:00') });
});
after(async () => {
  await fake.stop();
  await store.close();
});

test('the group list: owner, members linked to customers (within the caller\'s scope), joins, tags', async () => {
  const synced = await syncGroups(store.db, WS, { now: NOW, clientFactory });
  assert.deepEqual(synced, { groups: 22, joined: 3 });
  assert.deepEqual((await syncGroups(store.db, WS, { now: NOW, clientFactory })).joined, 0);
  await setGroupTags(store.db, WS, 'vip', ['VIP群']);
  for (let i = 0; i < 20; i++) await setGroupTags(store.db, WS, `flash${i}`, ['快闪群']);
  const vip = (await listGroups(store.db, WS, { now: new Date(NOW) })).find((g) => g.chatId === 'vip')!;
  assert.deepEqual([vip.owner, vip.members, vip.customers, vip.linked, vip.joined30d, vip.tags], ['zhang', 3, 2, 2, 2, ['VIP群']]);
  const asLi = await getGroup(store.db, WS, 'vip', { now: new Date(NOW), scope: { kind: 'staff', staffId: 'li' } });
  assert.deepEqual(asLi.memberCustomers.map((m) => m.name), ['赵六'], 'li sees only li\'s customer among the members');
  const staffApi = await api.as({ role: 'staff', staffId: 'li' }).get('/api/v1/groups/vip');
  assert.equal(staffApi.status, 200, staffApi.text);
  assert.ok(!staffApi.text.includes('王芳'));
});

test('a join code per group set, with the state as its channel; joins through it are counted', async () => {
  const way = await createJoinWay(store.db, WS, { state: 'first-order', chatIds: ['vip'], remark: '首单后邀请进 VIP 群' }, { now: NOW, clientFactory });
  assert.match(way.qrCode ?? '', /^https:\/\/p\.qpic\.cn\//);
  assert.equal(way.joined, 1);
  assert.equal((await createJoinWay(store.db, WS, { state: 'first-order', chatIds: ['vip'] }, { now: NOW, clientFactory })).configId, way.configId);
  assert.equal(fake.callsOf('externalcontact/groupchat/add_join_way').length, 1);
  const tooMany = await api.post('/api/v1/groups/join-ways', { state: 'x', chatIds: ['a', 'b', 'c', 'd', 'e', 'f'] });
  assert.equal(tooMany.status, 422);
  const invited = await api.post('/api/v1/groups/vip/invitations', { customerIds: [customers[0], customers[2], 999999] });
  assert.equal(invited.status, 200, invited.text);
  assert.deepEqual(invited.json, { created: 2, duplicates: 0, notFound: [999999] });
  assert.equal((await api.post('/api/v1/groups/vip/invitations', { customerIds: [customers[0]] })).json.duplicates, 1, 'once per customer and group');
  const conv = await groupConversion(store.db, WS, 'vip');
  assert.deepEqual([conv.members, conv.joinedViaCode, conv.invited, conv.invitedJoined, conv.memberOrders.paidOrders, conv.otherOrders.paidOrders], [2, 1, 2, 1, 4, 0]);
});

test('group SOP: two workers at once send each group each step once; results come back per group', async () => {
  const sop = await createGroupSop(store.db, WS, {
    name: '快闪群开场', groups: { tags: ['快闪群', 'VIP群'] },
    steps: [{ key: 'hello', offsetDays: 0, text: '欢迎进群，今晚8点开抢', window: { start: '09:00', end: '21:00' } }, { key: 'd1', offsetDays: 1, text: '第二天' }],
  }, new Date(NOW - 3 * 3_600_000));
  const run = () => sendGroupMessages(store.db, WS, { now: NOW, clientFactory });
  const [a, b] = await Promise.all([run(), run()]);
  assert.equal(a.created + b.created, 21, JSON.stringify([a, b]));
  const calls = fake.callsOf('externalcontact/add_msg_template').filter((c) => c.body!.chat_type === 'group');
  assert.equal(calls.length, 21);
  assert.equal(new Set(calls.map((c) => (c.body!.chat_id_list as string[])[0])).size, 21, 'one call per group');
  assert.equal((await run()).created, 0, 'nothing twice');
  for (const c of calls) assert.equal(c.body!.sender, fake.chats.get((c.body!.chat_id_list as string[])[0]!)!.owner);
  fake.confirmMassMessage(calls[0]!.errcode === 0 ? [...fake.templates.keys()].find((k) => fake.templates.get(k)!.chatIds?.includes('vip'))! : '');
  const results = await collectGroupSendResults(store.db, WS, { now: NOW, clientFactory });
  assert.deepEqual(results, { sent: 1, waiting: 20 });
  const listed = (await api.get('/api/v1/groups/sops')).json.items.find((s: { groupSopId: number }) => s.groupSopId === sop.groupSopId);
  assert.deepEqual(listed.sends.map((s: { stepKey: string; status: string; groups: number }) => `${s.stepKey}:${s.status}:${s.groups}`).sort(), ['hello:created:20', 'hello:sent:1']);
});

test('group mass message by owner: per-group results, refused groups named', async () => {
  const r = await api.post('/api/v1/groups/mass-messages', { text: '双十二预告', groups: { owners: ['li'] } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.results.length, 11);
  assert.ok(r.json.results.every((x: { status: string }) => x.status === 'pending'));
  const sent = await sendGroupMessages(store.db, WS, { now: NOW, clientFactory });
  assert.equal(sent.created, 11);
  const after = (await api.get(`/api/v1/groups/mass-messages/${r.json.groupMassId}`)).json;
  assert.deepEqual([...new Set(after.results.map((x: { status: string }) => x.status))], ['created']);
  assert.equal((await api.post('/api/v1/groups/mass-messages', { text: 'x', groups: { owners: ['nobody'] } })).status, 422);
});
