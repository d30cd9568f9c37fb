/**
 * The path for shops without webhooks: an export of order statuses, read as a stream and
 * applied exactly like webhook deliveries (same state, same event ids), so a file and a
 * webhook for the same order never count twice. Problems go to <file>.errors.csv with
 * line, column, value and reason; good rows land regardless.
 */
import { basename } from 'node:path';
import type { Actor } from '../customers/index.ts';
import { csvRecords, ErrorReport, openTextSource, readHeader, rowValues, type CsvSpec, type RowProblem } from '../imports/index.ts';
import { parseTimestamp } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { parseOrderUpdate, type OrderUpdate } from './order-update.ts';
import { checkSourceId } from './sources.ts';
import { applyOrderUpdates } from './webhook.ts';

export const SHOP_ORDER_COLUMNS = [
  'order_id', 'status', 'amount', 'refunded_amount', 'paid_at', 'refunded_at', 'phone', 'union_id', 'buyer_id', 'external_user_id', 'name',
] as const;
type Column = (typeof SHOP_ORDER_COLUMNS)[number];

const SPEC: CsvSpec<Column> = {
  label: 'shop order',
  columns: SHOP_ORDER_COLUMNS,
  required: ['order_id', 'status', 'amount', 'paid_at'],
  check: (present) =>
    ['phone', 'union_id', 'buyer_id', 'external_user_id'].some((c) => present.has(c as Column))
      ? undefined
      : 'the header needs at least one identity column: phone, union_id, buyer_id or external_user_id',
};

/** Maps schema paths back to the file's columns for the error report. */
const COLUMN_OF: Record<string, Column> = {
  orderId: 'order_id', status: 'status', amount: 'amount', refundedAmount: 'refunded_amount', paidAt: 'paid_at', refundedAt: 'refunded_at',
  phone: 'phone', unionId: 'union_id', buyerId: 'buyer_id', externalUserId: 'external_user_id', name: 'name',
};

export interface ShopFileSummary {
  file: string;
  rowsRead: number;
  applied: number;
  unchanged: number;
  rejected: number;
  unknownColumns: string[];
  errorReport: string | undefined;
}

export async function importShopOrders(
  db: Db,
  workspaceId: string,
  source: string,
  path: string,
  opts: { now: number; actor: Actor; batch?: number },
): Promise<ShopFileSummary> {
  checkSourceId(source);
  const ws = await requireWorkspace(db, workspaceId);
  const text = await openTextSource(path, 'a header row: order_id,status,amount,paid_at,phone,…');
  const report = new ErrorReport(`${path}.errors.csv`);
  const summary: ShopFileSummary = { file: basename(path), rowsRead: 0, applied: 0, unchanged: 0, rejected: 0, unknownColumns: [], errorReport: undefined };
  const skips: RowProblem[] = [];
  let header: ReturnType<typeof readHeader<Column>> | undefined;
  let pending: { line: number; update: OrderUpdate; row: Record<Column, string> }[] = [];
  const batch = opts.batch ?? 500;

  const flush = async () => {
    if (pending.length === 0) return;
    const outcomes = await applyOrderUpdates(db, workspaceId, source, pending.map((p) => p.update), { now: opts.now, actor: opts.actor, via: 'import' });
    const problems: RowProblem[] = [];
    outcomes.forEach((o, i) => {
      if (o.outcome === 'applied') summary.applied++;
      else if (o.outcome === 'unchanged') summary.unchanged++;
      else {
        summary.rejected++;
        problems.push({ line: pending[i]!.line, column: 'order_id', value: pending[i]!.row.order_id, reason: o.error ?? 'rejected' });
      }
    });
    await report.write(problems);
    pending = [];
  };

  for await (const record of csvRecords(text.stream, (s) => skips.push({ line: s.line, column: '', value: '', reason: s.reason }))) {
    if (!header) {
      header = readHeader(SPEC, record.fields, summary.file);
      summary.unknownColumns = header.unknown;
      continue;
    }
    summary.rowsRead++;
    const row = rowValues(header, SHOP_ORDER_COLUMNS, record.fields);
    const problems: RowProblem[] = [];
    const garbled = record.fields.findIndex((f) => f.includes('\uFFFD'));
    if (garbled >= 0) {
      // Bytes the decoder could not read: reported, never applied garbled.
      summary.rejected++;
      await report.write([{ line: record.line, column: header.names[garbled] ?? '', value: record.fields[garbled]!, reason: `is not valid ${text.encoding === 'gbk' ? 'GBK' : text.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8'} (does the file mix encodings?)` }]);
      continue;
    }
    const time = (column: 'paid_at' | 'refunded_at'): string | undefined => {
      if (row[column] === '') return undefined;
      const t = parseTimestamp(row[column], ws.timeZone);
      if (!t.ok) {
        problems.push({ line: record.line, column, value: row[column], reason: t.reason });
        return undefined;
      }
      return new Date(t.instant).toISOString();
    };
    const candidate = {
      orderId: row.order_id, status: row.status.toLowerCase(), amount: row.amount, paidAt: time('paid_at'),
      ...(row.refunded_amount ? { refundedAmount: row.refunded_amount } : {}),
      ...(row.refunded_at ? { refundedAt: time('refunded_at') } : {}),
      ...(row.phone ? { phone: row.phone } : {}), ...(row.union_id ? { unionId: row.union_id } : {}),
      ...(row.buyer_id ? { buyerId: row.buyer_id } : {}), ...(row.external_user_id ? { externalUserId: row.external_user_id } : {}),
      ...(row.name ? { name: row.name } : {}),
    };
    if (problems.length === 0) {
      const parsed = parseOrderUpdate(candidate);
      if (parsed.ok) {
        pending.push({ line: record.line, update: parsed.update, row });
        if (pending.length >= batch) await flush();
        continue;
      }
      for (const p of parsed.problems) {
        const [field, ...rest] = p.split(': ');
        const column = COLUMN_OF[field ?? ''] ?? 'row';
        problems.push({ line: record.line, column, value: column === 'row' ? '' : row[column as Column] ?? '', reason: rest.join(': ') || p });
      }
    }
    summary.rejected++;
    await report.write(problems);
  }
  await flush();
  await report.write(skips);
  summary.rejected += skips.length;
  await report.close();
  summary.errorReport = report.count > 0 ? report.path : undefined;
  return summary;
}
