/**
 * What is not an event: the gender WeCom reports with a contact's details (written as a
 * sync would, through the customer upsert), and the 人群 / 兴趣 tags staff put on the
 * customers they know, under a 客户画像 category, each tag in the name of the customer's
 * own staff member.
 */
import type { Actor } from '../customers/index.ts';
import { upsertCustomers } from '../imports/index.ts';
import { INTEREST_GROUP, PROFILE_CATEGORY } from '../journeys/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { addTagsByPath, createCategory, createGroup, findCategory, findGroup } from '../tags/index.ts';
import type { DemoData } from './generate.ts';

export const AUDIENCE_GROUP = '人群';
export { INTEREST_GROUP, PROFILE_CATEGORY };

const notFound = (e: unknown) => e instanceof SiyuError && e.code === 'not_found';

async function ensureGroup(tx: Queryable, ws: string, group: string, by: Actor): Promise<void> {
  try {
    await findGroup(tx, ws, group);
    return;
  } catch (e) {
    if (!notFound(e)) throw e;
  }
  try {
    await findCategory(tx, ws, PROFILE_CATEGORY);
  } catch (e) {
    if (!notFound(e)) throw e;
    await createCategory(tx, ws, PROFILE_CATEGORY, by);
  }
  // Multi-choice: a 宝妈 can be a 白领 too, and like both mangoes and cherries.
  await createGroup(tx, ws, { name: group, category: PROFILE_CATEGORY, exclusive: false }, by);
}

/** Returns how many WeCom friends got their profile synced and how many tags staff put on. */
export async function applyProfiles(db: Db, ws: string, data: DemoData, actor: Actor): Promise<{ profiles: number; tags: number }> {
  const friends = data.people.filter((p) => p.staffId !== undefined);
  const synced = await upsertCustomers(
    db, ws, friends.map((p) => ({ identities: [p.lookup], profile: { gender: p.gender }, tags: [] })), { actor, sourceId: 'demo' },
  );
  const byStaff = new Map<string, { customerId: number; path: string }[]>();
  friends.forEach((p, i) => {
    // Staff tag the people they have come to know: those whose 人群 they could tell.
    if (p.audience === undefined) return;
    const customerId = synced.items[i]!.customerId;
    const items = byStaff.get(p.staffId!) ?? [];
    items.push({ customerId, path: `${AUDIENCE_GROUP}/${p.audience}` });
    for (const interest of p.interests.slice(0, 2)) items.push({ customerId, path: `${INTEREST_GROUP}/${interest}` });
    byStaff.set(p.staffId!, items);
  });
  let tags = 0;
  await db.transaction(async (tx) => {
    await ensureGroup(tx, ws, AUDIENCE_GROUP, actor);
    await ensureGroup(tx, ws, INTEREST_GROUP, actor);
    for (const [staffId, items] of [...byStaff].sort(([a], [b]) => a.localeCompare(b))) {
      const problems = await addTagsByPath(tx, ws, items, { source: 'staff', actor: { kind: 'staff', id: staffId } }, { createMissing: true });
      if (problems.length > 0) throw new SiyuError('conflict', `demo tags could not be put on: ${problems.slice(0, 3).map((p) => p.reason).join('; ')}`);
      tags += items.length;
    }
  });
  return { profiles: synced.profilesUpdated, tags };
}
