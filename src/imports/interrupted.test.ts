/**
 * An import killed mid-way (kill -9) must not stay "running" in import_runs forever: the
 * next start marks it interrupted, and the CLI and API show it so.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { openTestStore } from '../store/test-store.ts';
import { testApi } from '../http/testing.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { listImportRuns, markInterruptedImports } from './index.ts';

const store = await openTestStore();
after(() => store.close());
const db = store.db;

/** The pid of a process that has certainly ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

test('runs of dead processes become interrupted; live and recently beating runs stay running', async () => {
  await ensureWorkspace(db, { workspaceId: 'imp-int' });
  const insert = async (file: string, owner: string | null, heartbeatAgoMs: number) => {
    const [r] = await db.query<{ import_id: number }>(
      `INSERT INTO import_runs (workspace_id, kind, file_name, status, owner, heartbeat_at, rows_read, rows_ok)
       VALUES ('imp-int', 'orders', $1, 'running', $2, now() - make_interval(secs => $3::float8 / 1000), 4000, 4000) RETURNING import_id`,
      [file, owner, heartbeatAgoMs]);
    return r!.import_id;
  };
  const killed = await insert('killed.csv', `${hostname()}:${deadPid()}`, 1000);
  const live = await insert('live.csv', `${hostname()}:${process.pid}`, 1000);
  const elsewhereStale = await insert('elsewhere-stale.csv', 'another-host:4242', 20 * 60_000);
  const elsewhereBeating = await insert('elsewhere-beating.csv', 'another-host:4243', 5_000);

  const marked = await markInterruptedImports(db);
  assert.deepEqual([...marked].sort((a, b) => a - b), [killed, elsewhereStale].sort((a, b) => a - b));
  const runs = new Map((await listImportRuns(db, 'imp-int')).map((r) => [r.importId, r]));
  assert.equal(runs.get(killed)!.status, 'interrupted');
  assert.match(runs.get(killed)!.error!, /stopped before it finished/);
  assert.ok(runs.get(killed)!.finishedAt);
  assert.equal(runs.get(killed)!.rowsLanded, 4000, 'what the committed batches landed is still reported');
  assert.equal(runs.get(elsewhereStale)!.status, 'interrupted');
  assert.equal(runs.get(live)!.status, 'running');
  assert.equal(runs.get(elsewhereBeating)!.status, 'running');
  assert.deepEqual(await markInterruptedImports(db), [], 'marking is done once');

  // The API lists them with the status; staff may not.
  const api = testApi(db, { workspace: 'imp-int' });
  const res = await api.get('/api/v1/imports');
  assert.equal(res.status, 200);
  const byId = new Map((res.json.runs as { importId: number; status: string }[]).map((r) => [r.importId, r.status]));
  assert.equal(byId.get(killed), 'interrupted');
  assert.equal(byId.get(live), 'running');
  const staff = await api.as({ role: 'staff', staffId: 'zhangsan' }).get('/api/v1/imports');
  assert.equal(staff.status, 403);
});
