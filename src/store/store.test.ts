import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from './test-store.ts';
import { migrate } from './migrate.ts';

test('the suite runs on the store the environment selects', async () => {
  const store = await openTestStore();
  try {
    const expected = process.env.SIYU_EXPECT_STORE;
    if (expected) assert.equal(store.db.kind, expected, `expected the ${expected} store, got ${store.db.kind}`);
    else assert.equal(store.db.kind, process.env.DATABASE_URL ? 'server' : 'embedded');
  } finally {
    await store.close();
  }
});

test('migrations are safe to re-run', async () => {
  const store = await openTestStore();
  try {
    const again = await migrate(store.db);
    assert.deepEqual(again.applied, []);
    assert.ok(again.current);
    const rows = await store.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.equal(rows.at(-1)!.version, again.current);
    assert.equal(new Set(rows.map((r) => r.version)).size, rows.length);
  } finally {
    await store.close();
  }
});

test('a transaction that fails leaves nothing behind', async () => {
  const store = await openTestStore();
  try {
    await assert.rejects(store.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO workspaces (workspace_id, name) VALUES ('w', 'w')`);
      throw new Error('boom');
    }));
    assert.equal((await store.db.query('SELECT * FROM workspaces')).length, 0);
  } finally {
    await store.close();
  }
});
