/** siyu report operations | responsiveness | complaints as a user runs them: the real CLI on an embedded store. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestEvents } from '../events/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-report-ops-cli-'));
const dataDir = join(dir, 'data');

before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: 'default', timeZone: 'Asia/Shanghai' });
    const ev = (id: string, who: string, type: string, at: string, data: Record<string, unknown>, staffId?: string) =>
      ({ id, type, occurredAt: `${at}+08:00`, customer: { externalUserId: who }, ...(staffId ? { staffId } : {}), data });
    const r = await ingestEvents(store.db, 'default', [
      ev('a', 'w1', 'contact.added', '2026-11-01T10:00:00', {}, 'zhang'),
      ev('b', 'w1', 'message.received', '2026-11-16T10:00:00', { conversationId: 'c1', text: '在吗' }),
      ev('c', 'w1', 'message.sent', '2026-11-16T10:12:00', { conversationId: 'c1', text: '在' }, 'zhang'),
      ev('d', 'w1', 'complaint.filed', '2026-11-17T10:00:00', { reason: '坏果' }, 'zhang'),
    ]);
    assert.deepEqual(r.rejected, []);
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('report responsiveness, complaints and operations: text, JSON and CSV; bad dates named', { timeout: 180_000 }, async () => {
  const resp = await siyu('report', 'responsiveness', '--from', '2026-11-14', '--to', '2026-11-20', '--json');
  assert.equal(resp.code, 0, resp.stderr);
  const r = JSON.parse(resp.stdout);
  assert.deepEqual(r.staff.map((s: { staffId: string; medianMinutes: number }) => [s.staffId, s.medianMinutes]), [['zhang', 12]]);
  const comp = await siyu('report', 'complaints', '--from', '2026-11-14', '--to', '2026-11-20', '--csv');
  assert.equal(comp.code, 0, comp.stderr);
  assert.deepEqual(comp.stdout.trim().split('\n'), ['staff_id,reason,count', 'zhang,坏果,1']);
  const ops = await siyu('report', 'operations', '--from', '2026-11-20', '--to', '2026-11-14');
  assert.equal(ops.code, 1);
  assert.match(ops.stderr, /to: 2026-11-14 is before from 2026-11-20/);
  const help = await siyu('report', '--help');
  assert.match(help.stdout, /operations/);
  assert.match(help.stdout, /responsiveness/);
});
