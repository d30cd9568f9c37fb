/**
 * Mass-message benchmark: `npx node src/outreach/mass.bench.ts [--customers 100000] [--stores embedded|server|both]`.
 * Seeds customers straight into the tables (generate_series: 20 staff, trust L0–L5, a week of
 * marketing touches for 10 %, the same content already received by 5 %), then times a dry run
 * and a real send of one message to everyone with trust ≥ L1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite-store.ts';
import { openServer } from '../store/pg-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { contentKeyOf, sendMassMessage } from './index.ts';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '100000' }, stores: { type: 'string', default: 'both' } } });
const N = Number(values.customers);
const WS = 'bench';
const CONTENT = '{name}您好，{staff}给您推荐双十二新品';

async function seed(db: Db, now: Date): Promise<void> {
  const p = [WS, N, now.toISOString()];
  await db.query(`INSERT INTO staff (workspace_id, staff_id, name) SELECT $1, 's' || g, '员工' || g FROM generate_series(1, 20) g`, [WS]);
  await db.query(`INSERT INTO customers (workspace_id, customer_id, name, owner_staff) SELECT $1, g, '客户' || g, 's' || (1 + g % 20) FROM generate_series(1, $2::int) g`, p.slice(0, 2));
  await db.query(`SELECT setval('customer_id_seq', $1::bigint)`, [N]);
  await db.query(`INSERT INTO customer_aggregates (workspace_id, customer_id) SELECT $1, g FROM generate_series(1, $2::int) g`, p.slice(0, 2));
  await db.query(
    `INSERT INTO customer_models (workspace_id, customer_id, trust_level, trust_computed, value_tier, value_tier_computed, as_of, fingerprint)
     SELECT $1, g, (g % 6)::smallint, (g % 6)::smallint, '普通', '普通', $3::timestamptz, 'bench' FROM generate_series(1, $2::int) g`, p);
  await db.query(
    `INSERT INTO contact_touches (workspace_id, customer_id, at, purpose, channel, mass, content_key, outcome, created_at)
     SELECT $1, g, $3::timestamptz - (1 + g % 6) * interval '1 day', 'marketing', 'private_chat', false, NULL, 'sent', $3::timestamptz
     FROM generate_series(1, $2::int) g, generate_series(1, 2) k WHERE g % 10 = 0`, p);
  await db.query(
    `INSERT INTO contact_touches (workspace_id, customer_id, at, purpose, channel, mass, content_key, outcome, created_at)
     SELECT $1, g, $3::timestamptz - interval '30 days', 'marketing', 'private_chat', true, $4, 'sent', $3::timestamptz
     FROM generate_series(1, $2::int) g WHERE g % 20 = 1`, [...p, contentKeyOf(CONTENT)]);
  await db.exec('ANALYZE');
}

async function run(db: Db, label: string): Promise<void> {
  await migrate(db);
  await ensureWorkspace(db, { workspaceId: WS });
  const now = new Date('2026-11-20T02:00:00Z');
  let t = performance.now();
  await seed(db, now);
  const seeded = (performance.now() - t) / 1000;
  const input = {
    filter: { field: 'trustLevel' as const, op: 'gte' as const, value: 1 }, content: CONTENT, purpose: 'marketing' as const,
    channel: 'private_chat' as const, actor: { kind: 'system' as const }, scope: { kind: 'all' as const }, now,
  };
  const dry = await sendMassMessage(db, WS, { ...input, dryRun: true });
  t = performance.now();
  const sent = await sendMassMessage(db, WS, { ...input, dryRun: false });
  const sendSeconds = (performance.now() - t) / 1000;
  const suppressed = dry.suppressed.byReason.map((g) => `${g.code} ${g.count}`).join(', ');
  console.log(`${label}: ${N.toLocaleString('en')} customers (seeded in ${seeded.toFixed(1)} s)`);
  console.log(`  dry run  ${dry.seconds.toFixed(2)} s  audience ${dry.audience}, already received ${dry.excluded.alreadyReceived}, suppressed ${dry.suppressed.total} (${suppressed}), recipients ${dry.recipients} for ${dry.perStaff.length} staff`);
  console.log(`  send     ${sendSeconds.toFixed(2)} s  recipients ${sent.recipients}, ${sent.perStaff.length} tasks (${Math.round(sent.audience / sendSeconds).toLocaleString('en')} audience rows/s)`);
}

if (values.stores !== 'server') {
  const dir = mkdtempSync(join(tmpdir(), 'siyu-mass-'));
  const db = await openPglite(dir);
  try { await run(db, 'embedded (PGlite)'); } finally { await db.close(); rmSync(dir, { recursive: true, force: true }); }
}
if (values.stores !== 'embedded') {
  const url = process.env.DATABASE_URL;
  if (!url) console.log('PostgreSQL server: skipped (set DATABASE_URL)');
  else {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const db = await openServer(url, { schema });
    try { await run(db, 'PostgreSQL server'); } finally { await db.close(); await admin.query(`DROP SCHEMA ${schema} CASCADE`); await admin.end(); }
  }
}
