/**
 * Names and references in the tag taxonomy. Pure: no store, no clock.
 *
 * A tag is written "group/tag" (group names are unique per workspace, tag names per
 * group), so neither may contain "/". Imports separate several tags with "|", so that
 * is reserved too.
 */
import { parseTimestamp } from '../shared/time.ts';

export type NameKind = 'category' | 'group' | 'tag' | 'alias';

export const MAX_NAME_LENGTH = 64;

export type Checked = { ok: true; name: string } | { ok: false; reason: string };

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Trim and validate a category, group, tag or alias name. */
export function checkName(kind: NameKind, raw: string): Checked {
  const name = raw.normalize('NFC').trim();
  if (name === '') return { ok: false, reason: `a ${kind} name must not be empty` };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, reason: `${kind} name "${name.slice(0, 20)}…" is longer than ${MAX_NAME_LENGTH} characters` };
  if (name.includes('/')) return { ok: false, reason: `${kind} name "${name}" must not contain "/" (it separates group and tag in a path)` };
  if (name.includes('|')) return { ok: false, reason: `${kind} name "${name}" must not contain "|" (it separates tags in import files)` };
  if (CONTROL.test(name)) return { ok: false, reason: `${kind} name "${JSON.stringify(name)}" must not contain control characters` };
  return { ok: true, name };
}

/** A reference to a tag as people and scripts write it: "group/tag", or the tag's id. */
export type TagRef = { kind: 'id'; tagId: number } | { kind: 'path'; group: string; tag: string };

export type ParsedRef = { ok: true; ref: TagRef } | { ok: false; reason: string };

const DIGITS = /^\d{1,15}$/;

export function parseTagRef(input: string | number): ParsedRef {
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) && input > 0
      ? { ok: true, ref: { kind: 'id', tagId: input } }
      : { ok: false, reason: `${input} is not a tag id` };
  }
  const text = input.trim();
  if (DIGITS.test(text)) return { ok: true, ref: { kind: 'id', tagId: Number(text) } };
  return parseTagPath(text);
}

/** Only the "group/tag" form (imports name tags by path, never by id). */
export function parseTagPath(input: string): ParsedRef {
  const parts = input.split('/');
  if (parts.length !== 2) {
    return { ok: false, reason: `"${input}" is not a tag path: write it as group/tag, e.g. 会员等级/金卡` };
  }
  const group = checkName('group', parts[0]!);
  if (!group.ok) return { ok: false, reason: `"${input}": ${group.reason}` };
  const tag = checkName('tag', parts[1]!);
  if (!tag.ok) return { ok: false, reason: `"${input}": ${tag.reason}` };
  return { ok: true, ref: { kind: 'path', group: group.name, tag: tag.name } };
}

export const tagPath = (group: string, tag: string): string => `${group}/${tag}`;

export const describeRef = (ref: TagRef): string => (ref.kind === 'id' ? `tag ${ref.tagId}` : `"${tagPath(ref.group, ref.tag)}"`);

const BARE_DATE = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/;

export type ParsedExpiry = { ok: true; expiresAt: Date } | { ok: false; reason: string };

/**
 * When a tag given "until 2026-12-31" stops holding. A bare date is the last day the tag
 * holds, in the workspace time zone, so the tag expires at the start of the next day;
 * a date-time is the exact moment.
 */
export function parseExpiry(text: string, timeZone: string): ParsedExpiry {
  const t = text.trim();
  const parsed = parseTimestamp(t, timeZone);
  if (!parsed.ok) return { ok: false, reason: `expiry ${parsed.reason}` };
  if (!BARE_DATE.test(t)) return { ok: true, expiresAt: new Date(parsed.instant) };
  const [y, m, d] = t.split(/[-/]/).map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const again = parseTimestamp(`${next.getUTCFullYear()}-${next.getUTCMonth() + 1}-${next.getUTCDate()}`, timeZone);
  if (!again.ok) return { ok: false, reason: `expiry ${again.reason}` };
  return { ok: true, expiresAt: new Date(again.instant) };
}
