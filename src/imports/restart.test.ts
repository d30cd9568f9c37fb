/**
 * kill -9 in the middle of `siyu import orders`, then run it again: every order of the
 * file is there exactly once, and the totals are exactly what the file says.
 * Runs the real CLI command in a child process, against the embedded store in a temp
 * directory, or the PostgreSQL server (DATABASE_URL) in a workspace of its own.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore } from '../store/open.ts';
import type { Queryable } from '../store/db.ts';
import { tempFiles } from './test-files.ts';

const ROWS = 30_000;
const files = tempFiles();
const serverUrl = process.env.DATABASE_URL;
const workspace = `restart-${randomBytes(4).toString('hex')}`;
const dataDir = join(files.dir, 'data');
const repo = fileURLToPath(new URL('../..', import.meta.url));

after(async () => {
  if (serverUrl) await dropWorkspace(serverUrl, workspace);
  files.remove();
});

function startImport(path: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const env: NodeJS.ProcessEnv = { ...process.env, SIYU_DATA_DIR: dataDir };
  if (!serverUrl) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/siyu.js', 'import', 'orders', path, '--workspace', workspace, '--json'], {
    cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Look at the store the child used, once the child is gone. */
async function inspect<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
  if (serverUrl) {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      return await fn({ query: async (sql, params) => (await c.query(sql, params ? [...params] : undefined)).rows, exec: async (sql) => void (await c.query(sql)) });
    } finally {
      await c.end();
    }
  }
  const store = await openStore({ dataDir }, 'test inspect');
  try {
    return await fn(store.db);
  } finally {
    await store.close();
  }
}

test('an orders import killed with -9 half way is completed by running it again: nothing lost, nothing twice', { timeout: 300_000 }, async () => {
  // Line 2 is bad on purpose: its line in the error report appears once the first batch has committed.
  const lines = ['order_id,paid_at,amount,refunded_amount,platform,buyer_id,phone,product_ids', 'bad,2026-02-30,1,,,,13800138000,'];
  let paid = 0;
  let refunded = 0;
  for (let i = 0; i < ROWS; i++) {
    const fen = 100 + ((i * 7919) % 99_900);
    const refund = i % 10 === 0 ? Math.floor(fen / 3) : 0;
    paid += fen;
    refunded += refund;
    const who = i % 2 === 0 ? `youzan,yz-${i % 3000},` : `,,139${String(i % 4000).padStart(8, '0')}`;
    lines.push(`K${i},2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')},${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')},${refund ? `${Math.floor(refund / 100)}.${String(refund % 100).padStart(2, '0')}` : ''},${who},p${i % 9}`);
  }
  const path = files.write('orders.csv', `${lines.join('\n')}\n`);
  const report = `${path}.errors.csv`;

  const first = startImport(path);
  const deadline = Date.now() + 120_000;
  while (!(existsSync(report) && readFileSync(report, 'utf8').includes('2026-02-30'))) {
    const exited = await Promise.race([first.done, sleep(50).then(() => undefined)]);
    if (exited) assert.fail(`the import ended before it could be killed: ${JSON.stringify(exited)}`);
    assert.ok(Date.now() < deadline, 'the first batch never committed');
  }
  await sleep(300 + Math.floor(Math.random() * 700));
  first.child.kill('SIGKILL');
  const killed = await first.done;
  assert.equal(killed.signal, 'SIGKILL');

  const half = await inspect((db) => db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE workspace_id = $1`, [workspace]));
  assert.ok(half[0]!.n > 0 && half[0]!.n < ROWS, `the kill should land mid-import (orders after kill: ${half[0]!.n})`);

  const second = startImport(path);
  const finished = await second.done;
  assert.equal(finished.code, 0, finished.stderr);
  const summary = JSON.parse(finished.stdout) as { rowsRead: number; rowsLanded: number; rowsUnchanged: number; rowsRejected: number };
  assert.equal(summary.rowsRead, ROWS + 1);
  assert.equal(summary.rowsRejected, 1);
  assert.ok(summary.rowsUnchanged >= half[0]!.n, 'what landed before the kill comes back as unchanged');
  assert.equal(summary.rowsLanded + summary.rowsUnchanged, ROWS);

  const totals = await inspect(async (db) => ({
    orders: (await db.query<{ n: number; paid: number; refunded: number }>(
      `SELECT count(*)::int AS n, sum(amount_fen)::bigint AS paid, sum(refunded_fen)::bigint AS refunded FROM orders WHERE workspace_id = $1`, [workspace]))[0],
    events: (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1`, [workspace]))[0]!.n,
    aggregates: (await db.query<{ paid: number; refunded: number; orders: number }>(
      `SELECT sum(paid_fen)::bigint AS paid, sum(refunded_fen)::bigint AS refunded, sum(paid_orders)::int AS orders
       FROM customer_aggregates a JOIN customers c USING (workspace_id, customer_id) WHERE a.workspace_id = $1 AND c.merged_into IS NULL`, [workspace]))[0],
    runs: await db.query<{ status: string }>(`SELECT status FROM import_runs WHERE workspace_id = $1 ORDER BY import_id`, [workspace]),
  }));
  assert.deepEqual(totals.orders, { n: ROWS, paid, refunded });
  assert.equal(totals.events, ROWS + ROWS / 10);
  assert.deepEqual(totals.aggregates, { paid: paid - refunded, refunded, orders: ROWS });
  assert.deepEqual(totals.runs.map((r) => r.status), ['interrupted', 'done'], 'the killed run is marked interrupted when the next import starts');
});

/** Remove everything the test wrote to the shared server database. */
async function dropWorkspace(url: string, ws: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name = 'workspace_id' AND table_name <> 'workspaces'`);
    await c.query('BEGIN');
    // Foreign keys between workspace tables would dictate an order; the rows all go anyway.
    await c.query(`SET LOCAL session_replication_role = replica`);
    for (const t of tables.rows) await c.query(`DELETE FROM ${pg.escapeIdentifier(t.table_name)} WHERE workspace_id = $1`, [ws]);
    await c.query(`DELETE FROM workspaces WHERE workspace_id = $1`, [ws]);
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}
