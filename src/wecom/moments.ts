/**
 * Moments posts to WeCom (spec §4.6, §4.14): a due post becomes one add_moment_task, claimed
 * in the store before the call so two workers or a restart never create it twice (a post
 * caught mid-call stays "sending" for a person to check, it is not sent again). The job's
 * result gives the moment_id and the senders WeCom refused; get_moment_task tells who has
 * posted; get_moment_comments brings likes and comments in as moment.* events.
 */
import { ingestEvents } from '../events/index.ts';
import { momentEvents, momentTaskBody } from '../moments/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db } from '../store/db.ts';
import { WecomApiError, type WecomClient } from './client.ts';
import { defaultClientFactory, requireWecomConfig, type ClientFactory } from './config.ts';
import { momentAttachmentsOf } from './media.ts';

export interface MomentsOptions {
  now?: number;
  clientFactory?: ClientFactory;
  client?: WecomClient;
  limit?: number;
}

async function clientOf(db: Db, ws: string, opts: MomentsOptions): Promise<WecomClient> {
  return opts.client ?? (opts.clientFactory ?? defaultClientFactory())(await requireWecomConfig(db, ws));
}

export interface PublishReport {
  submitted: { postId: number; jobid: string }[];
  failed: { postId: number; error: string }[];
}

export async function publishDueMoments(db: Db, ws: string, opts: MomentsOptions = {}): Promise<PublishReport> {
  const now = opts.now ?? Date.now();
  const report: PublishReport = { submitted: [], failed: [] };
  const due = await db.query<{ post_id: number }>(
    `SELECT post_id FROM moment_posts WHERE workspace_id = $1 AND status = 'planned' AND publish_at <= $2 ORDER BY publish_at, post_id LIMIT $3`,
    [ws, new Date(now), opts.limit ?? 50]);
  if (due.length === 0) return report;
  const client = await clientOf(db, ws, opts);
  for (const { post_id } of due) {
    const postId = Number(post_id);
    // The claim: only one worker turns a planned post into a sending one.
    const [post] = await db.query<{ text: string; material_ids: number[]; staff_ids: string[]; visibility: string; tag_ids: number[] }>(
      `UPDATE moment_posts SET status = 'sending', updated_at = $3 WHERE workspace_id = $1 AND post_id = $2 AND status = 'planned'
       RETURNING text, material_ids, staff_ids, visibility, tag_ids`, [ws, postId, new Date(now)]);
    if (!post) continue;
    try {
      const media = await momentAttachmentsOf(db, ws, client, (post.material_ids ?? []).map(Number), now);
      let wecomTagIds: string[] = [];
      if (post.visibility === 'tags') {
        const mapped = await db.query<{ siyu_id: number; wecom_id: string }>(
          `SELECT siyu_id, wecom_id FROM wecom_tag_map WHERE workspace_id = $1 AND kind = 'tag' AND siyu_id = ANY($2::bigint[])`, [ws, post.tag_ids]);
        const missing = post.tag_ids.map(Number).filter((id) => !mapped.some((m) => Number(m.siyu_id) === id));
        // Sent without its tags the post would reach every customer of the staff: refused instead.
        if (missing.length > 0) throw new SiyuError('validation_failed', `tag ${missing.join(', ')} is not a WeCom corp tag (not synced to WeCom), so WeCom cannot narrow the audience to it`);
        wecomTagIds = mapped.map((m) => m.wecom_id);
      }
      const text = [post.text, ...media.texts].filter(Boolean).join('\n');
      const { jobid } = await client.addMomentTask(momentTaskBody({ text, staffIds: post.staff_ids, wecomTagIds, attachments: media.attachments }));
      await db.query(`UPDATE moment_posts SET status = 'submitted', jobid = $3, updated_at = $4 WHERE workspace_id = $1 AND post_id = $2`, [ws, postId, jobid, new Date(now)]);
      report.submitted.push({ postId, jobid });
    } catch (err) {
      if (!(err instanceof SiyuError)) throw err;
      await db.query(`UPDATE moment_posts SET status = 'failed', error = $3, updated_at = $4 WHERE workspace_id = $1 AND post_id = $2`,
        [ws, postId, err.message.slice(0, 1000), new Date(now)]);
      report.failed.push({ postId, error: err.message });
    }
  }
  return report;
}

export interface MomentResultsReport {
  published: number;
  failed: number;
  staffPublished: number;
  events: number;
}

/** How long after publishing likes and comments are still read back. */
const WATCH_DAYS = 14;

export async function collectMomentResults(db: Db, ws: string, opts: MomentsOptions = {}): Promise<MomentResultsReport> {
  const now = opts.now ?? Date.now();
  const report: MomentResultsReport = { published: 0, failed: 0, staffPublished: 0, events: 0 };
  const submitted = await db.query<{ post_id: number; jobid: string }>(
    `SELECT post_id, jobid FROM moment_posts WHERE workspace_id = $1 AND status = 'submitted' ORDER BY post_id LIMIT $2`, [ws, opts.limit ?? 50]);
  const watched = await db.query<{ post_id: number; moment_id: string }>(
    `SELECT post_id, moment_id FROM moment_posts WHERE workspace_id = $1 AND status = 'published' AND publish_at > $2 ORDER BY post_id LIMIT $3`,
    [ws, new Date(now - WATCH_DAYS * 86_400_000), opts.limit ?? 50]);
  if (submitted.length === 0 && watched.length === 0) return report;
  const client = await clientOf(db, ws, opts);
  for (const p of submitted) {
    const r = await client.getMomentTaskResult(p.jobid);
    if (r.status !== 3) continue; // 1 started, 2 running
    const errcode = Number(r.result?.errcode ?? 0);
    if (errcode !== 0 || !r.result?.moment_id) {
      await db.query(`UPDATE moment_posts SET status = 'failed', error = $3, updated_at = $4 WHERE workspace_id = $1 AND post_id = $2`,
        [ws, p.post_id, `WeCom add_moment_task job ended with errcode ${errcode} (${r.result?.errmsg ?? ''})`, new Date(now)]);
      report.failed++;
      continue;
    }
    const invalid = r.result.invalid_sender_list?.user_list ?? [];
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE moment_posts SET status = 'published', moment_id = $3, updated_at = $4 WHERE workspace_id = $1 AND post_id = $2`,
        [ws, p.post_id, r.result!.moment_id, new Date(now)]);
      if (invalid.length > 0) {
        await tx.query(`UPDATE moment_post_staff SET status = 'invalid', checked_at = $4 WHERE workspace_id = $1 AND post_id = $2 AND staff_id = ANY($3::text[])`,
          [ws, p.post_id, invalid, new Date(now)]);
      }
    });
    report.published++;
    watched.push({ post_id: p.post_id, moment_id: r.result.moment_id });
  }
  for (const p of watched) {
    let tasks: { userid: string; publish_status: number }[];
    try {
      tasks = await client.getMomentTask(p.moment_id);
    } catch (err) {
      if (err instanceof WecomApiError && err.errcode === 41079) continue; // still being dispatched
      throw err;
    }
    for (const t of tasks) {
      await db.query(`UPDATE moment_post_staff SET status = $4, checked_at = $5 WHERE workspace_id = $1 AND post_id = $2 AND staff_id = $3 AND status <> 'invalid'`,
        [ws, p.post_id, t.userid, Number(t.publish_status) === 1 ? 'published' : 'not_published', new Date(now)]);
      if (Number(t.publish_status) !== 1) continue;
      report.staffPublished++;
      const c = await client.getMomentComments(p.moment_id, t.userid);
      const events = momentEvents(p.moment_id, t.userid, c.like_list ?? [], c.comment_list ?? []);
      if (events.length > 0) {
        const r = await ingestEvents(db, ws, events, { source: 'wecom', now, actor: { kind: 'system', id: 'wecom' } });
        // An event WeCom's data cannot make (an unknown contact …) is skipped, not retried for ever.
        if (r.rejected.length > 0) console.error(`[${ws}] Moments reactions left out: ${r.rejected.map((x) => x.reason).join('; ').slice(0, 500)}`);
        report.events += r.accepted.length;
      }
    }
  }
  return report;
}
