/**
 * Backup and restore of a whole store.
 * - Embedded (PGlite): a gzipped tarball of the data directory, taken consistently while the
 *   store is open (by the running server when it holds the directory) and restored into an
 *   empty data directory.
 * - Server (PostgreSQL): pg_dump's custom format, restored by pg_restore — the standard tools,
 *   so a backup taken here can be restored by hand and the other way round.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync, openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SiyuError } from '../shared/errors.ts';
import type { Db } from './db.ts';
import { openPglite } from './pglite-store.ts';
import { migrate } from './migrate.ts';
import { describeUrl } from './pg-store.ts';

export type BackupFormat = 'pglite-datadir' | 'pg_dump-custom';

/** What kind of backup a file holds, from its first bytes. */
export function backupFormatOf(file: string): BackupFormat {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite-datadir';
  if (head.toString('latin1') === 'PGDMP') return 'pg_dump-custom';
  throw new SiyuError('bad_request', `${file} is not a Siyu backup: neither an embedded data-directory archive (gzip) nor a pg_dump custom-format file`);
}

/** Write a file atomically: a reader never sees half a backup. */
export function writeAtomically(file: string, data: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.partial`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

/** A consistent copy of an open embedded store. */
export async function snapshotEmbedded(db: Db): Promise<Uint8Array<ArrayBuffer>> {
  if (!db.snapshot) {
    throw new SiyuError('bad_request', `the store ${db.location} is a PostgreSQL server: back it up with pg_dump ("siyu backup" runs it for you)`);
  }
  return new Uint8Array(await (await db.snapshot()).arrayBuffer());
}

/**
 * Restore an embedded backup into `dataDir`. The directory must be empty or absent, unless
 * `replace` is set: the current one is then moved aside (never deleted) and its new name returned.
 */
export async function restoreEmbedded(file: string, dataDir: string, opts: { replace?: boolean; now?: number } = {}): Promise<{ movedAside?: string }> {
  if (backupFormatOf(file) !== 'pglite-datadir') {
    throw new SiyuError('bad_request', `${file} is a pg_dump file: restore it into a PostgreSQL server (set DATABASE_URL)`);
  }
  let movedAside: string | undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!opts.replace) {
      throw new SiyuError('conflict', `the data directory ${dataDir} is not empty; restore with --force to move it aside (it is kept) and restore in its place`);
    }
    movedAside = `${dataDir}.before-restore-${new Date(opts.now ?? Date.now()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, movedAside);
  }
  mkdirSync(dataDir, { recursive: true });
  const db = await openPglite(dataDir, new Blob([readFileSync(file)]));
  try {
    await migrate(db); // a backup from an older version is brought up to date
  } finally {
    await db.close();
  }
  return movedAside ? { movedAside } : {};
}

function run(cmd: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    child.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT'
      ? new SiyuError('bad_request', `${cmd} is not installed (PostgreSQL client tools are needed to ${what}); install them, e.g. apt-get install postgresql-client`)
      : e));
    child.once('exit', (code) => code === 0 ? resolve() : reject(new SiyuError('upstream_failed', `${cmd} failed (exit ${code}) to ${what}: ${err.trim()}`)));
  });
}

/** pg_dump of the database (or one schema of it) in the custom format. */
export async function dumpServer(url: string, file: string, opts: { schema?: string } = {}): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.partial`;
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${temp}`, ...(opts.schema ? [`--schema=${opts.schema}`] : []), `--dbname=${url}`], `back up ${describeUrl(url)}`);
  renameSync(temp, file);
}

/** pg_restore of a custom-format dump into the database (objects in the dump are replaced). */
export async function restoreServer(url: string, file: string): Promise<void> {
  if (backupFormatOf(file) !== 'pg_dump-custom') {
    throw new SiyuError('bad_request', `${file} is an embedded data-directory archive: restore it without DATABASE_URL (into SIYU_DATA_DIR)`);
  }
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${url}`, file], `restore into ${describeUrl(url)}`);
}

/**
 * A fingerprint of every table's content (row count and a hash of the sorted rows): two
 * stores with the same fingerprint hold the same data. Used to prove a backup round trip.
 */
export async function storeFingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const out: Record<string, string> = {};
  for (const { table_name: t } of tables) {
    const [r] = await db.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(x::text, E'\\n' ORDER BY x::text)) AS h FROM "${t.replace(/"/g, '""')}" x`);
    out[t] = `${r!.n}:${r!.h ?? '-'}`;
  }
  return out;
}
