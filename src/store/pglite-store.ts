import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db.ts';
import { translateStoreError } from './unavailable.ts';

// Same JS shapes as the server adapter: int8 as number (ids and fen fit in 2^53).
const parsers = { [types.INT8]: (v: string) => Number(v) };

export interface PgliteHandle extends Db {
  /** The whole database as a tarball (a snapshot tests start from). */
  dump(): Promise<Blob>;
}

export async function openPglite(dataDir: string | undefined, snapshot?: Blob): Promise<PgliteHandle> {
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(snapshot ? { loadDataDir: snapshot } : {}), parsers });
  const where = dataDir ?? 'memory';
  // Statement errors pass through; the instance's own failures (closed, WebAssembly trap)
  // become store_unavailable, answered 503 instead of ending the process or a 500.
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R = Row>(sql: string, params?: readonly unknown[]) {
      try {
        const res = await q.query<R>(sql, params ? [...params] : undefined);
        return res.rows;
      } catch (err) {
        throw translateStoreError(err, `embedded ${where}`);
      }
    },
    async exec(sql: string) {
      try {
        await q.exec(sql);
      } catch (err) {
        throw translateStoreError(err, `embedded ${where}`);
      }
    },
  });
  const base = wrap(pg);
  return {
    kind: 'embedded',
    location: dataDir ?? 'memory',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))).catch((err: unknown) => { throw translateStoreError(err, `embedded ${where}`); }),
    close: () => pg.close(),
    dump: () => pg.dumpDataDir('gzip') as Promise<Blob>,
    // A checkpoint first (a restore then starts without replaying much WAL); the copy is taken
    // holding the transaction lock, so no transaction is half way through while files are read.
    snapshot: async () => {
      await pg.exec('CHECKPOINT');
      return pg.transaction(() => pg.dumpDataDir('gzip') as Promise<Blob>);
    },
  };
}
