import { serve, type ServerType } from '@hono/node-server';
import type { Db } from '../store/db.ts';
import { createApp } from './app.ts';
import { startAutomationWorker } from '../automation/index.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Loopback by default: exposing the server to the network is a decision (`--host 0.0.0.0`). */
export function startServer(db: Db, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const app = createApp({ db });
  const automation = startAutomationWorker(db);
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      resolve({
        url: `http://${displayHost(host)}:${info.port}`,
        close: () => new Promise<void>((done) => server!.close(() => done())).then(() => automation.stop()),
      });
    });
    server.once('error', reject);
  });
}

/** The address to print: loopback and "any" are reachable as localhost. */
function displayHost(host: string): string {
  if (['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
