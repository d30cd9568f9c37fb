/**
 * The chaos suite's tools: a fresh PostgreSQL database per run, real `siyu serve` processes
 * (the pinned Node, the real CLI) that can be killed with -9 and started again on the same
 * port, PostgreSQL connections terminated from outside, and an HTTP client that keeps
 * going through all of it. The suite runs on the server store only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createToken } from '../auth/index.ts';
import { migrate } from '../store/migrate.ts';
import { openServer } from '../store/pg-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';

export const BIN = fileURLToPath(new URL('../../bin/siyu.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SKIP = process.env.DATABASE_URL ? false : 'the chaos suite runs on the PostgreSQL server store: set DATABASE_URL';
export const SECRET_KEY = randomBytes(32).toString('hex');

export interface ChaosDb {
  url: string;
  name: string;
  /** A plain client on the database, for checks from outside the server. */
  query<R extends pg.QueryResultRow = Record<string, any>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** pg_terminate_backend on every connection of the Siyu processes; how many were ended. */
  terminate(): Promise<number>;
  drop(): Promise<void>;
}

/** A database of its own for one chaos file, migrated, with a workspace and an admin token. */
export async function chaosDatabase(workspace = 'default'): Promise<ChaosDb & { token: string }> {
  const base = process.env.DATABASE_URL!;
  const name = `siyu_chaos_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = await openServer(url, { max: 2, applicationName: 'siyu-chaos-setup' });
  await migrate(db);
  await ensureWorkspace(db, { workspaceId: workspace });
  const { token } = await createToken(db, workspace, { name: 'chaos', scopes: ['admin'] }, { kind: 'system', id: 'chaos' }, new Date());
  await db.close();
  const checker = new pg.Client({ connectionString: url, application_name: 'siyu-chaos-check' });
  await checker.connect();
  checker.on('error', () => undefined);
  return {
    url, name, token,
    query: async (sql, params) => (await checker.query(sql, params)).rows,
    terminate: async () => (await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'siyu'`, [name])).rowCount ?? 0,
    async drop() {
      await checker.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** `siyu serve` on a fixed port, restartable: kill -9 it, start it again. */
export class Serve {
  readonly port: number;
  readonly url: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly args: string[];
  private child: ChildProcess | undefined;
  log = '';
  starts = 0;

  constructor(db: ChaosDb, port: number, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.args = ['serve', '--port', String(port), '--host', '127.0.0.1', '--no-build', ...extraArgs];
    this.env = { ...process.env, DATABASE_URL: db.url, SIYU_SECRET_KEY: SECRET_KEY, SIYU_ADMIN_PASSWORD: 'Hunluan-Pass-2026!x', ...env };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Start and wait until it answers /healthz. */
  async start(timeoutMs = 240_000): Promise<void> {
    const child = spawn(process.execPath, [BIN, ...this.args], { cwd: REPO, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    child.stdout!.on('data', (b: Buffer) => { this.log += b.toString(); });
    child.stderr!.on('data', (b: Buffer) => { this.log += b.toString(); });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`siyu serve exited (${child.exitCode ?? child.signalCode}):\n${this.log.slice(-3000)}`);
      if (this.log.includes('running at') && (await this.healthy())) return;
      await sleep(100);
    }
    throw new Error(`siyu serve did not start in ${timeoutMs} ms:\n${this.log.slice(-3000)}`);
  }

  async healthy(): Promise<boolean> {
    try {
      const r = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
      return r.status === 200;
    } catch {
      return false;
    }
  }

  alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive()) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive()) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (this.alive()) await this.kill9();
  }
}

export interface Reply { status: number; json: any }

/** An API client that never throws: a refused connection is status 0. */
export function client(base: () => string, token: string) {
  const call = async (method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<Reply> => {
    try {
      const r = await fetch(`${base()}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await r.text();
      let json: unknown;
      try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
      return { status: r.status, json };
    } catch {
      return { status: 0, json: undefined };
    }
  };
  return {
    call,
    get: (path: string, timeoutMs?: number) => call('GET', path, undefined, timeoutMs),
    post: (path: string, body: unknown = {}, timeoutMs?: number) => call('POST', path, body, timeoutMs),
    put: (path: string, body: unknown, timeoutMs?: number) => call('PUT', path, body, timeoutMs),
  };
}

/** Wait until `check` holds (bounded); returns whether it did. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** One line of figures, printed so the run's numbers are in the CI log. */
export function figures(scenario: string, values: Record<string, number | string>): void {
  process.stdout.write(`# chaos ${scenario}: ${Object.entries(values).map(([k, v]) => `${k}=${v}`).join('  ')}\n`);
}
