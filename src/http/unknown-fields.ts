/**
 * Request bodies are strict: a field the schema does not know is refused (422, naming it), not
 * silently dropped — `expiresInDays` on a tag that has no expiry must not look accepted.
 *
 * Found by comparing the JSON a client sent with what its schema parsed it to: zod drops keys
 * an object schema does not declare, so a key that is in the input and missing from the parsed
 * object at the same place is unknown. Holds for every body schema at once, nested objects,
 * arrays and union branches included, without each route remembering `.strict()`. A field
 * the schema maps on purpose (defaults, `z.unknown()`, records) is kept, so never reported.
 */
const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

export function unknownFields(input: unknown, parsed: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(input) && Array.isArray(parsed) && input.length === parsed.length) {
    return input.flatMap((x, i) => unknownFields(x, parsed[i], [...path, i]));
  }
  if (!isPlain(input) || !isPlain(parsed)) return [];
  return Object.keys(input).flatMap((k) =>
    Object.hasOwn(parsed, k) ? unknownFields(input[k], parsed[k], [...path, k]) : [[...path, k]],
  );
}
