/**
 * The standing attack suite, staff part: every route of /openapi.json called as a staff
 * member, with ids inside and outside their scope. It asserts that no record, count or
 * figure outside the scope comes back, that writes outside the scope change nothing, that
 * allowed writes touch nothing of other staff members' customers, and that no phone number
 * reaches the staff member unmasked. Every route needs a row in CASES: a route added to the
 * API without one fails this test, so a new feature cannot quietly reopen the scope.
 *
 * Small dataset under `npm test`; SIYU_ATTACK=full (`npm run test:attack`) uses a larger one.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi, type TestResponse } from '../http/testing.ts';
import { openOutreachStore } from '../outreach/testing.ts';
import { orderCare } from '../sop/fixture.test-helper.ts';
import { scopeCondition } from '../shared/scope.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'attack-staff';
const FULL = process.env.SIYU_ATTACK === 'full';
const CUSTOMERS = FULL ? 400 : 16;
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
/** Every customer outside the staff member's scope is named with this; it must never reach them. */
const OUTSIDE = '外客';
const INSIDE = '我客';
/** 11 digits starting 13–19 in any 3-4-4 spelling, not inside a longer number or an amount. */
const UNMASKED = /(?<![\d*])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d|\.\d)/;

let store: TestStore;
let admin: TestApi;
let staff: TestApi;

interface Ctx {
  inIds: number[];
  outIds: number[];
  /** Li's own task, zhang's task on a customer li follows, zhang's task on zhang's customer. */
  taskMine: number;
  taskShared: number;
  taskTheirs: number;
  massId: number;
  /** A manager's scheduled send, and two of li's own (one to edit, one to cancel). */
  scheduleTheirs: number;
  scheduleMine: number;
  scheduleMine2: number;
  sopId: number;
  materialId: number;
  adminSegment: string;
  tagId: number;
  stageTagged: number;
  phones: string[];
  couponMine: string;
  couponTheirs: string;
}
let ctx: Ctx;

const phoneOf = (i: number) => `139${String(i).padStart(8, '0')}`;

before(async () => {
  store = await openOutreachStore(WS);
  admin = testApi(store.db, { workspace: WS, now: () => NOW });
  staff = admin.as({ role: 'staff', staffId: 'li' });
  // i % 4: 0 added by li (li's); 1 added by zhang; 2 added by zhang and followed by li; 3 a buyer nobody added.
  const events: unknown[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const mine = i % 4 === 0 || i % 4 === 2;
    const phone = phoneOf(i);
    // Phones written into names and channels too, spaced as people write them.
    const name = `${mine ? INSIDE : OUTSIDE}${i}${i % 8 === 0 ? ` ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : ''}`;
    const customer = { externalUserId: `wm-${i}`, phone, name };
    if (i % 4 !== 3) {
      events.push({
        id: `add-${i}`, type: 'contact.added', occurredAt: '2026-10-01T10:00:00+08:00', customer, staffId: i % 4 === 0 ? 'li' : 'zhang',
        data: { channel: i % 8 === 0 ? `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : 'qr' },
      });
    }
    events.push({
      id: `pay-${i}`, type: 'order.paid', occurredAt: '2026-11-01T10:00:00+08:00', customer, touchpoint: 'shop',
      data: { orderId: `YZ${phone}0`, amount: '199.00' },
    });
  }
  const sent = await admin.post('/api/v1/events', events);
  assert.equal(sent.status < 300, true, sent.text);
  const rows = await store.db.query<{ customer_id: number; name: string }>(
    `SELECT c.customer_id, COALESCE(c.name, a.name) AS name FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id)
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL ORDER BY 1`, [WS],
  );
  assert.equal(rows.length, CUSTOMERS);
  for (const r of rows) {
    const i = Number(/\d+/.exec(r.name)![0]);
    if (i % 4 === 2) {
      await store.db.query(`INSERT INTO customer_followers (workspace_id, customer_id, staff_id, added_at) VALUES ($1, $2, 'li', '2026-10-02T00:00:00Z')`, [WS, r.customer_id]);
    }
  }
  // The truth, from the scope's own definition.
  const sc = scopeCondition({ kind: 'staff', staffId: 'li' }, 'c', 2);
  const inScope = new Set((await store.db.query<{ customer_id: number }>(
    `SELECT c.customer_id FROM customers c WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND ${sc.sql}`, [WS, ...sc.params],
  )).map((r) => Number(r.customer_id)));
  const inIds = rows.filter((r) => r.name.startsWith(INSIDE)).map((r) => Number(r.customer_id));
  const outIds = rows.filter((r) => r.name.startsWith(OUTSIDE)).map((r) => Number(r.customer_id));
  assert.deepEqual([...inScope].sort((a, b) => a - b), inIds, 'the names mark the scope');

  // What a workspace holds: a journey with customers in it, a tag on everyone, a segment, a mass message, tasks, a run.
  assert.equal((await admin.post('/api/v1/journeys/templates/purchase_frequency')).status, 200);
  const moved = await admin.post('/api/v1/journeys/购买频次/moves', { customerIds: [...inIds, ...outIds], stage: '已购买', reason: '下单', force: true });
  assert.equal(moved.status, 200, moved.text);
  // An SOP on that stage, everyone in it enrolled: its tasks and deliveries span both staff members.
  const sop = await admin.post('/api/v1/sops', orderCare);
  assert.equal(sop.status, 201, sop.text);
  await admin.post(`/api/v1/sops/${sop.json.sopId}/disable`);
  const enrolled = await admin.post(`/api/v1/sops/${sop.json.sopId}/enable`, { enrollCurrent: true });
  assert.equal(enrolled.json.enrollment.enrolled, CUSTOMERS, enrolled.text);
  const cat = await admin.post('/api/v1/tags/categories', { name: '活动' });
  const group = await admin.post('/api/v1/tags/groups', { name: '双十二', category: cat.json.categoryId });
  const tag = await admin.post('/api/v1/tags', { name: '已邀约', group: group.json.groupId });
  assert.equal((await admin.post('/api/v1/tags/apply', { tag: '双十二/已邀约', customerIds: [...inIds, ...outIds] })).status, 200);
  assert.equal((await admin.post('/api/v1/segments/saved', { name: '全部客户', filter: { field: 'trustLevel', op: 'gte', value: 0 } })).status, 201);
  const mass = await admin.post('/api/v1/mass-messages', { filter: { field: 'trustLevel', op: 'gte', value: 0 }, content: '双十二来啦', purpose: 'service' });
  assert.equal(mass.status, 201, mass.text);
  assert.equal((await admin.post('/api/v1/recompute', {})).status, 200);
  // A group with one of li's customers and one of zhang's.
  await store.db.query(`INSERT INTO wecom_groups (workspace_id, chat_id, name, owner, members) VALUES ($1, 'attack-group', '混合群', 'zhang', $2)`,
    [WS, JSON.stringify([{ userid: 'wm-0', type: 2 }, { userid: 'wm-1', type: 2 }])]);
  const material = await admin.post('/api/v1/materials', { kind: 'text', title: '问候', text: '{name}您好' });
  assert.equal(material.status, 201, material.text);
  const later = new Date(NOW + 86_400_000).toISOString();
  const scheduled = await admin.post('/api/v1/scheduled-sends', { filter: { field: 'trustLevel', op: 'gte', value: 0 }, content: '明天的问候', purpose: 'service', sendAt: later });
  assert.equal(scheduled.status, 201, scheduled.text);
  const own = async (content: string) => {
    const r = await staff.post('/api/v1/scheduled-sends', { filter: { field: 'trustLevel', op: 'gte', value: 0 }, content, purpose: 'service', sendAt: later });
    assert.equal(r.status, 201, r.text);
    return r.json.scheduleId as number;
  };
  const task = async (staffId: string, customerId: number) => {
    const [row] = await store.db.query<{ task_id: number }>(
      `INSERT INTO outreach_tasks (workspace_id, dedupe_key, customer_id, staff_id, kind, purpose, channel, title, content, due_at, requested_at, source_type, source_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'manual', 'service', 'private_chat', '回访', '您好', $5, $5, 'staff', 'attack', 'pending', $5, $5) RETURNING task_id`,
      [WS, `attack:${staffId}:${customerId}`, customerId, staffId, new Date(NOW).toISOString()],
    );
    return Number(row!.task_id);
  };
  assert.equal((await admin.put('/api/v1/coupons/attack-10', { name: '满100减10', value: '10', validDays: 30, remindDays: 3 })).status, 200);
  const coupon = async (customerId: number) => {
    const r = await admin.post(`/api/v1/customers/${customerId}/coupons`, { couponId: 'attack-10', key: `setup-${customerId}` });
    assert.equal(r.status, 201, r.text);
    return r.json.issueId as string;
  };
  const couponMine = await coupon(inIds[1]!);
  const couponTheirs = await coupon(outIds[1]!);
  assert.equal((await staff.get('/api/v1/auth/me')).status, 200); // signed in (the account's creation is audited) before any snapshot
  const followed = rows.find((r) => Number(/\d+/.exec(r.name)![0]) % 4 === 2)!;
  ctx = {
    inIds, outIds,
    taskMine: await task('li', inIds[0]!), taskShared: await task('zhang', Number(followed.customer_id)), taskTheirs: await task('zhang', outIds[0]!),
    massId: mass.json.massMessageId, scheduleTheirs: scheduled.json.scheduleId, scheduleMine: await own('李四的定时问候'), scheduleMine2: await own('李四要取消的'), sopId: sop.json.sopId, materialId: material.json.materialId, adminSegment: '全部客户', tagId: tag.json.tagId, stageTagged: 0,
    phones: Array.from({ length: CUSTOMERS }, (_, i) => phoneOf(i)), couponMine, couponTheirs,
  };
});
after(() => store?.close());

// ---------------------------------------------------------------- table snapshots

/**
 * Tables a request may not change unless it is an allowed write: sessions and sign-in
 * bookkeeping aside, and the daily history snapshots, which a read of a past day fills
 * from the event log when missing (workspace-wide, the same whoever asks; read by scope).
 */
const VOLATILE = new Set(['sessions', 'users', 'login_attempts', 'analytics_snapshots', 'analytics_snapshot_days']);

let snapshotSql: string | undefined;

/**
 * A fingerprint of every table of the workspace, in one statement: per table, the hash of
 * all its rows and the hash of the rows that belong to someone else (about a customer
 * outside the scope, or a colleague's task with no customer).
 */
async function snapshot(): Promise<Map<string, { all: string; others: string }>> {
  if (!snapshotSql) {
    const tables = await store.db.query<{ table_name: string; has_customer: boolean; has_staff: boolean }>(
      `SELECT c.table_name, bool_or(c2.column_name = 'customer_id') AS has_customer, bool_or(c2.column_name = 'staff_id') AS has_staff
       FROM information_schema.columns c JOIN information_schema.columns c2 ON c2.table_schema = c.table_schema AND c2.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND c.column_name = 'workspace_id' GROUP BY c.table_name ORDER BY 1`,
    );
    snapshotSql = tables.filter((t) => !VOLATILE.has(t.table_name)).map((t) => {
      // The request log (http.post, …) records that a call was made; it is not data the call changed.
      const own = t.table_name === 'audit_log' ? ` AND x.action NOT LIKE 'http.%'` : '';
      const mine = [
        ...(t.has_customer ? ['x.customer_id = ANY($2::bigint[])'] : []),
        ...(t.has_customer && t.has_staff && t.table_name.startsWith('outreach_task') ? [`(x.customer_id IS NULL AND x.staff_id IS NOT NULL AND x.staff_id <> 'li')`] : []),
      ];
      const others = mine.length === 0 ? 'false' : mine.join(' OR ');
      return `SELECT '${t.table_name}' AS t,
        (SELECT md5(coalesce(string_agg(r, '|' ORDER BY r), '')) FROM (SELECT row_to_json(x)::text AS r FROM ${t.table_name} x WHERE x.workspace_id = $1${own}) a) AS all_rows,
        (SELECT md5(coalesce(string_agg(r, '|' ORDER BY r), '')) FROM (SELECT row_to_json(x)::text AS r FROM ${t.table_name} x WHERE x.workspace_id = $1${own} AND (${others})) o) AS others`;
    }).join('\nUNION ALL\n');
  }
  const rows = await store.db.query<{ t: string; all_rows: string; others: string }>(snapshotSql, [WS, ctx.outIds]);
  return new Map(rows.map((r) => [r.t, { all: r.all_rows, others: r.others }]));
}

/** Tables whose rows about other staff members' customers (or colleagues' tasks) differ. */
function othersChanged(a: Map<string, { others: string }>, b: Map<string, { others: string }>): string[] {
  return [...a.keys()].filter((n) => a.get(n)!.others !== b.get(n)?.others);
}

function changedTables(a: Map<string, { all: string }>, b: Map<string, { all: string }>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n)?.all !== b.get(n)?.all);
}

// ---------------------------------------------------------------- the route table

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Call {
  path: string;
  body?: unknown;
  /** The statuses that are right. */
  expect: number[];
  /**
   * read: must change nothing; out: a write about what is outside the scope, must change
   * nothing; in: an allowed write, must change nothing of others' rows.
   */
  kind: 'read' | 'out' | 'in';
  check?: (r: TestResponse) => void | Promise<void>;
}
type Case =
  | { kind: 'forbidden' }
  | { kind: 'public'; why: string }
  | { kind: 'calls'; calls: () => Call[] };

const FORBIDDEN: Case = { kind: 'forbidden' };
const read = (path: string, check?: Call['check'], expect = [200]): Call => ({ path, expect, kind: 'read', ...(check ? { check } : {}) });
const ids = (r: TestResponse, key = 'customerId') => JSON.stringify(r.json).match(new RegExp(`"${key}":(\\d+)`, 'g'))?.map((m) => Number(m.split(':')[1])) ?? [];
const onlyInside = (r: TestResponse, key = 'customerId') => {
  const inside = new Set(ctx.inIds);
  for (const id of ids(r, key)) assert.ok(inside.has(id), `customer ${id} is outside the scope`);
};
const filterAll = () => ({ field: 'customerId', op: 'in', values: [...ctx.inIds, ...ctx.outIds] });
const attackFunnel = { from: '2026-09-01', to: '2026-11-30', windowHours: 24 * 60, steps: [{ type: 'contact.added' }, { type: 'order.paid' }] };
const first = () => ctx.inIds[0]!;
const theirs = () => ctx.outIds[0]!;

const CASES: Record<string, Case> = {
  'GET /healthz': { kind: 'calls', calls: () => [read('/healthz')] },
  'POST /api/v1/auth/login': { kind: 'public', why: 'sign-in is before any scope (its lockout is the edges suite\'s)' },
  'POST /api/v1/auth/logout': { kind: 'calls', calls: () => [] }, // called last, on a session of its own (see the final test)
  'GET /api/v1/auth/me': { kind: 'calls', calls: () => [read('/api/v1/auth/me', (r) => assert.equal(r.json.role, 'staff'))] },
  'POST /api/v1/auth/password': {
    kind: 'calls', calls: () => [{ path: '/api/v1/auth/password', body: { currentPassword: 'not-it', newPassword: 'a-new-password-42' }, expect: [401, 403], kind: 'in' }],
    // 'in': a wrong current password is counted and audited against the caller's own account — a write about them, no one else.
  },
  'GET /api/v1/users': FORBIDDEN,
  'GET /api/v1/settings/webhook-targets': FORBIDDEN,
  'PUT /api/v1/settings/webhook-targets': FORBIDDEN,
  'GET /api/v1/imports': FORBIDDEN,
  'POST /api/v1/admin/backup': FORBIDDEN,
  'POST /api/v1/users': FORBIDDEN,
  'GET /api/v1/users/{user}': FORBIDDEN,
  'PATCH /api/v1/users/{user}': FORBIDDEN,
  'DELETE /api/v1/users/{user}': FORBIDDEN,
  'POST /api/v1/users/{user}/password': FORBIDDEN,
  'POST /api/v1/users/{user}/unlock': FORBIDDEN,
  'GET /api/v1/tokens': FORBIDDEN,
  'POST /api/v1/tokens': FORBIDDEN,
  'DELETE /api/v1/tokens/{id}': FORBIDDEN,
  'POST /api/v1/events': FORBIDDEN,
  'GET /api/v1/customers/{id}/timeline': {
    kind: 'calls', calls: () => [
      read(`/api/v1/customers/${first()}/timeline`, (r) => assert.match(r.text, /YZ139\d{8}0/, 'an order number is not a phone')),
      read(`/api/v1/customers/${theirs()}/timeline`, undefined, [404]),
    ],
  },
  'GET /api/v1/customers/{id}/merges': {
    kind: 'calls', calls: () => [read(`/api/v1/customers/${first()}/merges`), read(`/api/v1/customers/${theirs()}/merges`, undefined, [404])],
  },
  'POST /api/v1/merges/{mergeId}/undo': FORBIDDEN,
  'GET /api/v1/customers/export': {
    kind: 'calls', calls: () => [
      read('/api/v1/customers/export?format=csv', (r) => assert.equal(r.text.trim().split('\n').length - 1, ctx.inIds.length)),
      read('/api/v1/customers/export?format=ndjson', (r) => {
        assert.deepEqual(r.text.trim().split('\n').map((l) => JSON.parse(l).customer_id ?? JSON.parse(l).customerId).sort((a, b) => a - b), ctx.inIds);
      }),
    ],
  },
  'GET /api/v1/customers/{id}': {
    kind: 'calls', calls: () => [read(`/api/v1/customers/${first()}`), read(`/api/v1/customers/${theirs()}`, undefined, [404])],
  },
  'GET /api/v1/customers/{id}/record': {
    kind: 'calls', calls: () => [read(`/api/v1/customers/${first()}/record`), read(`/api/v1/customers/${theirs()}/record`, undefined, [404])],
  },
  'PATCH /api/v1/customers/{id}/record': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/customers/${theirs()}/record`, body: { remark: '改别人的', city: '上海' }, expect: [404], kind: 'out' },
      { path: `/api/v1/customers/${first()}/record`, body: { remark: '老客户', city: '杭州', birthday: '1990-05-03' }, expect: [200], kind: 'in' },
    ],
  },
  'GET /api/v1/customers/{id}/followups': {
    kind: 'calls', calls: () => [read(`/api/v1/customers/${first()}/followups`), read(`/api/v1/customers/${theirs()}/followups`, undefined, [404])],
  },
  'POST /api/v1/customers/{id}/followups': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/customers/${theirs()}/followups`, body: { type: 'call', note: '回访', nextOn: '2026-11-25' }, expect: [404], kind: 'out' },
      { path: `/api/v1/customers/${first()}/followups`, body: { type: 'call', note: '回访', nextOn: '2026-11-25', staffId: 'zhang' }, expect: [201], kind: 'in',
        check: (r) => assert.equal(r.json.staffId, 'li', 'a staff member logs their own follow-ups') },
    ],
  },
  // The attack workspace has no WeCom connection: the staff member's own tasks are found, nothing is written (409).
  'POST /api/v1/tasks/send-to-wecom': {
    kind: 'calls', calls: () => [
      // 409 when WeCom is not configured; 200 with nothing sent when every task is over the day's mass cap.
      { path: '/api/v1/tasks/send-to-wecom', body: { staffId: 'zhang', taskIds: [ctx.taskTheirs, ctx.taskShared] }, expect: [200, 409], kind: 'out' },
      { path: '/api/v1/tasks/send-to-wecom', body: {}, expect: [200, 409], kind: 'in' },
    ],
  },
  'GET /api/v1/coupons': { kind: 'calls', calls: () => [read('/api/v1/coupons')] },
  'PUT /api/v1/coupons/{couponId}': FORBIDDEN,
  'GET /api/v1/customers/{id}/coupons': {
    kind: 'calls', calls: () => [read(`/api/v1/customers/${first()}/coupons`), read(`/api/v1/customers/${theirs()}/coupons`, undefined, [404])],
  },
  'POST /api/v1/customers/{id}/coupons': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/customers/${theirs()}/coupons`, body: { couponId: 'attack-10' }, expect: [404], kind: 'out' },
      { path: `/api/v1/customers/${first()}/coupons`, body: { couponId: 'attack-10' }, expect: [201], kind: 'in' },
    ],
  },
  'POST /api/v1/coupon-issues/{issueId}/redeem': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/coupon-issues/${encodeURIComponent(ctx.couponTheirs)}/redeem`, body: {}, expect: [404], kind: 'out' },
      { path: `/api/v1/coupon-issues/${encodeURIComponent(ctx.couponMine)}/redeem`, body: { orderId: 'A1' }, expect: [200], kind: 'in' },
    ],
  },
  'GET /api/v1/custom-fields': { kind: 'calls', calls: () => [read('/api/v1/custom-fields')] },
  'PUT /api/v1/custom-fields/{key}': FORBIDDEN,
  'DELETE /api/v1/custom-fields/{key}': FORBIDDEN,
  'GET /api/v1/tags': {
    kind: 'calls', calls: () => [read('/api/v1/tags', (r) => {
      const tag = r.json.categories.flatMap((c: any) => c.groups).flatMap((g: any) => g.tags).find((t: any) => t.tagId === ctx.tagId);
      assert.equal(tag.customers, ctx.inIds.length, 'a tag\'s count is of the staff member\'s customers');
      const stage = r.json.categories.flatMap((c: any) => c.groups).flatMap((g: any) => g.tags).find((t: any) => t.path === '购买频次/已购买');
      assert.equal(stage.customers, ctx.inIds.length);
    })],
  },
  'POST /api/v1/tags': FORBIDDEN,
  'POST /api/v1/tags/categories': FORBIDDEN,
  'PATCH /api/v1/tags/categories/{id}': FORBIDDEN,
  'DELETE /api/v1/tags/categories/{id}': FORBIDDEN,
  'POST /api/v1/tags/groups': FORBIDDEN,
  'PATCH /api/v1/tags/groups/{id}': FORBIDDEN,
  'DELETE /api/v1/tags/groups/{id}': FORBIDDEN,
  'PATCH /api/v1/tags/{id}': FORBIDDEN,
  'DELETE /api/v1/tags/{id}': FORBIDDEN,
  'POST /api/v1/tags/{id}/aliases': FORBIDDEN,
  'DELETE /api/v1/tags/{id}/aliases/{alias}': FORBIDDEN,
  'POST /api/v1/tags/merge': FORBIDDEN,
  'POST /api/v1/tags/apply': FORBIDDEN,
  'POST /api/v1/customers/{id}/tags': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/customers/${theirs()}/tags`, body: { tag: '双十二/已邀约', reason: 'x' }, expect: [404], kind: 'out' },
      { path: `/api/v1/customers/${first()}/tags`, body: { tag: '购买频次/多次购买', reason: '复购' }, expect: [200], kind: 'in' },
    ],
  },
  'DELETE /api/v1/customers/{id}/tags/{tagId}': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/customers/${theirs()}/tags/${ctx.tagId}`, expect: [404], kind: 'out' },
      { path: `/api/v1/customers/${first()}/tags/${ctx.tagId}`, expect: [200], kind: 'in' },
    ],
  },
  'GET /api/v1/journeys': { kind: 'calls', calls: () => [read('/api/v1/journeys')] },
  'POST /api/v1/journeys': FORBIDDEN,
  'GET /api/v1/journeys/templates': { kind: 'calls', calls: () => [read('/api/v1/journeys/templates')] },
  'POST /api/v1/journeys/templates/{key}': FORBIDDEN,
  'GET /api/v1/journeys/{id}': { kind: 'calls', calls: () => [read('/api/v1/journeys/购买频次')] },
  'PATCH /api/v1/journeys/{id}': FORBIDDEN,
  'DELETE /api/v1/journeys/{id}': FORBIDDEN,
  'POST /api/v1/journeys/{id}/stages': FORBIDDEN,
  'PUT /api/v1/journeys/{id}/stages/order': FORBIDDEN,
  'PATCH /api/v1/journeys/{id}/stages/{stageId}': FORBIDDEN,
  'DELETE /api/v1/journeys/{id}/stages/{stageId}': FORBIDDEN,
  'GET /api/v1/journeys/{id}/board': {
    kind: 'calls', calls: () => [read('/api/v1/journeys/购买频次/board?limit=200', (r) => {
      assert.equal(r.json.columns.reduce((s: number, c: any) => s + c.count, 0), ctx.inIds.length);
      onlyInside(r);
    })],
  },
  'GET /api/v1/journeys/{id}/stages/{stageId}/cards': {
    kind: 'calls', calls: () => [read('/api/v1/journeys/购买频次/stages/已购买/cards?limit=200', (r) => onlyInside(r))],
  },
  'POST /api/v1/journeys/{id}/moves': {
    kind: 'calls', calls: () => [
      { path: '/api/v1/journeys/购买频次/moves', body: { customerIds: [theirs(), first()], stage: '多次购买', reason: 'x' }, expect: [404], kind: 'out' },
      { path: '/api/v1/journeys/购买频次/moves', body: { customerIds: ctx.outIds, stage: '多次购买', reason: 'x', force: true }, expect: [404], kind: 'out' },
      {
        path: '/api/v1/journeys/购买频次/moves', body: { customerIds: ctx.inIds, stage: '已入群', reason: '进群', force: true }, expect: [200], kind: 'in',
        check: (r) => onlyInside(r),
      },
    ],
  },
  'GET /api/v1/journeys/{id}/stats': {
    kind: 'calls', calls: () => [read('/api/v1/journeys/购买频次/stats', (r) => {
      assert.equal(r.json.stages.reduce((s: number, x: any) => s + x.customers, 0), ctx.inIds.length);
      for (const s of r.json.stages) assert.ok(s.entered <= ctx.inIds.length * 4, `${s.stage}: ${s.entered} entries`);
    })],
  },
  'GET /api/v1/journeys/{id}/history': { kind: 'calls', calls: () => [read('/api/v1/journeys/购买频次/history?limit=1000', (r) => onlyInside(r))] },
  'GET /api/v1/customers/{id}/journeys': {
    kind: 'calls', calls: () => [read(`/api/v1/customers/${first()}/journeys`), read(`/api/v1/customers/${theirs()}/journeys`, undefined, [404])],
  },
  'GET /api/v1/segments': {
    kind: 'calls', calls: () => [read('/api/v1/segments', (r) => {
      assert.equal(r.json.customers, ctx.inIds.length);
      const trust = r.json.models.trust.reduce((s: number, b: any) => s + b.count, 0);
      assert.equal(trust, ctx.inIds.length, 'the trust distribution is of the staff member\'s customers');
    })],
  },
  'GET /api/v1/analytics/acquisition': {
    kind: 'calls', calls: () => [read('/api/v1/analytics/acquisition?from=2026-09-25&to=2026-10-05&staff=zhang', (r) => {
      assert.equal(r.json.totals.newFollowers, CUSTOMERS / 4, 'only the staff member\'s own adds, whatever staff is asked for');
      assert.deepEqual(r.json.byStaff.map((s: any) => s.staffId), ['li']);
      assert.ok(r.json.campaigns.every((c: any) => c.joins + c.newFollowers <= ctx.inIds.length));
    })],
  },
  'GET /api/v1/analytics/customers/trend': {
    kind: 'calls', calls: () => [read('/api/v1/analytics/customers/trend?model=customers&from=2026-09-28&to=2026-11-19&interval=week&channel=qr', (r) => {
      assert.ok(r.json.buckets.length > 0);
      for (const b of r.json.buckets) assert.ok(b.counts.total <= ctx.inIds.length, `${b.day}: ${b.counts.total} customers exceed the scope`);
    })],
  },
  'GET /api/v1/analytics/costs': FORBIDDEN,
  'PUT /api/v1/analytics/costs': FORBIDDEN,
  'DELETE /api/v1/analytics/costs': FORBIDDEN,
  'GET /api/v1/analytics/roi': FORBIDDEN,
  'GET /api/v1/analytics/churn': {
    kind: 'calls', calls: () => [read('/api/v1/analytics/churn?from=2026-09-01&to=2026-11-20', (r) => onlyInside(r))],
  },
  'PUT /api/v1/analytics/churn/{id}/reason': {
    kind: 'calls', calls: () => [
      // Nobody has removed anyone in this dataset: inside, the answer names that; outside, the customer does not exist.
      { path: `/api/v1/analytics/churn/${theirs()}/reason`, body: { reason: '搬家' }, expect: [404], kind: 'out' },
      { path: `/api/v1/analytics/churn/${first()}/reason`, body: { reason: '搬家' }, expect: [422], kind: 'in' },
    ],
  },
  'GET /api/v1/analytics/churn-reasons': { kind: 'calls', calls: () => [read('/api/v1/analytics/churn-reasons')] },
  'PUT /api/v1/analytics/churn-reasons': FORBIDDEN,
  'POST /api/v1/recompute': FORBIDDEN,
  'GET /api/v1/models/movement': {
    kind: 'calls', calls: () => [read('/api/v1/models/movement?model=trust&from=2026-10-01&to=2026-11-30', (r) => {
      const counts = [...JSON.stringify(r.json).matchAll(/"(?:count|customers)":(\d+)/g)].map((m) => Number(m[1]));
      assert.ok(counts.every((n) => n <= ctx.inIds.length), `movement counts ${counts.join(',')} exceed the scope`);
    })],
  },
  'GET /api/v1/models/runs': {
    kind: 'calls', calls: () => [read('/api/v1/models/runs', (r) => {
      assert.ok(r.json.length > 0);
      for (const run of r.json) assert.deepEqual([run.customers, run.changed], [null, null]);
    })],
  },
  'GET /api/v1/models/config': { kind: 'calls', calls: () => [read('/api/v1/models/config')] },
  'GET /api/v1/clv/fits': {
    kind: 'calls', calls: () => [read('/api/v1/clv/fits', (r) => {
      for (const f of r.json) assert.deepEqual([f.customers, f.repeatCustomers], [null, null], 'fits show staff no workspace-wide totals');
    })],
  },
  'GET /api/v1/clv/distribution': {
    kind: 'calls', calls: () => [read('/api/v1/clv/distribution', (r) => {
      assert.ok(r.json.customers <= ctx.inIds.length, `${r.json.customers} predicted customers exceed the scope`);
      const banded = r.json.clv.reduce((n: number, b: any) => n + b.customers, 0);
      assert.ok(banded <= ctx.inIds.length, `CLV bands hold ${banded} customers, more than the scope`);
      if (r.json.fit) assert.deepEqual([r.json.fit.customers, r.json.fit.repeatCustomers], [null, null]);
    })],
  },
  'GET /api/v1/clv/predictions': {
    kind: 'calls', calls: () => [read('/api/v1/clv/predictions?limit=500', (r) => {
      onlyInside(r);
      assert.ok(r.json.total <= ctx.inIds.length, `total ${r.json.total} exceeds the scope`);
    })],
  },
  'GET /api/v1/analytics/funnel/defaults': { kind: 'calls', calls: () => [read('/api/v1/analytics/funnel/defaults')] },
  'POST /api/v1/analytics/funnel': {
    kind: 'calls', calls: () => [{
      path: '/api/v1/analytics/funnel', body: { ...attackFunnel, split: 'staff' }, expect: [200], kind: 'read',
      check: (r) => {
        assert.equal(r.json.steps[0].customers, ctx.inIds.length, 'the funnel counts exactly the staff member\'s customers');
        assert.ok(r.json.steps[1].customers <= ctx.inIds.length);
      },
    }],
  },
  'POST /api/v1/analytics/funnel/audience': {
    kind: 'calls', calls: () => [{
      path: '/api/v1/analytics/funnel/audience', body: { funnel: attackFunnel, step: 2, name: '漏斗付款' }, expect: [201], kind: 'in',
      check: async (r) => {
        assert.equal(r.json.customers, ctx.inIds.length);
        const seg = await admin.get(`/api/v1/segments/saved/${encodeURIComponent('漏斗付款')}`);
        for (const id of seg.json.filter.values) assert.ok(ctx.inIds.includes(id), `customer ${id} outside the scope kept in a segment`);
      },
    }],
  },
  'GET /api/v1/analytics/operations': {
    kind: 'calls', calls: () => [read('/api/v1/analytics/operations?from=2026-11-01&to=2026-11-30&staff=zhang', (r) => {
      for (const s of r.json.leaderboard) assert.equal(s.staffId, 'li', 'the leaderboard shows staff only their own row');
      for (const s of r.json.today.byStaff) assert.equal(s.staffId, 'li');
      for (const m of r.json.byMass) assert.ok(m.recipients <= ctx.inIds.length, `mass message ${m.massMessageId}: ${m.recipients} recipients exceed the scope`);
    })],
  },
  'GET /api/v1/analytics/responsiveness': {
    kind: 'calls', calls: () => [read('/api/v1/analytics/responsiveness?from=2026-10-01&to=2026-11-30&staff=zhang', (r) => {
      for (const s of r.json.staff) assert.equal(s.staffId, 'li', 'responsiveness shows staff only their own row');
      for (const w of r.json.weekly) assert.equal(w.staffId, 'li');
    })],
  },
  'GET /api/v1/analytics/complaints': {
    kind: 'calls', calls: () => [read('/api/v1/analytics/complaints?from=2026-10-01&to=2026-11-30&staff=zhang', (r) => {
      for (const s of r.json.byStaff) assert.equal(s.staffId, 'li', 'complaints show staff only their own');
    })],
  },
  'GET /api/v1/analytics/content': {
    kind: 'calls', calls: () => [read('/api/v1/analytics/content?from=2026-10-01&to=2026-11-30', (r) => onlyInside(r))],
  },
  'GET /api/v1/analytics/content-items': { kind: 'calls', calls: () => [read('/api/v1/analytics/content-items')] },
  'PUT /api/v1/analytics/content-items': FORBIDDEN,
  'GET /api/v1/customers/{id}/clv': {
    kind: 'calls', calls: () => [read(`/api/v1/customers/${first()}/clv`), read(`/api/v1/customers/${theirs()}/clv`, undefined, [404])],
  },
  'GET /api/v1/customers/{id}/orders': {
    kind: 'calls', calls: () => [read(`/api/v1/customers/${first()}/orders`, (r) => onlyInside(r)), read(`/api/v1/customers/${theirs()}/orders`, undefined, [404])],
  },
  'GET /api/v1/staff': {
    kind: 'calls', calls: () => [read('/api/v1/staff', (r) => {
      const owned = r.json.items.reduce((n: number, s: any) => n + s.customers, 0);
      assert.ok(owned <= ctx.inIds.length, `staff directory counts ${owned} customers, more than the scope`);
    })],
  },
  'GET /api/v1/channels': {
    kind: 'calls', calls: () => [read('/api/v1/channels', (r) => {
      const acquired = r.json.items.reduce((n: number, ch: any) => n + ch.customers, 0);
      assert.ok(acquired <= ctx.inIds.length, `channel directory counts ${acquired} customers, more than the scope`);
    })],
  },
  'PUT /api/v1/models/config': FORBIDDEN,
  'PUT /api/v1/customers/{id}/pins/{model}': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/customers/${theirs()}/pins/trust`, body: { value: 'L5', reason: 'x' }, expect: [404], kind: 'out' },
      { path: `/api/v1/customers/${first()}/pins/trust`, body: { value: 'L4', reason: '熟客' }, expect: [200], kind: 'in' },
    ],
  },
  'DELETE /api/v1/customers/{id}/pins/{model}': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/customers/${theirs()}/pins/trust`, expect: [404], kind: 'out' },
      { path: `/api/v1/customers/${first()}/pins/trust`, expect: [200], kind: 'in' },
    ],
  },
  'GET /api/v1/customers': {
    kind: 'calls', calls: () => [read('/api/v1/customers?limit=500&total=true', (r) => {
      assert.deepEqual(r.json.items.map((c: any) => c.customerId).sort((a: number, b: number) => a - b), ctx.inIds);
      assert.equal(r.json.total, ctx.inIds.length);
    })],
  },
  'POST /api/v1/customers/search': {
    kind: 'calls', calls: () => [{
      path: '/api/v1/customers/search', body: { filter: filterAll(), limit: 500, total: true }, expect: [200], kind: 'read',
      check: (r) => { assert.equal(r.json.total, ctx.inIds.length); onlyInside(r); },
    }],
  },
  'POST /api/v1/audiences/count': {
    kind: 'calls', calls: () => [{
      path: '/api/v1/audiences/count', body: { filter: filterAll() }, expect: [200], kind: 'read', check: (r) => assert.equal(r.json.count, ctx.inIds.length),
    }],
  },
  'POST /api/v1/audiences/preview': {
    kind: 'calls', calls: () => [{
      path: '/api/v1/audiences/preview', body: { filter: filterAll(), limit: 200 }, expect: [200], kind: 'read',
      check: (r) => { assert.equal(r.json.count, ctx.inIds.length); onlyInside(r); },
    }],
  },
  'GET /api/v1/audiences/fields': { kind: 'calls', calls: () => [read('/api/v1/audiences/fields')] },
  'GET /api/v1/segments/saved': { kind: 'calls', calls: () => [read('/api/v1/segments/saved')] },
  'POST /api/v1/segments/saved': {
    kind: 'calls', calls: () => [
      { path: '/api/v1/segments/saved', body: { name: ctx.adminSegment, filter: { field: 'trustLevel', op: 'gte', value: 5 }, replace: true }, expect: [403], kind: 'out' },
      { path: '/api/v1/segments/saved', body: { name: '我的分群', filter: { field: 'trustLevel', op: 'gte', value: 1 } }, expect: [201], kind: 'in' },
    ],
  },
  'GET /api/v1/segments/saved/{ref}': {
    kind: 'calls', calls: () => [read(`/api/v1/segments/saved/${encodeURIComponent(ctx.adminSegment)}`, (r) => assert.equal(r.json.count, ctx.inIds.length))],
  },
  'PUT /api/v1/segments/saved/{ref}': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/segments/saved/${encodeURIComponent(ctx.adminSegment)}`, body: { filter: { field: 'trustLevel', op: 'gte', value: 5 } }, expect: [403], kind: 'out' },
      { path: `/api/v1/segments/saved/${encodeURIComponent('我的分群')}`, body: { filter: { field: 'trustLevel', op: 'gte', value: 2 } }, expect: [200], kind: 'in' },
    ],
  },
  'DELETE /api/v1/segments/saved/{ref}': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/segments/saved/${encodeURIComponent(ctx.adminSegment)}`, expect: [403], kind: 'out' },
      { path: `/api/v1/segments/saved/${encodeURIComponent('我的分群')}`, expect: [200], kind: 'in' },
    ],
  },
  'GET /api/v1/sops': { kind: 'calls', calls: () => [read('/api/v1/sops')] },
  'POST /api/v1/sops': FORBIDDEN,
  'GET /api/v1/sops/{id}': { kind: 'calls', calls: () => [read(`/api/v1/sops/${ctx.sopId}`), read('/api/v1/sops/999999', undefined, [404])] },
  'PUT /api/v1/sops/{id}': FORBIDDEN,
  'DELETE /api/v1/sops/{id}': FORBIDDEN,
  'POST /api/v1/sops/{id}/enable': FORBIDDEN,
  'POST /api/v1/sops/{id}/disable': FORBIDDEN,
  'POST /api/v1/sops/dry-run': FORBIDDEN,
  'GET /api/v1/sops/{id}/deliveries': {
    kind: 'calls', calls: () => [read(`/api/v1/sops/${ctx.sopId}/deliveries?limit=500`, (r) => {
      assert.equal(r.json.enrollments.total, ctx.inIds.length);
      for (const step of r.json.steps) assert.ok(step.due + step.scheduled <= ctx.inIds.length, `step ${step.key}: ${step.due} + ${step.scheduled}`);
      onlyInside(r);
    })],
  },
  'GET /api/v1/rules': FORBIDDEN,
  'POST /api/v1/rules': FORBIDDEN,
  'GET /api/v1/rules/schema': FORBIDDEN,
  'GET /api/v1/rules/export': FORBIDDEN,
  'POST /api/v1/rules/import': FORBIDDEN,
  'GET /api/v1/rules/runs': FORBIDDEN,
  'POST /api/v1/rules/dry-run': FORBIDDEN,
  'GET /api/v1/rules/{id}': FORBIDDEN,
  'PUT /api/v1/rules/{id}': FORBIDDEN,
  'DELETE /api/v1/rules/{id}': FORBIDDEN,
  'POST /api/v1/rules/{id}/enable': FORBIDDEN,
  'POST /api/v1/rules/{id}/disable': FORBIDDEN,
  'POST /api/v1/rules/{id}/dry-run': FORBIDDEN,
  'POST /api/v1/rules/{id}/replay': FORBIDDEN,
  'POST /api/v1/webhooks/orders/{source}': { kind: 'public', why: 'a shop\'s signed webhook, not a staff member\'s call' },
  'GET /api/v1/shop/sources': FORBIDDEN,
  'POST /api/v1/shop/sources': FORBIDDEN,
  'POST /api/v1/shop/sources/{source}/rotate': FORBIDDEN,
  'PATCH /api/v1/shop/sources/{source}': FORBIDDEN,
  'GET /api/v1/shop/deliveries': FORBIDDEN,
  'GET /api/v1/wecom/callback/{workspace}': { kind: 'public', why: 'WeCom\'s signed URL check, not a staff member\'s call' },
  'POST /api/v1/wecom/callback/{workspace}': { kind: 'public', why: 'WeCom\'s signed callback, not a staff member\'s call' },
  'GET /api/v1/wecom/config': FORBIDDEN,
  'PUT /api/v1/wecom/config': FORBIDDEN,
  'POST /api/v1/wecom/sync': FORBIDDEN,
  'POST /api/v1/wecom/reconcile': FORBIDDEN,
  'POST /api/v1/wecom/contact-ways': FORBIDDEN,
  'GET /api/v1/wecom/contact-ways': FORBIDDEN,
  'POST /api/v1/wecom/transfers': FORBIDDEN,
  'GET /api/v1/wecom/inbox': FORBIDDEN,
  'GET /api/v1/tasks': {
    kind: 'calls', calls: () => [
      read('/api/v1/tasks?limit=200', async (r) => {
        const items = [...r.json.items];
        for (let cursor = r.json.nextCursor; cursor; ) {
          const page = await staff.get(`/api/v1/tasks?limit=200&cursor=${encodeURIComponent(cursor)}`);
          assertNothingLeaks('GET /api/v1/tasks (next page)', page);
          items.push(...page.json.items);
          cursor = page.json.nextCursor;
        }
        const seen = items.map((t: any) => t.taskId);
        assert.ok(seen.includes(ctx.taskMine) && seen.includes(ctx.taskShared) && !seen.includes(ctx.taskTheirs), 'the tasks a staff member sees');
        for (const t of items) assert.ok(t.staffId === 'li' || ctx.inIds.includes(t.customerId), `task ${t.taskId} is outside the scope`);
      }),
      read('/api/v1/tasks?staff=zhang&limit=200', (r) => { for (const t of r.json.items) assert.ok(ctx.inIds.includes(t.customerId)); }),
      read('/api/v1/tasks?kind=manual&source=staff&limit=200', (r) => {
        const seen = r.json.items.map((t: any) => t.taskId);
        assert.ok(seen.includes(ctx.taskMine) && !seen.includes(ctx.taskTheirs), 'a kind and source filter narrows within the scope, never past it');
        for (const t of r.json.items) assert.ok(t.kind === 'manual' && t.source.type === 'staff' && (t.staffId === 'li' || ctx.inIds.includes(t.customerId)));
      }),
    ],
  },
  'GET /api/v1/tasks/stats': {
    kind: 'calls', calls: () => [read('/api/v1/tasks/stats?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z', async (r) => {
      const sc = scopeCondition({ kind: 'staff', staffId: 'li' }, 't', 2);
      const [{ n }] = (await store.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outreach_tasks t WHERE t.workspace_id = $1 AND t.due_at >= '2026-11-01' AND t.due_at < '2026-12-01'
           AND (t.staff_id = $2::text OR (t.customer_id IS NOT NULL AND ${sc.sql}))`, [WS, ...sc.params],
      )) as [{ n: number }];
      assert.equal(r.json.staff.reduce((s: number, x: any) => s + x.tasks, 0), n);
      assert.deepEqual(r.json.suppressed, []);
    })],
  },
  'GET /api/v1/tasks/{id}': {
    kind: 'calls', calls: () => [
      read(`/api/v1/tasks/${ctx.taskMine}`), read(`/api/v1/tasks/${ctx.taskShared}`), read(`/api/v1/tasks/${ctx.taskTheirs}`, undefined, [404]),
    ],
  },
  'PATCH /api/v1/tasks/{id}': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/tasks/${ctx.taskTheirs}`, body: { status: 'sent' }, expect: [404], kind: 'out' },
      { path: `/api/v1/tasks/${ctx.taskShared}`, body: { status: 'skipped' }, expect: [403], kind: 'out' },
      { path: `/api/v1/tasks/${ctx.taskMine}`, body: { status: 'sent', note: '已联系' }, expect: [200], kind: 'in' },
    ],
  },
  'POST /api/v1/mass-messages': {
    kind: 'calls', calls: () => [
      {
        path: '/api/v1/mass-messages', body: { filter: filterAll(), content: '试算', purpose: 'service', dryRun: true }, expect: [200], kind: 'read',
        check: (r) => assert.equal(r.json.audience, ctx.inIds.length),
      },
      {
        path: '/api/v1/mass-messages', body: { filter: filterAll(), content: '李四的问候', contentKey: 'li-hello', purpose: 'service' }, expect: [201], kind: 'in',
        check: (r) => {
          assert.equal(r.json.audience, ctx.inIds.length);
          assert.deepEqual(r.json.perStaff.map((p: any) => p.staffId), r.json.recipients > 0 ? ['li'] : []);
        },
      },
    ],
  },
  'GET /api/v1/mass-messages': {
    kind: 'calls', calls: () => [read('/api/v1/mass-messages?limit=200', (r) => {
      for (const m of r.json.items) {
        assert.ok(m.counts.audience <= ctx.inIds.length, `mass message ${m.massMessageId}: audience ${m.counts.audience}`);
        for (const p of m.counts.perStaff) assert.equal(p.staffId, 'li');
      }
    })],
  },
  'GET /api/v1/mass-messages/{id}': {
    kind: 'calls', calls: () => [read(`/api/v1/mass-messages/${ctx.massId}?limit=1000`, (r) => {
      assert.deepEqual(r.json.progress.map((p: any) => p.staffId), ['li']);
      for (const x of r.json.recipients) assert.equal(x.staffId, 'li');
      assert.ok(r.json.counts.audience <= ctx.inIds.length);
      onlyInside(r);
    })],
  },
  'POST /api/v1/scheduled-sends': {
    kind: 'calls', calls: () => [{
      path: '/api/v1/scheduled-sends', body: { filter: filterAll(), content: '李四的周末问候', purpose: 'service', sendAt: new Date(NOW + 2 * 86_400_000).toISOString() },
      expect: [201], kind: 'in', check: (r) => {
        assert.equal(r.json.estimate.audience, ctx.inIds.length);
        assert.equal(r.json.staffId, 'li');
      },
    }],
  },
  'GET /api/v1/scheduled-sends': {
    kind: 'calls', calls: () => [read('/api/v1/scheduled-sends', (r) => {
      assert.ok(r.json.items.length >= 2);
      for (const s of r.json.items) assert.equal(s.staffId, 'li', `schedule ${s.scheduleId} is not li's`);
    })],
  },
  'GET /api/v1/scheduled-sends/{id}': {
    kind: 'calls', calls: () => [read(`/api/v1/scheduled-sends/${ctx.scheduleMine}`), read(`/api/v1/scheduled-sends/${ctx.scheduleTheirs}`, undefined, [404])],
  },
  'PATCH /api/v1/scheduled-sends/{id}': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/scheduled-sends/${ctx.scheduleTheirs}`, body: { content: '改别人的' }, expect: [404], kind: 'out' },
      { path: `/api/v1/scheduled-sends/${ctx.scheduleMine}`, body: { content: '李四改过的问候', filter: filterAll() }, expect: [200], kind: 'in',
        check: (r) => assert.equal(r.json.estimate.audience, ctx.inIds.length) },
    ],
  },
  'POST /api/v1/scheduled-sends/{id}/cancel': {
    kind: 'calls', calls: () => [
      { path: `/api/v1/scheduled-sends/${ctx.scheduleTheirs}/cancel`, expect: [404], kind: 'out' },
      { path: `/api/v1/scheduled-sends/${ctx.scheduleMine2}/cancel`, expect: [200], kind: 'in' },
    ],
  },
  'GET /api/v1/holidays': { kind: 'calls', calls: () => [read('/api/v1/holidays?from=2026-01-01&to=2026-12-31', (r) => assert.equal(r.json.items.length, 6))] },
  'POST /api/v1/holidays': FORBIDDEN,
  'DELETE /api/v1/holidays/{id}': FORBIDDEN,
  'GET /api/v1/operations-calendar': {
    kind: 'calls', calls: () => [read('/api/v1/operations-calendar?from=2026-11-01&to=2026-12-31', async (r) => {
      const steps = r.json.days.flatMap((d: any) => d.sopSteps).reduce((s: number, x: any) => s + x.scheduled + x.delivered + x.suppressed, 0);
      const [truth] = await store.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM sop_deliveries WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])
           AND due_at >= '2026-11-01T00:00:00+08:00' AND due_at < '2027-01-01T00:00:00+08:00'`, [WS, ctx.inIds]);
      assert.equal(steps, truth!.n, 'SOP steps of li\'s customers only');
      for (const d of r.json.days) for (const s of d.scheduledSends) assert.equal(s.staffId, 'li');
    })],
  },
  'GET /api/v1/focus': {
    kind: 'calls', calls: () => [read('/api/v1/focus', (r) => onlyInside(r)), read('/api/v1/focus?staff=zhang', undefined, [403])],
  },
  'GET /api/v1/policy': { kind: 'calls', calls: () => [read('/api/v1/policy')] },
  'PUT /api/v1/policy': FORBIDDEN,
  // The material library is shared content, not customers' data: staff read it; the preview is of one of their own customers.
  'GET /api/v1/materials': { kind: 'calls', calls: () => [read('/api/v1/materials')] },
  'POST /api/v1/materials': FORBIDDEN,
  'POST /api/v1/materials/files': FORBIDDEN,
  'GET /api/v1/materials/files/{fileId}': { kind: 'calls', calls: () => [read('/api/v1/materials/files/999999', undefined, [404])] },
  'GET /api/v1/materials/{id}': { kind: 'calls', calls: () => [read(`/api/v1/materials/${ctx.materialId}`)] },
  'PATCH /api/v1/materials/{id}': FORBIDDEN,
  'DELETE /api/v1/materials/{id}': FORBIDDEN,
  'GET /api/v1/materials/{id}/preview': {
    kind: 'calls', calls: () => [
      read(`/api/v1/materials/${ctx.materialId}/preview?customerId=${first()}`, (r) => assert.match(r.json.text, /^我客\d+/)),
      read(`/api/v1/materials/${ctx.materialId}/preview?customerId=${theirs()}`, undefined, [404]),
    ],
  },
  // Moments posts are the staff's own broadcasts; their engagement counts only the caller's customers.
  'GET /api/v1/moments': { kind: 'calls', calls: () => [read('/api/v1/moments')] },
  'POST /api/v1/moments': FORBIDDEN,
  'GET /api/v1/moments/settings': { kind: 'calls', calls: () => [read('/api/v1/moments/settings')] },
  'PUT /api/v1/moments/settings': FORBIDDEN,
  'POST /api/v1/moments/publish': FORBIDDEN,
  'POST /api/v1/moments/comment-tasks': FORBIDDEN,
  'GET /api/v1/moments/{id}': { kind: 'calls', calls: () => [read('/api/v1/moments/999999', undefined, [404])] },
  'DELETE /api/v1/moments/{id}': FORBIDDEN,
  // Groups: the list and a group's members show only the staff member's own customers.
  'GET /api/v1/groups': { kind: 'calls', calls: () => [read('/api/v1/groups')] },
  'POST /api/v1/groups/sync': FORBIDDEN,
  'GET /api/v1/groups/join-ways': { kind: 'calls', calls: () => [read('/api/v1/groups/join-ways')] },
  'POST /api/v1/groups/join-ways': FORBIDDEN,
  'GET /api/v1/groups/sops': { kind: 'calls', calls: () => [read('/api/v1/groups/sops')] },
  'POST /api/v1/groups/sops': FORBIDDEN,
  'PUT /api/v1/groups/sops/{id}/enabled': FORBIDDEN,
  'GET /api/v1/groups/mass-messages': { kind: 'calls', calls: () => [read('/api/v1/groups/mass-messages')] },
  'POST /api/v1/groups/mass-messages': FORBIDDEN,
  'GET /api/v1/groups/mass-messages/{id}': { kind: 'calls', calls: () => [read('/api/v1/groups/mass-messages/999999', undefined, [404])] },
  'POST /api/v1/groups/send': FORBIDDEN,
  'GET /api/v1/groups/{chatId}': {
    kind: 'calls', calls: () => [read('/api/v1/groups/attack-group', (r) => {
      assert.equal(r.json.memberCustomers.length, 1);
      onlyInside(r);
    })],
  },
  'PUT /api/v1/groups/{chatId}/tags': FORBIDDEN,
  'POST /api/v1/groups/{chatId}/invitations': FORBIDDEN,
  'GET /api/v1/groups/{chatId}/conversion': {
    kind: 'calls', calls: () => [read('/api/v1/groups/attack-group/conversion', (r) => {
      assert.equal(r.json.members + r.json.otherOrders.customers, ctx.inIds.length, 'counts only the staff member\'s customers');
    })],
  },
};

// ---------------------------------------------------------------- the checks

/** Path parameters filled for a route staff may not use at all: any value, the role is refused first. */
const filled = (path: string) => path.replace(/\{[^}]+\}/g, '1');

function assertNothingLeaks(what: string, r: TestResponse): void {
  assert.ok(!r.text.includes(OUTSIDE), `${what}: a customer outside the scope came back: ${r.text.slice(0, 300)}`);
  const phone = UNMASKED.exec(r.text);
  assert.equal(phone, null, `${what}: an unmasked phone number came back (${phone?.[0]})`);
  for (const p of ctx.phones) assert.ok(!r.text.includes(p) || new RegExp(`\\d${p}|${p}\\d`).test(r.text), `${what}: phone ${p} came back`);
}

async function routesOf(): Promise<string[]> {
  const doc = (await admin.get('/openapi.json')).json;
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
}

test('every route in /openapi.json has a staff case, and every case a route', async () => {
  const routes = await routesOf();
  const missing = routes.filter((r) => !(r in CASES));
  assert.deepEqual(missing, [], `routes without a staff-scope case (add them to CASES in ${import.meta.url.split('/').pop()})`);
  assert.deepEqual(Object.keys(CASES).filter((k) => !routes.includes(k)), [], 'cases for routes that no longer exist');
});

test('staff are refused every manager route, and nothing changes', async () => {
  const routes = await routesOf();
  const failures: string[] = [];
  const before = await snapshot();
  for (const key of routes.filter((r) => CASES[r]?.kind === 'forbidden')) {
    const [method, path] = key.split(' ') as [Method, string];
    const r = await staff.call(method, filled(path), method === 'GET' || method === 'DELETE' ? undefined : {});
    if (r.status !== 403) failures.push(`${key}: ${r.status} ${r.text.slice(0, 200)}`);
    try { assertNothingLeaks(key, r); } catch (err) { failures.push((err as Error).message.split('\n')[0]!); }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(changedTables(before, await snapshot()), [], 'a refused call changed data');
});

test('every staff route: reads show only the scope, writes outside it change nothing, allowed writes leave others\' customers alone', async () => {
  const routes = await routesOf();
  // Reads first (their figures are of the data as set up), then the writes.
  const calls: { key: string; call: Call }[] = [];
  for (const key of routes) {
    const c = CASES[key];
    if (c?.kind !== 'calls') continue;
    for (const call of c.calls()) calls.push({ key, call });
  }
  const order = { read: 0, out: 1, in: 2 };
  calls.sort((a, b) => order[a.call.kind] - order[b.call.kind]);
  // Every call is checked; the failures are reported together, one line each.
  const failures: string[] = [];
  for (const { key, call } of calls) {
    const method = key.split(' ')[0] as Method;
    const what = `${method} ${call.path}`;
    const before = await snapshot();
    const r = await staff.call(method, call.path, call.body);
    try {
      assert.ok(call.expect.includes(r.status), `${what}: ${r.status}, expected ${call.expect.join(' or ')}: ${r.text.slice(0, 300)}`);
      assertNothingLeaks(what, r);
      if (r.status < 300) await call.check?.(r);
    } catch (err) {
      const message = (err as Error).message.split('\n')[0]!;
      failures.push(message.startsWith(what) ? message : `${what}: ${message}`);
    }
    const after = await snapshot();
    if (call.kind === 'in') {
      const changed = othersChanged(before, after);
      if (changed.length > 0) failures.push(`${what} changed another staff member's data (${changed.join(', ')})`);
    } else {
      const changed = changedTables(before, after);
      if (changed.length > 0) failures.push(`${what} changed data (${changed.join(', ')})`);
    }
  }
  assert.deepEqual(failures, []);
});

test('signing out ends only the staff member\'s own session', async () => {
  const other = admin.as({ role: 'staff', staffId: 'li' });
  assert.equal((await other.get('/api/v1/auth/me')).status, 200);
  const before = await snapshot();
  assert.equal((await other.post('/api/v1/auth/logout')).status, 200);
  assert.equal((await other.get('/api/v1/auth/me')).status, 401);
  assert.equal((await staff.get('/api/v1/auth/me')).status, 200);
  assert.deepEqual(othersChanged(before, await snapshot()), []);
});
