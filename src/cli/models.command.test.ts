/**
 * The model commands as a user runs them: the real CLI in a child process, against the
 * embedded store in a temporary directory (seeded in-process first).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestEvents } from '../events/index.ts';
import { DEFAULT_MODEL_CONFIG } from '../models/index.ts';
import { openStore } from '../store/open.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runSiyu } from './testing.ts';
import { flattenConfig, setConfigPath } from './models.command.ts';

test('--key PATH=VALUE reads numbers, lists, JSON and event-type keys', () => {
  const cases: [string, string, unknown][] = [
    ['trust.l2ChatRounds=4', 'trust.l2ChatRounds', 4],
    ['rfm.method=quintile', 'rfm.method', 'quintile'],
    ['trust.intentKeywords=多少钱, 价格，有货吗', 'trust.intentKeywords', ['多少钱', '价格', '有货吗']],
    ['lifecycle.paths=sales', 'lifecycle.paths', ['sales']],
    ['engagement.points.order.paid=12', 'engagement.points.order.paid', 12],
    ['engagement.points.message.sent=1', 'engagement.points.message.sent', 1],
    ['rfm.fixed={"r":30,"f":2,"m":500}', 'rfm.fixed.r', 30],
    ['rfm.fixed.m=800', 'rfm.fixed.m', 800],
    ['trust.l5MonetaryTopShare=0.1', 'trust.l5MonetaryTopShare', 0.1],
  ];
  for (const [assignment, path, expected] of cases) {
    const config = structuredClone(DEFAULT_MODEL_CONFIG) as unknown as Record<string, unknown>;
    setConfigPath(config, assignment);
    const flat = flattenConfig(config);
    assert.equal(flat.get(path), Array.isArray(expected) ? expected.join(',') : String(expected), assignment);
  }
  for (const [bad, message] of [['trust.l2ChatRounds', /PATH=VALUE/], ['trust..x=1', /not a setting path/], ['rfm.method.x=1', /single setting/], ['rfm.fixed={r:1}', /not valid JSON/]] as const) {
    assert.throws(() => setConfigPath(structuredClone(DEFAULT_MODEL_CONFIG) as unknown as Record<string, unknown>, bad), message);
  }
});

const dir = mkdtempSync(join(tmpdir(), 'siyu-models-cli-'));
const dataDir = join(dir, 'data');
const ws = 'default';
let asked = 0;

before(async () => {
  const store = await openStore({ dataDir }, 'test seed');
  try {
    await ensureWorkspace(store.db, { workspaceId: ws });
    const at = (m: number) => new Date(Date.now() - 86_400_000 + m * 60_000).toISOString();
    const r = await ingestEvents(store.db, ws, [
      { id: 'e1', type: 'contact.added', occurredAt: at(0), customer: { externalUserId: 'wm-1' }, data: {} },
      { id: 'e2', type: 'contact.added', occurredAt: at(1), customer: { externalUserId: 'wm-2' }, data: {} },
      { id: 'e3', type: 'message.received', occurredAt: at(2), customer: { externalUserId: 'wm-2' }, data: { conversationId: 'c', text: '有货吗？' } },
      { id: 'e4', type: 'order.paid', occurredAt: at(3), customer: { phone: '13700000000' }, data: { orderId: 'o1', amount: 88 } },
    ]);
    assert.deepEqual(r.rejected, []);
    asked = r.accepted[1]!.customerId;
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const siyu = (...args: string[]) => runSiyu(dataDir, ...args);

test('recompute, segments, config, pins and the customer record from the command line', { timeout: 120_000 }, async () => {
  const run = await siyu('recompute', '--json');
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual([JSON.parse(run.stdout).status, JSON.parse(run.stdout).customers], ['done', 3]);

  const segments = await siyu('segments');
  assert.equal(segments.code, 0, segments.stderr);
  assert.match(segments.stdout, /信任等级[\s\S]*L3 认同我的人\s+1\s+33\.3%/);
  assert.match(segments.stdout, /RFM分层[\s\S]*（无订单）no order\s+2\s+66\.7%/);

  const bad = await siyu('models', 'config', 'set', '--key', 'trust.l2ChatRounds=-1');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /trust\.l2ChatRounds/);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ trust: { intentKeywords: ['多少钱'] } }));
  const set = await siyu('models', 'config', 'set', file);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /trust\.intentKeywords: 多少钱,价格,.* → 多少钱\n/);
  assert.match(set.stdout, /recompute run \d+ done: 3 customers/);

  const pin = await siyu('customers', 'pin', String(asked), '--trust', 'L3', '--reason', '电话沟通过');
  assert.equal(pin.code, 0, pin.stderr);
  assert.match(pin.stdout, /trust: L3 认同我的人 \(pinned; computed L\d/);
  const show = await siyu('customers', 'show', String(asked));
  assert.match(show.stdout, /trust: L3 认同我的人 \(pinned; computed L\d [^)]+\)\n\s+evidence: .+\n\s+goal: .+/);
  assert.match(show.stdout, /value tier: \S+ \(computed\)/);

  const runs = await siyu('models', 'runs', '--json');
  assert.deepEqual(JSON.parse(runs.stdout).map((r: { cause: string }) => r.cause), ['config', 'recompute']);
  const future = await siyu('recompute', '--as-of', '2199-01-01');
  assert.equal(future.code, 1);
  assert.match(future.stderr, /after today/);
});
