/**
 * `npm run bench -- [scenario…] [--size S|M|L] [--stores embedded|server|both] [--json FILE]`
 *
 * Named scenarios on a deterministic dataset shaped like the demo (sizes below), on the
 * embedded store (a fresh data directory) and, when DATABASE_URL is set, on that PostgreSQL
 * server (in a schema of its own). Every throughput is printed beside the same rows written
 * by a bare batched insert in the same run (src/bench/raw.ts), as a ratio, so the pipeline's
 * cost over the database's own speed reads the same on any machine. Timings are printed,
 * never asserted; `--size S` is what CI runs so the suite cannot rot (src/bench/bench.test.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite-store.ts';
import { openServer } from '../store/pg-store.ts';
import { migratedSnapshot } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { benchIngest } from './ingest.bench.ts';
import { benchImport, writeOrdersCsv } from './import.bench.ts';
import { benchRecompute } from './recompute.bench.ts';
import { benchClv } from './clv.bench.ts';
import { benchAudience, benchAutomationLatency, benchAutomationPipeline } from './automation.bench.ts';
import { benchSoak } from './soak.bench.ts';
import { benchConsole } from './console.bench.ts';
import { benchAnalytics } from './analytics.bench.ts';
import { benchBoardsOps } from './boards-ops.bench.ts';
import { rawCount, rawCustomerRows, rawEventInsert, rawOrderInsert } from './raw.ts';
import { syntheticEvents } from './synthetic.ts';

/** The dataset of each size, and how much of it each scenario pushes through (`of` in the output). */
export const SIZES = {
  S: { customers: 10_000, events: 100_000, orders: 20_000, demo: 500, ingest: 10_000, pipeline: 2_000, probes: 10, latencyCustomers: 2_000, latencyRate: 200 },
  M: { customers: 100_000, events: 1_000_000, orders: 200_000, demo: 5_000, ingest: 200_000, pipeline: 20_000, probes: 30, latencyCustomers: 20_000, latencyRate: 1000 },
  L: { customers: 1_000_000, events: 10_000_000, orders: 2_000_000, demo: 20_000, ingest: 1_000_000, pipeline: 50_000, probes: 30, latencyCustomers: 20_000, latencyRate: 1000 },
} as const;
type Size = keyof typeof SIZES;

/** One figure of one scenario on one store. */
export interface Result {
  scenario: string;
  store: 'embedded' | 'server';
  /** What went through, in words ("200,000 events / 100,000 customers"). */
  size: string;
  seconds: number;
  /** The headline figure and its unit (events/s, rows/s, ms p95 …). */
  value: number;
  unit: string;
  /** The same rows written by a bare batched insert in the same run (same unit), and value ÷ raw. */
  raw?: number;
  ratio?: number;
  note: string;
  figures: Record<string, number>;
}

const NAMES = ['ingest', 'import', 'recompute', 'automation', 'latency', 'audience', 'console', 'clv', 'analytics', 'boards-ops', 'soak'];
const n = (x: number) => Math.round(x).toLocaleString('en');

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string' }, stores: { type: 'string' }, json: { type: 'string' },
    events: { type: 'string' }, rows: { type: 'string' }, customers: { type: 'string' }, duration: { type: 'string' },
  },
});
const sizeName = (values.size ?? 'S').toUpperCase() as Size;
if (!SIZES[sizeName]) usage(`--size "${values.size}" must be S, M or L`);
const size = SIZES[sizeName];
/** --stores embedded|server|both (default both; the server only when DATABASE_URL is set). */
const stores = values.stores ?? 'both';
if (!['embedded', 'server', 'both'].includes(stores)) usage(`--stores "${stores}" must be embedded, server or both`);
const num = (v: string | undefined, fallback: number, name: string) => {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isInteger(x) || x <= 0) usage(`--${name} "${v}" must be a positive whole number`);
  return x;
};
const customers = num(values.customers, size.customers, 'customers');

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(`usage: npm run bench -- [${NAMES.join('|')}]… [--size S|M|L] [--stores embedded|server|both] [--json FILE]
       [--customers N] [--events N] [--rows N] [--duration S]
  default scenarios: ${NAMES.filter((x) => x !== 'soak').join(' ')}; soak runs only when named.`);
  process.exit(2);
}

const serverVersions = new Map<string, string>();

/** Run `fn` on each selected store, each time on a fresh migrated store with the workspace "bench". */
async function onStores(fn: (db: Db, store: Result['store']) => Promise<Result | Result[]>): Promise<Result[]> {
  const out: Result[] = [];
  const add = (r: Result | Result[]) => out.push(...(Array.isArray(r) ? r : [r]));
  if (stores !== 'server') {
    const dir = mkdtempSync(join(tmpdir(), 'siyu-bench-'));
    const db = await openPglite(dir, await migratedSnapshot());
    try {
      await migrate(db);
      if (!serverVersions.has('embedded')) serverVersions.set('embedded', (await db.query<{ v: string }>('SELECT version() AS v'))[0]!.v);
      await ensureWorkspace(db, { workspaceId: 'bench' });
      add(await fn(db, 'embedded'));
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const url = process.env.DATABASE_URL;
  if (stores !== 'embedded' && url) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const db = await openServer(url, { schema });
    try {
      await migrate(db);
      if (!serverVersions.has('server')) serverVersions.set('server', (await db.query<{ v: string }>('SELECT version() AS v'))[0]!.v);
      await ensureWorkspace(db, { workspaceId: 'bench' });
      add(await fn(db, 'server'));
    } finally {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  } else if (stores === 'server' && !url) {
    console.error('--stores server: set DATABASE_URL');
    process.exit(2);
  }
  return out;
}

/** The orders file of a size, written once and kept (deterministic; `SIYU_BENCH_CACHE`, default ~/.cache/siyu-bench). */
async function ordersFile(rows: number, buyers: number): Promise<string> {
  const dir = process.env.SIYU_BENCH_CACHE || join(homedir(), '.cache', 'siyu-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `orders-v1-${rows}-${buyers}.csv`);
  if (existsSync(path)) return path;
  const temp = `${path}.${process.pid}.tmp`;
  const t = performance.now();
  await writeOrdersCsv(temp, rows, buyers);
  renameSync(temp, path);
  process.stderr.write(`  dataset: ${n(rows)} orders written to ${path} in ${((performance.now() - t) / 1000).toFixed(1)} s (kept for the next run)\n`);
  return path;
}

const ratio = (value: number, raw: number) => ({ raw, ratio: value / raw });
const events = (count: number, over: number, seed?: number) => syntheticEvents({ events: count, customers: over, end: Date.parse('2026-12-01T00:00:00Z'), ...(seed ? { seed } : {}) });

const scenarios: Record<string, () => Promise<Result[]>> = {
  ingest: () => {
    const count = num(values.events, size.ingest, 'events');
    return onStores(async (db, store) => {
      const r = await benchIngest(db, 'bench', { events: count, customers });
      const raw = await rawEventInsert(db, 'raw', events(count, customers));
      return {
        scenario: 'ingest', store, size: `${n(count)} events / ${n(customers)} customers`, seconds: r.seconds,
        value: r.perSecond, unit: 'events/s', ...ratio(r.perSecond, raw.perSecond), note: r.note,
        figures: { events: count, customers, rawSeconds: raw.seconds },
      };
    });
  },
  import: async () => {
    const rows = num(values.rows, size.orders, 'rows');
    const buyers = Math.max(1000, Math.round(rows / 2));
    const path = await ordersFile(rows, buyers);
    return onStores(async (db, store) => {
      const r = await benchImport(db, 'bench', path);
      const raw = await rawOrderInsert(db, 'raw', path);
      return {
        scenario: 'import orders', store, size: `${n(rows)} rows / ${n(buyers)} buyers`, seconds: r.seconds,
        value: r.perSecond, unit: 'rows/s', ...ratio(r.perSecond, raw.perSecond), note: r.note,
        figures: { rows, buyers, rawSeconds: raw.seconds },
      };
    });
  },
  recompute: () => onStores(async (db, store) => {
    const r = await benchRecompute(db, 'bench', customers);
    const raw = await rawCustomerRows(db, 'raw', customers);
    const rate = customers / r.second.seconds;
    return {
      scenario: 'recompute', store, size: `${n(customers)} customers`, seconds: r.second.seconds,
      value: rate, unit: 'customers/s', ...ratio(rate, raw.perSecond / 3),
      note: `repeat run ${r.second.seconds.toFixed(1)} s, first run ${r.first.seconds.toFixed(1)} s (places everyone); incremental ${r.batchMs.toFixed(0)} ms per 1,000-event batch; raw = 3 model rows per customer written bare; seeding ${r.seeded.toFixed(0)} s`,
      figures: { customers, firstSeconds: r.first.seconds, repeatSeconds: r.second.seconds, batchMs: r.batchMs, seedSeconds: r.seeded, rawSeconds: raw.seconds },
    };
  }),
  automation: () => {
    const count = num(values.events, size.pipeline, 'events');
    const over = Math.max(1000, Math.round(count / 10));
    return onStores(async (db, store) => {
      const r = await benchAutomationPipeline(db, 'bench', count, over);
      const raw = await rawEventInsert(db, 'raw', events(count, over, 11));
      return {
        scenario: 'automation pipeline', store, size: `${n(count)} events, 20 rules, 5 SOPs`, seconds: r.seconds,
        value: r.perSecond, unit: 'events/s', ...ratio(r.perSecond, raw.perSecond), note: `${n(r.firings)} firings, ${n(r.tasks)} tasks`,
        figures: { events: count, firings: r.firings, tasks: r.tasks, rawSeconds: raw.seconds },
      };
    });
  },
  latency: () => onStores(async (db, store) => {
    const t = performance.now();
    const r = await benchAutomationLatency(db, 'bench', { probes: size.probes, rate: size.latencyRate, customers: size.latencyCustomers });
    return {
      scenario: 'event → task', store, size: `${size.probes} probes`, seconds: (performance.now() - t) / 1000,
      value: r.p99, unit: 'ms p99', note: `p50 ${r.p50.toFixed(0)} ms; background ${n(r.backgroundRate)} events/s`,
      figures: { p50: r.p50, p99: r.p99, backgroundRate: r.backgroundRate },
    };
  }),
  audience: () => onStores(async (db, store): Promise<Result[]> => {
    const r = await benchAudience(db, 'bench', customers);
    const raw = await rawCount(db, 'bench');
    return [{
      scenario: 'audience count', store, size: `${n(customers)} customers, 3 conditions`, seconds: (r.p50 * 20) / 1000,
      value: r.p95, unit: 'ms p95', raw: raw.p95, ratio: r.p95 / raw.p95,
      note: `p50 ${r.p50.toFixed(0)} ms, count = ${n(r.count)}; raw = one-predicate count over the aggregates (p95, ratio is time ÷ raw)`,
      figures: { p50: r.p50, p95: r.p95, count: r.count, rawP95: raw.p95, seedSeconds: r.seeded },
    }, {
      scenario: 'mass-message dry run', store, size: `${n(r.massAudience)} audience`, seconds: r.massSeconds,
      value: r.massSeconds, unit: 's', note: `${n(r.massRecipients)} recipients, ${n(r.massSuppressed)} suppressed`,
      figures: { seconds: r.massSeconds, audience: r.massAudience, recipients: r.massRecipients },
    }];
  }),
  console: () => onStores(async (db, store) => {
    const demo = size.demo;
    const r = await benchConsole(db, 'bench', demo);
    return r.calls.map((c): Result => ({
      scenario: `console: ${c.call}`, store, size: `${n(demo)}-customer demo`, seconds: (c.p50 * c.runs) / 1000, value: c.p95, unit: 'ms p95',
      note: `p50 ${c.p50.toFixed(0)} ms over ${c.runs} runs, through the HTTP app; seeding the demo ${r.seeded.toFixed(0)} s`,
      figures: { p50: c.p50, p95: c.p95, runs: c.runs, seedSeconds: r.seeded },
    }));
  }),
  clv: () => onStores(async (db, store) => {
    const r = await benchClv(db, 'bench', customers);
    const seconds = r.statsSeconds + r.fitSeconds + r.predictSeconds;
    return {
      scenario: 'clv fit + predict', store, size: `${n(customers)} customers`, seconds, value: customers / seconds, unit: 'customers/s',
      note: `fit ${(r.statsSeconds + r.fitSeconds).toFixed(1)} s (SQL ${r.statsSeconds.toFixed(1)} s), predict ${r.predictSeconds.toFixed(1)} s; ${r.params}`,
      figures: { customers: r.customers, statsSeconds: r.statsSeconds, fitSeconds: r.fitSeconds, predictSeconds: r.predictSeconds, saveSeconds: r.saveSeconds },
    };
  }),
  analytics: () => onStores(async (db, store): Promise<Result[]> => {
    const perCustomer = Math.max(2, Math.round(num(values.events, customers * 10, 'events') / customers));
    const r = await benchAnalytics(db, 'bench', customers, { eventsPerCustomer: perCustomer });
    return [
      ...r.boards.map((b): Result => ({
        scenario: `analytics: ${b.name}`, store, size: `${n(customers)} customers, ${n(r.events)} events`, seconds: b.p95 / 1000,
        value: b.p95, unit: 'ms p95', note: `p50 ${b.p50.toFixed(0)} ms; 30-day range unless named`, figures: { p50: b.p50, p95: b.p95 },
      })),
      {
        scenario: 'analytics: snapshots', store, size: `${n(customers)} customers`, seconds: r.replay, value: (customers * r.replayDays) / r.replay, unit: 'customer-days/s',
        note: `replay of ${r.replayDays} past days ${r.replay.toFixed(1)} s; today's snapshot from stored placements ${r.storedSnapshot.toFixed(1)} s; seeding ${r.seeded.toFixed(0)} s`,
        figures: { replaySeconds: r.replay, replayDays: r.replayDays, storedSnapshotSeconds: r.storedSnapshot, seedSeconds: r.seeded },
      },
    ];
  }),
  'boards-ops': () => onStores(async (db, store): Promise<Result[]> => {
    const r = await benchBoardsOps(db, 'bench', customers);
    return r.timings.map((t): Result => ({
      scenario: `board: ${t.board}`, store, size: `${n(customers)} customers, ${n(r.events)} events, 30 days, ${t.scope}`, seconds: t.p95 / 1000,
      value: t.p95, unit: 'ms p95', note: `p50 ${t.p50.toFixed(0)} ms; ${t.note}; seeding ${r.seeded.toFixed(0)} s (${n(r.events)} events, ${n(r.tasks)} tasks)`,
      figures: { p50: t.p50, p95: t.p95, seedSeconds: r.seeded },
    }));
  }),
  soak: () => {
    const seconds = num(values.duration, sizeName === 'S' ? 10 : 300, 'duration');
    const demo = num(values.customers, 2000, 'customers');
    return onStores(async (db, store) => {
      const r = await benchSoak(db, 'bench', { seconds, customers: demo });
      return [
        ...r.kinds.map((k): Result => ({
          scenario: `soak: ${k.kind}`, store, size: `${n(k.requests)} requests`, seconds, value: k.perSecond, unit: k.kind.startsWith('ingest') ? 'events/s' : 'req/s',
          note: `p50 ${k.p50.toFixed(0)} ms, p99 ${k.p99.toFixed(0)} ms, ${k.errors} errors${k.firstError ? ` (first: ${k.firstError})` : ''}`,
          figures: { requests: k.requests, p50: k.p50, p99: k.p99, errors: k.errors },
        })),
        { scenario: 'soak: peak RSS', store, size: `${n(demo)} demo customers`, seconds, value: r.rssMb, unit: 'MiB', note: 'ingest + console clients on loopback', figures: { rssMb: r.rssMb } },
      ];
    });
  },
};
const DEFAULT = NAMES.filter((x) => x !== 'soak');

const chosen = positionals.length ? positionals : DEFAULT;
for (const s of chosen) if (!scenarios[s]) usage(`unknown scenario "${s}"`);

const results: Result[] = [];
const started = performance.now();
for (const s of chosen) {
  const t = performance.now();
  process.stderr.write(`${s} (size ${sizeName})…\n`);
  const rows = await scenarios[s]!();
  results.push(...rows);
  for (const r of rows) process.stderr.write(`  ${r.store}: ${format(r)}  [${((performance.now() - t) / 1000).toFixed(1)} s]\n`);
}

function format(r: Result): string {
  const v = r.unit.startsWith('ms') || r.unit === 's' ? `${r.value.toFixed(r.unit === 's' ? 1 : 0)} ${r.unit}` : `${n(r.value)} ${r.unit}`;
  return r.raw === undefined ? v : `${v} (raw ${r.unit.startsWith('ms') ? r.raw.toFixed(0) : n(r.raw)}, ${r.unit.startsWith('ms') ? `${r.ratio!.toFixed(1)}× raw time` : `${(r.ratio! * 100).toFixed(1)} % of raw`})`;
}

const head = ['scenario', 'store', 'size', 'seconds', 'figure (vs bare insert in this run)', 'note'];
const cells = results.map((r) => [r.scenario, r.store, r.size, r.seconds.toFixed(1), format(r), r.note]);
const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: readonly string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
console.log(`\nsize ${sizeName}: ${n(size.customers)} customers, ${n(size.events)} events, ${n(size.orders)} orders in the dataset`);
console.log(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const c of cells) console.log(line(c));
const machine = {
  cores: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version,
  postgres: Object.fromEntries(serverVersions), platform: `${process.platform} ${process.arch}`,
};
console.log(`\n${machine.cores} cores, Node ${machine.node}${[...serverVersions].map(([k, v]) => `; ${k}: ${v.split(' on ')[0]}`).join('')}; whole run ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify({ at: new Date().toISOString(), size: sizeName, sizes: size, stores, machine, results }, null, 2)}\n`);
  console.log(`figures written to ${values.json}`);
}
