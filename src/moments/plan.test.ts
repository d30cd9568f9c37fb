import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dailyLimitProblems, momentEvents, momentTaskBody, momentTextProblem } from './plan.ts';

test('the per-staff daily limit: the post that would be one too many is named per staff member', () => {
  const already = new Map([['zhang', 3], ['li', 2]]);
  const cases: [string[], number, string[]][] = [
    [['li'], 3, []], [['zhang'], 3, ['zhang']], [['zhang', 'li', 'wang'], 3, ['zhang']], [['zhang', 'li'], 2, ['zhang', 'li']], [['zhang'], 4, []],
  ];
  for (const [staff, limit, over] of cases) assert.deepEqual(dailyLimitProblems(staff, '2026-12-08', already, limit).map((p) => p.staffId), over, `${staff} / ${limit}`);
});

test('add_moment_task: visible to the staff\'s customers, narrowed by corp tags only when given', () => {
  assert.deepEqual(momentTaskBody({ text: '新品', staffIds: ['zhang'], wecomTagIds: [], attachments: [] }),
    { text: { content: '新品' }, visible_range: { sender_list: { user_list: ['zhang'] } } });
  assert.deepEqual(momentTaskBody({ text: '', staffIds: ['a', 'b'], wecomTagIds: ['et1'], attachments: [{ msgtype: 'image', image: { media_id: 'W' } }] }), {
    attachments: [{ msgtype: 'image', image: { media_id: 'W' } }],
    visible_range: { sender_list: { user_list: ['a', 'b'] }, external_contact_list: { tag_list: ['et1'] } },
  });
});

test('text limits: 2,000 characters and 4,000 bytes', () => {
  const cases: [string, RegExp | null][] = [['好'.repeat(1333), null], ['好'.repeat(1334), /4002 bytes/], ['a'.repeat(2001), /2001 characters/], ['', null]];
  for (const [text, want] of cases) {
    const p = momentTextProblem(text);
    if (want) assert.match(p ?? '', want); else assert.equal(p, null);
  }
});

test('likes and comments of customers become events with ids made of what WeCom returns; colleagues are left out', () => {
  const events = momentEvents('MOM1', 'zhang', [{ external_userid: 'wm1', create_time: 1_765_000_000 }, { userid: 'li', create_time: 1_765_000_001 }],
    [{ external_userid: 'wm2', create_time: 1_765_000_100 }]);
  assert.deepEqual(events.map((e) => [e.type, e.customer.externalUserId, e.id]), [
    ['moment.liked', 'wm1', 'wecom-moment:MOM1:zhang:liked:wm1:1765000000'],
    ['moment.commented', 'wm2', 'wecom-moment:MOM1:zhang:commented:wm2:1765000100'],
  ]);
  assert.equal(events[0]!.occurredAt, '2025-12-06T05:46:40.000Z');
});
