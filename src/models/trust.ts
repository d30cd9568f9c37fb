/**
 * Trust ladder L0–L5 (DESIGN §4.1, from the seed 私域最實用的一套用戶分層方法), evaluated top-down:
 * the first level whose rule holds is the customer's level, so evidence lapsing (a refund, a
 * complaint, a silent quarter) lets the level fall on the next evaluation.
 *
 * L1 choice: "knows me" is any sign the customer noticed us — a Moments or group interaction,
 * or having written to us in private (at least one message or one chat round) without reaching
 * the L2 round count. L0 is then exactly the brief's "added, but never replied nor interacted".
 * Content views alone do not lift a stranger: reading a shared article is passive.
 */
import type { ModelConfig } from './config.ts';
import type { Evidence, ModelInput, ModelOutput, TrustLevel, WorkspaceStats } from './types.ts';
import { isInstant, monthDay, withinDays } from './calendar.ts';

export type TrustResult = ModelOutput['trust'];

/** "¥1,200" or "¥1,200.50": amounts as an operator reads them. */
export function yuan(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}¥${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

const ev = (zh: string, en: string, at?: number, eventIds?: string[]): Evidence => {
  const e: Evidence = { zh, en };
  if (at !== undefined) e.at = new Date(at).toISOString();
  if (eventIds?.length) e.eventIds = eventIds;
  return e;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface L5Check {
  orders: boolean;
  monetary: boolean;
  complaints: boolean;
  recentChat: boolean;
  complaintsInWindow: number;
  statsReady: boolean;
}

function checkL5(input: ModelInput, config: ModelConfig, stats: WorkspaceStats, asOf: number, timeZone: string): L5Check {
  const t = config.trust;
  const complaintsInWindow = input.complaintTimes.filter((c) => isInstant(c) && withinDays(timeZone, c, asOf, t.l5ComplaintWindowDays)).length;
  // Before the first full recompute there is no top-20 % line to be in.
  const statsReady = stats.customersWithOrders > 0;
  return {
    orders: input.paidOrders >= t.l5MinOrders,
    monetary: statsReady && input.paidFen > 0 && input.paidFen >= stats.monetaryTop20Fen,
    complaints: complaintsInWindow <= t.l5MaxComplaints,
    recentChat: isInstant(input.lastPrivateChatAt) && withinDays(timeZone, input.lastPrivateChatAt, asOf, t.l5RecentChatDays),
    complaintsInWindow,
    statsReady,
  };
}

/** The level the rules give, before any pin. */
export function computeTrustLevel(input: ModelInput, config: ModelConfig, stats: WorkspaceStats, asOf: number, timeZone: string): TrustLevel {
  const c = checkL5(input, config, stats, asOf, timeZone);
  if (c.orders && c.monetary && c.complaints && c.recentChat) return 5;
  if (input.paidOrders >= 1) return 4;
  if (input.customerConversations >= config.trust.l3CustomerConversations || input.intentHits >= 1) return 3;
  if (input.chatRounds >= config.trust.l2ChatRounds) return 2;
  if (input.momentsInteractions + input.groupInteractions >= 1 || input.chatRounds >= 1 || input.messagesReceived >= 1) return 1;
  return 0;
}

export function evaluateTrust(input: ModelInput, config: ModelConfig, stats: WorkspaceStats, asOf: number, timeZone: string): TrustResult {
  const computed = computeTrustLevel(input, config, stats, asOf, timeZone);
  const pinned = input.pins.trust ?? null;
  const evidence = trustEvidence(computed, input, config, stats, asOf, timeZone);
  if (pinned !== null && pinned !== computed) {
    evidence.unshift(ev(`员工手动固定为 L${pinned}（规则计算为 L${computed}）`, `pinned at L${pinned} by staff (the rules give L${computed})`));
  } else if (pinned !== null) {
    evidence.unshift(ev(`员工手动固定为 L${pinned}（与规则计算一致）`, `pinned at L${pinned} by staff (the rules agree)`));
  }
  return { level: pinned ?? computed, computed, pinned, evidence };
}

function trustEvidence(level: TrustLevel, input: ModelInput, config: ModelConfig, stats: WorkspaceStats, asOf: number, tz: string): Evidence[] {
  const t = config.trust;
  const out: Evidence[] = [];
  const lastChat = isInstant(input.lastPrivateChatAt) ? input.lastPrivateChatAt : undefined;
  const lastPaid = isInstant(input.lastPaidAt) ? input.lastPaidAt : undefined;

  const chat = (withNeed: boolean) => {
    if (input.chatRounds <= 0) return;
    const need = withNeed ? `（L2 需 ${t.l2ChatRounds} 轮）` : '';
    const needEn = withNeed ? ` (L2 needs ${t.l2ChatRounds})` : '';
    const last = lastChat === undefined ? '' : `，最近一次 ${monthDay(tz, lastChat)}`;
    const lastEn = lastChat === undefined ? '' : `, last ${monthDay(tz, lastChat)}`;
    out.push(ev(`私聊 ${input.chatRounds} 轮${need}${last}`, `${plural(input.chatRounds, 'private-chat round')}${needEn}${lastEn}`, lastChat));
  };
  const intent = () => {
    const li = input.lastIntent;
    if (!li || !isInstant(li.at)) {
      if (input.intentHits > 0) out.push(ev(`问过 ${input.intentHits} 次价格或购买`, `asked about price or buying ${plural(input.intentHits, 'time')}`));
      return;
    }
    const d = monthDay(tz, li.at);
    const more = input.intentHits > 1;
    out.push(ev(
      `${d} 问过“${li.keyword}”${more ? `（共 ${input.intentHits} 次询问购买）` : ''}`,
      `asked “${li.keyword}” on ${d}${more ? ` (${input.intentHits} buying questions in all)` : ''}`,
      li.at, [li.eventId],
    ));
  };
  const conversations = (withNeed: boolean) => {
    if (input.customerConversations <= 0 && !withNeed) return;
    const need = withNeed ? `（L3 需 ${t.l3CustomerConversations} 次）` : '';
    const needEn = withNeed ? ` (L3 needs ${t.l3CustomerConversations})` : '';
    if (input.customerConversations <= 0) out.push(ev(`客户还没主动发起过私聊${need}`, `has not started a private conversation${needEn}`));
    else out.push(ev(`客户主动发起私聊 ${input.customerConversations} 次${need}`, `started ${plural(input.customerConversations, 'private conversation')}${needEn}`));
  };
  const interactions = () => {
    if (input.momentsInteractions > 0) out.push(ev(`朋友圈互动 ${input.momentsInteractions} 次`, plural(input.momentsInteractions, 'Moments interaction')));
    if (input.groupInteractions > 0) out.push(ev(`社群互动 ${input.groupInteractions} 次`, plural(input.groupInteractions, 'group interaction')));
  };
  const noOrder = () => {
    const r = input.fullyRefundedOrders;
    if (r === 1) out.push(ev('唯一的订单已全额退款', 'its only order was fully refunded'));
    else if (r > 1) out.push(ev(`${r} 笔订单均已全额退款`, `all ${r} of its orders were fully refunded`));
    else out.push(ev('尚未下单', 'no paid order yet'));
  };
  const orders = () => {
    const last = lastPaid === undefined ? '' : `，最近一次 ${monthDay(tz, lastPaid)}`;
    const lastEn = lastPaid === undefined ? '' : `, last ${monthDay(tz, lastPaid)}`;
    out.push(ev(
      `已付款订单 ${input.paidOrders} 笔，净消费 ${yuan(input.paidFen)}${last}`,
      `${plural(input.paidOrders, 'paid order')}, net spend ${yuan(input.paidFen)}${lastEn}`,
      lastPaid,
    ));
    if (input.fullyRefundedOrders > 0) {
      out.push(ev(`另有 ${input.fullyRefundedOrders} 笔已全额退款`, `${input.fullyRefundedOrders} more fully refunded`));
    }
  };
  const share = `${Math.round(t.l5MonetaryTopShare * 100)}%`;

  switch (level) {
    case 5: {
      const c = checkL5(input, config, stats, asOf, tz);
      orders();
      out.push(ev(`净消费位于前 ${share}（线 ${yuan(stats.monetaryTop20Fen)}）`, `net spend in the top ${share} (line ${yuan(stats.monetaryTop20Fen)})`));
      out.push(ev(`${t.l5ComplaintWindowDays} 天内投诉 ${c.complaintsInWindow} 次`, `${plural(c.complaintsInWindow, 'complaint')} in ${t.l5ComplaintWindowDays} days`));
      if (lastChat !== undefined) out.push(ev(`最近私聊 ${monthDay(tz, lastChat)}`, `last private chat ${monthDay(tz, lastChat)}`, lastChat));
      break;
    }
    case 4: {
      const c = checkL5(input, config, stats, asOf, tz);
      orders();
      // Why not L5: the missing order count alone, or every condition that fails.
      if (!c.orders) {
        out.push(ev(`超级用户（L5）需 ${t.l5MinOrders} 笔订单`, `L5 (super user) needs ${plural(t.l5MinOrders, 'paid order')}`));
        break;
      }
      if (!c.monetary) {
        if (!c.statsReady) out.push(ev(`尚未计算前 ${share} 消费线（需全量重算）`, `the top-${share} spend line is not computed yet (run a full recompute)`));
        else out.push(ev(`净消费 ${yuan(input.paidFen)} 低于前 ${share} 线 ${yuan(stats.monetaryTop20Fen)}`, `net spend ${yuan(input.paidFen)} is below the top-${share} line ${yuan(stats.monetaryTop20Fen)}`));
      }
      if (!c.complaints) {
        out.push(ev(`${t.l5ComplaintWindowDays} 天内投诉 ${c.complaintsInWindow} 次（上限 ${t.l5MaxComplaints} 次）`, `${plural(c.complaintsInWindow, 'complaint')} in ${t.l5ComplaintWindowDays} days (at most ${t.l5MaxComplaints})`));
      }
      if (!c.recentChat) {
        const last = lastChat === undefined ? '从未私聊' : `最近一次 ${monthDay(tz, lastChat)}`;
        const lastEn = lastChat === undefined ? 'never' : `last ${monthDay(tz, lastChat)}`;
        out.push(ev(`${t.l5RecentChatDays} 天内没有私聊（${last}）`, `no private chat in the last ${t.l5RecentChatDays} days (${lastEn})`, lastChat));
      }
      break;
    }
    case 3:
      chat(false);
      if (input.customerConversations >= t.l3CustomerConversations) conversations(false);
      intent();
      noOrder();
      break;
    case 2:
      chat(false);
      conversations(true);
      out.push(ev('还没问过价格或购买', 'no buying question yet'));
      noOrder();
      break;
    case 1:
      interactions();
      if (input.chatRounds > 0) chat(true);
      else if (input.messagesReceived > 0) {
        out.push(ev(`发来 ${input.messagesReceived} 条消息，尚未形成一轮私聊`, `wrote ${plural(input.messagesReceived, 'message')}, no full chat round yet`));
      }
      if (input.fullyRefundedOrders > 0) noOrder();
      break;
    case 0: {
      const added = isInstant(input.addedAt) ? input.addedAt : undefined;
      if (added !== undefined) out.push(ev(`${monthDay(tz, added)} 添加`, `added on ${monthDay(tz, added)}`, added));
      if (!input.wecomFriend) out.push(ev('不是企业微信好友', 'not a WeCom friend'));
      out.push(ev('尚未回复，也没有互动', 'no reply and no interaction yet'));
      if (input.fullyRefundedOrders > 0) noOrder();
      break;
    }
  }
  return out;
}
