/** siyu materials as a user runs it: the real CLI on an embedded store in a temporary directory. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-materials-cli-'));
const dataDir = join(dir, 'data');
after(() => rmSync(dir, { recursive: true, force: true }));
const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('siyu materials: add from disk, list, show, refuse a file by its content, delete', async () => {
  const help = await siyu('materials', '--help');
  assert.equal(help.code, 0);
  for (const c of ['list', 'show', 'add', 'preview', 'delete']) assert.match(help.stdout, new RegExp(`\\b${c}\\b`));
  const png = join(dir, 'poster.png');
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6]));
  const fake = join(dir, 'fake.png');
  writeFileSync(fake, '%PDF-1.4 not a picture');

  const added = await siyu('materials', 'add', 'image', '--title', '新品海报', '--file', png, '--tag', '新品', '--content-id', 'poster-1', '--json');
  assert.equal(added.code, 0, added.stderr);
  assert.equal(JSON.parse(added.stdout).file.mime, 'image/png');
  const text = await siyu('materials', 'add', 'text', '--title', '问候', '--text', '{name}您好');
  assert.equal(text.code, 0, text.stderr);

  const bad = await siyu('materials', 'add', 'image', '--title', 'x', '--file', fake);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /fake\.png: the name says \.png but the content is application\/pdf/);
  const noUrl = await siyu('materials', 'add', 'link', '--title', 'x');
  assert.match(noUrl.stderr, /url: required for a link item/);

  const list = await siyu('materials', 'list', '--json');
  assert.deepEqual(JSON.parse(list.stdout).items.map((m: { title: string }) => m.title).sort(), ['新品海报', '问候']);
  assert.match((await siyu('materials', 'show', 'poster-1')).stdout, /image\s+新品海报\s+\[poster-1\]/);
  assert.equal((await siyu('materials', 'delete', 'poster-1')).code, 0);
  assert.equal(JSON.parse((await siyu('materials', 'list', '--json')).stdout).total, 1);
});
