/** Shapes of the API answers the console reads (see /openapi.json). */
export interface Guidance { label: string; goal: string; actions: string[]; avoid: string[] }
export interface GuidanceZhEn { zh: Guidance; en: Guidance }
export interface Evidence { zh: string; en: string; at?: string; eventIds?: string[] }
export interface Placement { value: string | null; guidance: GuidanceZhEn | null }
export interface CustomerModels {
  asOf: string;
  trust: { level: number; name: string; computed: number; pinned: number | null; evidence: Evidence[]; guidance: GuidanceZhEn };
  lifecycle: { ecommerce: Placement; sales: Placement };
  rfm: { r: number; f: number; m: string; segment: string; scores: unknown; guidance: GuidanceZhEn } | null;
  valueTier: { tier: string; computed: string; pinned: string | null; evidence: Evidence[]; guidance: GuidanceZhEn };
  engagement: number;
  history: { model: string; from: string | null; to: string | null; at: string; cause: string }[];
}
export interface CustomerTag {
  tagId: number; group: string; tag: string; category: string; source: string;
  sourceId: string | null; reason: string | null; taggedAt: string; expiresAt: string | null;
}
export interface Customer {
  customerId: number; name: string | null; gender: string | null; ownerStaff: string | null; channel: string | null;
  campaign: string | null; addedAt: string | null; wecomFriend: boolean; contactRemoved: boolean;
  identities: { kind: string; value: string }[];
  followers: { staffId: string; addedAt: string | null; removedAt: string | null }[];
  aggregates: Record<string, unknown>;
  tags: CustomerTag[];
  createdAt: string;
  models: CustomerModels | null;
}
export interface Bucket { value: string; count: number; share: number }
export interface Distribution {
  asOf: string; customers: number;
  models: { trust: Bucket[]; lifecycle_ecommerce: Bucket[]; lifecycle_sales: Bucket[]; rfm: Bucket[]; value_tier: Bucket[] };
}
export interface TagTree {
  categories: {
    categoryId: number; name: string; system: boolean;
    groups: { groupId: number; name: string; exclusive: boolean; system: boolean;
      tags: { tagId: number; name: string; path: string; aliases: string[]; customers: number }[] }[];
  }[];
}
export interface ModelRun {
  runId: number; status: string; cause: string; asOf: string; customers: number | null; changed: number | null;
  error: string | null; requestedAt: string; startedAt: string | null; finishedAt: string | null;
}
