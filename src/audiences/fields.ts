/**
 * Every field an audience filter can test, declared once: its kind (which decides its
 * operators and the shape of its leaf), its labels (zh-CN first, en) and, for the fields
 * that map straight onto a column, that column. The filter schema, the compiler and the
 * console's filter builder (GET /api/v1/audiences/fields) are all derived from this table,
 * and the column names here are the ONLY identifiers the compiler writes into SQL.
 * Pure: no store, no clock.
 */
import { LIFECYCLE_ECOMMERCE, LIFECYCLE_SALES, RFM_SEGMENTS, VALUE_TIERS } from '../models/index.ts';
import { systemLabelEn } from '../workspaces/index.ts';
// The record's pure leaf: its index reaches outreach, which reaches back here.
import { AGE_BANDS, AGE_BAND_LABELS, type FieldDefinition } from '../record/values.ts';

export type Label = { zh: string; en: string };

export const COMPARE_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
export const TIME_OPS = ['withinDays', 'beforeDays', 'after', 'before', 'exists', 'missing'] as const;
export type TimeOp = (typeof TIME_OPS)[number];
export const LIST_OPS = ['in', 'notIn'] as const;
export type ListOp = (typeof LIST_OPS)[number];

/** Aggregate counters (customer_aggregates), compared as numbers. */
export const COUNT_FIELDS = {
  paidOrders: { column: 'paid_orders', label: { zh: '付款订单数', en: 'Paid orders' } },
  chatRounds: { column: 'chat_rounds', label: { zh: '私聊轮次', en: 'Private-chat rounds' } },
  customerConversations: { column: 'customer_conversations', label: { zh: '客户发起的会话', en: 'Customer-initiated conversations' } },
  messagesReceived: { column: 'messages_received', label: { zh: '收到消息数', en: 'Messages received' } },
  messagesSent: { column: 'messages_sent', label: { zh: '发出消息数', en: 'Messages sent' } },
  momentsInteractions: { column: 'moments_interactions', label: { zh: '朋友圈互动', en: 'Moments interactions' } },
  groupInteractions: { column: 'group_interactions', label: { zh: '社群互动', en: 'Group interactions' } },
  contentViews: { column: 'content_views', label: { zh: '内容浏览', en: 'Content views' } },
  contentShares: { column: 'content_shares', label: { zh: '内容分享', en: 'Content shares' } },
  formsSubmitted: { column: 'forms_submitted', label: { zh: '表单提交', en: 'Forms submitted' } },
  campaignsJoined: { column: 'campaigns_joined', label: { zh: '参加活动', en: 'Campaigns joined' } },
  couponsIssued: { column: 'coupons_issued', label: { zh: '领券数', en: 'Coupons issued' } },
  couponsRedeemed: { column: 'coupons_redeemed', label: { zh: '用券数', en: 'Coupons redeemed' } },
  complaints: { column: 'complaints', label: { zh: '投诉次数', en: 'Complaints' } },
  referrals: { column: 'referrals', label: { zh: '转介绍次数', en: 'Referrals' } },
  intentHits: { column: 'intent_hits', label: { zh: '意向关键词次数', en: 'Intent keyword hits' } },
} as const;
export type CountField = keyof typeof COUNT_FIELDS;

/** Aggregate amounts in fen, given in yuan in a filter (decimal string or number). */
export const MONEY_FIELDS = {
  paidAmount: { column: 'paid_fen', label: { zh: '付款金额（元）', en: 'Paid amount (yuan)' } },
  refundedAmount: { column: 'refunded_fen', label: { zh: '退款金额（元）', en: 'Refunded amount (yuan)' } },
} as const;
export type MoneyField = keyof typeof MONEY_FIELDS;

/**
 * Instants. `explicit` is a customers column that wins over the derived one (the effective
 * value, as on the profile page); the others live on customer_aggregates only.
 */
export const TIME_FIELDS = {
  addedAt: { column: 'added_at', explicit: 'added_at', label: { zh: '添加时间', en: 'Added' } },
  lastInteractionAt: { column: 'last_interaction_at', explicit: null, label: { zh: '最近互动', en: 'Last interaction' } },
  lastPaidAt: { column: 'last_paid_at', explicit: null, label: { zh: '最近付款', en: 'Last paid' } },
  firstPaidAt: { column: 'first_paid_at', explicit: null, label: { zh: '首次付款', en: 'First paid' } },
  lastPrivateChatAt: { column: 'last_private_chat_at', explicit: null, label: { zh: '最近私聊', en: 'Last private chat' } },
  lastSeenAt: { column: 'last_seen_at', explicit: null, label: { zh: '最近出现', en: 'Last seen' } },
} as const;
export type TimeField = keyof typeof TIME_FIELDS;

/** customer_models columns holding one label each. */
export const MODEL_LIST_FIELDS = {
  rfmSegment: { column: 'rfm_segment', values: RFM_SEGMENTS, label: { zh: 'RFM 分群', en: 'RFM segment' } },
  valueTier: { column: 'value_tier', values: VALUE_TIERS, label: { zh: '价值分层', en: 'Value tier' } },
} as const;
export type ModelListField = keyof typeof MODEL_LIST_FIELDS;

export const LIFECYCLE_PATHS = {
  ecommerce: { column: 'lifecycle_ecommerce', values: LIFECYCLE_ECOMMERCE, label: { zh: '电商：新进→首购→复购→超级用户', en: 'E-commerce: new → first purchase → repeat → super user' } },
  sales: { column: 'lifecycle_sales', values: LIFECYCLE_SALES, label: { zh: '高客单：陌生→潜在→意向→首单→复购→超级用户', en: 'High-ticket: cold → potential → intent → first order → repeat → super user' } },
} as const;
export type LifecyclePath = keyof typeof LIFECYCLE_PATHS;

/** Predicted value (customer_clv, refitted by each recompute), compared as numbers; CLV in yuan. */
export const PREDICTED_FIELDS = {
  pAlive: { column: 'p_alive', max: 1, label: { zh: '仍活跃概率 P(alive)', en: 'P(alive)' }, example: 0.5 },
  clv: { column: 'clv', max: 1e12, label: { zh: '预测价值 CLV（元，12 个月）', en: 'Predicted value CLV (yuan, 12 months)' }, example: 500 },
} as const;
export type PredictedField = keyof typeof PREDICTED_FIELDS;
export const PREDICTED_OPS = ['gt', 'gte', 'lt', 'lte'] as const;

/** Profile fields where an explicit customers column wins over what the add event said. */
export const PROFILE_LIST_FIELDS = {
  ownerStaff: { column: 'owner_staff', derived: 'added_by_staff', label: { zh: '归属员工', en: 'Owner staff' } },
  channel: { column: 'channel', derived: 'added_channel', label: { zh: '来源渠道', en: 'Channel' } },
} as const;
export type ProfileListField = keyof typeof PROFILE_LIST_FIELDS;

/** The record's region, as set by WeCom, an import or a person. */
export const REGION_FIELDS = {
  province: { column: 'province', label: { zh: '省份', en: 'Province' } },
  city: { column: 'city', label: { zh: '城市', en: 'City' } },
} as const;
export type RegionField = keyof typeof REGION_FIELDS;

/** birthday: set or not, or falling within the next N days (0 = today). */
export const BIRTHDAY_OPS = ['upcomingDays', 'exists', 'missing'] as const;
/** custom: a workspace field by key; lists for text and choices, comparisons for numbers and dates. */
export const CUSTOM_OPS = ['in', 'notIn', 'eq', 'gt', 'gte', 'lt', 'lte', 'exists', 'missing'] as const;
export { AGE_BANDS };

export const GENDERS = ['male', 'female', 'unknown'] as const;
export const GENDER_LABELS: Record<(typeof GENDERS)[number], Label> = {
  male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' }, unknown: { zh: '未知', en: 'Unknown' },
};

export const OP_LABELS: Record<string, Label> = {
  eq: { zh: '等于', en: 'equals' }, ne: { zh: '不等于', en: 'does not equal' },
  gt: { zh: '大于', en: 'greater than' }, gte: { zh: '大于等于', en: 'at least' },
  lt: { zh: '小于', en: 'less than' }, lte: { zh: '小于等于', en: 'at most' },
  withinDays: { zh: '最近 N 天内', en: 'within the last N days' }, beforeDays: { zh: 'N 天以前', en: 'more than N days ago' },
  after: { zh: '晚于', en: 'after' }, before: { zh: '早于', en: 'before' },
  exists: { zh: '有', en: 'is set' }, missing: { zh: '没有', en: 'is not set' },
  in: { zh: '属于', en: 'is one of' }, notIn: { zh: '不属于', en: 'is none of' },
  has: { zh: '有标签', en: 'has tag' }, lacks: { zh: '没有标签', en: 'lacks tag' },
  hasAny: { zh: '有该组任一标签', en: 'has any tag of group' }, hasNone: { zh: '无该组标签', en: 'has no tag of group' },
  is: { zh: '处于', en: 'is in' }, isNot: { zh: '不处于', en: 'is not in' },
  contains: { zh: '包含', en: 'contains' },
  upcomingDays: { zh: '未来 N 天内', en: 'within the next N days' },
};

/** What the console's filter builder needs to draw one field. */
export interface FieldDescription {
  field: string;
  label: Label;
  kind: 'list' | 'compare' | 'time' | 'money' | 'tag' | 'tagGroup' | 'stage' | 'boolean' | 'text' | 'segment' | 'ids';
  ops: { op: string; label: Label }[];
  /** Allowed values, for fields with a fixed list. */
  values?: { value: string | number; label: Label }[];
  /** Extra keys of the leaf besides field/op/value(s). */
  keys?: Record<string, { label: Label; values?: { value: string; label: Label }[] }>;
  /** Allowed values for each value of a key (the lifecycle's stages per path): the paths' stages are never one list. */
  valuesByKey?: { key: string; values: Record<string, { value: string; label: Label }[]> };
  example: unknown;
}

const ops = (list: readonly string[]) => list.map((op) => ({ op, label: OP_LABELS[op]! }));
/** Model values as labels: stored in Chinese, in English where the system taxonomy names them. */
const same = (values: readonly string[]) => values.map((v) => ({ value: v, label: { zh: v, en: systemLabelEn(v) ?? v } }));

/** Every field; `custom` lists the workspace's own fields (GET /api/v1/custom-fields) under one entry keyed by field. */
export function describeFields(custom: readonly FieldDefinition[] = []): FieldDescription[] {
  const choice = custom.filter((f) => f.type === 'single' || f.type === 'multi');
  const out: FieldDescription[] = [
    { field: 'gender', label: { zh: '性别', en: 'Gender' }, kind: 'list', ops: ops(LIST_OPS),
      values: GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] })), example: { field: 'gender', op: 'in', values: ['female'] } },
    { field: 'tag', label: { zh: '标签', en: 'Tag' }, kind: 'tag', ops: ops(['has', 'lacks']),
      example: { field: 'tag', op: 'has', tag: '会员/金卡' } },
    { field: 'tagGroup', label: { zh: '标签组', en: 'Tag group' }, kind: 'tagGroup', ops: ops(['hasAny', 'hasNone']),
      example: { field: 'tagGroup', op: 'hasAny', group: '商品兴趣' } },
    { field: 'stage', label: { zh: '旅程阶段', en: 'Journey stage' }, kind: 'stage', ops: ops(['is', 'isNot']),
      example: { field: 'stage', op: 'is', journey: '购买频次', stage: '已购买' } },
    { field: 'trustLevel', label: { zh: '信任等级', en: 'Trust level' }, kind: 'compare', ops: ops(COMPARE_OPS),
      values: [0, 1, 2, 3, 4, 5].map((l) => ({ value: l, label: { zh: `L${l}`, en: `L${l}` } })), example: { field: 'trustLevel', op: 'gte', value: 3 } },
    { field: 'lifecycle', label: { zh: '生命周期', en: 'Lifecycle' }, kind: 'list', ops: ops(LIST_OPS),
      keys: { path: { label: { zh: '路径', en: 'Path' }, values: Object.entries(LIFECYCLE_PATHS).map(([k, v]) => ({ value: k, label: v.label })) } },
      valuesByKey: { key: 'path', values: Object.fromEntries(Object.entries(LIFECYCLE_PATHS).map(([k, v]) => [k, same(v.values)])) }, example: { field: 'lifecycle', path: 'ecommerce', op: 'in', values: ['复购'] } },
    ...Object.entries(MODEL_LIST_FIELDS).map(([field, f]): FieldDescription => ({
      field, label: f.label, kind: 'list', ops: ops(LIST_OPS), values: same(f.values), example: { field, op: 'in', values: [f.values[0]] },
    })),
    { field: 'engagement', label: { zh: '活跃度评分', en: 'Engagement score' }, kind: 'compare', ops: ops(['gt', 'gte', 'lt', 'lte']),
      example: { field: 'engagement', op: 'gte', value: 10 } },
    ...Object.entries(PREDICTED_FIELDS).map(([field, f]): FieldDescription => ({
      field, label: f.label, kind: 'compare', ops: ops(PREDICTED_OPS), example: { field, op: 'gte', value: f.example },
    })),
    ...Object.entries(COUNT_FIELDS).map(([field, f]): FieldDescription => ({
      field, label: f.label, kind: 'compare', ops: ops(COMPARE_OPS), example: { field, op: 'gte', value: 1 },
    })),
    ...Object.entries(MONEY_FIELDS).map(([field, f]): FieldDescription => ({
      field, label: f.label, kind: 'money', ops: ops(COMPARE_OPS), example: { field, op: 'gte', value: '100.00' },
    })),
    ...Object.entries(TIME_FIELDS).map(([field, f]): FieldDescription => ({
      field, label: f.label, kind: 'time', ops: ops(TIME_OPS), example: { field, op: 'withinDays', value: 30 },
    })),
    ...Object.entries(PROFILE_LIST_FIELDS).map(([field, f]): FieldDescription => ({
      field, label: f.label, kind: 'list', ops: ops(LIST_OPS), example: { field, op: 'in', values: ['zhangsan'] },
    })),
    ...Object.entries(REGION_FIELDS).map(([field, f]): FieldDescription => ({
      field, label: f.label, kind: 'list', ops: ops(LIST_OPS), example: { field, op: 'in', values: ['杭州'] },
    })),
    { field: 'ageBand', label: { zh: '年龄段', en: 'Age band' }, kind: 'list', ops: ops(LIST_OPS),
      values: AGE_BANDS.map((b) => ({ value: b, label: AGE_BAND_LABELS[b] })), example: { field: 'ageBand', op: 'in', values: ['25_34'] } },
    { field: 'birthday', label: { zh: '生日', en: 'Birthday' }, kind: 'time', ops: ops(BIRTHDAY_OPS),
      example: { field: 'birthday', op: 'upcomingDays', value: 7 } },
    ...(choice.length > 0 ? [{
      field: 'custom', label: { zh: '自定义字段', en: 'Custom field' }, kind: 'list' as const, ops: ops(LIST_OPS),
      keys: { key: { label: { zh: '字段', en: 'Field' }, values: choice.map((f) => ({ value: f.key, label: { zh: f.label, en: f.label } })) } },
      valuesByKey: { key: 'key', values: Object.fromEntries(choice.map((f) => [f.key, f.options.map((o) => ({ value: o, label: { zh: o, en: o } }))])) },
      example: { field: 'custom', key: choice[0]!.key, op: 'in', values: [choice[0]!.options[0]] },
    }] : []),
    { field: 'follower', label: { zh: '跟进员工（好友）', en: 'Follower staff' }, kind: 'list', ops: ops(LIST_OPS),
      example: { field: 'follower', op: 'in', values: ['zhangsan'] } },
    { field: 'wecomFriend', label: { zh: '企微好友', en: 'WeCom friend' }, kind: 'boolean', ops: ops(['eq']),
      values: [{ value: 'true', label: { zh: '是', en: 'yes' } }, { value: 'false', label: { zh: '否', en: 'no' } }],
      example: { field: 'wecomFriend', value: true } },
    { field: 'search', label: { zh: '搜索（姓名、手机号、身份标识）', en: 'Search (name, phone, identity)' }, kind: 'text', ops: ops(['contains']),
      example: { field: 'search', value: '王芳' } },
    { field: 'segment', label: { zh: '已保存分群', en: 'Saved segment' }, kind: 'segment', ops: ops(['in', 'notIn']),
      example: { field: 'segment', segment: '高价值宝妈' } },
    { field: 'customerId', label: { zh: '客户 ID', en: 'Customer id' }, kind: 'ids', ops: ops(LIST_OPS),
      example: { field: 'customerId', op: 'in', values: [1, 2] } },
  ];
  return out;
}
