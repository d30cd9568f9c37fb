import type { Db } from '../store/db.ts';
import { ingestEvents } from '../events/index.ts';
import { syntheticEvents } from './synthetic.ts';

/** Events through the whole intake pipeline (validate → dedupe → identity → store → aggregates). */
export async function benchIngest(db: Db, workspaceId: string, o: { events: number; customers: number }) {
  const end = Date.now() - 60_000;
  const batch = 5000;
  let buffer: Record<string, unknown>[] = [];
  let accepted = 0;
  let rejected = 0;
  const started = performance.now();
  let lastReport = started;
  const flush = async () => {
    const r = await ingestEvents(db, workspaceId, buffer, { source: 'bench', chunkSize: batch });
    accepted += r.accepted.length;
    rejected += r.rejected.length;
    buffer = [];
    const t = performance.now();
    if (t - lastReport > 10_000) {
      lastReport = t;
      process.stderr.write(`  … ${accepted.toLocaleString('en')} events, ${Math.round(accepted / ((t - started) / 1000))} events/s\n`);
    }
  };
  for (const e of syntheticEvents({ events: o.events, customers: o.customers, end })) {
    buffer.push(e);
    if (buffer.length === batch) await flush();
  }
  if (buffer.length) await flush();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: accepted / seconds, note: `${accepted} accepted, ${rejected} rejected, batches of ${batch}` };
}
