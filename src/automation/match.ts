/**
 * Which rules a signal fires, decided from plain data: trigger predicates, the firing key
 * that makes a rule fire once per (customer, trigger), and the cascade guard (depth and
 * cycles). Pure: no I/O, the clock is a parameter.
 */
import type { CustomerDateField } from '../calendar/index.ts';
import type { FieldTest, Predicate, RuleDefinition } from './definition.ts';

export type SignalKind = 'event' | 'tag_added' | 'tag_removed' | 'model';

/** One change a rule may react to, as the signal triggers wrote it. */
export interface Signal {
  signalId: number;
  kind: SignalKind;
  /** Event type, tag id (as text) or model name. */
  key: string;
  customerId: number;
  /** What identifies the change: event id, tag id @ tagged-at, model history id. */
  ref: string;
  payload: Record<string, unknown>;
  at: number;
  /** How many rule applications led here (0: a change from outside automation). */
  depth: number;
  /** The rule ids that led here, in order. */
  chain: readonly number[];
}

/** A trigger with its tag paths resolved to ids (what signals carry). */
export type ResolvedTrigger =
  | { kind: 'event'; event: string; where?: Predicate | undefined }
  | { kind: 'model'; model: string; from?: readonly string[] | undefined; to?: readonly string[] | undefined }
  | { kind: 'tag'; on: 'added' | 'removed'; tagId: number }
  | { kind: 'elapsed'; tagId: number; days: number; withoutEvent?: string | undefined }
  | { kind: 'recurring'; tagId: number; everyDays: number }
  | { kind: 'date'; field: CustomerDateField; daysBefore: number; hour: number }
  | { kind: 'holiday'; holiday: string; daysBefore: number; hour: number };

export interface ActiveRule {
  ruleId: number;
  version: number;
  name: string;
  definition: RuleDefinition;
  trigger: ResolvedTrigger;
}

/** The trigger with tag paths resolved by `tagId` (which knows the taxonomy). */
export function resolveTrigger(def: RuleDefinition, tagId: (path: string) => number | undefined): ResolvedTrigger | undefined {
  const t = def.trigger;
  switch (t.kind) {
    case 'event': return { kind: 'event', event: t.event, where: t.where };
    case 'model': return { kind: 'model', model: t.model, from: t.from, to: t.to };
    case 'tagAdded': case 'tagRemoved': case 'stageEntered': case 'stageLeft': {
      const id = tagId('tag' in t ? t.tag : t.stage);
      if (id === undefined) return undefined;
      return { kind: 'tag', on: t.kind === 'tagAdded' || t.kind === 'stageEntered' ? 'added' : 'removed', tagId: id };
    }
    case 'elapsed': {
      const id = tagId(t.tag);
      return id === undefined ? undefined : { kind: 'elapsed', tagId: id, days: t.days, withoutEvent: t.withoutEvent };
    }
    case 'recurring': {
      const id = tagId(t.tag);
      return id === undefined ? undefined : { kind: 'recurring', tagId: id, everyDays: t.everyDays };
    }
    case 'date': return { kind: 'date', field: t.field, daysBefore: t.daysBefore, hour: t.hour };
    case 'holiday': return { kind: 'holiday', holiday: t.holiday, daysBefore: t.daysBefore, hour: t.hour };
  }
}

/** What the signal triggers listen to for this rule: (kind, key) rows of rule_triggers. */
export function listenKey(trigger: ResolvedTrigger): { kind: 'event' | 'tag' | 'model'; key: string } | undefined {
  switch (trigger.kind) {
    case 'event': return { kind: 'event', key: trigger.event };
    case 'model': return { kind: 'model', key: trigger.model };
    case 'tag': return { kind: 'tag', key: String(trigger.tagId) };
    case 'elapsed': case 'recurring': case 'date': case 'holiday': return undefined;
  }
}

// ---- predicates on event data ----

/** The values at a path; "a[].b" reads b of every element of the list a. */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const raw of path.split('.')) {
    const spread = raw.endsWith('[]');
    const name = spread ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
      const child = (v as Record<string, unknown>)[name];
      if (child === undefined || child === null) continue;
      if (spread) { if (Array.isArray(child)) next.push(...child); } else next.push(child);
    }
    current = next;
  }
  return current;
}

const same = (a: unknown, b: unknown) => a === b || (a !== null && b !== null && typeof a !== 'object' && typeof b !== 'object' && String(a) === String(b));
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
const holds = (v: unknown, needle: unknown) =>
  Array.isArray(v) ? v.some((x) => same(x, needle)) : typeof v === 'string' ? v.includes(String(needle)) : same(v, needle);

export interface EventView {
  data: Record<string, unknown>;
  staffId?: string | null | undefined;
  touchpoint?: string | null | undefined;
}

function fieldValues(view: EventView, field: string): unknown[] {
  if (field === '$staffId') return view.staffId == null ? [] : [view.staffId];
  if (field === '$touchpoint') return view.touchpoint == null ? [] : [view.touchpoint];
  return valuesAt(view.data, field);
}

function testField(t: FieldTest, view: EventView): boolean {
  const values = fieldValues(view, t.field);
  if (t.exists !== undefined) return (values.length > 0) === t.exists;
  const numeric = (cmp: (n: number) => boolean) => values.some((v) => { const n = num(v); return n !== undefined && cmp(n); });
  if (t.eq !== undefined) return values.some((v) => same(v, t.eq));
  if (t.in !== undefined) return values.some((v) => t.in!.some((x) => same(v, x)));
  if (t.contains !== undefined) return values.some((v) => holds(v, t.contains));
  if (t.containsAny !== undefined) return values.some((v) => t.containsAny!.some((x) => holds(v, x)));
  if (t.gt !== undefined) return numeric((n) => n > t.gt!);
  if (t.gte !== undefined) return numeric((n) => n >= t.gte!);
  if (t.lt !== undefined) return numeric((n) => n < t.lt!);
  if (t.lte !== undefined) return numeric((n) => n <= t.lte!);
  if (t.matches !== undefined) { const re = new RegExp(t.matches); return values.some((v) => typeof v !== 'object' && re.test(String(v))); }
  return false;
}

export function evaluatePredicate(p: Predicate, view: EventView): boolean {
  if ('all' in p) return p.all.every((q) => evaluatePredicate(q, view));
  if ('any' in p) return p.any.some((q) => evaluatePredicate(q, view));
  if ('not' in p) return !evaluatePredicate(p.not, view);
  return testField(p, view);
}

export function eventViewOf(payload: Record<string, unknown>): EventView {
  const data = payload.data && typeof payload.data === 'object' ? (payload.data as Record<string, unknown>) : {};
  return { data, staffId: payload.staffId as string | null | undefined, touchpoint: payload.touchpoint as string | null | undefined };
}

// ---- signals → firings ----

/** Whether a signal is one the rule's trigger fires on. */
export function triggerMatches(trigger: ResolvedTrigger, s: Signal): boolean {
  switch (trigger.kind) {
    case 'event':
      return s.kind === 'event' && s.key === trigger.event && (!trigger.where || evaluatePredicate(trigger.where, eventViewOf(s.payload)));
    case 'model': {
      if (s.kind !== 'model' || s.key !== trigger.model) return false;
      const from = s.payload.from as string | null, to = s.payload.to as string | null;
      return (!trigger.from || (from !== null && trigger.from.includes(from))) && (!trigger.to || (to !== null && trigger.to.includes(to)));
    }
    case 'tag':
      return s.kind === (trigger.on === 'added' ? 'tag_added' : 'tag_removed') && s.key === String(trigger.tagId);
    case 'elapsed': case 'recurring': case 'date': case 'holiday':
      return false;
  }
}

/** The once-only key of a firing: the same change never fires a rule twice for a customer. */
export function firingKey(s: Pick<Signal, 'kind' | 'ref'>): string {
  return `${s.kind}:${s.ref}`;
}

export const DEFAULT_MAX_DEPTH = 5;

export type Guard =
  | { fire: true }
  | { fire: false; status: 'cycle'; chain: number[] }
  | { fire: false; status: 'depth_exceeded'; chain: number[] };

/**
 * A cascade is bounded: a rule never fires on a change it caused itself (directly or
 * through other rules), and no chain grows beyond `maxDepth` rule applications.
 */
export function guardCascade(ruleId: number, s: Pick<Signal, 'depth' | 'chain'>, maxDepth = DEFAULT_MAX_DEPTH): Guard {
  if (s.chain.includes(ruleId)) return { fire: false, status: 'cycle', chain: [...s.chain, ruleId] };
  if (s.depth >= maxDepth) return { fire: false, status: 'depth_exceeded', chain: [...s.chain, ruleId] };
  return { fire: true };
}

export interface Firing {
  rule: ActiveRule;
  customerId: number;
  key: string;
  signal: Signal;
}

export interface Refusal {
  ruleId: number;
  customerId: number;
  status: 'cycle' | 'depth_exceeded';
  chain: number[];
  signalKind: SignalKind;
  ref: string;
}

/** Every (rule, customer) firing a batch of signals asks for, and the ones the guard refuses. */
export function planFirings(rules: readonly ActiveRule[], signals: readonly Signal[], maxDepth = DEFAULT_MAX_DEPTH): { firings: Firing[]; refused: Refusal[] } {
  const firings: Firing[] = [];
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  for (const s of signals) {
    for (const rule of rules) {
      if (!triggerMatches(rule.trigger, s)) continue;
      const g = guardCascade(rule.ruleId, s, maxDepth);
      if (!g.fire) {
        refused.push({ ruleId: rule.ruleId, customerId: s.customerId, status: g.status, chain: g.chain, signalKind: s.kind, ref: s.ref });
        continue;
      }
      const key = firingKey(s);
      const id = `${rule.ruleId}|${s.customerId}|${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      firings.push({ rule, customerId: s.customerId, key, signal: s });
    }
  }
  return { firings, refused };
}

/** Firings of one rule that share a cascade position are applied together, in one go. */
export function groupFirings(firings: readonly Firing[]): { rule: ActiveRule; depth: number; chain: number[]; firings: Firing[] }[] {
  const groups = new Map<string, { rule: ActiveRule; depth: number; chain: number[]; firings: Firing[] }>();
  for (const f of firings) {
    const id = `${f.rule.ruleId}|${f.signal.depth}|${f.signal.chain.join(',')}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { rule: f.rule, depth: f.signal.depth, chain: [...f.signal.chain], firings: [] }));
    g.firings.push(f);
  }
  return [...groups.values()];
}

/** When a customer holding a tag since `taggedAt` has been in it `days` long. */
export function elapsedDueAt(taggedAt: number, days: number): number {
  return taggedAt + days * 86_400_000;
}

/** The dedupe key of a task made by a rule: replays and retries find the same key. */
export function taskDedupeKey(ruleId: number, customerId: number, key: string, actionIndex: number): string {
  return `rule:${ruleId}:${customerId}:${key}:${actionIndex}`;
}
