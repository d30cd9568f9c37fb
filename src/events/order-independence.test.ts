/**
 * Property: aggregates come out the same whatever the arrival order and batching of
 * events, and equal a full rebuild from the log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openTestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { rebuildCustomers } from '../customers/index.ts';
import { ingestEvents } from './index.ts';

const people = [
  { externalUserId: 'wm-1', phone: '13800000001' },
  { externalUserId: 'wm-2' },
  { phone: '13800000003', platformIds: { youzan: 'y3' } },
];
const types = ['contact.added', 'message.received', 'message.sent', 'moment.liked', 'group.message', 'content.viewed', 'order.paid', 'order.refunded', 'complaint.filed', 'contact.removed'] as const;

const eventArb = fc.record({
  person: fc.integer({ min: 0, max: people.length - 1 }),
  type: fc.constantFrom(...types),
  minute: fc.integer({ min: 0, max: 60 * 24 * 30 }),
  conversation: fc.integer({ min: 0, max: 2 }),
  order: fc.integer({ min: 0, max: 3 }),
  yuan: fc.integer({ min: 1, max: 500 }),
  staff: fc.constantFrom('zhang', 'li'),
});

function toEnvelope(e: fc.Arbitrary<unknown> extends never ? never : { person: number; type: (typeof types)[number]; minute: number; conversation: number; order: number; yuan: number; staff: string }, i: number) {
  const at = new Date(Date.parse('2026-10-01T00:00:00Z') + e.minute * 60_000).toISOString();
  const data: Record<string, unknown> =
    e.type.startsWith('message') ? { conversationId: `c${e.person}-${e.conversation}` }
    : e.type === 'moment.liked' ? { momentId: 'm1' }
    : e.type === 'group.message' ? { groupId: 'g1' }
    : e.type === 'content.viewed' ? { contentId: 'a1' }
    : e.type === 'order.paid' ? { orderId: `o${e.person}-${e.order}`, amount: `${e.yuan}.50` }
    : e.type === 'order.refunded' ? { orderId: `o${e.person}-${e.order}`, amount: String(e.yuan) }
    : e.type === 'contact.added' ? { channel: `ch-${e.staff}` }
    : {};
  return { id: `p${i}`, type: e.type, occurredAt: at, customer: people[e.person], staffId: e.staff, data };
}

const snapshot = async (db: Awaited<ReturnType<typeof openTestStore>>['db'], ws: string) => {
  const aggs = await db.query(
    `SELECT i.value AS who, a.* FROM customer_aggregates a
     JOIN customer_identities i ON i.workspace_id = a.workspace_id AND i.customer_id = a.customer_id AND i.kind IN ('external_user_id', 'buyer_id')
     WHERE a.workspace_id = $1 ORDER BY i.value`, [ws]);
  // The engagement sum is floating point (a score, not money): equal up to rounding.
  return aggs.map(({ workspace_id: _w, customer_id: _c, engagement_log2: e, ...rest }) =>
    ({ ...JSON.parse(JSON.stringify(rest)), engagement_log2: e === null ? null : Number((e as number).toFixed(9)) }));
};

test('aggregates do not depend on arrival order or batching, and equal a rebuild', async () => {
  const store = await openTestStore();
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer(),
        async (events, chunk, seed) => {
          const envelopes = events.map(toEnvelope);
          const sorted = [...envelopes].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
          const shuffled = fc.sample(fc.shuffledSubarray(envelopes, { minLength: envelopes.length, maxLength: envelopes.length }), { seed, numRuns: 1 })[0]!;
          const wsA = `a${run}`;
          const wsB = `b${run++}`;
          await ensureWorkspace(store.db, { workspaceId: wsA });
          await ensureWorkspace(store.db, { workspaceId: wsB });
          const now = Date.parse('2027-01-01T00:00:00Z');
          await ingestEvents(store.db, wsA, sorted, { now });
          for (let i = 0; i < shuffled.length; i += chunk) await ingestEvents(store.db, wsB, shuffled.slice(i, i + chunk), { now });
          const a = await snapshot(store.db, wsA);
          const b = await snapshot(store.db, wsB);
          assert.deepEqual(b, a);
          const ids = (await store.db.query<{ customer_id: number }>(`SELECT customer_id FROM customers WHERE workspace_id = $1 AND merged_into IS NULL`, [wsB])).map((r) => r.customer_id);
          await store.db.transaction((tx) => rebuildCustomers(tx, wsB, ids));
          assert.deepEqual(await snapshot(store.db, wsB), a);
        },
      ),
      { numRuns: 25, seed: 20261201 },
    );
  } finally {
    await store.close();
  }
});
