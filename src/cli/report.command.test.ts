/**
 * siyu report … and siyu channels cost … as a user runs them: the real CLI in a child
 * process against the embedded store in a temporary directory.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestEvents } from '../events/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-report-cli-'));
const dataDir = join(dir, 'data');

before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: 'default', timeZone: 'Asia/Shanghai' });
    const add = (i: number, day: string, channel: string) =>
      ({ id: `a${i}`, type: 'contact.added', occurredAt: `2026-11-${day}T10:00:00+08:00`, customer: { externalUserId: `wm-${i}`, name: `客${i}` }, staffId: 'li', data: { channel } });
    const r = await ingestEvents(store.db, 'default', [
      add(1, '02', 'qr'), add(2, '03', 'qr'), add(3, '04', 'ad'),
      { id: 'p1', type: 'order.paid', occurredAt: '2026-11-05T10:00:00+08:00', customer: { externalUserId: 'wm-1' }, data: { orderId: 'o1', amount: '120.00' } },
      { id: 'r3', type: 'contact.removed', occurredAt: '2026-11-06T10:00:00+08:00', customer: { externalUserId: 'wm-3' }, staffId: 'li', data: { by: 'customer' } },
    ]);
    assert.deepEqual(r.rejected, []);
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('report acquisition / roi / churn / customers; channel costs; bad input named', { timeout: 180_000 }, async () => {
  const set = await siyu('channels', 'cost', 'set', 'qr', '--from', '2026-11-01', '--to', '2026-11-30', '--fixed', '60', '--traffic', '0');
  assert.equal(set.code, 0, set.stderr);
  const acq = await siyu('report', 'acquisition', '--from', '2026-11-01', '--to', '2026-11-30', '--json');
  assert.equal(acq.code, 0, acq.stderr);
  const a = JSON.parse(acq.stdout);
  assert.deepEqual([a.totals.newFollowers, a.totals.removals, a.totals.firstOrders, a.totals.revenueFen], [3, 1, 1, 12_000]);
  const csv = await siyu('report', 'acquisition', '--from', '2026-11-01', '--to', '2026-11-30', '--csv');
  assert.match(csv.stdout.split('\n')[0]!, /^channel,name,new_followers,/);
  assert.match(csv.stdout, /\nqr,,2,0,,0,2,/);
  const roi = await siyu('report', 'roi', '--from', '2026-11-01', '--to', '2026-11-30');
  assert.equal(roi.code, 0, roi.stderr);
  assert.match(roi.stdout, /qr .*¥60\.00 .*¥30\.00 .*¥120\.00 .*2\.00/);
  const churn = await siyu('report', 'churn', '--from', '2026-11-01', '--to', '2026-11-30', '--json');
  const c = JSON.parse(churn.stdout);
  assert.deepEqual([c.removals, c.items[0].name, c.items[0].tenureDays], [1, '客3', 2]);
  const why = await siyu('churn', 'reason', String(c.items[0].customerId), '员工冷漠');
  assert.equal(why.code, 0, why.stderr);
  const trend = await siyu('report', 'customers', '--model', 'customers', '--interval', 'day', '--from', '2026-11-01', '--to', '2026-11-06', '--csv');
  assert.equal(trend.code, 0, trend.stderr);
  assert.match(trend.stdout, /2026-11-01,2026-11-01,total,0|2026-11-02,2026-11-02,total,1/);
  const bad = await siyu('report', 'acquisition', '--from', '2026-02-30');
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /from: "2026-02-30" is not a date/);
  const overlap = await siyu('channels', 'cost', 'set', 'qr', '--from', '2026-11-20', '--to', '2026-12-20');
  assert.notEqual(overlap.code, 0);
  assert.match(overlap.stderr, /overlaps/);
});
