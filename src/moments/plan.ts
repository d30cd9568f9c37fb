/**
 * The pure core of Moments (朋友圈): the per-staff daily limit, what add_moment_task is
 * asked for, and the moment.* events made from get_moment_comments. No I/O, no clock.
 */
export const DEFAULT_PER_STAFF_DAILY = 3;

export interface LimitProblem {
  staffId: string;
  day: string;
  already: number;
  limit: number;
}

/**
 * Staff who would post more than `limit` Moments on `day` with this post. A Moments post is
 * a broadcast, not a push to one customer: the contact policy's trust gate and marketing cap
 * do not apply (seed 000 relies on Moments to be seen by strangers); this limit does.
 */
export function dailyLimitProblems(staffIds: readonly string[], day: string, already: ReadonlyMap<string, number>, limit: number): LimitProblem[] {
  return staffIds.flatMap((staffId) => {
    const n = already.get(staffId) ?? 0;
    return n + 1 > limit ? [{ staffId, day, already: n, limit }] : [];
  });
}

export interface MomentTaskInput {
  text: string;
  staffIds: readonly string[];
  wecomTagIds: readonly string[];
  attachments: readonly Record<string, unknown>[];
}

/** add_moment_task's body (spec §4.6): visible to the staff's customers, narrowed to corp tags when given. */
export function momentTaskBody(p: MomentTaskInput): Record<string, unknown> {
  return {
    ...(p.text ? { text: { content: p.text } } : {}),
    ...(p.attachments.length > 0 ? { attachments: p.attachments } : {}),
    visible_range: {
      sender_list: { user_list: [...p.staffIds] },
      ...(p.wecomTagIds.length > 0 ? { external_contact_list: { tag_list: [...p.wecomTagIds] } } : {}),
    },
  };
}

/** Text limits of add_moment_task: ≤2,000 characters and ≤4,000 bytes. */
export function momentTextProblem(text: string): string | null {
  const chars = [...text].length;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (chars > 2000) return `${chars} characters, WeCom takes at most 2000`;
  if (bytes > 4000) return `${bytes} bytes, WeCom takes at most 4000`;
  return null;
}

export interface MomentInteraction {
  external_userid?: string;
  userid?: string;
  create_time: number;
}

/**
 * moment.liked / moment.commented events from get_moment_comments (spec §4.14). Only
 * customers' items become events (a colleague's like is not a customer signal); the id is
 * made of what WeCom returns, so reading the same list again adds nothing. WeCom returns no
 * comment text.
 */
export function momentEvents(momentId: string, staffId: string, likes: readonly MomentInteraction[], comments: readonly MomentInteraction[]) {
  const one = (kind: 'liked' | 'commented') => (i: MomentInteraction) => i.external_userid ? [{
    id: `wecom-moment:${momentId}:${staffId}:${kind}:${i.external_userid}:${i.create_time}`,
    type: `moment.${kind}` as const,
    occurredAt: new Date(i.create_time * 1000).toISOString(),
    customer: { externalUserId: i.external_userid },
    staffId,
    touchpoint: 'moments' as const,
    data: { momentId },
  }] : [];
  return [...likes.flatMap(one('liked')), ...comments.flatMap(one('commented'))];
}
