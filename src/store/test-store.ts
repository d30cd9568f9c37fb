/**
 * Store tests are written once and run on whichever store the environment selects:
 * PGlite in memory by default, the PostgreSQL server when DATABASE_URL is set
 * (each test file then works in a schema of its own, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite-store.ts';
import { openServer } from './pg-store.ts';

export interface TestStore {
  db: Db;
  close(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite(undefined);
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
