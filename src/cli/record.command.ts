import type { Command } from 'commander';
import type { Actor } from '../customers/index.ts';
import {
  addFollowup, AGE_BANDS, defineField, FIELD_TYPES, FOLLOWUP_TYPES, getRecord, listFields, listFollowups, removeField, updateRecord,
  fieldValueText, type CustomerRecord, type FieldType, type FollowupType, type RecordPatch,
} from '../record/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { formatLocal, localDate } from '../shared/time.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

const positiveInt = (v: string, what: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new SiyuError('bad_request', `${what} "${v}" is not a positive whole number`);
  return n;
};
const staff = (by: string): Actor => ({ kind: 'staff', id: by });
/** "" clears a field on the command line, as null does in the API. */
const cleared = (v: string | undefined) => (v === undefined ? undefined : v === '' ? null : v);

function describe(r: CustomerRecord): string {
  const sync = r.remarkSync.error ? `WeCom refused: ${r.remarkSync.error}` : r.remarkSync.pending ? 'waiting to be written to WeCom' : r.remarkSync.syncedAt ? `in step with WeCom since ${r.remarkSync.syncedAt}` : 'not in WeCom';
  return [
    `客户 #${r.customerId}`,
    `  remark (备注): ${r.remark ?? '-'}   description: ${r.description ?? '-'}   [${sync}]`,
    `  region: ${[r.province, r.city].filter(Boolean).join(' ') || '-'}   birthday: ${r.birthday ?? '-'}   age band: ${r.ageBand ?? '-'}${r.ageBandFromBirthday ? ' (from the birthday)' : ''}`,
    ...Object.entries(r.custom).map(([k, v]) => `  ${k}: ${fieldValueText(v)}`),
  ].join('\n');
}

export function registerRecordCommands(program: Command, ctx: CliContext): void {
  const record = program.command('record').description('the customer record: remark and description (synced with WeCom), region, birthday, age band, custom fields; the follow-up log');

  record
    .command('show <customerId>')
    .description('one customer\'s record')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('record show', async (db) => {
        const tz = (await requireWorkspace(db, ws)).timeZone;
        const r = await getRecord(db, ws, positiveInt(id, 'customer id'), { today: localDate(tz, Date.now()) });
        ctx.print(opts, r, describe(r));
      });
    });

  record
    .command('set <customerId>')
    .description('change fields of a record ("" clears one); a remark or description change is written to the owner\'s WeCom contact by the WeCom worker or "siyu wecom process"')
    .option('--remark <text>', 'remark (备注), at most 20 characters')
    .option('--description <text>', 'description, at most 150 characters')
    .option('--province <text>', 'province')
    .option('--city <text>', 'city')
    .option('--birthday <date>', 'birthday, YYYY-MM-DD')
    .option('--age-band <band>', `age band: ${AGE_BANDS.join(', ')}`)
    .option('--field <key=value...>', 'a custom field value (multi choices as a|b); repeatable', (v: string, all: string[] = []) => [...all, v])
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { remark?: string; description?: string; province?: string; city?: string; birthday?: string; ageBand?: string; field?: string[]; by: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const patch: RecordPatch = {};
      for (const k of ['remark', 'description', 'province', 'city', 'birthday', 'ageBand'] as const) {
        const v = cleared(opts[k]);
        if (v !== undefined) patch[k] = v;
      }
      for (const f of opts.field ?? []) {
        const eq = f.indexOf('=');
        if (eq <= 0) throw new SiyuError('bad_request', `--field "${f}" is not key=value`);
        (patch.custom ??= {})[f.slice(0, eq)] = f.slice(eq + 1) === '' ? null : f.slice(eq + 1);
      }
      if (Object.keys(patch).length === 0) throw new SiyuError('bad_request', 'nothing to change: give --remark, --city, --birthday, --field … (see --help)');
      await ctx.withStore('record set', async (db) => {
        const tz = (await requireWorkspace(db, ws)).timeZone;
        const r = await updateRecord(db, ws, positiveInt(id, 'customer id'), patch, { today: localDate(tz, Date.now()), actor: staff(opts.by) });
        ctx.print(opts, r, `${r.changed.length ? `changed: ${r.changed.join(', ')}` : 'nothing changed'}\n${describe(r)}`);
      });
    });

  const fields = record.command('fields').description('the workspace\'s custom customer fields (text, number, date, single or multi choice)');
  fields
    .command('list')
    .description('the custom fields in display order')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('record fields list', async (db) => {
        const list = await listFields(db, ws);
        ctx.print(opts, list, list.map((f) => `${f.key}  ${f.label}  ${f.type}${f.options.length ? `  [${f.options.join(' / ')}]` : ''}`).join('\n') || '(no custom fields)');
      });
    });
  fields
    .command('define <key>')
    .description('create or change a custom field (key: a-z, 0-9, _)')
    .requiredOption('--label <label>', 'what people see, e.g. 肤质')
    .requiredOption('--type <type>', FIELD_TYPES.join(' | '))
    .option('--options <a|b|c>', 'the choices of a single or multi choice field, separated by |')
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli')
    .option('--json', 'print as JSON')
    .action(async (key: string, opts: { label: string; type: string; options?: string; by: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      if (!(FIELD_TYPES as readonly string[]).includes(opts.type)) throw new SiyuError('bad_request', `--type "${opts.type}" is not one of ${FIELD_TYPES.join(', ')}`);
      await ctx.withStore('record fields define', async (db) => {
        const f = await defineField(db, ws, { key, label: opts.label, type: opts.type as FieldType, options: opts.options?.split('|') }, staff(opts.by));
        ctx.print(opts, f, `field ${f.key} (${f.label}, ${f.type}) saved`);
      });
    });
  fields
    .command('remove <key>')
    .description('remove a custom field and every customer\'s value of it')
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli')
    .option('--json', 'print as JSON')
    .action(async (key: string, opts: { by: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('record fields remove', async (db) => {
        const r = await removeField(db, ws, key, staff(opts.by));
        ctx.print(opts, r, `field ${r.key} removed with ${r.valuesRemoved} customers' values`);
      });
    });

  const followups = program.command('followups').description('the follow-up log (跟进记录): what a staff member did with a customer, and when to follow up next');
  followups
    .command('list <customerId>')
    .description('a customer\'s follow-ups, newest first')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('followups list', async (db) => {
        const tz = (await requireWorkspace(db, ws)).timeZone;
        const list = await listFollowups(db, ws, positiveInt(id, 'customer id'));
        ctx.print(opts, list, list.map((f) => `${formatLocal(tz, f.createdAt)}  ${f.staffId}  ${f.type}  ${f.note}${f.nextOn ? `  → next ${f.nextOn} (task #${f.task?.taskId ?? '-'} ${f.task?.status ?? ''})` : ''}`).join('\n') || '(no follow-ups)');
      });
    });
  followups
    .command('add <customerId>')
    .description('log a follow-up; --next makes one task due that day at 10:00')
    .requiredOption('--type <type>', FOLLOWUP_TYPES.join(' | '))
    .requiredOption('--note <text>', 'what happened')
    .option('--next <date>', 'next follow-up day, YYYY-MM-DD')
    .option('--staff <userid>', 'who followed up (default the customer\'s owner)')
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { type: string; note: string; next?: string; staff?: string; by: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('followups add', async (db) => {
        const tz = (await requireWorkspace(db, ws)).timeZone;
        const now = Date.now();
        const f = await addFollowup(db, ws, positiveInt(id, 'customer id'), { type: opts.type as FollowupType, note: opts.note, nextOn: opts.next, staffId: opts.staff },
          { actor: staff(opts.by), now, today: localDate(tz, now) });
        ctx.print(opts, f, `follow-up #${f.followupId} logged${f.task ? `; task #${f.task.taskId} due ${formatLocal(tz, f.task.dueAt)}` : ''}`);
      });
    });
}
