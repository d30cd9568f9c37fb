import { serve, type ServerType } from '@hono/node-server';
import type { Db } from '../store/db.ts';
import { createApp } from './app.ts';
import { startAutomationWorker } from '../automation/index.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(db: Db, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  const app = createApp({ db });
  const automation = startAutomationWorker(db);
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      resolve({
        url: `http://localhost:${info.port}`,
        close: () => new Promise<void>((done) => server!.close(() => done())).then(() => automation.stop()),
      });
    });
    server.once('error', reject);
  });
}
