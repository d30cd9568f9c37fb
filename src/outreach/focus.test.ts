import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestStore } from '../store/test-store.ts';
import { focusList, rankFocus, type FocusCandidate } from './index.ts';
import { openOutreachStore, seedCustomers } from './testing.ts';

const sh = (s: string) => new Date(`${s}+08:00`);
const now = sh('2026-11-20T10:00:00');
const DAY = 86_400_000;

const cand = (c: Partial<FocusCandidate>): FocusCandidate => ({
  customerId: 1, name: 'x', trustLevel: 2, lifecycleEcommerce: null, lifecycleSales: null, rfmSegment: null, valueTier: '普通',
  paidOrders: 0, paidFen: 0, lastPaidAt: null, lastContactAt: null, lastIntentAt: null, lastIntentKeyword: null, ...c,
});

test('ranking: value × urgency, one entry per customer under its most pressing reason', () => {
  const t = now.getTime();
  const rows: [string, Partial<FocusCandidate>, string | null][] = [
    ['big win-back', { rfmSegment: '重要挽留客户', paidOrders: 2, paidFen: 500_000, lastPaidAt: t - 200 * DAY, valueTier: '中等价值' }, 'at_risk'],
    ['super user quiet for 30 days', { lifecycleEcommerce: '超级用户', trustLevel: 5, paidOrders: 6, paidFen: 300_000, lastContactAt: t - 30 * DAY }, 'super_user_care'],
    ['super user talked to yesterday', { lifecycleEcommerce: '超级用户', trustLevel: 5, paidOrders: 6, paidFen: 300_000, lastContactAt: t - DAY }, null],
    ['L3, asked the price 2 days ago', { trustLevel: 3, lastIntentAt: t - 2 * DAY, lastIntentKeyword: '价格' }, 'ready_for_first_order'],
    ['L3 who already bought', { trustLevel: 3, paidOrders: 1, paidFen: 1000 }, null],
    ['important value customer (not at risk)', { rfmSegment: '重要价值客户', paidOrders: 5, paidFen: 900_000 }, null],
  ];
  const entries = rankFocus(rows.map(([, c], i) => cand({ ...c, customerId: i + 1, name: rows[i]![0] })), t, 10);
  for (const [i, [name, , want]] of rows.entries()) {
    assert.equal(entries.find((e) => e.customerId === i + 1)?.reason.code ?? null, want, name);
  }
  assert.deepEqual(entries.map((e) => e.rank), [1, 2, 3]);
  assert.equal(entries[0]!.name, 'big win-back', 'a big spender slipping away comes first');
  assert.ok(entries[0]!.score >= entries[1]!.score && entries[1]!.score >= entries[2]!.score);
  const l3 = entries.find((e) => e.reason.code === 'ready_for_first_order')!;
  assert.match(l3.reason.zh, /尚未下单；2 天前问过“价格”/);
  assert.equal(l3.action.en, 'Ask about needs, budget and concerns', 'the suggested action comes from the models\' guidance');
  assert.equal(entries[0]!.reason.en, 'Important win-back: no order for 200 days, ¥5000 spent in total');
});

test('a customer contacted today drops down the list, and climbs back as the days pass without an answer', () => {
  const t = now.getTime();
  const winBack = (id: number, lastContactAt: number | null) => cand({
    customerId: id, name: `#${id}`, rfmSegment: '重要挽留客户', paidOrders: 3, paidFen: 600_000, lastPaidAt: t - 180 * DAY, valueTier: '一般价值', lastContactAt,
  });
  const others = [
    cand({ customerId: 10, rfmSegment: '重要保持客户', paidOrders: 4, paidFen: 200_000, lastPaidAt: t - 120 * DAY, valueTier: '一般价值' }),
    cand({ customerId: 11, trustLevel: 3, lastIntentAt: t - DAY, lastIntentKeyword: '多少钱' }),
  ];
  const rankOf = (lastContactAt: number | null) => rankFocus([winBack(1, lastContactAt), ...others], t, 10).find((e) => e.customerId === 1)!;
  assert.equal(rankOf(null).rank, 1, 'not contacted: first');
  const today = rankOf(t - 2 * 3_600_000);
  assert.equal(today.rank, 2, 'contacted two hours ago: below the win-back nobody has called yet');
  assert.match(today.reason.zh, /；今天已联系$/);
  assert.match(today.reason.en, /; contacted today$/);
  const urgency = [0, 2, 4, 6, 7, 30].map((d) => rankOf(t - d * DAY - 3_600_000).urgency);
  assert.deepEqual(urgency, [...urgency].sort((a, b) => a - b), 'urgency grows back with the days since the contact');
  assert.equal(urgency[4], rankOf(null).urgency, 'whole again after a week');
  // The same holds for a first order: an L3 talked to today waits.
  const l3 = (lastContactAt: number | null) => rankFocus([cand({ customerId: 5, trustLevel: 3, lastContactAt })], t, 1)[0]!.urgency;
  assert.ok(l3(t - 3_600_000) < l3(null));
});

let store: TestStore;
const WS = 'focus';
before(async () => { store = await openOutreachStore(WS); });
after(() => store.close());

test('a staff member\'s focus list: their own customers only, with reasons and actions', async () => {
  const [winBack, superUser, l3, , followed] = (await seedCustomers(store.db, WS, [
    { name: '王芳', rfm: '重要挽留客户', trust: 4, paidOrders: 2, paidFen: 380_000, lastPaidAt: '2026-05-01T10:00:00+08:00' },
    { name: '李雷', lifecycle: '超级用户', trust: 5, paidOrders: 5, paidFen: 800_000, lastPaidAt: '2026-11-01T10:00:00+08:00', lastPrivateChatAt: '2026-10-01T10:00:00+08:00' },
    { name: '韩梅', trust: 3, lastIntentAt: '2026-11-19T10:00:00+08:00' },
    { name: '别人的', trust: 3, owner: 'li' },
    { name: '跟进的', trust: 3, owner: 'li', followers: ['zhang'] },
    { name: '普通', trust: 1 },
  ])) as [number, number, number, number, number, number];
  const list = await focusList(store.db, WS, 'zhang', now, 10);
  assert.deepEqual(new Set(list.entries.map((e) => e.customerId)), new Set([winBack, superUser, l3, followed]));
  const by = new Map(list.entries.map((e) => [e.customerId, e]));
  assert.equal(by.get(winBack)!.reason.code, 'at_risk');
  assert.match(by.get(winBack)!.reason.zh, /^重要挽留客户：已 \d+ 天未下单/);
  assert.equal(by.get(superUser)!.reason.en, 'Super user: not contacted for 50 days');
  assert.match(by.get(superUser)!.action.zh, /专属服务/);
  assert.equal(by.get(l3)!.reason.code, 'ready_for_first_order');
  assert.equal((await focusList(store.db, WS, 'li', now)).entries.length, 2);
  await assert.rejects(focusList(store.db, WS, '', now), /staff/);
});

test('at-risk customers with a prediction rank by CLV × (1 − P(alive)), the value their leaving would cost', () => {
  const t = now.getTime();
  const atRisk = (customerId: number, clv: number, pAlive: number, paidFen: number): FocusCandidate =>
    cand({ customerId, rfmSegment: '重要挽留客户', paidOrders: 3, paidFen, lastPaidAt: t - 120 * DAY, valueTier: '高价值', clv, pAlive });
  const entries = rankFocus([
    atRisk(1, 2000, 0.9, 900_000), // ¥200 at stake, the biggest spender
    atRisk(2, 1000, 0.2, 100_000), // ¥800 at stake
    atRisk(3, 3000, 0.5, 100_000), // ¥1500 at stake
  ], t, 10);
  assert.deepEqual(entries.map((e) => e.customerId), [3, 2, 1]);
  assert.match(entries[0]!.reason.zh, /流失可能 50%，预测价值 ¥3000（可能失去 ¥1500）/);
  assert.match(entries[0]!.reason.en, /¥1500 at stake/);
  // Without a prediction the spend-based ranking stays.
  const plain = rankFocus([atRisk(1, 0, 0, 900_000), atRisk(2, 0, 0, 100_000)].map((c) => ({ ...c, clv: null, pAlive: null })), t, 10);
  assert.deepEqual(plain.map((e) => e.customerId), [1, 2]);
});
