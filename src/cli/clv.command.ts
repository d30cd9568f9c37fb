/**
 * siyu clv fit / predict: predicted value (BG/NBD + Gamma-Gamma) on the workspace's orders,
 * with a calibration end and unit of the analyst's choosing. Neither writes: the stored
 * predictions are the recompute's (12 months, weekly, calibrated on the recompute's day).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { fitWorkspaceClv, parseCalibrationEnd, parseUnit, predictAll, CLV_DEFAULTS, type ClvFit } from '../models/index.ts';
import { csvCell } from '../shared/csv.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import type { CliContext } from './context.ts';

interface FitOpts { calibrationEnd?: string; unit?: string; json?: boolean }

const sig = (v: number | undefined, digits = 4) => (v === undefined ? null : Number(v.toPrecision(digits)));

export function fitJson(fit: ClvFit) {
  return {
    bgnbd: fit.bgnbd && { r: fit.bgnbd.r, alpha: fit.bgnbd.alpha, a: fit.bgnbd.a, b: fit.bgnbd.b, logLikelihood: fit.bgnbd.logLikelihood },
    gammaGamma: fit.gammaGamma && { p: fit.gammaGamma.p, q: fit.gammaGamma.q, v: fit.gammaGamma.v },
    customers: fit.customers,
    repeatCustomers: fit.repeatCustomers,
    calibrationEnd: fit.calibrationEnd,
    unit: fit.unit,
  };
}

function fitText(fit: ClvFit): string {
  const lines = [`predicted value fitted on ${fit.customers} customers (${fit.repeatCustomers} repeat), orders up to ${fit.calibrationEnd}, time in ${fit.unit}s, ${fit.seconds.toFixed(2)} s`];
  const bg = fit.bgnbd;
  lines.push(bg
    ? `  BG/NBD       r = ${sig(bg.r)}  alpha = ${sig(bg.alpha)}  a = ${sig(bg.a)}  b = ${sig(bg.b)}  log-likelihood = ${bg.logLikelihood.toFixed(2)}`
    : '  BG/NBD       not fitted: no customer has a paid order by the calibration end');
  const gg = fit.gammaGamma;
  lines.push(gg
    ? `  Gamma-Gamma  p = ${sig(gg.p)}  q = ${sig(gg.q)}  v = ${sig(gg.v)} (yuan)`
    : '  Gamma-Gamma  not fitted: no repeat customer with a positive spend');
  return lines.join('\n');
}

function horizonOption(value: string): number {
  const h = Number(value);
  if (!value.trim() || !Number.isFinite(h) || h <= 0) throw new SiyuError('bad_request', `--horizon "${value}" must be a positive number of units`);
  return h;
}

function discountOption(value: string): number {
  const d = Number(value);
  if (!value.trim() || !Number.isFinite(d) || d < 0 || d >= 1) throw new SiyuError('bad_request', `--discount "${value}" must be a monthly rate from 0 up to 1 (0.01 is 1 %)`);
  return d;
}

const COLUMNS = ['customer_id', 'external_user_ids', 'union_ids', 'phones', 'buyer_ids', 'x', 't_x', 'T', 'expected_purchases', 'p_alive', 'expected_spend', 'clv'] as const;

async function identitiesOf(q: Queryable, workspaceId: string, ids: number[]): Promise<Map<number, Record<string, string[]>>> {
  const rows = await q.query<{ customer_id: number; kind: string; value: string }>(
    `SELECT customer_id, kind, value FROM customer_identities WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[]) ORDER BY value`,
    [workspaceId, ids],
  );
  const out = new Map<number, Record<string, string[]>>();
  for (const r of rows) {
    const m = out.get(Number(r.customer_id)) ?? {};
    (m[r.kind] ??= []).push(r.value);
    out.set(Number(r.customer_id), m);
  }
  return out;
}

export function registerClvCommands(program: Command, ctx: CliContext): void {
  const clv = program.command('clv').description('predicted value: BG/NBD (P(alive), expected purchases) and Gamma-Gamma (spend) fitted on the workspace\'s orders');
  const common = (c: Command) => c
    .option('--calibration-end <date>', 'count orders up to this day (YYYY-MM-DD, workspace time zone); default today')
    .option('--unit <unit>', 'time unit: week or day', CLV_DEFAULTS.unit);

  common(clv.command('fit').description('fit both models and print their parameters'))
    .option('--json', 'print { bgnbd, gammaGamma, customers, repeatCustomers } as JSON')
    .action(async (opts: FitOpts, cmd: Command) => {
      const unit = parseUnit(opts.unit ?? CLV_DEFAULTS.unit);
      const calibrationEnd = opts.calibrationEnd === undefined ? undefined : parseCalibrationEnd(opts.calibrationEnd);
      await ctx.reading('clv fit', cmd, async (db, ws) => {
        const { fit } = await fitWorkspaceClv(db, ws, { unit, calibrationEnd });
        ctx.print(opts, fitJson(fit), fitText(fit));
      });
    });

  common(clv.command('predict').description('one row per customer: identities, x, t_x, T, expected purchases over the horizon, P(alive), expected spend, CLV'))
    .requiredOption('--horizon <n>', 'how many units ahead (52 weeks is a year)')
    .option('--discount <rate>', 'monthly discount rate for CLV', String(CLV_DEFAULTS.monthlyDiscount))
    .option('--csv <file>', 'write CSV to this file (default: CSV on standard output)')
    .option('--json', 'print the fit and the rows as JSON')
    .action(async (opts: FitOpts & { horizon: string; discount: string; csv?: string }, cmd: Command) => {
      const unit = parseUnit(opts.unit ?? CLV_DEFAULTS.unit);
      const calibrationEnd = opts.calibrationEnd === undefined ? undefined : parseCalibrationEnd(opts.calibrationEnd);
      const horizon = horizonOption(opts.horizon);
      const discount = discountOption(opts.discount);
      if (opts.csv && opts.json) throw new SiyuError('bad_request', 'give --csv FILE or --json, not both');
      await ctx.reading('clv predict', cmd, async (db, ws) => {
        const { fit, stats } = await fitWorkspaceClv(db, ws, { unit, calibrationEnd });
        const pred = predictAll(fit, stats, horizon, discount);
        const n = stats.x.length;
        const records: Record<string, unknown>[] = [];
        const out = opts.csv ? createWriteStream(opts.csv) : process.stdout;
        const write = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
        // The write's callback reports a failure; the stream's own 'error' event is that same failure.
        if (!opts.csv) out.on('error', () => {});
        try {
          if (!opts.json) await write(`${COLUMNS.join(',')}\n`);
          for (let at = 0; at < n; at += 5000) {
            const ids = Array.from(stats.customerId.subarray(at, Math.min(n, at + 5000)));
            const ident = await identitiesOf(db, ws, ids);
            let chunk = '';
            for (let k = 0; k < ids.length; k++) {
              const i = at + k;
              const m = ident.get(ids[k]!) ?? {};
              const row = [ids[k], m.external_user_id ?? [], m.union_id ?? [], m.phone ?? [], m.buyer_id ?? [], stats.x[i], stats.tx[i], stats.T[i],
                pred.expectedPurchases[i], pred.pAlive[i], pred.expectedSpend[i], pred.clv[i]];
              if (opts.json) records.push(Object.fromEntries(COLUMNS.map((c, j) => [c, row[j]])));
              else chunk += `${row.map(csvCell).join(',')}\n`;
            }
            if (!opts.json) await write(chunk);
          }
        } catch (err) {
          // The reader went away ("siyu clv predict | head"): stop quietly, as Unix tools do.
          if (!opts.csv && (err as NodeJS.ErrnoException).code === 'EPIPE') return;
          throw err;
        }
        if (opts.json) return ctx.json({ ...fitJson(fit), horizon, monthlyDiscount: discount, predictions: records });
        if (opts.csv) {
          out.end();
          await once(out, 'finish');
          process.stderr.write(`${fitText(fit)}\nwrote ${n} customers to ${opts.csv} (horizon ${horizon} ${unit}s, ${discount * 100} % a month)\n`);
        }
      });
    });
}
