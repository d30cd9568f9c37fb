import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { SiyuError } from '../shared/errors.ts';
import { formatLocal } from '../shared/time.ts';
import { identitiesOf } from '../events/index.ts';
import { exportCustomers, findCustomerByIdentity, getCustomer, listMerges, splitMerge, toCsv, type CustomerProfile } from '../customers/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

const positiveInt = (v: string, what: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new SiyuError('bad_request', `${what} "${v}" is not a positive whole number`);
  return n;
};

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

function describe(p: CustomerProfile, tz: string): string {
  const a = p.aggregates;
  const t = (v: unknown) => formatLocal(tz, v as string | null);
  const lines = [
    `客户 #${p.customerId}  ${p.name ?? '(no name)'}${p.wecomFriend ? '' : '  [not yet a WeCom friend]'}${p.contactRemoved ? '  [contact removed]' : ''}`,
    `  owner: ${p.ownerStaff ?? '-'}   channel: ${p.channel ?? '-'}   added: ${t(p.addedAt)}`,
    `  identities: ${p.identities.map((i) => `${i.kind}=${i.value}`).join(', ') || '-'}`,
    `  orders: ${a.paidOrders} paid, ${a.paidAmount} net (refunded ${a.refundedAmount}); last paid ${t(a.lastPaidAt)}`,
    `  chat: ${a.chatRounds} rounds, ${a.customerInitiatedConversations} customer-initiated conversations; moments ${a.momentsInteractions}, groups ${a.groupInteractions}, content views ${a.contentViews}`,
    `  complaints (365 d): ${a.complaintsLast365Days}   referrals: ${a.referrals}   last interaction: ${t(a.lastInteractionAt)}`,
    `  tags: ${p.tags.map((t) => `${t.group}/${t.tag} (${t.source}${t.expiresAt ? `, until ${formatLocal(tz, t.expiresAt)}` : ''})`).join(', ') || '-'}`,
  ];
  return lines.join('\n');
}

export function registerCustomerCommands(program: Command, ctx: CliContext): void {
  const customers = program.command('customers').description('look up customers, their merges, and undo a wrong merge');

  customers
    .command('show [id]')
    .description('one customer: identities, profile, aggregates, tags (by id, or --phone / --external-user-id / --union-id)')
    .option('--phone <phone>', 'find by phone number')
    .option('--external-user-id <id>', 'find by WeCom external contact id')
    .option('--union-id <id>', 'find by WeChat unionid')
    .option('--json', 'print as JSON')
    .action(async (id: string | undefined, opts: { phone?: string; externalUserId?: string; unionId?: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('customers show', async (db) => {
        const workspace = await requireWorkspace(db, ws);
        let customerId: number | undefined;
        if (id) customerId = positiveInt(id, 'customer id');
        else {
          const ids = identitiesOf({ phone: opts.phone, externalUserId: opts.externalUserId, unionId: opts.unionId });
          if (!ids.ok) throw new SiyuError('bad_request', `give a customer id or one of --phone, --external-user-id, --union-id (${ids.reason})`);
          customerId = await findCustomerByIdentity(db, ws, ids.identities[0]!);
          if (customerId === undefined) throw new SiyuError('not_found', `no customer with ${ids.identities[0]!.kind} ${ids.identities[0]!.value}`);
        }
        const p = await getCustomer(db, ws, customerId);
        if (opts.json) ctx.json(p);
        else ctx.out(describe(p, workspace.timeZone));
      });
    });

  customers
    .command('merges')
    .description('list merges of customer records (optionally of one customer)')
    .option('--customer <id>', 'only merges involving this customer')
    .option('--json', 'print as JSON')
    .action(async (opts: { customer?: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('customers merges', async (db) => {
        await requireWorkspace(db, ws);
        const list = await listMerges(db, ws, opts.customer ? positiveInt(opts.customer, 'customer id') : undefined);
        if (opts.json) return ctx.json(list);
        if (list.length === 0) return ctx.out('no merges');
        for (const m of list) {
          ctx.out(`merge ${m.mergeId}: #${m.mergedId} → #${m.survivorId} on ${m.mergedAt.slice(0, 19)} because ${m.because.map((b) => `${b.kind}=${b.value}`).join(', ')}` +
            ` (moved ${m.moved.events} events, ${m.moved.orders} orders, ${m.moved.identities} identities, ${m.moved.tags} tags)${m.undoneAt ? ` — undone ${m.undoneAt.slice(0, 19)}` : ''}`);
        }
      });
    });

  customers
    .command('unmerge <mergeId>')
    .description('undo a wrong merge: each record gets back what was its own, and the pair is never merged again')
    .option('--by <staff>', 'who is undoing it (for the audit log)', 'cli')
    .action(async (mergeId: string, opts: { by: string }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('customers unmerge', async (db) => {
        const r = await db.transaction((tx) => splitMerge(tx, ws, positiveInt(mergeId, 'merge id'), { kind: 'staff', id: opts.by }));
        ctx.out(`merge ${mergeId} undone: customer #${r.mergedId} is separate from #${r.survivorId} again`);
      });
    });

  program
    .command('export')
    .description('export data')
    .command('customers')
    .description('one record per customer: identities, owner, channel, tags, aggregates')
    .option('--format <format>', 'csv, json (one array) or ndjson', 'csv')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (opts: { format: string; out?: string }, cmd: Command) => {
      if (!['csv', 'json', 'ndjson'].includes(opts.format)) throw new SiyuError('bad_request', `--format "${opts.format}" must be csv, json or ndjson`);
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('export customers', async (db) => {
        await requireWorkspace(db, ws);
        const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
        let n = 0;
        const records = exportCustomers(db, ws);
        if (opts.format === 'csv') {
          for await (const line of toCsv((async function* () { for await (const r of records) { n++; yield r; } })())) await write(out, line);
        } else {
          if (opts.format === 'json') await write(out, '[');
          for await (const r of records) {
            await write(out, opts.format === 'json' ? `${n ? ',' : ''}\n${JSON.stringify(r)}` : `${JSON.stringify(r)}\n`);
            n++;
          }
          if (opts.format === 'json') await write(out, '\n]\n');
        }
        if (opts.out) {
          (out as ReturnType<typeof createWriteStream>).end();
          await once(out, 'finish');
          process.stderr.write(`exported ${n} customers to ${opts.out}\n`);
        }
      });
    });
}
