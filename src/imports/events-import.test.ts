import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { importFile } from './index.ts';
import { tempFiles, type TempFiles } from './test-files.ts';

let store: TestStore;
let files: TempFiles;
const now = Date.parse('2026-12-01T00:00:00Z');
const ws = 'events-import';

before(async () => {
  store = await openTestStore();
  files = tempFiles();
  await ensureWorkspace(store.db, { workspaceId: ws });
});
after(async () => {
  await store.close();
  files.remove();
});

const line = (o: object) => JSON.stringify(o);

test('an NDJSON file lands its good events; bad JSON and rejected events are reported by line; repeats count as unchanged', async () => {
  const content = [
    line({ id: 'e1', type: 'contact.added', occurredAt: '2026-11-01T10:00:00+08:00', customer: { externalUserId: 'wm1', phone: '13800138000' }, staffId: 'zhang', data: { channel: 'qr' } }),
    '',
    '{"id": "e2", "type": "order.paid", ',
    line({ id: 'e3', type: 'order.paid', occurredAt: '2026-11-02T10:00:00+08:00', customer: { phone: '13800138000' }, data: { orderId: 'x1', amount: '-3' } }),
    line({ id: 'e4', type: 'order.paid', occurredAt: '2026-11-02T10:00:00+08:00', customer: { phone: '13800138000' }, data: { orderId: 'x2', amount: '88.80' } }),
    line({ id: 'e5', type: 'moment.liked', occurredAt: '2026-11-03T10:00:00+08:00', customer: {}, data: { momentId: 'm1' } }),
    line({ id: 'e4', type: 'order.paid', occurredAt: '2026-11-02T10:00:00+08:00', customer: { phone: '13800138000' }, data: { orderId: 'x2', amount: '88.80' } }),
    '',
  ].join('\r\n');
  const path = files.write('events.ndjson', `\uFEFF${content}`);
  const s = await importFile(store.db, { kind: 'events', path, workspaceId: ws, now, batchSize: 3 });
  assert.deepEqual([s.rowsRead, s.rowsLanded, s.rowsUnchanged, s.rowsRejected], [6, 2, 1, 3]);
  assert.deepEqual(files.report(s.errorReport!).map((r) => [r[0], r[1], r[2], r[3]!.slice(0, 20)]), [
    ['3', '', '{"id": "e2", "type": "order.paid", ', 'not valid JSON: Expe'],
    ['4', 'data.amount', '-3', 'must not be negative'],
    ['6', 'customer', '{}', 'missing identity: gi'],
  ]);
  const [agg] = await store.db.query<{ paid_fen: number; added_channel: string }>(
    `SELECT a.paid_fen, a.added_channel FROM customer_aggregates a JOIN customer_identities i USING (workspace_id, customer_id)
     WHERE a.workspace_id = $1 AND i.kind = 'external_user_id' AND i.value = 'wm1'`, [ws]);
  assert.deepEqual(agg, { paid_fen: 8880, added_channel: 'qr' });
  const sources = await store.db.query<{ source: string }>(`SELECT DISTINCT source FROM events WHERE workspace_id = $1`, [ws]);
  assert.deepEqual(sources, [{ source: 'import' }]);

  const again = await importFile(store.db, { kind: 'events', path, workspaceId: ws, now });
  assert.deepEqual([again.rowsLanded, again.rowsUnchanged, again.rowsRejected], [0, 3, 3]);
  const [{ n }] = (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1`, [ws])) as [{ n: number }];
  assert.equal(n, 2);
});

test('an events file with no events is refused', async () => {
  await assert.rejects(importFile(store.db, { kind: 'events', path: files.write('blank.ndjson', '\n  \n\n'), workspaceId: ws, now }), /blank\.ndjson is empty: expected one JSON event per line/);
  await assert.rejects(importFile(store.db, { kind: 'events', path: files.write('blank-long.ndjson', `${' '.repeat(70_000)}\n\n`), workspaceId: ws, now }), /no events in the file/);
});
