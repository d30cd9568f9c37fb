import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';
import { addFollowup, defineField, getRecord, listFields, listFollowups, removeField, updateRecord } from './index.ts';

const WS = 'record';
const NOW = Date.parse('2026-12-07T10:00:00+08:00');
const TODAY = '2026-12-07';
const admin = { kind: 'staff' as const, id: 'admin' };
let store: TestStore;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{ name: '王芳', owner: 'zhang' }, { name: '陈静', owner: 'li' }]);
  await defineField(store.db, WS, { key: 'skin', label: '肤质', type: 'single', options: ['干性', '油性'] }, admin);
  await defineField(store.db, WS, { key: 'likes', label: '偏好', type: 'multi', options: ['红茶', '绿茶'] }, admin);
});
after(() => store?.close());

test('a record is edited field by field; remark edits wait for WeCom; the age band follows the birthday', async () => {
  const r = await updateRecord(store.db, WS, ids[0]!, { remark: '老客户·爱红茶', province: '浙江', city: '杭州', birthday: '1990-05-03', custom: { skin: '干性', likes: '红茶|绿茶' } },
    { today: TODAY, actor: admin });
  assert.equal(r.remark, '老客户·爱红茶');
  assert.deepEqual(r.remarkSync, { pending: true, syncedAt: null, error: null });
  assert.equal(r.birthday, '1990-05-03');
  assert.equal(r.ageBand, '35_44');
  assert.equal(r.ageBandFromBirthday, true);
  assert.deepEqual(r.custom, { skin: '干性', likes: ['红茶', '绿茶'] });
  const again = await updateRecord(store.db, WS, ids[0]!, { city: '杭州', custom: { skin: null } }, { today: TODAY, actor: admin });
  assert.deepEqual(again.changed, ['custom.skin']);
  assert.deepEqual(again.custom, { likes: ['红茶', '绿茶'] });
});

test('a bad patch changes nothing and names its fields', async () => {
  await assert.rejects(
    updateRecord(store.db, WS, ids[0]!, { city: '宁波', remark: '这'.repeat(21), custom: { skin: '中性' } }, { today: TODAY, actor: admin }),
    (e: Error) => /remark: .*at most 20/.test(e.message) && /custom\.skin/.test(e.message));
  assert.equal((await getRecord(store.db, WS, ids[0]!, { today: TODAY })).city, '杭州');
});

test('staff edit only their own customers', async () => {
  const li = { kind: 'staff' as const, staffId: 'li' };
  await assert.rejects(updateRecord(store.db, WS, ids[0]!, { city: '上海' }, { today: TODAY, scope: li, actor: admin }), /does not exist/);
  assert.equal((await getRecord(store.db, WS, ids[0]!, { today: TODAY })).city, '杭州');
  const mine = await updateRecord(store.db, WS, ids[1]!, { city: '上海' }, { today: TODAY, scope: li, actor: admin });
  assert.equal(mine.city, '上海');
});

test('a field whose values are held keeps its type; removing it clears the values', async () => {
  await assert.rejects(defineField(store.db, WS, { key: 'likes', label: '偏好', type: 'text' }, admin), /remove the field first/);
  await assert.rejects(defineField(store.db, WS, { key: 'likes', label: '偏好', type: 'multi', options: ['绿茶'] }, admin), /"红茶".*held by 1/);
  assert.deepEqual((await listFields(store.db, WS)).map((f) => f.key), ['skin', 'likes']);
  assert.deepEqual(await removeField(store.db, WS, 'likes', admin), { key: 'likes', valuesRemoved: 1 });
  assert.deepEqual((await getRecord(store.db, WS, ids[0]!, { today: TODAY })).custom, {});
});

test('a follow-up with a next day makes one task on that day, for the customer\'s owner', async () => {
  const f = await addFollowup(store.db, WS, ids[0]!, { type: 'call', note: '电话回访，想要礼盒', nextOn: '2026-12-10' }, { actor: admin, now: NOW, today: TODAY });
  assert.equal(f.staffId, 'zhang');
  assert.equal(f.task?.status, 'pending');
  assert.equal(f.task?.dueAt, '2026-12-10T02:00:00.000Z', '10:00 in Shanghai');
  const plain = await addFollowup(store.db, WS, ids[0]!, { type: 'chat', note: '聊了新品' }, { actor: admin, now: NOW + 1000, today: TODAY });
  assert.equal(plain.task, null);
  const list = await listFollowups(store.db, WS, ids[0]!);
  assert.deepEqual(list.map((x) => x.type), ['chat', 'call']);
  const tasks = await store.db.query(`SELECT 1 FROM outreach_tasks WHERE workspace_id = $1 AND dedupe_key LIKE 'followup:%'`, [WS]);
  assert.equal(tasks.length, 1);
  await assert.rejects(listFollowups(store.db, WS, ids[0]!, { scope: { kind: 'staff', staffId: 'li' } }), /does not exist/);
});

test('the export carries the record: region, birthday, age band, custom fields in the cell the import reads', async () => {
  const { exportCustomers, toCsv } = await import('../customers/index.ts');
  await defineField(store.db, WS, { key: 'budget', label: '预算', type: 'number' }, admin);
  await updateRecord(store.db, WS, ids[0]!, { custom: { skin: '油性', budget: 800 } }, { today: TODAY, actor: admin });
  const lines: string[] = [];
  for await (const l of toCsv(exportCustomers(store.db, WS, { now: new Date(NOW) }))) lines.push(l);
  const head = lines[0]!.split(',');
  const row = lines[1]!.split(',');
  const cell = (c: string) => row[head.indexOf(c)];
  assert.deepEqual(['remark', 'province', 'city', 'birthday', 'age_band', 'custom_fields'].map(cell), ['老客户·爱红茶', '浙江', '杭州', '1990-05-03', '35_44', 'skin=油性; budget=800']);
});
