import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSiyu } from './testing.ts';

// Running it for real (two servers and a worker on one database) is src/chaos/processes.chaos.ts.
test('siyu worker: --help names what it runs; on the embedded store it refuses and says why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'siyu-worker-'));
  try {
    const help = await runSiyu(join(dir, 'data'), 'worker', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /background work/);
    assert.match(help.stdout, /--housekeeping-every/);
    const run = await runSiyu(join(dir, 'data'), 'worker');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /set DATABASE_URL/);
    const bad = await runSiyu(join(dir, 'data'), 'worker', '--housekeeping-every', 'soon');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--housekeeping-every "soon"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
