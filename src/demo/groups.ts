/**
 * The demo's customer groups: the four groups its customers join and leave in the generated
 * events, with today's members (joined and not left), an owner, tags and a creation day —
 * plus a group SOP for the VIP group — so the group list, members and conversion show the
 * VIP group's buyers against everyone else.
 */
import { createGroupSop, recordGroup } from '../groups/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db } from '../store/db.ts';
import { GROUPS } from './catalogue.ts';

const TAGS: Record<string, string[]> = { 'grp-fans-1': ['福利群'], 'grp-fans-2': ['福利群'], 'grp-store-neighbors': ['兴趣群', '门店群'], 'grp-vip': ['VIP群'] };

export async function seedDemoGroups(db: Db, ws: string, at: Date): Promise<number> {
  let made = 0;
  for (const g of Object.values(GROUPS)) {
    const rows = await db.query<{ ext: string; staff_id: string | null; joined: string; first: string }>(
      `SELECT DISTINCT ON (i.value) i.value AS ext, j.staff_id, j.occurred_at AS joined, min(j.occurred_at) OVER () AS first
       FROM events j JOIN customer_identities i ON i.workspace_id = j.workspace_id AND i.customer_id = j.customer_id AND i.kind = 'external_user_id'
       WHERE j.workspace_id = $1 AND j.type = 'group.joined' AND j.data->>'groupId' = $2
         AND NOT EXISTS (SELECT 1 FROM events l WHERE l.workspace_id = j.workspace_id AND l.customer_id = j.customer_id AND l.type = 'group.left'
                           AND l.data->>'groupId' = $2 AND l.occurred_at > j.occurred_at)
       ORDER BY i.value, j.occurred_at`, [ws, g.groupId]);
    if (rows.length === 0) continue;
    const owners = new Map<string, number>();
    for (const r of rows) if (r.staff_id) owners.set(r.staff_id, (owners.get(r.staff_id) ?? 0) + 1);
    const owner = [...owners].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!owner) continue;
    const first = new Date(rows[0]!.first);
    if (await recordGroup(db, ws, {
      chatId: g.groupId, name: g.name, owner, createdAt: new Date(first.getTime() - 86_400_000), tags: TAGS[g.groupId] ?? [],
      members: [{ userid: owner, type: 1 }, ...rows.map((r) => ({ userid: r.ext, type: 2 as const, join_time: Math.floor(new Date(r.joined).getTime() / 1000) }))],
    })) made++;
  }
  try {
    await createGroupSop(db, ws, {
      name: 'VIP群会员日', groups: { tags: ['VIP群'] },
      steps: [{ key: 'weekly-member-day', offsetDays: 7, window: { start: '19:30', end: '21:00' }, text: '本周会员日：VIP 群专享价今晚 8 点开抢', materials: ['img-1212-poster'] }],
    }, at);
  } catch (err) {
    if (!(err instanceof SiyuError)) throw err; // loaded before
  }
  return made;
}
