import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkName, parseExpiry, parseTagPath, parseTagRef } from './names.ts';

test('names are trimmed, and "/", "|", control characters and empty names are refused', () => {
  const cases: [string, string | null][] = [
    ['  客户首单 ', '客户首单'],
    ['VIP 客户', 'VIP 客户'],
    ['', null],
    ['   ', null],
    ['a/b', null],
    ['a|b', null],
    ['tab\there', null],
    ['x'.repeat(64), 'x'.repeat(64)],
    ['x'.repeat(65), null],
  ];
  for (const [input, expected] of cases) {
    const c = checkName('tag', input);
    assert.equal(c.ok ? c.name : null, expected, JSON.stringify(input));
  }
});

test('a tag reference is "group/tag" or a tag id', () => {
  const cases: [string | number, string][] = [
    ['会员等级/金卡', 'path 会员等级 金卡'],
    [' 会员等级 / 金卡 ', 'path 会员等级 金卡'],
    ['42', 'id 42'],
    [42, 'id 42'],
    ['金卡', 'error'],
    ['a/b/c', 'error'],
    ['/金卡', 'error'],
    ['会员等级/', 'error'],
    [0, 'error'],
  ];
  for (const [input, expected] of cases) {
    const r = parseTagRef(input);
    const got = !r.ok ? 'error' : r.ref.kind === 'id' ? `id ${r.ref.tagId}` : `path ${r.ref.group} ${r.ref.tag}`;
    assert.equal(got, expected, String(input));
  }
  const noId = parseTagPath('42');
  assert.equal(noId.ok, false);
  if (!noId.ok) assert.match(noId.reason, /group\/tag/);
});

test('an expiry date is the last day the tag holds, in the workspace time zone', () => {
  const cases: [string, string, string | null][] = [
    ['2026-12-31', 'Asia/Shanghai', '2026-12-31T16:00:00.000Z'],
    ['2026-12-31', 'UTC', '2027-01-01T00:00:00.000Z'],
    ['2026-02-28', 'UTC', '2026-03-01T00:00:00.000Z'],
    ['2026-12-31T12:00:00+08:00', 'UTC', '2026-12-31T04:00:00.000Z'],
    ['2026-02-30', 'UTC', null],
    ['soon', 'UTC', null],
  ];
  for (const [text, tz, expected] of cases) {
    const r = parseExpiry(text, tz);
    assert.equal(r.ok ? r.expiresAt.toISOString() : null, expected, `${text} ${tz}`);
  }
});
