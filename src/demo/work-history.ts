/**
 * The staff's past two months, so the operations board has something to compare: tasks each
 * staff member was given and what they did with them (a diligent pair and a slower pair),
 * the contact ledger's sends and refusals, and two past mass messages with their recipients.
 * Deterministic (one seeded generator); written with the same dedupe keys on a second run,
 * so running the demo again adds nothing.
 */
import type { Db } from '../store/db.ts';
import { STAFF } from './catalogue.ts';
import { createRng } from './random.ts';

const DAY = 86_400_000;
const DAYS = 62;
/** Share of their tasks each staff member does, and how late (minutes after due) they usually do them. */
const DILIGENCE: Record<string, { done: number; late: [number, number] }> = {
  zhangwei: { done: 0.93, late: [2, 40] },
  lina: { done: 0.86, late: [5, 90] },
  wangfang: { done: 0.71, late: [30, 300] },
  liuyang: { done: 0.52, late: [120, 900] },
};
const SUPPRESS = ['frequency_cap', 'frequency_cap', 'trust_below_min', 'mass_daily_limit'] as const;

export interface WorkHistoryResult { tasks: number; touches: number; massMessages: number }

export async function seedWorkHistory(db: Db, ws: string, now: number): Promise<WorkHistoryResult> {
  const r = createRng(4242, 7);
  const owners = await db.query<{ staff_id: string; ids: (string | number)[] }>(
    `SELECT COALESCE(c.owner_staff, a.added_by_staff) AS staff_id, (array_agg(c.customer_id ORDER BY c.customer_id))[1:400] AS ids
     FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id)
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND COALESCE(c.owner_staff, a.added_by_staff) IS NOT NULL GROUP BY 1`, [ws],
  );
  const sops = (await db.query<{ sop_id: string }>(`SELECT sop_id::text FROM sops WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY sop_id`, [ws])).map((s) => s.sop_id);
  const today = Math.floor(now / DAY) * DAY;
  const tasks: unknown[][] = [];
  const touches: unknown[][] = [];
  for (const { staff_id: staff, ids } of owners) {
    const d = DILIGENCE[staff] ?? { done: 0.8, late: [10, 120] };
    const share = STAFF.find((s) => s.staffId === staff)?.share ?? 0.2;
    for (let day = DAYS; day >= 1; day--) {
      const count = Math.round(r.int(20, 40) * share);
      for (let i = 0; i < count; i++) {
        const customer = Number(r.pick(ids));
        // 09:30–17:30 Beijing time.
        const due = today - day * DAY + (1.5 + r.int(0, 8)) * 3_600_000 + r.int(0, 59) * 60_000;
        const done = r.chance(d.done);
        const status = done ? 'sent' : day <= 2 && r.chance(0.5) ? 'pending' : 'skipped';
        const sop = sops.length > 0 && r.chance(0.6) ? r.pick(sops) : null;
        const doneAt = done ? due + r.int(d.late[0], d.late[1]) * 60_000 : status === 'skipped' ? due + r.int(60, 1440) * 60_000 : null;
        tasks.push([`demo-history:${staff}:${day}:${i}`, customer, staff, sop ? 'sop_step' : 'care', sop ? 'sop' : 'staff', sop ?? 'demo', new Date(due).toISOString(), status, doneAt && new Date(doneAt).toISOString()]);
        if (done) touches.push([customer, new Date(doneAt!).toISOString(), 'sent', null]);
      }
      // What the contact policy refused that day.
      for (let i = 0; i < r.int(0, 4); i++) {
        touches.push([Number(r.pick(ids)), new Date(today - day * DAY + r.int(2, 9) * 3_600_000).toISOString(), 'suppressed', r.pick(SUPPRESS)]);
      }
    }
  }
  const written = await db.transaction(async (tx) => {
    const inserted = await tx.query<{ task_id: number }>(
      `INSERT INTO outreach_tasks (workspace_id, dedupe_key, customer_id, staff_id, kind, purpose, channel, title, content, due_at, requested_at, source_type, source_id, status, created_at, updated_at, done_at)
       SELECT $1, k, c, s, kind, 'marketing', 'private_chat', '回访', '您好，最近水果吃得还满意吗？', d, d, st, sid, status, d, COALESCE(dn, d), dn
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::timestamptz[])
         AS x(k, c, s, kind, st, sid, d, status, dn)
       ON CONFLICT (workspace_id, dedupe_key) DO NOTHING RETURNING task_id`,
      [ws, ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((j) => tasks.map((t) => t[j]))],
    );
    if (inserted.length === 0) return { tasks: 0, touches: 0 };
    await tx.query(
      `INSERT INTO contact_touches (workspace_id, customer_id, at, purpose, channel, mass, outcome, code, created_at)
       SELECT $1, c, at, 'marketing', 'private_chat', false, o, code, at FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[]) AS x(c, at, o, code)`,
      [ws, ...[0, 1, 2, 3].map((j) => touches.map((t) => t[j]))],
    );
    return { tasks: inserted.length, touches: touches.length };
  });
  const mass = written.tasks > 0 ? await pastMassMessages(db, ws, today, owners.map((o) => ({ staff: o.staff_id, ids: o.ids.map(Number) }))) : 0;
  return { ...written, massMessages: mass };
}

async function pastMassMessages(db: Db, ws: string, today: number, owners: { staff: string; ids: number[] }[]): Promise<number> {
  const r = createRng(4242, 8);
  const plans = [
    { title: '双十一预热', content: '双十一水果礼盒提前看，老客专享价', daysAgo: 30 },
    { title: '双十二预告', content: '双十二车厘子预售开始啦', daysAgo: 7 },
  ];
  for (const p of plans) {
    const due = new Date(today - p.daysAgo * DAY + 2 * 3_600_000).toISOString();
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO mass_messages (workspace_id, title, content, content_key, purpose, channel, audience, scope, due_at, actor_kind, actor_id, created_at)
       VALUES ($1, $2, $3, $4, 'marketing', 'private_chat', '{"filter":{"field":"trustLevel","op":"gte","value":2}}', '{"kind":"all"}', $5, 'system', 'demo', $5) RETURNING mass_message_id AS id`,
      [ws, p.title, p.content, `demo:${p.title}`, due],
    );
    const recipients: [number, string, string, string | null][] = [];
    for (const o of owners) {
      const d = DILIGENCE[o.staff] ?? { done: 0.8 };
      for (const id of o.ids.slice(0, 80)) {
        const refused = r.chance(0.08);
        recipients.push([id, o.staff, refused ? 'suppressed' : r.chance(d.done) ? 'sent' : 'pending', refused ? 'mass_daily_limit' : null]);
      }
    }
    await db.query(
      `INSERT INTO mass_message_recipients (workspace_id, mass_message_id, customer_id, staff_id, status, code, updated_at)
       SELECT $1, $2, c, s, st, code, $7 FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) AS x(c, s, st, code)
       ON CONFLICT DO NOTHING`,
      [ws, row!.id, recipients.map((x) => x[0]), recipients.map((x) => x[1]), recipients.map((x) => x[2]), recipients.map((x) => x[3]), due],
    );
  }
  return plans.length;
}
