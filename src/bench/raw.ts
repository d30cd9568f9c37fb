/**
 * The database's own speed, measured in the same run as each scenario: the same rows written
 * by a bare batched insert (unnest of arrays, 5,000 rows a statement) into a table with the
 * same columns and the same kind of key, without any of Siyu's work. A scenario's figure
 * divided by this one is the pipeline's share of what the store can take on this machine.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db } from '../store/db.ts';

const BATCH = 5000;

async function timed(fn: () => Promise<number>): Promise<{ rows: number; seconds: number; perSecond: number }> {
  const t = performance.now();
  const rows = await fn();
  const seconds = (performance.now() - t) / 1000;
  return { rows, seconds, perSecond: rows / seconds };
}

/** Event-shaped rows into a copy of the events table's shape (key (workspace_id, event_id) and the customer index). */
export async function rawEventInsert(db: Db, ws: string, events: Iterable<Record<string, unknown>>) {
  await db.exec(`DROP TABLE IF EXISTS bench_raw_events;
    CREATE TABLE bench_raw_events (workspace_id text NOT NULL, event_id text NOT NULL, customer_id bigint NOT NULL, type text NOT NULL,
      occurred_at timestamptz NOT NULL, staff_id text, customer jsonb NOT NULL, data jsonb NOT NULL, PRIMARY KEY (workspace_id, event_id));
    CREATE INDEX bench_raw_events_customer ON bench_raw_events (workspace_id, customer_id, occurred_at);`);
  try {
    return await timed(async () => {
      let n = 0;
      let cols: unknown[][] = [[], [], [], [], [], [], []];
      const flush = async () => {
        await db.query(
          `INSERT INTO bench_raw_events (workspace_id, event_id, customer_id, type, occurred_at, staff_id, customer, data)
           SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[], $7::jsonb[], $8::jsonb[])`,
          [ws, ...cols]);
        n += cols[0]!.length;
        cols = [[], [], [], [], [], [], []];
      };
      let i = 0;
      for (const e of events) {
        cols[0]!.push(e.id); cols[1]!.push(i++ % 1_000_000); cols[2]!.push(e.type); cols[3]!.push(e.occurredAt);
        cols[4]!.push(e.staffId ?? null); cols[5]!.push(JSON.stringify(e.customer)); cols[6]!.push(JSON.stringify(e.data ?? {}));
        if (cols[0]!.length === BATCH) await flush();
      }
      if (cols[0]!.length) await flush();
      return n;
    });
  } finally {
    await db.exec('DROP TABLE IF EXISTS bench_raw_events');
  }
}

/** The rows of an orders CSV into a table shaped like orders (key (workspace_id, order_id)). */
export async function rawOrderInsert(db: Db, ws: string, csvPath: string) {
  await db.exec(`DROP TABLE IF EXISTS bench_raw_orders;
    CREATE TABLE bench_raw_orders (workspace_id text NOT NULL, order_id text NOT NULL, customer_id bigint NOT NULL, platform text,
      paid_at timestamptz, amount_fen bigint, refunded_fen bigint NOT NULL DEFAULT 0, product_ids text[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (workspace_id, order_id));
    CREATE INDEX bench_raw_orders_customer ON bench_raw_orders (workspace_id, customer_id);`);
  try {
    return await timed(async () => {
      let n = 0;
      let cols: unknown[][] = [[], [], [], [], [], [], []];
      const flush = async () => {
        await db.query(
          `INSERT INTO bench_raw_orders (workspace_id, order_id, customer_id, platform, paid_at, amount_fen, refunded_fen, product_ids)
           SELECT $1, o, c, p, t, a, r, string_to_array(ids, '|')
           FROM unnest($2::text[], $3::bigint[], $4::text[], $5::timestamptz[], $6::bigint[], $7::bigint[], $8::text[]) AS u(o, c, p, t, a, r, ids)`,
          [ws, ...cols]);
        n += cols[0]!.length;
        cols = [[], [], [], [], [], [], []];
      };
      const lines = createInterface({ input: createReadStream(csvPath), crlfDelay: Infinity });
      let header = true;
      let i = 0;
      for await (const line of lines) {
        if (header) { header = false; continue; }
        if (!line) continue;
        const f = line.split(',');
        cols[0]!.push(f[0]); cols[1]!.push(i++ % 1_000_000); cols[2]!.push(f[4] || null); cols[3]!.push(`${f[1]}+08`);
        cols[4]!.push(Math.round(Number(f[2]) * 100)); cols[5]!.push(f[3] ? Math.round(Number(f[3]) * 100) : 0); cols[6]!.push(f[9] ?? '');
        if (cols[0]!.length === BATCH) await flush();
      }
      if (cols[0]!.length) await flush();
      return n;
    });
  } finally {
    await db.exec('DROP TABLE IF EXISTS bench_raw_orders');
  }
}

/** Per-customer rows (one per customer and model) of what a re-segmentation writes, into a table keyed like customer_models. */
export async function rawCustomerRows(db: Db, ws: string, customers: number, models = 3) {
  await db.exec(`DROP TABLE IF EXISTS bench_raw_models;
    CREATE TABLE bench_raw_models (workspace_id text NOT NULL, customer_id bigint NOT NULL, model text NOT NULL, level text NOT NULL,
      score double precision, since timestamptz NOT NULL, PRIMARY KEY (workspace_id, customer_id, model));`);
  try {
    return await timed(async () => {
      let n = 0;
      const names = ['trust', 'rfm', 'lifecycle', 'engagement', 'value'].slice(0, models);
      for (let from = 1; from <= customers; from += BATCH) {
        const ids: number[] = [], ms: string[] = [], levels: string[] = [], scores: number[] = [];
        for (let c = from; c < Math.min(customers + 1, from + BATCH); c++) {
          for (const m of names) { ids.push(c); ms.push(m); levels.push(`L${c % 5}`); scores.push((c % 100) / 10); }
        }
        await db.query(
          `INSERT INTO bench_raw_models (workspace_id, customer_id, model, level, score, since)
           SELECT $1, c, m, l, s, now() FROM unnest($2::bigint[], $3::text[], $4::text[], $5::float8[]) AS u(c, m, l, s)`,
          [ws, ids, ms, levels, scores]);
        n += ids.length;
      }
      return n;
    });
  } finally {
    await db.exec('DROP TABLE IF EXISTS bench_raw_models');
  }
}

/** A plain count over the per-customer aggregates with one indexed-free predicate: the floor an audience count stands on. */
export async function rawCount(db: Db, ws: string, runs = 10) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await db.query(`SELECT count(*) FROM customer_aggregates WHERE workspace_id = $1 AND paid_orders >= 2`, [ws]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]! };
}
