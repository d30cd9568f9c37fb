/**
 * `npm run bench -- console`: the API calls the console makes, timed through the real HTTP
 * app (routing, auth, validation, serialisation) on the demo workspace: the customer list
 * and 360, tasks, the journey board's stats, model movement and the customer board's
 * as-of distributions. Each call kind runs several times; p50 and p95 are reported.
 */
import type { Db } from '../store/db.ts';
import { createApp } from '../http/app.ts';
import { createToken } from '../auth/index.ts';
import { loadDemo, seedDemoOperations } from '../demo/index.ts';
import { recompute } from '../models/index.ts';
import { localDate } from '../shared/time.ts';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export interface ConsoleCall { call: string; p50: number; p95: number; runs: number }

export async function benchConsole(db: Db, ws: string, customers: number, runs = 5): Promise<{ seeded: number; calls: ConsoleCall[] }> {
  const t0 = performance.now();
  const now = Date.now();
  await loadDemo(db, { workspaceId: ws, endDate: localDate('Asia/Shanghai', now), customers });
  await recompute(db, ws);
  await seedDemoOperations(db, ws, now);
  const seeded = (performance.now() - t0) / 1000;
  const { token } = await createToken(db, ws, { name: 'bench', scopes: ['admin'] }, { kind: 'system', id: 'bench' }, new Date());
  const app = createApp({ db });
  const get = async (path: string) => {
    const r = await app.fetch(new Request(`http://bench${path}${path.includes('?') ? '&' : '?'}workspace=${ws}`, { headers: { authorization: `Bearer ${token}` } }));
    const body = await r.text();
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${body.slice(0, 300)}`);
    return JSON.parse(body) as any;
  };
  const journeys = (await get('/api/v1/journeys')) as { id?: number; journeyId?: number }[] | { items: { journeyId: number }[] };
  const journeyIds = (Array.isArray(journeys) ? journeys : journeys.items).map((j: any) => j.journeyId ?? j.id) as number[];
  const list = await get('/api/v1/customers?limit=50');
  const someId = (list.items ?? list.customers ?? [])[0]?.customerId ?? 1;
  const day = (d: number) => localDate('Asia/Shanghai', now - d * 86_400_000);
  const calls: [string, () => Promise<unknown>][] = [
    ['customer list', () => get('/api/v1/customers?limit=50')],
    ['customer 360', () => get(`/api/v1/customers/${someId}`)],
    ['tasks', () => get('/api/v1/tasks?limit=50')],
    ['journey stats (each journey)', async () => { for (const id of journeyIds) await get(`/api/v1/journeys/${id}/stats`); }],
    ['model movement (trust, 30 days)', () => get(`/api/v1/models/movement?model=trust&from=${day(30)}&to=${day(0)}`)],
    ['segments now', () => get('/api/v1/segments')],
    ['board: 8 as-of segments', async () => { for (let k = 7; k >= 0; k--) await get(`/api/v1/segments?asOf=${day(k * 7)}`); }],
  ];
  const out: ConsoleCall[] = [];
  for (const [call, fn] of calls) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    out.push({ call, p50: percentile(times, 50), p95: percentile(times, 95), runs });
  }
  return { seeded, calls: out };
}
