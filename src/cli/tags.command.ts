import type { Command } from 'commander';
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import {
  addAlias, createCategory, createGroup, createTag, deleteCategory, deleteGroup, deleteTag, listTaxonomy, mergeTags, parseExpiry, parseTagPath,
  purgeExpiredTags, removeAlias, renameCategory, renameGroup, renameTag, tagCustomers, untagCustomers, type CategoryNode,
} from '../tags/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

interface ByOpts {
  by: string;
  json?: boolean;
}

const staff = (opts: ByOpts): Actor => ({ kind: 'staff', id: opts.by });

const customerIds = (values: string[]): number[] =>
  values.map((v) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n <= 0) throw new SiyuError('bad_request', `customer id "${v}" is not a positive whole number`);
    return n;
  });

function describeTree(tree: CategoryNode[]): string {
  const lines: string[] = [];
  for (const c of tree) {
    lines.push(`${c.name}${c.system ? '  [system]' : ''}`);
    if (c.groups.length === 0) lines.push('  (no groups)');
    for (const g of c.groups) {
      lines.push(`  ${g.name}  [${g.exclusive ? 'single-choice' : 'multi-choice'}${g.system ? ', system' : ''}]`);
      if (g.tags.length === 0) lines.push('    (no tags)');
      for (const t of g.tags) {
        lines.push(`    ${t.name}  ${t.customers} customer${t.customers === 1 ? '' : 's'}${t.aliases.length ? `  (also: ${t.aliases.join(', ')})` : ''}`);
      }
    }
  }
  return lines.join('\n');
}

export function registerTagsCommands(program: Command, ctx: CliContext): void {
  const tags = program
    .command('tags')
    .description('the tag system: categories → groups → tags, aliases and merges, tagging customers')
    .addHelpText('after', '\nA tag is written GROUP/TAG (e.g. 会员等级/金卡) or given by its id; an alias works wherever a tag does.');

  const byOption = (c: Command) => c.option('--by <staff>', 'who is making the change (for the audit log)', 'cli').option('--json', 'print the result as JSON');

  tags
    .command('list')
    .description('the whole taxonomy, with how many customers hold each tag now')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('tags list', async (db) => {
        const tree = await listTaxonomy(db, ws, new Date());
        ctx.print(opts, tree, describeTree(tree));
      });
    });

  const category = tags.command('category').description('tag categories (一级)');
  byOption(category.command('add <name>').description('create a category'))
    .action(async (name: string, opts: ByOpts, cmd: Command) => {
      const c = await ctx.writing('tags category add', cmd, (db, ws) => createCategory(db, ws, name, staff(opts)));
      ctx.print(opts, c, `category "${c.name}" created`);
    });
  byOption(category.command('rename <name> <new-name>').description('rename a category'))
    .action(async (name: string, newName: string, opts: ByOpts, cmd: Command) => {
      const c = await ctx.writing('tags category rename', cmd, (db, ws) => renameCategory(db, ws, name, newName, staff(opts)));
      ctx.print(opts, c, `category "${name}" is now "${c.name}"`);
    });
  byOption(category.command('delete <name>').description('delete a category; one that still has groups only with --force'))
    .option('--force', 'also delete its groups and tags, taking those tags off customers')
    .action(async (name: string, opts: ByOpts & { force?: boolean }, cmd: Command) => {
      const r = await ctx.writing('tags category delete', cmd, (db, ws) => deleteCategory(db, ws, name, staff(opts), { force: opts.force === true }));
      ctx.print(opts, r, `category "${r.category}" deleted (${r.groups} groups, ${r.tags} tags; ${r.customers} customers lost a tag)`);
    });

  const group = tags.command('group').description('tag groups (二级): single-choice (exclusive) or multi-choice');
  byOption(group.command('add <name>').description('create a group in a category'))
    .requiredOption('--category <category>', 'the category it belongs to')
    .option('--exclusive', 'single-choice: a customer holds at most one of its tags (e.g. a stage)')
    .action(async (name: string, opts: ByOpts & { category: string; exclusive?: boolean }, cmd: Command) => {
      const g = await ctx.writing('tags group add', cmd, (db, ws) =>
        createGroup(db, ws, { name, category: opts.category, exclusive: opts.exclusive === true }, staff(opts)));
      ctx.print(opts, g, `group "${g.name}" created (${g.exclusive ? 'single-choice' : 'multi-choice'})`);
    });
  byOption(group.command('rename <name> <new-name>').description('rename a group'))
    .action(async (name: string, newName: string, opts: ByOpts, cmd: Command) => {
      const g = await ctx.writing('tags group rename', cmd, (db, ws) => renameGroup(db, ws, name, newName, staff(opts)));
      ctx.print(opts, g, `group "${name}" is now "${g.name}"`);
    });
  byOption(group.command('delete <name>').description('delete a group with its tags, taking them off customers'))
    .action(async (name: string, opts: ByOpts, cmd: Command) => {
      const r = await ctx.writing('tags group delete', cmd, (db, ws) => deleteGroup(db, ws, name, staff(opts)));
      ctx.print(opts, r, `group "${r.group}" deleted (${r.tags} tags; ${r.customers} customers lost a tag)`);
    });

  byOption(tags.command('create <group/tag>').alias('add-tag').description('create a tag in an existing group'))
    .action(async (path: string, opts: ByOpts, cmd: Command) => {
      const p = parseTagPath(path);
      if (!p.ok || p.ref.kind !== 'path') throw new SiyuError('bad_request', p.ok ? `"${path}" is not a tag path` : p.reason);
      const { group: g, tag: name } = p.ref;
      const t = await ctx.writing('tags create', cmd, (db, ws) => createTag(db, ws, g, name, staff(opts)));
      ctx.print(opts, t, `tag "${t.path}" created (id ${t.tagId})`);
    });
  byOption(tags.command('rename <tag> <new-name>').description('rename a tag (it stays in its group)'))
    .action(async (tag: string, newName: string, opts: ByOpts, cmd: Command) => {
      const t = await ctx.writing('tags rename', cmd, (db, ws) => renameTag(db, ws, tag, newName, staff(opts)));
      ctx.print(opts, t, `tag "${tag}" is now "${t.path}"`);
    });
  byOption(tags.command('delete <tag>').description('delete a tag, taking it off its customers (audited)'))
    .action(async (tag: string, opts: ByOpts, cmd: Command) => {
      const r = await ctx.writing('tags delete', cmd, (db, ws) => deleteTag(db, ws, tag, staff(opts)));
      ctx.print(opts, r, `tag "${r.tag}" deleted; ${r.customers} customers lost it`);
    });
  byOption(tags.command('alias <tag> <alias>').description('give a tag another name in its group, e.g. alias 订单/客户首单 客户已下单'))
    .action(async (tag: string, alias: string, opts: ByOpts, cmd: Command) => {
      const r = await ctx.writing('tags alias', cmd, (db, ws) => addAlias(db, ws, tag, alias, staff(opts)));
      ctx.print(opts, r, `"${r.alias}" now leads to "${r.tag}"`);
    });
  byOption(tags.command('unalias <tag> <alias>').description('remove an alias of a tag'))
    .action(async (tag: string, alias: string, opts: ByOpts, cmd: Command) => {
      const r = await ctx.writing('tags unalias', cmd, (db, ws) => removeAlias(db, ws, tag, alias, staff(opts)));
      ctx.print(opts, r, `"${r.alias}" no longer leads to "${r.tag}"`);
    });
  byOption(tags.command('merge <from> <into>').description("merge a tag into another: its customers move (keeping who tagged them), its name becomes an alias"))
    .action(async (from: string, into: string, opts: ByOpts, cmd: Command) => {
      const r = await ctx.writing('tags merge', cmd, (db, ws) => mergeTags(db, ws, from, into, staff(opts)));
      const lines = [
        `"${r.from}" merged into "${r.into}": ${r.moved} customers moved, ${r.alreadyHeld} already had it, ${r.skipped.length} skipped`,
        ...r.skipped.map((s) => `  customer ${s.customerId} keeps "${s.holds}" (single-choice group)`),
        r.alias ? `"${r.alias}" is now an alias of "${r.into}"` : `no alias recorded: ${r.aliasNote}`,
      ];
      ctx.print(opts, r, lines.join('\n'));
    });

  byOption(tags.command('apply <customer-ids...>').description('put a tag on customers by hand (source: staff); in a single-choice group it replaces the one they hold'))
    .requiredOption('--tag <tag>', 'GROUP/TAG or tag id')
    .option('--reason <text>', 'why (kept with the tag and in the audit log)')
    .option('--expires <date>', 'last day the tag holds (YYYY-MM-DD, workspace time zone) or an ISO 8601 date-time')
    .action(async (ids: string[], opts: ByOpts & { tag: string; reason?: string; expires?: string }, cmd: Command) => {
      const r = await ctx.writing('tags apply', cmd, async (db, ws) => {
        let expiresAt: Date | undefined;
        if (opts.expires !== undefined) {
          const parsed = parseExpiry(opts.expires, (await requireWorkspace(db, ws)).timeZone);
          if (!parsed.ok) throw new SiyuError('bad_request', `--expires: ${parsed.reason}`);
          expiresAt = parsed.expiresAt;
        }
        return tagCustomers(db, ws, {
          customerIds: customerIds(ids), tag: opts.tag, source: 'staff', sourceId: opts.by, reason: opts.reason, expiresAt, actor: staff(opts),
        });
      });
      const lines = [`"${r.tag}": ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} already had it`];
      for (const x of r.replaced) lines.push(`  customer ${x.customerId}: replaced "${x.tag}"`);
      ctx.print(opts, r, lines.join('\n'));
    });
  byOption(tags.command('remove <customer-ids...>').description('take a tag off customers'))
    .requiredOption('--tag <tag>', 'GROUP/TAG or tag id')
    .option('--reason <text>', 'why (in the audit log)')
    .action(async (ids: string[], opts: ByOpts & { tag: string; reason?: string }, cmd: Command) => {
      const r = await ctx.writing('tags remove', cmd, (db, ws) =>
        untagCustomers(db, ws, { customerIds: customerIds(ids), tag: opts.tag, source: 'staff', sourceId: opts.by, reason: opts.reason, actor: staff(opts) }));
      ctx.print(opts, r, `"${r.tag}": removed from ${r.removed.length} customers${r.notHeld.length ? `; ${r.notHeld.length} did not hold it (${r.notHeld.join(', ')})` : ''}`);
    });

  tags
    .command('purge-expired')
    .description('delete tags past their expiry (they are already hidden), with an audit row each')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const purged = await ctx.writing('tags purge-expired', cmd, (db, ws) => purgeExpiredTags(db, ws, new Date()));
      ctx.print(opts, { purged }, `${purged} expired tags purged`);
    });
}
