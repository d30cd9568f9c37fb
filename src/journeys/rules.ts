/**
 * Journey decisions from plain data: checking a definition, which way a move goes, a new
 * stage order, board cursors. No store, no clock.
 */
import { checkName } from '../tags/index.ts';

export type Direction = 'entered' | 'forward' | 'back' | 'moved';

export interface StageDefinition {
  name: string;
  /** An AudienceFilter the customer must match to be moved in (unless forced). */
  entryFilter?: unknown;
}

export interface JourneyDefinition {
  name: string;
  ordered: boolean;
  description?: string | undefined;
  stages: StageDefinition[];
}

export const MAX_STAGES = 30;

export type Checked<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

/** Trim names, refuse empty, duplicate or unusable ones; every problem named by field. */
export function checkDefinition(def: JourneyDefinition): Checked<JourneyDefinition> {
  const reasons: string[] = [];
  const name = checkName('group', def.name);
  if (!name.ok) reasons.push(`name: ${name.reason}`);
  if (def.stages.length === 0) reasons.push('stages: a journey needs at least one stage');
  if (def.stages.length > MAX_STAGES) reasons.push(`stages: ${def.stages.length} stages; at most ${MAX_STAGES}`);
  const seen = new Set<string>();
  const stages: StageDefinition[] = [];
  def.stages.forEach((s, i) => {
    const n = checkName('tag', s.name);
    if (!n.ok) {
      reasons.push(`stages[${i}].name: ${n.reason}`);
      return;
    }
    if (seen.has(n.name)) reasons.push(`stages[${i}].name: "${n.name}" appears twice; stage names are unique in a journey`);
    seen.add(n.name);
    stages.push(s.entryFilter === undefined ? { name: n.name } : { name: n.name, entryFilter: s.entryFilter });
  });
  if (reasons.length > 0 || !name.ok) return { ok: false, reasons };
  return {
    ok: true,
    value: { name: name.name, ordered: def.ordered, ...(def.description !== undefined ? { description: def.description } : {}), stages },
  };
}

/** Which way a move goes. Unordered journeys have no forward; a first stage is an entry. */
export function directionOf(ordered: boolean, from: number | null, to: number): Direction {
  if (from === null) return 'entered';
  if (!ordered || from === to) return 'moved';
  return to > from ? 'forward' : 'back';
}

/**
 * The new order of a journey's stages: `order` must name every stage exactly once.
 * Returns the stage ids in their new order.
 */
export function planReorder(current: readonly { stageId: number; name: string }[], order: readonly (string | number)[]): Checked<number[]> {
  const byRef = (ref: string | number) =>
    current.find((s) => s.name === String(ref).trim()) ?? current.find((s) => s.stageId === Number(ref));
  const out: number[] = [];
  const reasons: string[] = [];
  order.forEach((ref, i) => {
    const s = byRef(ref);
    if (!s) reasons.push(`order[${i}]: "${ref}" is not a stage of this journey`);
    else if (out.includes(s.stageId)) reasons.push(`order[${i}]: "${s.name}" appears twice`);
    else out.push(s.stageId);
  });
  const missing = current.filter((s) => !out.includes(s.stageId));
  if (missing.length > 0) reasons.push(`order: must name every stage; missing ${missing.map((s) => `"${s.name}"`).join(', ')}`);
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, value: out };
}

/** Board cursor: the last card's entry time and customer id (newest first). */
export interface CardCursor {
  enteredAt: string;
  customerId: number;
}

export const encodeCursor = (c: CardCursor): string => Buffer.from(`${c.enteredAt}|${c.customerId}`, 'utf8').toString('base64url');

export function decodeCursor(text: string): CardCursor | undefined {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const [at, id] = raw.split('|');
  const customerId = Number(id);
  if (!at || Number.isNaN(Date.parse(at)) || !Number.isSafeInteger(customerId) || customerId <= 0) return undefined;
  return { enteredAt: at, customerId };
}

/** Share of `of` that converted, rounded to 4 places; null when nobody entered. */
export const ratio = (converted: number, of: number): number | null => (of === 0 ? null : Math.round((converted / of) * 10_000) / 10_000);
