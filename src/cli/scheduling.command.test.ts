/** The schedule commands as a user runs them: the real CLI on an embedded store in a temporary directory. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestEvents } from '../events/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-schedule-cli-'));
const dataDir = join(dir, 'data');
const content = join(dir, 'content.txt');

before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: 'default' });
    const r = await ingestEvents(store.db, 'default', [
      { id: 'e1', type: 'contact.added', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), customer: { externalUserId: 'wm-1', name: '冯雨慧' }, staffId: 'lina', data: {} },
    ]);
    assert.deepEqual(r.rejected, []);
  } finally {
    await store.close();
  }
  writeFileSync(content, '{name}您好，周末新品上架\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('schedule send, list, edit and cancel from the CLI; a past time is refused with the reason', async () => {
  const at = new Date(Date.now() + 86_400_000).toISOString();
  const filter = JSON.stringify({ field: 'trustLevel', op: 'gte', value: 0 });
  const sent = await siyu('schedule', 'send', '--at', at, '--filter', filter, '--content', content, '--title', '周末上新', '--purpose', 'service', '--json');
  assert.equal(sent.code, 0, sent.stderr);
  const s = JSON.parse(sent.stdout);
  assert.deepEqual([s.status, s.estimate.audience], ['scheduled', 1]);
  const past = await siyu('schedule', 'send', '--at', '2020-01-01 10:00', '--filter', filter, '--content', content);
  assert.notEqual(past.code, 0);
  assert.match(past.stderr, /sendAt: .* not in the future/);
  const edited = await siyu('schedule', 'edit', String(s.scheduleId), '--title', '周末上新（改）');
  assert.equal(edited.code, 0, edited.stderr);
  assert.match(edited.stdout, /周末上新（改）/);
  const list = await siyu('schedule', 'list');
  assert.match(list.stdout, /待发送 scheduled/);
  const cancelled = await siyu('schedule', 'cancel', String(s.scheduleId), '--json');
  assert.equal(JSON.parse(cancelled.stdout).status, 'cancelled');
  const again = await siyu('schedule', 'cancel', String(s.scheduleId));
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /cancelled; only a send that has not started can be changed/);
  assert.match((await siyu('schedule', '--help')).stdout, /send \[options\]/);
});

test('holidays add (monthly 会员日), list, and the operations calendar from the CLI', async () => {
  const added = await siyu('holidays', 'add', '会员日', '2027-01-08', '--monthly', '2027', '--json');
  assert.equal(added.code, 0, added.stderr);
  assert.equal(JSON.parse(added.stdout).added.length, 12);
  const bad = await siyu('holidays', 'add', '店庆', '2027-02-30');
  assert.notEqual(bad.code, 0);
  assert.match(bad.stdout, /refused: 2027-02-30 \(date\)/);
  const list = await siyu('holidays', 'list', '--from', '2027-02-01', '--to', '2027-02-28');
  assert.match(list.stdout, /2027-02-06 {2}春节/);
  assert.match(list.stdout, /2027-02-08 {2}会员日/);
  const cal = await siyu('calendar', '--from', '2027-02-05', '--days', '4');
  assert.equal(cal.code, 0, cal.stderr);
  assert.match(cal.stdout, /2027-02-06\n {2}节日 holiday {7}春节 \(Spring Festival\)/);
  assert.match((await siyu('calendar', '--help')).stdout, /--days <n>/);
});
