/**
 * A shop's order status update → Siyu order events. Shops report the order as it is now
 * (paid, refunded with a cumulative amount), repeatedly and in any order; events are
 * increments. The difference between what the shop says and what was already turned into
 * events decides what to emit, and event ids come from the order's state, so an update
 * sent twice (or a crash between emitting and recording) never counts twice.
 */
import { z } from 'zod';
import { parseAmount } from '../shared/money.ts';
import { dottedPath, findTextFault } from '../shared/text.ts';
import { parseInstant } from '../shared/time.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const money = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const parsed = parseAmount(v);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.fen;
});

/** An absolute ISO 8601 time within the years Siyu stores (time.ts): year 0000 would fail the whole delivery in the store. */
const instant = z.iso.datetime({ offset: true }).superRefine((v, ctx) => {
  const t = parseInstant(v);
  if (!t.ok) ctx.addIssue({ code: 'custom', message: t.reason });
});

export const orderUpdateSchema = z
  .object({
    orderId: text(128),
    status: z.enum(['paid', 'refunded']),
    amount: money.describe('Order total in CNY (decimal string or number)'),
    refundedAmount: money.optional().describe('Cumulative refunded amount in CNY; a "refunded" update without it means a full refund'),
    paidAt: instant,
    refundedAt: instant.optional(),
    phone: text(32).optional(),
    unionId: text(128).optional(),
    buyerId: text(128).optional(),
    externalUserId: text(128).optional(),
    name: text(64).optional(),
    items: z
      .array(z.object({ sku: text(128).optional(), productId: text(128).optional(), qty: z.number().int().positive().optional(), price: z.union([z.string(), z.number()]).optional() }))
      .max(1000)
      .optional(),
  })
  .strict()
  .refine((o) => o.phone || o.unionId || o.buyerId || o.externalUserId, {
    message: 'missing identity: give at least one of phone, unionId, buyerId or externalUserId',
    path: ['phone'],
  })
  .meta({ id: 'ShopOrderUpdate' });

export type OrderUpdate = z.output<typeof orderUpdateSchema>;

/** What Siyu already made of the order (absent before the first update). */
export interface ShopOrderState {
  paid: boolean;
  amountFen: number | null;
  refundedFen: number;
}

export interface OrderEventDraft {
  id: string;
  type: 'order.paid' | 'order.refunded';
  occurredAt: string;
  customer: { phone?: string; unionId?: string; externalUserId?: string; platformIds?: Record<string, string>; name?: string };
  touchpoint: 'shop';
  data: Record<string, unknown>;
}

export interface OrderPlan {
  events: OrderEventDraft[];
  next: ShopOrderState;
}

/** Validation problems as "field: reason" lines. */
export function parseOrderUpdate(raw: unknown): { ok: true; update: OrderUpdate } | { ok: false; problems: string[] } {
  // Refused with a 4xx, so the shop stops retrying; in the store it would have been a 500 forever.
  const fault = findTextFault(raw);
  if (fault) return { ok: false, problems: [`${dottedPath(fault.path) || 'body'}: ${fault.reason}`] };
  const r = orderUpdateSchema.safeParse(raw);
  if (r.success) return { ok: true, update: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) };
}

const fenToYuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export function planOrderEvents(source: string, update: OrderUpdate, state: ShopOrderState | undefined): OrderPlan {
  const customer: OrderEventDraft['customer'] = {
    ...(update.phone ? { phone: update.phone } : {}),
    ...(update.unionId ? { unionId: update.unionId } : {}),
    ...(update.externalUserId ? { externalUserId: update.externalUserId } : {}),
    ...(update.buyerId ? { platformIds: { [source]: update.buyerId } } : {}),
    ...(update.name ? { name: update.name } : {}),
  };
  const base = `shop:${source}:${update.orderId}`;
  const events: OrderEventDraft[] = [];
  const was = state ?? { paid: false, amountFen: null, refundedFen: 0 };
  // A refund says the order was paid too: the paid event is emitted first, whatever arrives first.
  if (!was.paid) {
    events.push({
      id: `${base}:paid`,
      type: 'order.paid',
      occurredAt: update.paidAt,
      customer,
      touchpoint: 'shop',
      data: {
        orderId: update.orderId,
        amount: fenToYuan(update.amount),
        platform: source,
        ...(update.items ? { items: update.items } : {}),
      },
    });
  }
  const reported = update.status === 'refunded' ? Math.min(update.refundedAmount ?? update.amount, update.amount) : (update.refundedAmount ?? 0);
  const refundedFen = Math.max(was.refundedFen, reported);
  if (refundedFen > was.refundedFen) {
    events.push({
      id: `${base}:refund:${refundedFen}`,
      type: 'order.refunded',
      occurredAt: update.refundedAt ?? update.paidAt,
      customer,
      touchpoint: 'shop',
      data: { orderId: update.orderId, amount: fenToYuan(refundedFen - was.refundedFen), platform: source },
    });
  }
  return { events, next: { paid: true, amountFen: was.amountFen ?? update.amount, refundedFen } };
}
