/**
 * The pure core of groups (社群): group SOP definitions and when each step is due for a group
 * (a day offset from the group's creation, or a fixed date, inside a send window), and which
 * groups a selection by tag or owner picks. No I/O, no clock.
 */
import { z } from 'zod';
import { localDate, localToInstant, zoneOffsetMinutes } from '../shared/time.ts';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const groupSelectionSchema = z.strictObject({
  tags: z.array(z.string().min(1).max(30)).max(20).optional().describe('groups with any of these group tags (VIP群, 快闪群 …)'),
  owners: z.array(z.string().min(1).max(64)).max(100).optional().describe('groups owned by these staff members'),
  chatIds: z.array(z.string().min(1).max(128)).max(2000).optional(),
});
export type GroupSelection = z.infer<typeof groupSelectionSchema>;

export const groupStepSchema = z.strictObject({
  key: z.string().regex(KEY, 'expected 1–64 letters, digits, "_", "-" or "."'),
  offsetDays: z.number().int().min(0).max(3650).optional().describe('days after the group was created'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional().describe('a fixed date instead of an offset'),
  window: z.strictObject({ start: z.string().regex(HHMM, 'expected HH:MM'), end: z.string().regex(HHMM, 'expected HH:MM') }).optional(),
  text: z.string().max(4000).optional(),
  materials: z.array(z.union([z.number().int().positive(), z.string().min(1).max(64)])).max(9).optional(),
});
export type GroupStep = z.infer<typeof groupStepSchema>;

export const groupSopSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  groups: groupSelectionSchema,
  steps: z.array(groupStepSchema).min(1).max(50),
}).superRefine((d, ctx) => {
  const seen = new Set<string>();
  d.steps.forEach((s, i) => {
    if (seen.has(s.key)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'key'], message: `"${s.key}" is used twice` });
    seen.add(s.key);
    if ((s.offsetDays === undefined) === (s.date === undefined)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'offsetDays'], message: 'give either offsetDays or date' });
    if (!s.text && !s.materials?.length) ctx.addIssue({ code: 'custom', path: ['steps', i, 'text'], message: 'a step needs text or library items' });
    if (s.window && s.window.start >= s.window.end) ctx.addIssue({ code: 'custom', path: ['steps', i, 'window', 'end'], message: 'must be after window.start' });
  });
});
export type GroupSopDefinition = z.infer<typeof groupSopSchema>;

const DEFAULT_WINDOW = { start: '10:00', end: '20:00' };
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * When a step is due for a group created at `createdAt`: the day (offset or fixed date) at
 * the window's start; a group created inside that day's window gets offset-0 steps at once;
 * after the window, the next day's start.
 */
export function stepDueAt(step: GroupStep, createdAt: number, timeZone: string): number {
  const w = step.window ?? DEFAULT_WINDOW;
  const [y, mo, d] = (step.date ?? localDate(timeZone, createdAt)).split('-').map(Number) as [number, number, number];
  const day = step.date ? 0 : step.offsetDays ?? 0;
  const start = localToInstant(timeZone, y, mo, d + day, 0, 0) + minutes(w.start) * 60_000;
  const end = localToInstant(timeZone, y, mo, d + day, 0, 0) + minutes(w.end) * 60_000;
  if (step.date || day > 0 || createdAt <= start) return start;
  if (createdAt < end) return createdAt;
  return start + 86_400_000 + (zoneOffsetMinutes(timeZone, start) - zoneOffsetMinutes(timeZone, start + 86_400_000)) * 60_000;
}

export interface GroupFacts {
  chatId: string;
  owner: string | null;
  tags: readonly string[];
  createdAt: number | null;
  dismissed: boolean;
}

export function selects(sel: GroupSelection, g: GroupFacts): boolean {
  if (g.dismissed || !g.owner) return false;
  if (sel.chatIds?.length && !sel.chatIds.includes(g.chatId)) return false;
  if (sel.owners?.length && !sel.owners.includes(g.owner)) return false;
  if (sel.tags?.length && !sel.tags.some((t) => g.tags.includes(t))) return false;
  return true;
}

export interface DueSend {
  chatId: string;
  sender: string;
  stepKey: string;
  dueAt: number;
}

/**
 * The steps due now for the selected groups: due at or before `now`, not before the SOP was
 * switched on (`since`: no catching up on old groups' past steps), and `now` inside the
 * step's send window (a step missed while nothing ran waits for the next window, it is not
 * sent at night). A step already sent is kept out by the store's exactly-once key, not here.
 */
export function dueSends(def: GroupSopDefinition, groups: readonly GroupFacts[], now: number, since: number, timeZone: string): DueSend[] {
  const out: DueSend[] = [];
  const [y, mo, d] = localDate(timeZone, now).split('-').map(Number) as [number, number, number];
  const minuteOfDay = (now - localToInstant(timeZone, y, mo, d, 0, 0)) / 60_000;
  for (const g of groups) {
    if (!selects(def.groups, g) || g.createdAt === null) continue;
    for (const step of def.steps) {
      const w = step.window ?? DEFAULT_WINDOW;
      if (minuteOfDay < minutes(w.start) || minuteOfDay >= minutes(w.end)) continue;
      const dueAt = stepDueAt(step, g.createdAt, timeZone);
      if (dueAt <= now && dueAt >= since) out.push({ chatId: g.chatId, sender: g.owner!, stepKey: step.key, dueAt });
    }
  }
  return out;
}
