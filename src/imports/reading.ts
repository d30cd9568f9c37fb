/**
 * Reading import files as streams of text: encoding detection (UTF-8 with or without BOM,
 * GBK or Windows-1252, or as the caller names it), a byte count for progress, and CSV records or NDJSON lines with the line
 * number a person sees in an editor. Memory stays constant however long the file is.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, pipeline, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import iconv from 'iconv-lite';
import { parse, type CsvError } from 'csv-parse';
import { SiyuError } from '../shared/errors.ts';
import { scanUtf8 } from '../shared/text.ts';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'windows-1252';
/** What --encoding accepts: a decision instead of the guess. */
export const ENCODING_CHOICES = ['auto', 'utf-8', 'gbk', 'gb18030', 'windows-1252', 'latin1'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];

export function parseEncodingChoice(text: string): EncodingChoice {
  const t = text.trim().toLowerCase().replace(/^utf8$/, 'utf-8').replace(/^(cp1252|win1252)$/, 'windows-1252').replace(/^(iso-8859-1|latin-1)$/, 'latin1');
  if (!(ENCODING_CHOICES as readonly string[]).includes(t)) {
    throw new SiyuError('bad_request', `encoding "${text}" is not one of ${ENCODING_CHOICES.join(', ')}`);
  }
  return t as EncodingChoice;
}

const SNIFF_BYTES = 64 * 1024;
/** A record longer than this is a quote that never closes, not data: stop instead of buffering the file. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface TextSource {
  encoding: FileEncoding;
  /** How sure the guess is (0–1); 1 when the caller named the encoding or a BOM did. */
  confidence: number;
  size: number;
  /** Raw bytes consumed so far (for progress). */
  bytesRead(): number;
  /** Decoded text; BOM included for UTF-8 (the consumers strip it). */
  stream: Readable;
}

export interface EncodingGuess {
  encoding: FileEncoding;
  confidence: number;
}

/** Windows-1252 leaves these five bytes undefined: a file holding them is not 1252 text. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * GBK evidence: byte pairs that decode (lead 0x81–0xFE, trail 0x40–0x7E / 0x80–0xFE), how many
 * of them are in the GB2312 zone where everyday Chinese lives (both bytes ≥ 0xA1), and
 * bytes that cannot be GBK at all. Latin-1 text fails here: "é " is a lead byte before a space.
 */
function scanGbk(bytes: Uint8Array, partialEnd: boolean): { pairs: number; common: number; invalid: number } {
  let pairs = 0;
  let common = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (b === 0x80 || b === 0xff) {
      invalid++;
      continue;
    }
    if (i + 1 >= bytes.length) {
      if (!partialEnd) invalid++;
      break;
    }
    const t = bytes[i + 1]!;
    if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) {
      pairs++;
      if (b >= 0xa1 && t >= 0xa1) common++;
      i++;
    } else invalid++;
  }
  return { pairs, common, invalid };
}

/**
 * Decide a file's encoding from its first bytes, with a confidence, by rule rather than by
 * guesswork: a BOM decides; UTF-8 that decodes wins (a UTF-8 file with a few bad rows stays
 * UTF-8, and those rows are reported, not the whole file re-read as GBK); otherwise GBK when
 * the bytes pair up as everyday Chinese, Windows-1252 (Latin-1) when they read as accented
 * Latin letters. When neither fits, the file is refused with a hint to name the encoding.
 */
export function guessEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', confidence: 1 };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new SiyuError('validation_failed', 'the file is UTF-16; save it as UTF-8 (or GBK) and import again');
  }
  // A multi-byte character cut at the end of the sample is not an error.
  const utf8 = scanUtf8(head, true);
  if (utf8.invalid === 0) return { encoding: 'utf-8', confidence: utf8.multibyte > 0 ? 1 : 0.99 };
  // Mostly well-formed UTF-8 with a few bad sequences: a UTF-8 file with a row pasted from elsewhere.
  // (GBK text forms a valid UTF-8 sequence by chance in under one character in ten, so in a
  // GBK file the bad sequences outnumber the good many times over.)
  if (utf8.multibyte >= 2 * utf8.invalid) return { encoding: 'utf-8', confidence: utf8.multibyte / (utf8.multibyte + utf8.invalid) };
  const gbk = scanGbk(head, true);
  const cp1252Bad = head.some((b) => CP1252_UNDEFINED.has(b));
  const commonShare = gbk.pairs === 0 ? 0 : gbk.common / gbk.pairs;
  if (gbk.invalid === 0 && commonShare >= 0.8) return { encoding: 'gbk', confidence: commonShare };
  if (!cp1252Bad) {
    const highBytes = head.reduce((n, b) => n + (b >= 0x80 ? 1 : 0), 0);
    return { encoding: 'windows-1252', confidence: gbk.invalid > 0 ? 1 - 1 / (2 + gbk.invalid + highBytes) : 0.6 + 0.3 * (1 - commonShare) };
  }
  if (gbk.invalid === 0) return { encoding: 'gbk', confidence: Math.max(0.5, commonShare) };
  throw new SiyuError('validation_failed',
    'cannot tell the file\'s encoding: it is not UTF-8, and reads neither as GBK nor as Windows-1252 (Latin-1); save it as UTF-8, or name the encoding with --encoding');
}

/** Decide the encoding from the first bytes: a UTF-8 BOM, UTF-8, GBK or Windows-1252 (see guessEncoding). */
export function detectEncoding(head: Uint8Array): FileEncoding {
  return guessEncoding(head).encoding;
}

/** `expected` completes the message for an empty file: "… is empty: expected <expected>". */
export async function openTextSource(path: string, expected: string, choice: EncodingChoice = 'auto'): Promise<TextSource> {
  let size: number;
  let head: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      size = (await fh.stat()).size;
      const buf = Buffer.alloc(Math.min(SNIFF_BYTES, size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new SiyuError('not_found', `cannot read ${path}: no such file`);
    if (e.code === 'EISDIR') throw new SiyuError('bad_request', `cannot read ${path}: it is a directory`);
    throw new SiyuError('bad_request', `cannot read ${path}: ${e.message}`);
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const { encoding, confidence }: EncodingGuess = choice === 'auto'
    ? guessEncoding(head)
    : { encoding: choice === 'utf-8' ? (bom ? 'utf-8-bom' : 'utf-8') : choice === 'gbk' || choice === 'gb18030' ? 'gbk' : 'windows-1252', confidence: 1 };
  const content = encoding === 'utf-8-bom' ? head.subarray(3) : head;
  if (content.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) && size <= SNIFF_BYTES) {
    throw new SiyuError('validation_failed', `${path} is empty: expected ${expected}`);
  }
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoder = encoding === 'gbk' ? (iconv.decodeStream('gb18030') as unknown as Transform)
    : encoding === 'windows-1252' ? (iconv.decodeStream('windows-1252') as unknown as Transform)
    : utf8Decoder();
  const stream = pipeline(raw, counter, decoder, () => {
    // Errors surface through the last stream's iterator; nothing else to do here.
  });
  return { encoding, confidence, size, bytesRead: () => read, stream };
}

function utf8Decoder(): Transform {
  const td = new TextDecoder('utf-8');
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      done(null, td.decode(chunk, { stream: true }));
    },
    flush(done) {
      const rest = td.decode();
      done(null, rest || undefined);
    },
  });
}

export interface CsvRecord {
  /** The line in the file where the record starts (1 = the header). */
  line: number;
  fields: string[];
}

export interface CsvSkip {
  line: number;
  reason: string;
}

function lineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * CSV records with their starting line. Broken records (an unclosed quote at the end)
 * are handed to onSkip and the rest keeps coming; a record past MAX_RECORD_BYTES stops
 * the file, because it means everything after an unclosed quote would be one field.
 */
export async function* csvRecords(text: Readable, onSkip: (s: CsvSkip) => void): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  let fatal: SiyuError | undefined;
  parser.on('skip', (err: CsvError & { lines?: number }) => {
    const line = err.lines ?? 0;
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      fatal = new SiyuError('validation_failed', `line ${line}: a record runs past ${MAX_RECORD_BYTES / 1024} KiB — probably a quote (") that is never closed`);
      parser.destroy(fatal);
      return;
    }
    onSkip({ line, reason: err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote (") opened on this line is never closed' : err.message });
  });
  const input = pipeline(text, parser, () => undefined);
  try {
    for await (const item of input as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let breaks = 0;
      for (const f of item.record) if (f.length > 0 && (f.includes('\n') || f.includes('\r'))) breaks += lineBreaks(f);
      yield { line: item.info.lines - breaks, fields: item.record };
    }
  } catch (err) {
    if (fatal) throw fatal;
    throw new SiyuError('validation_failed', `cannot read the file as CSV: ${(err as Error).message}`);
  }
  if (fatal) throw fatal;
}

/** Non-empty lines with their line numbers; the BOM of the first line is dropped. */
export async function* ndjsonLines(text: Readable): AsyncGenerator<{ line: number; text: string }> {
  const rl = createInterface({ input: text, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    const t = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (t.trim() === '') continue;
    yield { line: n, text: t };
  }
}
