/**
 * Reading import files as streams of text: encoding detection (UTF-8 with or without BOM,
 * else GBK), a byte count for progress, and CSV records or NDJSON lines with the line
 * number a person sees in an editor. Memory stays constant however long the file is.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, pipeline, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import iconv from 'iconv-lite';
import { parse, type CsvError } from 'csv-parse';
import { SiyuError } from '../shared/errors.ts';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

const SNIFF_BYTES = 64 * 1024;
/** A record longer than this is a quote that never closes, not data: stop instead of buffering the file. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface TextSource {
  encoding: FileEncoding;
  size: number;
  /** Raw bytes consumed so far (for progress). */
  bytesRead(): number;
  /** Decoded text; BOM included for UTF-8 (the consumers strip it). */
  stream: Readable;
}

/** Decide the encoding from the first bytes: a UTF-8 BOM, else valid UTF-8, else GBK. */
export function detectEncoding(head: Uint8Array): FileEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new SiyuError('validation_failed', 'the file is UTF-16; save it as UTF-8 (or GBK) and import again');
  }
  try {
    // Stream mode: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

/** `expected` completes the message for an empty file: "… is empty: expected <expected>". */
export async function openTextSource(path: string, expected: string): Promise<TextSource> {
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
  const encoding = detectEncoding(head);
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
  const decoder = encoding === 'gbk' ? (iconv.decodeStream('gb18030') as unknown as Transform) : utf8Decoder();
  const stream = pipeline(raw, counter, decoder, () => {
    // Errors surface through the last stream's iterator; nothing else to do here.
  });
  return { encoding, size, bytesRead: () => read, stream };
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
