import type { Command } from 'commander';
import {
  cancelMomentPost, createMomentCommentTasks, getMomentPost, getMomentSettings, listMomentPosts, planMomentPost, POST_STATUSES, setMomentSettings,
  type MomentPost, type PostStatus,
} from '../moments/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { collectMomentResults, publishDueMoments } from '../wecom/index.ts';
import type { CliContext } from './context.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const positive = (v: string, what: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new SiyuError('bad_request', `${what} "${v}" is not a positive whole number`);
  return n;
};

const line = (p: MomentPost) =>
  `#${p.postId}  ${p.publishAt}  ${p.status.padEnd(9)} ${p.title}  staff: ${p.staff.map((s) => `${s.staffId}(${s.status})`).join(', ')}`
  + `${p.visibility === 'tags' ? `  visible to: ${p.tags.map((t) => t.path).join(', ')}` : ''}`
  + `${p.momentId ? `  likes ${p.engagement.likes}, comments ${p.engagement.comments}` : ''}`;

export function registerMomentCommands(program: Command, ctx: CliContext): void {
  const moments = program
    .command('moments')
    .description('Moments (朋友圈): posts planned ahead, published through WeCom, likes and comments read back')
    .addHelpText('after', '\nA post is a broadcast: no trust gate and no marketing cap, but a per-staff daily limit (default 3; "siyu moments limit").');

  moments
    .command('list')
    .description('posts by publish time, latest first')
    .option('--from <date>', 'publish time from (ISO 8601)')
    .option('--to <date>', 'publish time before (ISO 8601)')
    .option('--staff <staffId>', 'only posts this staff member posts')
    .option('--status <status>', `only this status: ${POST_STATUSES.join(', ')}`)
    .option('--json', 'print as JSON')
    .action(async (opts: { from?: string; to?: string; staff?: string; status?: string; json?: boolean }, cmd: Command) => {
      if (opts.status && !(POST_STATUSES as readonly string[]).includes(opts.status)) throw new SiyuError('bad_request', `--status: "${opts.status}" is not one of ${POST_STATUSES.join(', ')}`);
      const date = (v: string | undefined, what: string) => {
        if (v === undefined) return undefined;
        const t = Date.parse(v);
        if (Number.isNaN(t)) throw new SiyuError('bad_request', `${what}: "${v}" is not a date`);
        return new Date(t);
      };
      const items = await ctx.reading('moments list', cmd, (db, ws) => listMomentPosts(db, ws, {
        from: date(opts.from, '--from'), to: date(opts.to, '--to'), staffId: opts.staff, status: opts.status as PostStatus | undefined,
      }));
      ctx.print(opts, { items }, items.length === 0 ? '(no Moments posts)' : items.map(line).join('\n'));
    });

  moments
    .command('show <post-id>')
    .description('one post with each staff member\'s publish status')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const p = await ctx.reading('moments show', cmd, (db, ws) => getMomentPost(db, ws, positive(id, 'post id')));
      ctx.print(opts, p, [line(p), ...(p.text ? [`  ${p.text}`] : []), ...p.materials.map((m) => `  + ${m.kind} #${m.materialId} ${m.title}`),
        ...(p.error ? [`  error: ${p.error}`] : [])].join('\n'));
    });

  moments
    .command('plan')
    .description('plan a post: words and/or library items, the staff who post it, when')
    .requiredOption('--staff <staffId>', 'a staff member who posts it (repeatable)', collect)
    .requiredOption('--at <time>', 'publish time (ISO 8601, e.g. 2026-12-12T20:00:00+08:00)')
    .option('--text <text>', 'the words')
    .option('--material <id>', 'a library item: id or content id (repeatable; up to 9 images or one link)', collect)
    .option('--tag <tag>', 'visible only to customers with this tag, GROUP/TAG (repeatable; 定向可见)', collect)
    .option('--title <title>', 'for the calendar')
    .option('--by <staff>', 'who plans it', 'cli')
    .option('--json', 'print as JSON')
    .action(async (opts: { staff: string[]; at: string; text?: string; material?: string[]; tag?: string[]; title?: string; by: string; json?: boolean }, cmd: Command) => {
      const p = await ctx.writing('moments plan', cmd, (db, ws) => planMomentPost(db, ws, {
        staffIds: opts.staff, publishAt: opts.at, ...(opts.text ? { text: opts.text } : {}), ...(opts.title ? { title: opts.title } : {}),
        ...(opts.material ? { materials: opts.material.map((m) => (/^\d+$/.test(m) ? Number(m) : m)) } : {}),
        ...(opts.tag ? { visibility: 'tags' as const, tags: opts.tag } : {}),
      }, { kind: 'staff', id: opts.by }, new Date()));
      ctx.print(opts, p, `planned ${line(p)}`);
    });

  moments
    .command('cancel <post-id>')
    .description('cancel a post that has not gone to WeCom yet')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const p = await ctx.writing('moments cancel', cmd, (db, ws) => cancelMomentPost(db, ws, positive(id, 'post id'), new Date()));
      ctx.print(opts, p, `cancelled ${line(p)}`);
    });

  moments
    .command('publish')
    .description('send due posts to WeCom now and read results, publish status and likes/comments back (the server\'s WeCom worker does this by itself)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const r = await ctx.writing('moments publish', cmd, async (db, ws) => {
        const sent = await publishDueMoments(db, ws);
        return { ...sent, results: await collectMomentResults(db, ws) };
      });
      ctx.print(opts, r, [`submitted to WeCom: ${r.submitted.length}`, ...r.failed.map((f) => `failed #${f.postId}: ${f.error}`),
        `published: ${r.results.published}, staff who posted: ${r.results.staffPublished}, new likes/comments: ${r.results.events}`].join('\n'));
    });

  moments
    .command('comment-tasks')
    .description('"comment thoughtfully on this customer\'s Moments" tasks for the owners of L0/L1 customers (once a week per customer)')
    .option('--staff <staffId>', 'only this staff member\'s customers')
    .option('--levels <list>', 'trust levels, comma-separated', '0,1')
    .option('--json', 'print as JSON')
    .action(async (opts: { staff?: string; levels: string; json?: boolean }, cmd: Command) => {
      const levels = opts.levels.split(',').map((l) => {
        const n = Number(l.trim().replace(/^L/i, ''));
        if (!Number.isInteger(n) || n < 0 || n > 5) throw new SiyuError('bad_request', `--levels: "${l}" is not a trust level 0–5`);
        return n;
      });
      const r = await ctx.writing('moments comment-tasks', cmd, (db, ws) =>
        createMomentCommentTasks(db, ws, { now: new Date(), staffId: opts.staff, trustLevels: levels, scope: { kind: 'all' } }));
      ctx.print(opts, r, `${r.created} comment tasks made for ${r.customers} customers (${r.duplicates} already had one this week)`);
    });

  moments
    .command('limit [per-staff-daily]')
    .description('show or set the per-staff daily limit on Moments posts')
    .option('--json', 'print as JSON')
    .action(async (n: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const r = n === undefined
        ? await ctx.reading('moments limit', cmd, (db, ws) => getMomentSettings(db, ws))
        : await ctx.writing('moments limit', cmd, (db, ws) => setMomentSettings(db, ws, { perStaffDaily: positive(n, 'limit') }, new Date()));
      ctx.print(opts, r, `at most ${r.perStaffDaily} Moments posts per staff member a day`);
    });
}
