/**
 * Chaos: scheduled mass messages with two `siyu serve` processes on one database, one of
 * them killed with -9 while the sends are going out and started again. Every scheduled send
 * must become exactly one mass message (one task per staff member), none lost, none twice.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { SKIP, Serve, chaosDatabase, client, eventually, figures, freePort, type ChaosDb } from './harness.ts';

let db: ChaosDb & { token: string };
let a: Serve;
let b: Serve;

before(async () => {
  if (SKIP) return;
  db = await chaosDatabase();
  // A loaded CI machine: the audience estimates may take longer than the default 10 s limit.
  const env = { SIYU_STATEMENT_TIMEOUT_MS: '60000' };
  a = new Serve(db, await freePort(), [], env);
  b = new Serve(db, await freePort(), [], env);
  await a.start();
  await b.start();
});
after(async () => {
  await a?.stop();
  await b?.stop();
  await db?.drop();
});

test('scheduled sends: two servers, one killed -9 mid-way and restarted; each send goes exactly once', { skip: SKIP, timeout: 360_000 }, async () => {
  const api = client(() => a.url, db.token);
  const CUSTOMERS = 2000;
  for (let k = 0; k < CUSTOMERS / 1000; k++) {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      id: `sc-${k}-${i}`, type: 'contact.added', occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      customer: { externalUserId: `wm-sc-${k * 1000 + i}`, name: `客户${k * 1000 + i}` }, staffId: `staff${i % 7}`, data: { channel: 'qr' },
    }));
    const r = await api.post('/api/v1/events', events, 120_000);
    assert.equal(r.status, 200, JSON.stringify(r.json).slice(0, 300));
  }
  const policy = await api.put('/api/v1/policy', { marketingMinTrust: 0, frequencyCap: { touches: 1000, windowDays: 1 }, quietHours: { enabled: false, start: '22:00', end: '08:00' }, massMessagesPerDay: 0 });
  assert.equal(policy.status, 200, JSON.stringify(policy.json));
  const SENDS = 12;
  const sendAt = new Date(Date.now() + 600_000).toISOString();
  const scheduled: number[] = [];
  for (let m = 0; m < SENDS; m++) {
    const r = await api.post('/api/v1/scheduled-sends', {
      filter: { field: 'addedAt', op: 'exists' }, title: `定时 ${m}`, content: `定时群发 ${m}，{name}`, purpose: 'service', sendAt,
    }, 120_000);
    assert.equal(r.status, 201, JSON.stringify(r.json));
    scheduled.push(r.json.scheduleId);
  }
  // Edited and cancelled before their time: the edit goes out, the cancelled one never does.
  assert.equal((await api.call('PATCH', `/api/v1/scheduled-sends/${scheduled[0]}`, { content: '改过的定时群发，{name}' })).status, 200);
  assert.equal((await api.post(`/api/v1/scheduled-sends/${scheduled[1]}/cancel`)).status, 200);
  // Ten minutes pass: the sends fall due at once, for both servers' workers.
  await db.query(`UPDATE scheduled_sends SET send_at = now() WHERE status = 'scheduled'`);

  const sentCount = async () => Number((await db.query(`SELECT count(*)::int AS n FROM scheduled_sends WHERE status = 'sent'`))[0]!.n);
  // Kill a as soon as sends are going out (it is then likely mid-send), twice.
  let sentAtKill = -1;
  for (let k = 0; k < 2; k++) {
    await eventually(async () => (await sentCount()) > k * 3, 90_000, 20);
    sentAtKill = await sentCount();
    await a.kill9();
    await sleep(300);
    await a.start();
  }
  const settled = await eventually(async () => Number((await db.query(`SELECT count(*)::int AS n FROM scheduled_sends WHERE status = 'scheduled'`))[0]!.n) === 0, 120_000, 250);
  assert.ok(settled, 'some scheduled sends were never sent');
  const states = await db.query(`SELECT status, count(*)::int AS n FROM scheduled_sends GROUP BY status ORDER BY status`);
  const [mm] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT schedule_id)::int AS schedules FROM mass_messages WHERE schedule_id IS NOT NULL`);
  const [tasks] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT (mass_message_id, staff_id))::int AS distinct_tasks FROM outreach_tasks WHERE kind = 'mass_message'`);
  const [recipients] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT (mass_message_id, customer_id))::int AS distinct_rows FROM mass_message_recipients`);
  const [edited] = await db.query(`SELECT content FROM mass_messages WHERE schedule_id = $1`, [scheduled[0]]);
  const sentBy = (log: string) => [...log.matchAll(/scheduled sends: (\d+) sent/g)].reduce((n, m) => n + Number(m[1]), 0);
  figures('scheduled sends', {
    scheduled: SENDS, customers: CUSTOMERS, kills: 2, sentAtLastKill: sentAtKill, states: states.map((s) => `${s.status}×${s.n}`).join(','),
    massMessages: mm!.n, tasks: tasks!.n, duplicatedTasks: tasks!.n - tasks!.distinct_tasks, duplicatedRecipients: recipients!.n - recipients!.distinct_rows,
    sentByA: sentBy(a.log), sentByB: sentBy(b.log), startsOfA: a.starts,
  });
  assert.deepEqual(states.map((s) => [s.status, s.n]), [['cancelled', 1], ['sent', SENDS - 1]]);
  assert.equal(mm!.n, SENDS - 1, 'one mass message per scheduled send');
  assert.equal(mm!.schedules, SENDS - 1);
  assert.equal(tasks!.n, tasks!.distinct_tasks, 'a staff member got the same send twice');
  assert.equal(tasks!.n, (SENDS - 1) * 7, 'one task per staff member per send');
  assert.equal(recipients!.n, recipients!.distinct_rows);
  assert.equal(recipients!.n, (SENDS - 1) * CUSTOMERS);
  assert.equal(edited!.content, '改过的定时群发，{name}');
});

test('calendar and recurring rules: two servers, one killed -9 while the timers run; each customer touched once per occurrence', { skip: SKIP, timeout: 360_000 }, async () => {
  const api = client(() => b.url, db.token);
  const [{ n: customers }] = await db.query(`SELECT count(*)::int AS n FROM customers WHERE merged_into IS NULL`) as [{ n: number }];
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const day = await api.post('/api/v1/holidays', { days: [{ date: today, name: '混沌日' }] });
  assert.equal(day.status, 200, JSON.stringify(day.json));
  const holiday = await api.post('/api/v1/rules', {
    name: '混沌日问候', enabled: true, trigger: { kind: 'holiday', holiday: '混沌日', hour: 0 }, actions: [{ type: 'task', title: '混沌日问候', content: '节日快乐' }],
  });
  assert.equal(holiday.status, 201, JSON.stringify(holiday.json));
  // Every customer entered a stage eight days ago: the recurring touch's first period is due.
  const cat = await api.post('/api/v1/tags/categories', { name: '混沌' });
  const group = await api.post('/api/v1/tags/groups', { name: '沉睡', category: cat.json.categoryId, exclusive: true });
  const tag = await api.post('/api/v1/tags', { name: '待唤醒', group: group.json.groupId });
  assert.equal(tag.status, 201, JSON.stringify(tag.json));
  const ids = (await db.query(`SELECT customer_id FROM customers WHERE merged_into IS NULL`)).map((r) => Number(r.customer_id));
  const applied = await api.post('/api/v1/tags/apply', { tag: '沉睡/待唤醒', customerIds: ids }, 120_000);
  assert.equal(applied.status, 200, JSON.stringify(applied.json));
  await db.query(`UPDATE customer_tags SET tagged_at = now() - interval '8 days' WHERE tag_id = $1`, [tag.json.tagId]);
  const r = await api.post('/api/v1/rules', {
    name: '混沌唤起', enabled: true, trigger: { kind: 'recurring', tag: '沉睡/待唤醒', everyDays: 7 }, actions: [{ type: 'task', title: '混沌唤起', content: '好久不见' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const fired = async (title: string) => Number((await db.query(`SELECT count(*)::int AS n FROM outreach_tasks WHERE title = $1`, [title]))[0]!.n);
  // The timers run every 30 s in each server: kill a three times over the next minute.
  for (let k = 0; k < 3; k++) {
    await sleep(12_000 + k * 3_000);
    await a.kill9();
    await a.start();
  }
  const done = await eventually(async () => (await fired('混沌日问候')) >= customers && (await fired('混沌唤起')) >= customers, 120_000, 1000);
  await sleep(35_000); // one more timer pass in each server: nothing more may come
  const [firings] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT (customer_id, rule_id, trigger_key))::int AS distinct_keys FROM rule_firings`);
  figures('calendar rules', {
    customers, holidayTasks: await fired('混沌日问候'), recurringTasks: await fired('混沌唤起'), firings: firings!.n, duplicatedFirings: firings!.n - firings!.distinct_keys, kills: 3,
  });
  assert.ok(done, 'the calendar rules did not fire for every customer');
  assert.equal(await fired('混沌日问候'), customers, 'one holiday task per customer');
  assert.equal(await fired('混沌唤起'), customers, 'one recurring task per customer for the period');
  assert.equal(firings!.n, firings!.distinct_keys);
});
