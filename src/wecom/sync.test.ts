/**
 * Sync, reconciliation and the tag mapping both ways, against the fake WeCom.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { getCustomer } from '../customers/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { createCategory, createGroup, createTag, deleteTag, listTaxonomy, renameTag, tagCustomers, untagCustomers } from '../tags/index.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { receiveCallback } from './callback.ts';
import { clearTokenCache } from './client.ts';
import { defaultClientFactory, setWecomConfig } from './config.ts';
import { FakeWecom } from './fake/server.ts';
import { processWecomInbox } from './process.ts';
import { pushTagChanges, reconcileWecom, syncWecom } from './sync.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const WS = 'sync';
const T0 = Date.parse('2026-11-20T10:00:00+08:00');
let clock = T0;
const now = () => clock;
let store: TestStore;
let fake: FakeWecom;
const clientFactory = defaultClientFactory({ sleep: async () => {}, now });
const opts = () => ({ now: clock, clientFactory });
const staff = { kind: 'staff' as const, id: 'ops' };

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  fake = new FakeWecom({ now, maxPage: 2 });
  await fake.start();
  clearTokenCache();
  await setWecomConfig(store.db, WS, { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
});
after(async () => {
  await fake.stop();
  await store.close();
});

const customerOf = async (ext: string) => (await store.db.query<{ customer_id: number }>(
  `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = 'external_user_id' AND value = $2`, [WS, ext]))[0]?.customer_id;
const tagsOf = async (ext: string) => (await getCustomer(store.db, WS, Number(await customerOf(ext)), new Date(clock))).tags.map((t) => `${t.group}/${t.tag}`).sort();
const callback = async (fields: Record<string, string | number | string[] | undefined>) => {
  const { query, body } = fake.signedCallback(fields);
  const r = await receiveCallback(store.db, WS, query, body);
  assert.ok(r.ok);
  return processWecomInbox(store.db, opts());
};

test('first sync: WeCom tags come into Siyu, Siyu tags go to WeCom, contacts and their tags arrive, no duplicates', async () => {
  const level = fake.addTagGroup('客户等级', ['VIP', '普通']);
  fake.addTagGroup('兴趣', ['水果']);
  for (let i = 1; i <= 5; i++) {
    fake.addContact({ externalUserId: `wm${i}`, userId: i <= 3 ? 'zhangsan' : 'lisi', name: `客户${i}`, createtime: T0 / 1000 - 86_400 * i, state: i === 1 ? 'poster' : undefined, tagIds: i === 1 ? [level.tag[0]!.id] : [] });
  }
  // Siyu already has a group of the same name (adopted, not duplicated) and one of its own.
  await createCategory(store.db, WS, '客户画像', staff);
  await createGroup(store.db, WS, { name: '兴趣', category: '客户画像' }, staff);
  await createTag(store.db, WS, '兴趣', '水果', staff);
  await createGroup(store.db, WS, { name: '会员', category: '客户画像' }, staff);
  await createTag(store.db, WS, '会员', '金卡', staff);

  const r = await syncWecom(store.db, WS, opts());
  assert.equal(r.contacts, 5);
  assert.equal(r.contactsAdded.length, 5);
  assert.deepEqual(r.taxonomy.groupsCreated, ['客户等级']);
  assert.ok(r.taxonomy.adopted.includes('兴趣') && r.taxonomy.adopted.includes('兴趣/水果'));
  assert.deepEqual(r.taxonomy.pushed.sort(), ['会员/金卡', '渠道活码/poster']);
  // wm1 holds the channel tag: it reaches WeCom as soon as the tag exists there.
  assert.deepEqual(fake.contacts.get('wm1')!.follows.get('zhangsan')!.tag_id, [level.tag[0]!.id, fake.tagIdOf('渠道活码', 'poster')]);
  assert.equal(fake.tagGroups.filter((g) => g.group_name === '兴趣').length, 1);
  assert.ok(fake.tagIdOf('会员', '金卡'));
  const wm1 = await tagsOf('wm1');
  for (const t of ['信任等级/L0 陌生人', '客户等级/VIP', '渠道活码/poster']) assert.ok(wm1.includes(t), wm1.join(', '));
  // Paged by two: 3 + 2 contacts over two members.
  assert.ok(fake.callsOf('externalcontact/batch/get_by_user').length >= 3);

  const again = await syncWecom(store.db, WS, opts());
  assert.deepEqual([again.contactsAdded.length, again.tagsAdded.length, again.taxonomy.groupsCreated.length, again.taxonomy.pushed.length], [0, 0, 0, 0]);
  const tree = await listTaxonomy(store.db, WS, new Date(clock));
  assert.equal(tree.flatMap((c) => c.groups).filter((g) => g.name === '兴趣').length, 1);
});

test("Siyu's tag changes reach WeCom with mark_tag, and are not echoed back", async () => {
  const id = Number(await customerOf('wm2'));
  await tagCustomers(store.db, WS, { customerIds: [id], tag: '会员/金卡', source: 'staff', sourceId: 'ops', actor: staff });
  await tagCustomers(store.db, WS, { customerIds: [id], tag: '客户等级/VIP', source: 'staff', sourceId: 'ops', actor: staff });
  await untagCustomers(store.db, WS, { customerIds: [id], tag: '客户等级/VIP', source: 'staff', sourceId: 'ops', actor: staff });
  const r = await pushTagChanges(store.db, WS, opts());
  assert.equal(r.pushed, 3);
  const call = fake.callsOf('externalcontact/mark_tag').at(-1)!;
  assert.deepEqual(call.body, { userid: 'zhangsan', external_userid: 'wm2', add_tag: [fake.tagIdOf('会员', '金卡')], remove_tag: [fake.tagIdOf('客户等级', 'VIP')] });
  assert.deepEqual(fake.contacts.get('wm2')!.follows.get('zhangsan')!.tag_id, [fake.tagIdOf('会员', '金卡')]);
  // A reconciliation now sees no drift: Siyu's state did not wait for an echo.
  const rec = await reconcileWecom(store.db, WS, opts());
  assert.deepEqual([rec.tagsAdded, rec.tagsRemoved], [[], []]);
  assert.equal((await pushTagChanges(store.db, WS, opts())).pushed, 0);
});

test('reconciliation repairs a missed add callback and a missed delete, and reports it', async () => {
  clock += 3600_000;
  fake.addContact({ externalUserId: 'wmMissed', userId: 'lisi', name: '漏掉的客户', state: 'poster', createtime: clock / 1000 - 60 });
  fake.removeFollow('wm5', 'lisi');
  const r = await reconcileWecom(store.db, WS, opts());
  assert.deepEqual(r.contactsAdded, ['wmMissed ↔ lisi']);
  assert.deepEqual(r.contactsRemoved, ['wm5 ↔ lisi']);
  assert.ok((await tagsOf('wmMissed')).includes('渠道活码/poster'));
  const p = await getCustomer(store.db, WS, Number(await customerOf('wm5')), new Date(clock));
  assert.equal(p.contactRemoved, true);
  // The late callback of the same add changes nothing: same event id.
  const before = (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1`, [WS]))[0]!.n;
  await callback({ Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'lisi', ExternalUserID: 'wmMissed', State: 'poster', CreateTime: Math.floor(clock / 1000 - 60) });
  assert.equal((await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1`, [WS]))[0]!.n, before);
  const runs = await store.db.query<{ kind: string; status: string }>(`SELECT kind, status FROM wecom_sync_runs WHERE workspace_id = $1 ORDER BY run_id`, [WS]);
  assert.ok(runs.every((x) => x.status === 'done'));
});

test('tag callbacks: created, renamed and deleted in WeCom → the same in Siyu', async () => {
  const g = fake.addTagGroup('来源活动', ['双十一']);
  await callback({ Event: 'change_external_tag', Id: g.tag[0]!.id, TagType: 'tag', ChangeType: 'create', StrategyId: 1 });
  assert.ok((await listTaxonomy(store.db, WS, new Date(clock))).flatMap((c) => c.groups).some((x) => x.name === '来源活动' && x.tags.some((t) => t.name === '双十一')));
  g.tag[0]!.name = '双十二';
  await callback({ Event: 'change_external_tag', Id: g.tag[0]!.id, TagType: 'tag', ChangeType: 'update' });
  const id = Number(await customerOf('wm3'));
  await tagCustomers(store.db, WS, { customerIds: [id], tag: '来源活动/双十二', source: 'staff', actor: staff });
  await pushTagChanges(store.db, WS, opts());
  fake.tagGroups.splice(fake.tagGroups.indexOf(g), 1);
  const r = await callback({ Event: 'change_external_tag', Id: g.group_id, TagType: 'tag_group', ChangeType: 'delete' });
  assert.equal(r.processed, 1);
  const groups = (await listTaxonomy(store.db, WS, new Date(clock))).flatMap((c) => c.groups);
  assert.ok(!groups.some((x) => x.name === '来源活动'));
  assert.ok(!(await tagsOf('wm3')).some((t) => t.startsWith('来源活动/')));
});

test("Siyu's renames and deletions of mapped tags reach WeCom and are not undone by the next pull", async () => {
  const gold = fake.tagIdOf('会员', '金卡')!;
  const fruit = fake.tagIdOf('兴趣', '水果')!;
  await renameTag(store.db, WS, '会员/金卡', '黑金卡', staff);
  await deleteTag(store.db, WS, '兴趣/水果', staff);
  const r = await syncWecom(store.db, WS, opts());
  assert.equal(fake.tagGroups.flatMap((g) => g.tag).find((t) => t.id === gold)?.name, '黑金卡');
  assert.equal(fake.tagGroups.flatMap((g) => g.tag).find((t) => t.id === fruit), undefined);
  assert.ok(r.taxonomy.renamed.some((x) => x.includes('黑金卡')), JSON.stringify(r.taxonomy));
  const groups = (await listTaxonomy(store.db, WS, new Date(clock))).flatMap((c) => c.groups);
  assert.ok(groups.find((g) => g.name === '会员')!.tags.some((t) => t.name === '黑金卡'));
  assert.ok(!groups.find((g) => g.name === '兴趣')?.tags.some((t) => t.name === '水果'));
  const again = await syncWecom(store.db, WS, opts());
  assert.deepEqual([again.taxonomy.renamed, again.taxonomy.tagsCreated, again.taxonomy.deleted], [[], [], []]);
});

test('edit callback: a tag set on the contact in WeCom appears on the customer', async () => {
  const vip = fake.tagIdOf('客户等级', 'VIP')!;
  fake.contacts.get('wm4')!.follows.get('lisi')!.tag_id = [vip];
  await callback({ Event: 'change_external_contact', ChangeType: 'edit_external_contact', UserID: 'lisi', ExternalUserID: 'wm4' });
  assert.ok((await tagsOf('wm4')).includes('客户等级/VIP'));
});

test('group chats: create, members joining and leaving, dismiss → group.joined / group.left', async () => {
  fake.chats.set('wrChat1', { chat_id: 'wrChat1', name: '水果群', owner: 'zhangsan', member_list: [{ userid: 'zhangsan', type: 1 }, { userid: 'wm1', type: 2, join_time: 100 }], member_version: 'v1' });
  await callback({ Event: 'change_external_chat', ChatId: 'wrChat1', ChangeType: 'create' });
  fake.chats.get('wrChat1')!.member_list.push({ userid: 'wm2', type: 2, join_time: 200 });
  await callback({ Event: 'change_external_chat', ChatId: 'wrChat1', ChangeType: 'update', UpdateDetail: 'add_member', JoinScene: 3, MemChangeCnt: 1, MemChangeList: ['wm2'], LastMemVer: 'v1', CurMemVer: 'v2' });
  await callback({ Event: 'change_external_chat', ChatId: 'wrChat1', ChangeType: 'dismiss' });
  const events = await store.db.query<{ type: string; ext: string }>(
    `SELECT type, customer->>'externalUserId' AS ext FROM events WHERE workspace_id = $1 AND type LIKE 'group.%' ORDER BY occurred_at, type, ext`, [WS]);
  assert.deepEqual(events.map((e) => `${e.type} ${e.ext}`).sort(), ['group.joined wm1', 'group.joined wm2', 'group.left wm1', 'group.left wm2']);
});

test('a callback whose details cannot be fetched is retried later, not lost', async () => {
  fake.failNext('externalcontact/get', -1, 10);
  fake.addContact({ externalUserId: 'wmRetry', userId: 'zhangsan', name: '重试' });
  const r = await callback({ Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'zhangsan', ExternalUserID: 'wmRetry' });
  assert.deepEqual(r, { processed: 0, failed: 0, retried: 1 });
  assert.equal(await customerOf('wmRetry'), undefined);
  clock += 60_000;
  fake.clearFailures();
  const later = await processWecomInbox(store.db, opts());
  assert.equal(later.processed, 1);
  assert.ok(await customerOf('wmRetry'));
});
