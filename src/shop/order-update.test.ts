import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSignature, signBody } from './signature.ts';
import { parseOrderUpdate, planOrderEvents, type ShopOrderState } from './order-update.ts';

const update = (over: Record<string, unknown>) => {
  const r = parseOrderUpdate({ orderId: 'o-1', status: 'paid', amount: '100.00', paidAt: '2026-11-20T10:00:00+08:00', phone: '13800138000', ...over });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.update;
};
const paid: ShopOrderState = { paid: true, amountFen: 10000, refundedFen: 0 };

test('an order update becomes the events it adds to what is known', () => {
  const cases: { name: string; state: ShopOrderState | undefined; over: Record<string, unknown>; events: [string, string][]; refunded: number }[] = [
    { name: 'first paid', state: undefined, over: {}, events: [['shop:yz:o-1:paid', '100.00']], refunded: 0 },
    { name: 'paid again', state: paid, over: {}, events: [], refunded: 0 },
    { name: 'partial refund', state: paid, over: { status: 'refunded', refundedAmount: '30' }, events: [['shop:yz:o-1:refund:3000', '30.00']], refunded: 3000 },
    { name: 'more refunded', state: { ...paid, refundedFen: 3000 }, over: { status: 'refunded', refundedAmount: '80' }, events: [['shop:yz:o-1:refund:8000', '50.00']], refunded: 8000 },
    { name: 'older refund after newer', state: { ...paid, refundedFen: 8000 }, over: { status: 'refunded', refundedAmount: '30' }, events: [], refunded: 8000 },
    { name: 'refunded without amount = full', state: paid, over: { status: 'refunded' }, events: [['shop:yz:o-1:refund:10000', '100.00']], refunded: 10000 },
    { name: 'refund larger than the order is capped', state: paid, over: { status: 'refunded', refundedAmount: '150' }, events: [['shop:yz:o-1:refund:10000', '100.00']], refunded: 10000 },
    {
      name: 'refund arriving before its payment', state: undefined, over: { status: 'refunded', refundedAmount: '20' },
      events: [['shop:yz:o-1:paid', '100.00'], ['shop:yz:o-1:refund:2000', '20.00']], refunded: 2000,
    },
  ];
  for (const c of cases) {
    const plan = planOrderEvents('yz', update(c.over), c.state);
    assert.deepEqual(plan.events.map((e) => [e.id, e.data.amount]), c.events, c.name);
    assert.equal(plan.next.refundedFen, c.refunded, c.name);
    assert.equal(plan.next.paid, true, c.name);
  }
});

test('identities become the event customer; the buyer id is per shop', () => {
  const plan = planOrderEvents('youzan', update({ phone: undefined, buyerId: 'b-9', unionId: 'o-u1', name: '王芳' }), undefined);
  assert.deepEqual(plan.events[0]!.customer, { unionId: 'o-u1', platformIds: { youzan: 'b-9' }, name: '王芳' });
  assert.equal(plan.events[0]!.data.platform, 'youzan');
});

test('bad updates name the field and the reason', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ orderId: 'o', status: 'paid', amount: '1', paidAt: '2026-11-20T10:00:00Z' }, /phone: missing identity/],
    [{ orderId: 'o', status: 'shipped', amount: '1', paidAt: '2026-11-20T10:00:00Z', phone: '1' }, /^status: /],
    [{ orderId: 'o', status: 'paid', amount: '-3', paidAt: '2026-11-20T10:00:00Z', phone: '1' }, /^amount: /],
    [{ orderId: 'o', status: 'paid', amount: '1', paidAt: 'yesterday', phone: '1' }, /^paidAt: /],
    [{ orderId: 'o', status: 'paid', amount: '1', paidAt: '2026-11-20T10:00:00Z', phone: '1', colour: 'red' }, /colour/],
  ];
  for (const [raw, expected] of cases) {
    const r = parseOrderUpdate(raw);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problems.join('; '), expected);
  }
});

test('signatures: right secret and fresh timestamp only', () => {
  const now = Date.parse('2026-11-20T02:00:00Z');
  const ts = String(now / 1000);
  const body = '{"orderId":"o-1"}';
  const sig = signBody('s3cret-s3cret-s3cret', ts, body);
  assert.deepEqual(checkSignature('s3cret-s3cret-s3cret', body, sig, ts, now), { ok: true });
  assert.match((checkSignature('other-secret-value', body, sig, ts, now) as { reason: string }).reason, /does not match/);
  assert.match((checkSignature('s3cret-s3cret-s3cret', `${body} `, sig, ts, now) as { reason: string }).reason, /does not match/);
  assert.match((checkSignature('s3cret-s3cret-s3cret', body, sig, ts, now + 301_000) as { reason: string }).reason, /300 s/);
  assert.match((checkSignature('s3cret-s3cret-s3cret', body, undefined, ts, now) as { reason: string }).reason, /missing x-siyu-signature/);
  assert.match((checkSignature('s3cret-s3cret-s3cret', body, sig, 'soon', now) as { reason: string }).reason, /malformed/);
});
