import type { Command } from 'commander';
import {
  SHOP_ORDER_COLUMNS, SIGNATURE_HEADER, TIMESTAMP_HEADER, addShopSource, importShopOrders, listShopSources, recentDeliveries,
  rotateShopSecret, setShopSourceDisabled,
} from '../shop/index.ts';
import type { CliContext } from './context.ts';

const cli = { kind: 'staff' as const, id: 'cli' };

export function registerShopCommands(program: Command, ctx: CliContext): void {
  const shop = program.command('shop').description('shop order integrations: signed webhooks and order files');
  const sources = shop.command('sources').description('shops that send order webhooks');

  sources
    .command('add <source>')
    .description('register a shop (e.g. youzan); prints its signing secret once')
    .option('--name <name>', 'a display name')
    .option('--secret <secret>', 'use this secret instead of a generated one (at least 16 characters)')
    .addHelpText('after', `
The shop posts each order update to POST /api/v1/webhooks/orders/<source>?workspace=<id> with
  ${TIMESTAMP_HEADER}: unix seconds
  ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret>
Body: {"orderId","status":"paid"|"refunded","amount","refundedAmount"?,"paidAt","phone"|"unionId"|"buyerId"|"externalUserId", "items"?}`)
    .action(async (source: string, opts: { name?: string; secret?: string }, cmd: Command) => {
      const workspaceId = ctx.workspaceOf(cmd);
      await ctx.withStore('shop sources add', async (db) => {
        await ctx.ensureWorkspace(db, workspaceId);
        const s = await addShopSource(db, workspaceId, { source, ...(opts.name ? { name: opts.name } : {}), ...(opts.secret ? { secret: opts.secret } : {}) }, cli);
        ctx.out(`shop source "${s.source}" added.\nsigning secret (shown once, keep it in the shop's webhook settings):\n  ${s.secret}\nwebhook URL: /api/v1/webhooks/orders/${s.source}?workspace=${workspaceId}`);
      });
    });

  sources
    .command('list')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const workspaceId = ctx.workspaceOf(cmd);
      await ctx.withStore('shop sources list', async (db) => {
        const list = await listShopSources(db, workspaceId);
        if (opts.json) return ctx.json(list);
        if (list.length === 0) return ctx.out('no shop sources yet: siyu shop sources add <source>');
        for (const s of list) ctx.out(`${s.source}\t${s.name}\t${s.disabled ? 'disabled' : 'enabled'}\tadded ${s.createdAt}${s.rotatedAt ? `\tsecret rotated ${s.rotatedAt}` : ''}`);
      });
    });

  sources
    .command('rotate <source>')
    .description('replace the signing secret; the old one stops working at once')
    .action(async (source: string, _opts: unknown, cmd: Command) => {
      const workspaceId = ctx.workspaceOf(cmd);
      await ctx.withStore('shop sources rotate', async (db) => {
        const r = await rotateShopSecret(db, workspaceId, source, cli);
        ctx.out(`new signing secret for "${r.source}" (shown once):\n  ${r.secret}`);
      });
    });

  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    sources
      .command(`${name} <source>`)
      .description(disabled ? 'refuse the shop\'s webhooks' : 'accept the shop\'s webhooks again')
      .action(async (source: string, _opts: unknown, cmd: Command) => {
        const workspaceId = ctx.workspaceOf(cmd);
        await ctx.withStore(`shop sources ${name}`, async (db) => {
          const s = await setShopSourceDisabled(db, workspaceId, source, disabled, cli);
          ctx.out(`shop source "${s.source}" ${s.disabled ? 'disabled' : 'enabled'}`);
        });
      });
  }

  shop
    .command('import <source> <file>')
    .description('apply a file of order statuses from a shop without webhooks (same rules as the webhook)')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `
Columns (header row required, any order): ${SHOP_ORDER_COLUMNS.join(', ')}
A row needs order_id, status (paid or refunded), amount, paid_at and one identity.
refunded_amount is the cumulative refund; times are read in the workspace time zone.
Rows already applied (by file or webhook) are counted as unchanged; bad rows go to <file>.errors.csv.`)
    .action(async (source: string, file: string, opts: { json?: boolean }, cmd: Command) => {
      const workspaceId = ctx.workspaceOf(cmd);
      await ctx.withStore('shop import', async (db) => {
        await ctx.ensureWorkspace(db, workspaceId);
        const s = await importShopOrders(db, workspaceId, source, file, { now: Date.now(), actor: cli });
        if (opts.json) return ctx.json(s);
        ctx.out(`${s.file}: ${s.rowsRead} rows — ${s.applied} applied, ${s.unchanged} unchanged, ${s.rejected} rejected`);
        if (s.unknownColumns.length > 0) ctx.out(`unknown columns (ignored): ${s.unknownColumns.join(', ')}`);
        if (s.errorReport) ctx.out(`problems: ${s.errorReport}`);
      });
    });

  shop
    .command('deliveries')
    .description('recent webhook and file deliveries with their outcome')
    .option('--source <source>')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print as JSON')
    .action(async (opts: { source?: string; limit: string; json?: boolean }, cmd: Command) => {
      const workspaceId = ctx.workspaceOf(cmd);
      await ctx.withStore('shop deliveries', async (db) => {
        const list = await recentDeliveries(db, workspaceId, opts.source, Number(opts.limit) || 20);
        if (opts.json) return ctx.json(list);
        for (const d of list) ctx.out(`${d.receivedAt}\t${d.source}\t${d.orderId ?? '-'}\t${d.outcome}${d.error ? `\t${d.error}` : ''}`);
      });
    });
}
