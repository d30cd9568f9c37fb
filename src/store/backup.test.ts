/**
 * Backup and restore round trip: the data after a restore is identical, table by table.
 * Embedded: the snapshot is taken through the running server's API while the store is
 * open, and restored into a fresh data directory. Server: pg_dump, then pg_restore into a
 * fresh database.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openTestStore } from './test-store.ts';
import { openPglite } from './pglite-store.ts';
import { openServer } from './pg-store.ts';
import { backupFormatOf, dumpServer, restoreEmbedded, restoreServer, storeFingerprint } from './backup.ts';
import { testApi } from '../http/testing.ts';
import type { Db } from './db.ts';
import { createToken } from '../auth/index.ts';

const store = await openTestStore();
const dir = mkdtempSync(join(tmpdir(), 'siyu-backup-'));
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const db = store.db;
const api = testApi(db, { workspace: 'bk' });

async function seed(): Promise<void> {
  const events = Array.from({ length: 60 }, (_, i) => ({
    id: `bk-${i}`, type: i % 3 === 0 ? 'order.paid' : 'message.received', occurredAt: new Date(Date.now() - (i + 1) * 3600_000).toISOString(),
    customer: { externalUserId: `wm-bk-${i % 20}`, name: `客户${i % 20}`, phone: `1380013${String(8000 + (i % 20))}` },
    data: i % 3 === 0 ? { orderId: `o-${i}`, amount: `${100 + i}.50` } : { conversationId: `c-${i % 20}` },
  }));
  const r = await api.post('/api/v1/events', events);
  assert.equal(r.status, 200);
  assert.equal(r.json.accepted.length, 60);
  assert.equal((await api.post('/api/v1/recompute', {})).status < 300, true);
}

test('embedded: a backup taken through the running server restores to identical data', { skip: db.kind === 'embedded' ? false : 'embedded store only (the server store round trip is the next test)' }, async () => {
  await seed();
  // As the CLI does: an admin API token, the archive streamed to a file.
  const { token } = await createToken(db, 'bk', { name: 'backup', scopes: ['admin'] }, { kind: 'system', id: 'test' }, new Date());
  const res = await api.app.request('/api/v1/admin/backup', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/gzip');
  const file = join(dir, 'embedded.tar.gz');
  writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  assert.equal(backupFormatOf(file), 'pglite-datadir');

  // The backup request itself is audited once it has answered, after the snapshot: leave that row out.
  const audited = await db.query(`DELETE FROM audit_log WHERE workspace_id = 'bk' AND details->>'path' = '/api/v1/admin/backup' RETURNING audit_id`);
  assert.equal(audited.length, 1, 'taking a backup is in the audit trail');
  const before = await storeFingerprint(db);
  const dataDir = join(dir, 'restored');
  await restoreEmbedded(file, dataDir);
  const restored = await openPglite(dataDir);
  try {
    assert.deepEqual(await storeFingerprint(restored), before);
    assert.ok(Number(before.events!.split(':')[0]) >= 60);
  } finally {
    await restored.close();
  }
  // A second restore into the now non-empty directory needs --force, and keeps the old one.
  await assert.rejects(restoreEmbedded(file, dataDir), /not empty/);
  const r = await restoreEmbedded(file, dataDir, { replace: true });
  assert.ok(r.movedAside);
  // Only admins may take a backup.
  assert.equal((await api.as({ role: 'operator' }).call('POST', '/api/v1/admin/backup')).status, 403);
});

test('server: pg_dump and pg_restore into a fresh database give identical data', { skip: db.kind === 'server' ? false : 'server store only (set DATABASE_URL)' }, async () => {
  await seed();
  const url = process.env.DATABASE_URL!;
  // The API says how to back up a server store instead of doing it.
  const viaApi = await api.call('POST', '/api/v1/admin/backup');
  assert.equal(viaApi.status, 400);
  assert.match(viaApi.json.message, /pg_dump/);

  const [{ schema }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema') as [{ schema: string }];
  const file = join(dir, 'server.dump');
  await dumpServer(url, file, { schema });
  assert.equal(backupFormatOf(file), 'pg_dump-custom');
  const before = await storeFingerprint(db);

  const name = `siyu_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  let restored: Db | undefined;
  try {
    await restoreServer(target.toString(), file);
    restored = await openServer(target.toString(), { schema, max: 2 });
    assert.deepEqual(await storeFingerprint(restored), before);
  } finally {
    await restored?.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
});
