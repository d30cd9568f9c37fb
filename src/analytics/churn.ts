/**
 * Churn (seed 002: 68 % of the customers who leave do so over staff indifference): the
 * reasons a workspace records, and their shares among the removals of a range. Pure.
 */
import { SiyuError } from '../shared/errors.ts';

/** Seed 002's reasons for leaving, the default list. */
export const DEFAULT_CHURN_REASONS = ['搬家', '其他渠道', '朋友推荐', '竞品更优', '产品不满意', '员工冷漠'] as const;
/** Removals nobody has explained yet. */
export const NOT_RECORDED = '(not recorded)';

/** A workspace's list of reasons: 1–30 distinct names of 1–40 characters. */
export function parseChurnReasons(raw: unknown): string[] {
  if (!Array.isArray(raw)) throw new SiyuError('validation_failed', 'reasons: must be a list of names', { field: 'reasons' });
  const out: string[] = [];
  for (const [i, r] of raw.entries()) {
    const name = typeof r === 'string' ? r.trim() : '';
    if (name === '' || name.length > 40) throw new SiyuError('validation_failed', `reasons[${i}]: must be a name of 1–40 characters`, { field: `reasons[${i}]` });
    if (out.includes(name)) throw new SiyuError('validation_failed', `reasons[${i}]: "${name}" is listed twice`, { field: `reasons[${i}]` });
    out.push(name);
  }
  if (out.length === 0 || out.length > 30) throw new SiyuError('validation_failed', 'reasons: between 1 and 30 reasons', { field: 'reasons' });
  return out;
}

/** Whole days between adding and removal; null when the add is not known. */
export const tenureDays = (addedAt: number | null, removedAt: number): number | null =>
  addedAt === null ? null : Math.max(0, Math.floor((removedAt - addedAt) / 86_400_000));

/**
 * Shares of each reason among the removals, in the list's order, then reasons no longer
 * listed, then the unrecorded ones; shares of the recorded ones beside shares of all.
 */
export function reasonShares(reasons: readonly (string | null)[], list: readonly string[]): { reason: string; removals: number; share: number; shareOfRecorded: number | null }[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r ?? NOT_RECORDED, (counts.get(r ?? NOT_RECORDED) ?? 0) + 1);
  const recorded = reasons.filter((r) => r !== null).length;
  const names = [...list, ...[...counts.keys()].filter((k) => k !== NOT_RECORDED && !list.includes(k)).sort(), NOT_RECORDED];
  return names.map((reason) => {
    const n = counts.get(reason) ?? 0;
    return { reason, removals: n, share: reasons.length ? n / reasons.length : 0, shareOfRecorded: reason === NOT_RECORDED ? null : recorded ? n / recorded : null };
  });
}
