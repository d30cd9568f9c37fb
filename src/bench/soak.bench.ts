/**
 * Sustained mixed load on the real HTTP server over loopback: event ingest and the
 * console's reads (customer list, journey board, customer 360, tasks) side by side for
 * a fixed duration. Every loop is bounded: a fixed number of concurrent clients, each
 * waiting for its answer before the next request, so the load is steady, not a flood.
 * Reports throughput, p50 / p99 latency and errors per kind of request.
 */
import { createToken } from '../auth/index.ts';
import { loadDemo, seedDemoOperations } from '../demo/index.ts';
import { startServer } from '../http/server.ts';
import { recompute } from '../models/index.ts';
import { localDate } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { getWorkspace } from '../workspaces/index.ts';

export interface SoakOptions {
  seconds: number;
  customers: number;
  /** Concurrent ingest clients, each sending batches of `batch` events. */
  ingesters?: number;
  batch?: number;
  /** Concurrent console readers. */
  readers?: number;
}

export interface SoakKind {
  kind: string;
  requests: number;
  errors: number;
  /** Events (ingest) or requests (reads) per second. */
  perSecond: number;
  p50: number;
  p99: number;
  firstError?: string;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

export async function benchSoak(db: Db, workspaceId: string, o: SoakOptions): Promise<{ kinds: SoakKind[]; seeded: number; rssMb: number }> {
  const seedStart = performance.now();
  const ws = (await getWorkspace(db, workspaceId))!;
  await loadDemo(db, { workspaceId, endDate: localDate(ws.timeZone, Date.now()), customers: o.customers });
  await recompute(db, workspaceId);
  await seedDemoOperations(db, workspaceId, Date.now());
  const { token } = await createToken(db, workspaceId, { name: `soak-${Date.now()}`, scopes: ['admin'] }, { kind: 'system', id: 'bench' }, new Date());
  const seeded = (performance.now() - seedStart) / 1000;

  const server = await startServer(db, 0, '127.0.0.1');
  const base = server.url.replace('localhost', '127.0.0.1');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const stats = new Map<string, { lat: number[]; errors: number; units: number; firstError?: string }>();
  const record = (kind: string, ms: number, ok: boolean, units: number, error?: string) => {
    let s = stats.get(kind);
    if (!s) stats.set(kind, (s = { lat: [], errors: 0, units: 0 }));
    s.lat.push(ms);
    if (ok) s.units += units;
    else {
      s.errors++;
      s.firstError ??= error;
    }
  };
  const timed = async (kind: string, path: string, init: RequestInit = {}, units = 1): Promise<any> => {
    const t = performance.now();
    try {
      const r = await fetch(`${base}${path}`, { ...init, headers, signal: AbortSignal.timeout(30_000) });
      const text = await r.text();
      record(kind, performance.now() - t, r.ok, units, r.ok ? undefined : `${r.status} ${text.slice(0, 200)}`);
      return r.ok ? JSON.parse(text) : undefined;
    } catch (err) {
      record(kind, performance.now() - t, false, units, err instanceof Error ? err.message : String(err));
      return undefined;
    }
  };

  const journeys: { journeyId?: number; id?: number; name: string }[] = (await timed('setup', '/api/v1/journeys'))?.items ?? [];
  const journeyIds: (string | number)[] = journeys.map((j) => j.journeyId ?? j.id ?? j.name);
  const customerIds = (await db.query<{ customer_id: number }>(
    `SELECT customer_id FROM customers WHERE workspace_id = $1 AND merged_into IS NULL ORDER BY customer_id LIMIT 5000`, [workspaceId])).map((r) => r.customer_id);
  stats.delete('setup');

  const until = performance.now() + o.seconds * 1000;
  const batch = o.batch ?? 100;
  let seq = 0;
  const ingest = async (lane: number) => {
    while (performance.now() < until) {
      const events = Array.from({ length: batch }, (_, i) => {
        const k = seq++;
        const customer = { externalUserId: `wm-soak-${(k * 7919) % (o.customers * 2)}` };
        const at = new Date(Date.now() - 60_000).toISOString();
        return k % 5 === 0
          ? { id: `soak-${lane}-${k}`, type: 'order.paid', occurredAt: at, customer, data: { orderId: `soak-o-${k}`, amount: '88.00' } }
          : { id: `soak-${lane}-${k}`, type: 'message.received', occurredAt: at, customer, data: { conversationId: `sc-${k % 997}`, chatType: 'private', text: '你好' } };
      });
      await timed('ingest (events)', '/api/v1/events', { method: 'POST', body: JSON.stringify(events) }, batch);
    }
  };
  const read = async (lane: number) => {
    for (let i = lane; performance.now() < until; i++) {
      const id = customerIds[(i * 104_729) % Math.max(1, customerIds.length)];
      switch (i % 4) {
        case 0: await timed('customer list', '/api/v1/customers?limit=50'); break;
        case 1: await timed('journey board', `/api/v1/journeys/${encodeURIComponent(String(journeyIds[i % Math.max(1, journeyIds.length)] ?? '购买频次'))}/board`); break;
        case 2: await timed('customer 360', `/api/v1/customers/${id}`); break;
        default: await timed('tasks', '/api/v1/tasks?limit=50'); break;
      }
    }
  };
  const started = performance.now();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 1000);
  const progress = setInterval(() => {
    const ing = stats.get('ingest (events)');
    const reads = [...stats].filter(([k]) => k !== 'ingest (events)').reduce((n, [, s]) => n + s.lat.length, 0);
    process.stderr.write(`  … ${Math.round((performance.now() - started) / 1000)} s: ${ing?.units ?? 0} events, ${reads} reads\n`);
  }, 30_000);
  try {
    await Promise.all([
      ...Array.from({ length: o.ingesters ?? 2 }, (_, n) => ingest(n)),
      ...Array.from({ length: o.readers ?? 4 }, (_, n) => read(n)),
    ]);
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
    await server.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const kinds = [...stats].map(([kind, s]) => {
    const sorted = [...s.lat].sort((a, b) => a - b);
    return { kind, requests: s.lat.length, errors: s.errors, perSecond: s.units / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), ...(s.firstError ? { firstError: s.firstError } : {}) };
  });
  return { kinds, seeded, rssMb: peakRss / 1024 / 1024 };
}
