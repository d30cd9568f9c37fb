import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before the fixture's schemas.
import { testApi, type TestApi } from './testing.ts';
import { onStageEntered } from '../sop/index.ts';
import { at, moveTo, openSopFixture, orderCare, WS, type SopFixture } from '../sop/fixture.test-helper.ts';

let fx: SopFixture;
let api: TestApi;
const now = at('2026-11-20T10:00').getTime();

before(async () => {
  fx = await openSopFixture(3);
  api = testApi(fx.db, { workspace: WS, now: () => now });
});
after(() => fx.store.close());

test('SOPs are created, read, edited, switched and dry-run over HTTP', async () => {
  const created = await api.post('/api/v1/sops', orderCare);
  assert.equal(created.status, 201, created.text);
  assert.deepEqual([created.json.version, created.json.enabled, created.json.stage.path], [1, true, '购买频次/已购买']);
  const id = created.json.sopId;
  assert.equal((await api.post('/api/v1/sops', orderCare)).status, 409);
  assert.deepEqual((await api.get('/api/v1/sops')).json.items.map((s: any) => s.name), ['已购买关怀']);
  assert.equal((await api.get(`/api/v1/sops/${encodeURIComponent('已购买关怀')}`)).json.sopId, id);

  // Two customers in the stage now: the dry run counts them, changes nothing.
  await moveTo(fx.db, '已购买', fx.customers.slice(0, 2), new Date(now));
  const dry = await api.post('/api/v1/sops/dry-run', { sop: id });
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual([dry.json.members, dry.json.steps.map((s: any) => s.deliveries)], [2, [2, 2]]);
  assert.equal(dry.json.samples[0].steps[0].content, '客户0您好，我是张三，感谢您的购买！');
  const marketing = { ...orderCare, name: 'x', steps: [{ ...orderCare.steps[1], purpose: 'marketing' }] };
  const dry2 = await api.post('/api/v1/sops/dry-run', { definition: marketing });
  assert.deepEqual([dry2.json.steps[0].deliveries, dry2.json.steps[0].suppressedBy], [0, { trust_below_min: 2 }]);
  assert.equal((await api.get(`/api/v1/sops/${id}/deliveries`)).json.enrollments.total, 0);

  // Enable with enrollCurrent puts today's stage members in; the deliveries report counts per step.
  assert.equal((await api.post(`/api/v1/sops/${id}/disable`)).json.sop.enabled, false);
  const enabled = await api.post(`/api/v1/sops/${id}/enable`, { enrollCurrent: true });
  assert.deepEqual([enabled.json.sop.enabled, enabled.json.enrollment.enrolled, enabled.json.enrollment.delivered.created], [true, 2, 2]);
  const report = await api.get(`/api/v1/sops/${id}/deliveries`);
  assert.deepEqual(report.json.steps.map((s: any) => [s.key, s.due, s.scheduled]), [['thanks', 2, 0], ['review', 0, 2]]);
  // A staff member who owns none of them sees none of them.
  const other = api.as({ role: 'staff', staffId: 'li' });
  assert.deepEqual((await other.get(`/api/v1/sops/${id}/deliveries`)).json.recent, []);

  const edited = await api.put(`/api/v1/sops/${id}`, { ...orderCare, steps: [{ ...orderCare.steps[0], content: '感谢！' }] });
  assert.deepEqual([edited.status, edited.json.version], [200, 2]);
  const after2 = await api.get(`/api/v1/sops/${id}/deliveries`);
  assert.deepEqual(after2.json.steps.map((s: any) => [s.key, s.due, s.cancelled, s.removed]), [['thanks', 2, 0, false], ['review', 0, 2, true]]);
  const del = await api.delete(`/api/v1/sops/${id}`);
  assert.deepEqual([del.status, (await api.get(`/api/v1/sops/${id}`)).status], [200, 404]);
});

test('a bad definition is refused with the field named', async () => {
  const bad = { ...orderCare, name: 'bad', steps: [{ ...orderCare.steps[1], window: { start: '10', end: '20:00' } }] };
  const r = await api.post('/api/v1/sops', bad);
  assert.equal(r.status, 422);
  assert.match(r.json.message, /steps\[0\]\.window\.start: expected HH:MM/);
  const unknownVar = await api.post('/api/v1/sops', { ...orderCare, name: 'bad2', steps: [{ ...orderCare.steps[0], content: '{nick}' }] });
  assert.match(unknownVar.json.message, /steps\[0\]\.content: unknown variable \{nick\}/);
  const stage = await api.post('/api/v1/sops', { ...orderCare, name: 'bad3', stage: '购买频次/不存在' });
  assert.deepEqual([stage.status, /stage:/.test(stage.json.message)], [422, true]);
  assert.equal((await api.post('/api/v1/sops/dry-run', {})).status, 422);
  // The hook itself is reachable for direct use (automation), and documented in OpenAPI.
  assert.equal(typeof onStageEntered, 'function');
  const doc = await api.get('/openapi.json');
  assert.ok(doc.json.paths['/api/v1/sops/{id}/deliveries'] && doc.json.paths['/api/v1/sops/dry-run']);
});
