/**
 * One customer through every model, as of `asOf` in the workspace zone. Pure: the same input,
 * configuration, statistics and asOf give the same output, which is what lets the incremental
 * path (after each batch of events) and a full recompute agree.
 */
import type { ModelConfig } from './config.ts';
import type { Evidence, ModelInput, ModelOutput, WorkspaceStats } from './types.ts';
import { SiyuError } from '../shared/errors.ts';
import { isValidTimeZone } from '../shared/time.ts';
import { isInstant } from './calendar.ts';
import { evaluateTrust } from './trust.ts';
import { evaluateLifecycle } from './lifecycle.ts';
import { evaluateRfm } from './rfm.ts';
import { evaluateValueTier } from './value-tier.ts';
import { engagementScore } from './engagement.ts';

export function evaluate(input: ModelInput, config: ModelConfig, stats: WorkspaceStats, asOf: number, timeZone: string): ModelOutput {
  if (!isInstant(asOf)) throw new SiyuError('bad_request', `models: asOf ${String(asOf)} is not a valid instant`);
  if (!isValidTimeZone(timeZone)) throw new SiyuError('bad_request', `models: "${timeZone}" is not an IANA time zone`);
  const trust = evaluateTrust(input, config, stats, asOf, timeZone);
  return {
    trust,
    lifecycle: evaluateLifecycle(input, config, trust.computed),
    rfm: evaluateRfm(input, config, stats, asOf, timeZone),
    valueTier: evaluateValueTier(input, config, asOf, timeZone),
    engagement: engagementScore(input.engagementLog2, asOf, config.engagement.halfLifeDays),
  };
}

/** Evidence as one line: "私聊 4 轮，最近一次 11-20；11-21 问过“多少钱”；尚未下单". */
export function evidenceText(evidence: readonly Evidence[], lang: 'zh' | 'en' = 'zh'): string {
  return evidence.map((e) => e[lang]).join(lang === 'zh' ? '；' : '; ');
}
