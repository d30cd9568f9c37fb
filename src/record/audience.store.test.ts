/** The record's fields in audience filters: region, age band, upcoming birthdays, custom fields. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { countAudience, describeFields, parseFilter, type AudienceFilter } from '../audiences/index.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';
import { defineField, listFields, updateRecord } from './index.ts';

const WS = 'record-aud';
const NOW = Date.parse('2026-12-07T10:00:00+08:00');
const admin = { kind: 'staff' as const, id: 'admin' };
const ALL = { kind: 'all' as const };
let store: TestStore;

before(async () => {
  store = await openOutreachStore(WS);
  const ids = await seedCustomers(store.db, WS, [{}, {}, {}, {}]);
  await defineField(store.db, WS, { key: 'likes', label: '偏好', type: 'multi', options: ['红茶', '绿茶', '花茶'] }, admin);
  await defineField(store.db, WS, { key: 'budget', label: '预算', type: 'number' }, admin);
  await defineField(store.db, WS, { key: 'member_day', label: '会员日', type: 'date' }, admin);
  const set = (i: number, patch: object) => updateRecord(store.db, WS, ids[i]!, patch, { today: '2026-12-07', actor: admin });
  await set(0, { province: '浙江', city: '杭州', birthday: '1990-12-07', custom: { likes: ['红茶', '绿茶'], budget: 800, member_day: '2026-03-08' } });
  await set(1, { province: '浙江', city: '宁波', birthday: '2001-12-12', custom: { likes: ['花茶'], budget: 200 } });
  await set(2, { city: '上海', birthday: '1960-01-20', ageBand: '55_64' });
});
after(() => store?.close());

const count = async (filter: unknown) => {
  const f = parseFilter(filter);
  assert.ok(f.ok, JSON.stringify(f));
  return countAudience(store.db, WS, (f as { filter: AudienceFilter }).filter, ALL, { now: NOW });
};

test('region, age band (set, else from the birthday) and upcoming birthdays', async () => {
  assert.equal(await count({ field: 'province', op: 'in', values: ['浙江'] }), 2);
  assert.equal(await count({ field: 'city', op: 'notIn', values: ['杭州'] }), 3);
  assert.equal(await count({ field: 'ageBand', op: 'in', values: ['35_44'] }), 1);
  assert.equal(await count({ field: 'ageBand', op: 'in', values: ['55_64', '65_plus'] }), 1, 'set by hand wins over the birthday (66 years)');
  assert.equal(await count({ field: 'birthday', op: 'upcomingDays', value: 0 }), 1, 'today');
  assert.equal(await count({ field: 'birthday', op: 'upcomingDays', value: 7 }), 2);
  assert.equal(await count({ field: 'birthday', op: 'upcomingDays', value: 60 }), 3, 'across the new year');
  assert.equal(await count({ field: 'birthday', op: 'missing' }), 1);
});

test('custom fields: any of a multi choice, numbers and dates compared, presence', async () => {
  assert.equal(await count({ field: 'custom', key: 'likes', op: 'in', values: ['绿茶', '花茶'] }), 2);
  assert.equal(await count({ field: 'custom', key: 'likes', op: 'notIn', values: ['花茶'] }), 3);
  assert.equal(await count({ field: 'custom', key: 'budget', op: 'gte', value: 500 }), 1);
  assert.equal(await count({ field: 'custom', key: 'member_day', op: 'lt', value: '2026-06-01' }), 1);
  assert.equal(await count({ field: 'custom', key: 'budget', op: 'missing' }), 2);
  assert.equal(parseFilter({ field: 'custom', key: 'budget', op: 'gte' }).ok, false);
  assert.equal(parseFilter({ field: 'birthday', op: 'upcomingDays' }).ok, false);
});

test('the field list offers the workspace\'s choice fields with their options', async () => {
  const custom = describeFields(await listFields(store.db, WS)).find((f) => f.field === 'custom')!;
  assert.deepEqual(custom.keys!.key!.values!.map((v) => v.value), ['likes']);
  assert.deepEqual(custom.valuesByKey!.values.likes!.map((v) => v.value), ['红茶', '绿茶', '花茶']);
});
