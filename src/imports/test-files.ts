/** Small files for the import tests, written into a temporary directory. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface TempFiles {
  dir: string;
  write(name: string, content: string | Buffer): string;
  /** The error report's rows as [line, column, value, reason]. */
  report(path: string): string[][];
  remove(): void;
}

export function tempFiles(): TempFiles {
  const dir = mkdtempSync(join(tmpdir(), 'siyu-import-'));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    report(path) {
      const rows = parse(readFileSync(path), { bom: true }) as string[][];
      return rows.slice(1);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
