/**
 * The pure core of the material library: what a file really is (from its bytes, never its
 * name), how large each kind may be, what WeCom attachment an item becomes, when a WeCom
 * media_id must be uploaded again, and how an item reads for one customer. No I/O, no clock.
 */
import { SiyuError } from '../shared/errors.ts';

export const MATERIAL_KINDS = ['text', 'image', 'link', 'miniprogram', 'file'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export type SniffedType = 'image/jpeg' | 'image/png' | 'application/pdf' | 'application/zip' | 'video/mp4' | 'text/plain';

/**
 * Limits follow WeCom's media/upload (spec §4.11, doc 90253): more than 5 bytes; images
 * ≤10 MB JPG/PNG; files ≤20 MB. "MB" is read as 10^6 bytes, the smaller reading, so a
 * file we accept is never one WeCom refuses.
 */
export const MIN_FILE_BYTES = 6;
export const MAX_IMAGE_BYTES = 10_000_000;
export const MAX_FILE_BYTES = 20_000_000;
/** A cover (link or mini-program picture) goes through media/upload as an image. */
export const MAX_COVER_BYTES = MAX_IMAGE_BYTES;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The type of a file from its first bytes; null when it is none we accept. */
export function sniff(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip'; // also docx/xlsx/pptx
  if (startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return 'video/mp4'; // ....ftyp
  if (isPlainText(bytes)) return 'text/plain';
  return null;
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
    return true;
  } catch {
    return false;
  }
}

const EXTENSIONS: Record<SniffedType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
  'application/zip': ['zip', 'docx', 'xlsx', 'pptx'],
  'video/mp4': ['mp4'],
  'text/plain': ['txt', 'csv', 'md'],
};

export const isImage = (mime: string): boolean => mime === 'image/jpeg' || mime === 'image/png';

export interface FileCheck {
  mime: SniffedType;
  size: number;
}

/**
 * Whether `bytes` may be stored as a library file named `filename`: its content must be a
 * type we know, its name's extension must agree with the content, and it must fit the limit.
 */
export function checkFile(filename: string, bytes: Uint8Array): FileCheck {
  const name = filename.trim();
  if (!name || name.length > 200 || /[/\\\0]/.test(name)) {
    throw new SiyuError('validation_failed', `filename: expected a plain file name of 1–200 characters without "/" or "\\" (got "${name.slice(0, 60)}")`);
  }
  if (bytes.length < MIN_FILE_BYTES) {
    throw new SiyuError('validation_failed', `${name}: the file has ${bytes.length} bytes; WeCom accepts only files larger than 5 bytes`);
  }
  const mime = sniff(bytes);
  if (!mime) {
    throw new SiyuError('unsupported_media_type', `${name}: the content is not a JPG or PNG image, PDF, Office/zip document, MP4 video or UTF-8 text`);
  }
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  if (ext && !EXTENSIONS[mime].includes(ext)) {
    throw new SiyuError('unsupported_media_type', `${name}: the name says .${ext} but the content is ${mime} (expected .${EXTENSIONS[mime].join(' / .')})`);
  }
  const limit = isImage(mime) ? MAX_IMAGE_BYTES : MAX_FILE_BYTES;
  if (bytes.length > limit) {
    throw new SiyuError('payload_too_large',
      `${name}: ${formatBytes(bytes.length)} is over the ${formatBytes(limit)} limit for ${isImage(mime) ? 'images' : 'files'} (WeCom's own limit)`,
      { limitBytes: limit, sizeBytes: bytes.length });
  }
  return { mime, size: bytes.length };
}

export const formatBytes = (n: number): string => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : n >= 1000 ? `${(n / 1000).toFixed(1)} KB` : `${n} B`);

// ---------------------------------------------------------------- items

export interface MaterialDraft {
  kind: MaterialKind;
  title: string;
  text?: string | undefined;
  url?: string | undefined;
  description?: string | undefined;
  appid?: string | undefined;
  page?: string | undefined;
  fileId?: number | undefined;
  coverFileId?: number | undefined;
}

export interface FileFacts {
  mime: string;
}

const bytesOf = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * What each kind needs, with WeCom's byte limits (spec §4.15): link title ≤128, desc ≤512,
 * url ≤2,048; mini-program title ≤64; text ≤4,000. Returns every problem, field by field.
 */
export function materialProblems(d: MaterialDraft, files: ReadonlyMap<number, FileFacts>): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const need = (path: keyof MaterialDraft, why: string) => {
    if (d[path] === undefined || d[path] === '') out.push({ path, message: `required for a ${d.kind} item (${why})` });
  };
  const unwanted = (paths: (keyof MaterialDraft)[]) => {
    for (const p of paths) if (d[p] !== undefined) out.push({ path: p, message: `not used by a ${d.kind} item` });
  };
  const maxBytes = (path: keyof MaterialDraft, max: number) => {
    const v = d[path];
    if (typeof v === 'string' && bytesOf(v) > max) out.push({ path, message: `${bytesOf(v)} bytes, WeCom takes at most ${max}` });
  };
  const file = (path: 'fileId' | 'coverFileId', image: boolean) => {
    const id = d[path];
    if (id === undefined) return;
    const f = files.get(id);
    if (!f) out.push({ path, message: `no stored file ${id}` });
    else if (image && !isImage(f.mime)) out.push({ path, message: `file ${id} is ${f.mime}, not a JPG or PNG image` });
  };
  switch (d.kind) {
    case 'text':
      need('text', 'the words sent');
      maxBytes('text', 4000);
      unwanted(['url', 'description', 'appid', 'page', 'fileId', 'coverFileId']);
      break;
    case 'image':
      need('fileId', 'the picture');
      file('fileId', true);
      unwanted(['url', 'description', 'appid', 'page', 'coverFileId']);
      break;
    case 'link':
      need('url', 'where it leads');
      if (d.url && !/^https?:\/\/\S+$/i.test(d.url)) out.push({ path: 'url', message: 'expected an http(s) URL' });
      maxBytes('url', 2048);
      maxBytes('title', 128);
      maxBytes('description', 512);
      file('coverFileId', true);
      unwanted(['appid', 'page', 'fileId']);
      break;
    case 'miniprogram':
      need('appid', 'the mini-program, associated with the corp');
      need('page', 'the page path it opens');
      need('coverFileId', 'WeCom requires pic_media_id');
      if (d.appid && !/^wx[0-9a-f]{16}$/i.test(d.appid)) out.push({ path: 'appid', message: 'expected a mini-program appid: "wx" and 16 hex digits' });
      maxBytes('title', 64);
      file('coverFileId', true);
      unwanted(['url', 'description', 'fileId']);
      break;
    case 'file':
      need('fileId', 'the document');
      file('fileId', false);
      unwanted(['url', 'description', 'appid', 'page', 'coverFileId']);
      break;
  }
  if (d.text !== undefined && d.kind !== 'text' && bytesOf(d.text) > 4000) out.push({ path: 'text', message: `${bytesOf(d.text)} bytes, WeCom takes at most 4000` });
  return out;
}

// ---------------------------------------------------------------- WeCom

/** media_ids live three days (spec §4.11); one is re-uploaded an hour before, so no send meets an expired one. */
export const MEDIA_LIFETIME_MS = 3 * 86_400_000;
const MEDIA_MARGIN_MS = 3_600_000;

export const mediaUsable = (expiresAt: number | null | undefined, now: number): boolean =>
  expiresAt !== null && expiresAt !== undefined && expiresAt - MEDIA_MARGIN_MS > now;

export interface SendableMaterial {
  kind: MaterialKind;
  title: string;
  text: string | null;
  url: string | null;
  description: string | null;
  appid: string | null;
  page: string | null;
}

/**
 * The attachment of add_msg_template / send_welcome_msg (spec §4.5, §4.15) an item becomes,
 * given the media_ids of its file and cover; null for text, which goes in text.content.
 */
export function messageAttachment(m: SendableMaterial, media: { file?: string; cover?: string }): Record<string, unknown> | null {
  switch (m.kind) {
    case 'text':
      return null;
    case 'image':
      return { msgtype: 'image', image: { media_id: need(media.file, m) } };
    case 'file':
      return { msgtype: 'file', file: { media_id: need(media.file, m) } };
    case 'link':
      // link.picurl takes a URL, not a media_id: WeCom shows a link without a picture otherwise.
      return { msgtype: 'link', link: { title: m.title, url: m.url, ...(m.description ? { desc: m.description } : {}) } };
    case 'miniprogram':
      return { msgtype: 'miniprogram', miniprogram: { title: m.title, pic_media_id: need(media.cover, m), appid: m.appid, page: m.page } };
  }
}

/** The attachments of add_moment_task (spec §4.6): images, or one link whose picture is an upload_attachment id. */
export function momentAttachment(m: SendableMaterial, media: { file?: string; cover?: string }): Record<string, unknown> | null {
  switch (m.kind) {
    case 'text':
      return null;
    case 'image':
      return { msgtype: 'image', image: { media_id: need(media.file, m) } };
    case 'link':
      return { msgtype: 'link', link: { title: m.title, url: m.url, media_id: need(media.cover, m) } };
    default:
      throw new SiyuError('validation_failed', `"${m.title}" is a ${m.kind} item: Moments take text, images or a link (WeCom add_moment_task)`);
  }
}

function need(id: string | undefined, m: SendableMaterial): string {
  if (!id) throw new SiyuError('validation_failed', `"${m.title}" (${m.kind}) has no picture to upload to WeCom`);
  return id;
}

// ---------------------------------------------------------------- preview

export const PREVIEW_VARIABLES = ['name', 'staff'] as const;

/** `{name}` and `{staff}` filled in for one customer; unknown variables are listed, not guessed. */
export function renderPreview(text: string, vars: { name: string | null; staff: string | null }): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const out = text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, v: string) => {
    if (v === 'name') return vars.name || '亲';
    if (v === 'staff') return vars.staff || '';
    unknown.add(v);
    return whole;
  });
  return { text: out, unknown: [...unknown] };
}
