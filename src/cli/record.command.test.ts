/**
 * The record and follow-up commands as a user runs them: the real CLI in a child process,
 * against the embedded store in a temporary directory.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestEvents } from '../events/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-record-cli-'));
const dataDir = join(dir, 'data');
let customerId = 0;

before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: 'default' });
    const r = await ingestEvents(store.db, 'default', [
      { id: 'e1', type: 'contact.added', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), staffId: 'lina', customer: { externalUserId: 'wm-1', name: '冯雨慧' } },
    ]);
    customerId = r.accepted[0]!.customerId;
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('define a field, fill the record, read it back as JSON; a bad value names its field', async () => {
  const help = await siyu('record', 'set', '--help');
  assert.match(help.stdout, /--birthday <date>/);
  const def = await siyu('record', 'fields', 'define', 'skin', '--label', '肤质', '--type', 'single', '--options', '干性|油性');
  assert.equal(def.code, 0, def.stderr);
  const set = await siyu('record', 'set', String(customerId), '--remark', '冯姐', '--city', '杭州', '--birthday', '1992-03-08', '--field', 'skin=油性', '--json');
  assert.equal(set.code, 0, set.stderr);
  const r = JSON.parse(set.stdout);
  assert.deepEqual([r.remark, r.city, r.birthday, r.ageBand, r.custom.skin, r.remarkSync.pending], ['冯姐', '杭州', '1992-03-08', '25_34', '油性', true]);
  const bad = await siyu('record', 'set', String(customerId), '--field', 'skin=中性');
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /custom\.skin/);
});

test('a follow-up with a next day prints its task', async () => {
  const next = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const add = await siyu('followups', 'add', String(customerId), '--type', 'call', '--note', '电话回访', '--next', next);
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /task #\d+ due/);
  const list = await siyu('followups', 'list', String(customerId), '--json');
  assert.equal(JSON.parse(list.stdout)[0].staffId, 'lina');
});

test('coupons from the command line: define, issue (once per key), redeem', async () => {
  const def = await siyu('coupons', 'define', 'fruit-20', '--name', '满100减20', '--value', '20', '--valid-days', '14', '--remind-days', '3');
  assert.equal(def.code, 0, def.stderr);
  const one = await siyu('coupons', 'issue', 'fruit-20', String(customerId), '--key', 'k1', '--json');
  assert.equal(one.code, 0, one.stderr);
  const issue = JSON.parse(one.stdout);
  assert.ok(issue.reminderTaskId > 0);
  const again = await siyu('coupons', 'issue', 'fruit-20', String(customerId), '--key', 'k1');
  assert.match(again.stdout, /already issued/);
  const used = await siyu('coupons', 'redeem', issue.issueId, '--order', 'E1');
  assert.match(used.stdout, /redeemed on order E1/);
  assert.match((await siyu('coupons', 'list')).stdout, /issued 1, redeemed 1/);
});
