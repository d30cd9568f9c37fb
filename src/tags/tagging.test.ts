import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { customerTags, mergeCustomers, type Actor } from '../customers/index.ts';
import { createCategory, createGroup, createTag, purgeExpiredTags, tagCustomers, untagCustomers } from './index.ts';
import { addCustomers, auditSince, lastAuditId, openTagFixture, type TagFixture } from './testing.ts';

const ws = 'tagging';
const zhang: Actor = { kind: 'staff', id: 'zhang' };
const now = new Date('2026-11-30T00:00:00Z');
let f: TagFixture;

before(async () => {
  f = await openTagFixture(ws, 4);
  await createCategory(f.db, ws, '运营', zhang);
  await createGroup(f.db, ws, { name: '购买意向', category: '运营', exclusive: true }, zhang);
  await createGroup(f.db, ws, { name: '兴趣', category: '运营' }, zhang);
  for (const t of ['潜在', '意向', '下定']) await createTag(f.db, ws, '购买意向', t, zhang);
  for (const t of ['咖啡', '茶']) await createTag(f.db, ws, '兴趣', t, zhang);
});
after(() => f.store.close());

const tagsOf = async (id: number, at = now) => ((await customerTags(f.db, ws, [id], at)).get(id) ?? []).filter((t) => t.source !== 'system').map((t) => `${t.group}/${t.tag}`);
const code = (c: string, message?: RegExp) => (err: unknown) => {
  assert.equal((err as { code?: string }).code, c, String(err));
  if (message) assert.match((err as Error).message, message);
  return true;
};

test('a tag put on by hand carries who, why and when', async () => {
  const [a] = f.customers;
  const r = await tagCustomers(f.db, ws, { customerIds: [a!], tag: '兴趣/咖啡', source: 'staff', sourceId: 'zhang', reason: '聊到手冲', actor: zhang, now });
  assert.deepEqual(r, { tag: '兴趣/咖啡', tagId: r.tagId, added: [a], updated: [], unchanged: [], replaced: [] });
  const [t] = (await customerTags(f.db, ws, [a!], now)).get(a!)!.filter((x) => x.source !== 'system');
  assert.deepEqual([t!.source, t!.sourceId, t!.reason, t!.taggedAt], ['staff', 'zhang', '聊到手冲', now.toISOString()]);
});

test('tagging again adds nothing and writes no audit; a new reason or expiry updates the tag', async () => {
  const [a] = f.customers;
  const since = await lastAuditId(f.db, ws);
  const again = await tagCustomers(f.db, ws, { customerIds: [a!], tag: '兴趣/咖啡', source: 'rule', sourceId: 'r1', actor: { kind: 'rule', id: 'r1' }, now });
  assert.deepEqual(again.unchanged, [a]);
  assert.deepEqual(await auditSince(f.db, ws, since), []);

  const expiresAt = new Date('2026-12-31T16:00:00Z');
  const upd = await tagCustomers(f.db, ws, { customerIds: [a!], tag: '兴趣/咖啡', source: 'staff', expiresAt, actor: zhang, now });
  assert.deepEqual(upd.updated, [a]);
  const [t] = (await customerTags(f.db, ws, [a!], now)).get(a!)!.filter((x) => x.source !== 'system');
  assert.deepEqual([t!.source, t!.reason, t!.expiresAt], ['staff', '聊到手冲', expiresAt.toISOString()], 'first provenance kept, expiry updated');
  assert.deepEqual((await auditSince(f.db, ws, since)).map((x) => x.action), ['tag.updated']);
});

test('in a single-choice group a new tag replaces the current one, audited as replaced', async () => {
  const [, b, c] = f.customers;
  await tagCustomers(f.db, ws, { customerIds: [b!, c!], tag: '购买意向/潜在', source: 'staff', actor: zhang, now });
  const since = await lastAuditId(f.db, ws);
  const r = await tagCustomers(f.db, ws, { customerIds: [b!], tag: '购买意向/意向', source: 'rule', sourceId: 'asked-price', actor: { kind: 'rule', id: 'asked-price' }, now });
  assert.deepEqual(r.replaced, [{ customerId: b, tag: '购买意向/潜在' }]);
  assert.deepEqual(await tagsOf(b!), ['购买意向/意向']);
  assert.deepEqual(await tagsOf(c!), ['购买意向/潜在']);
  const audit = await auditSince(f.db, ws, since);
  assert.deepEqual(audit.map((x) => [x.actor_kind, x.actor_id, x.action, x.customer_id, x.details.tag]), [
    ['rule', 'asked-price', 'tag.replaced', b, '购买意向/潜在'],
    ['rule', 'asked-price', 'tag.added', b, '购买意向/意向'],
  ]);
  assert.equal(audit[0]!.details.replacedBy, '购买意向/意向');
});

test('an expired tag is hidden at once, and purged later with an audit row each', async () => {
  const [, , , d] = f.customers;
  const expiresAt = new Date('2026-12-01T00:00:00Z');
  await tagCustomers(f.db, ws, { customerIds: [d!], tag: '兴趣/茶', source: 'staff', expiresAt, actor: zhang, now });
  assert.deepEqual(await tagsOf(d!), ['兴趣/茶']);
  const after = new Date('2026-12-02T00:00:00Z');
  assert.deepEqual(await tagsOf(d!, after), []);

  const since = await lastAuditId(f.db, ws);
  assert.equal(await purgeExpiredTags(f.db, ws, now), 0, 'nothing has expired yet');
  assert.equal(await purgeExpiredTags(f.db, ws, after), 1);
  assert.equal(await purgeExpiredTags(f.db, ws, after), 0, 'a purge is not repeated');
  const audit = await auditSince(f.db, ws, since);
  assert.deepEqual(audit.map((x) => [x.actor_kind, x.action, x.customer_id, x.details.tag, x.details.reason]), [
    ['system', 'tag.expired', d, '兴趣/茶', 'expired'],
  ]);
  const [row] = await f.db.query(`SELECT 1 FROM customer_tags WHERE workspace_id = $1 AND customer_id = $2 AND source <> 'system'`, [ws, d]);
  assert.equal(row, undefined);
});

test('removing a tag reports who held it, and audits each removal with its reason', async () => {
  const [a, b] = f.customers;
  await tagCustomers(f.db, ws, { customerIds: [b!], tag: '兴趣/茶', source: 'staff', actor: zhang, now });
  const since = await lastAuditId(f.db, ws);
  const r = await untagCustomers(f.db, ws, { customerIds: [a!, b!], tag: '兴趣/茶', source: 'staff', reason: '不喝茶了', actor: zhang, now });
  assert.deepEqual([r.removed, r.notHeld], [[b], [a]]);
  assert.deepEqual(await tagsOf(b!), ['购买意向/意向']);
  const audit = await auditSince(f.db, ws, since);
  assert.deepEqual(audit.map((x) => [x.action, x.customer_id, x.details.reason, (x.details.held as { source: string }).source]), [
    ['tag.removed', b, '不喝茶了', 'staff'],
  ]);
});

test('a merged customer id leads to the surviving record', async () => {
  const [survivor, merged] = await addCustomers(f.db, ws, 2, 'merge');
  await f.db.transaction((tx) => mergeCustomers(tx, ws, survivor!, merged!, { because: [] }, { kind: 'system' }));
  const r = await tagCustomers(f.db, ws, { customerIds: [merged!], tag: '兴趣/茶', source: 'api', actor: { kind: 'api' }, now });
  assert.deepEqual(r.added, [survivor]);
  assert.deepEqual(await tagsOf(survivor!), ['兴趣/茶']);
});

test('bad requests are refused with a message naming the problem', async () => {
  const [a] = f.customers;
  const base = { customerIds: [a!], source: 'staff' as const, actor: zhang, now };
  await assert.rejects(tagCustomers(f.db, ws, { ...base, tag: '兴趣/篮球' }), code('not_found', /"兴趣\/篮球" does not exist \(group "兴趣" has 咖啡, 茶\)/));
  await assert.rejects(tagCustomers(f.db, ws, { ...base, tag: '篮球' }), code('bad_request', /write it as group\/tag/));
  await assert.rejects(tagCustomers(f.db, ws, { ...base, customerIds: [a!, 999_999], tag: '兴趣/茶' }), code('not_found', /customer 999999 does not exist/));
  await assert.rejects(tagCustomers(f.db, ws, { ...base, tag: '兴趣/茶', expiresAt: new Date('2026-01-01') }), code('validation_failed', /not in the future/));
  await assert.rejects(tagCustomers(f.db, ws, { ...base, tag: '信任等级/L3 认同我的人' }), code('forbidden', /segmentation models set/));
  const bySystem = await tagCustomers(f.db, ws, { ...base, source: 'system', actor: { kind: 'system' }, tag: '信任等级/L3 认同我的人' });
  assert.deepEqual(bySystem.added, [a]);
});
