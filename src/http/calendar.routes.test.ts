import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'calendar-http';
const NOW = Date.parse('2027-01-25T10:00:00+08:00');
let store: TestStore;
let api: TestApi;

before(async () => {
  store = await openOutreachStore(WS);
  await seedCustomers(store.db, WS, [{ name: '王芳' }, { name: '李雷', owner: 'li' }, { name: '韩梅梅', owner: 'li', trust: 1 }]);
  api = testApi(store.db, { workspace: WS, now: () => NOW });
});
after(() => store.close());

test('holidays: built in, added by the operator (bad rows named one by one), removed; staff read only', async () => {
  const feb = await api.get('/api/v1/holidays?from=2027-02-01&to=2027-02-28');
  assert.deepEqual(feb.json.items.map((h: any) => [h.date, h.name, h.source]), [['2027-02-06', '春节', 'builtin'], ['2027-02-20', '元宵', 'builtin']]);
  const added = await api.post('/api/v1/holidays', { days: [{ date: '2027-02-08', name: '会员日' }, { date: '2027-02-29', name: '会员日' }, { date: '2027-03-08', name: '会员日' }] });
  assert.equal(added.status, 200, added.text);
  assert.equal(added.json.added.length, 2);
  assert.deepEqual(added.json.errors, [{ row: 1, field: 'date', reason: '"2027-02-29" is not a calendar date (YYYY-MM-DD)' }]);
  assert.equal((await api.post('/api/v1/holidays', { days: [{ date: '2027-02-08', name: '会员日' }] })).json.existing, 1);
  assert.equal((await api.post('/api/v1/holidays', { days: [{ date: '2027-02-08', name: '会员日', repeat: true }] })).status, 422);
  const staff = api.as({ role: 'staff', staffId: 'li' });
  assert.equal((await staff.post('/api/v1/holidays', { days: [{ date: '2027-02-09', name: 'x' }] })).status, 403);
  assert.equal((await staff.get('/api/v1/holidays?name=会员日')).json.items.length, 2);
  const march = added.json.added.find((h: any) => h.date === '2027-03-08');
  assert.equal((await api.call('DELETE', `/api/v1/holidays/${march.holidayId}`)).status, 200);
  assert.equal((await api.call('DELETE', `/api/v1/holidays/${march.holidayId}`)).status, 404);
});

test('the operations calendar puts holidays, holiday touches and scheduled sends on their days, in the caller\'s scope', async () => {
  const rule = await api.post('/api/v1/rules', {
    name: '春节问候', enabled: true, trigger: { kind: 'holiday', holiday: '春节', daysBefore: 1 }, if: { field: 'trustLevel', op: 'gte', value: 2 },
    actions: [{ type: 'task', title: '春节问候', content: '新春快乐' }],
  });
  assert.equal(rule.status, 201, rule.text);
  const sent = await api.post('/api/v1/scheduled-sends', {
    filter: { field: 'trustLevel', op: 'gte', value: 0 }, content: '春节活动预告', purpose: 'service', sendAt: '2027-02-01T10:00:00+08:00',
  });
  assert.equal(sent.status, 201, sent.text);
  const cal = await api.get('/api/v1/operations-calendar?from=2027-01-30&to=2027-02-08');
  assert.equal(cal.status, 200, cal.text);
  const on = (d: string) => cal.json.days.find((x: any) => x.date === d);
  assert.equal(cal.json.days.length, 10);
  assert.deepEqual(on('2027-02-06').holidays.map((h: any) => h.name), ['春节']);
  assert.deepEqual(on('2027-02-05').touches.map((t: any) => [t.rule, t.occurrence, t.customers]), [['春节问候', '2027-02-06', 2]], 'trust ≥ L2: two of three');
  assert.deepEqual(on('2027-02-01').scheduledSends.map((s: any) => s.content), ['春节活动预告']);
  assert.deepEqual(on('2027-02-08').holidays.map((h: any) => h.name), ['会员日']);
  const li = await api.as({ role: 'staff', staffId: 'li' }).get('/api/v1/operations-calendar?from=2027-01-30&to=2027-02-08');
  assert.deepEqual(li.json.days.find((x: any) => x.date === '2027-02-05').touches.map((t: any) => t.customers), [1], 'li: one of his two is L2+');
  assert.deepEqual(li.json.days.flatMap((d: any) => d.scheduledSends), [], 'a manager\'s send is not li\'s');
  assert.equal((await api.get('/api/v1/operations-calendar?from=2027-01-01&to=2027-04-01')).status, 422);
});
