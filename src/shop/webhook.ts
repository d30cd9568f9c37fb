/**
 * Order updates from shops, by webhook or file: verified, turned into order events by the
 * difference from what Siyu already made of each order, and stored together with that
 * state in one transaction — a repeated, late or crashed delivery changes nothing twice.
 */
import type { Actor } from '../customers/index.ts';
import { ingestInTransaction, isDataException } from '../events/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { countRefusal, recentRefusals } from '../store/refusals.ts';
import { workspaceLock } from '../workspaces/index.ts';
import { parseOrderUpdate, planOrderEvents, type OrderUpdate, type ShopOrderState } from './order-update.ts';
import { checkSignature } from './signature.ts';
import { shopSecret } from './sources.ts';

export interface OrderUpdateOutcome {
  orderId: string;
  outcome: 'applied' | 'unchanged' | 'rejected';
  events: string[];
  customerId?: number;
  error?: string;
}

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

interface StateRow { order_id: string; paid: boolean; amount_fen: string | number | null; refunded_fen: string | number }

/** Apply updates of one source in order, in one transaction. */
export async function applyOrderUpdates(
  db: Db,
  workspaceId: string,
  source: string,
  updates: readonly OrderUpdate[],
  opts: { now: number; actor: Actor; via: 'webhook' | 'import' },
): Promise<OrderUpdateOutcome[]> {
  return db.transaction(async (tx) => {
    await workspaceLock(tx, workspaceId);
    const states = await loadStates(tx, workspaceId, source, updates.map((u) => u.orderId));
    const outcomes: OrderUpdateOutcome[] = [];
    for (const update of updates) {
      const before = states.get(update.orderId);
      const plan = planOrderEvents(source, update, before);
      if (plan.events.length === 0) {
        outcomes.push({ orderId: update.orderId, outcome: 'unchanged', events: [] });
        continue;
      }
      // A savepoint per update: a value the store refuses despite validation fails this order only.
      await tx.query('SAVEPOINT order_update');
      let r: Awaited<ReturnType<typeof ingestInTransaction>>;
      try {
        r = await ingestInTransaction(tx, workspaceId, plan.events, { source: `shop:${source}`, actor: opts.actor, now: opts.now });
        await tx.query('RELEASE SAVEPOINT order_update');
      } catch (err) {
        if (!isDataException(err)) throw err;
        await tx.query('ROLLBACK TO SAVEPOINT order_update');
        outcomes.push({ orderId: update.orderId, outcome: 'rejected', events: [], error: `the store refused a value: ${(err as Error).message}` });
        continue;
      }
      if (r.rejected.length > 0) {
        outcomes.push({ orderId: update.orderId, outcome: 'rejected', events: [], error: r.rejected.map((x) => x.reason).join('; ') });
        continue;
      }
      const customerId = r.accepted[0]?.customerId;
      await tx.query(
        `INSERT INTO shop_orders (workspace_id, source, order_id, paid, amount_fen, refunded_fen, paid_at, customer_id, updated_at)
         VALUES ($1, $2, $3, $4, $5::bigint, $6::bigint, $7::timestamptz, $8::bigint, to_timestamp($9::double precision / 1000))
         ON CONFLICT (workspace_id, source, order_id) DO UPDATE SET paid = excluded.paid, amount_fen = excluded.amount_fen,
           refunded_fen = excluded.refunded_fen, paid_at = COALESCE(shop_orders.paid_at, excluded.paid_at),
           customer_id = COALESCE(excluded.customer_id, shop_orders.customer_id), updated_at = excluded.updated_at`,
        [workspaceId, source, update.orderId, plan.next.paid, plan.next.amountFen, plan.next.refundedFen, update.paidAt, customerId ?? null, opts.now],
      );
      states.set(update.orderId, plan.next);
      outcomes.push({
        orderId: update.orderId,
        outcome: 'applied',
        events: plan.events.map((e) => e.id),
        ...(customerId !== undefined ? { customerId } : {}),
      });
    }
    await logDeliveries(tx, workspaceId, source, outcomes);
    return outcomes;
  });
}

async function loadStates(tx: Queryable, workspaceId: string, source: string, orderIds: readonly string[]): Promise<Map<string, ShopOrderState>> {
  const rows = await tx.query<StateRow>(
    `SELECT order_id, paid, amount_fen, refunded_fen FROM shop_orders WHERE workspace_id = $1 AND source = $2 AND order_id = ANY($3::text[])`,
    [workspaceId, source, [...new Set(orderIds)]],
  );
  return new Map(rows.map((r) => [r.order_id, { paid: r.paid, amountFen: r.amount_fen === null ? null : Number(r.amount_fen), refundedFen: Number(r.refunded_fen) }]));
}

async function logDeliveries(q: Queryable, workspaceId: string, source: string, outcomes: readonly OrderUpdateOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await q.query(
    `INSERT INTO shop_deliveries (workspace_id, source, order_id, outcome, events, error)
     SELECT $1, $2, r.order_id, r.outcome, ARRAY(SELECT jsonb_array_elements_text(r.events)), r.error
     FROM jsonb_to_recordset($3::jsonb) AS r(order_id text, outcome text, events jsonb, error text)`,
    [workspaceId, source, JSON.stringify(outcomes.map((o) => ({ order_id: o.orderId, outcome: o.outcome, events: o.events, error: o.error ?? null })))],
  );
}

export interface WebhookDelivery {
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  /** The sender's address, for the refusal counts. */
  address?: string;
}

/**
 * One webhook delivery: an unknown source, a bad signature or a bad body is refused with
 * the reason and changes nothing. A signed delivery the shop got wrong is logged as a
 * delivery; an unsigned one (anyone's) is only counted per minute.
 */
export async function receiveOrderWebhook(
  db: Db,
  workspaceId: string,
  source: string,
  delivery: WebhookDelivery,
  now: number,
): Promise<OrderUpdateOutcome> {
  const refuse = async (code: 'not_found' | 'unauthorized' | 'bad_request' | 'validation_failed' | 'payload_too_large', message: string, details?: unknown): Promise<never> => {
    await logDeliveries(db, workspaceId, source, [{ orderId: '', outcome: 'rejected', events: [], error: message }]).catch(() => undefined);
    throw new SiyuError(code, message, details);
  };
  const secret = await shopSecret(db, workspaceId, source);
  if (secret === undefined) {
    throw new SiyuError('not_found', `no enabled shop source "${source}" in workspace "${workspaceId}"; add it with: siyu shop sources add ${source}`);
  }
  const check = checkSignature(secret, delivery.body, delivery.signature, delivery.timestamp, now);
  if (!check.ok) {
    const message = `order webhook from "${source}" refused: ${check.reason}`;
    const first = await countRefusal(db, { workspaceId, channel: 'shop', source, code: 'unauthorized', reason: check.reason, address: delivery.address ?? '', at: now });
    if (first) console.warn(`[shop ${workspaceId}] ${message}${delivery.address ? ` (from ${delivery.address})` : ''}; further refusals this minute are only counted`);
    throw new SiyuError('unauthorized', message);
  }
  if (Buffer.byteLength(delivery.body) > MAX_WEBHOOK_BYTES) return refuse('payload_too_large', `body is larger than ${MAX_WEBHOOK_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(delivery.body);
  } catch (err) {
    return refuse('bad_request', `body is not JSON: ${(err as Error).message}`);
  }
  const parsed = parseOrderUpdate(json);
  if (!parsed.ok) return refuse('validation_failed', parsed.problems.join('; '), parsed.problems);
  const [outcome] = await applyOrderUpdates(db, workspaceId, source, [parsed.update], { now, actor: { kind: 'api', id: `shop:${source}` }, via: 'webhook' });
  if (outcome!.outcome === 'rejected') throw new SiyuError('validation_failed', `order ${outcome!.orderId}: ${outcome!.error}`);
  return outcome!;
}

export interface DeliveryLogEntry {
  /** 0 for unsigned requests refused, counted per minute. */
  deliveryId: number;
  source: string;
  receivedAt: string;
  orderId: string | null;
  outcome: string;
  events: string[];
  error: string | null;
  /** How many requests the entry stands for (more than 1 only for refusals counted per minute). */
  requests: number;
}

/** Deliveries and, among them, the unsigned requests refused (one entry a minute), newest first. */
export async function recentDeliveries(db: Queryable, workspaceId: string, source?: string, limit = 50): Promise<DeliveryLogEntry[]> {
  const rows = await db.query<{ delivery_id: number; source: string; received_at: Date; order_id: string | null; outcome: string; events: string[]; error: string | null }>(
    `SELECT delivery_id, source, received_at, order_id, outcome, events, error FROM shop_deliveries
     WHERE workspace_id = $1 AND ($2::text IS NULL OR source = $2::text) ORDER BY delivery_id DESC LIMIT $3::int`,
    [workspaceId, source ?? null, Math.min(Math.max(limit, 1), 500)],
  );
  const n = Math.min(Math.max(limit, 1), 500);
  const refused = await recentRefusals(db, workspaceId, 'shop', n, source);
  return [
    ...rows.map((r) => ({
      deliveryId: Number(r.delivery_id), source: r.source, receivedAt: r.received_at.toISOString(), orderId: r.order_id || null,
      outcome: r.outcome, events: r.events, error: r.error, requests: 1,
    })),
    ...refused.map((r) => ({
      deliveryId: 0, source: r.source, receivedAt: r.minute, orderId: null, outcome: 'rejected', events: [],
      error: `order webhook from "${r.source}" refused: ${r.reason}${r.requests > 1 ? ` (${r.requests} times this minute, last from ${r.address || 'an unknown address'})` : ''}`,
      requests: r.requests,
    })),
  ].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, n);
}

/** Housekeeping: refused deliveries older than 30 days go (the applied ones are the orders' history and stay). */
export async function purgeRefusedDeliveries(q: Queryable, now: number): Promise<number> {
  return (await q.query(`DELETE FROM shop_deliveries WHERE outcome = 'rejected' AND received_at < $1 RETURNING 1`, [new Date(now - 30 * 24 * 3600_000)])).length;
}
