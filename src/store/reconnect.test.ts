/**
 * The PostgreSQL server drops the connections under traffic (restart, failover,
 * pg_terminate_backend): the process stays up, requests in flight get 503
 * store_unavailable (retry-able), nothing acknowledged is lost, and the store reconnects
 * by itself. Server store only: the embedded store has no connections to lose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { migrate } from './migrate.ts';
import { openServer } from './pg-store.ts';
import { testApi } from '../http/testing.ts';
import { startAutomationWorker } from '../automation/index.ts';
import { SiyuError } from '../shared/errors.ts';

const url = process.env.DATABASE_URL;
const skip = url ? false : 'server store only (set DATABASE_URL): the embedded store has no connections to lose';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const terminate = (app: string) => admin(async (c) =>
  (await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [app])).rowCount ?? 0);

async function withServerStore(fn: (db: Awaited<ReturnType<typeof openServer>>, app: string) => Promise<void>): Promise<void> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const app = `siyu-test-${schema}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  const db = await openServer(url!, { schema, max: 4, applicationName: app });
  try {
    await migrate(db);
    await fn(db, app);
  } finally {
    await db.close();
    await admin((c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
  }
}

test('a connection lost inside a transaction is store_unavailable, and the next call reconnects', { skip }, async () => {
  await withServerStore(async (db, app) => {
    await db.exec('CREATE TABLE drop_probe (n int PRIMARY KEY)');
    const err = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO drop_probe VALUES (1)');
      await terminate(app);
      await tx.query('INSERT INTO drop_probe VALUES (2)');
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SiyuError, `expected a SiyuError, got ${String(err)}`);
    assert.equal(err.code, 'store_unavailable');
    assert.deepEqual(err.details && typeof err.details === 'object' && 'retryable' in err.details ? err.details.retryable : undefined, true);
    // Nothing of the lost transaction landed, and the store works again without being reopened.
    assert.deepEqual(await db.query('SELECT n FROM drop_probe'), []);
    // Idle connections of the pool were terminated too: they are replaced, not handed out dead.
    await terminate(app);
    await db.query('INSERT INTO drop_probe VALUES (3)');
    assert.deepEqual(await db.query('SELECT n FROM drop_probe'), [{ n: 3 }]);
  });
});

test('events streaming while the connections are terminated: 200 or 503, no crash, nothing acknowledged lost, reconnects', { skip }, async () => {
  await withServerStore(async (db, app) => {
    const api = testApi(db);
    const worker = startAutomationWorker(db, { log: () => undefined });
    const acknowledged = new Set<string>();
    const statuses = new Map<number, number>();
    const bodies: { code?: string }[] = [];
    let stop = false;
    const sender = async (lane: number) => {
      for (let i = 0; !stop; i++) {
        const id = `drop-${lane}-${i}`;
        const r = await api.post('/api/v1/events', [{
          id, type: 'message.received', occurredAt: new Date(Date.now() - 60_000).toISOString(),
          customer: { externalUserId: `wm-drop-${lane}-${i % 50}` }, data: { conversationId: `c-${lane}` },
        }]);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 200) for (const a of [...r.json.accepted, ...r.json.duplicates]) acknowledged.add(a.id);
        else bodies.push(r.json);
      }
    };
    // Sign in before the chaos starts (the test client keeps its first sign-in for good).
    assert.equal((await api.get('/healthz')).status, 200);
    const lanes = [0, 1, 2, 3].map((n) => sender(n).catch((err: unknown) => { stop = true; throw err; }));
    for (let round = 0; round < 4; round++) {
      await sleep(150);
      await terminate(app);
    }
    await sleep(150);
    stop = true;
    await Promise.all(lanes);
    await worker.stop();

    // Every answer was a success or a retry-able 503, never a 500.
    for (const status of statuses.keys()) assert.ok(status === 200 || status === 503, `unexpected status ${status}: ${JSON.stringify(bodies.slice(0, 3))}`);
    for (const b of bodies) assert.equal(b.code, 'store_unavailable');
    // The server reconnected by itself: the health check and a new event work again.
    const health = await api.get('/healthz');
    assert.equal(health.status, 200);
    const after = await api.post('/api/v1/events', [{
      id: 'drop-after', type: 'message.received', occurredAt: new Date(Date.now() - 60_000).toISOString(),
      customer: { externalUserId: 'wm-drop-after' }, data: { conversationId: 'c-after' },
    }]);
    assert.equal(after.status, 200);
    assert.equal(after.json.accepted.length, 1);
    // Everything acknowledged is stored, once.
    const stored = await db.query<{ event_id: string; n: number }>(
      `SELECT event_id, count(*)::int AS n FROM events WHERE event_id LIKE 'drop-%' GROUP BY event_id`);
    const storedIds = new Set(stored.map((r) => r.event_id));
    for (const id of acknowledged) assert.ok(storedIds.has(id), `acknowledged event ${id} was lost`);
    assert.ok(stored.every((r) => r.n === 1), 'an event was stored twice');
    assert.ok(acknowledged.size > 0);
  });
});

test('embedded: a failure of the store itself answers 503 store_unavailable, not 500, and the app carries on', { skip: url ? 'embedded store only' : false }, async () => {
  const { openPglite } = await import('./pglite-store.ts');
  const { createApp } = await import('../http/app.ts');
  const pglite = await openPglite(undefined);
  const app = createApp({ db: pglite });
  assert.equal((await app.request('/healthz')).status, 200);
  await pglite.close(); // the instance is gone, as after a WebAssembly trap
  const res = await app.request('/healthz');
  assert.equal(res.status, 503);
  assert.equal(((await res.json()) as { code: string }).code, 'store_unavailable');
  assert.equal(res.headers.get('retry-after'), '2');
});
