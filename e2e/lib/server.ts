/**
 * The real server for a test: `siyu serve --demo` on an ephemeral port, a fresh data directory
 * and a known admin password; a small demo so the whole suite stays within a few minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsole, consoleBuildReason, WEB_ROOT } from '../../src/cli/web-build.ts';

export const ADMIN_PASSWORD = 'Siyu-e2e-Pass-2026!';
const BIN = fileURLToPath(new URL('../../bin/siyu.js', import.meta.url));

export interface TestServer { url: string; output(): string; stop(): Promise<void> }

function withoutServer(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  return copy;
}

/**
 * Build the console if its sources changed, one test file at a time: e2e files run in parallel,
 * and two Vite builds emptying web/dist at once would serve each other half a bundle.
 */
async function buildOnce(): Promise<void> {
  const lock = join(WEB_ROOT, '.e2e-build-lock');
  for (let waited = 0; ; waited += 200) {
    try { mkdirSync(lock); break; } catch {
      // A lock older than 5 minutes was left by a killed run.
      try { if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone meanwhile */ }
      if (waited > 600_000) throw new Error(`waited 10 minutes for ${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try { if (consoleBuildReason()) await buildConsole(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

export async function startTestServer(opts: { demoCustomers?: number } = {}): Promise<TestServer> {
  // The console is built here (not by the server: --no-build) while the server loads its demo;
  // the server reads web/dist per request, so the two can overlap.
  const building = buildOnce();
  building.catch(() => undefined); // awaited below; this only keeps an early server failure from leaving it unhandled
  const dataDir = mkdtempSync(join(tmpdir(), 'siyu-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [
    BIN, 'serve', '--demo', '--demo-customers', String(opts.demoCustomers ?? 300), '--port', '0', '--host', '127.0.0.1', '--no-build',
  ], {
    // Always the embedded store in a fresh directory: the browser tests the console, and a
    // shared server database must not collect demo workspaces.
    env: { ...withoutServer(process.env), SIYU_DATA_DIR: dataDir, SIYU_ADMIN_PASSWORD: ADMIN_PASSWORD, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${out}`)), 180_000);
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!.replace('localhost', '127.0.0.1')); }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)); });
  });
  await building;
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
