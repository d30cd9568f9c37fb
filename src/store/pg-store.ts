import pg from 'pg';
import type { Db, Queryable, Row } from './db.ts';

pg.types.setTypeParser(20, (v: string) => Number(v));

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = u.password ? '***' : '';
    return u.toString();
  } catch {
    return 'postgres (unparseable DATABASE_URL)';
  }
}

export interface ServerOptions {
  /** Schema to use as search_path (tests isolate themselves this way). */
  schema?: string;
  max?: number;
}

export async function openServer(url: string, opts: ServerOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 8,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const client = await pool.connect(); // fail fast with a clear error if unreachable
  client.release();
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R = Row>(sql: string, params?: readonly unknown[]) {
      const res = await q.query(sql, params ? [...params] : undefined);
      return res.rows as R[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: 'server',
    location: describeUrl(url),
    ...wrap(pool),
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn(wrap(c));
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}
