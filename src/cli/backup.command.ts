import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SiyuError } from '../shared/errors.ts';
import { backupFormatOf, dumpServer, restoreEmbedded, restoreServer, snapshotEmbedded, writeAtomically } from '../store/backup.ts';
import { EmbeddedLock, openStore, storeConfigFromEnv } from '../store/open.ts';
import { describeUrl } from '../store/pg-store.ts';
import { migrate } from '../store/migrate.ts';
import { openServer } from '../store/pg-store.ts';
import type { CliContext } from './context.ts';

/** The embedded store is held by a running server: take the backup through its API. */
async function backupThroughServer(url: string, file: string, token: string | undefined): Promise<number> {
  if (!token) {
    throw new SiyuError('store_locked', `the embedded store is in use by the server at ${url}; set SIYU_TOKEN to an admin API token ("siyu tokens create backup --scopes admin") to back it up through that server, or stop the server first`);
  }
  const res = await fetch(`${url.replace('//localhost:', '//127.0.0.1:')}/api/v1/admin/backup`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = await res.json().catch(() => undefined) as { message?: string } | undefined;
    throw new SiyuError('upstream_failed', `the server at ${url} refused the backup (${res.status}): ${body?.message ?? res.statusText}`);
  }
  const data = new Uint8Array(await res.arrayBuffer());
  writeAtomically(file, data);
  return data.byteLength;
}

export function registerBackupCommands(program: Command, ctx: CliContext): void {
  program
    .command('backup <file>')
    .description('back up the whole store: the embedded data directory (also while a server runs on it), or a PostgreSQL server with pg_dump')
    .addHelpText('after', `
Embedded store: a gzipped tarball of the data directory. When a running server holds the
directory, the backup is taken through it (POST /api/v1/admin/backup) with the admin API
token in SIYU_TOKEN. PostgreSQL server (DATABASE_URL): pg_dump --format=custom, which
pg_restore (or "siyu restore") reads. Restore with "siyu restore <file>".`)
    .action(async (target: string) => {
      const file = resolve(target);
      const config = storeConfigFromEnv();
      const started = performance.now();
      if (config.databaseUrl) {
        await dumpServer(config.databaseUrl, file);
        ctx.out(`backed up ${describeUrl(config.databaseUrl)} to ${file} (pg_dump custom format) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
      let bytes: number;
      let via = '';
      let store;
      try {
        store = await openStore(config, 'backup');
      } catch (err) {
        const owner = err instanceof SiyuError && err.code === 'store_locked' ? (err.details as { url?: string } | undefined) : undefined;
        if (!owner?.url) throw err;
        bytes = await backupThroughServer(owner.url, file, process.env.SIYU_TOKEN);
        via = ` through the server at ${owner.url}`;
      }
      if (store) {
        try {
          const data = await snapshotEmbedded(store.db);
          writeAtomically(file, data);
          bytes = data.byteLength;
        } finally {
          await store.close();
        }
      }
      ctx.out(`backed up ${config.dataDir}${via} to ${file} (${(bytes! / 1024 / 1024).toFixed(1)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });

  program
    .command('restore <file>')
    .description('restore a backup made by "siyu backup" (or pg_dump --format=custom) into the configured store')
    .option('--force', 'embedded: move a non-empty data directory aside (it is kept) and restore in its place; server: replace the objects of a database that already has a Siyu schema')
    .action(async (target: string, opts: { force?: boolean }) => {
      const file = resolve(target);
      const format = backupFormatOf(file);
      const config = storeConfigFromEnv();
      if (config.databaseUrl) {
        if (format !== 'pg_dump-custom') throw new SiyuError('bad_request', `${file} is an embedded data-directory archive: restore it without DATABASE_URL (into SIYU_DATA_DIR)`);
        const db = await openServer(config.databaseUrl);
        try {
          const [has] = await db.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
          if (has?.t && !opts.force) throw new SiyuError('conflict', `${describeUrl(config.databaseUrl)} already holds a Siyu store; restore with --force to replace it`);
        } finally {
          await db.close();
        }
        await restoreServer(config.databaseUrl, file);
        const after = await openServer(config.databaseUrl);
        try {
          await migrate(after);
        } finally {
          await after.close();
        }
        ctx.out(`restored ${file} into ${describeUrl(config.databaseUrl)}`);
        return;
      }
      // The lock keeps a server (or another command) off the directory while it is replaced.
      const lock = EmbeddedLock.acquire(config.dataDir, 'restore');
      try {
        const r = await restoreEmbedded(file, config.dataDir, { replace: opts.force === true });
        ctx.out(`restored ${file} into ${config.dataDir}${r.movedAside ? ` (the previous data directory is kept at ${r.movedAside})` : ''}`);
      } finally {
        lock.release();
      }
    });
}
