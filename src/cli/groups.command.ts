import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  createGroupMass, createGroupSop, getGroup, getGroupMass, groupConversion, inviteToGroup, listGroups, listGroupSops, setGroupTags, type GroupSummary,
} from '../groups/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { collectGroupSendResults, createJoinWay, listJoinWays, sendGroupMessages, syncGroups } from '../wecom/index.ts';
import type { CliContext } from './context.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const line = (g: GroupSummary) =>
  `${g.chatId}  ${g.name ?? '(unnamed)'}  owner ${g.owner ?? '—'}  ${g.customers} customers (${g.linked} linked)  +${g.joined30d}/-${g.left30d} in 30 days`
  + `${g.tags.length ? `  [${g.tags.join(', ')}]` : ''}${g.dismissed ? '  (dismissed)' : ''}`;

export function registerGroupCommands(program: Command, ctx: CliContext): void {
  const groups = program
    .command('groups')
    .description('customer groups (社群): the group list, tags, join codes, group SOPs, group mass messages, conversion')
    .addHelpText('after', '\nGroup messages go through WeCom (add_msg_template, chat_type group), each group once per message; the owner confirms in the client.');

  groups.command('list').description('every group: owner, members, joins and leaves in 30 days, tags')
    .option('--tag <tag>', 'only groups with this tag').option('--owner <staffId>', 'only this owner\'s groups').option('--json', 'print as JSON')
    .action(async (opts: { tag?: string; owner?: string; json?: boolean }, cmd: Command) => {
      const items = await ctx.reading('groups list', cmd, (db, ws) => listGroups(db, ws, { tag: opts.tag, owner: opts.owner, now: new Date() }));
      ctx.print(opts, { items }, items.length === 0 ? '(no groups: run "siyu groups sync" once WeCom is connected)' : items.map(line).join('\n'));
    });

  groups.command('show <chat-id>').description('one group with its members who are customers, and joins/leaves per day').option('--json', 'print as JSON')
    .action(async (chatId: string, opts: { json?: boolean }, cmd: Command) => {
      const g = await ctx.reading('groups show', cmd, (db, ws) => getGroup(db, ws, chatId, { now: new Date() }));
      ctx.print(opts, g, [line(g), ...g.memberCustomers.map((m) => `  #${m.customerId} ${m.name ?? ''}${m.state ? `  via ${m.state}` : ''}`),
        ...g.daily.map((d) => `  ${d.day}  +${d.joined} -${d.left}`)].join('\n'));
    });

  groups.command('sync').description('read every group and its members from WeCom now').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const r = await ctx.writing('groups sync', cmd, (db, ws) => syncGroups(db, ws));
      ctx.print(opts, r, `${r.groups} groups read from WeCom, ${r.joined} new member joins recorded`);
    });

  groups.command('tag <chat-id> [tags...]').description('set a group\'s tags (VIP群, 快闪群 …); none clears them').option('--json', 'print as JSON')
    .action(async (chatId: string, tags: string[], opts: { json?: boolean }, cmd: Command) => {
      const r = await ctx.writing('groups tag', cmd, (db, ws) => setGroupTags(db, ws, chatId, tags));
      ctx.print(opts, r, `${chatId}: ${r.tags.join(', ') || '(no tags)'}`);
    });

  groups.command('code <state> <chat-ids...>').description('a join code (WeCom groupchat/add_join_way) for 1–5 groups; state is the channel joins are counted under')
    .option('--remark <text>', 'a memo (WeCom keeps 30 characters)').option('--json', 'print as JSON')
    .action(async (state: string, chatIds: string[], opts: { remark?: string; json?: boolean }, cmd: Command) => {
      const w = await ctx.writing('groups code', cmd, (db, ws) => createJoinWay(db, ws, { state, chatIds, remark: opts.remark }));
      ctx.print(opts, w, `join code ${w.configId} (state ${w.state}) for ${w.chatIds.join(', ')}: ${w.qrCode ?? '(no QR code)'}`);
    });

  groups.command('codes').description('join codes and how many joined through each').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const items = await ctx.reading('groups codes', cmd, (db, ws) => listJoinWays(db, ws));
      ctx.print(opts, { items }, items.length === 0 ? '(no join codes)' : items.map((w) => `${w.state}  ${w.joined} joined  ${w.chatIds.join(', ')}  ${w.qrCode ?? ''}`).join('\n'));
    });

  groups.command('sop-add <file>').description('add a group SOP from a JSON file: {name, groups: {tags|owners|chatIds}, steps: [{key, offsetDays|date, window, text, materials}]}')
    .option('--json', 'print as JSON')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      let def: unknown;
      try { def = JSON.parse(readFileSync(file, 'utf8')); } catch (err) { throw new SiyuError('bad_request', `${file}: ${(err as Error).message}`); }
      const s = await ctx.writing('groups sop-add', cmd, (db, ws) => createGroupSop(db, ws, def, new Date()));
      ctx.print(opts, s, `group SOP #${s.groupSopId} "${s.name}" on, ${s.definition.steps.length} steps`);
    });

  groups.command('sops').description('group SOPs with what each step has sent').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const items = await ctx.reading('groups sops', cmd, (db, ws) => listGroupSops(db, ws));
      ctx.print(opts, { items }, items.length === 0 ? '(no group SOPs)' : items.map((s) =>
        `#${s.groupSopId} ${s.name} ${s.enabled ? 'on' : 'off'}  ${s.sends.map((x) => `${x.stepKey}:${x.status}×${x.groups}`).join(', ') || 'nothing sent yet'}`).join('\n'));
    });

  groups.command('mass').description('a mass message to the groups picked by tag or owner (each group once, by its owner)')
    .option('--text <text>', 'the words').option('--material <id>', 'a library item (repeatable)', collect)
    .option('--tag <tag>', 'groups with this tag (repeatable)', collect).option('--owner <staffId>', 'groups of this owner (repeatable)', collect)
    .option('--json', 'print as JSON')
    .action(async (opts: { text?: string; material?: string[]; tag?: string[]; owner?: string[]; json?: boolean }, cmd: Command) => {
      const m = await ctx.writing('groups mass', cmd, (db, ws) => db.transaction((tx) => createGroupMass(tx, ws, {
        text: opts.text, materials: opts.material?.map((x) => (/^\d+$/.test(x) ? Number(x) : x)), groups: { tags: opts.tag, owners: opts.owner },
      }, { kind: 'staff', id: 'cli' }, new Date())));
      ctx.print(opts, m, `group mass message #${m.groupMassId} queued for ${m.results.length} groups (the WeCom worker sends it; "siyu groups send" sends now)`);
    });

  groups.command('mass-show <id>').description('a group mass message with per-group results').option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const m = await ctx.reading('groups mass-show', cmd, (db, ws) => getGroupMass(db, ws, Number(id)));
      ctx.print(opts, m, [`#${m.groupMassId} ${m.title}`, ...m.results.map((r) => `  ${r.chatId} ${r.name ?? ''}  ${r.status}${r.error ? `  ${r.error}` : ''}`)].join('\n'));
    });

  groups.command('send').description('send due group SOP steps and queued group mass messages now, and read results back').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const r = await ctx.writing('groups send', cmd, async (db, ws) => ({ ...(await sendGroupMessages(db, ws)), results: await collectGroupSendResults(db, ws) }));
      ctx.print(opts, r, `queued ${r.queued}, created in WeCom ${r.created}, failed ${r.failed.length}; confirmed sent ${r.results.sent}, waiting ${r.results.waiting}`);
    });

  groups.command('invite <chat-id> <customer-ids...>').description('"invite to this group" tasks for the customers\' owners (once per customer and group)')
    .option('--json', 'print as JSON')
    .action(async (chatId: string, ids: string[], opts: { json?: boolean }, cmd: Command) => {
      const customerIds = ids.map((v) => {
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n <= 0) throw new SiyuError('bad_request', `customer id "${v}" is not a positive whole number`);
        return n;
      });
      const r = await ctx.writing('groups invite', cmd, (db, ws) => inviteToGroup(db, ws, chatId, customerIds, { kind: 'all' }, new Date()));
      ctx.print(opts, r, `${r.created} invitations made, ${r.duplicates} already invited${r.notFound.length ? `, not found: ${r.notFound.join(', ')}` : ''}`);
    });

  groups.command('conversion <chat-id>').description('members against everyone else: paid orders and amount').option('--json', 'print as JSON')
    .action(async (chatId: string, opts: { json?: boolean }, cmd: Command) => {
      const c = await ctx.reading('groups conversion', cmd, (db, ws) => groupConversion(db, ws, chatId));
      const per = (x: { customers: number; paidOrders: number; paidFen: number }) =>
        `${x.customers} customers, ${x.paidOrders} orders (${x.customers ? (x.paidOrders / x.customers).toFixed(2) : '0'} each), ${yuan(x.paidFen)}`;
      ctx.print(opts, c, [`${c.name ?? c.chatId}: ${c.joinedViaCode} of ${c.members} members joined through a join code; ${c.invitedJoined} of ${c.invited} invited joined`, `  members: ${per(c.memberOrders)}`, `  others:  ${per(c.otherOrders)}`].join('\n'));
    });
}
