/**
 * Text that PostgreSQL can store. `text` and `jsonb` refuse NUL (U+0000), and a lone UTF-16
 * surrogate (\uD800 without its pair) is not a character at all: JSON.stringify writes it
 * as an escape that jsonb rejects, and text columns fail on encoding. Letting either reach
 * the database turns one bad value into a failed batch; checking here turns it into a
 * reason for that one item.
 *
 * Policy (README "Bad input"): such values are refused with their place and reason, never
 * stripped silently — identity fields must match byte for byte, and free text (names,
 * message bodies) that the sender thinks it delivered must not change behind its back.
 * Pure.
 */

/** Why a string cannot be stored, or undefined when it can. */
export function textProblem(s: string): string | undefined {
  const nul = s.indexOf('\u0000');
  if (nul >= 0) return `contains a NUL character (U+0000) at position ${nul + 1}`;
  if (!s.isWellFormed()) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = s.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
      } else if (!(c >= 0xdc00 && c <= 0xdfff)) continue;
      return `contains an unpaired surrogate (U+${c.toString(16).toUpperCase()}) at position ${i + 1}: not valid Unicode`;
    }
  }
  return undefined;
}

export interface TextFault {
  /** Where, as keys and indexes from the root ([] = the value itself). */
  path: (string | number)[];
  reason: string;
}

/**
 * The first string (value or object key) anywhere in a JSON value that cannot be stored.
 * Iterative, so a hostile nesting depth cannot overflow the stack.
 */
export function findTextFault(value: unknown): TextFault | undefined {
  // Each entry points at its parent, so the path is only built for the fault (no copying per level).
  interface Node { v: unknown; key: string | number | undefined; parent: Node | undefined }
  const pathOf = (n: Node | undefined): (string | number)[] => {
    const out: (string | number)[] = [];
    for (let at = n; at && at.key !== undefined; at = at.parent) out.push(at.key);
    return out.reverse();
  };
  const stack: Node[] = [{ v: value, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.v;
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) return { path: pathOf(node), reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: node });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const reason = textProblem(k);
        if (reason) return { path: [...pathOf(node), k], reason: `key ${reason}` };
        stack.push({ v: child, key: k, parent: node });
      }
    }
  }
  return undefined;
}

/** ["data", "items", 0, "sku"] → "data.items.0.sku", the dotted form intake reasons use. */
export const dottedPath = (path: readonly (string | number)[]): string => path.map(String).join('.');

export interface Utf8Scan {
  /** Byte offset of the first sequence that is not UTF-8, or -1. */
  firstInvalid: number;
  /** Sequences that are not UTF-8. */
  invalid: number;
  /** Well-formed multi-byte characters (evidence that the bytes are UTF-8 text). */
  multibyte: number;
}

/**
 * One linear pass over bytes, by the UTF-8 definition (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF). A sequence cut at the end counts as valid when
 * `partialEnd` (a sample cut from a longer file).
 */
export function scanUtf8(bytes: Uint8Array, partialEnd = false): Utf8Scan {
  const out: Utf8Scan = { firstInvalid: -1, invalid: 0, multibyte: 0 };
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    let ok = need > 0;
    let k = 1;
    for (; ok && k <= need; k++) {
      if (i + k >= n) {
        if (partialEnd) return out;
        ok = false;
        break;
      }
      const c = bytes[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) ok = false;
    }
    if (ok) {
      out.multibyte++;
      i += need + 1;
    } else {
      if (out.firstInvalid < 0) out.firstInvalid = i;
      out.invalid++;
      i++;
    }
  }
  return out;
}
