/**
 * The segmentation models' data contract (DESIGN §4): what a model reads about one
 * customer, the workspace-wide statistics some rules compare against, and what it says.
 * Everything here is plain data; the evaluation is pure.
 */

export const TRUST_LEVELS = [0, 1, 2, 3, 4, 5] as const;
export type TrustLevel = (typeof TRUST_LEVELS)[number];

export const LIFECYCLE_ECOMMERCE = ['新进', '首购', '复购', '超级用户'] as const;
export type LifecycleEcommerce = (typeof LIFECYCLE_ECOMMERCE)[number];
export const LIFECYCLE_SALES = ['陌生', '潜在', '意向', '首单', '复购', '超级用户'] as const;
export type LifecycleSales = (typeof LIFECYCLE_SALES)[number];

export const RFM_SEGMENTS = [
  '重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户',
  '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export const VALUE_TIERS = ['普通', '一般价值', '中等价值', '高价值', '核心'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Everything the models know about one customer, as of `asOf`. Times are epoch ms. */
export interface ModelInput {
  customerId: number;
  wecomFriend: boolean;
  addedAt: number | undefined;
  paidOrders: number;
  /** Paid amount net of refunds, in fen. */
  paidFen: number;
  firstPaidAt: number | undefined;
  lastPaidAt: number | undefined;
  /** Orders that were paid and later fully refunded. */
  fullyRefundedOrders: number;
  /** Paid orders (not fully refunded) within the value-tier period before asOf. */
  ordersInPeriod: number;
  chatRounds: number;
  customerConversations: number;
  lastPrivateChatAt: number | undefined;
  messagesReceived: number;
  momentsInteractions: number;
  groupInteractions: number;
  contentViews: number;
  /** Customer messages containing an intent keyword (多少钱, 价格 …). */
  intentHits: number;
  lastIntent: { at: number; keyword: string; eventId: string } | undefined;
  complaintTimes: number[];
  referrals: number;
  lastInteractionAt: number | undefined;
  /** log2 of Σ points × 2^((t − ENGAGEMENT_EPOCH) / halfLife); undefined when no points. */
  engagementLog2: number | undefined;
  pins: { trust?: TrustLevel; valueTier?: ValueTier };
}

/** Workspace-wide figures the relative rules need; refreshed by a full recompute. */
export interface WorkspaceStats {
  asOf: number;
  customersWithOrders: number;
  /** Means over customers with ≥ 1 paid order (R in whole days, M in fen). */
  mean: { r: number; f: number; m: number };
  /** 20/40/60/80 % cut points, for 1–5 quintile scores. */
  quintiles: { r: number[]; f: number[]; m: number[] };
  /** Net paid amount (fen) at which a customer is in the top 20 % (L5 rule). */
  monetaryTop20Fen: number;
}

/** One plain-words reason, in both languages, with the events or times behind it. */
export interface Evidence {
  zh: string;
  en: string;
  at?: string | undefined;
  eventIds?: string[] | undefined;
}

export interface ModelOutput {
  trust: { level: TrustLevel; computed: TrustLevel; pinned: TrustLevel | null; evidence: Evidence[] };
  lifecycle: { ecommerce: LifecycleEcommerce | null; sales: LifecycleSales | null };
  rfm: { r: number; f: number; m: number; segment: RfmSegment; scores: { r: number; f: number; m: number } | null } | null;
  valueTier: { tier: ValueTier; computed: ValueTier; pinned: ValueTier | null; evidence: Evidence[] };
  /** Engagement score as of asOf (points, decayed). */
  engagement: number;
}

/** Engagement sums are kept relative to this instant (2025-01-01T00:00:00Z). */
export const ENGAGEMENT_EPOCH = Date.UTC(2025, 0, 1);
