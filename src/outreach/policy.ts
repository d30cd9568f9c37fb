/**
 * The contact policy (DESIGN §2.5): whether one outbound touch to one customer may go out,
 * and when. Pure: plain data and a clock value in, a decision out.
 *
 * Order of the checks, and why:
 *  1. trust — marketing content only from the minimum trust level (default L3); a stranger
 *     must not be sold to, whenever the touch would go out.
 *  2. quiet hours — a touch due inside them (default 22:00–08:00, workspace time zone) is
 *     DEFERRED to their end, never dropped. The later checks judge the deferred time.
 *  3. WeCom's platform limit — one enterprise mass message (private chat) per customer per
 *     local day. WeCom itself refuses the second one, so a second mass message that day is
 *     SUPPRESSED (code mass_daily_limit), not deferred: deferring would silently push
 *     yesterday's campaign into tomorrow's slot.
 *  4. frequency cap — at most N marketing touches per customer within a window (default 2
 *     per 7 days). Counted over (at − window, at]: a touch exactly one window ago no longer
 *     counts. Service touches (after-sales, order care) are never capped.
 */
import { localDate, localToInstant } from '../shared/time.ts';

export type Purpose = 'marketing' | 'service';
export type Channel = 'private_chat' | 'moments' | 'group';

export interface ContactPolicy {
  marketingMinTrust: number;
  frequencyCap: { touches: number; windowDays: number };
  quietHours: { enabled: boolean; start: string; end: string };
  /** WeCom: enterprise mass messages per customer per local day; 0 = no limit. */
  massMessagesPerDay: number;
}

export const DEFAULT_CONTACT_POLICY: ContactPolicy = {
  marketingMinTrust: 3,
  frequencyCap: { touches: 2, windowDays: 7 },
  quietHours: { enabled: true, start: '22:00', end: '08:00' },
  massMessagesPerDay: 1,
};

export interface Touch {
  purpose: Purpose;
  channel: Channel;
  /** An enterprise mass message (群发), subject to WeCom's daily limit when in private chat. */
  mass: boolean;
  /** When it is due (epoch ms). */
  at: number;
}

/** What the ledger says about the customer. */
export interface CustomerContactState {
  /** Trust level in force; null when not placed yet (treated as L0). */
  trustLevel: number | null;
  /** Times (epoch ms) of marketing touches planned or sent (not cancelled, failed or suppressed). */
  marketingTouches: readonly number[];
  /** Times of enterprise mass messages planned or sent. */
  massTouches: readonly number[];
}

export type SuppressCode = 'trust_below_min' | 'frequency_cap' | 'mass_daily_limit';

export type PolicyDecision =
  | { allow: true; at: number; deferred: boolean; deferReason?: { code: 'quiet_hours'; zh: string; en: string } }
  | { allow: false; code: SuppressCode; zh: string; en: string; at: number };

const DAY = 86_400_000;

const hm = (t: string): number => {
  const [h, m] = t.split(':').map(Number);
  return h! * 60 + m!;
};

// A mass message judges every recipient at the same instant; Intl formatting is ~10 µs a call,
// so local dates are remembered (bounded) — a deterministic cache, no I/O.
const dates = new Map<string, string>();
function dateOf(timeZone: string, at: number): string {
  const key = `${timeZone}|${at}`;
  let d = dates.get(key);
  if (d === undefined) {
    if (dates.size > 50_000) dates.clear();
    dates.set(key, (d = localDate(timeZone, at)));
  }
  return d;
}

/** Minutes past local midnight and the local calendar date of an instant. */
function localClock(timeZone: string, at: number): { date: string; minutes: number } {
  const date = dateOf(timeZone, at);
  const [y, mo, d] = date.split('-').map(Number);
  const midnight = localToInstant(timeZone, y!, mo!, d!);
  return { date, minutes: Math.floor((at - midnight) / 60_000) };
}

function atLocal(timeZone: string, date: string, minutes: number, plusDays = 0): number {
  const [y, mo, d] = date.split('-').map(Number);
  return localToInstant(timeZone, y!, mo!, d! + plusDays, Math.floor(minutes / 60), minutes % 60);
}

/** The time a touch due at `at` may go out: `at`, or the end of the quiet hours it falls in. */
const quietEnds = new Map<string, number>();
export function quietHoursEnd(policy: ContactPolicy, timeZone: string, at: number): number {
  if (!policy.quietHours.enabled) return at;
  const key = `${timeZone}|${policy.quietHours.start}|${policy.quietHours.end}|${at}`;
  let end = quietEnds.get(key);
  if (end === undefined) {
    if (quietEnds.size > 50_000) quietEnds.clear();
    quietEnds.set(key, (end = computeQuietEnd(policy, timeZone, at)));
  }
  return end;
}

function computeQuietEnd(policy: ContactPolicy, timeZone: string, at: number): number {
  const start = hm(policy.quietHours.start);
  const end = hm(policy.quietHours.end);
  if (start === end) return at;
  const { date, minutes } = localClock(timeZone, at);
  if (start > end) {
    // Over midnight (22:00–08:00): late evening → tomorrow's end; early morning → today's.
    if (minutes >= start) return atLocal(timeZone, date, end, 1);
    if (minutes < end) return atLocal(timeZone, date, end);
    return at;
  }
  return minutes >= start && minutes < end ? atLocal(timeZone, date, end) : at;
}

const trustName = (level: number) => `L${level}`;

export function decideTouch(policy: ContactPolicy, timeZone: string, touch: Touch, customer: CustomerContactState): PolicyDecision {
  const trust = customer.trustLevel ?? 0;
  if (touch.purpose === 'marketing' && trust < policy.marketingMinTrust) {
    return {
      allow: false, code: 'trust_below_min', at: touch.at,
      zh: `信任等级低于 ${trustName(policy.marketingMinTrust)}`,
      en: `trust level below ${trustName(policy.marketingMinTrust)}`,
    };
  }
  const at = quietHoursEnd(policy, timeZone, touch.at);
  if (touch.mass && touch.channel === 'private_chat' && policy.massMessagesPerDay > 0) {
    const day = dateOf(timeZone, at);
    // Touches more than a day and a half away cannot share the local day; skip formatting them.
    const sameDay = customer.massTouches.filter((t) => Math.abs(t - at) < 1.5 * DAY && dateOf(timeZone, t) === day).length;
    if (sameDay >= policy.massMessagesPerDay) {
      return {
        allow: false, code: 'mass_daily_limit', at,
        zh: `企业微信限制：客户每天最多接收 ${policy.massMessagesPerDay} 条群发消息`,
        en: `WeCom allows ${policy.massMessagesPerDay} enterprise mass message${policy.massMessagesPerDay > 1 ? 's' : ''} per customer per day`,
      };
    }
  }
  if (touch.purpose === 'marketing') {
    const { touches, windowDays } = policy.frequencyCap;
    const from = at - windowDays * DAY;
    const recent = customer.marketingTouches.filter((t) => t > from && t <= at).length;
    if (recent >= touches) {
      return {
        allow: false, code: 'frequency_cap', at,
        zh: `${windowDays} 天内营销触达已达 ${touches} 次上限`,
        en: `already ${touches} marketing touches in ${windowDays} days (the cap)`,
      };
    }
  }
  if (at !== touch.at) {
    return {
      allow: true, at, deferred: true,
      deferReason: {
        code: 'quiet_hours',
        zh: `免打扰时段（${policy.quietHours.start}–${policy.quietHours.end}），推迟到 ${policy.quietHours.end}`,
        en: `quiet hours (${policy.quietHours.start}–${policy.quietHours.end}): deferred to ${policy.quietHours.end}`,
      },
    };
  }
  return { allow: true, at, deferred: false };
}

/** The plain words of each suppression code, for counts and reports. */
export const SUPPRESS_LABELS: Record<SuppressCode, { zh: string; en: string }> = {
  trust_below_min: { zh: '信任等级不足', en: 'trust level below the minimum' },
  frequency_cap: { zh: '超过营销频次上限', en: 'marketing frequency cap reached' },
  mass_daily_limit: { zh: '企业微信每日群发限制', en: 'WeCom daily mass-message limit' },
};
