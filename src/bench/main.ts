/**
 * `npm run bench -- ingest|import|soak [--events N] [--rows N] [--duration S]`: throughput through the real
 * pipeline on the embedded store (a fresh temporary data directory) and, when
 * DATABASE_URL is set, on that PostgreSQL server (in a schema of its own).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite-store.ts';
import { openServer } from '../store/pg-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { benchIngest } from './ingest.bench.ts';
import { benchImport, writeOrdersCsv } from './import.bench.ts';
import { benchRecompute } from './recompute.bench.ts';
import { benchClv } from './clv.bench.ts';
import { benchAudience, benchAutomationLatency, benchAutomationPipeline } from './automation.bench.ts';
import { benchSoak } from './soak.bench.ts';
import { benchBoardsOps } from './boards-ops.bench.ts';

interface Row {
  bench: string;
  store: string;
  size: string;
  seconds: number;
  rate: string;
  note: string;
}

async function withStores(fn: (db: Db, label: string) => Promise<Row>): Promise<Row[]> {
  const rows: Row[] = [];
  if (stores !== 'server') rows.push(...(await onEmbedded(fn)));
  if (stores !== 'embedded') rows.push(...(await onServer(fn, rows[0]?.bench)));
  return rows;
}

async function onEmbedded(fn: (db: Db, label: string) => Promise<Row>): Promise<Row[]> {
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'siyu-bench-'));
  const embedded = await openPglite(dir);
  try {
    await migrate(embedded);
    await ensureWorkspace(embedded, { workspaceId: 'bench' });
    rows.push(await fn(embedded, 'embedded (PGlite)'));
  } finally {
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

async function onServer(fn: (db: Db, label: string) => Promise<Row>, bench = which ?? ''): Promise<Row[]> {
  const rows: Row[] = [];
  const url = process.env.DATABASE_URL;
  if (!url) {
    rows.push({ bench, store: 'PostgreSQL server', size: '-', seconds: 0, rate: '-', note: 'skipped: set DATABASE_URL' });
    return rows;
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const server = await openServer(url, { schema });
  try {
    await migrate(server);
    await ensureWorkspace(server, { workspaceId: 'bench' });
    rows.push(await fn(server, 'PostgreSQL server'));
  } finally {
    await server.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
  return rows;
}

function printTable(rows: Row[]): void {
  const head = ['bench', 'store', 'size', 'seconds', 'rate', 'note'] as const;
  const cells = rows.map((r) => head.map((h) => (h === 'seconds' ? r.seconds.toFixed(1) : String(r[h]))));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const c of cells) console.log(line(c));
  console.log(`\n${cpus().length} cores, Node ${process.version}`);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { events: { type: 'string' }, rows: { type: 'string' }, customers: { type: 'string' }, stores: { type: 'string' }, duration: { type: 'string' } },
});
const which = positionals[0];
/** --stores embedded|server|both (default both). */
const stores = values.stores ?? 'both';
if (!['embedded', 'server', 'both'].includes(stores)) {
  console.error(`--stores "${stores}" must be embedded, server or both`);
  process.exit(2);
}
const benches: Record<string, () => Promise<Row[]>> = {
  automation: async () => {
    const events = Number(values.events ?? 50_000);
    const customers = Number(values.customers ?? 1_000_000);
    const n = (x: number) => Math.round(x).toLocaleString('en');
    const rows = await withStores(async (db, store) => {
      const r = await benchAutomationPipeline(db, 'bench', events, Math.max(1000, Math.round(events / 10)));
      return { bench: 'automation pipeline', store, size: `${n(events)} events, 20 rules, 5 SOPs`, seconds: r.seconds, rate: `${n(r.perSecond)} events/s`, note: `${n(r.firings)} firings, ${n(r.tasks)} tasks` };
    });
    rows.push(...await withStores(async (db, store) => {
      const t = performance.now();
      const r = await benchAutomationLatency(db, 'bench', { probes: 30, rate: 1000, customers: 20_000 });
      return { bench: 'event → task', store, size: `30 probes`, seconds: (performance.now() - t) / 1000, rate: `p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms`, note: `background ${n(r.backgroundRate)} events/s` };
    }));
    rows.push(...await withStores(async (db, store) => {
      const r = await benchAudience(db, 'bench', customers);
      return {
        bench: 'audience count + mass dry run', store, size: `${n(customers)} customers`, seconds: r.massSeconds,
        rate: `count p95 ${r.p95.toFixed(0)} ms (p50 ${r.p50.toFixed(0)})`,
        note: `3-condition count = ${n(r.count)}; mass-message dry run ${r.massSeconds.toFixed(1)} s: ${n(r.massAudience)} audience, ${n(r.massRecipients)} recipients, ${n(r.massSuppressed)} suppressed; seeding ${r.seeded.toFixed(0)} s`,
      };
    }));
    return rows;
  },
  ingest: () => {
    const events = Number(values.events ?? 1_000_000);
    const customers = Number(values.customers ?? Math.max(1000, Math.round(events / 10)));
    return withStores(async (db, store) => {
      const r = await benchIngest(db, 'bench', { events, customers });
      return { bench: 'ingest', store, size: `${events.toLocaleString('en')} events / ${customers.toLocaleString('en')} customers`, seconds: r.seconds, rate: `${Math.round(r.perSecond).toLocaleString('en')} events/s`, note: r.note };
    });
  },
  import: async () => {
    const rows = Number(values.rows ?? 1_000_000);
    const customers = Number(values.customers ?? Math.max(1000, Math.round(rows / 5)));
    const dir = mkdtempSync(join(tmpdir(), 'siyu-bench-csv-'));
    const path = join(dir, 'orders.csv');
    try {
      await writeOrdersCsv(path, rows, customers);
      return await withStores(async (db, store) => {
        const r = await benchImport(db, 'bench', path);
        return { bench: 'import orders', store, size: `${rows.toLocaleString('en')} rows / ${customers.toLocaleString('en')} customers`, seconds: r.seconds, rate: `${Math.round(r.perSecond).toLocaleString('en')} rows/s`, note: r.note };
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  soak: async () => {
    const seconds = Number(values.duration ?? 300);
    const customers = Number(values.customers ?? 2000);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--duration "${values.duration}" must be a positive number of seconds`);
    const rows: Row[] = [];
    await withStores(async (db, store) => {
      const r = await benchSoak(db, 'bench', { seconds, customers });
      for (const k of r.kinds) {
        rows.push({
          bench: `soak: ${k.kind}`, store, size: `${k.requests.toLocaleString('en')} requests`, seconds,
          rate: `${Math.round(k.perSecond).toLocaleString('en')} ${k.kind.startsWith('ingest') ? 'events' : 'req'}/s, p50 ${k.p50.toFixed(0)} ms, p99 ${k.p99.toFixed(0)} ms`,
          note: `${k.errors} errors${k.firstError ? ` (first: ${k.firstError})` : ''}`,
        });
      }
      const last = rows.at(-1)!;
      return { ...last, bench: 'soak: whole run', rate: `peak RSS ${r.rssMb.toFixed(0)} MiB`, size: `${customers.toLocaleString('en')} demo customers`, note: `2 ingest + 4 console clients on loopback; seeding ${r.seeded.toFixed(0)} s` };
    }).then((summary) => rows.push(...summary));
    return rows;
  },
  clv: () => {
    const customers = Number(values.customers ?? 100_000);
    const n = (x: number) => Math.round(x).toLocaleString('en');
    return withStores(async (db, store) => {
      const r = await benchClv(db, 'bench', customers);
      return {
        bench: 'clv fit + predict', store, size: `${n(customers)} customers`, seconds: r.statsSeconds + r.fitSeconds + r.predictSeconds,
        rate: `fit ${(r.statsSeconds + r.fitSeconds).toFixed(1)} s (SQL ${r.statsSeconds.toFixed(1)} s, likelihood ${r.fitSeconds.toFixed(1)} s), predict ${r.predictSeconds.toFixed(1)} s`,
        note: `${n(r.customers)} fitted, ${n(r.repeatCustomers)} repeat; ${r.params}; storing predictions ${r.saveSeconds.toFixed(1)} s; seeding ${r.seeded.toFixed(0)} s`,
      };
    });
  },
  'boards-ops': async () => {
    const customers = Number(values.customers ?? 100_000);
    const n = (x: number) => Math.round(x).toLocaleString('en');
    const rows: Row[] = [];
    await withStores(async (db, store) => {
      const r = await benchBoardsOps(db, 'bench', customers);
      for (const t of r.timings) {
        rows.push({ bench: `board: ${t.board}`, store, size: `${n(customers)} customers, ${n(r.events)} events, 30 days, ${t.scope}`, seconds: t.p95 / 1000, rate: `p50 ${t.p50.toFixed(0)} ms, p95 ${t.p95.toFixed(0)} ms`, note: t.note });
      }
      return { bench: 'boards-ops seeding', store, size: `${n(customers)} customers`, seconds: r.seeded, rate: '-', note: `${n(r.events)} events, ${n(r.tasks)} tasks` };
    }).then((summary) => rows.push(...summary));
    return rows;
  },
  recompute: () => {
    const customers = Number(values.customers ?? 1_000_000);
    return withStores(async (db, store) => {
      const r = await benchRecompute(db, 'bench', customers);
      return {
        bench: 'recompute', store, size: `${customers.toLocaleString('en')} customers`, seconds: r.second.seconds,
        rate: `${Math.round(customers / r.second.seconds).toLocaleString('en')} customers/s`,
        note: `first run ${r.first.seconds.toFixed(1)} s (places everyone); incremental: ${r.batchMs.toFixed(0)} ms per 1,000-event batch (median of 5); seeding ${r.seeded.toFixed(0)} s`,
      };
    });
  },
};
if (!which || !benches[which]) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [--events N] [--rows N] [--customers N] [--duration S] [--stores embedded|server|both]`);
  process.exit(2);
}
printTable(await benches[which]());
