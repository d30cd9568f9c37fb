#!/usr/bin/env node
// Entry point for `npx siyu`. The CLI is TypeScript run by Node 24's type stripping;
// started by an older Node, it hands over to the Node 24 pinned in node_modules.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    process.stderr.write(`siyu needs Node.js 24 or later (this is ${process.version}); run "npm install" first.\n`);
    process.exit(1);
  }
  // The IPC channel is how the child knows its launcher is alive: when the launcher dies
  // (even by kill -9) the channel closes and the child stops, freeing the port and the
  // data-directory lock.
  const child = spawn(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, SIYU_LAUNCHER_IPC: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
} else {
  if (process.env.SIYU_LAUNCHER_IPC === '1' && process.channel) {
    delete process.env.SIYU_LAUNCHER_IPC; // not inherited by processes this one starts
    process.channel.unref(); // the channel alone must not keep this process alive
    process.once('disconnect', () => {
      // The launcher is gone: stop as if asked to (a server closes cleanly), and for sure soon after.
      setTimeout(() => process.exit(129), 10_000).unref();
      process.kill(process.pid, 'SIGTERM');
    });
  }
  await import('../src/cli/main.ts');
}
