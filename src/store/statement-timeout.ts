/**
 * A time limit on the queries of HTTP requests, so one expensive request (a huge filter, a
 * missing index on a big workspace) cannot hold a connection and the CPU for minutes while
 * /healthz and everyone else wait. Workers, imports and recomputes keep the unlimited store.
 *
 * PostgreSQL server: every statement runs under `SET LOCAL statement_timeout` inside its
 * transaction (a lone query gets a transaction of its own), and a cancelled statement
 * becomes a `query_timeout` error (503) that says what to do. Embedded store (PGlite): it
 * runs in this process and does not enforce statement_timeout (measured: pg_sleep(2) under a
 * 200 ms limit sleeps 2 s), so there the bounds on request size (filters: 500 conditions,
 * 10 levels) are what keeps a request short.
 */
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable, Row } from './db.ts';

export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

/** SIYU_STATEMENT_TIMEOUT_MS: milliseconds, 0 for no limit; default 10 s. */
export function statementTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SIYU_STATEMENT_TIMEOUT_MS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_STATEMENT_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 3_600_000) {
    throw new SiyuError('bad_request', `SIYU_STATEMENT_TIMEOUT_MS "${raw}" must be a whole number of milliseconds from 0 (no limit) to 3600000`);
  }
  return ms;
}

const QUERY_CANCELED = '57014';

function translate(err: unknown, ms: number): unknown {
  if ((err as { code?: unknown } | null)?.code === QUERY_CANCELED) {
    return new SiyuError('query_timeout', `the request took longer than ${ms / 1000} s in the database and was stopped; narrow it (a smaller filter, a shorter period) or ask an admin to raise SIYU_STATEMENT_TIMEOUT_MS`, { limitMs: ms });
  }
  return err;
}

/** The store with a statement time limit on a PostgreSQL server; the embedded store as it is. */
export function withStatementTimeout(db: Db, ms: number): Db {
  if (ms <= 0 || db.kind !== 'server') return db;
  const limit = `SET LOCAL statement_timeout = ${Math.trunc(ms)}`;
  const transaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    try {
      return await db.transaction(async (tx) => {
        await tx.query(limit);
        return fn(tx);
      });
    } catch (err) {
      throw translate(err, ms);
    }
  };
  return {
    ...db,
    query: <R = Row>(sql: string, params?: readonly unknown[]) => transaction((tx) => tx.query<R>(sql, params)),
    exec: (sql: string) => transaction((tx) => tx.exec(sql)),
    transaction,
  };
}
