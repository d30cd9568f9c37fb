/**
 * Audience counts over a large workspace (DESIGN §6: a 3-condition filter over 1,000,000
 * customers, p95 < 200 ms on a PostgreSQL server).
 *
 *   npx node src/audiences/audiences.bench.ts --customers 100000 [--stores server|embedded] [--runs 20]
 *
 * `benchAudiences(db, ws, customers)` is importable (the `npm run bench` runner can call it).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite-store.ts';
import { openServer } from '../store/pg-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { recompute } from '../models/index.ts';
import { seedCustomers } from '../bench/recompute.bench.ts';
import type { AudienceFilter } from './filter.ts';
import { countAudience } from './query.ts';
import { listCustomers } from './list.ts';
import type { CustomerScope } from '../shared/scope.ts';

export const BENCH_FILTERS: { name: string; filter: AudienceFilter; scope?: CustomerScope }[] = [
  { name: 'trust≥L3 ∧ tag 商品A ∧ added ≤365d', filter: { and: [{ field: 'trustLevel', op: 'gte', value: 3 }, { field: 'tag', op: 'has', tag: '商品兴趣/商品A' }, { field: 'addedAt', op: 'withinDays', value: 365 }] } },
  { name: 'orders≥2 ∧ paid ≤30d ∧ tier 高价值|核心', filter: { and: [{ field: 'paidOrders', op: 'gte', value: 2 }, { field: 'lastPaidAt', op: 'withinDays', value: 30 }, { field: 'valueTier', op: 'in', values: ['高价值', '核心'] }] } },
  { name: 'rfm 重要价值 ∧ engagement≥5 ∧ owner staff-3', filter: { and: [{ field: 'rfmSegment', op: 'in', values: ['重要价值客户'] }, { field: 'engagement', op: 'gte', value: 5 }, { field: 'ownerStaff', op: 'in', values: ['staff-3'] }] } },
  { name: 'lacks 商品B ∧ (L4 ∨ chat≥3) ∧ ¬complaint', filter: { and: [{ field: 'tag', op: 'lacks', tag: '商品兴趣/商品B' }, { or: [{ field: 'trustLevel', op: 'eq', value: 4 }, { field: 'chatRounds', op: 'gte', value: 3 }] }, { field: 'complaints', op: 'eq', value: 0 }] } },
  { name: 'same as #1, staff-3 scope', filter: { and: [{ field: 'trustLevel', op: 'gte', value: 3 }, { field: 'tag', op: 'has', tag: '商品兴趣/商品A' }, { field: 'addedAt', op: 'withinDays', value: 365 }] }, scope: { kind: 'staff', staffId: 'staff-3' } },
];

/** The recompute bench's customers, plus owners, followers and an interest tag group, then the models. */
export async function seedAudienceWorkspace(db: Db, ws: string, customers: number): Promise<void> {
  await seedCustomers(db, ws, customers);
  await db.query(`UPDATE customers SET owner_staff = 'staff-' || (customer_id % 20), gender = (ARRAY['male','female','unknown'])[1 + customer_id % 3]
                  WHERE workspace_id = $1`, [ws]);
  await db.query(`INSERT INTO customer_followers (workspace_id, customer_id, staff_id, added_at)
                  SELECT $1, g, 'staff-' || ((g * 7) % 20), now() FROM generate_series(1, $2::int) g WHERE g % 4 = 0`, [ws, customers]);
  await db.query(`INSERT INTO tag_categories (workspace_id, name) VALUES ($1, '兴趣')`, [ws]);
  await db.query(`INSERT INTO tag_groups (workspace_id, category_id, name) SELECT $1, category_id, '商品兴趣' FROM tag_categories WHERE workspace_id = $1 AND name = '兴趣'`, [ws]);
  await db.query(`INSERT INTO tags (workspace_id, group_id, name) SELECT $1, group_id, unnest(ARRAY['商品A','商品B','商品C','商品D','商品E']) FROM tag_groups WHERE workspace_id = $1 AND name = '商品兴趣'`, [ws]);
  // Each customer is interested in 0–2 products: about 30 % hold 商品A.
  await db.query(`INSERT INTO customer_tags (workspace_id, customer_id, tag_id, group_id, exclusive, source)
                  SELECT $1, g, t.tag_id, t.group_id, false, 'rule'
                  FROM generate_series(1, $2::int) g
                  JOIN tags t ON t.workspace_id = $1 AND (t.name = (ARRAY['商品A','商品B','商品C','商品D','商品E'])[1 + g % 5]
                                                        OR (g % 3 = 0 AND t.name = (ARRAY['商品A','商品B','商品C','商品D','商品E'])[1 + (g / 5) % 5]))`,
  [ws, customers]);
  await recompute(db, ws);
  await db.query('ANALYZE');
}

export interface AudienceBenchRow { name: string; count: number; p50: number; p95: number }

export async function benchAudiences(db: Db, ws: string, runs = 20): Promise<{ rows: AudienceBenchRow[]; listP95: number }> {
  const rows: AudienceBenchRow[] = [];
  for (const b of BENCH_FILTERS) {
    const scope = b.scope ?? { kind: 'all' };
    const times: number[] = [];
    let count = 0;
    await countAudience(db, ws, b.filter, scope); // warm the cache
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      count = await countAudience(db, ws, b.filter, scope);
      times.push(performance.now() - t);
    }
    times.sort((x, y) => x - y);
    rows.push({ name: b.name, count, p50: times[Math.floor(runs / 2)]!, p95: times[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]! });
  }
  const lt: number[] = [];
  for (let i = 0; i < Math.min(runs, 10); i++) {
    const t = performance.now();
    await listCustomers(db, ws, { filter: BENCH_FILTERS[0]!.filter, scope: { kind: 'all' }, sort: { by: 'paidAmount', dir: 'desc' }, limit: 50 });
    lt.push(performance.now() - t);
  }
  lt.sort((x, y) => x - y);
  return { rows, listP95: lt[lt.length - 1]! };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { customers: { type: 'string' }, stores: { type: 'string' }, runs: { type: 'string' }, schema: { type: 'string' } } });
  const customers = Number(values.customers ?? 100_000);
  const runs = Number(values.runs ?? 20);
  const stores = values.stores ?? (process.env.DATABASE_URL ? 'server' : 'embedded');
  for (const store of stores === 'both' ? ['embedded', 'server'] : [stores]) {
    let db: Db;
    let cleanup: () => Promise<void>;
    if (store === 'server') {
      const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      const schema = `bench_aud_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      db = await openServer(url, { schema });
      cleanup = async () => {
        await db.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      };
    } else {
      db = await openPglite(undefined);
      cleanup = () => db.close();
    }
    try {
      await migrate(db);
      await ensureWorkspace(db, { workspaceId: 'bench' });
      const t = performance.now();
      await seedAudienceWorkspace(db, 'bench', customers);
      console.log(`\n${store}: ${customers.toLocaleString('en')} customers seeded + placed in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      const r = await benchAudiences(db, 'bench', runs);
      console.log(`${'filter'.padEnd(44)} ${'count'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
      for (const row of r.rows) console.log(`${row.name.padEnd(44)} ${String(row.count).padStart(9)} ${row.p50.toFixed(0).padStart(8)} ${row.p95.toFixed(0).padStart(8)}`);
      console.log(`list page (filter #1, sort paidAmount desc, 50 rows): max ${r.listP95.toFixed(0)} ms`);
    } finally {
      await cleanup();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
