/**
 * The demo's customer records, so Customer 360, the audience builder and the exports have
 * something to show: remarks the staff wrote in WeCom (layered A / B / C by what the customer
 * bought, as staff do with remarks), regions, birthdays (a handful this week), the shop's own
 * fields (delivery, household size, membership day) and a few weeks of follow-ups, some with
 * a next day that became a task. Loading again adds nothing.
 */
import { addFollowup, defineField, type FollowupType } from '../record/index.ts';
import { localDate } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { DEMO_ACTOR } from './load.ts';
import { createRng, type Rng } from './random.ts';

const REGIONS: readonly (readonly [readonly [string, string], number])[] = [
  [['浙江', '杭州'], 24], [['浙江', '宁波'], 8], [['上海', '上海'], 16], [['江苏', '苏州'], 10], [['江苏', '南京'], 8],
  [['广东', '广州'], 8], [['广东', '深圳'], 8], [['北京', '北京'], 8], [['四川', '成都'], 6], [['湖北', '武汉'], 4],
];
const DELIVERY = ['送货上门', '门店自提', '快递柜'];
const NOTES: Record<FollowupType, string[]> = {
  call: ['电话回访，对上次的水果很满意', '电话确认收货时间', '电话沟通礼盒定制，等预算'],
  visit: ['到店试吃，买了一箱', '门店自提时聊了会员日', '上门送礼盒，顺便了解家里口味'],
  chat: ['微信聊了新到的车厘子', '问了发票怎么开', '推荐了会员日活动，说会来看看'],
  other: ['寄了样品', '活动报名已确认'],
};

export interface DemoRecordsResult { records: number; birthdaysThisWeek: number; followups: number; followupTasks: number; fields: number }

interface Row { customer_id: number; name: string | null; audience: string | null; paid_orders: number; friend: boolean; owner: string | null }

/** One customer's record, from a stream of their own. Pure. */
export function demoRecord(r: Row, rng: Rng, today: string): {
  remark: string | null; description: string | null; province: string | null; city: string | null; birthday: string | null; custom: Record<string, string | number>;
} {
  const layer = r.paid_orders >= 3 ? 'A' : r.paid_orders >= 1 ? 'B' : 'C';
  const known = r.friend && rng.chance(0.7);
  const remark = known ? [layer, r.name ?? '', r.audience ?? ''].filter(Boolean).join('·').slice(0, 20) : null;
  const description = known && r.paid_orders > 0 && rng.chance(0.4) ? `已购 ${r.paid_orders} 次${r.audience ? `，${r.audience}` : ''}` : null;
  const region = rng.chance(0.75) ? rng.weighted(REGIONS) : null;
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let birthday: string | null = null;
  if (rng.chance(0.6)) {
    const year = ty - rng.int(19, 62);
    // One in 25 has a birthday in the coming week, so the birthday touch has someone to greet.
    const offset = rng.chance(0.04) ? rng.int(0, 6) : rng.int(0, 364);
    const d = new Date(Date.UTC(year, tm - 1, td + offset));
    birthday = d.toISOString().slice(0, 10);
  }
  const custom: Record<string, string | number> = {};
  if (r.paid_orders > 0 && rng.chance(0.8)) custom.delivery = rng.pick(DELIVERY);
  if (known && rng.chance(0.5)) custom.household = rng.int(1, 6);
  if (r.paid_orders >= 2) {
    const d = new Date(Date.UTC(ty, tm - 1, td - rng.int(30, 700)));
    custom.member_day = d.toISOString().slice(0, 10);
  }
  return { remark, description, province: region?.[0] ?? null, city: region?.[1] ?? null, birthday, custom };
}

export async function seedDemoRecords(db: Db, ws: string, now: number, seed = 1): Promise<DemoRecordsResult> {
  const tz = (await requireWorkspace(db, ws)).timeZone;
  const today = localDate(tz, now);
  const result: DemoRecordsResult = { records: 0, birthdaysThisWeek: 0, followups: 0, followupTasks: 0, fields: 0 };
  for (const f of [
    { key: 'delivery', label: '配送偏好', type: 'single' as const, options: DELIVERY },
    { key: 'household', label: '家庭人数', type: 'number' as const },
    { key: 'member_day', label: '入会日', type: 'date' as const },
  ]) {
    await defineField(db, ws, f, DEMO_ACTOR);
    result.fields++;
  }
  const [done] = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM customers WHERE workspace_id = $1 AND birthday IS NOT NULL) AS any`, [ws]);
  if (done!.any) return result;
  const rows = await db.query<Row>(
    `SELECT c.customer_id, COALESCE(c.name, a.name) AS name, a.paid_orders, COALESCE(c.owner_staff, a.added_by_staff) AS owner,
            EXISTS (SELECT 1 FROM customer_identities i WHERE i.workspace_id = c.workspace_id AND i.customer_id = c.customer_id AND i.kind = 'external_user_id') AS friend,
            (SELECT t.name FROM customer_tags ct JOIN tags t ON t.workspace_id = ct.workspace_id AND t.tag_id = ct.tag_id
               JOIN tag_groups g ON g.workspace_id = ct.workspace_id AND g.group_id = ct.group_id
             WHERE ct.workspace_id = c.workspace_id AND ct.customer_id = c.customer_id AND g.name = '人群' ORDER BY t.name LIMIT 1) AS audience
     FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id)
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL ORDER BY c.customer_id`, [ws]);
  const records = rows.map((r) => ({ id: Number(r.customer_id), ...demoRecord(r, createRng(seed, 90_000 + Number(r.customer_id)), today) }));
  // Remarks as a sync found them in WeCom: in step, nothing waiting to be written.
  await db.query(
    `UPDATE customers c SET remark = r.remark, description = r.description, province = r.province, city = r.city, birthday = r.birthday,
       custom_fields = c.custom_fields || r.custom, remark_dirty = false,
       remark_synced_at = CASE WHEN r.remark IS NOT NULL OR r.description IS NOT NULL THEN $3::timestamptz END, updated_at = now()
     FROM jsonb_to_recordset($2::jsonb) AS r(id bigint, remark text, description text, province text, city text, birthday date, custom jsonb)
     WHERE c.workspace_id = $1 AND c.customer_id = r.id`,
    [ws, JSON.stringify(records), new Date(now).toISOString()]);
  result.records = records.length;
  const weekEnd = localDate(tz, now + 6 * 86_400_000);
  result.birthdaysThisWeek = records.filter((r) => r.birthday && (() => {
    const md = r.birthday.slice(5);
    return today.slice(5) <= weekEnd.slice(5) ? md >= today.slice(5) && md <= weekEnd.slice(5) : md >= today.slice(5) || md <= weekEnd.slice(5);
  })()).length;

  // Follow-ups: the staff's notes on their buyers and warm leads over the last three weeks.
  const rng = createRng(seed, 91_000);
  const warm = rows.filter((r) => r.owner && r.friend && (r.paid_orders > 0 || r.audience));
  for (const r of rng.sample(warm, Math.min(120, warm.length))) {
    const n = rng.int(1, 2);
    for (let k = 0; k < n; k++) {
      const type = rng.weighted<FollowupType>([['chat', 4], ['call', 3], ['visit', 2], ['other', 1]]);
      const last = k === n - 1;
      const next = last && rng.chance(0.35) ? localDate(tz, now + rng.int(1, 6) * 86_400_000) : null;
      const at = now - (n - k) * rng.int(2, 10) * 86_400_000;
      const f = await addFollowup(db, ws, Number(r.customer_id), { type, note: rng.pick(NOTES[type]), nextOn: next, staffId: r.owner! },
        { actor: { kind: 'staff', id: r.owner! }, now: at, today: localDate(tz, at) });
      result.followups++;
      if (f.task) result.followupTasks++;
    }
  }
  return result;
}
