/** Running the real CLI from tests: `bin/siyu.js` on an embedded data directory, its output collected. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun { code: number | null; stdout: string; stderr: string }

export function runSiyu(dataDir: string, ...args: string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, SIYU_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.SIYU_WORKSPACE;
  const child = spawn(process.execPath, ['bin/siyu.js', ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
