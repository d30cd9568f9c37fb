/**
 * `siyu audiences count|list|fields` and `siyu segments saved list|show|add|delete`: the
 * same service functions as /api/v1/customers, /api/v1/audiences and /api/v1/segments/saved.
 * A filter is given as JSON text, a file holding it, or "-" for standard input.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  countAudience, deleteSegment, describeFields, getSegment, listCustomers, listSegments, parseFilter, parseSort, saveSegment,
  type AudienceFilter, type CustomerListItem,
} from '../audiences/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import type { CliContext } from './context.ts';
import { listFields } from '../record/index.ts';

async function filterText(arg: string): Promise<string> {
  if (arg === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  if (/^\s*[{[]/.test(arg)) return arg;
  if (!existsSync(arg)) throw new SiyuError('bad_request', `--filter "${arg}" is neither JSON nor a file that exists`);
  return readFile(arg, 'utf8');
}

async function filterOption(arg: string | undefined): Promise<AudienceFilter | undefined> {
  if (arg === undefined) return undefined;
  const r = parseFilter((await filterText(arg)).replace(/^\uFEFF/, ''));
  if (!r.ok) throw new SiyuError('validation_failed', `filter: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.filter;
}

const scopeOption = (staff: string | undefined): CustomerScope => (staff ? { kind: 'staff', staffId: staff } : ALL_CUSTOMERS);

function row(i: CustomerListItem): string {
  return [
    `#${i.customerId}`.padEnd(8), (i.name ?? '-').padEnd(8), (i.phone ?? '-').padEnd(14), `L${i.trustLevel ?? '-'}`.padEnd(4),
    (i.valueTier ?? '-').padEnd(6), (i.rfmSegment ?? '-').padEnd(8), `${i.paidOrders} 单 ¥${i.paidAmount}`.padEnd(16),
    `owner ${i.ownerStaff ?? '-'}`.padEnd(14), i.tags.join(' '),
  ].join(' ');
}

export function registerAudienceCommands(program: Command, ctx: CliContext): void {
  const audiences = program.command('audiences').description('filter customers (tags, stages, levels, segments, aggregates …): count and list');

  audiences
    .command('count')
    .description('how many customers a filter matches')
    .requiredOption('--filter <json|file|->', 'the filter: JSON, a file, or - for stdin (see `siyu audiences fields`)')
    .option('--search <text>', 'also match name / phone / identity')
    .option('--staff <staffId>', 'count as this staff member sees it (their own and followed customers)')
    .option('--json', 'print as JSON')
    .action(async (opts: { filter: string; search?: string; staff?: string; json?: boolean }, cmd: Command) => {
      const filter = await filterOption(opts.filter);
      await ctx.withStore('audiences count', async (db) => {
        const count = await countAudience(db, ctx.workspaceOf(cmd), filter, scopeOption(opts.staff), opts.search ? { search: opts.search } : {});
        if (opts.json) ctx.json({ count });
        else ctx.out(String(count));
      });
    });

  audiences
    .command('list')
    .description('one page of matching customers')
    .option('--filter <json|file|->', 'the filter: JSON, a file, or - for stdin')
    .option('--search <text>', 'name / phone / identity')
    .option('--sort <key[:dir]>', 'addedAt|lastInteractionAt|paidAmount|trustLevel|engagement|name|customerId, :asc or :desc', 'addedAt:desc')
    .option('--limit <n>', 'page size (max 500)', '50')
    .option('--cursor <cursor>', 'continue after the page that printed this cursor')
    .option('--staff <staffId>', 'list as this staff member sees it')
    .option('--phones', 'show full phone numbers (masked otherwise)')
    .option('--json', 'print as JSON')
    .action(async (opts: { filter?: string; search?: string; sort: string; limit: string; cursor?: string; staff?: string; phones?: boolean; json?: boolean }, cmd: Command) => {
      const filter = await filterOption(opts.filter);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new SiyuError('bad_request', `--limit "${opts.limit}" must be a whole number from 1 to 500`);
      await ctx.withStore('audiences list', async (db) => {
        const page = await listCustomers(db, ctx.workspaceOf(cmd), {
          filter, search: opts.search, sort: parseSort(opts.sort), limit, cursor: opts.cursor, withTotal: true,
          scope: scopeOption(opts.staff), seePhones: opts.phones === true,
        });
        if (opts.json) return ctx.json(page);
        for (const i of page.items) ctx.out(row(i));
        ctx.out(`${page.items.length} of ${page.total} customers${page.nextCursor ? `; next page: --cursor ${page.nextCursor}` : ''}`);
      });
    });

  audiences
    .command('fields')
    .description('every filter field, its operators and values')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const fields = await ctx.withStore('audiences fields', async (db) => describeFields(await listFields(db, ws)));
      if (opts.json) return ctx.json(fields);
      for (const f of fields) {
        ctx.out(`${f.field.padEnd(22)} ${f.label.zh} / ${f.label.en}  [${f.ops.map((o) => o.op).join(' ')}]${f.values ? `  values: ${f.values.map((v) => v.value).join(', ')}` : ''}`);
        ctx.out(`${''.padEnd(22)} e.g. ${JSON.stringify(f.example)}`);
      }
    });

  // `siyu segments` (the models' distribution) exists already: saved segments hang under it.
  const segments = program.commands.find((c) => c.name() === 'segments') ?? program.command('segments').description('segments');
  const saved = segments.command('saved').description('saved segments (分群): named filters, usable as {"field":"segment","segment":NAME}');
  saved.command('list').description('saved segments').option('--json', 'print as JSON').action(async (opts: { json?: boolean }, cmd: Command) => {
    await ctx.withStore('segments saved list', async (db) => {
      const list = await listSegments(db, ctx.workspaceOf(cmd));
      if (opts.json) return ctx.json(list);
      for (const s of list) ctx.out(`${s.name}${s.description ? ` — ${s.description}` : ''}\n  ${JSON.stringify(s.filter)}`);
      if (list.length === 0) ctx.out('(no saved segments)');
    });
  });
  saved.command('show <name>').description('a saved segment and its current count').option('--json', 'print as JSON')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      await ctx.withStore('segments saved show', async (db) => {
        const ws = ctx.workspaceOf(cmd);
        const s = await getSegment(db, ws, name);
        const count = await countAudience(db, ws, { field: 'segment', segment: s.segmentId }, ALL_CUSTOMERS);
        if (opts.json) return ctx.json({ ...s, count });
        ctx.out(`${s.name}: ${count} customers\n  ${JSON.stringify(s.filter)}`);
      });
    });
  saved.command('add <name>').description('save a filter under a name')
    .requiredOption('--filter <json|file|->', 'the filter')
    .option('--description <text>', 'what it is for')
    .option('--replace', 'overwrite a segment of that name')
    .action(async (name: string, opts: { filter: string; description?: string; replace?: boolean }, cmd: Command) => {
      const filter = await filterOption(opts.filter);
      await ctx.withStore('segments saved add', async (db) => {
        const ws = ctx.workspaceOf(cmd);
        await ctx.ensureWorkspace(db, ws);
        const s = await saveSegment(db, ws, { name, filter, description: opts.description, replace: opts.replace, actor: { kind: 'staff', id: 'cli' } });
        ctx.out(`saved segment "${s.name}" (#${s.segmentId})`);
      });
    });
  saved.command('delete <name>').description('delete a saved segment').action(async (name: string, _opts: unknown, cmd: Command) => {
    await ctx.withStore('segments saved delete', async (db) => {
      const s = await deleteSegment(db, ctx.workspaceOf(cmd), name, { kind: 'staff', id: 'cli' });
      ctx.out(`deleted saved segment "${s.name}"`);
    });
  });
}
