import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.ts';
import { secretKey, secretKeyFile } from './secret-box.ts';

const root = mkdtempSync(join(tmpdir(), 'siyu-secret-key-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('the key file is made inside the data directory, not beside it', () => {
  const env = { SIYU_DATA_DIR: join(root, 'fresh', 'x') };
  assert.equal(secretKeyFile(env), join(root, 'fresh', 'x', 'secret.key'));
  const key = secretKey(env);
  assert.equal(key.length, 32);
  assert.ok(existsSync(join(root, 'fresh', 'x', 'secret.key')));
  assert.equal(existsSync(join(root, 'fresh', 'secret.key')), false, 'nothing is written beside the data directory');
  assert.equal(statSync(join(root, 'fresh', 'x', 'secret.key')).mode & 0o777, 0o600);
  assert.deepEqual(secretKey(env), key, 'the same key on the next start');
});

test('a key left beside the data directory by an earlier version is taken in, so sealed secrets still open', () => {
  const old = 'ab'.repeat(32);
  mkdirSync(join(root, 'upgraded'));
  writeFileSync(join(root, 'upgraded', 'secret.key'), `${old}\n`, { mode: 0o600 });
  const env = { SIYU_DATA_DIR: join(root, 'upgraded', 'x') };
  assert.equal(secretKey(env).toString('hex'), old);
  assert.equal(readFileSync(join(root, 'upgraded', 'x', 'secret.key'), 'utf8').trim(), old, 'now inside the data directory');
  // A second data directory in the same parent sealed with that key too: it gets its copy as well.
  assert.equal(secretKey({ SIYU_DATA_DIR: join(root, 'upgraded', 'y') }).toString('hex'), old);
  assert.equal(secretKeyFile({ SIYU_DATA_DIR: join(root, 'upgraded', 'x'), SIYU_SECRET_KEY_FILE: join(root, 'k') }), join(root, 'k'));
});

test('the embedded store starts in a data directory that already holds the key file', { timeout: 60_000 }, async () => {
  const dataDir = join(root, 'store', 'data');
  secretKey({ SIYU_DATA_DIR: dataDir });
  const store = await openStore({ dataDir }, 'test');
  try {
    assert.deepEqual(await store.db.query<{ x: number }>('SELECT 1 AS x'), [{ x: 1 }]);
  } finally {
    await store.close();
  }
  assert.ok(existsSync(join(dataDir, 'secret.key')));
});
