/** The material library on both stores: files by content, items by kind, previews in scope, media through the fake WeCom. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, type TestApi } from '../http/testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import { ingestEvents } from '../events/index.ts';
import type { TestStore } from '../store/test-store.ts';
import { clearTokenCache, createWecomClient, deliverMassMessages, defaultClientFactory, FakeWecom, mediaIdOf } from '../wecom/index.ts';
import { createMaterial, getMaterial, previewMaterial, readFile, storeFile } from './index.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const WS = 'materials';
const NOW = Date.parse('2026-12-01T10:00:00+08:00');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(7)]);
const PDF = new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(300)}`);
const ACTOR = { kind: 'staff' as const, id: 'ops' };
let store: TestStore;
let fake: FakeWecom;
let api: TestApi;
let clock = NOW;
let customers: number[];

before(async () => {
  store = await openOutreachStore(WS);
  fake = new FakeWecom({ now: () => clock });
  await fake.start();
  clearTokenCache();
  api = testApi(store.db, { workspace: WS, now: () => clock });
  customers = await seedCustomers(store.db, WS, [{ name: '王芳', owner: 'zhang', trust: 3 }, { name: '赵六', owner: 'li', trust: 3 }]);
});
after(async () => {
  await fake.stop();
  await store.close();
});

test('files are kept in the store as uploaded, typed by their bytes; a wrong or oversized file is refused by name', async () => {
  const f = await storeFile(store.db, WS, 'poster.png', PNG, new Date(NOW));
  assert.equal(f.mime, 'image/png');
  const back = await readFile(store.db, WS, f.fileId);
  assert.deepEqual([...back.data], [...PNG]);
  await assert.rejects(storeFile(store.db, WS, 'poster.png', PDF, new Date(NOW)), /name says \.png but the content is application\/pdf/);

  const up = await api.call('POST', '/api/v1/materials/files?filename=guide.pdf', PDF, { 'content-type': 'application/octet-stream' });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.mime, 'application/pdf');
  const big = new Uint8Array(10_000_001); big.set(PNG.subarray(0, 8));
  const tooBig = await api.call('POST', '/api/v1/materials/files?filename=huge.png', big, { 'content-type': 'application/octet-stream' });
  assert.equal(tooBig.status, 413, tooBig.text);
  assert.match(tooBig.json.message, /huge\.png: 10\.0 MB is over the 10\.0 MB limit for images/);
  const exe = await api.call('POST', '/api/v1/materials/files?filename=setup.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 0xff]), { 'content-type': 'application/octet-stream' });
  assert.equal(exe.status, 415, exe.text);
  const down = await api.get(`/api/v1/materials/files/${up.json.fileId}`);
  assert.equal(down.status, 200);
  assert.equal(down.headers.get('content-type'), 'application/pdf');
});

test('items of every kind; a bad one is refused field by field, a taken content id is a conflict', async () => {
  const png = await storeFile(store.db, WS, 'cover.png', PNG, new Date(NOW));
  const pdf = await storeFile(store.db, WS, 'size-guide.pdf', PDF, new Date(NOW));
  const made = [];
  for (const body of [
    { kind: 'text', title: '双十二预告', text: '{name}，双十二满199减30，我是{staff}', tags: ['大促'] },
    { kind: 'image', title: '新品海报', fileId: png.fileId, tags: ['新品'], productIds: ['SKU-1'] },
    { kind: 'link', title: '冬季新品', url: 'https://shop.example/winter', description: '羊绒大衣', coverFileId: png.fileId, contentId: 'winter-launch' },
    { kind: 'miniprogram', title: '小程序商城', appid: 'wx0123456789abcdef', page: 'pages/index/index', coverFileId: png.fileId },
    { kind: 'file', title: '尺码表', fileId: pdf.fileId },
  ]) {
    const r = await api.post('/api/v1/materials', body);
    assert.equal(r.status, 201, r.text);
    made.push(r.json);
  }
  assert.equal(made[2].contentId, 'winter-launch');
  assert.equal((await api.get('/api/v1/materials/winter-launch')).json.materialId, made[2].materialId);
  assert.equal((await api.get('/api/v1/materials?kind=image')).json.total, 1);
  assert.equal((await api.get('/api/v1/materials?tag=大促')).json.items[0].title, '双十二预告');

  const bad = await api.post('/api/v1/materials', { kind: 'miniprogram', title: '商城', appid: 'nope', page: 'p', fileId: pdf.fileId });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.details.map((d: { path: string }) => d.path).sort(), ['appid', 'coverFileId', 'fileId']);
  const imageOfPdf = await api.post('/api/v1/materials', { kind: 'image', title: 'x', fileId: pdf.fileId });
  assert.match(imageOfPdf.json.message, /fileId: file \d+ is application\/pdf, not a JPG or PNG image/);
  assert.equal((await api.post('/api/v1/materials', { kind: 'text', title: 'x', text: 'y', contentId: 'winter-launch' })).status, 409);
  assert.equal((await api.post('/api/v1/materials', { kind: 'text', title: 'x', text: 'y', colour: 'red' })).status, 422);

  const changed = await api.patch(`/api/v1/materials/${made[0].materialId}`, { text: '{name}您好' });
  assert.equal(changed.json.text, '{name}您好');
  assert.equal(changed.json.tags[0], '大促');
});

test('the preview fills {name} and {staff} for one real customer, and only one in the caller\'s scope', async () => {
  const m = await createMaterial(store.db, WS, { kind: 'text', title: '问候', text: '{name}您好，我是{staff}，{coupon}' }, ACTOR, new Date(NOW));
  const p = await previewMaterial(store.db, WS, m.materialId, customers[0]!, { kind: 'all' });
  assert.equal(p.text, '王芳您好，我是zhang，{coupon}');
  assert.deepEqual(p.unknownVariables, ['coupon']);
  const staff = api.as({ role: 'staff', staffId: 'zhang' });
  assert.equal((await staff.get(`/api/v1/materials/${m.materialId}/preview?customerId=${customers[0]}`)).status, 200);
  assert.equal((await staff.get(`/api/v1/materials/${m.materialId}/preview?customerId=${customers[1]}`)).status, 404);
  assert.equal((await staff.post('/api/v1/materials', { kind: 'text', title: 'x', text: 'y' })).status, 403);
});

test('views and shares of an item are counted from the events naming its content id, within the caller\'s scope; the most engaging first', async () => {
  const at = '2026-11-30T10:00:00+08:00';
  const r = await ingestEvents(store.db, WS, [
    { id: 'add-v1', type: 'contact.added', occurredAt: at, customer: { externalUserId: 'wm-v1', name: '读者一' }, staffId: 'li' },
    { id: 'add-v2', type: 'contact.added', occurredAt: at, customer: { externalUserId: 'wm-v2', name: '读者二' }, staffId: 'zhang' },
    { id: 'view-1', type: 'content.viewed', occurredAt: at, customer: { externalUserId: 'wm-v1' }, data: { contentId: 'winter-launch' } },
    { id: 'view-2', type: 'content.viewed', occurredAt: at, customer: { externalUserId: 'wm-v2' }, data: { contentId: 'winter-launch' } },
    { id: 'view-3', type: 'content.viewed', occurredAt: at, customer: { externalUserId: 'wm-v2' }, data: { contentId: 'winter-launch' } },
    { id: 'share-1', type: 'content.shared', occurredAt: at, customer: { externalUserId: 'wm-v2' }, data: { contentId: 'winter-launch' } },
  ]);
  assert.deepEqual(r.rejected, []);
  const top = (await api.get('/api/v1/materials?sort=engagement')).json.items[0];
  assert.equal(top.contentId, 'winter-launch');
  assert.deepEqual(top.engagement, { views: 3, shares: 1, viewers: 2 });
  const li = (await api.as({ role: 'staff', staffId: 'li' }).get('/api/v1/materials/winter-launch')).json;
  assert.deepEqual(li.engagement, { views: 1, shares: 0, viewers: 1 }, 'a staff member counts only their own customers');
});

test('SOP steps take library items by id or content id; an unknown one is refused naming the step', async () => {
  assert.equal((await api.post('/api/v1/journeys/templates/purchase_frequency')).status, 200);
  const step = (ref: string) => ({
    key: 'thanks', offsetDays: 0, channel: 'private_chat', purpose: 'service', content: '{name}您好，冬季新品', attachments: [{ kind: 'material', ref }],
  });
  const sop = await api.post('/api/v1/sops', { name: '新品推荐', stage: '购买频次/已购买', steps: [step('winter-launch')] });
  assert.equal(sop.status, 201, sop.text);
  const link = await getMaterial(store.db, WS, 'winter-launch');
  assert.deepEqual(sop.json.definition.steps[0].attachments, [{ kind: 'material', ref: String(link.materialId) }]);
  const bad = await api.post('/api/v1/sops', { name: '坏的', stage: '购买频次/已购买', steps: [step('no-such-item')] });
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /steps\[0\]\.attachments\[0\]\.ref: material "no-such-item" does not exist/);
});

test('a send uploads the file once as temporary media and again when the three days are nearly up', async () => {
  const client = createWecomClient({ corpId: fake.corpId, secret: fake.secret, apiBase: fake.url, now: () => clock });
  const f = await storeFile(store.db, WS, 'banner.png', PNG, new Date(NOW));
  const first = await mediaIdOf(store.db, WS, client, f.fileId, 'message', clock);
  assert.equal(await mediaIdOf(store.db, WS, client, f.fileId, 'message', clock + 86_400_000), first);
  assert.equal(fake.callsOf('media/upload').length, 1);
  const upload = fake.calls.find((c) => c.path === 'media/upload')!;
  assert.equal(upload.query.type, 'image');
  const moment = await mediaIdOf(store.db, WS, client, f.fileId, 'moment', clock);
  assert.match(moment, /^WWCISP_/, 'Moments take upload_attachment ids');
  assert.equal(fake.callsOf('media/upload_attachment')[0]!.query.attachment_type, '1');
  clock += 3 * 86_400_000 - 1_800_000; // 2 days 23.5 hours later
  const second = await mediaIdOf(store.db, WS, client, f.fileId, 'message', clock);
  assert.notEqual(second, first);
  assert.equal(fake.callsOf('media/upload').length, 2);
  clock = NOW;
});

test('the fake WeCom refuses what WeCom refuses: tiny files, wrong types, expired media', async () => {
  const client = createWecomClient({ corpId: fake.corpId, secret: fake.secret, apiBase: fake.url, now: () => clock, sleep: async () => {} });
  const { MultipartFile } = await import('../wecom/index.ts');
  await assert.rejects(client.uploadMedia('image', new MultipartFile('a.png', new Uint8Array([0x89, 0x50, 0x4e]), 'image/png')), /errcode 40006/);
  await assert.rejects(client.uploadMedia('image', new MultipartFile('a.pdf', PDF, 'application/pdf')), /errcode 40004/);
  const fileForMoments = { method: 'POST' as const, query: { media_type: 'file', attachment_type: '1' }, body: new MultipartFile('a.pdf', PDF, 'application/pdf') };
  await assert.rejects(client.call('media/upload_attachment', fileForMoments), /errcode 41072/);
  const up = await client.uploadMedia('file', new MultipartFile('a.pdf', PDF, 'application/pdf'));
  clock += 3 * 86_400_000;
  await assert.rejects(client.addMsgTemplate({ chat_type: 'single', sender: 'zhang', external_userid: ['x'], attachments: [{ msgtype: 'file', file: { media_id: up.mediaId } }] }), /errcode 40145/);
  await assert.rejects(client.addMsgTemplate({ chat_type: 'single', sender: 'zhang', external_userid: ['x'], attachments: [{ msgtype: 'file', file: { media_id: 'nope' } }] }), /errcode 40007/);
  clock = NOW;
});

test('a mass message with library items reaches WeCom with its attachments', async () => {
  const r = await api.put('/api/v1/wecom/config', { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
  assert.equal(r.status, 200, r.text);
  fake.addContact({ externalUserId: 'wmWF', userId: 'zhang', name: '王芳' });
  await store.db.query(`INSERT INTO customer_identities (workspace_id, customer_id, kind, value) VALUES ($1, $2, 'external_user_id', 'wmWF')`, [WS, customers[0]]);
  const link = await getMaterial(store.db, WS, 'winter-launch');
  const mini = (await api.get('/api/v1/materials?kind=miniprogram')).json.items[0];
  const plan = await api.post('/api/v1/mass-messages', {
    filter: { field: 'customerId', op: 'in', values: [customers[0]] }, content: '冬季新品到了', purpose: 'service', materials: [link.materialId, mini.materialId],
  });
  assert.equal(plan.status, 201, plan.text);
  const missing = await api.post('/api/v1/mass-messages', { filter: { field: 'customerId', op: 'in', values: [customers[0]] }, content: 'x', materials: [99999] });
  assert.equal(missing.status, 422);
  assert.match(missing.json.message, /materials\[0\]: material 99999 does not exist/);
  const delivered = await deliverMassMessages(store.db, WS, { now: clock, clientFactory: defaultClientFactory({ sleep: async () => {} }) });
  assert.equal(delivered.created.length, 1, JSON.stringify(delivered));
  const body = fake.callsOf('externalcontact/add_msg_template').at(-1)!.body!;
  const attachments = body.attachments as { msgtype: string; link?: { url: string }; miniprogram?: { pic_media_id: string; appid: string } }[];
  assert.deepEqual(attachments.map((a) => a.msgtype), ['link', 'miniprogram']);
  assert.equal(attachments[0]!.link!.url, 'https://shop.example/winter');
  assert.equal(attachments[1]!.miniprogram!.appid, 'wx0123456789abcdef');
  assert.ok(fake.media.has(attachments[1]!.miniprogram!.pic_media_id));
});
