import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEvent } from '../events/index.ts';
import { contactAddedEvent, contactRemovedEvent, groupMembershipEvents, interpretCallback, type WecomChange } from './mapping.ts';
import { parseWecomXml } from './xml.ts';
import { vectors } from './testing.ts';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');

/** Every example body of the spec → the change it means. */
const expected: Record<string, Partial<WecomChange> & { kind: WecomChange['kind'] }> = {
  add_external_contact: { kind: 'contact_added', half: false, userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA', state: 'teststate', welcomeCode: 'WELCOMECODE' },
  edit_external_contact: { kind: 'contact_edited', userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA' },
  add_half_external_contact: { kind: 'contact_added', half: true, userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA', state: 'teststate' },
  del_external_contact: { kind: 'contact_removed', by: 'staff', userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA', transfer: true },
  del_follow_user: { kind: 'contact_removed', by: 'customer', userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA', transfer: false },
  transfer_fail: { kind: 'transfer_failed', failReason: 'customer_refused', userId: 'zhangsan' },
  external_chat_create: { kind: 'chat_changed', change: 'create', chatId: 'CHAT_ID' },
  external_chat_update: {
    kind: 'chat_changed', change: 'update', chatId: 'wrx7HUARsKwGRaQBVKPBTcEyzdHA4HrQ', updateDetail: 'add_member', members: ['Jack', 'Rose'],
    joinScene: '1', lastMemVer: '9c3f97c2ada667dfb5f6d03308d963e1', curMemVer: '71217227bbd112ecfe3a49c482195cb4',
  },
  external_chat_dismiss: { kind: 'chat_changed', change: 'dismiss', chatId: 'CHAT_ID' },
  external_tag_create: { kind: 'tag_changed', change: 'create', id: 'TAG_ID', tagType: 'tag', strategyId: '1' },
  external_tag_update: { kind: 'tag_changed', change: 'update', id: 'TAG_ID', tagType: 'tag' },
  external_tag_delete: { kind: 'tag_changed', change: 'delete', id: 'TAG_ID', tagType: 'tag' },
  external_tag_shuffle: { kind: 'tag_changed', change: 'shuffle', id: 'TAG_ID', strategyId: 'STRATEGY_ID' },
  suite_add_external_contact: { kind: 'contact_added', half: false, userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACH71w', state: 'teststate' },
};

test('every example event body of the spec is parsed and interpreted', () => {
  assert.equal(vectors.event_examples.length, Object.keys(expected).length);
  for (const ex of vectors.event_examples) {
    const xml = parseWecomXml(ex.xml);
    for (const f of ex.fields) assert.ok(f.replace('/Item*', '') in xml.fields || f.replace('/Item*', '') in xml.lists, `${ex.id}: ${f}`);
    const m = interpretCallback(xml);
    assert.equal(m.createTime, 1403610513, ex.id);
    assert.equal(m.changeType, ex.change_type, ex.id);
    for (const [k, v] of Object.entries(expected[ex.id]!)) assert.deepEqual((m.change as Record<string, unknown>)[k], v, `${ex.id}.${k}`);
    if (ex.id === 'suite_add_external_contact') assert.equal(m.corpId, 'wxf8b4f85f3a794e77');
  }
});

test('the mapped events validate against the envelope', () => {
  for (const ex of vectors.event_examples) {
    const m = interpretCallback(parseWecomXml(ex.xml));
    const c = m.change;
    let events: Record<string, unknown>[] = [];
    if (c.kind === 'contact_added') events = [contactAddedEvent({ externalUserId: c.externalUserId, userId: c.userId, at: m.createTime, state: c.state, welcomeCode: c.welcomeCode })];
    if (c.kind === 'contact_removed') events = [contactRemovedEvent({ externalUserId: c.externalUserId, userId: c.userId, at: m.createTime, by: c.by, key: 'k' })];
    if (c.kind === 'chat_changed') {
      events = groupMembershipEvents(c.chatId, [{ userid: 'Rose', type: 2 }], c.members.map((id) => ({ userid: id, type: 2 })), m.createTime, 'k');
    }
    for (const e of events) {
      const v = validateEvent(e, { now: NOW });
      assert.ok(v.ok, `${ex.id}: ${v.ok ? '' : v.reason}`);
    }
    if (c.kind === 'contact_added') assert.equal((events[0]!.data as { channel: string }).channel, 'teststate');
    if (c.kind === 'contact_removed') assert.equal((events[0]!.data as { by: string }).by, c.by);
  }
});

test('a half add and the full add of one friendship are one contact.added; retries share a dedupe key', () => {
  const a = contactAddedEvent({ externalUserId: 'wm1', userId: 'u', at: 100, state: 's', follow: { userid: 'u', createtime: 90 } });
  const b = contactAddedEvent({ externalUserId: 'wm1', userId: 'u', at: 105, state: 's', follow: { userid: 'u', createtime: 90 } });
  assert.equal(a.id, b.id);
  const ex = vectors.event_examples[0]!.xml;
  assert.equal(interpretCallback(parseWecomXml(ex)).dedupeKey, interpretCallback(parseWecomXml(ex.replaceAll('\t', '  '))).dedupeKey);
  assert.notEqual(interpretCallback(parseWecomXml(ex)).dedupeKey, interpretCallback(parseWecomXml(ex.replace('1403610513', '1403610514'))).dedupeKey);
});

test('profile fields: remark wins over name, unionid and a valid remark mobile become identities', () => {
  const e = contactAddedEvent({
    externalUserId: 'wm1', userId: 'u', at: 100, state: undefined,
    contact: { external_userid: 'wm1', name: '微信名', unionid: 'oUnion', gender: 2 },
    follow: { userid: 'u', remark: '王芳', remark_mobiles: ['not a phone', '13800138000'], createtime: 50, add_way: 1 },
  });
  assert.deepEqual(e.customer, { externalUserId: 'wm1', unionId: 'oUnion', name: '王芳', phone: '+8613800138000' });
  assert.equal(e.occurredAt, new Date(50_000).toISOString());
  assert.deepEqual(e.data, { addWay: 1 });
});

test('group membership: joins and leaves of customers only, staff ignored', () => {
  const ev = groupMembershipEvents('chat1', [{ userid: 'wmA', type: 2 }, { userid: 'staff1', type: 1 }],
    [{ userid: 'wmB', type: 2, join_time: 10 }, { userid: 'staff2', type: 1 }], 20, 'k');
  assert.deepEqual(ev.map((e) => `${e.type} ${(e.customer as { externalUserId: string }).externalUserId}`), ['group.joined wmB', 'group.left wmA']);
});

test('unknown events are ignored with a reason, not errors', () => {
  const m = interpretCallback(parseWecomXml(vectors.crypto_vectors[0]!.expected_plaintext));
  assert.equal(m.change.kind, 'ignored');
  const x = interpretCallback(parseWecomXml('<xml><Event>change_external_contact</Event><ChangeType>add_external_contact</ChangeType></xml>'));
  assert.equal(x.change.kind, 'ignored');
});
