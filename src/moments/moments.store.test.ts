/** Moments on both stores, against the fake WeCom: plan, limit, publish exactly once, read back, likes and comments, comment tasks. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, type TestApi } from '../http/testing.ts';
import { createMaterial, storeFile } from '../materials/index.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';
import { clearTokenCache, collectMomentResults, defaultClientFactory, FakeWecom, publishDueMoments } from '../wecom/index.ts';
import { createMomentCommentTasks, getMomentPost, planMomentPost } from './index.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const WS = 'moments';
const NOW = Date.parse('2026-12-08T09:00:00+08:00');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(9)]);
const ACTOR = { kind: 'staff' as const, id: 'ops' };
const clientFactory = defaultClientFactory({ sleep: async () => {} });
let store: TestStore;
let fake: FakeWecom;
let api: TestApi;
let customers: number[];
let image: number;

before(async () => {
  store = await openOutreachStore(WS);
  fake = new FakeWecom({ now: () => NOW });
  await fake.start();
  clearTokenCache();
  api = testApi(store.db, { workspace: WS, now: () => NOW });
  const r = await api.put('/api/v1/wecom/config', { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
  assert.equal(r.status, 200, r.text);
  for (const u of ['zhang', 'li']) fake.addUser(u);
  customers = await seedCustomers(store.db, WS, [
    { name: '陌生人', owner: 'zhang', trust: 0 }, { name: '点头之交', owner: 'li', trust: 1 }, { name: '老客', owner: 'zhang', trust: 4 },
  ]);
  for (const [i, id] of customers.entries()) {
    fake.addContact({ externalUserId: `wm${i}`, userId: i === 1 ? 'li' : 'zhang', name: `c${i}` });
    await store.db.query(`INSERT INTO customer_identities (workspace_id, customer_id, kind, value) VALUES ($1, $2, 'external_user_id', $3)`, [WS, id, `wm${i}`]);
  }
  const f = await storeFile(store.db, WS, 'poster.png', PNG, new Date(NOW));
  image = (await createMaterial(store.db, WS, { kind: 'image', title: '冬季海报', fileId: f.fileId }, ACTOR, new Date(NOW))).materialId;
});
after(async () => {
  await fake.stop();
  await store.close();
});

test('a post is planned with library content; the per-staff daily limit (3 by default) refuses a fourth post that day, naming the staff member', async () => {
  const at = '2026-12-08T20:00:00+08:00';
  for (let i = 0; i < 3; i++) {
    const r = await api.post('/api/v1/moments', { text: `第${i + 1}条`, staffIds: ['zhang'], publishAt: at });
    assert.equal(r.status, 201, r.text);
  }
  const fourth = await api.post('/api/v1/moments', { text: '第4条', staffIds: ['zhang', 'li'], publishAt: at });
  assert.equal(fourth.status, 422);
  assert.match(fourth.json.message, /staffIds: zhang already has 3 Moments posts on 2026-12-08 \(limit 3 a day\)/);
  // The next day is a new day; a cancelled post frees its slot.
  assert.equal((await api.post('/api/v1/moments', { text: '明天', staffIds: ['zhang'], publishAt: '2026-12-09T09:00:00+08:00' })).status, 201);
  const first = (await api.get('/api/v1/moments')).json.items.find((p: { text: string }) => p.text === '第1条');
  assert.equal((await api.delete(`/api/v1/moments/${first.postId}`)).json.status, 'cancelled');
  assert.equal((await api.post('/api/v1/moments', { text: '补一条', staffIds: ['zhang'], publishAt: at })).status, 201);
  assert.equal((await api.put('/api/v1/moments/settings', { perStaffDaily: 5 })).json.perStaffDaily, 5);
  assert.equal((await api.post('/api/v1/moments', { text: '第5条', staffIds: ['zhang'], publishAt: at })).status, 201);
  const badContent = await api.post('/api/v1/moments', { staffIds: ['zhang'], publishAt: at, materials: ['no-such'] });
  assert.match(badContent.json.message, /materials\[0\]: material "no-such" does not exist/);
});

test('publishing: two workers at once create one WeCom task per post; results, per-staff status, likes and comments come back', async () => {
  const post = await planMomentPost(store.db, WS, {
    title: '冬季新品', text: '冬季新品上架', materials: [image], staffIds: ['zhang', 'li', 'gone'], publishAt: new Date(NOW).toISOString(),
  }, ACTOR, new Date(NOW));
  const due = { now: NOW + 60_000, clientFactory };
  const [a, b] = await Promise.all([publishDueMoments(store.db, WS, due), publishDueMoments(store.db, WS, due)]);
  assert.equal(a.submitted.length + b.submitted.length, 1, JSON.stringify([a, b]));
  assert.equal(fake.callsOf('externalcontact/add_moment_task').length, 1);
  const body = fake.callsOf('externalcontact/add_moment_task')[0]!.body!;
  assert.deepEqual((body.visible_range as { sender_list: { user_list: string[] } }).sender_list.user_list, ['zhang', 'li', 'gone']);
  assert.match(String((body.attachments as { image: { media_id: string } }[])[0]!.image.media_id), /^WWCISP_/, 'an upload_attachment id');
  assert.equal((await publishDueMoments(store.db, WS, due)).submitted.length, 0, 'nothing is sent twice');

  let r = await collectMomentResults(store.db, WS, due);
  assert.equal(r.published, 1);
  let p = await getMomentPost(store.db, WS, post.postId);
  assert.equal(p.status, 'published');
  assert.deepEqual(p.staff.map((s) => `${s.staffId}:${s.status}`), ['gone:invalid', 'li:not_published', 'zhang:not_published']);

  fake.publishMoment(p.momentId!, 'zhang');
  fake.momentReaction(p.momentId!, 'zhang', 'like', { externalUserId: 'wm0' });
  fake.momentReaction(p.momentId!, 'zhang', 'comment', { externalUserId: 'wm2' });
  fake.momentReaction(p.momentId!, 'zhang', 'like', { member: 'li' });
  r = await collectMomentResults(store.db, WS, due);
  assert.deepEqual([r.staffPublished, r.events], [1, 2]);
  assert.equal((await collectMomentResults(store.db, WS, due)).events, 0, 'read again, nothing new');
  p = await getMomentPost(store.db, WS, post.postId);
  assert.deepEqual(p.staff.find((s) => s.staffId === 'zhang')!.status, 'published');
  assert.deepEqual(p.engagement, { likes: 1, comments: 1, customers: 2 });
  const li = await api.as({ role: 'staff', staffId: 'li' }).get(`/api/v1/moments/${post.postId}`);
  assert.deepEqual(li.json.engagement, { likes: 0, comments: 0, customers: 0 }, 'staff count only their own customers');
});

test('a Moments post is a broadcast: it writes no contact touches, so it neither waits for trust nor uses a viewer\'s marketing cap', async () => {
  const [t] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact_touches WHERE workspace_id = $1`, [WS]);
  assert.equal(Number(t!.n), 0);
});

test('visibility by tags needs WeCom corp tags: a tag WeCom does not know fails the post instead of widening its audience', async () => {
  assert.equal((await api.post('/api/v1/tags/categories', { name: '活动' })).status, 201);
  const cat = (await api.get('/api/v1/tags')).json.categories.find((c: { name: string }) => c.name === '活动');
  const g = await api.post('/api/v1/tags/groups', { name: '冬季', category: cat.categoryId });
  const tag = await api.post('/api/v1/tags', { name: '新品关注', group: g.json.groupId });
  const post = await api.post('/api/v1/moments', { text: '只给关注新品的客户看', staffIds: ['li'], visibility: 'tags', tags: ['冬季/新品关注'], publishAt: new Date(NOW).toISOString() });
  assert.equal(post.status, 201, post.text);
  assert.deepEqual(post.json.tags, [{ tagId: tag.json.tagId, path: '冬季/新品关注' }]);
  const r = await publishDueMoments(store.db, WS, { now: NOW + 120_000, clientFactory });
  assert.match(r.failed[0]!.error, /not a WeCom corp tag/);
  assert.equal((await getMomentPost(store.db, WS, post.json.postId)).status, 'failed');
  assert.equal((await api.post('/api/v1/moments', { text: 'x', staffIds: ['li'], visibility: 'tags', publishAt: new Date(NOW).toISOString() })).status, 422);
});

test('comment tasks go to the owners of L0/L1 customers, once a week', async () => {
  // The reactions above re-evaluated the models: the levels are set again as the test needs them.
  for (const [i, level] of [0, 1, 4].entries()) {
    await store.db.query(`UPDATE customer_models SET trust_level = $3 WHERE workspace_id = $1 AND customer_id = $2`, [WS, customers[i], level]);
  }
  const r = await createMomentCommentTasks(store.db, WS, { now: new Date(NOW), scope: { kind: 'all' } });
  assert.deepEqual([r.customers, r.created], [2, 2]);
  assert.equal((await createMomentCommentTasks(store.db, WS, { now: new Date(NOW + 86_400_000), scope: { kind: 'all' } })).created, 0);
  const tasks = await store.db.query<{ customer_id: number; staff_id: string; channel: string; content: string }>(
    `SELECT customer_id, staff_id, channel, content FROM outreach_tasks WHERE workspace_id = $1 AND source_id = 'moments' ORDER BY customer_id`, [WS]);
  assert.deepEqual(tasks.map((t) => [Number(t.customer_id), t.staff_id, t.channel]), [[customers[0], 'zhang', 'moments'], [customers[1], 'li', 'moments']]);
  assert.match(tasks[0]!.content, /陌生人最近的朋友圈/);
  const viaApi = await api.post('/api/v1/moments/comment-tasks', { trustLevels: [0, 1, 2, 3, 4] });
  assert.equal(viaApi.status, 200, viaApi.text);
  assert.equal(viaApi.json.created, 1);
});
