/**
 * The demo workspace as data: staff, channels, customers and six months of events in the
 * envelope of DESIGN §3. Pure and deterministic: the same options give byte-identical
 * output (a seeded PRNG, no clock; the end date is an input).
 */
import type { EventEnvelope } from '../events/index.ts';
import type { Identity } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { DAY_MS, demoCalendar, formatInstant } from './calendar.ts';
import { CHANNELS, PRODUCTS, STAFF, type DemoChannel, type DemoStaff } from './catalogue.ts';
import { emit, wecom, type Person, type Platform, type World } from './life.ts';
import { demoName, type Gender } from './names.ts';
import { assignPersonas, isWecomPersona, MIN_CUSTOMERS, type Persona } from './personas.ts';
import { createRng, type Rng } from './random.ts';
import { live } from './timelines.ts';

export interface DemoOptions {
  seed: number;
  customers?: number;
  months?: number;
  /** YYYY-MM-DD: the history ends at the start of this day in Asia/Shanghai. */
  endDate: string;
}

export interface DemoPerson {
  key: string;
  persona: Persona;
  name: string;
  gender: Gender;
  /** The staff member they added on WeCom; none for shop-only buyers. */
  staffId: string | undefined;
  channel: string | undefined;
  /** 人群 as their staff member would tag them, when the staff member knows them well enough. */
  audience: string | undefined;
  /** Product interests (兴趣) from what they read and bought. */
  interests: string[];
  /** The identity that finds them in the workspace once the events are in. */
  lookup: Identity;
  /** Key of the person who referred them (channel 老带新). */
  referredBy: string | undefined;
}

export interface DemoData {
  seed: number;
  startDate: string;
  endDate: string;
  staff: DemoStaff[];
  channels: DemoChannel[];
  people: DemoPerson[];
  events: EventEnvelope[];
}

export const DEFAULT_CUSTOMERS = 5000;
export const MAX_CUSTOMERS = 200_000;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

/** Identities are drawn from one stream and kept unique: two people sharing a phone would merge. */
function identityMaker(rng: Rng) {
  const used = new Set<string>();
  const unique = (make: () => string) => {
    for (;;) {
      const v = make();
      if (!used.has(v)) {
        used.add(v);
        return v;
      }
    }
  };
  const chars = (n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[Math.floor(rng.next() * alphabet.length)]).join('');
  return {
    externalUserId: () => unique(() => `wm${chars(26)}`),
    unionId: () => unique(() => `o${chars(5)}${chars(22, `${ALNUM}-_`)}`),
    phone: () => unique(() => `${rng.pick(MOBILE_PREFIXES)}${chars(8, '0123456789')}`),
    youzanId: () => unique(() => String(rng.int(1_000_000_000, 9_999_999_999))),
    tmallId: () => unique(() => `tb${chars(10, '0123456789')}`),
  };
}

function validateOptions(o: DemoOptions): { seed: number; customers: number; months: number } {
  const customers = o.customers ?? DEFAULT_CUSTOMERS;
  const months = o.months ?? 6;
  if (!Number.isSafeInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
    throw new SiyuError('bad_request', `seed must be a whole number from 0 to 4294967295, got ${o.seed}`);
  }
  if (!Number.isInteger(customers) || customers < MIN_CUSTOMERS || customers > MAX_CUSTOMERS) {
    throw new SiyuError('bad_request', `customers must be a whole number from ${MIN_CUSTOMERS} to ${MAX_CUSTOMERS}, got ${customers}`);
  }
  if (!Number.isInteger(months) || months < 3 || months > 24) {
    throw new SiyuError('bad_request', `months must be a whole number from 3 to 24, got ${months}`);
  }
  return { seed: o.seed, customers, months };
}

export function generateDemo(options: DemoOptions): DemoData {
  const { seed, customers, months } = validateOptions(options);
  const cal = demoCalendar(options.endDate, months);
  const world: World = { seed, cal, drafts: [], seq: 0, orders: 0 };
  const rng = createRng(seed, 0);
  const ids = identityMaker(createRng(seed, 1));
  const personas = assignPersonas(customers, rng);

  const people: Person[] = personas.map((persona, index) => {
    const r = createRng(seed, index + 2);
    const { name, gender } = demoName(r);
    const wecomFriend = isWecomPersona(persona);
    const staff = r.weighted(STAFF.map((s) => [s, s.share] as const));
    return {
      index, key: `c${String(index + 1).padStart(5, '0')}`, persona, name, gender,
      staff: { staffId: staff.staffId, name: staff.name },
      channel: undefined,
      externalUserId: wecomFriend ? ids.externalUserId() : undefined,
      unionId: persona === 'twoRecords' || (wecomFriend && r.chance(0.2)) ? ids.unionId() : undefined,
      phone: ids.phone(),
      youzanId: ids.youzanId(),
      tmallId: ids.tmallId(),
      shopPlatform: r.weighted<Platform>([['youzan', 0.55], ['store', 0.25], ['tmall', 0.2]]),
      audience: undefined,
      interests: new Set(),
      addedAt: undefined,
      phoneKnown: false,
      addedDraft: undefined,
      firstOrderAt: undefined,
      lastAt: cal.startMs,
      conversations: 0,
    };
  });
  people.forEach((p) => live(world, p, createRng(seed, customers + p.index + 2)));
  const referredBy = linkReferrals(world, people, rng);

  world.drafts.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const width = Math.max(6, String(world.drafts.length).length);
  const events: EventEnvelope[] = world.drafts.map((d, n) => ({
    id: `demo-${seed}-${String(n + 1).padStart(width, '0')}`,
    type: d.type,
    occurredAt: formatInstant(d.at),
    customer: d.customer,
    ...(d.staffId ? { staffId: d.staffId } : {}),
    ...(d.touchpoint ? { touchpoint: d.touchpoint } : {}),
    data: d.data,
  }));

  return {
    seed,
    startDate: cal.startDate,
    endDate: cal.endDate,
    staff: STAFF.map((s) => ({ staffId: s.staffId, name: s.name })),
    channels: CHANNELS.map((c) => ({ channel: c.channel, name: c.name, fixedCostFen: c.fixedCostFen, trafficCostFen: c.trafficCostFen })),
    people: people.map((p) => ({
      key: p.key,
      persona: p.persona,
      name: p.name,
      gender: p.gender,
      staffId: p.externalUserId ? p.staff.staffId : undefined,
      channel: p.channel,
      audience: p.audience,
      interests: [...new Set([...p.interests].map((k) => PRODUCTS[k].interest))].sort(),
      lookup: lookupOf(p),
      referredBy: referredBy.get(p.key),
    })),
    events,
  };
}

function lookupOf(p: Person): Identity {
  if (p.externalUserId) return { kind: 'external_user_id', value: p.externalUserId };
  if (p.shopPlatform === 'tmall') return { kind: 'buyer_id', value: `tmall:${p.tmallId}` };
  return { kind: 'phone', value: `+86${p.phone}` };
}

/**
 * People who came through 老带新 were referred by a buyer who had bought before: the
 * referrer's referral.made names the friend by phone, and the friend's contact.added
 * carries the same phone, so both land on one customer. Super users refer most.
 */
function linkReferrals(w: World, people: Person[], rng: Rng): Map<string, string> {
  const referrers = people.filter((p) => (p.persona === 'superUser' || p.persona === 'repeat') && p.firstOrderAt !== undefined);
  const out = new Map<string, string>();
  for (const friend of people) {
    if (friend.channel !== 'referral' || friend.addedAt === undefined) continue;
    const candidates = referrers.filter((r) => r.firstOrderAt! < friend.addedAt! - 3 * DAY_MS);
    if (candidates.length === 0) {
      friend.channel = 'qr-moments-ad';
      if (friend.addedDraft) friend.addedDraft.data.channel = friend.channel;
      continue;
    }
    const referrer = rng.weighted(candidates.map((c) => [c, c.persona === 'superUser' ? 3 : 1] as const));
    const at = Math.max(friend.addedAt - rng.int(2, 48) * 3_600_000, referrer.firstOrderAt! + 3_600_000);
    emit(w, referrer, {
      at, type: 'referral.made', customer: wecom(referrer), staffId: referrer.staff.staffId, touchpoint: 'mini_program',
      data: { referredCustomer: { phone: friend.phone, name: friend.name }, campaign: 'old-brings-new' },
    });
    out.set(friend.key, referrer.key);
  }
  return out;
}
