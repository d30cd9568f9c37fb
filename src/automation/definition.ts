/**
 * A rule as a reviewable file: WHEN something happens (an event, a model change, a tag or
 * stage change, time spent in a stage) IF the customer matches a filter THEN do actions.
 * One zod schema is the published contract (GET /api/v1/rules/schema).
 */
import { z } from 'zod';
import { eventTypeNames } from '../events/index.ts';
import { audienceFilterSchema } from '../audiences/index.ts';
import { CUSTOMER_DATE_FIELD_NAMES } from '../calendar/index.ts';

const tagPath = z.string().trim().regex(/^[^/]+\/.+$/, 'must be a "group/tag" path');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A test on one field of the event: the field path, and exactly one operator. */
export const fieldTestSchema = z
  .object({
    field: text(200).describe('path in the event data, e.g. "contentId", "items[].productId"; "$staffId" and "$touchpoint" read the envelope'),
    eq: scalar.optional(),
    in: z.array(scalar).min(1).optional(),
    contains: scalar.optional().describe('the field is a list holding this value, or a text containing it'),
    containsAny: z.array(scalar).min(1).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    exists: z.boolean().optional(),
    matches: z.string().max(200).optional().describe('a regular expression'),
  })
  .strict()
  .superRefine((t, ctx) => {
    const ops = OPERATORS.filter((op) => t[op] !== undefined);
    if (ops.length !== 1) ctx.addIssue({ code: 'custom', message: `needs exactly one operator of ${OPERATORS.join(', ')}; has ${ops.length === 0 ? 'none' : ops.join(', ')}` });
    if (t.matches !== undefined) {
      try { new RegExp(t.matches); } catch { ctx.addIssue({ code: 'custom', path: ['matches'], message: `"${t.matches}" is not a regular expression` }); }
    }
  });
export const OPERATORS = ['eq', 'in', 'contains', 'containsAny', 'gt', 'gte', 'lt', 'lte', 'exists', 'matches'] as const;
export type FieldTest = z.infer<typeof fieldTestSchema>;

export type Predicate = FieldTest | { all: Predicate[] } | { any: Predicate[] } | { not: Predicate };
export const predicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    fieldTestSchema,
    z.object({ all: z.array(predicateSchema).min(1) }).strict(),
    z.object({ any: z.array(predicateSchema).min(1) }).strict(),
    z.object({ not: predicateSchema }).strict(),
  ]),
).meta({ id: 'EventPredicate' });

const eventType = z.enum(eventTypeNames as [string, ...string[]], { error: (i) => `"${String(i.input)}" is not an event type` });
export const MODEL_NAMES = ['trust', 'lifecycle_ecommerce', 'lifecycle_sales', 'rfm', 'value_tier'] as const;

export const triggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: eventType, where: predicateSchema.optional() }).strict(),
  z.object({
    kind: z.literal('model'), model: z.enum(MODEL_NAMES),
    from: z.array(z.string()).min(1).optional().describe('values left (e.g. "L2"); any when absent'),
    to: z.array(z.string()).min(1).optional().describe('values entered (e.g. "L3"); any when absent'),
  }).strict(),
  z.object({ kind: z.literal('tagAdded'), tag: tagPath }).strict(),
  z.object({ kind: z.literal('tagRemoved'), tag: tagPath }).strict(),
  z.object({ kind: z.literal('stageEntered'), stage: tagPath.describe('"journey group/stage"') }).strict(),
  z.object({ kind: z.literal('stageLeft'), stage: tagPath }).strict(),
  z.object({
    kind: z.literal('elapsed'),
    tag: tagPath.describe('a tag or stage ("group/tag") held since at least `days`'),
    days: z.number().positive().max(3650),
    withoutEvent: eventType.optional().describe('only when no such event happened since the tag was put on (e.g. order.paid)'),
  }).strict(),
  z.object({
    kind: z.literal('recurring'),
    tag: tagPath.describe('a stage or segment tag ("group/tag"; model segments are tags too): the touch repeats while the customer holds it'),
    everyDays: z.number().int().min(1).max(365).describe('once every this many days of the stay, the first after the first period'),
  }).strict(),
  z.object({
    kind: z.literal('date'),
    field: z.enum(CUSTOMER_DATE_FIELD_NAMES).describe('the customer\'s date whose anniversary fires the rule: birthday, firstOrder (first paid order), added (joining / membership day)'),
    daysBefore: z.number().int().min(0).max(60).default(0).describe('fire this many days ahead of the anniversary'),
    hour: z.number().int().min(0).max(23).default(9).describe('from this hour of the day (workspace time zone)'),
  }).strict(),
  z.object({
    kind: z.literal('holiday'),
    holiday: text(40).describe('a built-in festival (春节, 元宵, 端午, 七夕, 中秋, 国庆) or a day the workspace added (e.g. 会员日)'),
    daysBefore: z.number().int().min(0).max(60).default(0),
    hour: z.number().int().min(0).max(23).default(9),
  }).strict(),
]).meta({ id: 'RuleTrigger' });
export type Trigger = z.infer<typeof triggerSchema>;

const taskFields = {
  title: text(200),
  content: z.string().max(5000).default(''),
  purpose: z.enum(['marketing', 'service']).default('service'),
  channel: z.enum(['private_chat', 'moments', 'group']).default('private_chat'),
  dueInHours: z.number().min(0).max(24 * 365).default(0),
  couponId: z.string().max(200).optional(),
  staffId: z.string().max(200).optional().describe('who does it; default: the customer\'s owner'),
};

export const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tag'), tag: tagPath, expiresInDays: z.number().positive().max(3650).optional() }).strict(),
  z.object({ type: z.literal('untag'), tag: tagPath }).strict(),
  z.object({ type: z.literal('moveStage'), journey: z.union([text(200), z.number().int().positive()]), stage: z.union([text(200), z.number().int().positive()]) }).strict(),
  z.object({ type: z.literal('startSop'), sop: z.union([text(200), z.number().int().positive()]) }).strict(),
  z.object({ type: z.literal('task'), ...taskFields }).strict(),
  z.object({
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }),
    secret: z.string().min(8).max(200).optional().describe('signs the body: header x-siyu-signature: sha256=<hex HMAC>'),
  }).strict(),
]).meta({ id: 'RuleAction' });
export type Action = z.infer<typeof actionSchema>;

export const ruleDefinitionSchema = z
  .object({
    name: text(100),
    description: z.string().max(2000).optional(),
    enabled: z.boolean().default(false),
    trigger: triggerSchema,
    if: audienceFilterSchema.optional().describe('the customer must match this audience filter at the time'),
    actions: z.array(actionSchema).min(1).max(20),
  })
  .strict()
  .meta({ id: 'Rule', description: 'An automation rule: WHEN trigger IF filter THEN actions' });
export type RuleDefinition = z.infer<typeof ruleDefinitionSchema>;
export type RuleDefinitionInput = z.input<typeof ruleDefinitionSchema>;

/** "actions[1].tag: must be …" — the path of an issue the way a person reads the file. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

export type ParsedRule = { ok: true; rule: RuleDefinition } | { ok: false; errors: { path: string; message: string }[] };

export function parseRuleDefinition(input: unknown): ParsedRule {
  const r = ruleDefinitionSchema.safeParse(input);
  if (r.success) return { ok: true, rule: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
}

/** Tag paths a rule names, with where: checked against the taxonomy before saving. */
export function tagReferences(rule: RuleDefinition): { path: string; tag: string }[] {
  const refs: { path: string; tag: string }[] = [];
  const t = rule.trigger;
  if (t.kind === 'tagAdded' || t.kind === 'tagRemoved' || t.kind === 'elapsed' || t.kind === 'recurring') refs.push({ path: 'trigger.tag', tag: t.tag });
  if (t.kind === 'stageEntered' || t.kind === 'stageLeft') refs.push({ path: 'trigger.stage', tag: t.stage });
  rule.actions.forEach((a, i) => {
    if (a.type === 'tag' || a.type === 'untag') refs.push({ path: `actions[${i}].tag`, tag: a.tag });
  });
  return refs;
}
