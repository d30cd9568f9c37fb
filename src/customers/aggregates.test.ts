import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extendConversation, foldConversation, complaintsWithin, type ConversationMessage } from './aggregates.ts';

const m = (at: number, dir: 'customer' | 'staff'): ConversationMessage => ({ at, eventId: `e${at}`, dir });

test('chat rounds count each reply by the other side', () => {
  const cases: [ConversationMessage['dir'][], number, 'customer' | 'staff'][] = [
    [['customer'], 0, 'customer'],
    [['customer', 'customer'], 0, 'customer'],
    [['customer', 'staff'], 1, 'customer'],
    [['staff', 'customer', 'staff'], 2, 'staff'],
    [['customer', 'staff', 'customer', 'staff'], 3, 'customer'],
    [['customer', 'customer', 'staff', 'staff', 'customer'], 2, 'customer'],
  ];
  for (const [dirs, rounds, firstDir] of cases) {
    const s = foldConversation(dirs.map((d, i) => m(i + 1, d)))!;
    assert.equal(s.rounds, rounds, dirs.join(','));
    assert.equal(s.firstDir, firstDir);
    assert.equal(s.messages, dirs.length);
  }
});

test('a message older than the last one known asks for a re-fold', () => {
  const s = foldConversation([m(10, 'customer'), m(20, 'staff')]);
  assert.equal(extendConversation(s, [m(15, 'staff')]), undefined);
  assert.equal(extendConversation(s, [m(30, 'customer')])!.rounds, 2);
  // re-folding with the late message gives the same answer whatever the arrival order
  assert.deepEqual(foldConversation([m(20, 'staff'), m(15, 'customer'), m(10, 'customer')]), foldConversation([m(10, 'customer'), m(15, 'customer'), m(20, 'staff')]));
});

test('complaints are counted within the window before asOf', () => {
  const day = 86_400_000;
  const asOf = 1000 * day;
  assert.equal(complaintsWithin([asOf - 365 * day, asOf - 364 * day, asOf - day, asOf + day], asOf, 365), 2);
});
