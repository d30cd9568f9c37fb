import type { Db } from '../store/db.ts';
import { defaultHorizon, fitWorkspaceClv, predictAll, saveClv, CLV_DEFAULTS } from '../models/index.ts';

export interface ClvBench {
  seeded: number;
  /** Sufficient statistics in SQL, then the two fits in Node. */
  statsSeconds: number;
  fitSeconds: number;
  predictSeconds: number;
  saveSeconds: number;
  customers: number;
  repeatCustomers: number;
  params: string;
}

/**
 * `customers` customers, each with 1–8 orders over the last year on days spread by a hash
 * (some on the same day, some free), written with generate_series; then fit, predict and store.
 */
export async function benchClv(db: Db, workspaceId: string, customers: number): Promise<ClvBench> {
  const t0 = performance.now();
  const end = new Date();
  await db.query(`INSERT INTO customers (workspace_id, customer_id) SELECT $1, g FROM generate_series(1, $2::int) g`, [workspaceId, customers]);
  await db.query(`SELECT setval('customer_id_seq', $1::bigint)`, [customers]);
  await db.query(
    `INSERT INTO orders (workspace_id, order_id, customer_id, platform, paid_at, amount_fen, refunded_fen)
     SELECT $1, 'o-' || g || '-' || k, g, 'youzan',
            $3::timestamptz - interval '20 days' - (((g::bigint * 7919) % 200) + ((k * (1 + g % 37) * 11) % 160)) * interval '1 day',
            CASE WHEN (g + k) % 97 = 0 THEN 0 ELSE 2000 + (g::bigint * 104729 + k * 31) % 30000 END, 0
     FROM generate_series(1, $2::int) g, generate_series(1, 8) k
     WHERE k <= 1 + (g::bigint * 2654435761 % 4294967296) % 8 / (1 + g % 3)`,
    [workspaceId, customers, end],
  );
  await db.exec('ANALYZE customers, orders');
  const seeded = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const fitted = await fitWorkspaceClv(db, workspaceId, { asOf: end.getTime(), unit: CLV_DEFAULTS.unit });
  const both = (performance.now() - t1) / 1000;
  const horizon = defaultHorizon(fitted.fit.unit);
  const t2 = performance.now();
  const pred = predictAll(fitted.fit, fitted.stats, horizon);
  const predictSeconds = (performance.now() - t2) / 1000;
  const t3 = performance.now();
  await db.transaction((tx) => saveClv(tx, workspaceId, null, fitted, pred, horizon, CLV_DEFAULTS.monthlyDiscount));
  const saveSeconds = (performance.now() - t3) / 1000;
  const bg = fitted.fit.bgnbd!, gg = fitted.fit.gammaGamma!;
  const f = (v: number) => v.toPrecision(3);
  return {
    seeded, statsSeconds: both - fitted.fit.seconds, fitSeconds: fitted.fit.seconds, predictSeconds, saveSeconds,
    customers: fitted.fit.customers, repeatCustomers: fitted.fit.repeatCustomers,
    params: `r ${f(bg.r)} α ${f(bg.alpha)} a ${f(bg.a)} b ${f(bg.b)}; p ${f(gg.p)} q ${f(gg.q)} v ${f(gg.v)}; predicted once per distinct (x, t_x, T): ${pred.triples.x.length.toLocaleString('en')}`,
  };
}
