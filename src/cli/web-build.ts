/**
 * The web console is built by Vite into web/dist. `siyu serve` builds it when the bundle is
 * missing or older than its sources, so `npm start` on a fresh checkout serves a console.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Why the console needs building, or undefined when web/dist is current (or there are no sources). */
export function consoleBuildReason(): string | undefined {
  const sources = [join(WEB_ROOT, 'src'), join(WEB_ROOT, 'index.html'), join(WEB_ROOT, 'vite.config.ts')].filter((p) => existsSync(p));
  if (sources.length === 0) return undefined;
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return 'web/dist is missing';
  const newestSource = Math.max(...sources.map(newestMtime));
  return newestSource > statSync(built).mtimeMs ? 'web/src changed since the last build' : undefined;
}

/** Build the console with Vite's JS API (the same config as `npm run build:web`). */
export async function buildConsole(): Promise<{ seconds: number }> {
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), root: WEB_ROOT, logLevel: 'warn' });
  return { seconds: (performance.now() - started) / 1000 };
}
