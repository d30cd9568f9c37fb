import type { Command } from 'commander';
import { SiyuError } from '../shared/errors.ts';
import {
  FakeWecom, collectMassMessageResults, createContactWay, deliverMassMessages, processWecomInbox, pushRemarks, sendTasksToWecom, collectTaskResults, pushTagChanges, reconcileWecom,
  secretKeyFile, setWecomConfig, showWecomConfig, syncWecom, transferCustomers, type ReconcileReport,
} from '../wecom/index.ts';
import type { CliContext } from './context.ts';

interface JsonOpt {
  json?: boolean;
}

function describeReport(r: ReconcileReport): string {
  const list = (xs: string[]) => (xs.length === 0 ? '' : `: ${xs.slice(0, 10).join(', ')}${xs.length > 10 ? ', …' : ''}`);
  return [
    `${r.kind} #${r.runId} done in ${r.seconds} s — ${r.followUsers} follow users, ${r.contacts} contacts in WeCom`,
    `  contacts added (missed in Siyu): ${r.contactsAdded.length}${list(r.contactsAdded)}`,
    `  contacts removed (gone from WeCom): ${r.contactsRemoved.length}${list(r.contactsRemoved)}`,
    `  customer tags added / removed: ${r.tagsAdded.length} / ${r.tagsRemoved.length}${list([...r.tagsAdded, ...r.tagsRemoved])}`,
    `  taxonomy: ${r.taxonomy.groupsCreated.length} groups and ${r.taxonomy.tagsCreated.length} tags from WeCom, ${r.taxonomy.pushed.length} tags to WeCom, ` +
      `${r.taxonomy.renamed.length} renamed, ${r.taxonomy.deleted.length} deleted, ${r.taxonomy.adopted.length} matched by name`,
    ...(r.taxonomy.skipped.length ? [`  skipped${list(r.taxonomy.skipped)}`] : []),
    `  customer groups: ${r.groups.synced} (${r.groups.events} join/leave events); tag pushes: ${r.pushed.pushed} done, ${r.pushed.failed} failed`,
  ].join('\n');
}

export function registerWecomCommands(program: Command, ctx: CliContext): void {
  const wecom = program.command('wecom').description('WeCom (企业微信): configuration, sync, reconciliation, channel codes, the fake server');

  wecom
    .command('config')
    .description(`set the WeCom app of this workspace (secrets are sealed with SIYU_SECRET_KEY or the key file ${secretKeyFile()})`)
    .requiredOption('--corp-id <id>', 'CorpID (企业ID)')
    .requiredOption('--token <token>', 'callback Token')
    .requiredOption('--aes-key <key>', 'callback EncodingAESKey (43 characters)')
    .requiredOption('--secret <secret>', 'the customer-contact (客户联系) secret or the app secret')
    .option('--api-base <url>', 'WeCom API base URL (default https://qyapi.weixin.qq.com/cgi-bin/; point it at "siyu wecom fake")')
    .option('--welcome <text>', 'welcome message sent to every new contact ({name} = the contact)')
    .option('--json', 'print as JSON')
    .action(async (opts: { corpId: string; token: string; aesKey: string; secret: string; apiBase?: string; welcome?: string } & JsonOpt, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('wecom config', async (db) => {
        await ctx.ensureWorkspace(db, ws);
        const view = await setWecomConfig(db, ws, { corpId: opts.corpId, token: opts.token, aesKey: opts.aesKey, secret: opts.secret, apiBase: opts.apiBase, welcomeMessage: opts.welcome });
        ctx.print(opts, view, `WeCom configured for workspace "${ws}" (corp ${view.corpId}, API ${view.apiBase}).\nCallback URL: <your server>${view.callbackPath}`);
      });
    });

  wecom
    .command('show')
    .description('the WeCom configuration, secrets masked')
    .option('--json', 'print as JSON')
    .action(async (opts: JsonOpt, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('wecom show', async (db) => {
        const view = await showWecomConfig(db, ws);
        if (!view) throw new SiyuError('not_found', `WeCom is not configured for workspace "${ws}"`);
        ctx.print(opts, view, Object.entries(view).map(([k, v]) => `${k.padEnd(13)}${v}`).join('\n'));
      });
    });

  for (const [name, fn, what] of [
    ['sync', syncWecom, 'full sync: tags both ways, all contacts of all follow users, customer groups, pending tag pushes'],
    ['reconcile', reconcileWecom, "compare WeCom's contacts and tags with Siyu's and repair drift (missed callbacks)"],
  ] as const) {
    wecom
      .command(name)
      .description(what)
      .option('--json', 'print as JSON')
      .action(async (opts: JsonOpt, cmd: Command) => {
        const ws = ctx.workspaceOf(cmd);
        await ctx.withStore(`wecom ${name}`, async (db) => {
          const r = await fn(db, ws);
          ctx.print(opts, r, describeReport(r));
        });
      });
  }

  wecom
    .command('process')
    .description('process stored callbacks now, push pending tag changes and remark edits, deliver due mass messages and read their results')
    .option('--json', 'print as JSON')
    .action(async (opts: JsonOpt, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('wecom process', async (db) => {
        const inbox = await processWecomInbox(db, { workspaceId: ws });
        const tags = await pushTagChanges(db, ws);
        const remarks = await pushRemarks(db, ws);
        const delivered = await deliverMassMessages(db, ws);
        const results = await collectMassMessageResults(db, ws);
        const taskResults = await collectTaskResults(db, ws);
        const r = { inbox, tags, remarks, delivered, results, taskResults };
        ctx.print(opts, r, `callbacks processed ${inbox.processed} (failed ${inbox.failed}, retrying ${inbox.retried}); tag pushes ${tags.pushed}; ` +
          `remarks written ${remarks.pushed} (refused ${remarks.failed.length}); ` +
          `mass messages created ${delivered.created.length}; results: ${results.sent} sent, ${results.failed} failed, ${results.waiting} waiting; ` +
          `task results: ${taskResults.sent} sent, ${taskResults.failed} failed, ${taskResults.waiting} waiting`);
      });
    });

  wecom
    .command('send-tasks')
    .description('one-click delivery: pending private-chat tasks due today (SOP steps, rules, care, follow-ups) go to WeCom, one confirmation per staff member and text')
    .option('--staff <userid>', 'only this staff member\'s tasks')
    .option('--task <id...>', 'only these tasks')
    .option('--json', 'print as JSON')
    .action(async (opts: { staff?: string; task?: string[]; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('wecom send-tasks', async (db) => {
        const taskIds = opts.task?.map((t) => {
          const n = Number(t);
          if (!Number.isSafeInteger(n) || n <= 0) throw new SiyuError('bad_request', `--task "${t}" is not a task id`);
          return n;
        });
        const r = await sendTasksToWecom(db, ws, { staffId: opts.staff, taskIds });
        ctx.print(opts, r, r.sends.map((s) => `${s.staffId}: ${s.tasks} task(s) in one WeCom message (msgid ${s.msgid})${s.refused ? `, ${s.refused} refused by WeCom` : ''}`)
          .concat(r.failed.map((f) => `${f.staffId}: ${f.tasks} task(s) failed: ${f.error}`))
          .concat(r.notContacts ? [`${r.notContacts} task(s) left pending: the customer is not a WeCom contact`] : [])
          .concat(r.overMassCap ? [`${r.overMassCap} task(s) left pending: the customer already has today's WeCom mass messages`] : []).join('\n') || 'nothing to send');
      });
    });

  wecom
    .command('contact-way')
    .description('a 「联系我」 channel QR code for a staff member; customers who scan it arrive with this channel')
    .requiredOption('--channel <channel>', 'channel (the state, at most 30 characters)')
    .requiredOption('--staff <userid>', 'WeCom userid of the staff member')
    .option('--remark <text>', 'remark shown in WeCom')
    .option('--json', 'print as JSON')
    .action(async (opts: { channel: string; staff: string; remark?: string } & JsonOpt, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('wecom contact-way', async (db) => {
        const w = await createContactWay(db, ws, { channel: opts.channel, staffId: opts.staff, remark: opts.remark });
        ctx.print(opts, w, `channel "${w.channel}" for ${w.staffId}: config ${w.configId}${w.qrCode ? `\nQR code: ${w.qrCode}` : ''}`);
      });
    });

  wecom
    .command('transfer')
    .description("hand a staff member's customers to a colleague (离职继承; --active for 在职继承)")
    .requiredOption('--from <userid>', 'the leaving staff member')
    .requiredOption('--to <userid>', 'the taker')
    .option('--active', 'the staff member is still employed (在职继承)')
    .option('--json', 'print as JSON')
    .action(async (opts: { from: string; to: string; active?: boolean } & JsonOpt, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('wecom transfer', async (db) => {
        const r = await transferCustomers(db, ws, { from: opts.from, to: opts.to, resigned: !opts.active });
        ctx.print(opts, r, `${r.started.length} transfer(s) started, ${r.refused.length} refused; WeCom completes them within 24 h`);
      });
    });

  wecom
    .command('fake')
    .description('run a fake WeCom server for demos and tests (prints the values for "siyu wecom config")')
    .option('-p, --port <n>', 'port', '8700')
    .option('--callback <url>', "Siyu's callback URL, e.g. http://127.0.0.1:3000/api/v1/wecom/callback/default")
    .option('--users <list>', 'follow users (staff userids), comma-separated', 'zhangsan,lisi')
    .action(async (opts: { port: string; callback?: string; users: string }) => {
      const fake = new FakeWecom({ ...(opts.callback ? { callbackUrl: opts.callback } : {}) });
      for (const u of opts.users.split(',').map((s) => s.trim()).filter(Boolean)) fake.addUser(u);
      const url = await fake.start(Number(opts.port), '127.0.0.1');
      ctx.out(`Fake WeCom listening at ${url}`);
      ctx.out(`  siyu wecom config --corp-id ${fake.corpId} --token ${fake.token} --aes-key ${fake.aesKey} --secret ${fake.secret} --api-base ${url}`);
      ctx.out(`  follow users: ${[...fake.users].join(', ')}`);
      if (fake.callbackUrl) ctx.out(`  callbacks go to ${fake.callbackUrl}`);
      ctx.out(`  control: POST ${url.replace('/cgi-bin/', '')}/_fake/add {"externalUserId","userId","name","state"} sends an add callback;` +
        ' POST /_fake/confirm {"msgid"} confirms mass messages; GET /_fake/state; Ctrl-C stops');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await fake.stop();
    });
}
