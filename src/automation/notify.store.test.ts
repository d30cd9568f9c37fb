/**
 * On the server store the automation worker is woken by NOTIFY (migration 029) from whatever
 * process queued the signals: here the worker's own polls are 10 minutes apart, the event is
 * ingested without the in-process kick, and the rule's task still appears at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ingestEvents } from '../events/index.ts';
import { saveRule, startAutomationWorker } from './index.ts';

test('a NOTIFY at commit wakes an idle worker; no poll is needed', { timeout: 60_000 }, async (t) => {
  const store = await openTestStore();
  try {
    if (store.db.kind !== 'server') {
      t.skip('the embedded store is one process: its workers are woken in-process');
      return;
    }
    const db = store.db;
    await ensureWorkspace(db, { workspaceId: 'n' });
    await saveRule(db, 'n', {
      name: '投诉', enabled: true, trigger: { kind: 'event', event: 'complaint.filed' },
      actions: [{ type: 'task', title: '处理投诉', content: '尽快联系', purpose: 'service' }],
    }, { kind: 'system', id: 'test' });
    const worker = startAutomationWorker(db, { idleMs: 600_000, maxIdleMs: 600_000, listeningPollMs: 600_000, timersMs: 3_600_000 });
    try {
      const deadline = Date.now() + 10_000;
      while (!worker.listening && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(worker.listening, 'the worker is listening');
      await new Promise((r) => setTimeout(r, 200));
      await ingestEvents(db, 'n', [{ id: 'c1', type: 'complaint.filed', occurredAt: new Date(Date.now() - 1000).toISOString(), customer: { externalUserId: 'wm-n1' }, data: {} }]);
      let tasks = 0;
      while (Date.now() < deadline + 10_000) {
        tasks = Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = 'n'`))[0]!.n);
        if (tasks > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(tasks, 1, 'the notification woke the worker and the rule made its task');
    } finally {
      await worker.stop();
    }
  } finally {
    await store.close();
  }
});
