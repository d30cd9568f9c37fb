import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  createMaterial, deleteMaterial, formatBytes, getMaterial, listMaterials, MATERIAL_KINDS, materialInputSchema, materialRef, previewMaterial,
  storeFile, type Material, type MaterialInput, type MaterialKind,
} from '../materials/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { CliContext } from './context.ts';

interface AddOpts {
  title: string;
  text?: string;
  url?: string;
  description?: string;
  appid?: string;
  page?: string;
  file?: string;
  cover?: string;
  tag?: string[];
  product?: string[];
  contentId?: string;
  by: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

const line = (m: Material) =>
  `#${m.materialId}  ${m.kind.padEnd(11)} ${m.title}  [${m.contentId}]${m.tags.length ? `  tags: ${m.tags.join(', ')}` : ''}`
  + `${m.file ? `  ${m.file.filename} (${formatBytes(m.file.sizeBytes)})` : ''}`;

export function registerMaterialCommands(program: Command, ctx: CliContext): void {
  const materials = program
    .command('materials')
    .description('the material library (素材库): text, images, links, mini-programs and files that messages, SOP steps and Moments send')
    .addHelpText('after', '\nAn item is named by its number or its content id (the id view/share events carry as data.contentId).');

  materials
    .command('list')
    .description('items, newest change first')
    .option('--kind <kind>', `only one kind: ${MATERIAL_KINDS.join(', ')}`)
    .option('--tag <tag>', 'only items with this tag')
    .option('--search <words>', 'words of the title, or a content id')
    .option('--json', 'print as JSON')
    .action(async (opts: { kind?: string; tag?: string; search?: string; json?: boolean }, cmd: Command) => {
      if (opts.kind && !(MATERIAL_KINDS as readonly string[]).includes(opts.kind)) {
        throw new SiyuError('bad_request', `--kind: "${opts.kind}" is not one of ${MATERIAL_KINDS.join(', ')}`);
      }
      const r = await ctx.reading('materials list', cmd, (db, ws) => listMaterials(db, ws, { kind: opts.kind as MaterialKind | undefined, tag: opts.tag, q: opts.search }));
      ctx.print(opts, r, r.items.length === 0 ? '(no materials)' : [...r.items.map(line), `${r.total} item${r.total === 1 ? '' : 's'}`].join('\n'));
    });

  materials
    .command('show <item>')
    .description('one item')
    .option('--json', 'print as JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      const m = await ctx.reading('materials show', cmd, (db, ws) => getMaterial(db, ws, materialRef(ref)));
      const more = [m.text && `text: ${m.text}`, m.url && `url: ${m.url}`, m.description && `description: ${m.description}`,
        m.appid && `mini-program: ${m.appid} ${m.page}`, m.cover && `cover: ${m.cover.filename}`, m.productIds.length > 0 && `products: ${m.productIds.join(', ')}`];
      ctx.print(opts, m, [line(m), ...more.filter(Boolean).map((s) => `  ${s}`)].join('\n'));
    });

  materials
    .command('add <kind>')
    .description(`add an item: ${MATERIAL_KINDS.join(', ')}; --file and --cover read a file from disk into the store`)
    .requiredOption('--title <title>', 'the title (a link\'s or mini-program\'s card title)')
    .option('--text <text>', 'text: the words; other kinds: words sent with the item ({name} and {staff} are filled in)')
    .option('--url <url>', 'link: where it leads')
    .option('--description <text>', 'link: the card description')
    .option('--appid <appid>', 'mini-program: its appid (wx…)')
    .option('--page <path>', 'mini-program: the page it opens')
    .option('--file <path>', 'image or file: the file to store (JPG/PNG ≤10 MB; PDF, Office, MP4, text ≤20 MB)')
    .option('--cover <path>', 'link or mini-program: the cover picture (JPG/PNG)')
    .option('--tag <tag>', 'a tag (repeatable)', collect)
    .option('--product <id>', 'a product id it is about (repeatable)', collect)
    .option('--content-id <id>', 'the id view/share events refer to (default: generated)')
    .option('--by <staff>', 'who adds it', 'cli')
    .option('--json', 'print as JSON')
    .action(async (kind: string, opts: AddOpts, cmd: Command) => {
      const read = (path: string) => {
        try {
          return readFileSync(path);
        } catch (err) {
          throw new SiyuError('bad_request', `cannot read ${path}: ${(err as Error).message}`);
        }
      };
      const m = await ctx.writing('materials add', cmd, (db, ws) => db.transaction(async (tx) => {
        const now = new Date();
        const file = opts.file ? await storeFile(tx, ws, basename(opts.file), read(opts.file), now) : undefined;
        const cover = opts.cover ? await storeFile(tx, ws, basename(opts.cover), read(opts.cover), now) : undefined;
        const parsed = materialInputSchema.safeParse({
          kind, title: opts.title, text: opts.text, url: opts.url, description: opts.description, appid: opts.appid, page: opts.page,
          fileId: file?.fileId, coverFileId: cover?.fileId, tags: opts.tag, productIds: opts.product, contentId: opts.contentId,
        });
        if (!parsed.success) {
          throw new SiyuError('validation_failed', parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
        }
        return createMaterial(tx, ws, parsed.data as MaterialInput, { kind: 'staff', id: opts.by }, now);
      }));
      ctx.print(opts, m, `added ${line(m)}`);
    });

  materials
    .command('preview <item> <customer-id>')
    .description('the item as one real customer would get it: {name} and {staff} filled in')
    .option('--json', 'print as JSON')
    .action(async (ref: string, customerId: string, opts: { json?: boolean }, cmd: Command) => {
      const id = Number(customerId);
      if (!Number.isSafeInteger(id) || id <= 0) throw new SiyuError('bad_request', `customer id "${customerId}" is not a positive whole number`);
      const p = await ctx.reading('materials preview', cmd, (db, ws) => previewMaterial(db, ws, materialRef(ref), id, { kind: 'all' }));
      ctx.print(opts, p, [`to ${p.customerName ?? `customer ${p.customerId}`} from ${p.staffId ?? '(no staff)'}:`, `  ${p.title}`,
        ...(p.text ? [`  ${p.text}`] : []), ...(p.description ? [`  ${p.description}`] : []),
        ...(p.unknownVariables.length ? [`unknown variables left as written: ${p.unknownVariables.map((v) => `{${v}}`).join(' ')}`] : [])].join('\n'));
    });

  materials
    .command('delete <item>')
    .description('delete an item and its files (tasks already made keep their copy)')
    .option('--json', 'print as JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      const r = await ctx.writing('materials delete', cmd, (db, ws) => db.transaction((tx) => deleteMaterial(tx, ws, materialRef(ref))));
      ctx.print(opts, r, `deleted #${r.materialId} ${r.title}`);
    });
}
