/**
 * The task commands as a user runs them: the real CLI in a child process, against the
 * embedded store in a temporary directory (seeded in-process first).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestEvents } from '../events/index.ts';
import { createTasks } from '../outreach/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-tasks-cli-'));
const dataDir = join(dir, 'data');

before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: 'default' });
    const at = new Date(Date.now() - 3_600_000);
    // A WeCom contact: the name arrives with the event, the profile has none of its own.
    const r = await ingestEvents(store.db, 'default', [
      { id: 'e1', type: 'contact.added', occurredAt: at.toISOString(), customer: { externalUserId: 'wm-1', name: '冯雨慧' }, data: { staffId: 'lina' } },
    ]);
    assert.deepEqual(r.rejected, []);
    const customerId = r.accepted[0]!.customerId;
    await store.db.transaction((tx) => createTasks(tx, 'default', [{
      customerId, staffId: 'lina', kind: 'care', purpose: 'service', channel: 'private_chat', title: '关怀', content: '最近好吗',
      dueAt: new Date(Date.now() + 3_600_000), dedupeKey: 'care:cli', source: { type: 'staff', id: 'lina' },
    }], new Date()));
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('siyu tasks names each task\'s customer, as JSON and as text', { timeout: 300_000 }, async () => {
  const json = await siyu('tasks', '--json');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).items.map((t: { customerName: string | null }) => t.customerName), ['冯雨慧']);
  const text = await siyu('tasks');
  assert.match(text.stdout, /#\d+ 冯雨慧/);
});
