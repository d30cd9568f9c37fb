/**
 * Store tests are written once and run on whichever store the environment selects:
 * PGlite in memory by default, the PostgreSQL server when DATABASE_URL is set
 * (each test file then works in a schema of its own, dropped afterwards).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite-store.ts';
import { openServer } from './pg-store.ts';

export interface TestStore {
  db: Db;
  close(): Promise<void>;
}

/**
 * An in-memory PGlite with every migration applied, from a snapshot made once per set of
 * migrations and shared by the test files (a file's own start then costs a load, not the
 * whole schema's DDL). The snapshot is keyed by the migrations' content, so a changed
 * migration makes a new one.
 */
export async function migratedSnapshot(): Promise<Blob> {
  const dir = fileURLToPath(new URL('./migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) hash.update(f).update(readFileSync(join(dir, f)));
  const path = join(tmpdir(), `siyu-test-pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const db = await openPglite(undefined);
  await migrate(db);
  const blob = await db.dump();
  await db.close();
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.from(await blob.arrayBuffer()));
  renameSync(temp, path);
  return blob;
}

export async function openTestStore(): Promise<TestStore> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite(undefined, await migratedSnapshot());
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await openServer(url, { schema, max: 4 });
  await migrate(db);
  return {
    db,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
