/**
 * orders.csv → order.paid (and order.refunded) events through the one intake pipeline.
 * Event ids derive from the order id, so importing a file again lands nothing twice.
 */
import { ingestEvents } from '../events/index.ts';
import { formatFen, parseAmount } from '../shared/money.ts';
import { normalisePhone } from '../shared/phone.ts';
import { parseTimestamp } from '../shared/time.ts';
import type { CsvSpec } from './csv-header.ts';
import { splitReason, type BatchOutcome, type CellProblem, type ImportContext, type ImportRow } from './context.ts';
import type { RowProblem } from './error-report.ts';

export const ORDER_COLUMNS = [
  'order_id', 'paid_at', 'amount', 'refunded_amount', 'platform', 'buyer_id',
  'external_user_id', 'union_id', 'phone', 'product_ids',
] as const;
export type OrderColumn = (typeof ORDER_COLUMNS)[number];

const IDENTITY_COLUMNS = ['external_user_id', 'union_id', 'phone', 'buyer_id'] as const;
/** The error report's column for "no identity at all". */
const IDENTITY_LABEL = 'external_user_id/union_id/phone/buyer_id';

export const ORDERS_SPEC: CsvSpec<OrderColumn> = {
  label: 'orders',
  columns: ORDER_COLUMNS,
  required: ['order_id', 'paid_at', 'amount'],
  check: (present) => {
    if (!IDENTITY_COLUMNS.some((c) => present.has(c))) {
      return `the header needs at least one identity column (${IDENTITY_COLUMNS.join(', ')}) to tell whose order it is`;
    }
    if (present.has('buyer_id') && !present.has('platform')) {
      return 'column "buyer_id" needs a "platform" column beside it: buyer ids are per shop platform';
    }
    return undefined;
  },
};

/** Event ids are at most 200 characters; the longest suffix is ":refund". */
const MAX_ORDER_ID = 180;
const MAX_ID = 200;
const MAX_PLATFORM = 50;
const FUTURE_SKEW_MS = 5 * 60_000;

export interface OrderEvent {
  refund: boolean;
  envelope: {
    id: string;
    type: 'order.paid' | 'order.refunded';
    occurredAt: string;
    touchpoint: 'shop';
    customer: { externalUserId?: string; unionId?: string; phone?: string; platformIds?: Record<string, string> };
    data: Record<string, unknown>;
  };
}

/** `rounded`: how many of the row's amounts carried floating-point noise and were rounded to the cent. */
export type OrderRowResult = { ok: true; events: OrderEvent[]; rounded: number } | { ok: false; problems: CellProblem[] };

/** One row of orders.csv as events, or every problem the row has. Pure. */
export function orderRowEvents(v: Record<OrderColumn, string>, opts: { timeZone: string; now: number }): OrderRowResult {
  const problems: CellProblem[] = [];
  const bad = (column: OrderColumn | typeof IDENTITY_LABEL, value: string, reason: string) => problems.push({ column, value, reason });

  if (v.order_id === '') bad('order_id', '', 'is required');
  else if (v.order_id.length > MAX_ORDER_ID) bad('order_id', v.order_id, `is longer than ${MAX_ORDER_ID} characters`);

  let paidAt: number | undefined;
  if (v.paid_at === '') bad('paid_at', '', 'is required');
  else {
    const t = parseTimestamp(v.paid_at, opts.timeZone);
    if (!t.ok) bad('paid_at', v.paid_at, t.reason);
    else if (t.instant > opts.now + FUTURE_SKEW_MS) bad('paid_at', v.paid_at, 'is in the future');
    else paidAt = t.instant;
  }

  // Files come from spreadsheets and pandas: 22.200000000000003 is 22.20 (money.ts).
  let rounded = 0;
  let amount: number | undefined;
  if (v.amount === '') bad('amount', '', 'is required');
  else {
    const a = parseAmount(v.amount, { roundFloatNoise: true });
    if (!a.ok) bad('amount', v.amount, a.reason);
    else {
      amount = a.fen;
      if (a.rounded) rounded++;
    }
  }
  let refunded = 0;
  if (v.refunded_amount !== '') {
    const r = parseAmount(v.refunded_amount, { roundFloatNoise: true });
    if (r.ok && r.rounded) rounded++;
    if (!r.ok) bad('refunded_amount', v.refunded_amount, r.reason);
    else if (amount !== undefined && r.fen > amount) bad('refunded_amount', v.refunded_amount, `is more than the amount ${formatFen(amount)}`);
    else refunded = r.fen;
  }

  const customer: OrderEvent['envelope']['customer'] = {};
  for (const [col, key] of [['external_user_id', 'externalUserId'], ['union_id', 'unionId']] as const) {
    if (v[col] === '') continue;
    if (v[col].length > MAX_ID) bad(col, v[col], `is longer than ${MAX_ID} characters`);
    else customer[key] = v[col];
  }
  if (v.phone !== '') {
    const p = normalisePhone(v.phone);
    if (!p.ok) bad('phone', v.phone, p.reason);
    else customer.phone = v.phone;
  }
  if (v.platform.length > MAX_PLATFORM) bad('platform', v.platform, `is longer than ${MAX_PLATFORM} characters`);
  if (v.buyer_id !== '') {
    if (v.platform === '') bad('buyer_id', v.buyer_id, 'needs a platform: buyer ids are per shop platform');
    else if (v.buyer_id.length > MAX_ID) bad('buyer_id', v.buyer_id, `is longer than ${MAX_ID} characters`);
    else customer.platformIds = { [v.platform]: v.buyer_id };
  }
  const anyIdentity = IDENTITY_COLUMNS.some((c) => v[c] !== '');
  if (!anyIdentity) bad(IDENTITY_LABEL, '', 'missing identity: give at least one of external_user_id, union_id, phone, or buyer_id with platform');

  const productIds = v.product_ids === '' ? [] : [...new Set(v.product_ids.split('|').map((p) => p.trim()).filter((p) => p !== ''))];
  const longProduct = productIds.find((p) => p.length > MAX_ID);
  if (longProduct) bad('product_ids', longProduct, `product id is longer than ${MAX_ID} characters`);

  if (problems.length > 0 || paidAt === undefined || amount === undefined) return { ok: false, problems };

  const occurredAt = new Date(paidAt).toISOString();
  const paid: OrderEvent = {
    refund: false,
    envelope: {
      id: `import:order:${v.order_id}:paid`,
      type: 'order.paid',
      occurredAt,
      touchpoint: 'shop',
      customer,
      data: {
        orderId: v.order_id,
        amount: formatFen(amount),
        ...(v.platform !== '' ? { platform: v.platform } : {}),
        ...(productIds.length > 0 ? { productIds } : {}),
      },
    },
  };
  if (refunded === 0) return { ok: true, events: [paid], rounded };
  // The file does not say when the refund happened; the payment time is the best bound we have.
  const refund: OrderEvent = {
    refund: true,
    envelope: {
      id: `import:order:${v.order_id}:refund`,
      type: 'order.refunded',
      occurredAt,
      touchpoint: 'shop',
      customer,
      data: { orderId: v.order_id, amount: formatFen(refunded) },
    },
  };
  return { ok: true, events: [paid, refund], rounded };
}

/** Which column an intake reason points at. */
function columnOfReason(path: string, rest: string, refund: boolean): OrderColumn | typeof IDENTITY_LABEL | '' {
  if (path === 'occurredAt') return 'paid_at';
  if (path === 'data.amount') return refund ? 'refunded_amount' : 'amount';
  if (path === 'id' || path === 'data.orderId') return 'order_id';
  if (path === 'data.platform') return 'platform';
  if (path === 'data.productIds' || path.startsWith('data.productIds.')) return 'product_ids';
  if (path.startsWith('customer')) {
    const where = `${path} ${rest}`;
    if (/phone/.test(where)) return 'phone';
    if (/platformIds/.test(where)) return 'buyer_id';
    if (/externalUserId/.test(where)) return 'external_user_id';
    if (/unionId/.test(where)) return 'union_id';
    return IDENTITY_LABEL;
  }
  return '';
}

type RowState = 'none' | 'accepted' | 'duplicate' | 'rejected';

export async function importOrderBatch(ctx: ImportContext, rows: readonly ImportRow<OrderColumn>[]): Promise<BatchOutcome> {
  const problems: RowProblem[] = [];
  const state: RowState[] = rows.map(() => 'none');
  const envelopes: OrderEvent['envelope'][] = [];
  const owners: { row: number; refund: boolean }[] = [];
  const roundedInRow: number[] = rows.map(() => 0);
  rows.forEach((r, i) => {
    const m = orderRowEvents(r.values, ctx);
    if (!m.ok) {
      state[i] = 'rejected';
      for (const p of m.problems) problems.push({ line: r.line, ...p });
      return;
    }
    roundedInRow[i] = m.rounded;
    for (const e of m.events) {
      envelopes.push(e.envelope);
      owners.push({ row: i, refund: e.refund });
    }
  });
  if (envelopes.length > 0) {
    // One transaction for the whole batch: a kill leaves the batch fully in or fully out.
    const res = await ingestEvents(ctx.db, ctx.workspaceId, envelopes, {
      source: 'import', actor: ctx.actor, now: ctx.now, place: false, chunkSize: envelopes.length,
    });
    for (const x of res.rejected) {
      const o = owners[x.index]!;
      const row = rows[o.row]!;
      state[o.row] = 'rejected';
      const { path, rest } = splitReason(x.reason);
      const column = columnOfReason(path, rest, o.refund);
      problems.push({ line: row.line, column, value: column === '' || column === IDENTITY_LABEL ? '' : row.values[column], reason: column === '' ? x.reason : rest });
    }
    for (const a of res.accepted) {
      const o = owners[a.index]!;
      if (state[o.row] !== 'rejected') state[o.row] = 'accepted';
    }
    for (const d of res.duplicates) {
      const o = owners[d.index]!;
      if (state[o.row] === 'none') state[o.row] = 'duplicate';
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    landed: state.filter((s) => s === 'accepted').length,
    unchanged: state.filter((s) => s === 'duplicate').length,
    rejected: state.filter((s) => s === 'rejected').length,
    rounded: roundedInRow.reduce((sum, n, i) => sum + (state[i] === 'accepted' ? n : 0), 0),
    problems,
  };
}
