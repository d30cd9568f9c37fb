/**
 * Synthetic event streams for benchmarks: a realistic mix of types over a customer base,
 * deterministic for a seed, generated lazily so a million events never sit in memory.
 */
export interface SyntheticOptions {
  events: number;
  customers: number;
  seed?: number;
  /** Events are spread over the days before this instant. */
  end: number;
  days?: number;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Shares of a private-domain event stream: chat dominates, orders are a few percent.
const MIX: [string, number][] = [
  ['message.received', 0.3], ['message.sent', 0.3], ['moment.liked', 0.08], ['group.message', 0.08],
  ['content.viewed', 0.12], ['order.paid', 0.05], ['order.refunded', 0.005], ['coupon.issued', 0.03],
  ['complaint.filed', 0.003], ['contact.added', 0.022],
];

export function* syntheticEvents(o: SyntheticOptions): Generator<Record<string, unknown>> {
  const r = rng(o.seed ?? 42);
  const days = o.days ?? 180;
  const cumulative: [string, number][] = [];
  let acc = 0;
  for (const [t, w] of MIX) cumulative.push([t, (acc += w)]);
  for (let n = 0; n < o.events; n++) {
    const c = Math.floor(r() * o.customers);
    const x = r() * acc;
    const type = cumulative.find(([, w]) => x < w)![0];
    const at = new Date(o.end - Math.floor(r() * days * 86_400_000)).toISOString();
    const customer = c % 5 === 0 ? { phone: `139${String(c).padStart(8, '0')}` } : { externalUserId: `wm-${c}` };
    const conv = `conv-${c}-${Math.floor(r() * 3)}`;
    const data: Record<string, unknown> =
      type.startsWith('message') ? { conversationId: conv, text: '你好' }
      : type === 'moment.liked' ? { momentId: `m-${Math.floor(r() * 500)}` }
      : type === 'group.message' ? { groupId: `g-${c % 50}` }
      : type === 'content.viewed' ? { contentId: `a-${Math.floor(r() * 200)}` }
      : type === 'order.paid' ? { orderId: `o-${n}`, amount: `${Math.floor(r() * 50000) / 100}` }
      : type === 'order.refunded' ? { orderId: `o-${n - 1 - Math.floor(r() * 1000)}`, amount: '5.00' }
      : type === 'coupon.issued' ? { couponId: `cp-${n % 20}` }
      : type === 'contact.added' ? { channel: `ch-${c % 6}` }
      : {};
    yield { id: `bench-${n}`, type, occurredAt: at, customer, staffId: `staff-${c % 20}`, data };
  }
}
