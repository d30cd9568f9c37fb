import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { SiyuError } from '../shared/errors.ts';
import { formatLocal } from '../shared/time.ts';
import { identitiesOf } from '../events/index.ts';
import { exportCustomers, findCustomerByIdentity, getCustomer, listMerges, toCsv, type CustomerProfile, type ExportRecord } from '../customers/index.ts';
import { getCustomerModels, setPin, undoMerge, type CustomerModels, type PinModel } from '../models/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';
import { formatCustomerModels, trustLabel } from './models.command.ts';

const positiveInt = (v: string, what: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new SiyuError('bad_request', `${what} "${v}" is not a positive whole number`);
  return n;
};

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Write export records in a format; returns how many. */
async function writeRecords(out: Writable, format: string, records: AsyncIterable<ExportRecord>): Promise<number> {
  let n = 0;
  if (format === 'csv') {
    for await (const line of toCsv((async function* () { for await (const r of records) { n++; yield r; } })())) await write(out, line);
    return n;
  }
  if (format === 'json') await write(out, '[');
  for await (const r of records) {
    await write(out, format === 'json' ? `${n ? ',' : ''}\n${JSON.stringify(r)}` : `${JSON.stringify(r)}\n`);
    n++;
  }
  if (format === 'json') await write(out, '\n]\n');
  return n;
}

function describe(p: CustomerProfile, models: CustomerModels | null, tz: string): string {
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
    formatCustomerModels(models, tz),
  ];
  return lines.join('\n');
}

export function registerCustomerCommands(program: Command, ctx: CliContext): void {
  const customers = program.command('customers').description('look up customers with their model placements, pin a trust level or value tier, see merges and undo a wrong merge');

  customers
    .command('show [id]')
    .description('one customer: identities, profile, aggregates, tags, model placements with evidence and guidance (by id, or --phone / --external-user-id / --union-id)')
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
        const models = await getCustomerModels(db, ws, p.customerId);
        if (opts.json) ctx.json({ ...p, models });
        else ctx.out(describe(p, models, workspace.timeZone));
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
    .description('undo a wrong merge: each record gets back what was its own and is placed by the models again; the pair is never merged again')
    .option('--by <staff>', 'who is undoing it (for the audit log)', 'cli')
    .action(async (mergeId: string, opts: { by: string }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('customers unmerge', async (db) => {
        const r = await undoMerge(db, ws, positiveInt(mergeId, 'merge id'), { kind: 'staff', id: opts.by });
        ctx.out(`merge ${mergeId} undone: customer #${r.mergedId} is separate from #${r.survivorId} again; both are placed by the models again`);
      });
    });

  const pinLines = (m: CustomerModels, which: PinModel[]) => which.map((w) => w === 'trust'
    ? `trust: ${trustLabel(m.trust.level)} ${m.trust.pinned === null ? '(computed; not pinned)' : `(pinned; computed ${trustLabel(m.trust.computed)})`}`
    : `value tier: ${m.valueTier.tier} ${m.valueTier.pinned === null ? '(computed; not pinned)' : `(pinned; computed ${m.valueTier.computed})`}`).join('\n');

  customers
    .command('pin <id>')
    .description('pin a customer\'s trust level or value tier by hand; kept until unpinned, the computed one is still shown')
    .option('--trust <level>', 'trust level L0…L5')
    .option('--tier <tier>', 'value tier: 普通, 一般价值, 中等价值, 高价值 or 核心')
    .option('--reason <text>', 'why (kept with the pin and in the audit log)')
    .option('--by <staff>', 'who is pinning (for the audit log)', 'cli')
    .option('--json', 'print the customer\'s placements as JSON')
    .action(async (id: string, opts: { trust?: string; tier?: string; reason?: string; by: string; json?: boolean }, cmd: Command) => {
      const pins = [
        ...(opts.trust !== undefined ? [['trust', opts.trust] as const] : []),
        ...(opts.tier !== undefined ? [['value_tier', opts.tier] as const] : []),
      ];
      if (pins.length === 0) throw new SiyuError('bad_request', 'give --trust L0…L5 and/or --tier 普通|一般价值|中等价值|高价值|核心');
      const customerId = positiveInt(id, 'customer id');
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('customers pin', async (db) => {
        await requireWorkspace(db, ws);
        let m: CustomerModels | undefined;
        for (const [model, value] of pins) m = await setPin(db, ws, customerId, model, value, { kind: 'staff', id: opts.by }, opts.reason);
        if (opts.json) return ctx.json(m);
        ctx.out(`customer #${customerId}\n${pinLines(m!, pins.map(([model]) => model))}`);
      });
    });

  customers
    .command('unpin <id>')
    .description('remove a pinned trust level or value tier: the computed one applies again')
    .option('--trust', 'remove the pinned trust level')
    .option('--tier', 'remove the pinned value tier')
    .option('--by <staff>', 'who is unpinning (for the audit log)', 'cli')
    .option('--json', 'print the customer\'s placements as JSON')
    .action(async (id: string, opts: { trust?: boolean; tier?: boolean; by: string; json?: boolean }, cmd: Command) => {
      const which: PinModel[] = [...(opts.trust ? ['trust' as const] : []), ...(opts.tier ? ['value_tier' as const] : [])];
      if (which.length === 0) throw new SiyuError('bad_request', 'give --trust and/or --tier: which pin to remove');
      const customerId = positiveInt(id, 'customer id');
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('customers unpin', async (db) => {
        await requireWorkspace(db, ws);
        let m: CustomerModels | undefined;
        for (const model of which) m = await setPin(db, ws, customerId, model, null, { kind: 'staff', id: opts.by });
        if (opts.json) return ctx.json(m);
        ctx.out(`customer #${customerId}\n${pinLines(m!, which)}`);
      });
    });

  program
    .command('export')
    .description('export data')
    .command('customers')
    .description('one record per customer: identities, owner, channel, tags, trust level with evidence, lifecycle stages, RFM, value tier, engagement score, aggregates, predicted value (x, t_x, T, expected purchases, P(alive), expected spend, CLV)')
    .option('--format <format>', 'csv, json (one array) or ndjson', 'csv')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (opts: { format: string; out?: string }, cmd: Command) => {
      if (!['csv', 'json', 'ndjson'].includes(opts.format)) throw new SiyuError('bad_request', `--format "${opts.format}" must be csv, json or ndjson`);
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('export customers', async (db) => {
        await requireWorkspace(db, ws);
        const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
        let n = 0;
        try {
          n = await writeRecords(out, opts.format, exportCustomers(db, ws));
        } catch (err) {
          // The reader went away ("siyu export customers | head"): stop quietly, as Unix tools do.
          if (!opts.out && (err as NodeJS.ErrnoException).code === 'EPIPE') return;
          throw err;
        }
        if (opts.out) {
          (out as ReturnType<typeof createWriteStream>).end();
          await once(out, 'finish');
          process.stderr.write(`exported ${n} customers to ${opts.out}\n`);
        }
      });
    });
}
