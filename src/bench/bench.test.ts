/**
 * The benchmark suite cannot rot: `npm run bench -- --size S` runs every default scenario
 * end to end (on the embedded store, and on the server when DATABASE_URL is set) and writes
 * its JSON. Timings are printed for the log, never asserted (speed is read from the bench,
 * not from tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const WRITES = new Set(['ingest', 'import orders', 'recompute', 'automation pipeline']);

test('npm run bench -- --size S: every scenario runs on each store and the JSON holds the figures and the machine', { timeout: 600_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'siyu-bench-test-'));
  try {
    const json = join(dir, 'bench.json');
    // CI runs the suite once per store: the embedded pass covers PGlite, the server pass the server.
    const stores = process.env.DATABASE_URL ? 'server' : 'embedded';
    const child = spawn(process.execPath, [MAIN, '--size', 'S', '--stores', stores, '--json', json], {
      env: { ...process.env, SIYU_BENCH_CACHE: join(dir, 'cache') }, stdio: ['ignore', 'pipe', 'pipe'],
      // A test that times out (a loaded machine) takes the bench with it instead of leaving it running.
      signal: t.signal,
    });
    child.on('error', () => undefined);
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    process.stdout.write(out.split('\n').map((l) => `# ${l}`).join('\n') + '\n');
    assert.equal(code, 0, out.slice(-3000));
    const figures = JSON.parse(readFileSync(json, 'utf8')) as {
      size: string; machine: { cores: number; node: string; postgres: Record<string, string> };
      results: { scenario: string; store: string; value: number; unit: string; raw?: number; ratio?: number }[];
    };
    assert.equal(figures.size, 'S');
    assert.ok(figures.machine.cores > 0 && figures.machine.node.startsWith('v'));
    const want = [stores];
    assert.deepEqual(Object.keys(figures.machine.postgres).sort(), want);
    for (const store of want) {
      const mine = figures.results.filter((r) => r.store === store).map((r) => r.scenario);
      for (const s of ['ingest', 'import orders', 'recompute', 'automation pipeline', 'event → task', 'audience count', 'mass-message dry run', 'clv fit + predict', 'analytics: acquisition, workspace', 'analytics: snapshots', 'board: operations']) {
        assert.ok(mine.includes(s), `${s} on ${store}`);
      }
    }
    for (const r of figures.results) {
      assert.ok(Number.isFinite(r.value) && r.value >= 0, `${r.scenario} on ${r.store}: a figure`);
      // Every scenario that writes rows is printed beside the bare insert of the same rows.
      if (WRITES.has(r.scenario)) assert.ok(r.raw! > 0 && r.ratio! > 0, `${r.scenario}: beside the bare insert`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
