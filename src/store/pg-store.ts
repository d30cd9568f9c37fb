import pg from 'pg';
import type { Db, Queryable, Row } from './db.ts';
import { isConnectionError, storeUnavailable, translateStoreError } from './unavailable.ts';

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
  /** application_name of the connections (default "siyu"): operators and tests find them in pg_stat_activity. */
  applicationName?: string;
  /** How long to wait for a connection before answering store_unavailable (default 10 s). */
  connectTimeoutMs?: number;
  /** Called once per outage (first lost connection) and once when connections work again. */
  onStateChange?: (state: 'lost' | 'restored', reason?: string) => void;
}

/** Attempts to get a working connection before a statement is sent (nothing can have run yet). */
const CONNECT_ATTEMPTS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A pool of connections to a PostgreSQL server that survives the server going away:
 * every checked-out connection has an error listener (an unlistened 'error' event would
 * end the process), a broken connection is discarded rather than returned to the pool,
 * connection errors surface as store_unavailable, and new connections are made on demand,
 * so the store reconnects by itself once the server is back.
 */
export async function openServer(url: string, opts: ServerOptions = {}): Promise<Db> {
  const where = describeUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 8,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    application_name: opts.applicationName ?? 'siyu',
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  let down = false;
  const lost = (err: unknown) => {
    if (down) return;
    down = true;
    opts.onStateChange?.('lost', err instanceof Error ? err.message : String(err));
  };
  const restored = () => {
    if (!down) return;
    down = false;
    opts.onStateChange?.('restored');
  };
  pool.on('error', (err) => lost(err)); // an idle connection died; the pool drops it and makes a new one on demand

  /** A connection with an error listener; `broken` is set when it dies while checked out. */
  interface Checkout { client: pg.PoolClient; broken: Error | undefined; done(err?: unknown): void }
  async function checkout(): Promise<Checkout> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        if (!isConnectionError(err) || attempt >= CONNECT_ATTEMPTS) {
          if (isConnectionError(err)) lost(err);
          throw translateStoreError(err, where);
        }
        await sleep(100 * 3 ** (attempt - 1));
        continue;
      }
      const co: Checkout = {
        client,
        broken: undefined,
        done(err?: unknown) {
          client.removeListener('error', onError);
          // A connection that failed at the connection level is destroyed, never reused.
          const bad = co.broken ?? (isConnectionError(err) ? (err as Error) : undefined);
          if (bad) lost(bad);
          client.release(bad ?? undefined);
        },
      };
      const onError = (err: Error) => { co.broken = err; };
      client.on('error', onError);
      return co;
    }
  }

  /** Run statements on one checked-out connection; a statement that never reached the server is retried on a fresh one. */
  /** Run a statement on the checked-out connection; `discard` marks the connection unfit for reuse. */
  type Run = ((sql: string, params?: readonly unknown[]) => Promise<Row[]>) & { discard(err: Error): void };
  async function onConnection<T>(fn: (run: Run) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const co = await checkout();
      let statements = 0;
      const run: Run = Object.assign(async (sql: string, params?: readonly unknown[]) => {
        statements++;
        try {
          return (await co.client.query(sql, params ? [...params] : undefined)).rows as Row[];
        } catch (err) {
          if (isConnectionError(err)) co.broken ??= err as Error;
          throw err;
        }
      }, { discard: (err: Error) => { co.broken ??= err; } });
      try {
        const out = await fn(run);
        co.done();
        restored();
        return out;
      } catch (err) {
        co.done(err);
        // "not queryable" on the first statement: the connection was already dead when handed
        // out and nothing was sent, so a fresh connection may try again. Later statements are
        // never retried here (the caller's work may have had effects outside the database).
        const neverSent = statements <= 1 && isConnectionError(err) && /not queryable/i.test((err as Error).message) && attempt < CONNECT_ATTEMPTS;
        if (neverSent) continue;
        throw translateStoreError(err, where);
      }
    }
  }

  const wrap = (run: Run): Queryable => ({
    query: async <R = Row>(sql: string, params?: readonly unknown[]) => (await run(sql, params)) as R[],
    exec: async (sql: string) => void (await run(sql)),
  });

  try {
    await onConnection((run) => run('SELECT 1')); // fail fast with a clear error if unreachable
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  return {
    kind: 'server',
    location: where,
    query: <R = Row>(sql: string, params?: readonly unknown[]) => onConnection((run) => wrap(run).query<R>(sql, params)),
    exec: (sql: string) => onConnection((run) => wrap(run).exec(sql)),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return onConnection(async (run) => {
        await run('BEGIN');
        let out: T;
        try {
          out = await fn(wrap(run));
        } catch (err) {
          // A connection that cannot even roll back is in an unknown state: it is not reused.
          await run('ROLLBACK').catch((e: unknown) => run.discard(e instanceof Error ? e : new Error(String(e))));
          throw err;
        }
        try {
          await run('COMMIT');
        } catch (err) {
          // Lost during COMMIT: the outcome is unknown to us; the caller retries (idempotent writes).
          if (isConnectionError(err)) throw storeUnavailable(err, where);
          throw err;
        }
        return out;
      });
    },
    close: () => pool.end(),
    listen: (channel, onNotify, onState) => listenOn(url, opts, channel, onNotify, onState),
  };
}

/** A dedicated LISTEN connection that reconnects with backoff; see Db.listen. */
async function listenOn(
  url: string, opts: ServerOptions, channel: string, onNotify: () => void, onState?: (listening: boolean) => void,
): Promise<{ close(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`channel "${channel}" must be a plain identifier`);
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = 1000;
  let timer: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({
      connectionString: url, keepAlive: true, application_name: opts.applicationName ?? 'siyu',
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    let lostOnce = false;
    const lost = () => {
      if (lostOnce) return;
      lostOnce = true;
      onState?.(false);
      c.end().catch(() => undefined);
      if (client === c) client = undefined;
      if (!closed) timer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
      const [row] = (await c.query<{ s: string }>('SELECT current_schema() AS s')).rows;
      const schema = row?.s ?? 'public';
      c.on('notification', (m) => { if (m.channel === channel && (m.payload ?? '') === schema) onNotify(); });
      await c.query(`LISTEN ${channel}`);
      if (closed) { await c.end(); return; }
      client = c;
      retryMs = 1000;
      onState?.(true);
      // Anything committed while the connection was being made was not heard: look once.
      onNotify();
    } catch {
      lost();
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
