import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { customerTags, type Actor } from '../customers/index.ts';
import type { Queryable } from '../store/db.ts';
import { IMPORT_CATEGORY } from '../workspaces/index.ts';
import { addAlias, addTagsByPath, createCategory, createGroup, createTag, listTaxonomy } from './index.ts';
import { addCustomers, auditSince, lastAuditId, openTagFixture, type TagFixture } from './testing.ts';

const ws = 'tag-bulk';
const importer: Actor = { kind: 'import', id: 'import-7' };
const provenance = { source: 'import' as const, sourceId: 'import-7', actor: importer };
let f: TagFixture;

before(async () => {
  f = await openTagFixture(ws, 3);
  await createCategory(f.db, ws, '客户属性', { kind: 'staff' });
  await createGroup(f.db, ws, { name: '会员', category: '客户属性', exclusive: true }, { kind: 'staff' });
  await createTag(f.db, ws, '会员', '银卡', { kind: 'staff' });
  await createTag(f.db, ws, '会员', '金卡', { kind: 'staff' });
  await addAlias(f.db, ws, '会员/金卡', 'Gold', { kind: 'staff' });
});
after(() => f.store.close());

const run = (items: { customerId: number; path: string }[], createMissing: boolean, db: Queryable = f.db) =>
  f.db.transaction((tx) => addTagsByPath(db === f.db ? tx : db, ws, items, provenance, { createMissing }));
const tagsOf = async (id: number) => ((await customerTags(f.db, ws, [id], new Date())).get(id) ?? []).filter((t) => t.source !== 'system').map((t) => `${t.group}/${t.tag}`).sort();

test('unknown tags are reported per item without createMissing, and nothing else is held back', async () => {
  const [a, b] = f.customers;
  const problems = await run([
    { customerId: a!, path: '会员/银卡' },
    { customerId: a!, path: '爱好/跑步' },
    { customerId: b!, path: '会员/钻石' },
    { customerId: b!, path: '跑步' },
    { customerId: 987_654, path: '会员/银卡' },
    { customerId: b!, path: '信任等级/L5 超级用户' },
    { customerId: b!, path: '会员/Gold' },
  ], false);
  assert.deepEqual(problems, [
    { index: 1, reason: 'tag group "爱好" does not exist (in "爱好/跑步")' },
    { index: 2, reason: 'tag "会员/钻石" does not exist' },
    { index: 3, reason: '"跑步" is not a tag path: write it as group/tag, e.g. 会员等级/金卡' },
    { index: 4, reason: 'customer 987654 does not exist' },
    { index: 5, reason: '"信任等级/L5 超级用户" is in group "信任等级", which the segmentation models set; it cannot be imported' },
  ]);
  assert.deepEqual(await tagsOf(a!), ['会员/银卡']);
  assert.deepEqual(await tagsOf(b!), ['会员/金卡'], 'the alias Gold led to 金卡');
});

test('with createMissing, unknown groups land under 导入标签 as multi-choice, and unknown tags are created', async () => {
  const [, , c] = f.customers;
  const since = await lastAuditId(f.db, ws);
  const problems = await run([
    { customerId: c!, path: '爱好/跑步' },
    { customerId: c!, path: '爱好/读书' },
    { customerId: c!, path: '会员/钻石' },
    { customerId: c!, path: '信任等级/L6' },
  ], true);
  assert.deepEqual(problems.map((p) => p.index), [3]);
  assert.deepEqual(await tagsOf(c!), ['会员/钻石', '爱好/读书', '爱好/跑步'].sort());
  const tree = await listTaxonomy(f.db, ws, new Date());
  const imported = tree.find((x) => x.name === IMPORT_CATEGORY)!;
  assert.deepEqual(imported.groups.map((g) => [g.name, g.exclusive, g.tags.map((t) => t.name)]), [['爱好', false, ['跑步', '读书']]]);
  const audit = await auditSince(f.db, ws, since);
  assert.deepEqual(audit.filter((x) => x.customer_id === null).map((x) => x.action).sort(),
    ['taxonomy.group.created', 'taxonomy.tag.created', 'taxonomy.tag.created', 'taxonomy.tag.created']);
  const added = audit.filter((x) => x.action === 'tag.added');
  assert.equal(added.length, 3);
  assert.deepEqual([added[0]!.actor_kind, added[0]!.actor_id, added[0]!.details.source, added[0]!.details.sourceId], ['import', 'import-7', 'import', 'import-7']);
});

test('importing the same file twice adds nothing new', async () => {
  const [, , c] = f.customers;
  const since = await lastAuditId(f.db, ws);
  const problems = await run([{ customerId: c!, path: '爱好/跑步' }, { customerId: c!, path: '会员/钻石' }], true);
  assert.deepEqual(problems, []);
  assert.deepEqual(await auditSince(f.db, ws, since), []);
});

test('one batch cannot give a customer two tags of a single-choice group', async () => {
  const [a] = f.customers;
  const problems = await run([{ customerId: a!, path: '会员/金卡' }, { customerId: a!, path: '会员/钻石' }], false);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.index, 1);
  assert.match(problems[0]!.reason, /cannot hold both "会员\/金卡" and "会员\/钻石": the group is single-choice/);
  assert.deepEqual(await tagsOf(a!), ['会员/金卡'], 'the first replaced 银卡');
});

test('the number of statements does not grow with the batch', async () => {
  const many = await addCustomers(f.db, ws, 400, 'bulk');
  const statements = async (items: { customerId: number; path: string }[]) => {
    let n = 0;
    await f.db.transaction((tx) =>
      addTagsByPath({ query: (sql, params) => (n++, tx.query(sql, params)), exec: (sql) => tx.exec(sql) }, ws, items, provenance, { createMissing: true }));
    return n;
  };
  const creating = await statements([{ customerId: many[0]!, path: '批次/甲' }, { customerId: many[1]!, path: '批次/乙' }]);
  assert.ok(creating <= 12, `${creating} statements to create a group and two tags`);
  const few = await statements(many.slice(1, 2).map((customerId) => ({ customerId, path: '批次/甲' })));
  const lots = await statements(many.slice(2).flatMap((customerId) => [{ customerId, path: '批次/甲' }, { customerId, path: '批次/乙' }]));
  assert.equal(lots, few, `${lots} statements for 796 items, ${few} for one`);
  const tree = await listTaxonomy(f.db, ws, new Date());
  const batch = tree.flatMap((x) => x.groups).find((g) => g.name === '批次')!;
  assert.deepEqual(batch.tags.map((t) => [t.name, t.customers]), [['甲', 400], ['乙', 399]]);
});
