import pg from 'pg';
import { migrate } from '../store/migrate.ts';
import { openServer } from '../store/pg-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { seedAudienceWorkspace } from './audiences.bench.ts';
import { audienceWhere } from './query.ts';
import { BENCH_FILTERS } from './audiences.bench.ts';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const schema = process.argv[2]!; const n = Number(process.argv[3]);
const admin = new pg.Client({ connectionString: url }); await admin.connect();
const exists = (await admin.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema])).rowCount;
if (!exists) await admin.query(`CREATE SCHEMA ${schema}`);
const db = await openServer(url, { schema });
if (!exists) { await migrate(db); await ensureWorkspace(db, { workspaceId: 'bench' }); await seedAudienceWorkspace(db, 'bench', n); }
if (process.argv[4] === 'bench') {
  const { benchAudiences } = await import('./audiences.bench.ts');
  const t0 = performance.now(); await db.query(`SELECT count(*) FROM customers WHERE workspace_id = 'bench'`); const t1 = performance.now(); await db.query(`SELECT count(*) FROM customers WHERE workspace_id = 'bench'`);
  console.log('bare count(*) ms', (performance.now() - t1).toFixed(0));
  const r = await benchAudiences(db, 'bench', Number(process.argv[5] ?? 10));
  for (const row of r.rows) console.log(row.name.padEnd(44), row.count, row.p50.toFixed(0), row.p95.toFixed(0));
  console.log('list max', r.listP95.toFixed(0));
  await db.close(); await admin.end(); process.exit(0);
}
const i = Number(process.argv[4] ?? 0);
const b = BENCH_FILTERS[i]!;
const w = await audienceWhere(db, 'bench', b.filter, b.scope ?? { kind: 'all' });
const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) SELECT count(*) FROM customers c WHERE ${w.sql}`, w.params);
console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
await db.close(); await admin.end();
