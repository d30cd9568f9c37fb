import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../customers/index.ts';
import { customerTags } from '../customers/index.ts';
import { SYSTEM_CATEGORY } from '../workspaces/index.ts';
import {
  createCategory, createGroup, createTag, deleteCategory, deleteGroup, deleteTag, listTaxonomy, renameCategory, renameGroup, renameTag, tagCustomers,
} from './index.ts';
import { auditSince, lastAuditId, openTagFixture, type TagFixture } from './testing.ts';

const ws = 'taxonomy';
const admin: Actor = { kind: 'staff', id: 'admin' };
const now = new Date('2026-11-30T00:00:00Z');
let f: TagFixture;

before(async () => {
  f = await openTagFixture(ws, 3);
});
after(() => f.store.close());

const code = (c: string, message?: RegExp) => (err: unknown) => {
  assert.equal((err as { code?: string }).code, c, String(err));
  if (message) assert.match((err as Error).message, message);
  return true;
};

test('categories, groups and tags are created, renamed and listed as a tree', async () => {
  await createCategory(f.db, ws, '客户属性', admin);
  await createGroup(f.db, ws, { name: '会员等级', category: '客户属性', exclusive: true }, admin);
  await createGroup(f.db, ws, { name: '兴趣', category: '客户属性' }, admin);
  await createTag(f.db, ws, '会员等级', '银卡', admin);
  await createTag(f.db, ws, '会员等级', '金卡', admin);
  await createTag(f.db, ws, '兴趣', '咖啡', admin);
  await renameTag(f.db, ws, '兴趣/咖啡', '手冲咖啡', admin);
  await renameGroup(f.db, ws, '兴趣', '兴趣爱好', admin);
  await renameCategory(f.db, ws, '客户属性', '客户画像', admin);

  const tree = await listTaxonomy(f.db, ws, now);
  assert.equal(tree[0]!.name, SYSTEM_CATEGORY);
  const mine = tree.find((c) => c.name === '客户画像')!;
  assert.deepEqual(
    mine.groups.map((g) => [g.name, g.exclusive, g.tags.map((t) => t.path)]),
    [['会员等级', true, ['会员等级/银卡', '会员等级/金卡']], ['兴趣爱好', false, ['兴趣爱好/手冲咖啡']]],
  );
});

test('names are unique: groups per workspace, tags per group', async () => {
  await createCategory(f.db, ws, '渠道', admin);
  await assert.rejects(createCategory(f.db, ws, '渠道', admin), code('conflict', /already exists/));
  await assert.rejects(createGroup(f.db, ws, { name: '会员等级', category: '渠道' }, admin), code('conflict', /unique in a workspace/));
  await assert.rejects(createTag(f.db, ws, '会员等级', '金卡', admin), code('conflict', /"会员等级\/金卡" already exists/));
  await createTag(f.db, ws, '兴趣爱好', '金卡', admin); // same tag name in another group is fine
  await assert.rejects(renameTag(f.db, ws, '会员等级/银卡', '金卡', admin), code('conflict'));
  await assert.rejects(renameGroup(f.db, ws, '兴趣爱好', '会员等级', admin), code('conflict'));
  await assert.rejects(createTag(f.db, ws, '会员等级', 'a/b', admin), code('validation_failed', /must not contain "\/"/));
  await assert.rejects(createTag(f.db, ws, '不存在', '金卡', admin), code('not_found', /group "不存在" does not exist/));
});

test('the system category and groups cannot be renamed, deleted or given tags', async () => {
  await assert.rejects(renameCategory(f.db, ws, SYSTEM_CATEGORY, 'x', admin), code('forbidden', /maintained by Siyu/));
  await assert.rejects(deleteCategory(f.db, ws, SYSTEM_CATEGORY, admin, { force: true }), code('forbidden'));
  await assert.rejects(createGroup(f.db, ws, { name: '我的组', category: SYSTEM_CATEGORY }, admin), code('forbidden'));
  await assert.rejects(renameGroup(f.db, ws, '信任等级', '信任', admin), code('forbidden', /segmentation models/));
  await assert.rejects(deleteGroup(f.db, ws, '信任等级', admin), code('forbidden'));
  await assert.rejects(createTag(f.db, ws, '信任等级', 'L6', admin), code('forbidden', /cannot add tags to group "信任等级"/));
  await assert.rejects(deleteTag(f.db, ws, '信任等级/L0 陌生人', admin), code('forbidden'));
  await assert.rejects(renameTag(f.db, ws, '信任等级/L0 陌生人', '陌生人', admin), code('forbidden'));
});

test('deleting a tag takes it off its customers, audited, and reports how many', async () => {
  const [a, b] = f.customers;
  await createTag(f.db, ws, '兴趣爱好', '茶', admin);
  await tagCustomers(f.db, ws, { customerIds: [a!, b!], tag: '兴趣爱好/茶', source: 'staff', actor: admin, now });
  const tree = await listTaxonomy(f.db, ws, now);
  const tea = tree.flatMap((c) => c.groups).flatMap((g) => g.tags).find((t) => t.path === '兴趣爱好/茶')!;
  assert.equal(tea.customers, 2);

  const since = await lastAuditId(f.db, ws);
  const r = await deleteTag(f.db, ws, tea.tagId, admin, { now });
  assert.deepEqual(r, { tag: '兴趣爱好/茶', customers: 2 });
  const tags = await customerTags(f.db, ws, [a!, b!], now);
  assert.deepEqual([...tags.values()].flat().filter((t) => t.source !== 'system'), []);
  const audit = await auditSince(f.db, ws, since);
  const perCustomer = audit.filter((x) => x.customer_id !== null).sort((x, y) => x.customer_id! - y.customer_id!);
  assert.deepEqual(perCustomer.map((x) => [x.action, x.customer_id]), [['tag.removed', a], ['tag.removed', b]]);
  assert.deepEqual(audit.filter((x) => x.customer_id === null).map((x) => [x.action, x.details.customers]), [['taxonomy.tag.deleted', 2]]);
  assert.equal(perCustomer[0]!.details.reason, 'tag "兴趣爱好/茶" deleted');
  assert.equal(perCustomer[0]!.actor_id, 'admin');
});

test('a category with groups is deleted only when forced, and then takes its tags off customers', async () => {
  const [a] = f.customers;
  await createCategory(f.db, ws, '活动', admin);
  await createGroup(f.db, ws, { name: '双11', category: '活动' }, admin);
  await createTag(f.db, ws, '双11', '参与', admin);
  await tagCustomers(f.db, ws, { customerIds: [a!], tag: '双11/参与', source: 'staff', actor: admin, now });
  await assert.rejects(deleteCategory(f.db, ws, '活动', admin), code('conflict', /still has 1 group\(s\) \(双11\)/));
  const r = await deleteCategory(f.db, ws, '活动', admin, { force: true, now });
  assert.deepEqual(r, { category: '活动', groups: 1, tags: 1, customers: 1 });
  assert.equal((await listTaxonomy(f.db, ws, now)).some((c) => c.name === '活动'), false);
  await assert.rejects(createTag(f.db, ws, '双11', '参与', admin), code('not_found'));

  await createCategory(f.db, ws, '空的', admin);
  assert.deepEqual(await deleteCategory(f.db, ws, '空的', admin), { category: '空的', groups: 0, tags: 0, customers: 0 });
});

test('deleting a group deletes its tags and takes them off customers', async () => {
  const [, , c] = f.customers;
  await createGroup(f.db, ws, { name: '临时', category: '渠道' }, admin);
  await createTag(f.db, ws, '临时', 'a', admin);
  await createTag(f.db, ws, '临时', 'b', admin);
  await tagCustomers(f.db, ws, { customerIds: [c!], tag: '临时/a', source: 'staff', actor: admin, now });
  await tagCustomers(f.db, ws, { customerIds: [c!], tag: '临时/b', source: 'staff', actor: admin, now });
  assert.deepEqual(await deleteGroup(f.db, ws, '临时', admin, { now }), { group: '临时', tags: 2, customers: 1 });
  assert.deepEqual(((await customerTags(f.db, ws, [c!], now)).get(c!) ?? []).filter((t) => t.source !== 'system'), []);
});
