import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEvent } from '../events/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { INTENT_KEYWORDS } from './catalogue.ts';
import { generateDemo, type DemoData } from './generate.ts';
import { assignPersonas, PERSONAS, type Persona } from './personas.ts';
import { createRng } from './random.ts';
import { peopleOfEvents, rfmSegments, summarise, trustLevels, valueTiers } from './summarise.test-helper.ts';

const endDate = '2026-05-20';
const end = Date.parse(`${endDate}T00:00:00+08:00`);
const cache = new Map<string, DemoData>();
const demo = (seed: number, customers: number, months = 6): DemoData => {
  const key = `${seed}/${customers}/${months}`;
  if (!cache.has(key)) cache.set(key, generateDemo({ seed, customers, months, endDate }));
  return cache.get(key)!;
};
const tally = (values: Iterable<string>) => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

test('the same seed and options give byte-identical output; another seed gives another demo', () => {
  const a = JSON.stringify(generateDemo({ seed: 42, customers: 300, endDate }));
  const b = JSON.stringify(generateDemo({ seed: 42, customers: 300, endDate }));
  const c = JSON.stringify(generateDemo({ seed: 43, customers: 300, endDate }));
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.ok(!c.includes('"demo-42-'), 'event ids carry their seed');
});

test('every event is a valid envelope, in the past of the end date, with a +08:00 offset and a unique id', () => {
  for (const [seed, customers, months] of [[1, 2000, 6], [5, 300, 3], [9, 300, 12]] as const) {
    const d = demo(seed, customers, months);
    const ids = new Set<string>();
    for (const e of d.events) {
      const v = validateEvent(e, { now: end, maxSkewMs: 0 });
      assert.ok(v.ok, `${e.id}: ${v.ok ? '' : v.reason}`);
      assert.match(e.id, new RegExp(`^demo-${seed}-\\d{6,}$`));
      assert.match(e.occurredAt, /\+08:00$/);
      assert.ok(Date.parse(e.occurredAt) < end, `${e.id} at ${e.occurredAt} is not before ${endDate}`);
      ids.add(e.id);
    }
    assert.equal(ids.size, d.events.length);
    assert.ok(d.events.length / customers >= 10 && d.events.length / customers <= 24, `${d.events.length} events for ${customers} customers`);
  }
});

test('bad options are refused with a message naming the option', () => {
  const cases: [object, RegExp][] = [
    [{ seed: 1, endDate: '2026-02-30' }, /not a calendar date/],
    [{ seed: 1, endDate: '20260520' }, /YYYY-MM-DD/],
    [{ seed: -1, endDate }, /seed/],
    [{ seed: 1, customers: 10, endDate }, /customers must be/],
    [{ seed: 1, months: 1, endDate }, /months must be/],
  ];
  for (const [opts, message] of cases) {
    assert.throws(() => generateDemo(opts as Parameters<typeof generateDemo>[0]), (e: unknown) => e instanceof SiyuError && message.test(e.message));
  }
});

test('each persona reaches the trust level it is built for (DESIGN §4.1)', () => {
  const d = demo(1, 2000);
  const facts = summarise(d);
  const levels = trustLevels(facts, endDate);
  const expected: Record<Persona, string[]> = {
    // A stranger may warm up to one like (L1), a lurker's check-ins may become conversations (L2).
    stranger: ['L0', 'L1'], lurker: ['L1', 'L2'], chatter: ['L2'], approver: ['L3'], refunded: ['L3'], oneOff: ['L4'],
    repeat: ['L4', 'L5'], superUser: ['L5'], shopThenWecom: ['L4'], shopOnly: ['L4'], twoRecords: ['L4'],
  };
  for (const f of facts) {
    assert.ok(expected[f.person.persona].includes(levels.get(f.person.key)!), `${f.person.key} (${f.person.persona}) is ${levels.get(f.person.key)}`);
  }
  const shares = tally(levels.values());
  for (const level of ['L0', 'L1', 'L2', 'L3', 'L4', 'L5']) assert.ok((shares[level] ?? 0) >= 0.04 * 2000, `${level}: ${shares[level]}`);
  // The levels come from behaviour, not quotas: some strangers and lurkers moved up on their own.
  const moved = (persona: Persona, level: string) => facts.filter((f) => f.person.persona === persona && levels.get(f.person.key) === level).length;
  assert.ok(moved('stranger', 'L1') > 0 && moved('lurker', 'L2') > 0, `strangers at L1 ${moved('stranger', 'L1')}, lurkers at L2 ${moved('lurker', 'L2')}`);
});

test('personas are drawn, not allotted: counts vary around the shares, and even 50 customers have every kind', () => {
  const counts = tally(demo(1, 2000).people.map((p) => p.persona));
  const off = PERSONAS.filter((p) => counts[p.persona] !== Math.round(p.share * 2000));
  assert.ok(off.length >= PERSONAS.length / 2, `most counts differ from the quota: ${JSON.stringify(counts)}`);
  for (const p of PERSONAS) {
    const expected = p.share * 2000;
    assert.ok(Math.abs(counts[p.persona]! - expected) <= Math.max(12, 0.35 * expected), `${p.persona}: ${counts[p.persona]} vs ${expected}`);
  }
  for (const seed of [1, 2, 3]) {
    assert.deepEqual(new Set(assignPersonas(50, createRng(seed, 0))), new Set(PERSONAS.map((p) => p.persona)), `seed ${seed}`);
  }
});

test('chatters never ask about buying, and approvers start chats or ask', () => {
  const facts = summarise(demo(2, 1000));
  const asks = (texts: string[]) => texts.filter((t) => INTENT_KEYWORDS.some((k) => t.includes(k)));
  for (const f of facts.filter((x) => ['stranger', 'lurker', 'chatter'].includes(x.person.persona))) {
    assert.deepEqual(asks(f.customerTexts), [], `${f.person.key} (${f.person.persona})`);
  }
  const approvers = facts.filter((f) => f.person.persona === 'approver');
  assert.ok(approvers.some((f) => f.customerConversations >= 2 && !f.intent), 'some approvers only start conversations');
  assert.ok(approvers.some((f) => f.intent && f.customerConversations < 2), 'some approvers only ask about buying');
  assert.ok(facts.filter((f) => f.person.persona === 'chatter').every((f) => f.rounds >= 3 && f.customerConversations <= 1));
});

test('all eight RFM segments and all five value tiers are populated', () => {
  const facts = summarise(demo(1, 2000));
  const rfm = tally(rfmSegments(facts, endDate).values());
  for (const r of ['+', '-']) for (const f of ['+', '-']) for (const m of ['+', '-']) {
    assert.ok((rfm[`R${r}F${f}M${m}`] ?? 0) >= 5, `R${r}F${f}M${m}: ${rfm[`R${r}F${f}M${m}`]}`);
  }
  const tiers = tally(valueTiers(facts).values());
  for (const t of ['核心', '高价值', '中等价值', '一般价值', '普通']) assert.ok((tiers[t] ?? 0) >= 20, `${t}: ${tiers[t]}`);
});

test('identities: shop-first buyers, shop-only buyers, and two records a later event proves to be one', () => {
  const d = demo(3, 1000);
  const { personOf, groups } = peopleOfEvents(d);
  assert.equal(groups, 1000, 'identities seen together form exactly one group per person');
  const first = new Map<string, string>();
  for (const e of d.events) if (!first.has(personOf(e).key)) first.set(personOf(e).key, e.type);
  for (const p of d.people.filter((x) => x.persona === 'shopThenWecom')) assert.equal(first.get(p.key), 'order.paid', p.key);

  const shopOnly = d.events.filter((e) => personOf(e).persona === 'shopOnly');
  assert.ok(shopOnly.length > 0 && shopOnly.every((e) => e.customer.externalUserId === undefined && e.type.startsWith('order.')));
  assert.ok(shopOnly.some((e) => e.customer.phone === undefined), 'some shop buyers are known by a buyer id only');

  for (const p of d.people.filter((x) => x.persona === 'twoRecords')) {
    const own = d.events.filter((e) => personOf(e).key === p.key);
    const link = own.find((e) => e.customer.unionId && e.customer.phone)!;
    assert.ok(link, `${p.key} has an event with unionid and phone together`);
    const before = own.filter((e) => e.occurredAt < link.occurredAt);
    assert.ok(before.some((e) => e.customer.unionId && !e.customer.phone), 'first known by WeCom');
    assert.ok(before.some((e) => e.customer.phone && !e.customer.unionId && !e.customer.externalUserId), 'and separately by a shop order');
  }
});

test('referrals name a friend who later adds a staff member through 老带新, after the referrer bought', () => {
  const d = demo(1, 2000);
  const { personOf } = peopleOfEvents(d);
  const referrals = d.events.filter((e) => e.type === 'referral.made');
  assert.ok(referrals.length >= 0.05 * 2000);
  for (const r of referrals) {
    const phone = (r.data as { referredCustomer: { phone: string } }).referredCustomer.phone;
    const added = d.events.find((e) => e.type === 'contact.added' && e.customer.phone === phone)!;
    assert.ok(added && added.occurredAt > r.occurredAt, `${r.id}: the friend adds later`);
    assert.equal((added.data as { channel: string }).channel, 'referral');
    const referrer = personOf(r);
    assert.equal(d.people.find((p) => p.key === personOf(added).key)!.referredBy, referrer.key);
    assert.ok(d.events.some((e) => e.type === 'order.paid' && personOf(e).key === referrer.key && e.occurredAt < r.occurredAt));
  }
});

test('money is exact: amounts are fen-exact decimal strings, lines minus coupon make the total, refunds never exceed it', () => {
  const d = demo(1, 2000);
  const fen = (s: string) => Number(s.replace('.', ''));
  const paid = new Map<string, number>();
  const refunded = new Map<string, number>();
  for (const e of d.events) {
    const data = e.data as { orderId: string; amount: string; items?: { qty: number; price: string }[] };
    if (e.type === 'order.paid') {
      assert.match(data.amount, /^\d+\.\d{2}$/);
      const lines = data.items!.reduce((s, i) => s + i.qty * fen(i.price), 0);
      assert.ok([0, 1000, 2000, 5000].includes(lines - fen(data.amount)), `${data.orderId}: lines ${lines}, amount ${data.amount}`);
      assert.ok(['youzan', 'store', 'tmall'].includes((e.data as { platform: string }).platform));
      paid.set(data.orderId, fen(data.amount));
    }
    if (e.type === 'order.refunded') refunded.set(data.orderId, (refunded.get(data.orderId) ?? 0) + fen(data.amount));
  }
  assert.ok([...refunded].every(([id, f]) => f > 0 && f <= paid.get(id)!));
  assert.ok([...refunded].some(([id, f]) => f === paid.get(id)), 'some orders are fully refunded');
  assert.ok([...refunded].some(([id, f]) => f < paid.get(id)!), 'some are partly refunded');
  assert.deepEqual(d.staff.map((s) => s.staffId), ['zhangwei', 'lina', 'wangfang', 'liuyang']);
  assert.ok(d.channels.every((c) => Number.isSafeInteger(c.fixedCostFen) && Number.isSafeInteger(c.trafficCostFen)));
  const channels = tally(d.people.flatMap((p) => (p.channel ? [p.channel] : [])));
  assert.deepEqual(Object.keys(channels).sort(), d.channels.map((c) => c.channel).sort(), 'every channel brings followers');
});
