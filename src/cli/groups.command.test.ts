/** siyu groups as a user runs it: the real CLI on an embedded store seeded with a group. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordGroup } from '../groups/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-groups-cli-'));
const dataDir = join(dir, 'data');
before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: 'default' });
    await recordGroup(store.db, 'default', { chatId: 'wr-vip', name: 'VIP会员群', owner: 'lina', createdAt: new Date(), tags: [], members: [{ userid: 'lina', type: 1 }, { userid: 'wm-1', type: 2 }] });
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));
const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('siyu groups: list, tag, a group SOP from a file (a bad one refused by field), a mass message by tag', async () => {
  const help = await siyu('groups', '--help');
  assert.equal(help.code, 0);
  for (const c of ['list', 'show', 'sync', 'tag', 'code', 'codes', 'sop-add', 'sops', 'mass', 'mass-show', 'send', 'conversion']) assert.match(help.stdout, new RegExp(`\\b${c}\\b`));
  assert.equal((await siyu('groups', 'tag', 'wr-vip', 'VIP群')).code, 0);
  assert.match((await siyu('groups', 'list')).stdout, /wr-vip\s+VIP会员群\s+owner lina\s+1 customers.*\[VIP群\]/);
  const file = join(dir, 'sop.json');
  writeFileSync(file, JSON.stringify({ name: 'VIP开场', groups: { tags: ['VIP群'] }, steps: [{ key: 'hello', offsetDays: 0, text: '欢迎' }] }));
  assert.match((await siyu('groups', 'sop-add', file)).stdout, /group SOP #1 "VIP开场" on, 1 steps/);
  writeFileSync(file, JSON.stringify({ name: '坏的', groups: {}, steps: [{ key: 'x', offsetDays: 1, date: '2026-12-12', text: 'y' }] }));
  const bad = await siyu('groups', 'sop-add', file);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /steps\.0\.offsetDays: give either offsetDays or date/);
  const mass = await siyu('groups', 'mass', '--text', '双十二预告', '--tag', 'VIP群', '--json');
  assert.equal(mass.code, 0, mass.stderr);
  assert.deepEqual(JSON.parse(mass.stdout).results.map((r: { chatId: string; status: string }) => `${r.chatId}:${r.status}`), ['wr-vip:pending']);
});
