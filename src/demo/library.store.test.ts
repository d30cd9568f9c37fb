import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { listMaterials, readFile } from '../materials/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { CONTENTS } from './catalogue.ts';
import { seedDemoMaterials, solidPng } from './materials.ts';

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: 'demo-m' });
});
after(() => store.close());

test('the demo library: every catalogue article under its content id, pictures that are real PNGs, loaded once', async () => {
  const at = new Date('2026-12-01T02:00:00Z');
  assert.equal(await seedDemoMaterials(store.db, 'demo-m', at), CONTENTS.length + 5);
  assert.equal(await seedDemoMaterials(store.db, 'demo-m', at), 0);
  const { items } = await listMaterials(store.db, 'demo-m');
  for (const c of CONTENTS) assert.ok(items.some((m) => m.contentId === c.contentId && m.kind === 'link' && m.cover), c.contentId);
  assert.deepEqual(new Set(items.map((m) => m.kind)), new Set(['link', 'text', 'image', 'miniprogram', 'file']));
  const poster = items.find((m) => m.contentId === 'img-1212-poster')!;
  const png = (await readFile(store.db, 'demo-m', poster.file!.fileId)).data;
  assert.equal(Buffer.from(png.subarray(12, 16)).toString(), 'IHDR');
  assert.equal(Buffer.from(png).readUInt32BE(16), 270);
});

test('solidPng draws w×h pixels that inflate to the expected size', () => {
  const png = Buffer.from(solidPng(4, 3, [1, 2, 3]));
  const idatAt = png.indexOf('IDAT');
  const len = png.readUInt32BE(idatAt - 4);
  assert.equal(inflateSync(png.subarray(idatAt + 4, idatAt + 4 + len)).length, (4 * 3 + 1) * 3);
});

test('the demo Moments: the posts behind the likes and comments already there, and the next days planned from the library', async () => {
  const { seedDemoMoments } = await import('./moments.ts');
  const { listMomentPosts } = await import('../moments/index.ts');
  const { ingestEvents } = await import('../events/index.ts');
  const { upsertStaff } = await import('../workspaces/index.ts');
  await upsertStaff(store.db, 'demo-m', [{ staffId: 'lina', name: '李娜' }]);
  const at = new Date('2026-12-01T02:00:00Z');
  await ingestEvents(store.db, 'demo-m', [
    { id: 'ml1', type: 'moment.liked', occurredAt: '2026-11-20T13:00:00Z', customer: { externalUserId: 'wm-a' }, staffId: 'lina', data: { momentId: 'mo-lina-20261120' } },
    { id: 'mc1', type: 'moment.commented', occurredAt: '2026-11-20T14:00:00Z', customer: { externalUserId: 'wm-b' }, staffId: 'lina', data: { momentId: 'mo-lina-20261120' } },
  ], { now: at.getTime() });
  assert.deepEqual(await seedDemoMoments(store.db, 'demo-m', at), { past: 1, planned: 4 });
  assert.deepEqual(await seedDemoMoments(store.db, 'demo-m', at), { past: 0, planned: 0 });
  const posts = await listMomentPosts(store.db, 'demo-m');
  const past = posts.find((p) => p.momentId === 'mo-lina-20261120')!;
  assert.deepEqual(past.engagement, { likes: 1, comments: 1, customers: 2 });
  assert.equal(past.publishAt, '2026-11-20T12:00:00.000Z');
  assert.equal(posts.filter((p) => p.status === 'planned').length, 4);
});

test('the demo groups: today\'s members from the join and leave events, an owner, tags, and a VIP group SOP', async () => {
  const { seedDemoGroups } = await import('./groups.ts');
  const { listGroups, listGroupSops } = await import('../groups/index.ts');
  const { ingestEvents } = await import('../events/index.ts');
  const at = new Date('2026-12-01T02:00:00Z');
  await ingestEvents(store.db, 'demo-m', [
    { id: 'gj1', type: 'group.joined', occurredAt: '2026-11-02T10:00:00Z', customer: { externalUserId: 'wm-a' }, staffId: 'lina', data: { groupId: 'grp-vip' } },
    { id: 'gj2', type: 'group.joined', occurredAt: '2026-11-03T10:00:00Z', customer: { externalUserId: 'wm-b' }, staffId: 'lina', data: { groupId: 'grp-vip' } },
    { id: 'gl2', type: 'group.left', occurredAt: '2026-11-04T10:00:00Z', customer: { externalUserId: 'wm-b' }, data: { groupId: 'grp-vip' } },
  ], { now: at.getTime() });
  assert.equal(await seedDemoGroups(store.db, 'demo-m', at), 1);
  assert.equal(await seedDemoGroups(store.db, 'demo-m', at), 0);
  const [vip] = await listGroups(store.db, 'demo-m', { now: at });
  assert.deepEqual([vip!.chatId, vip!.owner, vip!.customers, vip!.tags], ['grp-vip', 'lina', 1, ['VIP群']]);
  assert.equal((await listGroupSops(store.db, 'demo-m'))[0]!.name, 'VIP群会员日');
});
