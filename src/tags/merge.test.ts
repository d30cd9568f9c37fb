import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { customerTags, type Actor } from '../customers/index.ts';
import {
  addAlias, createCategory, createGroup, createTag, findTag, listTaxonomy, mergeTags, removeAlias, renameTag, tagCustomers,
} from './index.ts';
import { auditSince, lastAuditId, openTagFixture, type TagFixture } from './testing.ts';

const ws = 'tag-merge';
const ops: Actor = { kind: 'staff', id: 'ops' };
const now = new Date('2026-11-30T00:00:00Z');
let f: TagFixture;

before(async () => {
  f = await openTagFixture(ws, 4);
  await createCategory(f.db, ws, '订单', ops);
  await createGroup(f.db, ws, { name: '购买', category: '订单' }, ops);
  await createGroup(f.db, ws, { name: '阶段', category: '订单', exclusive: true }, ops);
  for (const t of ['客户首单', '客户已下单', '复购']) await createTag(f.db, ws, '购买', t, ops);
  for (const t of ['首单', '复购', '流失']) await createTag(f.db, ws, '阶段', t, ops);
});
after(() => f.store.close());

const tagsOf = async (id: number) => ((await customerTags(f.db, ws, [id], now)).get(id) ?? []).filter((t) => t.source !== 'system').map((t) => `${t.group}/${t.tag} ${t.source}`);
const code = (c: string, message?: RegExp) => (err: unknown) => {
  assert.equal((err as { code?: string }).code, c, String(err));
  if (message) assert.match((err as Error).message, message);
  return true;
};

test('an alias resolves to its tag wherever a path is accepted', async () => {
  await createTag(f.db, ws, '购买', '首次购买', ops);
  const r = await addAlias(f.db, ws, '购买/首次购买', '第一单', ops);
  assert.deepEqual(r, { tag: '购买/首次购买', tagId: r.tagId, alias: '购买/第一单' });
  assert.equal((await findTag(f.db, ws, '购买/第一单')).path, '购买/首次购买');
  const [, , , d] = f.customers;
  const tagged = await tagCustomers(f.db, ws, { customerIds: [d!], tag: '购买/第一单', source: 'staff', actor: ops, now });
  assert.equal(tagged.tag, '购买/首次购买');
  assert.equal((await addAlias(f.db, ws, '购买/首次购买', '第一单', ops)).alias, '购买/第一单', 'adding it again is harmless');
  const tree = await listTaxonomy(f.db, ws, now);
  assert.deepEqual(tree.flatMap((x) => x.groups).flatMap((g) => g.tags).find((t) => t.path === '购买/首次购买')!.aliases, ['第一单']);
});

test('an alias cannot take the name of a tag, or of another tag\'s alias, in its group', async () => {
  await assert.rejects(addAlias(f.db, ws, '购买/首次购买', '复购', ops), code('conflict', /"购买\/复购" already exists/));
  await createTag(f.db, ws, '购买', '二单', ops);
  await assert.rejects(addAlias(f.db, ws, '购买/二单', '第一单', ops), code('conflict', /already an alias of "购买\/首次购买"/));
  await assert.rejects(createTag(f.db, ws, '购买', '第一单', ops), code('conflict', /already an alias/));
  await assert.rejects(addAlias(f.db, ws, '购买/二单', '二单', ops), code('bad_request'));
  // Renaming a tag to its own alias turns the alias into the name.
  await renameTag(f.db, ws, '购买/首次购买', '第一单', ops);
  assert.equal((await findTag(f.db, ws, '购买/第一单')).name, '第一单');
  await addAlias(f.db, ws, '购买/第一单', '首次购买', ops);
  await removeAlias(f.db, ws, '购买/第一单', '首次购买', ops);
  await assert.rejects(findTag(f.db, ws, '购买/首次购买'), code('not_found'));
});

test('merging moves customers with their provenance, keeps theirs, and leaves an alias', async () => {
  const [a, b] = f.customers;
  await tagCustomers(f.db, ws, { customerIds: [a!, b!], tag: '购买/客户已下单', source: 'rule', sourceId: 'paid', actor: { kind: 'rule', id: 'paid' }, now });
  await tagCustomers(f.db, ws, { customerIds: [b!], tag: '购买/客户首单', source: 'staff', actor: ops, now });
  const since = await lastAuditId(f.db, ws);

  const r = await mergeTags(f.db, ws, '购买/客户已下单', '购买/客户首单', ops, { now });
  assert.deepEqual(r, { from: '购买/客户已下单', into: '购买/客户首单', moved: 1, alreadyHeld: 1, skipped: [], alias: '购买/客户已下单', aliasesMoved: 0 });
  assert.deepEqual(await tagsOf(a!), ['购买/客户首单 rule'], 'moved with the rule as its source');
  assert.deepEqual(await tagsOf(b!), ['购买/客户首单 staff'], 'kept its own');
  assert.equal((await findTag(f.db, ws, '购买/客户已下单')).path, '购买/客户首单');

  const audit = await auditSince(f.db, ws, since);
  const perCustomer = audit.filter((x) => x.customer_id !== null).sort((x, y) => x.customer_id! - y.customer_id!);
  assert.deepEqual(perCustomer.map((x) => [x.action, x.customer_id, x.details.from, x.details.tag]), [
    ['tag.merged', a, '购买/客户已下单', '购买/客户首单'],
    ['tag.merged', b, '购买/客户已下单', '购买/客户首单'],
  ]);
  assert.deepEqual(audit.filter((x) => x.customer_id === null).map((x) => x.action), ['taxonomy.tag.merged']);
});

test('merging into a single-choice group skips customers who hold another of its tags', async () => {
  const [a, b, c] = f.customers;
  await tagCustomers(f.db, ws, { customerIds: [a!, b!, c!], tag: '购买/复购', source: 'staff', actor: ops, now });
  await tagCustomers(f.db, ws, { customerIds: [b!], tag: '阶段/流失', source: 'staff', actor: ops, now });
  await tagCustomers(f.db, ws, { customerIds: [c!], tag: '阶段/复购', source: 'staff', actor: ops, now });

  const since = await lastAuditId(f.db, ws);
  const r = await mergeTags(f.db, ws, '购买/复购', '阶段/复购', ops, { now });
  assert.deepEqual([r.moved, r.alreadyHeld, r.skipped], [1, 1, [{ customerId: b, holds: '阶段/流失' }]]);
  const skippedAudit = (await auditSince(f.db, ws, since)).filter((x) => x.customer_id === b);
  assert.deepEqual(skippedAudit.map((x) => [x.action, x.details.tag]), [['tag.removed', '购买/复购']]);
  assert.match(String(skippedAudit[0]!.details.reason), /keeps "阶段\/流失" of single-choice group "阶段"/);
  assert.equal(r.alias, null, 'the name 复购 is the target tag itself in 阶段');
  assert.match(r.aliasNote!, /already names "阶段\/复购"/);
  assert.ok((await tagsOf(a!)).includes('阶段/复购 staff'));
  assert.ok((await tagsOf(b!)).includes('阶段/流失 staff'));
  assert.ok(!(await tagsOf(b!)).some((t) => t.startsWith('购买/复购')));
  await assert.rejects(findTag(f.db, ws, '购买/复购'), code('not_found'));
});

test('a tag is not merged into itself, nor in or out of a system group', async () => {
  await addAlias(f.db, ws, '阶段/首单', '第一次', ops);
  await assert.rejects(mergeTags(f.db, ws, '阶段/第一次', '阶段/首单', ops), code('bad_request', /same tag/));
  await assert.rejects(mergeTags(f.db, ws, '阶段/首单', '生命周期·电商/首购', ops), code('forbidden'));
  await assert.rejects(mergeTags(f.db, ws, '生命周期·电商/首购', '阶段/首单', ops), code('forbidden'));
});

test('the aliases of a merged tag follow it', async () => {
  const r = await mergeTags(f.db, ws, '阶段/首单', '购买/客户首单', ops, { now });
  assert.equal(r.aliasesMoved, 1);
  assert.equal(r.alias, '购买/首单');
  assert.equal((await findTag(f.db, ws, '购买/第一次')).path, '购买/客户首单');
  assert.equal((await findTag(f.db, ws, '购买/首单')).path, '购买/客户首单');
});
