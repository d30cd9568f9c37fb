import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTagging, type HeldTag, type PlannedTag, type Provenance } from './plan.ts';

const now = new Date('2026-11-30T00:00:00Z');
const later = new Date('2026-12-31T00:00:00Z');
const past = new Date('2026-11-01T00:00:00Z');

const stage = (tagId: number, name: string): PlannedTag => ({ tagId, groupId: 1, exclusive: true, path: `阶段/${name}` });
const hobby = (tagId: number, name: string): PlannedTag => ({ tagId, groupId: 2, exclusive: false, path: `兴趣/${name}` });
const held = (customerId: number, t: PlannedTag, extra: Partial<HeldTag> = {}): HeldTag => ({
  customerId, ...t, source: 'staff', sourceId: 'zhang', reason: null, taggedAt: past, expiresAt: null, ...extra,
});
const staff: Provenance = { source: 'staff', sourceId: 'li' };

interface Case {
  name: string;
  assign: [number, PlannedTag][];
  held: HeldTag[];
  provenance?: Provenance;
  outcomes: string[];
  audits: string[];
  deletes?: string[];
}

const cases: Case[] = [
  {
    name: 'a new tag is added with its provenance',
    assign: [[1, hobby(10, '咖啡')]], held: [],
    outcomes: ['1 added'], audits: ['1 tag.added 兴趣/咖啡'],
  },
  {
    name: 'a tag held already is left alone, without audit noise',
    assign: [[1, hobby(10, '咖啡')]], held: [held(1, hobby(10, '咖啡'))],
    outcomes: ['1 unchanged'], audits: [],
  },
  {
    name: 'a held tag given a new expiry is updated',
    assign: [[1, hobby(10, '咖啡')]], held: [held(1, hobby(10, '咖啡'))], provenance: { ...staff, expiresAt: later },
    outcomes: ['1 updated'], audits: ['1 tag.updated 兴趣/咖啡'],
  },
  {
    name: 'multi-choice groups keep the other tags',
    assign: [[1, hobby(10, '咖啡')]], held: [held(1, hobby(11, '茶'))],
    outcomes: ['1 added'], audits: ['1 tag.added 兴趣/咖啡'], deletes: [],
  },
  {
    name: 'in a single-choice group the new tag replaces the held one',
    assign: [[1, stage(21, '意向')]], held: [held(1, stage(20, '潜在'))],
    outcomes: ['1 added replacing 阶段/潜在'], audits: ['1 tag.replaced 阶段/潜在', '1 tag.added 阶段/意向'], deletes: ['1:20'],
  },
  {
    name: 'an expired tag of the group is cleared as expired, not replaced',
    assign: [[1, stage(21, '意向')]], held: [held(1, stage(20, '潜在'), { expiresAt: past })],
    outcomes: ['1 added'], audits: ['1 tag.expired 阶段/潜在', '1 tag.added 阶段/意向'], deletes: ['1:20'],
  },
  {
    name: 'an expired copy of the same tag is renewed as a new tag',
    assign: [[1, hobby(10, '咖啡')]], held: [held(1, hobby(10, '咖啡'), { expiresAt: past })],
    outcomes: ['1 added'], audits: ['1 tag.added 兴趣/咖啡'],
  },
  {
    name: 'one batch cannot give one customer two tags of a single-choice group',
    assign: [[1, stage(20, '潜在')], [2, stage(20, '潜在')], [1, stage(21, '意向')], [1, stage(20, '潜在')]], held: [],
    outcomes: ['1 added', '2 added', '1 conflict', '1 unchanged'], audits: ['1 tag.added 阶段/潜在', '2 tag.added 阶段/潜在'],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const plan = planTagging(c.assign.map(([customerId, tag], index) => ({ index, customerId, tag })), c.held, c.provenance ?? staff, now);
    assert.deepEqual(
      plan.outcomes.map((o) => `${o.customerId} ${o.status}${o.status === 'added' && o.replaced.length ? ` replacing ${o.replaced.join(',')}` : ''}`),
      c.outcomes,
    );
    assert.deepEqual(plan.audits.map((a) => `${a.customerId} ${a.action} ${String(a.details.tag)}`), c.audits);
    if (c.deletes) assert.deepEqual(plan.deletes.map((d) => `${d.customerId}:${d.tagId}`), c.deletes);
  });
}

test('an update keeps who first put the tag on, and changes only what was given', () => {
  const plan = planTagging([{ index: 0, customerId: 1, tag: hobby(10, '咖啡') }], [held(1, hobby(10, '咖啡'), { reason: 'old' })],
    { source: 'rule', sourceId: 'r9', reason: 'new' }, now);
  assert.equal(plan.upserts.length, 1);
  const row = plan.upserts[0]!;
  assert.deepEqual([row.source, row.sourceId, row.reason, row.taggedAt, row.expiresAt], ['staff', 'zhang', 'new', past, null]);
});
