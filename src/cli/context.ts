/**
 * What every CLI command shares: finding the store (SIYU_DATA_DIR / DATABASE_URL), the
 * workspace option, JSON output, and one mapping of errors to messages and exit codes.
 */
import type { Command } from 'commander';
import { SiyuError } from '../shared/errors.ts';
import type { Db } from '../store/db.ts';
import { openStore, storeConfigFromEnv } from '../store/open.ts';
import { DEFAULT_WORKSPACE, ensureWorkspace } from '../workspaces/index.ts';

export interface CliContext {
  /** Open the store for one command, and close it (and its lock) afterwards. */
  withStore<T>(command: string, fn: (db: Db) => Promise<T>): Promise<T>;
  /** The workspace a command works in: --workspace, SIYU_WORKSPACE, or "default". */
  workspaceOf(cmd: Command): string;
  /** Ensure the workspace exists (commands that write create it on first use). */
  ensureWorkspace(db: Db, workspaceId: string): Promise<void>;
  out(text: string): void;
  json(value: unknown): void;
}

export function createContext(): CliContext {
  return {
    async withStore(command, fn) {
      const store = await openStore(storeConfigFromEnv(), command);
      const stop = () => {
        void store.close().finally(() => process.exit(130));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        return await fn(store.db);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await store.close();
      }
    },
    workspaceOf(cmd) {
      const opts = cmd.optsWithGlobals<{ workspace?: string }>();
      return opts.workspace ?? process.env.SIYU_WORKSPACE ?? DEFAULT_WORKSPACE;
    },
    async ensureWorkspace(db, workspaceId) {
      await ensureWorkspace(db, { workspaceId });
    },
    out: (text) => process.stdout.write(`${text}\n`),
    json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

/** Errors become one clear line on stderr and a non-zero exit code. */
export function reportError(err: unknown): number {
  if (err instanceof SiyuError) {
    process.stderr.write(`siyu: ${err.message}\n`);
    return err.code === 'store_locked' ? 3 : 1;
  }
  if (err && typeof err === 'object' && 'code' in err && (err as { code: string }).code === 'commander.executeSubCommandAsync') return 1;
  process.stderr.write(`siyu: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}
