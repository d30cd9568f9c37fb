/**
 * The content board's arithmetic (seed 004 内容看板): what a content item is (one schema for
 * the operator's list), and per item the conversion of its readers into buyers within the
 * attribution window. Pure.
 */
import { z } from '@hono/zod-openapi';

export const CONTENT_TYPES = ['article', 'video', 'poster', 'mini_program', 'live', 'other'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
export const DEFAULT_ATTRIBUTION_DAYS = 7;

export const contentItemSchema = z.object({
  contentId: z.string().trim().min(1, 'must not be empty').max(200),
  title: z.string().trim().min(1, 'must not be empty').max(200),
  type: z.enum(CONTENT_TYPES).default('article'),
  productIds: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
}).strict().openapi('ContentItemInput');
export type ContentItemInput = z.input<typeof contentItemSchema>;
export type ContentItem = z.output<typeof contentItemSchema>;

/** Each item checked on its own: the good ones, and each bad one with its index, field and reason. */
export function parseContentItems(input: readonly unknown[]): { items: ContentItem[]; errors: { index: number; reason: string }[] } {
  const items: ContentItem[] = [];
  const errors: { index: number; reason: string }[] = [];
  const seen = new Set<string>();
  input.forEach((raw, index) => {
    const r = contentItemSchema.safeParse(raw);
    if (!r.success) {
      errors.push({ index, reason: r.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ') });
    } else if (seen.has(r.data.contentId)) {
      errors.push({ index, reason: `contentId: "${r.data.contentId}" appears twice in the list` });
    } else {
      seen.add(r.data.contentId);
      items.push(r.data);
    }
  });
  return { items, errors };
}

export interface ContentFigures {
  views: number;
  viewers: number;
  shares: number;
  /** Viewers who paid within the attribution window after their first view in the range. */
  buyers: number;
  revenueFen: number;
}

/** Buyers ÷ viewers, 0–1, four decimals. */
export const conversion = (f: Pick<ContentFigures, 'buyers' | 'viewers'>): number =>
  f.viewers === 0 ? 0 : Math.round((f.buyers / f.viewers) * 10_000) / 10_000;

/** Most read first; equal reads: more buyers, then the id. */
export function rankContent<T extends ContentFigures & { contentId: string }>(rows: readonly T[]): (T & { conversion: number; rank: number })[] {
  return [...rows]
    .sort((a, b) => b.views - a.views || b.buyers - a.buyers || a.contentId.localeCompare(b.contentId))
    .map((r, i) => ({ ...r, conversion: conversion(r), rank: i + 1 }));
}
