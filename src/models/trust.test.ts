import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateTrust, yuan } from './trust.ts';
import { evidenceText } from './evaluate.ts';
import { DEFAULT_MODEL_CONFIG, parseModelConfig } from './config.ts';
import type { ModelInput, TrustLevel, WorkspaceStats } from './types.ts';
import { AS_OF, TZ, at, customer, stats } from './test-input.ts';

const trust = (over: Partial<ModelInput>, s: WorkspaceStats = stats(), config = DEFAULT_MODEL_CONFIG) =>
  evaluateTrust(customer(over), config, s, AS_OF, TZ);

/** Meets every L5 condition with the default stats (top-20 % line ¥1,200). */
const superUser: Partial<ModelInput> = {
  paidOrders: 3, paidFen: 150_000, lastPaidAt: at('2026-11-10 10:00'), chatRounds: 12,
  lastPrivateChatAt: at('2026-11-20 18:00'), customerConversations: 4,
};

test('trust ladder boundaries, evaluated top-down', () => {
  const cases: [string, Partial<ModelInput>, TrustLevel][] = [
    ['added, nothing since', {}, 0],
    ['viewed content only (passive)', { contentViews: 5 }, 0],
    ['one Moments like', { momentsInteractions: 1 }, 1],
    ['one group message', { groupInteractions: 1 }, 1],
    ['wrote once, no reply yet', { messagesReceived: 1 }, 1],
    ['2 chat rounds', { chatRounds: 2, messagesReceived: 2 }, 1],
    ['3 chat rounds', { chatRounds: 3, messagesReceived: 3 }, 2],
    ['3 rounds, 1 customer-started conversation', { chatRounds: 3, customerConversations: 1 }, 2],
    ['2 customer-started conversations', { chatRounds: 3, customerConversations: 2 }, 3],
    ['asked the price, no chat rounds', { intentHits: 1, messagesReceived: 1 }, 3],
    ['only order fully refunded, otherwise silent', { fullyRefundedOrders: 1 }, 0],
    ['only order fully refunded, 2 conversations', { fullyRefundedOrders: 1, customerConversations: 2 }, 3],
    ['one paid order', { paidOrders: 1, paidFen: 9_900, lastPaidAt: at('2026-11-01 10:00') }, 4],
    ['super user', superUser, 5],
    ['2 orders, big spend', { ...superUser, paidOrders: 2 }, 4],
    ['spend exactly at the top-20 % line', { ...superUser, paidFen: 120_000 }, 5],
    ['spend one fen below the line', { ...superUser, paidFen: 119_999 }, 4],
    ['1 complaint in the window', { ...superUser, complaintTimes: [at('2026-06-01 10:00')] }, 5],
    ['2 complaints in the window', { ...superUser, complaintTimes: [at('2026-06-01 10:00'), at('2026-09-01 10:00')] }, 4],
    ['2nd complaint on the window\'s first day (365 days)', { ...superUser, complaintTimes: [at('2026-06-01 10:00'), at('2025-11-25 00:05')] }, 4],
    ['2nd complaint 366 days ago', { ...superUser, complaintTimes: [at('2026-06-01 10:00'), at('2025-11-24 23:55')] }, 5],
    ['last private chat 90 days ago', { ...superUser, lastPrivateChatAt: at('2026-08-27 00:05') }, 5],
    ['last private chat 91 days ago', { ...superUser, lastPrivateChatAt: at('2026-08-26 23:55') }, 4],
    ['never chatted in private', { ...superUser, chatRounds: 0, lastPrivateChatAt: undefined }, 4],
  ];
  for (const [name, over, expected] of cases) {
    const r = trust(over);
    assert.equal(r.computed, expected, name);
    assert.equal(r.level, expected, name);
    assert.equal(r.pinned, null, name);
    assert.ok(r.evidence.length > 0 && r.evidence.every((e) => e.zh && e.en), `${name}: evidence in both languages`);
  }
});

test('L5 needs a computed spend line and a positive spend', () => {
  const noStats = stats({ customersWithOrders: 0, monetaryTop20Fen: 0 });
  const r = trust(superUser, noStats);
  assert.equal(r.computed, 4);
  assert.match(evidenceText(r.evidence, 'en'), /not computed yet/);
  assert.equal(trust({ ...superUser, paidFen: 0 }, stats({ monetaryTop20Fen: 0 })).computed, 4);
});

test('thresholds come from the workspace configuration', () => {
  const config = parseModelConfig({ trust: { l2ChatRounds: 5, l3CustomerConversations: 3, l5MinOrders: 2, l5MaxComplaints: 0 } });
  const cases: [Partial<ModelInput>, TrustLevel][] = [
    [{ chatRounds: 4 }, 1],
    [{ chatRounds: 5 }, 2],
    [{ chatRounds: 5, customerConversations: 2 }, 2],
    [{ chatRounds: 5, customerConversations: 3 }, 3],
    [{ ...superUser, paidOrders: 2 }, 5],
    [{ ...superUser, complaintTimes: [at('2026-11-01 10:00')] }, 4],
  ];
  for (const [over, expected] of cases) assert.equal(trust(over, stats(), config).computed, expected, JSON.stringify(over));
});

test('a pin sets the level; the computed level and its evidence stay', () => {
  const r = trust({ chatRounds: 3 }, stats(), DEFAULT_MODEL_CONFIG);
  assert.deepEqual([r.level, r.computed, r.pinned], [2, 2, null]);
  const pinned = trust({ chatRounds: 3, pins: { trust: 4 } });
  assert.deepEqual([pinned.level, pinned.computed, pinned.pinned], [4, 2, 4]);
  assert.equal(pinned.evidence[0]!.en, 'pinned at L4 by staff (the rules give L2)');
  assert.equal(pinned.evidence[0]!.zh, '员工手动固定为 L4（规则计算为 L2）');
  assert.ok(pinned.evidence.some((e) => e.en.startsWith('3 private-chat rounds')));
  const down = trust({ ...superUser, pins: { trust: 1 } });
  assert.deepEqual([down.level, down.computed, down.pinned], [1, 5, 1]);
  const same = trust({ chatRounds: 3, pins: { trust: 2 } });
  assert.match(same.evidence[0]!.en, /pinned at L2 by staff \(the rules agree\)/);
});

test('evidence reads as plain words with dates in the workspace zone and event ids', () => {
  const r = trust({
    chatRounds: 4, messagesReceived: 6, customerConversations: 1,
    // 16:30 UTC on 11-19 is already 11-20 in Shanghai.
    lastPrivateChatAt: Date.parse('2026-11-19T16:30:00Z'),
    intentHits: 1, lastIntent: { at: at('2026-11-21 09:30'), keyword: '多少钱', eventId: 'evt-42' },
  });
  assert.equal(r.computed, 3);
  assert.equal(evidenceText(r.evidence, 'zh'), '私聊 4 轮，最近一次 11-20；11-21 问过“多少钱”；尚未下单');
  assert.equal(evidenceText(r.evidence, 'en'), '4 private-chat rounds, last 11-20; asked “多少钱” on 11-21; no paid order yet');
  assert.deepEqual(r.evidence.find((e) => e.eventIds)?.eventIds, ['evt-42']);
});

test('evidence says why the level is not higher', () => {
  const cases: [Partial<ModelInput>, string][] = [
    [{ chatRounds: 2, lastPrivateChatAt: at('2026-11-20 10:00') }, '2 private-chat rounds (L2 needs 3), last 11-20'],
    [{ chatRounds: 3 }, 'has not started a private conversation (L3 needs 2); no buying question yet; no paid order yet'],
    [{ fullyRefundedOrders: 1, customerConversations: 2 }, 'its only order was fully refunded'],
    [{ fullyRefundedOrders: 1 }, 'its only order was fully refunded'],
    [{ chatRounds: 3, customerConversations: 1 }, 'started 1 private conversation (L3 needs 2)'],
    [{ ...superUser, paidFen: 42_000 }, '3 paid orders, net spend ¥420, last 11-10; net spend ¥420 is below the top-20% line ¥1,200'],
    [{ ...superUser, paidOrders: 1 }, 'L5 (super user) needs 3 paid orders'],
    [{ ...superUser, complaintTimes: [at('2026-06-01 10:00'), at('2026-09-01 10:00')] }, '2 complaints in 365 days (at most 1)'],
    [{ ...superUser, lastPrivateChatAt: at('2026-07-01 10:00') }, 'no private chat in the last 90 days (last 07-01)'],
    [{ ...superUser, paidOrders: 4, fullyRefundedOrders: 1 }, '1 more fully refunded'],
    [superUser, 'net spend in the top 20% (line ¥1,200); 0 complaints in 365 days; last private chat 11-20'],
    [{ wecomFriend: false, addedAt: undefined }, 'not a WeCom friend; no reply and no interaction yet'],
  ];
  for (const [over, expected] of cases) {
    const text = evidenceText(trust(over).evidence, 'en');
    assert.ok(text.includes(expected), `${text}\n  should include: ${expected}`);
  }
  const zh = evidenceText(trust({ ...superUser, paidFen: 42_000 }).evidence, 'zh');
  assert.ok(zh.includes('净消费 ¥420 低于前 20% 线 ¥1,200'), zh);
  assert.ok(evidenceText(trust({ fullyRefundedOrders: 1 }).evidence, 'zh').includes('唯一的订单已全额退款'));
});

test('amounts read as yuan', () => {
  const cases: [number, string][] = [[0, '¥0'], [42_000, '¥420'], [120_000, '¥1,200'], [123_456_789, '¥1,234,567.89'], [5, '¥0.05']];
  for (const [fen, text] of cases) assert.equal(yuan(fen), text);
});
