/**
 * Process hygiene of `siyu serve`: started by an older Node, bin/siyu.js hands over to the
 * pinned Node 24; kill -9 of that launcher must not leave the child holding the port and
 * the data-directory lock. And the server listens on loopback unless told otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/siyu.js', import.meta.url));

/** A Node older than 24 on PATH (the system Node), which makes bin/siyu.js hand over. */
function olderNode(): string | undefined {
  try {
    const path = execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8', env: { PATH: '/usr/local/bin:/usr/bin:/bin' } }).trim();
    const major = Number(execFileSync(path, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
    return major < 24 ? path : undefined;
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const canConnect = (host: string, port: number) => new Promise<boolean>((resolve) => {
  const s = connect({ host, port });
  s.setTimeout(2000);
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
  s.once('timeout', () => { s.destroy(); resolve(false); });
});

const older = olderNode();

test('kill -9 of the launcher ends the Node 24 child: port and data-directory lock are freed', { skip: older ? false : 'no Node older than 24 on PATH to launch with' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'siyu-launcher-'));
  const dataDir = join(dir, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, SIYU_DATA_DIR: dataDir, SIYU_ADMIN_PASSWORD: 'Launcher-Test-Pass-1!' };
  delete env.DATABASE_URL;
  delete env.HOST;
  const launcher = spawn(older!, [BIN, 'serve', '--port', '0', '--no-build'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  launcher.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  launcher.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
      launcher.stdout!.on('data', () => {
        const m = /running at http:\/\/localhost:(\d+)/.exec(out);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      });
      launcher.once('exit', (code) => { clearTimeout(timer); reject(new Error(`launcher exited with ${code}:\n${out}`)); });
    });
    const child = (JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')) as { pid: number }).pid;
    assert.notEqual(child, launcher.pid, 'the server runs in the pinned Node child');
    assert.ok(await canConnect('127.0.0.1', port));

    // Loopback by default: not reachable on the machine's other addresses.
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (external) assert.equal(await canConnect(external, port), false, `listening on ${external}: the default must be 127.0.0.1`);

    launcher.kill('SIGKILL');
    for (let i = 0; i < 150 && alive(child); i++) await sleep(100);
    assert.equal(alive(child), false, 'the Node 24 child outlived its launcher');
    assert.equal(await canConnect('127.0.0.1', port), false, 'the port is still held');
    assert.equal(existsSync(`${dataDir}.lock`), false, 'the data-directory lock is still there');
  } finally {
    if (launcher.exitCode === null) launcher.kill('SIGKILL');
    try {
      const pid = (JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')) as { pid: number }).pid;
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // no lock left: nothing to clean up
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
