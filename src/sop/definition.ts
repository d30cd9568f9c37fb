/**
 * An SOP (标准作业流程) as a typed file: a stage, a re-entry rule and timed steps. The same
 * schema reads files, API bodies and stored definitions; errors name the field
 * ("steps[2].window.start: expected HH:MM"). Pure: no I/O.
 */
import { z } from 'zod';
import { SiyuError } from '../shared/errors.ts';
import { VARIABLES, variablesIn } from './schedule.ts';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const CHANNELS = ['private_chat', 'moments', 'group'] as const;
export const PURPOSES = ['marketing', 'service'] as const;

export const windowSchema = z.strictObject({
  start: z.string().regex(HHMM, 'expected HH:MM'),
  end: z.string().regex(HHMM, 'expected HH:MM'),
});

export const stepSchema = z.strictObject({
  /** The step's identity: editing anything else never re-sends it. */
  key: z.string().regex(KEY, 'expected 1–64 letters, digits, "_", "-" or "." (starting with a letter or digit)'),
  title: z.string().min(1).max(100).optional(),
  offsetDays: z.number().int('expected a whole number of days').min(0).max(3650).optional(),
  offsetHours: z.number().int('expected a whole number of hours').min(0).max(8760).optional(),
  window: windowSchema.optional(),
  channel: z.enum(CHANNELS),
  purpose: z.enum(PURPOSES),
  content: z.string().min(1, 'must not be empty').max(4000),
  attachments: z.array(z.strictObject({ kind: z.string().min(1).max(40), ref: z.string().min(1).max(500) })).max(9).optional(),
  couponId: z.string().min(1).max(100).optional(),
});

export const stageRefSchema = z.union([
  z.string().min(1).describe('the stage\'s tag path "group/tag"'),
  z.strictObject({ journey: z.string().min(1), stage: z.string().min(1) }),
]);

export const sopDefinitionSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    description: z.string().max(1000).optional(),
    stage: stageRefSchema,
    enabled: z.boolean().optional(),
    reentry: z.strictObject({
      allowed: z.boolean(),
      coolDownDays: z.number().int('expected a whole number of days').min(0).max(3650).optional(),
    }).optional(),
    steps: z.array(stepSchema).min(1, 'an SOP needs at least one step').max(50),
  })
  .superRefine((def, ctx) => {
    const seen = new Map<string, number>();
    def.steps.forEach((step, i) => {
      const first = seen.get(step.key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'key'], message: `"${step.key}" is already the key of steps[${first}]` });
      } else seen.set(step.key, i);
      if (step.window && step.window.start >= step.window.end) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'window', 'end'], message: `must be after window.start (${step.window.start})` });
      }
      for (const v of variablesIn(step.content)) {
        if (!(VARIABLES as readonly string[]).includes(v)) {
          ctx.addIssue({
            code: 'custom', path: ['steps', i, 'content'],
            message: `unknown variable {${v}}; known: ${VARIABLES.map((k) => `{${k}}`).join(' ')}`,
          });
        } else if (v === 'coupon' && !step.couponId) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'content'], message: 'uses {coupon} but the step has no couponId' });
        }
      }
    });
  })
  .meta({ id: 'SopDefinition' });

export type SopDefinition = z.infer<typeof sopDefinitionSchema>;
export type SopStep = z.infer<typeof stepSchema>;
export type StageRef = z.infer<typeof stageRefSchema>;
export type Channel = (typeof CHANNELS)[number];
export type Purpose = (typeof PURPOSES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

/** ['steps', 2, 'window', 'start'] → "steps[2].window.start" */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

export function checkSopDefinition(input: unknown): { ok: true; definition: SopDefinition } | { ok: false; issues: FieldIssue[] } {
  const r = sopDefinitionSchema.safeParse(input);
  if (r.success) return { ok: true, definition: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: fieldPath(i.path) || '(sop)', message: i.message })) };
}

/** The definition, or a validation error listing every bad field. */
export function parseSopDefinition(input: unknown, source?: string): SopDefinition {
  const r = checkSopDefinition(input);
  if (r.ok) return r.definition;
  const where = source ? `${source}: ` : '';
  throw new SiyuError('validation_failed', `${where}${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, r.issues);
}

/** Parse the text of an SOP file (JSON). */
export function parseSopFile(text: string, source = 'SOP file'): SopDefinition {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SiyuError('validation_failed', `${source}: not valid JSON (${(err as Error).message})`);
  }
  return parseSopDefinition(data, source);
}

export const reentryOf = (def: SopDefinition): { allowed: boolean; coolDownDays: number } => ({
  allowed: def.reentry?.allowed ?? false,
  coolDownDays: def.reentry?.coolDownDays ?? 0,
});
