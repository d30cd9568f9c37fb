/**
 * The daily focus list's ranking (DESIGN §2.6, the seed's 80/20 time allocation): of a staff
 * member's customers, who deserves time today, by value × urgency, with the reason in plain
 * words and the models' suggested action. Pure: candidates and a clock value in.
 */
import { guidanceFor, type RfmSegment } from '../models/index.ts';

export interface FocusCandidate {
  customerId: number;
  name: string | null;
  trustLevel: number;
  lifecycleEcommerce: string | null;
  lifecycleSales: string | null;
  rfmSegment: string | null;
  valueTier: string | null;
  paidOrders: number;
  paidFen: number;
  lastPaidAt: number | null;
  /** Latest private chat or sent touch. */
  lastContactAt: number | null;
  lastIntentAt: number | null;
  lastIntentKeyword: string | null;
  /** Predicted value at the last recompute (yuan, 12 months) and P(alive); absent before a fit. */
  clv?: number | null;
  pAlive?: number | null;
}

export type FocusReasonCode = 'at_risk' | 'super_user_care' | 'ready_for_first_order';

export interface FocusEntry {
  rank: number;
  customerId: number;
  name: string | null;
  score: number;
  value: number;
  urgency: number;
  reason: { code: FocusReasonCode; zh: string; en: string };
  action: { zh: string; en: string; goalZh: string; goalEn: string };
  trustLevel: number;
  rfmSegment: string | null;
  lastContactAt: string | null;
}

export interface FocusOptions {
  /** A super user not contacted for this many days is due for care. */
  superUserCareDays: number;
  /**
   * A customer contacted this recently gets time to answer before being pressed again: the
   * urgency of a win-back or a first order starts at a fifth on the day of the contact and
   * is whole again after this many days.
   */
  contactSettleDays: number;
}

export const DEFAULT_FOCUS_OPTIONS: FocusOptions = { superUserCareDays: 14, contactSettleDays: 7 };

const DAY = 86_400_000;
const AT_RISK: Partial<Record<RfmSegment, number>> = { 重要挽留客户: 2, 重要保持客户: 1.6 };
const TIER_BONUS: Record<string, number> = { 核心: 2, 高价值: 1.5, 中等价值: 1, 一般价值: 0.5, 普通: 0 };
const round = (n: number) => Math.round(n * 100) / 100;
const yuan = (fen: number) => (fen / 100).toFixed(0);

/** What a customer is worth to the business: spend (log scale) and value tier. */
export function focusValue(c: FocusCandidate): number {
  return 1 + Math.log10(1 + c.paidFen / 100) + (TIER_BONUS[c.valueTier ?? ''] ?? 0);
}

type Reasoned = Omit<FocusEntry, 'rank' | 'score' | 'value' | 'customerId' | 'name' | 'trustLevel' | 'rfmSegment' | 'lastContactAt'> & { value?: number };

/** Predicted value at stake: CLV × (1 − P(alive)), yuan; null without a prediction. */
export function valueAtStake(c: FocusCandidate): number | null {
  return c.clv == null || c.pAlive == null ? null : Math.max(0, c.clv) * (1 - c.pAlive);
}

function action(model: 'rfm' | 'lifecycleEcommerce' | 'trust', value: string | number): FocusEntry['action'] {
  const zh = guidanceFor(model, value as never, 'zh');
  const en = guidanceFor(model, value as never, 'en');
  return { zh: zh.actions[0] ?? zh.goal, en: en.actions[0] ?? en.goal, goalZh: zh.goal, goalEn: en.goal };
}

/** How much of an urgency is left when the customer was contacted `days` ago (null: never). */
export function afterContact(days: number | null, settleDays: number): number {
  if (days === null || days >= settleDays) return 1;
  return 0.2 + (0.8 * days) / settleDays;
}

function reasonsFor(c: FocusCandidate, now: number, o: FocusOptions): Reasoned[] {
  const out: Reasoned[] = [];
  const days = (t: number | null) => (t === null ? null : Math.max(0, Math.floor((now - t) / DAY)));
  const contacted = days(c.lastContactAt);
  const damping = afterContact(contacted, o.contactSettleDays);
  const recent = contacted !== null && contacted < o.contactSettleDays;
  const contactZh = recent ? `；${contacted === 0 ? '今天' : `${contacted} 天前`}已联系` : '';
  const contactEn = recent ? `; contacted ${contacted === 0 ? 'today' : `${contacted} day${contacted === 1 ? '' : 's'} ago`}` : '';
  const atRisk = c.rfmSegment ? AT_RISK[c.rfmSegment as RfmSegment] : undefined;
  const stake = valueAtStake(c);
  if (atRisk !== undefined && stake !== null) {
    // With a prediction, at-risk customers rank by what their leaving would cost: one urgency
    // for all of them, the value at stake on the same log-yuan scale as the other reasons.
    const d = days(c.lastPaidAt) ?? 0;
    const en = guidanceFor('rfm', c.rfmSegment as RfmSegment, 'en').label;
    const gone = Math.round((1 - c.pAlive!) * 100);
    out.push({
      urgency: 2,
      value: 1 + Math.log10(1 + stake),
      reason: {
        code: 'at_risk',
        zh: `${c.rfmSegment}：已 ${d} 天未下单，流失可能 ${gone}%，预测价值 ¥${c.clv!.toFixed(0)}（可能失去 ¥${stake.toFixed(0)}）`,
        en: `${en}: no order for ${d} days, ${gone}% likely gone, predicted value ¥${c.clv!.toFixed(0)} (¥${stake.toFixed(0)} at stake)`,
      },
      action: action('rfm', c.rfmSegment!),
    });
  } else if (atRisk !== undefined) {
    const d = days(c.lastPaidAt) ?? 0;
    const en = guidanceFor('rfm', c.rfmSegment as RfmSegment, 'en').label;
    out.push({
      urgency: (atRisk + Math.min(d / 90, 2)) * damping,
      reason: {
        code: 'at_risk',
        zh: `${c.rfmSegment}：已 ${d} 天未下单，累计消费 ¥${yuan(c.paidFen)}${contactZh}`,
        en: `${en}: no order for ${d} days, ¥${yuan(c.paidFen)} spent in total${contactEn}`,
      },
      action: action('rfm', c.rfmSegment!),
    });
  }
  if (c.lifecycleEcommerce === '超级用户' || c.lifecycleSales === '超级用户' || c.trustLevel === 5) {
    const d = days(c.lastContactAt);
    if (d === null || d >= o.superUserCareDays) {
      out.push({
        urgency: 1.2 + Math.min(((d ?? 2 * o.superUserCareDays) - o.superUserCareDays) / o.superUserCareDays, 2),
        reason: {
          code: 'super_user_care',
          zh: d === null ? '超级用户：还没有联系记录' : `超级用户：已 ${d} 天未联系`,
          en: d === null ? 'Super user: no contact on record' : `Super user: not contacted for ${d} days`,
        },
        action: action('lifecycleEcommerce', '超级用户'),
      });
    }
  }
  if (c.trustLevel === 3 && c.paidOrders === 0) {
    const intent = c.lastIntentAt !== null && now - c.lastIntentAt <= 7 * DAY;
    out.push({
      urgency: (1 + (intent ? 1 : 0)) * damping,
      reason: {
        code: 'ready_for_first_order',
        zh: `认同我的人（L3），尚未下单${intent ? `；${days(c.lastIntentAt)} 天前问过“${c.lastIntentKeyword ?? ''}”` : ''}${contactZh}`,
        en: `Approves (L3) but has not ordered yet${intent ? `; asked about "${c.lastIntentKeyword ?? ''}" ${days(c.lastIntentAt)} days ago` : ''}${contactEn}`,
      },
      action: action('trust', 3),
    });
  }
  return out;
}

/** Rank candidates: each customer once, under their most pressing reason. */
export function rankFocus(candidates: readonly FocusCandidate[], now: number, limit: number, o: FocusOptions = DEFAULT_FOCUS_OPTIONS): FocusEntry[] {
  const entries: Omit<FocusEntry, 'rank'>[] = [];
  for (const c of candidates) {
    const best = reasonsFor(c, now, o).sort((a, b) => b.urgency - a.urgency)[0];
    if (!best) continue;
    const value = best.value ?? focusValue(c);
    entries.push({
      customerId: c.customerId, name: c.name, score: round(value * best.urgency), value: round(value), urgency: round(best.urgency),
      reason: best.reason, action: best.action, trustLevel: c.trustLevel, rfmSegment: c.rfmSegment,
      lastContactAt: c.lastContactAt === null ? null : new Date(c.lastContactAt).toISOString(),
    });
  }
  entries.sort((a, b) => b.score - a.score || a.customerId - b.customerId);
  return entries.slice(0, limit).map((e, i) => ({ rank: i + 1, ...e }));
}
