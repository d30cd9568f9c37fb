/** siyu funnel run / save as a user runs them: the real CLI on an embedded store. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestEvents } from '../events/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'siyu-funnel-cli-'));
const dataDir = join(dir, 'data');

before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: 'default', timeZone: 'Asia/Shanghai' });
    const events = [];
    // w0: view, click p1, cart, pay; w1: view, click p2; w2: view.
    const plan: [string, string, string, Record<string, unknown>][] = [
      ['w0', 'content.viewed', '10:00', { contentId: 'a1' }], ['w0', 'product.viewed', '10:02', { productId: 'p1' }],
      ['w0', 'cart.added', '10:05', { productId: 'p1' }], ['w0', 'order.paid', '10:30', { orderId: 'o1', amount: 10 }],
      ['w1', 'content.viewed', '11:00', { contentId: 'a1' }], ['w1', 'product.viewed', '11:10', { productId: 'p2' }],
      ['w2', 'content.viewed', '12:00', { contentId: 'a2' }],
    ];
    for (const [i, [who, type, time, data]] of plan.entries()) {
      events.push({ id: `e${i}`, type, occurredAt: `2026-11-03T${time}:00+08:00`, customer: { externalUserId: who }, data });
    }
    const r = await ingestEvents(store.db, 'default', events);
    assert.deepEqual(r.rejected, []);
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('funnel run prints steps, JSON and CSV; steps with predicates; save keeps a step as a segment', { timeout: 120_000 }, async () => {
  const json = await siyu('funnel', 'run', '--from', '2026-11-01', '--to', '2026-11-30', '--json');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).steps.map((s: { customers: number }) => s.customers), [3, 2, 1, 1, 0]);
  const text = await siyu('funnel', 'run', '--from', '2026-11-01', '--to', '2026-11-30');
  assert.match(text.stdout, /browse\s+3\s+100\.0 %/);
  const p1 = await siyu('funnel', 'run', '--from', '2026-11-01', '--to', '2026-11-30', '--step', 'content.viewed', '--step', 'product.viewed:productId=p1', '--csv');
  assert.equal(p1.code, 0, p1.stderr);
  assert.deepEqual(p1.stdout.trim().split('\n').map((l) => l.split(',')[4]), ['customers', '3', '1']);
  const bad = await siyu('funnel', 'run', '--from', '2026-11-01', '--to', '2026-11-30', '--step', 'content.viewed', '--step', 'page.opened');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--step 2: unknown event type/);
  const saved = await siyu('funnel', 'save', '--from', '2026-11-01', '--to', '2026-11-30', '--at', '2', '--dropped', '--name', '点击未加购', '--json');
  assert.equal(saved.code, 0, saved.stderr);
  assert.equal(JSON.parse(saved.stdout).customers, 1);
  const help = await siyu('funnel', 'run', '--help');
  assert.match(help.stdout, /--window-hours/);
});
