/**
 * Six months in the life of each persona (see personas.ts for the shares and the levels
 * they are built to reach). Windows are in days of the calendar; D is its length.
 */
import { AUDIENCES, FORMS, type CouponKey } from './catalogue.ts';
import { dayBetween, dayOf, timeOnDay } from './calendar.ts';
import {
  addContact, chat, issueCoupon, joinCampaign, joinGroup, linkPhone, moments, placeOrder, readContent, removeContact,
  submitForm, type OrderOptions, type Person, type Platform, type World,
} from './life.ts';
import type { Rng } from './random.ts';
import { AFTER_PURCHASE, CARE_CHATS, CUSTOMER_QUESTIONS, INTENT_QUESTIONS, REGULAR_CHATS, type Script } from './texts.ts';

type Ctx = { w: World; p: Person; r: Rng; D: number };

/** `n` days in [from, to], sorted; distinct while the range allows. */
function daysIn(c: Ctx, n: number, from: number, to: number): number[] {
  const lo = Math.max(0, Math.ceil(from));
  const hi = Math.max(lo, Math.min(c.D - 1, Math.floor(to)));
  const range = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const out = c.r.sample(range, n);
  while (out.length < n) out.push(c.r.int(lo, hi));
  return out.sort((a, b) => a - b);
}

const added = (c: Ctx, day: number, phone: number, extra: { welcome?: boolean } = {}) =>
  addContact(c.w, c.p, c.r, timeOnDay(c.w.cal, c.r, day), { phone: c.r.chance(phone), ...extra });

const audience = (c: Ctx, business = 1) =>
  (c.p.audience = c.r.weighted(AUDIENCES.map(([a, s]) => [a, a === '企业客户' ? s * business : s] as const)));

/** A WeCom friend who will buy: the phone is known before the first order, from the add or a sign-up form. */
function buyer(c: Ctx, addedDay: number): void {
  added(c, addedDay, 0.55);
  if (!c.p.phoneKnown) linkPhone(c.w, c.p, c.r, addedDay + 1);
}

const platformFor = (c: Ctx): Platform =>
  c.r.chance(0.8) ? c.p.shopPlatform : c.r.weighted([['youzan', 0.5], ['store', 0.35], ['tmall', 0.15]]);

/** The usual extras of a friend: Moments, a group, articles, a campaign. */
function social(c: Ctx, from: number, o: { moments: [number, number]; group?: number; reads?: [number, number]; share?: number; campaign?: number; span?: [number, number] }) {
  const { w, p, r, D } = c;
  if (from > D - 1) return;
  // Attention fades: most people interact for a few weeks or months after they add.
  const until = Math.min(D - 1, from + r.int(...(o.span ?? [20, 150])));
  moments(w, p, r, r.int(...o.moments), from, until);
  if (o.group && r.chance(o.group)) joinGroup(w, p, r, r.pick(['fans1', 'fans2', 'store'] as const), from + r.int(0, 5), r.int(0, 3), r.chance(0.12));
  if (o.reads) readContent(w, p, r, r.int(...o.reads), from, until, o.share ?? 0.1);
  if (o.campaign && r.chance(o.campaign)) joinCampaign(w, p, r, from, until);
}

export function live(w: World, p: Person, r: Rng): void {
  const c: Ctx = { w, p, r, D: w.cal.days };
  PERSONA_LIVES[p.persona](c);
}

const PERSONA_LIVES: Record<Person['persona'], (c: Ctx) => void> = {
  stranger(c) {
    const { w, p, r, D } = c;
    const day = r.int(0, D - 1);
    added(c, day, 0.15, { welcome: r.chance(0.75) });
    if (r.chance(0.3)) issueCoupon(w, p, r, day + r.int(0, 2), 'newcomer');
    // A follow-up nobody answered.
    if (r.chance(0.3)) chat(w, p, r, day + r.int(5, 40), r.pick(CARE_CHATS), 1);
    // Some strangers warm up a little later: one like on a Moments post (the ladder's L1).
    if (r.chance(0.12)) moments(w, p, r, 1, day + 7, Math.min(D - 1, day + 90));
    if (r.chance(0.12)) removeContact(w, p, r, dayOf(w.cal, p.lastAt), 'customer');
    else if (r.chance(0.02)) removeContact(w, p, r, dayOf(w.cal, p.lastAt), 'staff');
  },

  lurker(c) {
    const { w, p, r, D } = c;
    const day = r.int(0, D - 8);
    added(c, day, 0.2);
    if (r.chance(0.3)) audience(c);
    social(c, day + 1, { moments: [1, 5], group: 0.5, reads: [0, 2], share: 0.05, campaign: 0.1 });
    const kind = r.next();
    const chatDay = dayBetween(w.cal, r, day + 1, day + 60);
    // Now and then the check-ins turn into real conversations (two of them: the ladder's L2).
    if (kind < 0.06) {
      const end = chat(w, p, r, chatDay, r.pick(CARE_CHATS));
      if (end !== undefined) chat(w, p, r, dayOf(w.cal, end) + r.int(3, 20), r.pick(CARE_CHATS), undefined, end);
    } else if (kind < 0.45) chat(w, p, r, chatDay, r.pick(CARE_CHATS), 2);
    else if (kind < 0.6) chat(w, p, r, chatDay, r.pick(CUSTOMER_QUESTIONS), 2);
    if (r.chance(0.06)) removeContact(w, p, r, dayOf(w.cal, p.lastAt), 'customer');
  },

  chatter(c) {
    const { w, p, r, D } = c;
    const day = r.int(0, D - 15);
    added(c, day, 0.3);
    audience(c);
    const [first, ...rest] = daysIn(c, r.int(2, 4), day + 1, day + r.int(20, 150));
    chat(w, p, r, first!, r.pick(CARE_CHATS));
    let asked = false;
    for (const d of rest) {
      if (!asked && r.chance(0.35)) {
        asked = true;
        chat(w, p, r, d, r.pick(CUSTOMER_QUESTIONS));
      } else {
        chat(w, p, r, d, r.pick(CARE_CHATS), r.pick([2, 4]));
      }
    }
    social(c, day + 1, { moments: [0, 4], group: 0.3, reads: [0, 3], campaign: 0.2 });
  },

  approver(c) {
    const { w, p, r, D } = c;
    const day = r.int(0, D - 12);
    added(c, day, 0.35);
    audience(c);
    const variant = r.weighted([['self-started', 0.4], ['asked', 0.4], ['both', 0.2]] as const);
    const sessions: [Script, number][] = [];
    const questions = variant === 'asked' ? 0 : variant === 'both' ? 2 : r.int(2, 3);
    const intents = variant === 'self-started' ? 0 : variant === 'both' ? 1 : r.int(1, 2);
    for (const s of r.sample(CUSTOMER_QUESTIONS, questions)) sessions.push([s, s.length]);
    for (const s of r.sample(INTENT_QUESTIONS, intents)) sessions.push([s, r.int(2, s.length)]);
    for (let i = r.int(0, 2); i > 0; i--) sessions.push([r.pick(CARE_CHATS), r.pick([2, 4])]);
    r.shuffle(sessions);
    daysIn(c, sessions.length, day + 1, day + r.int(10, 120)).forEach((d, i) => chat(w, p, r, d, sessions[i]![0], sessions[i]![1]));
    social(c, day + 1, { moments: [0, 3], group: 0.4, reads: [1, 4], share: 0.2, campaign: 0.4 });
    if (r.chance(0.3)) submitForm(w, p, r, r.int(day + 1, D - 1), r.pick([FORMS.giftboxBooking, FORMS.tasteSurvey]));
    if (r.chance(0.5)) issueCoupon(w, p, r, day + r.int(1, 10), 'newcomer');
  },

  refunded(c) {
    const { w, p, r, D } = c;
    const day = r.int(0, D - 40);
    buyer(c, day);
    audience(c);
    const askDay = day + r.int(2, 10);
    const asked = chat(w, p, r, askDay, r.pick(INTENT_QUESTIONS));
    placeOrder(w, p, r, askDay + r.int(0, 5), {
      platform: platformFor(c), level: r.pick(['mid', 'high'] as const), refund: 'full', complaint: r.chance(0.5), notBefore: asked ?? 0,
    });
    social(c, day + 1, { moments: [0, 2], reads: [0, 2] });
  },

  oneOff(c) {
    const { w, p, r, D } = c;
    const recent = r.chance(0.45);
    const orderDay = recent ? dayBetween(w.cal, r, D - 45, D - 2) : dayBetween(w.cal, r, 5, D - 75);
    const day = Math.max(0, orderDay - r.int(2, 40));
    buyer(c, day);
    audience(c);
    const asked = r.chance(0.7) ? chat(w, p, r, dayBetween(w.cal, r, day + 2, orderDay), r.pick(INTENT_QUESTIONS)) : undefined;
    const coupon: CouponKey | undefined = r.chance(0.3) ? 'newcomer' : undefined;
    if (coupon) issueCoupon(w, p, r, day + 1, coupon);
    const refund = r.chance(0.07) ? ('partial' as const) : undefined;
    const order = placeOrder(w, p, r, Math.max(orderDay, day + 2), {
      platform: platformFor(c), level: r.chance(0.35) ? 'high' : 'low', lines: 1 + (r.chance(0.3) ? 1 : 0),
      ...(coupon ? { coupon } : {}), ...(refund ? { refund, complaint: r.chance(0.6) } : {}), notBefore: asked ?? 0,
    });
    if (order && r.chance(0.6)) chat(w, p, r, dayOf(w.cal, order.at) + r.int(1, 3), r.pick(AFTER_PURCHASE), undefined, order.at);
    social(c, day + 1, { moments: [0, 4], group: 0.3, reads: [0, 3], campaign: 0.2 });
  },

  repeat(c) {
    const { w, p, r, D } = c;
    const recent = r.chance(0.55);
    const cheap = r.chance(0.45);
    const n = cheap ? r.int(3, 5) : r.int(2, 4);
    const last = recent ? dayBetween(w.cal, r, D - 40, D - 1) : dayBetween(w.cal, r, D - 150, D - 80);
    const days = [...daysIn(c, n - 1, Math.max(3, last - 120), last - 5), last];
    const day = Math.max(0, days[0]! - r.int(2, 20));
    buyer(c, day);
    audience(c);
    // Near misses for L5: two complaints this year.
    const complaints = !cheap && r.chance(0.12) ? r.sample(days.map((_, i) => i), 2) : [];
    const asked = r.chance(0.6) ? chat(w, p, r, dayBetween(w.cal, r, day + 2, days[0]!), r.pick(INTENT_QUESTIONS)) : undefined;
    days.forEach((d, i) => {
      const complaint = complaints.includes(i);
      const refund = complaint || r.chance(0.06) ? 'partial' : i < n - 1 && r.chance(0.02) ? 'full' : undefined;
      const coupon: CouponKey | undefined = i > 0 && r.chance(0.25) ? (cheap ? 'repurchase' : 'vip') : undefined;
      if (coupon) issueCoupon(w, p, r, d - r.int(1, 5), coupon);
      const o: OrderOptions = {
        platform: platformFor(c), level: cheap ? 'low' : r.pick(['mid', 'high'] as const),
        ...(coupon ? { coupon } : {}), ...(refund ? { refund } : {}), complaint: complaint || (refund === 'partial' && r.chance(0.4)),
        ...(i === 0 && asked !== undefined ? { notBefore: asked } : {}),
      };
      const order = placeOrder(w, p, r, d, o);
      if (order && r.chance(0.5)) chat(w, p, r, dayOf(w.cal, order.at) + r.int(1, 3), r.pick(AFTER_PURCHASE), undefined, order.at);
      if (i === 1 && r.chance(0.5)) joinGroup(w, p, r, 'vip', d + r.int(0, 3), r.int(1, 4));
    });
    for (let k = r.int(0, 2); k > 0; k--) chat(w, p, r, r.int(days[0]!, last), r.pick(REGULAR_CHATS));
    if (recent && r.chance(0.6)) chat(w, p, r, dayBetween(w.cal, r, D - 60, D - 1), r.pick(REGULAR_CHATS));
    social(c, day + 1, { moments: [1, 6], group: 0.3, reads: [0, 4], share: 0.15, campaign: 0.4, span: [60, D] });
    if (r.chance(0.2)) submitForm(w, p, r, r.int(day + 1, D - 1), FORMS.tasteSurvey);
  },

  superUser(c) {
    const { w, p, r, D } = c;
    const day = r.int(0, Math.min(40, Math.floor(D / 4)));
    buyer(c, day);
    audience(c, 3);
    const n = r.int(4, 9);
    const last = dayBetween(w.cal, r, D - 30, D - 1);
    const recentCount = Math.min(n - 1, r.int(2, 4));
    const early = D - 91 > day + 2 ? daysIn(c, n - 1 - recentCount, day + 2, D - 91) : daysIn(c, n - 1 - recentCount, day + 2, last - 3);
    const days = [...early, ...daysIn(c, recentCount, D - 89, last - 3), last].sort((a, b) => a - b);
    const complaintAt = r.chance(0.15) ? r.int(0, n - 1) : -1;
    const asked = chat(w, p, r, dayBetween(w.cal, r, day + 1, days[0]!), r.pick(INTENT_QUESTIONS));
    let spent = 0;
    days.forEach((d, i) => {
      // Falling behind ¥1,500 over the orders: a bigger basket.
      const topUp = spent < ((i + 1) * 150_000) / n;
      const coupon: CouponKey | undefined = i > 0 && r.chance(0.3) ? 'vip' : undefined;
      if (coupon) issueCoupon(w, p, r, d - r.int(1, 5), coupon);
      const order = placeOrder(w, p, r, d, {
        platform: platformFor(c), level: topUp ? 'high' : r.pick(['mid', 'high'] as const), lines: topUp ? r.int(2, 3) : r.int(1, 3),
        ...(coupon ? { coupon } : {}), ...(i === complaintAt ? { refund: 'partial' as const, complaint: true } : {}),
        ...(i === 0 && asked !== undefined ? { notBefore: asked } : {}),
      });
      spent += order ? order.fen - order.refundedFen : 0;
      if (order && r.chance(0.4)) chat(w, p, r, dayOf(w.cal, order.at) + r.int(1, 3), r.pick(AFTER_PURCHASE), undefined, order.at);
      if (i === 1) joinGroup(w, p, r, 'vip', d + r.int(0, 3), r.int(2, 6));
    });
    // Super users are in the top fifth by spend (about ¥1,100 in this shop); one whose
    // refunds or small baskets left them short orders gift boxes for their company.
    if (spent < 180_000) {
      placeOrder(w, p, r, dayBetween(w.cal, r, D - 60, D - 1), { platform: 'youzan', level: 'high', items: [['giftboxLux', Math.ceil((180_000 - spent) / 59_800)]] });
    }
    for (const d of daysIn(c, r.int(1, 4), days[0]!, D - 1)) chat(w, p, r, d, r.pick(REGULAR_CHATS));
    // A private chat in the last 90 days is part of L5.
    chat(w, p, r, dayBetween(w.cal, r, D - 30, D - 1), r.pick(REGULAR_CHATS));
    social(c, day + 1, { moments: [3, 10], group: 0.5, reads: [2, 6], share: 0.35, campaign: 0.8, span: [D, D] });
    if (r.chance(0.4)) submitForm(w, p, r, r.int(day + 1, D - 1), r.pick([FORMS.tasteSurvey, FORMS.giftboxBooking]));
  },

  shopThenWecom(c) {
    const { w, p, r, D } = c;
    const first = placeOrder(w, p, r, r.int(0, D - 20), { platform: 'youzan', level: r.pick(['low', 'mid'] as const) });
    if (!first) return;
    // The parcel carries a 包裹卡 with a QR code: the buyer adds a staff member, WeCom shows their phone.
    const day = dayOf(w.cal, first.at) + r.int(2, 6);
    added(c, day, 1);
    audience(c);
    if (r.chance(0.6)) chat(w, p, r, day + r.int(0, 2), r.pick(AFTER_PURCHASE), undefined, p.addedAt);
    if (r.chance(0.5)) placeOrder(w, p, r, dayBetween(w.cal, r, day + 3, D - 1), { platform: 'youzan', level: r.pick(['low', 'mid'] as const) });
    social(c, day + 1, { moments: [0, 3], group: 0.2, reads: [0, 2] });
  },

  shopOnly(c) {
    const { w, p, r, D } = c;
    const n = r.weighted([[1, 0.6], [2, 0.28], [3, 0.12]]);
    daysIn(c, n, 0, D - 1).forEach((d, i) => {
      const refund = r.chance(0.05) ? 'partial' : i < n - 1 && r.chance(0.03) ? 'full' : undefined;
      placeOrder(w, p, r, d, {
        platform: p.shopPlatform, level: r.weighted([['low', 0.5], ['mid', 0.35], ['high', 0.15]] as const), ...(refund ? { refund } : {}),
      });
    });
  },

  twoRecords(c) {
    const { w, p, r, D } = c;
    // Record 1: a WeCom friend from a live stream, known by external id and unionid.
    const day = r.int(0, D - 60);
    added(c, day, 0);
    audience(c);
    chat(w, p, r, day + r.int(1, 5), r.pick(CARE_CHATS));
    // Record 2: a Youzan order under their phone, which WeCom does not know yet.
    const order = placeOrder(w, p, r, day + r.int(3, 15), { platform: 'youzan', level: r.pick(['low', 'mid', 'high'] as const) });
    if (!order) return;
    // Weeks later the mini-program sign-up shows unionid and phone together: one person.
    const linkDay = dayBetween(w.cal, r, dayOf(w.cal, order.at) + 21, D - 10);
    submitForm(w, p, r, linkDay, FORMS.memberSignup, { unionId: p.unionId!, phone: p.phone, name: p.name });
    if (r.chance(0.6)) {
      const again = placeOrder(w, p, r, dayBetween(w.cal, r, linkDay + 2, D - 1), { platform: 'youzan', level: r.pick(['mid', 'high'] as const) });
      if (again) chat(w, p, r, dayOf(w.cal, again.at) + r.int(1, 3), r.pick(AFTER_PURCHASE), undefined, again.at);
    }
    social(c, day + 1, { moments: [0, 4], reads: [0, 2] });
  },
};
