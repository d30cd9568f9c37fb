/**
 * `npm run bench -- automation`: the automation pipeline under load.
 * - events/s through ingest → signals → 20 active rules (tags, stage moves, tasks) → 5 SOPs;
 * - event → task visible, p50/p99, with ~1,000 events/s of background load;
 * - audience count p95 for a three-condition filter over `customers` customers;
 * - a mass-message dry run over the same customers.
 */
import type { Db } from '../store/db.ts';
import { ingestEvents } from '../events/index.ts';
import { createCategory, createGroup, createTag } from '../tags/index.ts';
import { installTemplate } from '../journeys/index.ts';
import { createSop } from '../sop/index.ts';
import { countAudience, type AudienceFilter } from '../audiences/index.ts';
import { sendMassMessage } from '../outreach/index.ts';
import { recompute } from '../models/index.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { drainSignals, notifyAutomation, saveRule, startAutomationWorker } from '../automation/index.ts';
import { syntheticEvents } from './synthetic.ts';
import { seedCustomers } from './recompute.bench.ts';

const actor = { kind: 'system' as const, id: 'bench' };
const PRODUCTS = ['A', 'B', 'C', 'D', 'E'];

/** 20 rules and 5 SOPs, the shape of a real workspace's automation. */
export async function seedAutomation(db: Db, ws: string): Promise<void> {
  await installTemplate(db, ws, 'product_interest', actor);
  await installTemplate(db, ws, 'purchase_frequency', actor);
  await createCategory(db, ws, '兴趣', actor);
  await createGroup(db, ws, { name: '兴趣标签', category: '兴趣' }, actor);
  await createGroup(db, ws, { name: '内容偏好', category: '兴趣' }, actor);
  for (const p of PRODUCTS) await createTag(db, ws, '兴趣标签', `商品${p}兴趣`, actor);
  for (const t of ['深度阅读', '爱分享', '领券', '高意向', '投诉']) await createTag(db, ws, '内容偏好', t, actor);
  const rules: unknown[] = [
    ...PRODUCTS.map((p, i) => ({
      name: `文章${p}→兴趣`, trigger: { kind: 'event', event: 'content.viewed', where: { field: 'contentId', in: Array.from({ length: 10 }, (_, k) => `a-${i * 10 + k}`) } },
      actions: [{ type: 'tag', tag: `兴趣标签/商品${p}兴趣` }],
    })),
    ...PRODUCTS.map((p) => ({
      name: `兴趣${p}→旅程`, trigger: { kind: 'tagAdded', tag: `兴趣标签/商品${p}兴趣` }, actions: [{ type: 'moveStage', journey: '商品兴趣', stage: `商品${p}` }],
    })),
    ...PRODUCTS.slice(0, 3).map((p) => ({
      name: `进入${p}→任务`, trigger: { kind: 'stageEntered', stage: `商品兴趣/商品${p}` },
      actions: [{ type: 'task', title: `商品${p}跟进`, content: '跟进', purpose: 'service' }],
    })),
    { name: '首单', trigger: { kind: 'event', event: 'order.paid' }, if: { field: 'paidOrders', op: 'eq', value: 1 }, actions: [{ type: 'moveStage', journey: '购买频次', stage: '已购买' }] },
    { name: '复购', trigger: { kind: 'event', event: 'order.paid' }, if: { field: 'paidOrders', op: 'gte', value: 2 }, actions: [{ type: 'moveStage', journey: '购买频次', stage: '多次购买' }] },
    { name: '已购买→VIP群', trigger: { kind: 'stageEntered', stage: '购买频次/已购买' }, actions: [{ type: 'task', title: '邀请进VIP群', content: '邀请', purpose: 'service' }] },
    { name: '长阅读', trigger: { kind: 'event', event: 'content.viewed', where: { field: 'seconds', gte: 60 } }, actions: [{ type: 'tag', tag: '内容偏好/深度阅读' }] },
    { name: '领券', trigger: { kind: 'event', event: 'coupon.issued' }, actions: [{ type: 'tag', tag: '内容偏好/领券' }] },
    { name: '投诉', trigger: { kind: 'event', event: 'complaint.filed' }, actions: [{ type: 'tag', tag: '内容偏好/投诉' }, { type: 'task', title: '处理投诉', content: '尽快联系', purpose: 'service' }] },
    { name: '升到L3', trigger: { kind: 'model', model: 'trust', to: ['L3'] }, actions: [{ type: 'tag', tag: '内容偏好/高意向' }] },
  ];
  for (const r of rules) await saveRule(db, ws, { ...(r as object), enabled: true }, actor);
  const sops = [
    ['商品兴趣/商品A', 'A'], ['商品兴趣/商品B', 'B'], ['商品兴趣/商品C', 'C'], ['购买频次/已购买', '购'], ['购买频次/多次购买', '复'],
  ] as const;
  for (const [stage, key] of sops) {
    await createSop(db, ws, {
      name: `SOP ${key}`, stage,
      steps: [
        { key: 'd0', title: '欢迎', channel: 'private_chat', purpose: 'service', content: '{name}您好' },
        { key: 'd3', title: '回访', offsetDays: 3, channel: 'private_chat', purpose: 'service', content: '{name}，用得怎么样？' },
      ],
    }, actor);
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export async function benchAutomationPipeline(db: Db, ws: string, events: number, customers: number) {
  await seedAutomation(db, ws);
  const worker = startAutomationWorker(db, { timersMs: 3_600_000 });
  const started = performance.now();
  const batch: Record<string, unknown>[] = [];
  for (const e of syntheticEvents({ events, customers, end: Date.now() - 60_000, seed: 11 })) {
    batch.push(e);
    if (batch.length === 1000) {
      await ingestEvents(db, ws, batch.splice(0), { source: 'bench' });
      notifyAutomation();
    }
  }
  if (batch.length) await ingestEvents(db, ws, batch, { source: 'bench' });
  await worker.stop();
  await drainSignals(db, { workspaceId: ws });
  const seconds = (performance.now() - started) / 1000;
  const [tasks] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = $1`, [ws]);
  const [firings] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rule_firings WHERE workspace_id = $1`, [ws]);
  return { seconds, perSecond: events / seconds, tasks: tasks!.n, firings: firings!.n };
}

/** Probes (one at a time) while a background stream of ~`rate` events/s runs. */
export async function benchAutomationLatency(db: Db, ws: string, opts: { probes: number; rate: number; customers: number }) {
  await seedAutomation(db, ws);
  const worker = startAutomationWorker(db, { timersMs: 3_600_000 });
  let stop = false;
  let sent = 0;
  const background = (async () => {
    const gen = syntheticEvents({ events: 10_000_000, customers: opts.customers, end: Date.now() - 60_000, seed: 99 });
    const tickMs = 100, perTick = Math.max(1, Math.round(opts.rate / 10));
    while (!stop) {
      const t = performance.now();
      const chunk: Record<string, unknown>[] = [];
      for (let i = 0; i < perTick; i++) chunk.push({ ...gen.next().value!, id: `bg-${sent++}` });
      await ingestEvents(db, ws, chunk, { source: 'bench' });
      notifyAutomation();
      const left = tickMs - (performance.now() - t);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    }
  })();
  const latencies: number[] = [];
  const t0 = performance.now();
  try {
  for (let i = 0; i < opts.probes; i++) {
    const who = { externalUserId: `probe-${i}` };
    const start = performance.now();
    const r = await ingestEvents(db, ws, [{ id: `probe-${i}`, type: 'complaint.filed', occurredAt: new Date(Date.now() - 1000).toISOString(), customer: who, staffId: 'staff-1', data: { reason: 'late' } }], { source: 'bench' });
    notifyAutomation();
    const customerId = r.accepted[0]!.customerId;
    for (;;) {
      const rows = await db.query(`SELECT 1 FROM outreach_tasks WHERE workspace_id = $1 AND customer_id = $2 LIMIT 1`, [ws, customerId]);
      if (rows.length > 0) break;
      if (performance.now() - start > 30_000) throw new Error('a probe waited 30 s for its task');
      await new Promise((res) => setTimeout(res, 5));
    }
    latencies.push(performance.now() - start);
    await new Promise((res) => setTimeout(res, 20));
  }
  } finally {
    stop = true;
    await background;
    await worker.stop();
  }
  const elapsed = (performance.now() - t0) / 1000;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), backgroundRate: sent / elapsed };
}

export async function benchAudience(db: Db, ws: string, customers: number) {
  const seedStart = performance.now();
  await ensureWorkspace(db, { workspaceId: ws });
  await seedCustomers(db, ws, customers);
  await db.query(`UPDATE customers SET owner_staff = 'staff-' || (customer_id % 20) WHERE workspace_id = $1`, [ws]);
  await recompute(db, ws);
  const seeded = (performance.now() - seedStart) / 1000;
  const filter: AudienceFilter = {
    and: [{ field: 'trustLevel', op: 'gte', value: 3 }, { field: 'paidOrders', op: 'gte', value: 2 }, { field: 'lastInteractionAt', op: 'withinDays', value: 60 }],
  } as AudienceFilter;
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    count = await countAudience(db, ws, filter, ALL_CUSTOMERS);
    times.push(performance.now() - t);
  }
  const t = performance.now();
  const plan = await sendMassMessage(db, ws, {
    filter: { field: 'trustLevel', op: 'gte', value: 0 } as AudienceFilter, title: 'bench', content: '{name}，周末福利', purpose: 'marketing',
    channel: 'private_chat', dryRun: true, actor, scope: ALL_CUSTOMERS, now: new Date(),
  });
  const massSeconds = (performance.now() - t) / 1000;
  return { seeded, count, p50: percentile(times, 50), p95: percentile(times, 95), massSeconds, massAudience: plan.audience, massRecipients: plan.recipients, massSuppressed: plan.suppressed.total };
}
