import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import type { Db } from '../store/db.ts';
import { createCategory, createGroup, createTag, tagCustomers, untagCustomers } from '../tags/index.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { drainSignals, listRuleRuns, processSignals, saveRule, setRuleEnabled, deleteRule, replayRule } from './index.ts';

// One store for the file (migrations are the slow part); each test has a workspace of its own.
let store: TestStore;
before(async () => { store = await openTestStore(); });
after(async () => { await store.close(); });
let WS = 'auto';
let n = 0;
const T0 = Date.parse('2026-11-20T02:00:00Z');
const staff = { kind: 'staff' as const, id: 'li' };

async function setup(): Promise<{ db: Db; close: () => Promise<void> }> {
  WS = `auto-${++n}`;
  await ensureWorkspace(store.db, { workspaceId: WS });
  await createCategory(store.db, WS, '兴趣', staff);
  await createGroup(store.db, WS, { name: '商品兴趣', category: '兴趣' }, staff);
  for (const t of ['商品A', '商品B', '商品C']) await createTag(store.db, WS, '商品兴趣', t, staff);
  return { db: store.db, close: async () => {} };
}

const viewed = (id: string, who: string, data: Record<string, unknown>) => ({
  id, type: 'content.viewed', occurredAt: '2026-11-20T09:00:00+08:00', customer: { externalUserId: who }, staffId: 'zhang', data,
});

async function tagsOf(db: Db, customerId: number): Promise<string[]> {
  const rows = await db.query<{ path: string; source: string; source_id: string | null }>(
    `SELECT g.name || '/' || t.name AS path, ct.source, ct.source_id FROM customer_tags ct
     JOIN tags t ON t.workspace_id = ct.workspace_id AND t.tag_id = ct.tag_id JOIN tag_groups g ON g.workspace_id = t.workspace_id AND g.group_id = t.group_id
     WHERE ct.workspace_id = $1 AND ct.customer_id = $2 AND ct.source <> 'system' ORDER BY 1`, [WS, customerId]);
  return rows.map((r) => `${r.path}(${r.source}:${r.source_id})`);
}

const signals = async (db: Db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM automation_signals WHERE workspace_id = $1`, [WS]))[0]!.n;

test('an event matching a rule tags the customer once; duplicates and replays add nothing', async () => {
  const { db, close } = await setup();
  try {
    const { rule } = await saveRule(db, WS, {
      name: '看了A的文章', enabled: true,
      trigger: { kind: 'event', event: 'content.viewed', where: { any: [{ field: 'contentId', in: ['art-A'] }, { field: 'productIds', contains: 'A' }] } },
      actions: [{ type: 'tag', tag: '商品兴趣/商品A' }],
    }, staff);
    const r = await ingestEvents(db, WS, [
      viewed('e1', 'wm-1', { contentId: 'art-9', productIds: ['A'] }),
      viewed('e2', 'wm-2', { contentId: 'art-B', productIds: ['B'] }),
    ], { now: T0 });
    assert.equal(await signals(db), 2);
    const out = await drainSignals(db, { now: T0, workspaceId: WS });
    assert.equal(out.fired, 1);
    const [c1, c2] = r.accepted.map((a) => a.customerId) as [number, number];
    assert.deepEqual(await tagsOf(db, c1), [`商品兴趣/商品A(rule:${rule.ruleId})`]);
    assert.deepEqual(await tagsOf(db, c2), []);
    // The same event again is a duplicate: no signal, nothing new.
    await ingestEvents(db, WS, [viewed('e1', 'wm-1', { contentId: 'art-9', productIds: ['A'] })], { now: T0 });
    assert.equal(await signals(db), 0);
    // A replay of the day finds the firing already made.
    await untagCustomers(db, WS, { customerIds: [c1], tag: '商品兴趣/商品A', source: 'staff', actor: staff });
    await drainSignals(db, { now: T0, workspaceId: WS });
    const replay = await replayRule(db, WS, rule.ruleId, { from: new Date(T0 - 86_400_000), to: new Date(T0 + 86_400_000) }, { now: T0 });
    assert.equal(replay.triggered, 1);
    assert.equal(replay.fired, 0);
    assert.deepEqual(await tagsOf(db, c1), []);
  } finally {
    await close();
  }
});

test('no enabled rule cares: ingest writes no signals', async () => {
  const { db, close } = await setup();
  try {
    const { rule } = await saveRule(db, WS, {
      name: 'r', enabled: false, trigger: { kind: 'event', event: 'content.viewed' }, actions: [{ type: 'tag', tag: '商品兴趣/商品A' }],
    }, staff);
    await ingestEvents(db, WS, [viewed('e1', 'wm-1', { contentId: 'x' })], { now: T0 });
    assert.equal(await signals(db), 0);
    await setRuleEnabled(db, WS, rule.ruleId, true);
    await ingestEvents(db, WS, [viewed('e2', 'wm-1', { contentId: 'x' })], { now: T0 });
    assert.equal(await signals(db), 1);
    await deleteRule(db, WS, 'r');
    await ingestEvents(db, WS, [viewed('e3', 'wm-1', { contentId: 'x' })], { now: T0 });
    assert.equal(await signals(db), 1);
  } finally {
    await close();
  }
});

test('cascades follow tag changes, and a cycle is reported instead of looping', async () => {
  const { db, close } = await setup();
  try {
    const rule = async (name: string, trigger: unknown, actions: unknown[]) =>
      (await saveRule(db, WS, { name, enabled: true, trigger, actions }, staff)).rule.ruleId;
    const r1 = await rule('A→B', { kind: 'tagAdded', tag: '商品兴趣/商品A' }, [{ type: 'tag', tag: '商品兴趣/商品B' }]);
    const r2 = await rule('B→C', { kind: 'tagAdded', tag: '商品兴趣/商品B' }, [{ type: 'tag', tag: '商品兴趣/商品C' }, { type: 'untag', tag: '商品兴趣/商品A' }]);
    const r3 = await rule('A gone→A', { kind: 'tagRemoved', tag: '商品兴趣/商品A' }, [{ type: 'tag', tag: '商品兴趣/商品A' }]);
    const [c] = (await ingestEvents(db, WS, [viewed('e1', 'wm-1', { contentId: 'x' })], { now: T0 })).accepted.map((a) => a.customerId) as [number];
    await tagCustomers(db, WS, { customerIds: [c], tag: '商品兴趣/商品A', source: 'staff', actor: staff, now: new Date(T0) });
    let t = T0;
    for (let i = 0; i < 10; i++) await processSignals(db, { now: (t += 1000), workspaceId: WS });
    assert.equal(await signals(db), 0, 'the cascade ended');
    assert.deepEqual(await tagsOf(db, c), [`商品兴趣/商品A(rule:${r3})`, `商品兴趣/商品B(rule:${r1})`, `商品兴趣/商品C(rule:${r2})`]);
    const cycles = await listRuleRuns(db, WS, { status: 'cycle' });
    assert.equal(cycles.length, 1);
    assert.deepEqual(cycles[0]!.details.chain, [r1, r2, r3, r1]);
    assert.equal(cycles[0]!.ruleId, r1);
  } finally {
    await close();
  }
});

test('a batch that fails is retried whole: nothing lost, nothing done twice', async () => {
  const { db, close } = await setup();
  try {
    await saveRule(db, WS, {
      name: 'tag A', enabled: true, trigger: { kind: 'event', event: 'content.viewed' }, actions: [{ type: 'tag', tag: '商品兴趣/商品A' }],
    }, staff);
    await ingestEvents(db, WS, [viewed('e1', 'wm-1', { contentId: 'x' }), viewed('e2', 'wm-2', { contentId: 'x' })], { now: T0 });
    await db.exec(`CREATE FUNCTION fail_firing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated crash' USING ERRCODE = '40001'; END $$;
      CREATE TRIGGER fail_firing BEFORE INSERT ON rule_firings FOR EACH ROW EXECUTE FUNCTION fail_firing();`);
    await assert.rejects(processSignals(db, { now: T0, workspaceId: WS }), /simulated crash/);
    assert.equal(await signals(db), 2);
    await db.exec(`DROP TRIGGER fail_firing ON rule_firings; DROP FUNCTION fail_firing();`);
    const out = await drainSignals(db, { now: T0, workspaceId: WS });
    assert.equal(out.fired, 2);
    const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rule_firings WHERE workspace_id = $1`, [WS]);
    assert.equal(count!.n, 2);
  } finally {
    await close();
  }
});

test('a rule whose action fails is reported and the others still fire', async () => {
  const { db, close } = await setup();
  try {
    await saveRule(db, WS, { name: 'ok', enabled: true, trigger: { kind: 'event', event: 'content.viewed' }, actions: [{ type: 'tag', tag: '商品兴趣/商品A' }] }, staff);
    const { rule: bad } = await saveRule(db, WS, { name: 'bad', enabled: true, trigger: { kind: 'event', event: 'content.viewed' }, actions: [{ type: 'tag', tag: '商品兴趣/商品B' }] }, staff);
    await db.query(`DELETE FROM tags WHERE workspace_id = $1 AND name = '商品B'`, [WS]);
    await ingestEvents(db, WS, [viewed('e1', 'wm-1', { contentId: 'x' })], { now: T0 });
    const out = await drainSignals(db, { now: T0, workspaceId: WS });
    assert.deepEqual({ fired: out.fired, errors: out.errors }, { fired: 1, errors: 1 });
    const errors = await listRuleRuns(db, WS, { status: 'error' });
    assert.equal(errors[0]!.ruleId, bad.ruleId);
    assert.match(String(errors[0]!.details.message), /商品B/);
  } finally {
    await close();
  }
});

test('rule files: unknown tags are named by field; updates are versioned', async () => {
  const { db, close } = await setup();
  try {
    await assert.rejects(
      saveRule(db, WS, { name: 'x', trigger: { kind: 'event', event: 'order.paid' }, actions: [{ type: 'tag', tag: '商品兴趣/商品A' }, { type: 'tag', tag: 'x/y' }] }, staff),
      (err: Error) => err.message.includes('actions[1].tag: unknown tag "x/y"'),
    );
    await assert.rejects(
      saveRule(db, WS, { name: 'x', trigger: { kind: 'event', event: 'order.paid' }, actions: [{ type: 'tag', tag: '信任等级/L3 认同我的人' }] }, staff),
      /actions\[0\]\.tag: "信任等级\/L3 认同我的人" is set by the segmentation models/,
    );
    const def = { name: 'v', trigger: { kind: 'event', event: 'order.paid' }, actions: [{ type: 'tag', tag: '商品兴趣/商品A' }] };
    assert.equal((await saveRule(db, WS, def, staff)).status, 'created');
    assert.equal((await saveRule(db, WS, def, staff)).status, 'unchanged');
    const v2 = await saveRule(db, WS, { ...def, actions: [{ type: 'tag', tag: '商品兴趣/商品B' }] }, staff);
    assert.deepEqual([v2.status, v2.rule.version], ['updated', 2]);
  } finally {
    await close();
  }
});
