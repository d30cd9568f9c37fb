import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db.ts';

// Same JS shapes as the server adapter: int8 as number (ids and fen fit in 2^53).
const parsers = { [types.INT8]: (v: string) => Number(v) };

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = await PGlite.create(dataDir ? { dataDir, parsers } : { parsers });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R = Row>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<R>(sql, params ? [...params] : undefined);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  return {
    kind: 'embedded',
    location: dataDir ?? 'memory',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
