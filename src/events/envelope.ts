/**
 * The event contract (DESIGN §3): one declaration per event type, the envelope schema,
 * and validation into a normalised event. Pure: the clock is a parameter.
 */
import { z } from 'zod';
import { parseAmount } from '../shared/money.ts';
import { normalisePhone } from '../shared/phone.ts';
import { dottedPath, findTextFault } from '../shared/text.ts';
import { parseInstant } from '../shared/time.ts';
import type { Identity } from '../customers/identity.ts';

const id = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const optionalText = z.string().max(10_000).optional();
const amount = z.union([z.string(), z.number()]);

const identityObject = z
  .object({
    externalUserId: id.optional(),
    unionId: id.optional(),
    phone: z.string().max(40).optional(),
    platformIds: z.record(z.string().trim().min(1).max(50), id).optional(),
    name: z.string().trim().max(100).optional(),
  })
  .strict();

/** Source categories of the seed (来源 / 对话 / 互动 / 订单 / 消费 / 售后 / 口碑裂变). */
export type EventCategory = '来源' | '对话' | '互动' | '订单' | '售后' | '口碑裂变';

interface EventTypeSpec {
  category: EventCategory;
  data: z.ZodType<Record<string, unknown>>;
}

const message = z
  .object({ conversationId: id, text: optionalText, chatType: z.enum(['private', 'group']).default('private') })
  .loose();
const moment = z.object({ momentId: id, text: optionalText }).loose();
const group = z.object({ groupId: id }).loose();
const content = z
  .object({
    contentId: id,
    productIds: z.array(id).max(100).optional(),
    seconds: z.number().nonnegative().max(86_400).optional(),
  })
  .loose();
const coupon = z.object({ couponId: id }).loose();

/** Every event type Siyu understands. Adding one here makes the compiler point at the rest. */
export const EVENT_TYPES = {
  'contact.added': {
    category: '来源',
    data: z.object({ channel: id.optional(), campaign: id.optional(), welcomeCode: z.string().optional() }).loose(),
  },
  'contact.removed': { category: '来源', data: z.object({ by: z.enum(['customer', 'staff']).optional() }).loose() },
  'message.received': { category: '对话', data: message },
  'message.sent': { category: '对话', data: message },
  'moment.liked': { category: '互动', data: moment },
  'moment.commented': { category: '互动', data: moment },
  'group.joined': { category: '互动', data: group },
  'group.left': { category: '互动', data: group },
  'group.message': { category: '互动', data: group.extend({ text: optionalText }) },
  'content.viewed': { category: '互动', data: content },
  'content.shared': { category: '互动', data: content },
  // A click through to a product (a link in an article, a card in a chat) and a basket add:
  // the middle steps of the seed's funnel browse → click → add to cart → purchase → share.
  'product.viewed': { category: '互动', data: z.object({ productId: id, contentId: id.optional() }).loose() },
  'cart.added': { category: '订单', data: z.object({ productId: id, qty: z.number().int().positive().max(10_000).optional() }).loose() },
  'form.submitted': { category: '互动', data: z.object({ formId: id }).loose() },
  'campaign.joined': { category: '互动', data: z.object({ campaignId: id }).loose() },
  'coupon.issued': { category: '订单', data: coupon },
  'coupon.redeemed': { category: '订单', data: coupon },
  'order.paid': {
    category: '订单',
    data: z
      .object({
        orderId: id,
        amount,
        platform: id.optional(),
        items: z
          .array(
            z
              .object({
                sku: id.optional(),
                productId: id.optional(),
                qty: z.number().int().positive().optional(),
                price: amount.optional(),
              })
              .loose(),
          )
          .max(1000)
          .optional(),
      })
      .loose(),
  },
  'order.refunded': { category: '订单', data: z.object({ orderId: id, amount }).loose() },
  'complaint.filed': { category: '售后', data: z.object({ reason: optionalText }).loose() },
  'referral.made': { category: '口碑裂变', data: z.object({ referredCustomer: identityObject }).loose() },
} as const satisfies Record<string, EventTypeSpec>;

export type EventType = keyof typeof EVENT_TYPES;
export const eventTypeNames = Object.keys(EVENT_TYPES) as EventType[];
export const isEventType = (t: string): t is EventType => Object.hasOwn(EVENT_TYPES, t);

export const TOUCHPOINTS = ['private_chat', 'group', 'moments', 'article', 'mini_program', 'shop', 'store', 'other'] as const;
export type Touchpoint = (typeof TOUCHPOINTS)[number];

/** The envelope as accepted over HTTP and in NDJSON files. */
export const eventEnvelopeSchema = z
  .object({
    id,
    type: z.string(),
    occurredAt: z.string().max(40),
    customer: identityObject,
    staffId: id.optional(),
    touchpoint: z.enum(TOUCHPOINTS).optional(),
    data: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .meta({ id: 'Event', description: 'The event envelope (DESIGN §3); data depends on type' });

export type EventEnvelope = z.input<typeof eventEnvelopeSchema>;

/** A validated event, ready for identity resolution and the aggregates. */
export interface NormalizedEvent {
  id: string;
  type: EventType;
  occurredAt: number;
  staffId: string | undefined;
  touchpoint: Touchpoint | undefined;
  identities: Identity[];
  name: string | undefined;
  /** The customer block as received, with the phone normalised. */
  customer: Record<string, unknown>;
  data: Record<string, unknown>;
  /** order.paid / order.refunded amount in fen. */
  amountFen: number | undefined;
  /** referral.made: the referred customer's identities. */
  referred: Identity[] | undefined;
}

export type ValidationResult = { ok: true; event: NormalizedEvent } | { ok: false; id: string | undefined; reason: string };

export interface ValidationOptions {
  now: number;
  /** How far in the future an occurredAt may be (clock skew between systems). */
  maxSkewMs?: number;
}

export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;
const OFFSET_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      if (issue.code === 'unrecognized_keys') {
        return `${path ? `${path}: ` : ''}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      }
      if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
        return `${path}: is required`;
      }
      return `${path || 'event'}: ${issue.message}`;
    })
    .join('; ');
}

type IdentityInput = z.infer<typeof identityObject>;

export function identitiesOf(input: IdentityInput): { ok: true; identities: Identity[] } | { ok: false; reason: string } {
  const identities: Identity[] = [];
  if (input.externalUserId) identities.push({ kind: 'external_user_id', value: input.externalUserId });
  if (input.unionId) identities.push({ kind: 'union_id', value: input.unionId });
  if (input.phone !== undefined && input.phone.trim() !== '') {
    const p = normalisePhone(input.phone);
    if (!p.ok) return { ok: false, reason: `phone ${p.reason}` };
    identities.push({ kind: 'phone', value: p.phone });
  }
  for (const [platform, buyerId] of Object.entries(input.platformIds ?? {})) {
    identities.push({ kind: 'buyer_id', value: `${platform.toLowerCase()}:${buyerId}` });
  }
  if (identities.length === 0) {
    return { ok: false, reason: 'missing identity: give at least one of externalUserId, unionId, phone, platformIds' };
  }
  return { ok: true, identities };
}

/** Validate one raw item; a bad item gets a reason naming the field. */
export function validateEvent(raw: unknown, opts: ValidationOptions): ValidationResult {
  const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
    ? (raw as { id: string }).id
    : undefined;
  const fail = (reason: string): ValidationResult => ({ ok: false, id: rawId, reason });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('event must be a JSON object');
  // Before anything reaches the store: PostgreSQL refuses NUL and lone surrogates, and one
  // such value would otherwise fail the whole chunk it travels in.
  const fault = findTextFault(raw);
  if (fault) return fail(`${dottedPath(fault.path) || 'event'}: ${fault.reason}`);
  const env = eventEnvelopeSchema.safeParse(raw);
  if (!env.success) return fail(describeIssues(env.error));
  const e = env.data;
  if (!isEventType(e.type)) return fail(`type: unknown event type "${e.type}" (known: ${eventTypeNames.join(', ')})`);
  if (!OFFSET_TIMESTAMP.test(e.occurredAt)) {
    return fail(`occurredAt: "${e.occurredAt}" must be an ISO 8601 date-time with an offset, e.g. 2026-11-20T10:15:00+08:00`);
  }
  const instant = parseInstant(e.occurredAt);
  if (!instant.ok) return fail(`occurredAt: ${instant.reason}`);
  const occurredAt = instant.instant;
  const skew = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (occurredAt > opts.now + skew) {
    return fail(`occurredAt: ${e.occurredAt} is in the future beyond the allowed clock skew of ${Math.round(skew / 1000)} s`);
  }
  const spec: EventTypeSpec = EVENT_TYPES[e.type];
  const data = spec.data.safeParse(e.data);
  if (!data.success) return fail(describeIssues(data.error, 'data'));
  const ids = identitiesOf(e.customer);
  if (!ids.ok) return fail(`customer: ${ids.reason}`);

  let amountFen: number | undefined;
  if (e.type === 'order.paid' || e.type === 'order.refunded') {
    const parsed = parseAmount(data.data.amount);
    if (!parsed.ok) return fail(`data.amount: ${parsed.reason}`);
    amountFen = parsed.fen;
  }
  let referred: Identity[] | undefined;
  if (e.type === 'referral.made') {
    const r = identitiesOf(data.data.referredCustomer as IdentityInput);
    if (!r.ok) return fail(`data.referredCustomer: ${r.reason}`);
    referred = r.identities;
  }
  const customer: Record<string, unknown> = { ...e.customer };
  const phone = ids.identities.find((i) => i.kind === 'phone');
  if (phone) customer.phone = phone.value;
  return {
    ok: true,
    event: {
      id: e.id,
      type: e.type,
      occurredAt,
      staffId: e.staffId,
      touchpoint: e.touchpoint,
      identities: ids.identities,
      name: e.customer.name || undefined,
      customer,
      data: data.data,
      amountFen,
      referred,
    },
  };
}
