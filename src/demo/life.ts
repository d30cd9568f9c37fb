/**
 * The building blocks of a demo customer's history: add a staff member, chat, react to
 * Moments, join a group, read, fill a form, pay, get a refund, complain. Each block emits
 * draft events for one person; the generator orders them and gives them ids.
 */
import type { EventType, Touchpoint } from '../events/index.ts';
import { formatFen } from '../shared/money.ts';
import { compactDate, compactDateTime, DAY_MS, dayOf, timeOnDay, type Calendar } from './calendar.ts';
import {
  BASKETS, CAMPAIGNS, CHANNELS, CONTENTS, COUPONS, FORMS, GROUPS, PRODUCTS,
  type ChannelId, type CouponKey, type ProductKey, type StaffId,
} from './catalogue.ts';
import type { Gender } from './names.ts';
import type { Persona } from './personas.ts';
import type { Rng } from './random.ts';
import { COMPLAINTS, GROUP_TEXTS, MOMENT_COMMENTS, WELCOMES, fillStaff, type Script } from './texts.ts';

export interface DemoIdentity {
  externalUserId?: string;
  unionId?: string;
  phone?: string;
  platformIds?: Record<string, string>;
  name?: string;
}

export interface Draft {
  at: number;
  seq: number;
  type: EventType;
  customer: DemoIdentity;
  staffId?: string;
  touchpoint?: Touchpoint;
  data: Record<string, unknown>;
}

export type Platform = 'youzan' | 'store' | 'tmall';

export interface Person {
  index: number;
  key: string;
  persona: Persona;
  name: string;
  gender: Gender;
  staff: { staffId: StaffId; name: string };
  channel: ChannelId | undefined;
  externalUserId: string | undefined;
  unionId: string | undefined;
  /** 11 digits as people type them; the intake normalises to +86… */
  phone: string;
  youzanId: string;
  tmallId: string;
  /** Which shop identities the person's orders carry. */
  shopPlatform: Platform;
  audience: string | undefined;
  interests: Set<ProductKey>;
  addedAt: number | undefined;
  /** The workspace can find this WeCom friend by phone (so shop orders attach to them). */
  phoneKnown: boolean;
  addedDraft: Draft | undefined;
  firstOrderAt: number | undefined;
  lastAt: number;
  conversations: number;
}

export interface World {
  seed: number;
  cal: Calendar;
  drafts: Draft[];
  seq: number;
  orders: number;
}

/** A stable 0–99 from the person, the instant and a salt: choices that must not draw from the generator. */
function hashPct(p: Person, at: number, salt: number): number {
  let h = (Math.imul(p.index + 1, 0x9e3779b1) ^ Math.imul(Math.floor(at / 60_000), 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return (h ^ (h >>> 15)) % 100;
}

export function emit(w: World, p: Person, draft: Omit<Draft, 'seq'>): Draft | undefined {
  // The calendar ends at the demo's end date; blocks are scheduled to fit, this is the guard.
  if (draft.at >= w.cal.endMs || draft.at < w.cal.startMs) return undefined;
  const d = { ...draft, seq: w.seq++ };
  w.drafts.push(d);
  p.lastAt = Math.max(p.lastAt, d.at);
  return d;
}

export const wecom = (p: Person): DemoIdentity => ({ externalUserId: p.externalUserId! });

/** The identity a shop order carries: Youzan and Tmall know the buyer id and the phone, the store the member phone. */
export function shopIdentity(p: Person, platform: Platform): DemoIdentity {
  if (platform === 'store') return { phone: p.phone, name: p.name };
  if (platform === 'youzan') return { phone: p.phone, platformIds: { youzan: p.youzanId }, name: p.name };
  // Tmall hides buyers' phones from shops unless they join the membership: shop-only buyers stay anonymous.
  return p.persona === 'shopOnly'
    ? { platformIds: { tmall: p.tmallId }, name: p.name }
    : { phone: p.phone, platformIds: { tmall: p.tmallId }, name: p.name };
}

const minutes = (n: number) => n * 60_000;

const REFERRAL_ELIGIBLE = new Set<Persona>(['lurker', 'chatter', 'approver', 'refunded', 'oneOff', 'repeat']);

function chooseChannel(r: Rng, p: Person, day: number): ChannelId {
  if (p.persona === 'shopThenWecom') return 'youzan-card';
  if (p.persona === 'twoRecords') return r.pick(['douyin-live', 'xiaohongshu'] as const);
  // Friends are referred once there are buyers to refer them; the weight makes up for the
  // personas and early weeks that cannot be referred, so about 8 % of adds are referrals.
  // 包裹卡 sit in Youzan parcels: only buyers who ordered first come through them.
  const referral = REFERRAL_ELIGIBLE.has(p.persona) && day >= 45;
  return r.weighted(CHANNELS.filter((c) => c.channel !== 'youzan-card' && (c.channel !== 'referral' || referral))
    .map((c) => [c.channel, c.channel === 'referral' ? 0.16 : c.share] as const));
}

/** The person adds their staff member on WeCom; the staff member says hello (mostly). */
export function addContact(w: World, p: Person, r: Rng, at: number, opts: { phone: boolean; welcome?: boolean }): void {
  p.channel ??= chooseChannel(r, p, dayOf(w.cal, at));
  const customer: DemoIdentity = { externalUserId: p.externalUserId!, name: p.name };
  // WeCom reports the unionid of WeChat users when the company has bound its Official Account.
  if (p.unionId) customer.unionId = p.unionId;
  // A referred friend is known by the phone the referrer gave.
  if (opts.phone || p.channel === 'referral') {
    customer.phone = p.phone;
    p.phoneKnown = true;
  }
  const data: Record<string, unknown> = { channel: p.channel };
  if (p.channel === 'douyin-live') data.campaign = 'live-lucky-bag';
  p.addedAt = at;
  p.addedDraft = emit(w, p, {
    at, type: 'contact.added', customer, staffId: p.staff.staffId,
    touchpoint: p.channel === 'qr-store' || p.channel === 'community-event' ? 'store' : 'other', data,
  });
  if (opts.welcome ?? true) {
    emit(w, p, {
      at: at + minutes(r.int(1, 3)), type: 'message.sent', customer: wecom(p), staffId: p.staff.staffId, touchpoint: 'private_chat',
      data: { conversationId: nextConversation(w, p), chatType: 'private', text: fillStaff(r.pick(WELCOMES), p.staff.name) },
    });
  }
}

export function removeContact(w: World, p: Person, r: Rng, fromDay: number, by: 'customer' | 'staff'): void {
  const day = fromDay + r.int(1, 30);
  if (day >= w.cal.days) return;
  emit(w, p, { at: timeOnDay(w.cal, r, day), type: 'contact.removed', customer: wecom(p), staffId: p.staff.staffId, data: { by } });
}

const nextConversation = (w: World, p: Person) => `s${w.seed}-${p.key}-${++p.conversations}`;

/**
 * How slowly each demo staff member answers (a multiple of 1–12 minutes): a quick pair and a
 * slow pair, so the responsiveness board has someone to praise and someone to coach.
 */
const REPLY_PACE: Partial<Record<StaffId, number>> = { zhangwei: 1, lina: 2, wangfang: 6, liuyang: 15 };

/**
 * One private chat session on `day`: the script's first `turns` turns, replies minutes
 * apart. Skipped whole when it would run past the end of the demo, so its rounds stay intact.
 */
export function chat(w: World, p: Person, r: Rng, day: number, script: Script, turns = script.length, notBefore = 0): number | undefined {
  let t = Math.max(timeOnDay(w.cal, r, day, true), notBefore + minutes(r.int(5, 90)));
  const times: number[] = [];
  for (let i = 0; i < turns; i++) {
    if (i > 0) t += script[i]![0] === 'c' ? minutes(r.int(1, 40)) : minutes(r.int(1, 12) * (REPLY_PACE[p.staff.staffId] ?? 1));
    times.push(t);
  }
  if (times[times.length - 1]! >= w.cal.endMs) return undefined;
  const conversationId = nextConversation(w, p);
  script.slice(0, turns).forEach(([who, text], i) => {
    emit(w, p, {
      at: times[i]!, type: who === 'c' ? 'message.received' : 'message.sent', customer: wecom(p), staffId: p.staff.staffId,
      touchpoint: 'private_chat', data: { conversationId, chatType: 'private', text: fillStaff(text, p.staff.name) },
    });
  });
  return times[times.length - 1];
}

export function moments(w: World, p: Person, r: Rng, count: number, fromDay: number, toDay: number): void {
  for (let i = 0; i < count; i++) {
    const day = r.int(Math.min(fromDay, toDay), toDay);
    const at = timeOnDay(w.cal, r, day);
    const momentId = `mo-${p.staff.staffId}-${compactDate(w.cal.startMs + day * DAY_MS)}`;
    if (r.chance(0.7)) emit(w, p, { at, type: 'moment.liked', customer: wecom(p), staffId: p.staff.staffId, touchpoint: 'moments', data: { momentId } });
    else emit(w, p, { at, type: 'moment.commented', customer: wecom(p), staffId: p.staff.staffId, touchpoint: 'moments', data: { momentId, text: r.pick(MOMENT_COMMENTS) } });
  }
}

export function joinGroup(w: World, p: Person, r: Rng, group: keyof typeof GROUPS, day: number, messages: number, leave = false): void {
  const g = GROUPS[group];
  const joined = emit(w, p, { at: timeOnDay(w.cal, r, day), type: 'group.joined', customer: wecom(p), staffId: p.staff.staffId, touchpoint: 'group', data: { groupId: g.groupId, groupName: g.name } });
  if (!joined) return;
  let last = joined.at;
  for (let i = 0; i < messages; i++) {
    const at = timeOnDay(w.cal, r, dayOf(w.cal, joined.at) + r.int(1, 60));
    if (at >= w.cal.endMs) continue;
    last = Math.max(last, at);
    emit(w, p, { at, type: 'group.message', customer: wecom(p), touchpoint: 'group', data: { groupId: g.groupId, text: r.pick(GROUP_TEXTS) } });
  }
  if (leave) emit(w, p, { at: last + r.int(1, 20) * DAY_MS, type: 'group.left', customer: wecom(p), touchpoint: 'group', data: { groupId: g.groupId } });
}

export function readContent(w: World, p: Person, r: Rng, count: number, fromDay: number, toDay: number, shareChance = 0.1): void {
  for (let i = 0; i < count; i++) {
    const c = r.pick(CONTENTS);
    const at = timeOnDay(w.cal, r, r.int(Math.min(fromDay, toDay), toDay));
    const productIds = c.products.map((k) => PRODUCTS[k].productId);
    const viewed = emit(w, p, {
      at, type: 'content.viewed', customer: wecom(p), staffId: p.staff.staffId, touchpoint: 'article',
      data: { contentId: c.contentId, productIds, seconds: r.int(8, 240) },
    });
    if (!viewed) continue;
    for (const k of c.products) p.interests.add(k);
    // Some readers click through to a product and a few add it to the cart without paying:
    // the funnel's middle steps. Chosen by a hash, not the generator, so the rest of the
    // demo stays as it was.
    const first = c.products[0];
    if (first !== undefined && hashPct(p, at, 1) < 35) {
      const clickAt = at + minutes(1 + hashPct(p, at, 2) % 9);
      emit(w, p, { at: clickAt, type: 'product.viewed', customer: wecom(p), touchpoint: 'article', data: { productId: PRODUCTS[first].productId, contentId: c.contentId } });
      if (hashPct(p, at, 3) < 40) {
        emit(w, p, { at: clickAt + minutes(1 + hashPct(p, at, 4) % 20), type: 'cart.added', customer: wecom(p), touchpoint: 'mini_program', data: { productId: PRODUCTS[first].productId, qty: 1 } });
      }
    }
    if (r.chance(shareChance)) {
      emit(w, p, { at: at + minutes(r.int(1, 10)), type: 'content.shared', customer: wecom(p), touchpoint: 'article', data: { contentId: c.contentId, productIds } });
    }
  }
}

export function submitForm(w: World, p: Person, r: Rng, day: number, formId: string, customer: DemoIdentity = wecom(p)): void {
  emit(w, p, { at: timeOnDay(w.cal, r, day), type: 'form.submitted', customer, touchpoint: 'mini_program', data: { formId } });
}

/** A mini-program member sign-up tells us the WeCom friend's phone, so shop orders find them. */
export function linkPhone(w: World, p: Person, r: Rng, day: number): void {
  submitForm(w, p, r, day, FORMS.memberSignup, { externalUserId: p.externalUserId!, phone: p.phone, name: p.name });
  p.phoneKnown = true;
}

/** Join the campaign whose week falls in [fromDay, toDay], if there is one. */
export function joinCampaign(w: World, p: Person, r: Rng, fromDay: number, toDay: number): void {
  const open = CAMPAIGNS.filter((c) => {
    const d = Math.floor(c.at * w.cal.days);
    return d >= fromDay && d <= toDay;
  });
  if (open.length === 0) return;
  const c = r.pick(open);
  const day = Math.floor(c.at * w.cal.days) + r.int(0, 6);
  emit(w, p, { at: timeOnDay(w.cal, r, day), type: 'campaign.joined', customer: wecom(p), touchpoint: 'mini_program', data: { campaignId: c.campaignId, campaignName: c.name } });
}

export function issueCoupon(w: World, p: Person, r: Rng, day: number, coupon: CouponKey): void {
  emit(w, p, { at: timeOnDay(w.cal, r, day), type: 'coupon.issued', customer: wecom(p), staffId: p.staff.staffId, touchpoint: 'private_chat', data: { couponId: COUPONS[coupon].couponId } });
}

export interface OrderOptions {
  platform: Platform;
  level: 'low' | 'mid' | 'high';
  lines?: number;
  /** A fixed basket instead of a random one. */
  items?: readonly (readonly [ProductKey, number])[];
  coupon?: CouponKey;
  refund?: 'partial' | 'full';
  complaint?: boolean;
  notBefore?: number;
}

export interface PlacedOrder {
  at: number;
  fen: number;
  refundedFen: number;
}

function orderId(w: World, platform: Platform, at: number): string {
  const n = ++w.orders;
  if (platform === 'youzan') return `E${compactDateTime(at)}${String(n).padStart(6, '0')}`;
  if (platform === 'tmall') return `${compactDate(at).slice(2)}${String(w.seed % 1000).padStart(3, '0')}${String(n).padStart(8, '0')}`;
  return `POS${compactDate(at)}-${String(n).padStart(5, '0')}`;
}

/** Pay for a basket; optionally a coupon, a complaint, and a partial or full refund days later. */
export function placeOrder(w: World, p: Person, r: Rng, day: number, o: OrderOptions): PlacedOrder | undefined {
  const at = Math.max(timeOnDay(w.cal, r, day), (o.notBefore ?? 0) + minutes(r.int(10, 180)));
  if (at >= w.cal.endMs) return undefined;
  const basket: readonly (readonly [ProductKey, number | undefined])[] = o.items ?? r.sample(BASKETS[o.level], o.lines ?? (o.level === 'low' ? 1 : r.int(1, 2))).map((k) => [k, undefined] as const);
  const items = basket.map(([k, fixedQty]) => {
    const pr = PRODUCTS[k];
    const qty = fixedQty ?? (o.level === 'low' ? 1 : r.weighted([[1, 0.75], [2, 0.2], [3, 0.05]]));
    p.interests.add(k);
    return { sku: pr.sku, productId: pr.productId, qty, price: formatFen(pr.priceFen), fen: pr.priceFen * qty };
  });
  const gross = items.reduce((s, i) => s + i.fen, 0);
  const coupon = o.coupon && gross >= COUPONS[o.coupon].minFen ? COUPONS[o.coupon] : undefined;
  const fen = gross - (coupon?.offFen ?? 0);
  const id = orderId(w, o.platform, at);
  const customer = shopIdentity(p, o.platform);
  if (coupon) emit(w, p, { at: at - minutes(1), type: 'coupon.redeemed', customer, touchpoint: 'shop', data: { couponId: coupon.couponId, orderId: id } });
  const paid = emit(w, p, {
    at, type: 'order.paid', customer, touchpoint: o.platform === 'store' ? 'store' : 'shop',
    ...(o.platform === 'store' ? { staffId: p.staff.staffId } : {}),
    data: { orderId: id, amount: formatFen(fen), platform: o.platform, items: items.map(({ fen: _, ...i }) => i), ...(coupon ? { couponId: coupon.couponId } : {}) },
  });
  if (!paid) return undefined;
  p.firstOrderAt = Math.min(p.firstOrderAt ?? at, at);
  // A WeCom friend buying online clicked the product and added it to the cart first; some share afterwards.
  if (p.externalUserId !== undefined && p.addedAt !== undefined && p.addedAt < at - minutes(30) && o.platform !== 'store') {
    const item = items[0]!;
    emit(w, p, { at: at - minutes(6 + hashPct(p, at, 5) % 20), type: 'product.viewed', customer: wecom(p), touchpoint: 'mini_program', data: { productId: item.productId } });
    emit(w, p, { at: at - minutes(2 + hashPct(p, at, 6) % 4), type: 'cart.added', customer: wecom(p), touchpoint: 'mini_program', data: { productId: item.productId, qty: item.qty } });
    const c = CONTENTS.find((x) => x.products.some((k) => PRODUCTS[k].productId === item.productId));
    if (c && hashPct(p, at, 7) < 12) {
      emit(w, p, { at: at + minutes(20 + hashPct(p, at, 8)), type: 'content.shared', customer: wecom(p), touchpoint: 'article', data: { contentId: c.contentId, productIds: c.products.map((k) => PRODUCTS[k].productId) } });
    }
  }

  let after = at;
  const complaint = o.complaint ? r.pick(COMPLAINTS) : undefined;
  if (complaint && p.externalUserId !== undefined) {
    const end = chat(w, p, r, dayOf(w.cal, at) + r.int(1, 3), complaint.script, complaint.script.length, at);
    if (end !== undefined) {
      after = end;
      emit(w, p, { at: end + minutes(1), type: 'complaint.filed', customer: wecom(p), staffId: p.staff.staffId, touchpoint: 'private_chat', data: { reason: complaint.reason, orderId: id } });
    }
  }
  let refundedFen = 0;
  if (o.refund) {
    const line = items.length > 1 ? items[items.length - 1]!.fen : 0;
    const partial = line > 0 ? line : Math.max(500, Math.round((fen * r.int(10, 30)) / 10_000) * 100);
    const refundFen = o.refund === 'full' || partial >= fen ? fen : partial;
    const refundAt = Math.max(after + minutes(r.int(10, 240)), at + r.int(1, 3) * DAY_MS);
    if (refundAt < w.cal.endMs) refundedFen = refundFen;
    emit(w, p, {
      at: refundAt, type: 'order.refunded', customer, touchpoint: o.platform === 'store' ? 'store' : 'shop',
      data: { orderId: id, amount: formatFen(refundFen), reason: complaint?.reason ?? (o.refund === 'full' ? '不想要了' : '坏果补偿') },
    });
  }
  return { at, fen, refundedFen };
}
