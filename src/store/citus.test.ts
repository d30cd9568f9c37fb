/**
 * Citus readiness (README "Deployment"): the largest installations are meant to run on a
 * distributed PostgreSQL, every customer-sized table distributed by workspace_id. Citus
 * enforces primary and unique keys only when they contain the distribution column, and
 * joins and foreign keys stay on one node only when they carry it. So: every table's
 * primary key, unique constraints and unique indexes lead with workspace_id, and so do its
 * foreign keys to other distributed tables — unless the table is installation-wide
 * (a Citus reference table: small, copied to every node), listed below with its reason.
 *
 * The migrations are applied to a fresh embedded store and the catalog is read, so a key
 * written any way (inline, table constraint, CREATE UNIQUE INDEX, ALTER TABLE) is seen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPglite } from './pglite-store.ts';
import { migrate } from './migrate.ts';

/** Installation-wide tables: reference tables under Citus. Keep this list short. */
const REFERENCE: Record<string, string> = {
  schema_migrations: 'the migration ledger of the installation',
  workspaces: 'keyed by workspace_id itself; every distributed table refers to it',
  users: 'staff accounts: the login is unique across the installation (the login form names no workspace)',
  sessions: 'a console session is found by its hash before the workspace is known',
  api_tokens: 'a bearer token is found by its hash before the workspace is known',
  login_attempts: 'an attempt may name no workspace (unknown login)',
  login_throttle: 'counters keyed before any workspace is known',
};

interface Key { table: string; name: string; kind: string; first: string | null }

test('every primary, unique and foreign key of a distributed table leads with workspace_id', async () => {
  const db = await openPglite(undefined);
  try {
    await migrate(db);
    const tables = (await db.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`)).map((r) => r.table);
    // Unique indexes cover primary keys and unique constraints too; the first key column
    // (0 for an expression such as lower(login)).
    const keys = await db.query<Key>(
      `SELECT t.relname AS table, i.relname AS name,
              CASE WHEN x.indisprimary THEN 'primary key' ELSE 'unique' END AS kind,
              (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = x.indkey[0]) AS first
       FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = current_schema() AND x.indisunique
       UNION ALL
       SELECT t.relname, c.conname, 'foreign key to ' || r.relname,
              (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = c.conkey[1])
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = current_schema() AND c.contype = 'f' AND r.relname <> 'workspaces'
       ORDER BY 1, 2`);
    const problems: string[] = [];
    for (const t of tables) {
      if (REFERENCE[t]) continue;
      const own = keys.filter((k) => k.table === t);
      if (!own.some((k) => k.kind === 'primary key')) problems.push(`${t}: no primary key`);
      for (const k of own) {
        if (k.kind.startsWith('foreign key to ') && REFERENCE[k.kind.slice('foreign key to '.length)]) continue;
        if (k.first !== 'workspace_id') problems.push(`${t}: ${k.kind} ${k.name} leads with ${k.first ?? 'an expression'}, not workspace_id`);
      }
    }
    for (const t of Object.keys(REFERENCE)) if (!tables.includes(t)) problems.push(`${t} is listed as installation-wide but no migration creates it`);
    assert.deepEqual(problems, [], `Citus-ready keys (see the comment at the top of this file):\n${problems.join('\n')}`);
    assert.ok(tables.length > 30, 'the catalog read found the tables');
  } finally {
    await db.close();
  }
});
