/**
 * Lifecycle paths (DESIGN §2.3): e-commerce 新进→首购→复购→超级用户 and high-ticket / 1-to-1
 * sales 陌生→潜在→意向→首单→复购→超级用户. Both are computed; a path the workspace does not run
 * is null. On the sales path 陌生 is trust L0, 潜在 is L1–L2, 意向 is L3.
 *
 * The stages read the *computed* trust level, not a pinned one: a lifecycle stage states what
 * the customer has done (bought once, bought again), and a pin is a person's judgement that is
 * shown beside it. Following the pin would let a hand-set L5 call a customer with no order a
 * 超级用户, and would move lifecycle history without any behaviour behind the move.
 */
import type { ModelConfig } from './config.ts';
import type { LifecycleEcommerce, LifecycleSales, ModelInput, ModelOutput, TrustLevel } from './types.ts';

export function ecommerceStage(input: ModelInput, computedTrust: TrustLevel): LifecycleEcommerce {
  if (computedTrust === 5) return '超级用户';
  if (input.paidOrders >= 2) return '复购';
  if (input.paidOrders === 1) return '首购';
  return '新进';
}

export function salesStage(input: ModelInput, computedTrust: TrustLevel): LifecycleSales {
  if (computedTrust === 5) return '超级用户';
  if (input.paidOrders >= 2) return '复购';
  if (input.paidOrders === 1) return '首单';
  if (computedTrust >= 3) return '意向';
  // Seed 003: 潜在 is "聊过几句、朋友圈点过赞" — a few words or a Moments like, which is the
  // trust ladder's L1 (noticed us) and L2 (acquainted); 陌生 is only L0, never replied nor interacted.
  if (computedTrust >= 1) return '潜在';
  return '陌生';
}

export function evaluateLifecycle(input: ModelInput, config: ModelConfig, computedTrust: TrustLevel): ModelOutput['lifecycle'] {
  const paths = config.lifecycle.paths;
  return {
    ecommerce: paths.includes('ecommerce') ? ecommerceStage(input, computedTrust) : null,
    sales: paths.includes('sales') ? salesStage(input, computedTrust) : null,
  };
}
