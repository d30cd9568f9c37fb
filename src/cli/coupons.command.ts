import type { Command } from 'commander';
import { customerCoupons, defineCoupon, issueCoupon, listCoupons, processCoupons, redeemCoupon } from '../coupons/index.ts';
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { formatLocal } from '../shared/time.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

const staff = (by: string): Actor => ({ kind: 'staff', id: by });
const whole = (v: string, what: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new SiyuError('bad_request', `${what} "${v}" is not a whole number`);
  return n;
};

export function registerCouponCommands(program: Command, ctx: CliContext): void {
  const coupons = program.command('coupons').description('coupons: definitions, issuing to a customer (with an expiry reminder task), redemption, lapse');

  coupons
    .command('list')
    .description('the coupon definitions with how many were issued and redeemed')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('coupons list', async (db) => {
        const list = await listCoupons(db, ws);
        ctx.print(opts, list, list.map((c) => `${c.couponId}  ${c.name}  ¥${c.value}${c.minSpend !== '0.00' ? ` (min ¥${c.minSpend})` : ''}  ${c.validDays} days` +
          `${c.remindDays !== null ? `, reminder ${c.remindDays} days before` : ''}${c.active ? '' : '  [off]'}  issued ${c.issued}, redeemed ${c.redeemed}`).join('\n') || '(no coupons)');
      });
    });

  coupons
    .command('define <couponId>')
    .description('create or change a coupon (SOP steps and rule actions name it by couponId)')
    .requiredOption('--name <name>', 'what customers see, e.g. 满100减20')
    .requiredOption('--value <yuan>', 'value in yuan')
    .requiredOption('--valid-days <n>', 'valid this many days, the day of issue counted')
    .option('--min-spend <yuan>', 'minimum spend in yuan')
    .option('--remind-days <n>', 'a reminder task this many days before it lapses')
    .option('--off', 'switch it off (no more issuing)')
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli')
    .option('--json', 'print as JSON')
    .action(async (couponId: string, opts: { name: string; value: string; validDays: string; minSpend?: string; remindDays?: string; off?: boolean; by: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('coupons define', async (db) => {
        const c = await defineCoupon(db, ws, {
          couponId, name: opts.name, value: opts.value, minSpend: opts.minSpend, validDays: whole(opts.validDays, '--valid-days'),
          remindDays: opts.remindDays === undefined ? null : whole(opts.remindDays, '--remind-days'), active: !opts.off,
        }, staff(opts.by));
        ctx.print(opts, c, `coupon ${c.couponId} (${c.name}, ¥${c.value}) saved`);
      });
    });

  coupons
    .command('issue <couponId> <customerId>')
    .description('issue a coupon to a customer: recorded, coupon.issued written, the reminder planned; the same --key issues once')
    .option('--key <key>', 'exactly-once key (default: one per coupon, customer and --by)')
    .option('--by <staff>', 'who issues it', 'cli')
    .option('--json', 'print as JSON')
    .action(async (couponId: string, customerId: string, opts: { key?: string; by: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('coupons issue', async (db) => {
        const id = whole(customerId, 'customer id');
        const r = await issueCoupon(db, ws, {
          couponId, customerId: id, source: { type: 'staff', id: opts.by }, ...(opts.key ? { issueId: `api:${opts.key}` } : {}),
        }, { now: Date.now(), actor: staff(opts.by) });
        const tz = (await requireWorkspace(db, ws)).timeZone;
        ctx.print(opts, r.issue, `${r.created ? 'issued' : 'already issued'} ${r.issue.issueId}, valid until ${formatLocal(tz, Date.parse(r.issue.expiresAt) - 1)}` +
          `${r.issue.reminderTaskId ? `; reminder task #${r.issue.reminderTaskId}` : ''}`);
      });
    });

  coupons
    .command('redeem <issueId>')
    .description('record that the customer used an issued coupon (written as coupon.redeemed)')
    .option('--order <orderId>', 'the order it was used on')
    .option('--by <staff>', 'who records it', 'cli')
    .option('--json', 'print as JSON')
    .action(async (issueId: string, opts: { order?: string; by: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('coupons redeem', async (db) => {
        const r = await redeemCoupon(db, ws, issueId, { now: Date.now(), actor: staff(opts.by), orderId: opts.order });
        ctx.print(opts, r, `${r.issueId}: ${r.status}${r.orderId ? ` on order ${r.orderId}` : ''}`);
      });
    });

  coupons
    .command('customer <customerId>')
    .description('a customer\'s coupons, newest first')
    .option('--json', 'print as JSON')
    .action(async (customerId: string, opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('coupons customer', async (db) => {
        const tz = (await requireWorkspace(db, ws)).timeZone;
        const list = await customerCoupons(db, ws, whole(customerId, 'customer id'));
        ctx.print(opts, list, list.map((c) => `${c.issueId}  ${c.couponName} ¥${c.value}  ${c.status}  issued ${formatLocal(tz, c.issuedAt)}, until ${formatLocal(tz, Date.parse(c.expiresAt) - 1)}`).join('\n') || '(no coupons)');
      });
    });

  coupons
    .command('process')
    .description('issue the coupons of sent tasks, apply redemptions from events and orders, let lapsed coupons expire (the server does this every minute)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('coupons process', async (db) => {
        const r = await processCoupons(db, ws, Date.now());
        ctx.print(opts, r, `issued by sent tasks ${r.issuedFromTasks}; redeemed ${r.redeemed}; lapsed ${r.expired}; reminders cancelled ${r.remindersCancelled}`);
      });
    });
}
