/**
 * siyu clv fit / predict as a user runs them: the real CLI in a child process, against the
 * embedded store in a temporary directory (orders seeded in-process first).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestEvents } from '../events/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-clv-cli-'));
const dataDir = join(dir, 'data');

before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: 'default', timeZone: 'Asia/Shanghai' });
    const events = [];
    // Five customers; c0 and c1 buy again (c1 twice on one day: one transaction), c2 buys only after the calibration end.
    const orders: [string, string, number][] = [
      ['c0', '2026-01-05', 100], ['c0', '2026-02-05', 120], ['c0', '2026-03-05', 80],
      ['c1', '2026-01-10', 50], ['c1', '2026-02-10', 40], ['c1', '2026-02-10', 10],
      ['c2', '2026-05-01', 70], ['c3', '2026-01-20', 30], ['c4', '2026-02-01', 0],
    ];
    for (const [i, [who, day, amount]] of orders.entries()) {
      events.push({ id: `o${i}`, type: 'order.paid', occurredAt: `${day}T12:00:00+08:00`, customer: { externalUserId: who }, data: { orderId: `o${i}`, amount } });
    }
    const r = await ingestEvents(store.db, 'default', events);
    assert.deepEqual(r.rejected, []);
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('clv fit prints the parameters; predict writes one row per customer; bad options are named', { timeout: 120_000 }, async () => {
  const fit = await siyu('clv', 'fit', '--calibration-end', '2026-03-31', '--json');
  assert.equal(fit.code, 0, fit.stderr);
  const f = JSON.parse(fit.stdout);
  assert.deepEqual(Object.keys(f.bgnbd), ['r', 'alpha', 'a', 'b', 'logLikelihood']);
  assert.deepEqual(Object.keys(f.gammaGamma), ['p', 'q', 'v']);
  assert.deepEqual([f.customers, f.repeatCustomers, f.unit], [4, 2, 'week']);

  const text = await siyu('clv', 'fit', '--calibration-end', '2026-03-31', '--unit', 'day');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /fitted on 4 customers \(2 repeat\), orders up to 2026-03-31, time in days/);

  const csv = join(dir, 'p.csv');
  const predict = await siyu('clv', 'predict', '--horizon', '26', '--calibration-end', '2026-03-31', '--csv', csv);
  assert.equal(predict.code, 0, predict.stderr);
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'customer_id,external_user_ids,union_ids,phones,buyer_ids,x,t_x,T,expected_purchases,p_alive,expected_spend,clv');
  assert.equal(lines.length, 5);
  const c1 = lines.find((l) => l.includes(',c1,'))!.split(',');
  assert.deepEqual([c1[5], c1[6]], ['1', String(31 / 7)], 'same-day orders are one transaction; t_x in weeks');

  const json = await siyu('clv', 'predict', '--horizon', '26', '--calibration-end', '2026-03-31', '--json');
  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout).predictions;
  assert.equal(rows.length, 4);
  for (const r of rows) assert.ok(r.p_alive >= 0 && r.p_alive <= 1 && r.clv >= 0);

  for (const [args, message] of [
    [['clv', 'fit', '--unit', 'month'], /unit "month" is not day or week/],
    [['clv', 'fit', '--calibration-end', '2026-13-01'], /calibration end "2026-13-01" is not a date/],
    [['clv', 'predict', '--horizon', '-1'], /--horizon "-1" must be a positive number/],
  ] as const) {
    const bad = await siyu(...args);
    assert.equal(bad.code, 1, args.join(' '));
    assert.match(bad.stderr, message);
  }
});
