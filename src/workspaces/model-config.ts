/**
 * Workspace model configuration (DESIGN §4: every threshold is configuration), with the
 * defaults of the design brief. Validated with one schema; errors name the field.
 */
import { z } from 'zod';
// The envelope module is a pure leaf: importing it directly keeps workspaces free of cycles.
import { eventTypeNames, type EventType } from '../events/envelope.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';

const days = z.number().int().min(1).max(3650);
const count = z.number().int().min(0).max(100_000);

const DEFAULT_POINTS: Partial<Record<EventType, number>> = {
  'contact.added': 1,
  'message.received': 3,
  'moment.liked': 1,
  'moment.commented': 2,
  'group.joined': 1,
  'group.message': 1,
  'content.viewed': 1,
  'content.shared': 3,
  'form.submitted': 2,
  'campaign.joined': 2,
  'coupon.redeemed': 3,
  'order.paid': 10,
  'referral.made': 8,
};

export const modelConfigSchema = z
  .object({
    trust: z
      .object({
        /** L2: at least this many private-chat rounds. */
        l2ChatRounds: count.default(3),
        /** L3: at least this many customer-initiated private conversations … */
        l3CustomerConversations: count.default(2),
        /** … or a customer message with one of these words. */
        intentKeywords: z.array(z.string().trim().min(1).max(20)).max(200)
          .default(['多少钱', '价格', '怎么买', '有货吗', '链接', '优惠', '发货', '怎么卖', '包邮', '下单']),
        /** L5 rule. */
        l5MinOrders: count.default(3),
        l5MonetaryTopShare: z.number().gt(0).lt(1).default(0.2),
        l5MaxComplaints: count.default(1),
        l5ComplaintWindowDays: days.default(365),
        l5RecentChatDays: days.default(90),
      })
      .strict()
      .prefault({}),
    lifecycle: z
      .object({ paths: z.array(z.enum(['ecommerce', 'sales'])).min(1).default(['ecommerce', 'sales']) })
      .strict()
      .prefault({}),
    rfm: z
      .object({
        method: z.enum(['mean', 'fixed', 'quintile']).default('mean'),
        /** For method "fixed": R recent when days < r; F high when orders > f; M high when net amount (yuan) > m. */
        fixed: z.object({ r: z.number().min(0), f: z.number().min(0), m: z.number().min(0) }).strict().optional(),
        /** For method "quintile": a score of at least this counts as high. */
        quintileHigh: z.number().int().min(2).max(5).default(4),
      })
      .strict()
      .prefault({}),
    valueTier: z
      .object({
        periodDays: days.default(90),
        coreMinOrders: count.default(3),
        coreMinReferrals: count.default(1),
        highMinOrders: count.default(2),
      })
      .strict()
      .prefault({}),
    engagement: z
      .object({
        halfLifeDays: z.number().min(1).max(3650).default(30),
        /** Points per event type; types not named keep their default points. */
        points: z.record(z.string(), z.number().min(0).max(1000))
          .default({})
          .transform((given) => ({ ...(DEFAULT_POINTS as Record<string, number>), ...given })),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.rfm.method === 'fixed' && !c.rfm.fixed) {
      ctx.addIssue({ code: 'custom', path: ['rfm', 'fixed'], message: 'is required when rfm.method is "fixed" (give r, f and m)' });
    }
    for (const type of Object.keys(c.engagement.points)) {
      if (!(eventTypeNames as string[]).includes(type)) {
        ctx.addIssue({ code: 'custom', path: ['engagement', 'points', type], message: `"${type}" is not an event type` });
      }
    }
  });

export type ModelConfig = z.output<typeof modelConfigSchema>;
export type ModelConfigInput = z.input<typeof modelConfigSchema>;

export const DEFAULT_MODEL_CONFIG: ModelConfig = modelConfigSchema.parse({});

/** Validate a configuration; a bad one is refused with every problem named by its path. */
export function parseModelConfig(raw: unknown): ModelConfig {
  const r = modelConfigSchema.safeParse(raw ?? {});
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const msg = i.code === 'unrecognized_keys' ? `unknown setting${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message;
    return path ? `${path}: ${msg}` : msg;
  });
  throw new SiyuError('validation_failed', `invalid model configuration: ${problems.join('; ')}`, problems);
}

/** Which customer messages count as intent, from the configuration. */
export function intentKeywordIn(text: string | undefined, keywords: readonly string[]): string | undefined {
  if (!text) return undefined;
  return keywords.find((k) => text.includes(k));
}

/** The workspace's model configuration (defaults where it sets nothing). */
export async function getModelConfig(q: Queryable, workspaceId: string): Promise<ModelConfig> {
  const [row] = await q.query<{ models: unknown }>(`SELECT settings->'models' AS models FROM workspaces WHERE workspace_id = $1`, [workspaceId]);
  return row?.models ? parseModelConfig(row.models) : DEFAULT_MODEL_CONFIG;
}

/** Store a validated configuration; returns what was stored. */
export async function saveModelConfig(q: Queryable, workspaceId: string, raw: unknown): Promise<ModelConfig> {
  const config = parseModelConfig(raw);
  await q.query(
    `UPDATE workspaces SET settings = jsonb_set(settings, '{models}', $2::jsonb) WHERE workspace_id = $1`,
    [workspaceId, JSON.stringify(config)],
  );
  return config;
}
