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
