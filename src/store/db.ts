/**
 * The storage port. Everything above it speaks PostgreSQL SQL with $n parameters;
 * two small adapters sit behind it: PGlite (embedded) and a PostgreSQL server.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Run one or more statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export type StoreKind = 'embedded' | 'server';

export interface Db extends Queryable {
  readonly kind: StoreKind;
  /** A human description: the data directory, or the server without its password. */
  readonly location: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Embedded store only: a consistent copy of the whole data directory (a gzipped tarball),
   * taken while the store is in use. The server store is backed up with pg_dump.
   */
  snapshot?(): Promise<Blob>;
  /**
   * Server store only: LISTEN on `channel` on a connection of its own (reconnected after a
   * loss), calling `onNotify` for each notification whose payload is this store's schema.
   * `onState` tells whether notifications are arriving (false while reconnecting), so the
   * caller polls meanwhile. The embedded store is one process: it is woken in-process.
   */
  listen?(channel: string, onNotify: () => void, onState?: (listening: boolean) => void): Promise<{ close(): Promise<void> }>;
}
