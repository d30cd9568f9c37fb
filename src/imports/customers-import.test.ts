import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { getCustomer } from '../customers/index.ts';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { importFile } from './index.ts';
import { tempFiles, type TempFiles } from './test-files.ts';

let store: TestStore;
let files: TempFiles;
const now = Date.parse('2026-12-01T00:00:00Z');

before(async () => {
  store = await openTestStore();
  files = tempFiles();
});
after(async () => {
  await store.close();
  files.remove();
});

const run = (workspaceId: string, path: string) => importFile(store.db, { kind: 'customers', path, workspaceId, now });

const idOf = async (ws: string, kind: string, value: string) =>
  (await store.db.query<{ customer_id: number }>(
    `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = $2 AND value = $3`, [ws, kind, value]))[0]?.customer_id;

const auditCount = async (ws: string) =>
  (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE workspace_id = $1`, [ws]))[0]!.n;

const CSV = [
  'external_user_id,union_id,phone,platform,buyer_id,name,gender,owner_staff,channel,added_at,tags,备注',
  'wm-wang,,13800138000,,,王芳,女,zhang,qr-store,2026-11-01 09:30,会员等级/金卡|兴趣/商品A,老客户',
  'wm-li,,,Youzan,b-77,李雷,男,li,,,兴趣/商品B,',
  ',o-union-3,,,,韩梅梅,未知,,,2026-10-15,,',
  ',,,,,无名氏,女,,,,,',
  'wm-zhao,,,,,赵六,猫,,,,,',
  'wm-sun,,,,,孙七,,,,2026-13-01,,',
].join('\r\n');

test('a GBK customers file lands Chinese names, normalised genders, owners, channels and tags with provenance "import"', async () => {
  const ws = 'cust-gbk';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const s = await run(ws, files.write('客户.csv', iconv.encode(CSV, 'gbk')));
  assert.equal(s.encoding, 'gbk');
  assert.deepEqual([s.rowsRead, s.rowsLanded, s.rowsUnchanged, s.rowsRejected], [6, 3, 0, 3]);
  assert.deepEqual(s.unknownColumns, ['备注']);
  assert.deepEqual(files.report(s.errorReport!).map((r) => [r[0], r[1], r[2]]), [
    ['5', 'external_user_id/union_id/phone/buyer_id', ''],
    ['6', 'gender', '猫'],
    ['7', 'added_at', '2026-13-01'],
  ]);

  const wang = await getCustomer(store.db, ws, (await idOf(ws, 'phone', '+8613800138000'))!, new Date(now));
  assert.equal(wang.name, '王芳');
  assert.equal(wang.gender, 'female');
  assert.equal(wang.ownerStaff, 'zhang');
  assert.equal(wang.channel, 'qr-store');
  assert.equal(wang.addedAt, '2026-11-01T01:30:00.000Z');
  assert.deepEqual(wang.identities.map((i) => i.kind).sort(), ['external_user_id', 'phone']);
  assert.deepEqual(new Set(wang.tags.filter((t) => t.source !== 'system').map((t) => `${t.group}/${t.tag}:${t.source}:${t.sourceId}`)),
    new Set(['会员等级/金卡:import:客户.csv', '兴趣/商品A:import:客户.csv']));

  const li = await getCustomer(store.db, ws, (await idOf(ws, 'buyer_id', 'youzan:b-77'))!, new Date(now));
  assert.deepEqual([li.name, li.gender, li.ownerStaff], ['李雷', 'male', 'li']);
  const han = await getCustomer(store.db, ws, (await idOf(ws, 'union_id', 'o-union-3'))!, new Date(now));
  assert.deepEqual([han.name, han.gender, han.addedAt], ['韩梅梅', 'unknown', '2026-10-14T16:00:00.000Z']);
  assert.equal(await idOf(ws, 'external_user_id', 'wm-zhao'), undefined, 'a rejected row creates no customer');
});

test('importing the same customers file again changes nothing and writes no audit rows; a changed cell updates only that field', async () => {
  const ws = 'cust-twice';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const path = files.write('twice.csv', CSV);
  await run(ws, path);
  const audits = await auditCount(ws);
  const profiles = await store.db.query(`SELECT * FROM customers WHERE workspace_id = $1 ORDER BY customer_id`, [ws]);
  const tags = await store.db.query(`SELECT * FROM customer_tags WHERE workspace_id = $1 ORDER BY customer_id, tag_id`, [ws]);

  const again = await run(ws, path);
  assert.deepEqual([again.rowsLanded, again.rowsUnchanged, again.rowsRejected], [0, 3, 3]);
  assert.equal(await auditCount(ws), audits);
  assert.deepEqual(await store.db.query(`SELECT * FROM customers WHERE workspace_id = $1 ORDER BY customer_id`, [ws]), profiles);
  assert.deepEqual(await store.db.query(`SELECT * FROM customer_tags WHERE workspace_id = $1 ORDER BY customer_id, tag_id`, [ws]), tags);

  const changed = await run(ws, files.write('rename.csv', 'phone,name,gender\n13800138000,王芳芳,女\n'));
  assert.deepEqual([changed.rowsLanded, changed.rowsUnchanged], [1, 0]);
  const wangId = (await idOf(ws, 'phone', '+8613800138000'))!;
  const [entry] = await store.db.query<{ actor_kind: string; actor_id: string; details: { changes: unknown } }>(
    `SELECT actor_kind, actor_id, details FROM audit_log WHERE workspace_id = $1 AND customer_id = $2 AND action = 'customer.profile_set'
     ORDER BY audit_id DESC LIMIT 1`, [ws, wangId]);
  assert.equal(entry!.actor_kind, 'import');
  assert.equal(entry!.actor_id, 'rename.csv');
  assert.deepEqual(entry!.details.changes, { name: { from: '王芳', to: '王芳芳' } });
  const wang = await getCustomer(store.db, ws, wangId, new Date(now));
  assert.deepEqual([wang.name, wang.ownerStaff, wang.channel], ['王芳芳', 'zhang', 'qr-store'], 'empty and absent cells keep stored values');
});

test('a customers row links identities to the existing customer, and tag problems are reported while the row lands', async () => {
  const ws = 'cust-link';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const order = await ingestEvents(store.db, ws, [{
    id: 'o-1', type: 'order.paid', occurredAt: '2026-11-02T10:00:00+08:00', customer: { phone: '13900139000' }, data: { orderId: 'o-1', amount: '50' },
  }], { now });
  const buyer = order.accepted[0]!.customerId;
  const s = await run(ws, files.write('link.csv', [
    'external_user_id,phone,name,tags',
    'wm-9,13900139000,钱八,信任等级/L5 超级用户|兴趣/商品C|nogroup',
  ].join('\n')));
  assert.deepEqual([s.rowsLanded, s.rowsRejected, s.problems], [1, 0, 2]);
  assert.deepEqual(files.report(s.errorReport!).map((r) => [r[0], r[1], r[2]]), [
    ['2', 'tags', '信任等级/L5 超级用户'],
    ['2', 'tags', 'nogroup'],
  ]);
  assert.equal(await idOf(ws, 'external_user_id', 'wm-9'), buyer, 'the WeCom id joined the customer who bought by phone');
  const c = await getCustomer(store.db, ws, buyer, new Date(now));
  assert.equal(c.name, '钱八');
  assert.deepEqual(c.tags.filter((t) => t.source !== 'system').map((t) => `${t.group}/${t.tag}`), ['兴趣/商品C']);
  assert.equal(c.aggregates.paidOrders, 1);
});

test('record columns land (remark waiting for WeCom, custom fields merged); the same file again changes nothing', async () => {
  const ws = 'cust-record';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const { defineField, getRecord } = await import('../record/index.ts');
  await defineField(store.db, ws, { key: 'skin', label: '肤质', type: 'single', options: ['干性', '油性'] }, { kind: 'import', id: 'test' });
  const csv = [
    'external_user_id,name,remark,description,province,city,birthday,age_band,custom_fields',
    'wm-1,王芳,王姐·老客户,喜欢红茶,浙江,杭州,1990-05-03,,skin=油性',
    'wm-2,李雷,,,,,2099-01-01,,',
    'wm-3,韩梅,,,,,,,skin=中性',
  ].join('\n');
  const s = await run(ws, files.write('record.csv', csv));
  assert.deepEqual([s.rowsLanded, s.rowsRejected], [1, 2]);
  const r = await getRecord(store.db, ws, (await idOf(ws, 'external_user_id', 'wm-1'))!, { today: '2026-12-01' });
  assert.deepEqual([r.remark, r.description, r.province, r.city, r.birthday, r.ageBand, r.custom.skin, r.remarkSync.pending],
    ['王姐·老客户', '喜欢红茶', '浙江', '杭州', '1990-05-03', '35_44', '油性', true]);
  const again = await run(ws, files.write('record2.csv', csv));
  assert.deepEqual([again.rowsLanded, again.rowsUnchanged], [0, 1]);
});
