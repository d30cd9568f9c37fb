/**
 * Several Siyu processes on one PostgreSQL database (README "Deployment"): two `siyu serve`
 * and one `siyu worker`, all running the background work. Events go in through both
 * servers at once; rules, SOP hooks, housekeeping (re-segmentation) and WeCom mass sends run
 * wherever a process claims them — and nothing is done twice.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeWecom } from '../wecom/fake/server.ts';
import { createToken } from '../auth/index.ts';
import { openServer } from '../store/pg-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { seedAutomation } from '../bench/automation.bench.ts';
import { syntheticEvents } from '../bench/synthetic.ts';
import { BIN, REPO, SECRET_KEY, SKIP, Serve, chaosDatabase, client, eventually, figures, freePort, type ChaosDb } from './harness.ts';

let db: ChaosDb & { token: string };
let a: Serve;
let b: Serve;
let worker: ChildProcess | undefined;
let workerLog = '';

before(async () => {
  if (SKIP) return;
  db = await chaosDatabase();
  a = new Serve(db, await freePort(), ['--demo', '--demo-customers', '200']);
  await a.start();
  b = new Serve(db, await freePort());
  await b.start();
  worker = spawn(process.execPath, [BIN, 'worker', '--housekeeping-every', '1'], {
    cwd: REPO, env: { ...process.env, DATABASE_URL: db.url, SIYU_SECRET_KEY: SECRET_KEY }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout!.on('data', (x: Buffer) => { workerLog += x.toString(); });
  worker.stderr!.on('data', (x: Buffer) => { workerLog += x.toString(); });
  assert.ok(await eventually(async () => workerLog.includes('worker running'), 60_000, 100), `siyu worker did not start:\n${workerLog}`);
});
after(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker!.once('exit', r));
    worker.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (worker.exitCode === null) worker.kill('SIGKILL');
  }
  await a?.stop();
  await b?.stop();
  await db?.drop();
});

test('two servers and a worker: events through both, rules and SOPs once each, one re-segmentation a day', { skip: SKIP, timeout: 300_000 }, async () => {
  const setup = await openServer(db.url, { max: 2 });
  let token: string;
  try {
    await ensureWorkspace(setup, { workspaceId: 'multi' });
    await seedAutomation(setup, 'multi');
    token = (await createToken(setup, 'multi', { name: 'multi', scopes: ['admin'] }, { kind: 'system', id: 'chaos' }, new Date())).token;
  } finally {
    await setup.close();
  }
  const viaA = client(() => a.url, token);
  const viaB = client(() => b.url, token);
  const all = [...syntheticEvents({ events: 4000, customers: 400, end: Date.now() - 60_000, seed: 5 })];
  const complaints = all.filter((e) => e.type === 'complaint.filed').length;
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < all.length; i += 250) chunks.push(all.slice(i, i + 250));
  // Both servers take events at the same time: even chunks through A, odd through B.
  const send = async (api: typeof viaA, parity: number) => {
    for (let i = parity; i < chunks.length; i += 2) {
      const r = await api.post('/api/v1/events', chunks[i]);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal(r.json.rejected.length, 0, JSON.stringify(r.json.rejected));
    }
  };
  const t = performance.now();
  await Promise.all([send(viaA, 0), send(viaB, 1)]);
  const drained = await eventually(async () => Number((await db.query(`SELECT count(*)::int AS n FROM automation_signals`))[0]!.n) === 0, 120_000, 200);
  const seconds = (performance.now() - t) / 1000;
  assert.ok(drained, 'the automation queue was not drained');
  const [events] = await db.query(`SELECT count(*)::int AS n FROM events WHERE workspace_id = 'multi'`);
  assert.equal(events!.n, all.length, 'every event stored once');
  // Each complaint fires its rule once: one task per complaint event, however the batches were shared out.
  const [tasks] = await db.query(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = 'multi' AND title = '处理投诉'`);
  assert.equal(tasks!.n, complaints, 'one complaint task per complaint');
  const [firings] = await db.query(
    `SELECT count(*)::int AS n FROM rule_firings f JOIN automation_rules r USING (workspace_id, rule_id) WHERE f.workspace_id = 'multi' AND r.name = '投诉'`);
  assert.equal(firings!.n, complaints);
  // SOP enrolment follows the stages: never two open enrolments of one customer in one SOP.
  const [dup] = await db.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM outreach_tasks WHERE workspace_id = 'multi' AND kind = 'sop_step'
       GROUP BY customer_id, source_id, title, due_at HAVING count(*) > 1) d`);
  assert.equal(dup!.n, 0, 'an SOP step task was created twice');
  const [sopTasks] = await db.query(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = 'multi' AND kind = 'sop_step'`);
  // Housekeeping runs in all three processes (the worker every second): each workspace is re-segmented once today.
  await sleep(3000);
  const runs = await db.query(
    `SELECT workspace_id, count(*)::int AS n FROM model_runs WHERE status = 'done' AND cause = 'recompute' GROUP BY workspace_id ORDER BY 1`);
  figures('processes', { events: all.length, seconds: seconds.toFixed(1), complaints, sopTasks: sopTasks!.n, recomputes: runs.map((r) => `${r.workspace_id}:${r.n}`).join(',') });
  for (const r of runs) assert.ok(r.n <= 2, `${r.workspace_id} re-segmented ${r.n} times`);
  assert.ok(runs.some((r) => r.workspace_id === 'multi'), 'housekeeping segmented the new workspace');
  assert.equal(runs.find((r) => r.workspace_id === 'multi')!.n, 1, 'the new workspace re-segmented once, not once per process');
});

test('two servers and a worker deliver WeCom mass messages: each task reaches WeCom once', { skip: SKIP, timeout: 360_000 }, async () => {
  const fake = new FakeWecom();
  await fake.start();
  const api = client(() => a.url, db.token);
  try {
    const owners = await db.query(
      `SELECT DISTINCT ON (c.customer_id) i.value AS ext, coalesce(c.owner_staff, f.staff_id) AS staff, c.customer_id AS id
       FROM customers c JOIN customer_identities i ON i.workspace_id = c.workspace_id AND i.customer_id = c.customer_id
       LEFT JOIN customer_followers f ON f.workspace_id = c.workspace_id AND f.customer_id = c.customer_id AND f.removed_at IS NULL
       WHERE c.workspace_id = 'default' AND i.kind = 'external_user_id' AND coalesce(c.owner_staff, f.staff_id) IS NOT NULL AND c.merged_into IS NULL
       ORDER BY c.customer_id`);
    assert.ok(owners.length > 0, 'the demo has WeCom contacts with a staff member');
    for (const o of owners) fake.addContact({ externalUserId: o.ext, userId: o.staff });
    const config = await api.put('/api/v1/wecom/config', { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
    assert.equal(config.status, 200, JSON.stringify(config.json));
    const synced = await eventually(async () => (await db.query(`SELECT 1 FROM wecom_sync_runs WHERE status = 'done' LIMIT 1`)).length > 0, 150_000, 500);
    assert.ok(synced, 'the first WeCom pass never finished');
    const policy = await api.put('/api/v1/policy', { marketingMinTrust: 0, frequencyCap: { touches: 1000, windowDays: 1 }, quietHours: { enabled: false, start: '22:00', end: '08:00' }, massMessagesPerDay: 0 });
    assert.equal(policy.status, 200, JSON.stringify(policy.json));
    const MESSAGES = 8;
    for (let m = 0; m < MESSAGES; m++) {
      const filter = { field: 'customerId', op: 'in', values: owners.map((o) => Number(o.id)) };
      const r = await (m % 2 ? client(() => b.url, db.token) : api).post('/api/v1/mass-messages', { filter, title: `multi ${m}`, content: `多进程群发 ${m}`, purpose: 'service' });
      assert.equal(r.status, 201, JSON.stringify(r.json));
    }
    const [{ tasks }] = await db.query(`SELECT count(*)::int AS tasks FROM outreach_tasks WHERE kind = 'mass_message' AND customer_id IS NULL`) as [{ tasks: number }];
    assert.ok(tasks > 0, 'the mass messages made no send tasks');
    const settled = await eventually(async () => Number((await db.query(
      `SELECT count(*)::int AS n FROM outreach_tasks t WHERE t.kind = 'mass_message' AND t.customer_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM wecom_mass_sends s WHERE s.workspace_id = t.workspace_id AND s.task_id = t.task_id)`))[0]!.n) === 0, 120_000);
    assert.ok(settled, 'some send tasks never reached WeCom');
    const calls = fake.calls.filter((c) => c.path.endsWith('add_msg_template') && c.errcode === 0);
    const perTask = new Map<string, number>();
    for (const c of calls) {
      const key = `${String(c.body?.sender)}|${String((c.body?.text as { content?: string } | undefined)?.content)}`;
      perTask.set(key, (perTask.get(key) ?? 0) + 1);
    }
    const duplicated = [...perTask.values()].filter((n) => n > 1).length;
    figures('processes: mass send', { tasks, sent: calls.length, duplicated });
    assert.equal(duplicated, 0, 'a mass-message task reached WeCom twice');
    assert.equal(calls.length, tasks, 'every send task reached WeCom once');
  } finally {
    await fake.stop();
  }
});
