/**
 * Event intake: validate item by item, drop duplicates, resolve identities, store the
 * events and update the aggregates — one transaction per chunk, so a crash leaves each
 * chunk either fully in or fully out, and a retry finds the landed ones as duplicates.
 */
import type { Db, Queryable } from '../store/db.ts';
import { SiyuError } from '../shared/errors.ts';
import { applyEvents, isPrivateMessage, resolveCustomers, type Actor } from '../customers/index.ts';
import { requireWorkspace, workspaceLock } from '../workspaces/index.ts';
import { evaluateCustomers, queueRecompute } from '../models/index.ts';
import { validateEvent, type NormalizedEvent } from './envelope.ts';

export interface IngestOptions {
  /** Where the events came from: api, import, demo, wecom … */
  source?: string;
  actor?: Actor;
  now?: number;
  maxSkewMs?: number;
  /** Events per transaction. */
  chunkSize?: number;
  /**
   * Re-place the touched customers on the models in the same transaction (default). Bulk
   * loads turn it off and run one full recompute at the end instead: cheaper, and the
   * relative lines (RFM means, top-20 %) are only meaningful once everything is in.
   */
  place?: boolean;
}

export interface IngestResult {
  accepted: { index: number; id: string; customerId: number }[];
  duplicates: { index: number; id: string }[];
  rejected: { index: number; id: string | undefined; reason: string }[];
}

export const DEFAULT_CHUNK = 2000;

export async function ingestEvents(
  db: Db,
  workspaceId: string,
  items: readonly unknown[],
  opts: IngestOptions = {},
): Promise<IngestResult> {
  await requireWorkspace(db, workspaceId);
  const now = opts.now ?? Date.now();
  const { result, valid } = validateItems(items, now, opts);
  const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
  const land = (part: { index: number; event: NormalizedEvent }[]) =>
    db.transaction((tx) => ingestChunk(tx, workspaceId, part, opts.source ?? 'api', opts.actor ?? { kind: 'api' }, now, opts.place ?? true));
  for (let i = 0; i < valid.length; i += chunk) {
    try {
      await landIsolatingBadItems(land, valid.slice(i, i + chunk), result);
    } catch (err) {
      throw partialFailure(err, result, valid.slice(i), items.length);
    }
  }
  result.duplicates.sort((a, b) => a.index - b.index);
  result.rejected.sort((a, b) => a.index - b.index);
  return result;
}

/**
 * Land a chunk; when the database refuses a value that validation let through (a data
 * exception: a number or text it cannot store), split the chunk and retry the halves, so
 * the bad item ends up rejected on its own with the database's reason and the rest lands.
 */
export async function landIsolatingBadItems(
  land: (part: { index: number; event: NormalizedEvent }[]) => Promise<Pick<IngestResult, 'accepted' | 'duplicates'>>,
  part: { index: number; event: NormalizedEvent }[],
  result: IngestResult,
): Promise<void> {
  try {
    const out = await land(part);
    result.accepted.push(...out.accepted);
    result.duplicates.push(...out.duplicates);
  } catch (err) {
    if (!isDataException(err)) throw err;
    if (part.length === 1) {
      result.rejected.push({ index: part[0]!.index, id: part[0]!.event.id, reason: `event: the store refused a value: ${(err as Error).message}` });
      return;
    }
    const half = Math.ceil(part.length / 2);
    await landIsolatingBadItems(land, part.slice(0, half), result);
    await landIsolatingBadItems(land, part.slice(half), result);
  }
}

/** SQLSTATE class 22 (data exception: out of range, bad encoding, bad date) and 54 (a value too large to index). */
export function isDataException(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code);
}

/**
 * The store failed after some chunks had committed: say what landed and what did not, so
 * the caller knows a retry is safe (the landed events come back as duplicates).
 */
function partialFailure(err: unknown, result: IngestResult, notStored: readonly { index: number }[], total: number): unknown {
  if (result.accepted.length === 0 && result.duplicates.length === 0) return err;
  const cause = err instanceof Error ? err.message : String(err);
  return new SiyuError(
    err instanceof SiyuError ? err.code : 'store_unavailable',
    `${result.accepted.length} of ${total} events were stored before the store failed (${cause}); ` +
      'send the batch again: the stored events come back as duplicates',
    {
      accepted: result.accepted,
      duplicates: result.duplicates,
      rejected: result.rejected,
      notStored: notStored.map((p) => p.index),
    },
  );
}

/**
 * Ingest inside the caller's transaction, as one chunk: for adapters (webhooks, WeCom)
 * that must store their own state together with the events it produced, so a crash
 * keeps both or neither.
 */
export async function ingestInTransaction(
  tx: Queryable,
  workspaceId: string,
  items: readonly unknown[],
  opts: Omit<IngestOptions, 'chunkSize'> = {},
): Promise<IngestResult> {
  await requireWorkspace(tx, workspaceId);
  const now = opts.now ?? Date.now();
  const { result, valid } = validateItems(items, now, opts);
  if (valid.length > 0) {
    const out = await ingestChunk(tx, workspaceId, valid, opts.source ?? 'api', opts.actor ?? { kind: 'api' }, now, opts.place ?? true);
    result.accepted.push(...out.accepted);
    result.duplicates.push(...out.duplicates);
  }
  result.duplicates.sort((a, b) => a.index - b.index);
  return result;
}

function validateItems(items: readonly unknown[], now: number, opts: IngestOptions): { result: IngestResult; valid: { index: number; event: NormalizedEvent }[] } {
  const result: IngestResult = { accepted: [], duplicates: [], rejected: [] };
  const valid: { index: number; event: NormalizedEvent }[] = [];
  const seen = new Set<string>();
  items.forEach((raw, index) => {
    const v = validateEvent(raw, { now, ...(opts.maxSkewMs !== undefined ? { maxSkewMs: opts.maxSkewMs } : {}) });
    if (!v.ok) {
      result.rejected.push({ index, id: v.id, reason: v.reason });
    } else if (seen.has(v.event.id)) {
      result.duplicates.push({ index, id: v.event.id });
    } else {
      seen.add(v.event.id);
      valid.push({ index, event: v.event });
    }
  });
  return { result, valid };
}

async function ingestChunk(
  tx: Queryable,
  workspaceId: string,
  part: { index: number; event: NormalizedEvent }[],
  source: string,
  actor: Actor,
  now: number,
  place: boolean,
): Promise<Pick<IngestResult, 'accepted' | 'duplicates'>> {
  await workspaceLock(tx, workspaceId);
  const existing = await tx.query<{ event_id: string }>(
    `SELECT event_id FROM events WHERE workspace_id = $1 AND event_id = ANY($2::text[])`,
    [workspaceId, part.map((p) => p.event.id)],
  );
  const stored = new Set(existing.map((r) => r.event_id));
  const duplicates = part.filter((p) => stored.has(p.event.id)).map((p) => ({ index: p.index, id: p.event.id }));
  const fresh = part.filter((p) => !stored.has(p.event.id));
  if (fresh.length === 0) return { accepted: [], duplicates };

  // The referred person of a referral is a customer too: resolve them after the event's own customer.
  const identitySets = fresh.flatMap((p) => (p.event.referred ? [p.event.identities, p.event.referred] : [p.event.identities]));
  const resolution = await resolveCustomers(tx, workspaceId, identitySets, actor);
  let k = 0;
  const resolved = fresh.map((p) => {
    const customerId = resolution.customerIds[k++]!;
    const referredId = p.event.referred ? resolution.customerIds[k++] : undefined;
    return { ...p, customerId, referredId };
  });

  await tx.query(
    `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, staff_id, touchpoint, conversation_id, source, customer, data)
     SELECT $1, r.event_id, r.customer_id, r.type, r.occurred_at, r.staff_id, r.touchpoint, r.conversation_id, $3, r.customer, r.data
     FROM jsonb_to_recordset($2::jsonb) AS r(event_id text, customer_id bigint, type text, occurred_at timestamptz,
       staff_id text, touchpoint text, conversation_id text, customer jsonb, data jsonb)`,
    [
      workspaceId,
      JSON.stringify(
        resolved.map(({ event: e, customerId, referredId }) => ({
          event_id: e.id,
          customer_id: customerId,
          type: e.type,
          occurred_at: new Date(e.occurredAt).toISOString(),
          staff_id: e.staffId ?? null,
          touchpoint: e.touchpoint ?? null,
          conversation_id: isPrivateMessage(e) ? (e.data.conversationId as string) : null,
          customer: e.customer,
          data: referredId === undefined ? e.data : { ...e.data, referredCustomerId: referredId },
        })),
      ),
      source,
    ],
  );
  await applyEvents(tx, workspaceId, resolved.map((r) => ({ event: r.event, customerId: r.customerId })));
  // Only the customers this batch touched are placed again; time alone is the recompute's job.
  const touched = resolved.flatMap((r) => (r.referredId === undefined ? [r.customerId] : [r.customerId, r.referredId]));
  if (place) await evaluateCustomers(tx, workspaceId, [...touched, ...resolution.merges.map((m) => m.survivor)], { asOf: now, cause: 'event' });
  else await queueRecompute(tx, workspaceId, source);
  return { accepted: resolved.map((r) => ({ index: r.index, id: r.event.id, customerId: r.customerId })), duplicates };
}
