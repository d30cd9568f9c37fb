import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFile, materialProblems, mediaUsable, messageAttachment, momentAttachment, renderPreview, sniff, type MaterialDraft } from './content.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const PDF = new TextEncoder().encode('%PDF-1.7\n...');
const MP4 = new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
const bytes = (n: number, head: Uint8Array) => { const b = new Uint8Array(n); b.set(head); return b; };

test('a file is what its bytes say, not what its name says', () => {
  const cases: [Uint8Array, string | null][] = [
    [PNG, 'image/png'], [JPG, 'image/jpeg'], [PDF, 'application/pdf'], [MP4, 'video/mp4'],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0]), 'application/zip'], [new TextEncoder().encode('满199减30，仅限今天'), 'text/plain'],
    [EXE, null], [new Uint8Array([0xc3, 0x28, 0x41, 0x42, 0x43, 0x44]), null],
  ];
  for (const [b, want] of cases) assert.equal(sniff(b), want, String(want));
});

test('files: the name must agree with the content, and each kind has its limit', () => {
  assert.equal(checkFile('poster.png', PNG).mime, 'image/png');
  assert.equal(checkFile('说明书.pdf', PDF).mime, 'application/pdf');
  const refusals: [string, Uint8Array, RegExp][] = [
    ['poster.png', JPG, /name says \.png but the content is image\/jpeg/],
    ['tool.pdf', EXE, /not a JPG or PNG image, PDF/],
    ['tiny.txt', new TextEncoder().encode('hi'), /larger than 5 bytes/],
    ['big.png', bytes(10_000_001, PNG), /10\.0 MB is over the 10\.0 MB limit for images|over the 10.0 MB limit for images/],
    ['big.pdf', bytes(20_000_001, PDF), /limit for files/],
    ['a/b.png', PNG, /plain file name/],
  ];
  for (const [name, b, message] of refusals) assert.throws(() => checkFile(name, b), message, name);
  assert.equal(checkFile('ok.png', bytes(10_000_000, PNG)).size, 10_000_000);
});

test('each kind of item needs its own fields, within WeCom\'s byte limits', () => {
  const files = new Map([[1, { mime: 'image/png' }], [2, { mime: 'application/pdf' }]]);
  const cases: [MaterialDraft, string[]][] = [
    [{ kind: 'text', title: 't', text: '你好 {name}' }, []],
    [{ kind: 'text', title: 't' }, ['text']],
    [{ kind: 'image', title: 'i', fileId: 2 }, ['fileId']],
    [{ kind: 'image', title: 'i', fileId: 1 }, []],
    [{ kind: 'image', title: 'i', fileId: 9 }, ['fileId']],
    [{ kind: 'link', title: 'l', url: 'https://shop.example/p/1', description: 'd', coverFileId: 1 }, []],
    [{ kind: 'link', title: 'l', url: 'javascript:alert(1)' }, ['url']],
    [{ kind: 'link', title: 'x'.repeat(129), url: 'https://a.b' }, ['title']],
    [{ kind: 'miniprogram', title: '小程序', appid: 'wx0123456789abcdef', page: 'pages/index', coverFileId: 1 }, []],
    [{ kind: 'miniprogram', title: '小程序', appid: 'abc', page: 'pages/index' }, ['coverFileId', 'appid']],
    [{ kind: 'file', title: 'f', fileId: 2, url: 'https://a.b' }, ['url']],
  ];
  for (const [draft, paths] of cases) assert.deepEqual(materialProblems(draft, files).map((p) => p.path).sort(), paths.sort(), JSON.stringify(draft));
});

test('WeCom attachments: messages and Moments take different shapes', () => {
  const base = { text: null, url: null, description: null, appid: null, page: null };
  assert.deepEqual(messageAttachment({ ...base, kind: 'image', title: 'p' }, { file: 'M1' }), { msgtype: 'image', image: { media_id: 'M1' } });
  assert.deepEqual(messageAttachment({ ...base, kind: 'miniprogram', title: '商城', appid: 'wx1', page: 'p/i' }, { cover: 'C1' }),
    { msgtype: 'miniprogram', miniprogram: { title: '商城', pic_media_id: 'C1', appid: 'wx1', page: 'p/i' } });
  assert.deepEqual(messageAttachment({ ...base, kind: 'link', title: 'L', url: 'https://a.b', description: 'D' }, {}),
    { msgtype: 'link', link: { title: 'L', url: 'https://a.b', desc: 'D' } });
  assert.equal(messageAttachment({ ...base, kind: 'text', title: 't', text: 'x' }, {}), null);
  assert.deepEqual(momentAttachment({ ...base, kind: 'link', title: 'L', url: 'https://a.b' }, { cover: 'W1' }),
    { msgtype: 'link', link: { title: 'L', url: 'https://a.b', media_id: 'W1' } });
  assert.throws(() => momentAttachment({ ...base, kind: 'file', title: 'f' }, { file: 'x' }), /Moments take text, images or a link/);
  assert.throws(() => momentAttachment({ ...base, kind: 'link', title: 'L', url: 'https://a.b' }, {}), /no picture/);
});

test('a media_id is reused until an hour before its three days are up', () => {
  const t0 = Date.parse('2026-12-01T00:00:00Z');
  const expires = t0 + 3 * 86_400_000;
  const cases: [number | null, number, boolean][] = [
    [null, t0, false], [expires, t0, true], [expires, expires - 3_600_001, true], [expires, expires - 3_600_000, false], [expires, expires + 1, false],
  ];
  for (const [e, now, want] of cases) assert.equal(mediaUsable(e, now), want, `${e} at ${now}`);
});

test('{name} and {staff} are filled in for one customer; unknown variables are named, not guessed', () => {
  const cases: [string, { name: string | null; staff: string | null }, string, string[]][] = [
    ['{name}，您好，我是{staff}', { name: '王芳', staff: '张三' }, '王芳，您好，我是张三', []],
    ['{name}您好', { name: null, staff: null }, '亲您好', []],
    ['{coupon} 送您', { name: 'x', staff: null }, '{coupon} 送您', ['coupon']],
  ];
  for (const [text, vars, want, unknown] of cases) assert.deepEqual(renderPreview(text, vars), { text: want, unknown });
});
