/**
 * The demo's Moments: the posts behind the likes and comments its customers already left
 * (one moment per staff member and day, as the generated events name them), and the next
 * days planned from the material library — so the calendar shows what was posted, what it
 * drew, and what comes next.
 */
import { listMaterials } from '../materials/index.ts';
import { planMomentPost, recordPublishedPost } from '../moments/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { localDate, localToInstant } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { DEMO_ACTOR } from './load.ts';

const TEXTS = [
  '今天到的海南贵妃芒，切开满屋都是香味，喜欢的朋友私信我～',
  '周末带孩子去草莓基地，现摘的丹东99，甜到心里',
  '车厘子JJ级到货，个头和脆度都在线',
  '鲜果礼盒已经开始预订了，送长辈送客户都体面',
  '每天一把坚果，办公室下午茶就靠它了',
  '门店新装修，欢迎来坐坐，免费试吃',
];

export async function seedDemoMoments(db: Db, ws: string, at: Date, timeZone = 'Asia/Shanghai'): Promise<{ past: number; planned: number }> {
  const seen = await db.query<{ moment_id: string; staff_id: string }>(
    `SELECT DISTINCT data->>'momentId' AS moment_id, staff_id FROM events
     WHERE workspace_id = $1 AND type IN ('moment.liked', 'moment.commented') AND data->>'momentId' LIKE 'mo-%' AND staff_id IS NOT NULL
     ORDER BY 1`, [ws]);
  let past = 0;
  for (const [i, m] of seen.entries()) {
    const day = /-(\d{4})(\d{2})(\d{2})$/.exec(m.moment_id);
    if (!day) continue;
    const publishedAt = new Date(localToInstant(timeZone, Number(day[1]), Number(day[2]), Number(day[3]), 20, 0));
    const text = TEXTS[i % TEXTS.length]!;
    if (await recordPublishedPost(db, ws, { momentId: m.moment_id, title: text.slice(0, 16), text, staffIds: [m.staff_id], publishedAt }, at)) past++;
  }
  const existing = await db.query(`SELECT 1 FROM moment_posts WHERE workspace_id = $1 AND status = 'planned' LIMIT 1`, [ws]);
  if (existing.length > 0) return { past, planned: 0 };
  const { items } = await listMaterials(db, ws, { limit: 50 });
  const byId = (contentId: string) => items.find((x) => x.contentId === contentId)?.materialId;
  const staff = (await db.query<{ staff_id: string }>(`SELECT staff_id FROM staff WHERE workspace_id = $1 ORDER BY staff_id`, [ws])).map((s) => s.staff_id);
  if (staff.length === 0) return { past, planned: 0 };
  const plans = [
    { days: 1, hour: 12, text: '双十二年货节，礼盒提前订，现在下单送贺卡', materials: [byId('img-1212-poster')] },
    { days: 1, hour: 20, text: '车厘子怎么挑？J和JJ的区别一篇看懂', materials: [byId('art-cherry-grades')] },
    { days: 2, hour: 20, text: '丹东草莓基地直发，周末到货', materials: [byId('art-strawberry-farm')] },
    { days: 3, hour: 19, text: '门店新装修开业，来店即送试吃', materials: [byId('vid-store-tour')] },
  ];
  let planned = 0;
  const [y, mo, d] = localDate(timeZone, at.getTime()).split('-').map(Number) as [number, number, number];
  for (const p of plans) {
    const publishAt = new Date(localToInstant(timeZone, y, mo, d + p.days, p.hour, 0));
    try {
      await planMomentPost(db, ws, {
        text: p.text, staffIds: staff, publishAt: publishAt.toISOString(), materials: p.materials.filter((x): x is number => x !== undefined),
      }, DEMO_ACTOR, at);
      planned++;
    } catch (err) {
      if (!(err instanceof SiyuError)) throw err; // e.g. a material the library does not have: that plan is left out
    }
  }
  return { past, planned };
}
