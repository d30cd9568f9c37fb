/**
 * Encodings decided per file with a confidence, never guessed silently into garbage
 * (issue 10, finding 10): Latin-1 is not read as GBK, a UTF-8 file with one GBK row stays
 * UTF-8 and reports that row, and --encoding overrides the decision.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { formatSummary, importFile } from './index.ts';
import { guessEncoding, parseEncodingChoice } from './reading.ts';
import { tempFiles, type TempFiles } from './test-files.ts';

let store: TestStore;
let files: TempFiles;
const now = Date.parse('2026-12-01T00:00:00Z');

before(async () => {
  store = await openTestStore();
  files = tempFiles();
});
after(async () => {
  await store.close();
  files.remove();
});

test('the encoding is decided by rule: BOM, UTF-8 (even with a stray row), GBK Chinese, Latin-1 letters', () => {
  const cases: [string, Buffer, string][] = [
    ['utf-8', Buffer.from('name\n王芳\nJosé\n'), 'utf-8'],
    ['ascii', Buffer.from('name\nWang\n'), 'utf-8'],
    ['gbk', iconv.encode('name,city\n王芳,杭州\n冯雨慧,上海\n', 'gbk'), 'gbk'],
    ['latin-1', iconv.encode('name,city\nJosé Müller,Zürich\nFrançoise,Orléans\n', 'latin1'), 'windows-1252'],
    ['1252 only Müller', iconv.encode('name\nMüller\n', 'windows-1252'), 'windows-1252'],
    ['utf-8 with one gbk row', Buffer.concat([Buffer.from('name\n王芳\n冯雨慧\n李娜\n张伟\n'), iconv.encode('赵敏\n', 'gbk')]), 'utf-8'],
  ];
  for (const [name, bytes, expected] of cases) {
    const g = guessEncoding(bytes);
    assert.equal(g.encoding, expected, name);
    assert.ok(g.confidence > 0.5 && g.confidence <= 1, `${name}: ${g.confidence}`);
  }
  assert.throws(() => guessEncoding(Buffer.from([0x41, 0x81, 0x20, 0x8d, 0x0a, 0xff, 0x20])), /cannot tell the file's encoding.*--encoding/);
  assert.equal(parseEncodingChoice('CP1252'), 'windows-1252');
  assert.throws(() => parseEncodingChoice('ebcdic'), /not one of auto, utf-8/);
});

test('a Latin-1 customers file lands "José Müller", not "Jos� M黮ler"', async () => {
  const ws = 'enc-latin1';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const path = files.write('latin1.csv', iconv.encode('external_user_id,name\nwm-jose,José Müller\nwm-fr,Françoise Dürr\n', 'latin1'));
  const s = await importFile(store.db, { kind: 'customers', path, workspaceId: ws, now });
  assert.equal(s.encoding, 'windows-1252');
  assert.match(formatSummary(s), /Windows-1252 \/ Latin-1, detected with confidence \d+ %/);
  assert.deepEqual([s.rowsLanded, s.rowsRejected], [2, 0]);
  const names = await store.db.query<{ name: string }>(`SELECT name FROM customers WHERE workspace_id = $1 ORDER BY name`, [ws]);
  assert.deepEqual(names.map((n) => n.name), ['Françoise Dürr', 'José Müller']);
});

test('a UTF-8 file with one GBK row: the good rows land, the bad row is reported with its line', async () => {
  const ws = 'enc-mixed';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const path = files.write('mixed.csv', Buffer.concat([
    Buffer.from('external_user_id,name\nwm1,王芳\nwm2,冯雨慧\nwm3,李娜\nwm6,欧阳娜娜\nwm7,司马相如\n'),
    iconv.encode('wm4,赵敏\n', 'gbk'),
    Buffer.from('wm5,张伟\n'),
  ]));
  const s = await importFile(store.db, { kind: 'customers', path, workspaceId: ws, now });
  assert.equal(s.encoding, 'utf-8');
  assert.deepEqual([s.rowsRead, s.rowsLanded, s.rowsRejected], [7, 6, 1]);
  const [problem] = files.report(s.errorReport!);
  assert.deepEqual([problem![0], problem![1]], ['7', 'name']);
  assert.match(problem![3]!, /is not valid UTF-8 .*--encoding/);
  // Named explicitly, the same bytes read as GBK would garble the UTF-8 rows: they are reported, not landed.
  const gbk = await importFile(store.db, { kind: 'customers', path, workspaceId: 'enc-mixed', now, encoding: 'gbk' });
  assert.equal(gbk.encoding, 'gbk');
  assert.equal(gbk.encodingConfidence, 1);
});

test('NDJSON events: a line that does not decode is reported with its line; the rest land', async () => {
  const ws = 'enc-events';
  await ensureWorkspace(store.db, { workspaceId: ws });
  const line = (id: string, name: string) => `${JSON.stringify({ id, type: 'contact.added', occurredAt: '2026-11-20T10:00:00+08:00', customer: { externalUserId: `wm-${id}`, name } })}\n`;
  const path = files.write('events.ndjson', Buffer.concat([Buffer.from(line('e1', '王芳') + line('e2', '冯雨慧') + line('e3', '欧阳娜娜')), iconv.encode(line('e4', '赵敏'), 'gbk'), Buffer.from(line('e5', '张伟'))]));
  const s = await importFile(store.db, { kind: 'events', path, workspaceId: ws, now });
  assert.deepEqual([s.rowsRead, s.rowsLanded, s.rowsRejected], [5, 4, 1]);
  assert.equal(files.report(s.errorReport!)[0]![0], '4');
});
