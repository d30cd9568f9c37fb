/**
 * The console's API types, generated from the server's own OpenAPI document:
 *   npm run gen:api          writes web/src/api/schema.d.ts
 *   npm run gen:api:check    fails when the file is not what the server describes now
 * The document comes from the app in-process (no server, no database): a changed response
 * shape changes this file, and the console's typecheck then names every screen it breaks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createApp } from '../../src/http/app.ts';
import type { Db } from '../../src/store/db.ts';

const OUT = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));

// The document is built from the route schemas; nothing reads the store to answer it.
const noStore = new Proxy({}, { get: (_, k) => { throw new Error(`the OpenAPI document must not need the store (db.${String(k)})`); } }) as Db;
const res = await createApp({ db: noStore }).request('/openapi.json');
if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}: ${await res.text()}`);
const doc = (await res.json()) as OpenAPI3;
const body = astToString(await openapiTS(doc, { alphabetize: true }));
const text = `/**\n * Generated from the server's /openapi.json by web/scripts/gen-api.ts (npm run gen:api). Do not edit.\n */\n\n${body}`;

if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(OUT, 'utf8'); } catch { /* missing counts as stale */ }
  if (current !== text) {
    console.error(`${OUT} is not what the server describes now: run "npm run gen:api" and commit it`);
    process.exit(1);
  }
  console.log('web/src/api/schema.d.ts matches the server');
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}`);
}
