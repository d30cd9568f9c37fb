/** siyu moments as a user runs it: the real CLI on an embedded store in a temporary directory. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-moments-cli-'));
const dataDir = join(dir, 'data');
after(() => rmSync(dir, { recursive: true, force: true }));
const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('siyu moments: plan within the daily limit, list, cancel, change the limit', async () => {
  const help = await siyu('moments', '--help');
  assert.equal(help.code, 0);
  for (const c of ['list', 'show', 'plan', 'cancel', 'publish', 'comment-tasks', 'limit']) assert.match(help.stdout, new RegExp(`\\b${c}\\b`));
  assert.match((await siyu('moments', 'limit')).stdout, /at most 3 Moments posts/);
  assert.equal((await siyu('moments', 'limit', '1')).code, 0);
  const at = new Date(Date.now() + 86_400_000).toISOString();
  const planned = await siyu('moments', 'plan', '--staff', 'lina', '--at', at, '--text', '周末草莓到店', '--json');
  assert.equal(planned.code, 0, planned.stderr);
  const post = JSON.parse(planned.stdout);
  assert.equal(post.status, 'planned');
  const second = await siyu('moments', 'plan', '--staff', 'lina', '--at', at, '--text', '再来一条');
  assert.equal(second.code, 1);
  assert.match(second.stderr, /lina already has 1 Moments post on .* \(limit 1 a day\)/);
  assert.match((await siyu('moments', 'list')).stdout, /planned\s+周末草莓到店\s+staff: lina\(pending\)/);
  assert.match((await siyu('moments', 'cancel', String(post.postId))).stdout, /cancelled/);
  assert.equal(JSON.parse((await siyu('moments', 'show', String(post.postId), '--json')).stdout).status, 'cancelled');
});
