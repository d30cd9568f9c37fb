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
  /** Open the store for a command that reads the command's workspace. */
  reading<T>(command: string, cmd: Command, fn: (db: Db, workspaceId: string) => Promise<T>): Promise<T>;
  /** Open the store for a command that writes, creating the workspace on first use. */
  writing<T>(command: string, cmd: Command, fn: (db: Db, workspaceId: string) => Promise<T>): Promise<T>;
  out(text: string): void;
  json(value: unknown): void;
  /** `value` as JSON with --json, else the text. */
  print(opts: { json?: boolean }, value: unknown, text: string): void;
}

export function createContext(): CliContext {
  const ctx: CliContext = {
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
    reading(command, cmd, fn) {
      const ws = ctx.workspaceOf(cmd);
      return ctx.withStore(command, (db) => fn(db, ws));
    },
    writing(command, cmd, fn) {
      const ws = ctx.workspaceOf(cmd);
      return ctx.withStore(command, async (db) => {
        await ctx.ensureWorkspace(db, ws);
        return fn(db, ws);
      });
    },
    out: (text) => process.stdout.write(`${text}\n`),
    json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    print: (opts, value, text) => (opts.json ? ctx.json(value) : ctx.out(text)),
  };
  return ctx;
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
