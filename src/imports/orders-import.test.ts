import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { importFile, type ImportOptions } from './index.ts';
import { tempFiles, type TempFiles } from './test-files.ts';

let store: TestStore;
let files: TempFiles;
const now = Date.parse('2026-12-01T00:00:00Z');

before(async () => {
  store = await openTestStore();
  files = tempFiles();
});
after(async () => {
  await store.close();
  files.remove();
});

async function workspace(id: string, timeZone = 'Asia/Shanghai'): Promise<string> {
  await ensureWorkspace(store.db, { workspaceId: id, timeZone });
  return id;
}

const run = (workspaceId: string, path: string, more: Partial<ImportOptions> = {}) =>
  importFile(store.db, { kind: 'orders', path, workspaceId, now, ...more });

const orders = (ws: string) =>
  store.db.query<{ order_id: string; amount_fen: number; refunded_fen: number; customer_id: number; paid_at: Date; product_ids: string[] }>(
    `SELECT order_id, amount_fen, refunded_fen, customer_id, paid_at, product_ids FROM orders WHERE workspace_id = $1 ORDER BY order_id`, [ws]);

test('a malformed orders file lands its good rows and lists each bad row with its line, column, value and reason', async () => {
  const ws = await workspace('orders-malformed');
  const path = files.write('malformed.csv', [
    'Order_ID , paid_at,amount,refunded_amount,phone,buyer_id,platform,product_ids,note',
    'o1,2026-11-01,100.00,,13800138000,,,p1|p2,first',
    'o2,2026-11-31,10,,13800138000,,,,bad date',
    'o3,2026-11-02,-5,,13800138000,,,,negative',
    'o4,2026-11-02,10,10.01,13800138000,,,,refund too big',
    'o5,2026-11-02,10,,,,,,no identity',
    'o6,2026-11-02,10',
    '"o7",2026-11-03 09:30,20.50,0.50,,b-7,youzan,,"two',
    'lines"',
    'o8,2027-02-01,1,,13800138000,,,,future',
    'o9,2026-11-04,30,,,b-9,,,buyer without platform',
    'o10,2026-11-05,1.234,,13800138000,,,,three decimals',
    '',
  ].join('\n'));
  const s = await run(ws, path);
  assert.equal(s.rowsRead, 10);
  assert.equal(s.rowsLanded, 2);
  assert.equal(s.rowsRejected, 8);
  assert.deepEqual(s.unknownColumns, ['note']);
  assert.equal(s.errorReport, `${path}.errors.csv`);
  assert.deepEqual(files.report(s.errorReport!).map(([line, column, value, reason]) => [line, column, value, reason!.slice(0, 30)]), [
    ['3', 'paid_at', '2026-11-31', '"2026-11-31" is not a calendar'],
    ['4', 'amount', '-5', 'must not be negative'],
    ['5', 'refunded_amount', '10.01', 'is more than the amount 10.00'],
    ['6', 'external_user_id/union_id/phone/buyer_id', '', 'missing identity: give at leas'],
    ['7', '', 'o6,2026-11-02,10', 'has 3 fields; the header has 9'],
    ['10', 'paid_at', '2027-02-01', 'is in the future'],
    ['11', 'buyer_id', 'b-9', 'needs a platform: buyer ids ar'],
    ['12', 'amount', '1.234', '"1.234" is not an amount in yu'],
  ]);
  assert.deepEqual((await orders(ws)).map((o) => [o.order_id, o.amount_fen, o.refunded_fen, o.product_ids]), [
    ['o1', 10000, 0, ['p1', 'p2']],
    ['o7', 2050, 50, []],
  ]);
  const [runRow] = await store.db.query<Record<string, unknown>>(`SELECT * FROM import_runs WHERE workspace_id = $1`, [ws]);
  assert.equal(runRow!.status, 'done');
  assert.equal(runRow!.kind, 'orders');
  assert.deepEqual([runRow!.rows_read, runRow!.rows_ok, runRow!.rows_duplicate, runRow!.rows_rejected], [10, 2, 0, 8]);
  assert.ok(runRow!.finished_at instanceof Date);
});

test('importing the same file twice lands nothing the second time and leaves the aggregates as they were', async () => {
  const ws = await workspace('orders-twice');
  const lines = ['order_id,paid_at,amount,refunded_amount,external_user_id'];
  for (let i = 0; i < 250; i++) lines.push(`t${i},2026-10-${String(1 + (i % 28)).padStart(2, '0')},${i + 1}.${i % 10}0,${i % 7 === 0 ? '0.10' : ''},wm${i % 40}`);
  // The same order twice in one file is one order.
  lines.push('t1,2026-10-02,1.10,,wm1');
  const path = files.write('twice.csv', lines.join('\r\n'));
  const snapshot = async () => ({
    orders: await orders(ws),
    aggregates: await store.db.query(`SELECT * FROM customer_aggregates WHERE workspace_id = $1 ORDER BY customer_id`, [ws]),
    events: await store.db.query(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1`, [ws]),
  });
  const first = await run(ws, path, { batchSize: 64 });
  assert.deepEqual([first.rowsRead, first.rowsLanded, first.rowsUnchanged, first.rowsRejected], [251, 250, 1, 0]);
  assert.equal(first.errorReport, null);
  const afterFirst = await snapshot();
  assert.equal(afterFirst.orders.length, 250);
  const [totals] = await store.db.query<{ paid: number; refunded: number; n: number }>(
    `SELECT sum(paid_fen)::bigint AS paid, sum(refunded_fen)::bigint AS refunded, sum(paid_orders)::int AS n FROM customer_aggregates WHERE workspace_id = $1`, [ws]);
  const expected = afterFirst.orders.reduce((a, o) => a + o.amount_fen - o.refunded_fen, 0);
  assert.equal(totals!.paid, expected);
  assert.equal(totals!.n, 250);

  const second = await run(ws, path, { batchSize: 100 });
  assert.deepEqual([second.rowsRead, second.rowsLanded, second.rowsUnchanged, second.rowsRejected], [251, 0, 251, 0]);
  assert.deepEqual(await snapshot(), afterFirst);
});

test('an order with only a phone number lands on the WeCom friend who has that phone', async () => {
  const ws = await workspace('orders-phone');
  const friend = await ingestEvents(store.db, ws, [{
    id: 'add-1', type: 'contact.added', occurredAt: '2026-10-01T10:00:00+08:00',
    customer: { externalUserId: 'wm-wang', phone: '+86 138 0013 8000', name: '王芳' }, staffId: 'zhang',
  }], { now });
  const friendId = friend.accepted[0]!.customerId;
  const path = files.write('phone.csv', 'order_id,paid_at,amount,phone,platform\np1,2026-11-11 20:00,299.00,13800138000,youzan\n');
  const s = await run(ws, path);
  assert.equal(s.rowsLanded, 1);
  const [o] = await orders(ws);
  assert.equal(o!.customer_id, friendId);
  assert.equal(o!.paid_at.toISOString(), '2026-11-11T12:00:00.000Z');
  const [agg] = await store.db.query<{ paid_orders: number; paid_fen: number }>(
    `SELECT paid_orders, paid_fen FROM customer_aggregates WHERE workspace_id = $1 AND customer_id = $2`, [ws, friendId]);
  assert.deepEqual(agg, { paid_orders: 1, paid_fen: 29900 });
  const [{ n }] = (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers WHERE workspace_id = $1`, [ws])) as [{ n: number }];
  assert.equal(n, 1, 'no second customer was created');
});

test('UTF-8 with a BOM and GBK files read like plain UTF-8; paid_at is read in the workspace time zone', async () => {
  const ws = await workspace('orders-encodings', 'America/New_York');
  const csv = 'order_id,paid_at,amount,union_id,product_ids\nu1,2026-10-20 08:00,12.00,o-union-1,苹果|香蕉\n';
  const bom = await run(ws, files.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])));
  assert.equal(bom.encoding, 'utf-8-bom');
  assert.equal(bom.rowsLanded, 1);
  const gbk = await run(ws, files.write('gbk.csv', iconv.encode(csv.replace('u1', 'u2'), 'gbk')));
  assert.equal(gbk.encoding, 'gbk');
  assert.equal(gbk.rowsLanded, 1);
  const rows = await orders(ws);
  assert.deepEqual(rows.map((o) => [o.order_id, o.paid_at.toISOString(), o.product_ids]), [
    ['u1', '2026-10-20T12:00:00.000Z', ['苹果', '香蕉']],
    ['u2', '2026-10-20T12:00:00.000Z', ['苹果', '香蕉']],
  ]);
});

test('an empty file or an unusable header fails the whole file, writes no orders and records the failed run', async () => {
  const ws = await workspace('orders-unusable');
  await assert.rejects(run(ws, files.write('empty.csv', '')), /empty\.csv is empty: expected a header row/);
  await assert.rejects(run(ws, files.write('bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf]))), /is empty/);
  await assert.rejects(
    run(ws, files.write('no-amount.csv', 'order_id,paid_at,phone\no1,2026-11-01,13800138000\n')),
    /no-amount\.csv: the header has no column "amount"/,
  );
  await assert.rejects(run(ws, files.write('no-who.csv', 'order_id,paid_at,amount\no1,2026-11-01,1\n')), /at least one identity column/);
  await assert.rejects(run(ws, `${files.dir}/missing.csv`), /no such file/);
  assert.deepEqual(await orders(ws), []);
  const runs = await store.db.query<{ status: string; error: string }>(
    `SELECT status, error FROM import_runs WHERE workspace_id = $1 ORDER BY import_id`, [ws]);
  assert.equal(runs.length, 5);
  assert.ok(runs.every((r) => r.status === 'failed' && r.error.length > 0));
  assert.match(runs[2]!.error, /no column "amount"/);
});

test('--errors puts the report where asked; an unclosed quote is reported and the rows before it land', async () => {
  const ws = await workspace('orders-errors-path');
  const path = files.write('quote.csv', 'order_id,paid_at,amount,phone\nq1,2026-11-01,1,13800138000\nq2,2026-11-01,"2,13800138000\n');
  const errorsPath = `${files.dir}/custom-report.csv`;
  const s = await run(ws, path, { errorsPath });
  assert.equal(s.errorReport, errorsPath);
  assert.deepEqual([s.rowsRead, s.rowsLanded, s.rowsRejected], [2, 1, 1]);
  assert.deepEqual(files.report(errorsPath).map((r) => [r[0], r[3]]), [['3', 'a quote (") opened on this line is never closed']]);
});

test('rows past the encoding sample that are not UTF-8 are rejected, not landed garbled', async () => {
  const ws = await workspace('orders-mixed');
  const head = ['order_id,paid_at,amount,phone,platform'];
  for (let i = 0; i < 2500; i++) head.push(`m${i},2026-11-01,1.00,13800138000,youzan`);
  const gbkRow = iconv.encode('\ngbk1,2026-11-01,1.00,13800138000,有赞\n', 'gbk');
  const s = await run(ws, files.write('mixed.csv', Buffer.concat([Buffer.from(head.join('\n')), gbkRow])));
  assert.equal(s.encoding, 'utf-8');
  assert.deepEqual([s.rowsRead, s.rowsLanded, s.rowsRejected], [2501, 2500, 1]);
  const [problem] = files.report(s.errorReport!);
  assert.deepEqual([problem![0], problem![1], problem![3]], ['2502', 'platform', 'is not valid UTF-8 (does the file mix encodings? name it with --encoding)']);
});
