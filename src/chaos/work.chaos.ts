/**
 * Chaos: kill -9 in the middle of longer work — a CSV import (the CLI), a full recompute
 * and WeCom mass sends (to the fake WeCom) — then restart and check that nothing was lost,
 * nothing was done twice and the work finishes by itself.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeWecom } from '../wecom/fake/server.ts';
import { BIN, REPO, SECRET_KEY, SKIP, Serve, chaosDatabase, client, eventually, figures, freePort, type ChaosDb } from './harness.ts';

let db: ChaosDb & { token: string };
let serve: Serve;
let api: ReturnType<typeof client>;
const dir = mkdtempSync(join(tmpdir(), 'siyu-chaos-'));

before(async () => {
  if (SKIP) return;
  db = await chaosDatabase();
  serve = new Serve(db, await freePort(), ['--demo', '--demo-customers', '200']);
  await serve.start();
  api = client(() => serve.url, db.token);
});
after(async () => {
  await serve?.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('import: kill -9 of "siyu import orders" mid-way, run again: every order once, the killed run interrupted', { skip: SKIP, timeout: 300_000 }, async () => {
  const ROWS = 20_000;
  const lines = ['order_id,paid_at,amount,platform,buyer_id'];
  for (let i = 0; i < ROWS; i++) lines.push(`CH${i},2026-10-${String(1 + (i % 28)).padStart(2, '0')} 10:00,${1 + (i % 50)}.00,youzan,chaos-buyer-${i % 2500}`);
  const file = join(dir, 'orders.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const expectedFen = Array.from({ length: ROWS }, (_, i) => (1 + (i % 50)) * 100).reduce((a, b) => a + b, 0);
  const run = () => {
    const child = spawn(process.execPath, [BIN, 'import', 'orders', file, '--batch', '500', '--json'], {
      cwd: REPO, env: { ...process.env, DATABASE_URL: db.url, SIYU_SECRET_KEY: SECRET_KEY }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
    return { child, done: new Promise<{ code: number | null; out: string }>((r) => child.once('exit', (code) => r({ code, out }))) };
  };
  const first = run();
  const landed = await eventually(async () => Number((await db.query(`SELECT count(*)::int AS n FROM orders WHERE order_id LIKE 'CH%'`))[0]!.n) >= 2000, 90_000, 50);
  assert.ok(landed, 'the import never got going');
  first.child.kill('SIGKILL');
  await first.done;
  const [mid] = await db.query(`SELECT count(*)::int AS n FROM orders WHERE order_id LIKE 'CH%'`);
  const second = run();
  const finished = await second.done;
  assert.equal(finished.code, 0, finished.out);
  const [orders] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS ids, sum(amount_fen)::bigint AS fen FROM orders WHERE order_id LIKE 'CH%'`);
  const runs = await db.query(`SELECT status FROM import_runs ORDER BY import_id`);
  const listed = await api.get('/api/v1/imports');
  figures('import', { rows: ROWS, beforeKill: mid!.n, stored: orders!.ids, duplicated: orders!.n - orders!.ids, runs: runs.map((r) => r.status).join('>') });
  assert.ok(mid!.n < ROWS, 'the kill should land mid-import');
  assert.equal(orders!.n, ROWS);
  assert.equal(orders!.ids, ROWS);
  assert.equal(Number(orders!.fen), expectedFen);
  assert.deepEqual(runs.map((r) => r.status), ['interrupted', 'done']);
  assert.equal(listed.status, 200);
  assert.equal(listed.json.runs.at(-1).status, 'interrupted');
});

test('recompute: kill -9 during a full re-segmentation; after a restart the next run completes and nothing is half-updated', { skip: SKIP, timeout: 300_000 }, async () => {
  // More customers, so that a full run takes long enough to be killed in.
  for (let b = 0; b < 4; b++) {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      id: `rc-${b}-${i}`, type: 'order.paid', occurredAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      customer: { externalUserId: `wm-rc-${b * 1000 + i}` }, data: { orderId: `rc-o-${b}-${i}`, amount: '50.00' },
    }));
    assert.equal((await api.post('/api/v1/events', events)).status, 200);
  }
  const [{ customers }] = await db.query(`SELECT count(*)::int AS customers FROM customers WHERE merged_into IS NULL`) as [{ customers: number }];
  let killedMidRun = 0;
  for (let k = 0; k < 3; k++) {
    const req = api.post('/api/v1/recompute', {}, 120_000);
    // Kill as soon as the run is under way (or after a while if it never shows as running).
    if (await eventually(async () => (await db.query(`SELECT 1 FROM model_runs WHERE status = 'running'`)).length > 0, 5_000, 5)) killedMidRun++;
    await sleep(k * 40);
    await serve.kill9();
    await req;
    await serve.start();
  }
  const done = await api.post('/api/v1/recompute', {}, 120_000);
  assert.equal(done.status, 200, JSON.stringify(done.json));
  const states = await db.query(`SELECT status, count(*)::int AS n FROM model_runs GROUP BY status ORDER BY status`);
  const [models] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS ids FROM customer_models`);
  figures('recompute', { customers, kills: 3, killedMidRun, runs: states.map((s) => `${s.status}×${s.n}`).join(','), placed: models!.ids, duplicated: models!.n - models!.ids });
  assert.ok(!states.some((s) => s.status === 'running'), 'a run is left running after the next one finished');
  assert.equal(models!.n, models!.ids, 'a customer has two model rows');
  assert.equal(models!.ids, customers, 'every customer is placed after the run');
  assert.equal(done.json.customers, customers);
});

test('mass send: kill -9 while WeCom mass messages go out; each task reaches WeCom at most once and the rest go after the restart', { skip: SKIP, timeout: 360_000 }, async () => {
  const fake = new FakeWecom();
  await fake.start();
  try {
    const owners = await db.query(
      `SELECT DISTINCT ON (c.customer_id) i.value AS ext, coalesce(c.owner_staff, f.staff_id) AS staff, c.customer_id AS id
       FROM customers c JOIN customer_identities i ON i.workspace_id = c.workspace_id AND i.customer_id = c.customer_id
       LEFT JOIN customer_followers f ON f.workspace_id = c.workspace_id AND f.customer_id = c.customer_id AND f.removed_at IS NULL
       WHERE i.kind = 'external_user_id' AND i.value NOT LIKE 'wm-rc-%' AND coalesce(c.owner_staff, f.staff_id) IS NOT NULL AND c.merged_into IS NULL
       ORDER BY c.customer_id`);
    assert.ok(owners.length > 0, 'the demo has WeCom contacts with a staff member');
    for (const o of owners) fake.addContact({ externalUserId: o.ext, userId: o.staff });
    const config = await api.put('/api/v1/wecom/config', { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
    assert.equal(config.status, 200, JSON.stringify(config.json));
    // The first WeCom pass pushes the demo's tags and runs the initial sync: let it finish, so
    // that the kills below land on deliveries.
    const synced = await eventually(async () => (await db.query(`SELECT 1 FROM wecom_sync_runs WHERE status = 'done' LIMIT 1`)).length > 0, 150_000, 500);
    assert.ok(synced, 'the first WeCom pass never finished');
    const policy = await api.put('/api/v1/policy', { marketingMinTrust: 0, frequencyCap: { touches: 1000, windowDays: 1 }, quietHours: { enabled: false, start: '22:00', end: '08:00' }, massMessagesPerDay: 0 });
    assert.equal(policy.status, 200, JSON.stringify(policy.json));
    const MESSAGES = 12;
    for (let m = 0; m < MESSAGES; m++) {
      const filter = { field: 'customerId', op: 'in', values: owners.map((o) => Number(o.id)) };
      const r = await api.post('/api/v1/mass-messages', { filter, title: `chaos ${m}`, content: `混沌群发 ${m}`, purpose: 'service' });
      assert.equal(r.status, 201, JSON.stringify(r.json));
    }
    const [{ tasks }] = await db.query(`SELECT count(*)::int AS tasks FROM outreach_tasks WHERE kind = 'mass_message' AND customer_id IS NULL`) as [{ tasks: number }];
    assert.ok(tasks > 0, 'the mass messages made no send tasks');
    // The WeCom worker delivers every few seconds: kill it as deliveries start, three times.
    for (let k = 0; k < 3; k++) {
      await eventually(async () => fake.calls.some((c) => c.path.endsWith('add_msg_template')) || k > 0, 20_000, 20);
      await sleep(k * 150);
      await serve.kill9();
      await serve.start();
    }
    const settled = await eventually(async () => Number((await db.query(
      `SELECT count(*)::int AS n FROM outreach_tasks t WHERE t.kind = 'mass_message' AND t.customer_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM wecom_mass_sends s WHERE s.workspace_id = t.workspace_id AND s.task_id = t.task_id)`))[0]!.n) === 0, 120_000);
    const calls = fake.calls.filter((c) => c.path.endsWith('add_msg_template') && c.errcode === 0);
    const perTask = new Map<string, number>();
    for (const c of calls) {
      const key = `${String(c.body?.sender)}|${String((c.body?.text as { content?: string } | undefined)?.content)}`;
      perTask.set(key, (perTask.get(key) ?? 0) + 1);
    }
    const sends = await db.query(`SELECT status, count(*)::int AS n FROM wecom_mass_sends GROUP BY status ORDER BY status`);
    const duplicated = [...perTask.values()].filter((n) => n > 1).length;
    figures('mass send', {
      tasks, sent: calls.length, acknowledged: Number(sends.find((s) => s.status === 'created')?.n ?? 0) + Number(sends.find((s) => s.status === 'sent')?.n ?? 0),
      duplicated, claimedUnsent: Number(sends.find((s) => s.status === 'creating')?.n ?? 0), restarts: 3,
    });
    assert.ok(settled, 'some send tasks never reached the WeCom worker after the restarts');
    assert.equal(duplicated, 0, 'a mass-message task reached WeCom twice');
    assert.ok(calls.length <= tasks);
  } finally {
    await fake.stop();
  }
});
