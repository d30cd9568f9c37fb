import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Db } from '../store/db.ts';
import { importFile } from '../imports/index.ts';

/** Write an orders.csv of `rows` rows over `customers` buyers (streamed, flat memory). */
export async function writeOrdersCsv(path: string, rows: number, customers: number): Promise<void> {
  const out = createWriteStream(path);
  const put = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await put('order_id,paid_at,amount,refunded_amount,platform,buyer_id,external_user_id,union_id,phone,product_ids\n');
  const start = Date.parse('2026-01-01T00:00:00Z');
  let line = '';
  for (let n = 0; n < rows; n++) {
    const c = (n * 7919) % customers;
    const paid = new Date(start + ((n * 104_729) % (300 * 86_400)) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    const yuan = 10 + ((n * 31) % 990);
    const refund = n % 40 === 0 ? `${Math.floor(yuan / 2)}.00` : '';
    const identity = c % 3 === 0 ? `,,,,138${String(c).padStart(8, '0')}` : c % 3 === 1 ? `youzan,yz-${c},,,` : `,,wm-${c},,`;
    line += `B${n},${paid},${yuan}.${String(n % 100).padStart(2, '0')},${refund},${identity},p${n % 50}|p${(n + 7) % 50}\n`;
    if (n % 1000 === 999) {
      await put(line);
      line = '';
    }
  }
  await put(line);
  out.end();
  await once(out, 'finish');
}

export async function benchImport(db: Db, workspaceId: string, path: string) {
  const summary = await importFile(db, { kind: 'orders', path, workspaceId, errorsPath: `${path}.errors.csv`, batchSize: 5000 });
  const seconds = summary.elapsedMs / 1000;
  return {
    seconds,
    perSecond: summary.rowsRead / seconds,
    note: `${summary.rowsLanded} landed, ${summary.rowsRejected} rejected, batches of 5000`,
  };
}
