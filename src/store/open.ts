import { mkdirSync, openSync, writeSync, closeSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SiyuError } from '../shared/errors.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite-store.ts';
import { openServer, describeUrl } from './pg-store.ts';

export const DEFAULT_DATA_DIR = './.siyu/data';

export interface StoreConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.SIYU_DATA_DIR || DEFAULT_DATA_DIR),
  };
}

interface LockInfo {
  pid: number;
  command: string;
  url?: string;
  startedAt: string;
}

/**
 * PGlite is single-process: two processes opening one data directory would corrupt it.
 * A lock file beside the directory, created atomically, names the owner.
 */
export class EmbeddedLock {
  readonly path: string;
  private constructor(path: string) {
    this.path = path;
  }

  static acquire(dataDir: string, command: string): EmbeddedLock {
    const path = `${dataDir}.lock`;
    mkdirSync(dirname(path), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
        writeSync(fd, JSON.stringify(info));
        closeSync(fd);
        return new EmbeddedLock(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = readLock(path);
        if (owner && isAlive(owner.pid) && owner.pid !== process.pid) {
          const where = owner.url ? ` at ${owner.url}` : '';
          throw new SiyuError(
            'store_locked',
            `The embedded store ${dataDir} is in use by "siyu ${owner.command}" (pid ${owner.pid}${where}). ` +
              `Stop that process first${owner.url ? `, or use its HTTP API${where}` : ''}; ` +
              'two processes must never open one embedded data directory.',
            owner,
          );
        }
        // The owner is gone (crash, kill -9): the lock is stale.
        try {
          unlinkSync(path);
        } catch {
          // another process removed it first; retry the atomic create
        }
      }
    }
    throw new SiyuError('store_locked', `Could not take the lock ${path}; another process is starting on it.`);
  }

  /** Let other commands name the server that holds the store. */
  announce(url: string): void {
    const info = readLock(this.path);
    if (info) writeFileSync(this.path, JSON.stringify({ ...info, url }));
  }

  release(): void {
    const info = readLock(this.path);
    if (info?.pid === process.pid) unlinkSync(this.path);
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface OpenStore {
  db: Db;
  lock: EmbeddedLock | undefined;
  close(): Promise<void>;
}

/** Open the configured store, apply migrations, and hold the embedded lock while open. */
export async function openStore(config: StoreConfig, command: string): Promise<OpenStore> {
  let db: Db;
  let lock: EmbeddedLock | undefined;
  if (config.databaseUrl) {
    try {
      const where = describeUrl(config.databaseUrl);
      db = await openServer(config.databaseUrl, {
        onStateChange: (state, reason) => console.error(state === 'lost'
          ? `store: lost the connection to ${where} (${reason}); requests answer 503 store_unavailable until it is back, reconnecting on demand`
          : `store: connected to ${where} again`),
      });
    } catch (err) {
      throw new SiyuError(
        'store_unavailable',
        `Cannot connect to the PostgreSQL server ${describeUrl(config.databaseUrl)}: ${(err as Error).message}`,
      );
    }
  } else {
    lock = EmbeddedLock.acquire(config.dataDir, command);
    try {
      mkdirSync(config.dataDir, { recursive: true });
      db = await openPglite(config.dataDir);
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    lock?.release();
    throw err;
  }
  let closed = false;
  return {
    db,
    lock,
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      lock?.release();
    },
  };
}
