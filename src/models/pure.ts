/** The models' pure core: evaluation, statistics, incremental engagement, calendar windows, guidance. */
export { evaluate, evidenceText } from './evaluate.ts';
export { evaluateTrust, computeTrustLevel, yuan, type TrustResult } from './trust.ts';
export { evaluateLifecycle, ecommerceStage, salesStage } from './lifecycle.ts';
export { evaluateRfm, rfmSegment, recencyDays, quintileScore, recencyScore, type RfmResult } from './rfm.ts';
export { evaluateValueTier, computeValueTier, type ValueTierResult } from './value-tier.ts';
export { engagementPoints, addEngagement, engagementScore } from './engagement.ts';
export {
  computeStats, computeStatsAsync, createStatsAccumulator, nearestRank,
  type StatsRow, type StatsColumns, type StatsAccumulator,
} from './stats.ts';
export { windowStart, withinDays, dayNumber, calendarDaysBetween, monthDay, civilFromDays, isInstant } from './calendar.ts';
export {
  GUIDANCE, guidanceFor,
  type Guidance, type GuidanceEntry, type GuidanceCatalogue, type GuidanceModel, type GuidanceValue, type Lang,
} from './guidance.ts';
export {
  pAlive, expectedPurchases, expectedSpend, clvValue, predictCustomer, bgnbdLogLikelihood, gammaGammaLogLikelihood, lnGamma,
  UNITS_PER_MONTH, UNIT_DAYS,
  type BgNbdParams, type GammaGammaParams, type ClvCustomer, type ClvUnit, type ClvPrediction,
} from './clv.ts';
export { fitBgNbd, fitGammaGamma, groupCustomers, nelderMead, type BgNbdFit, type GammaGammaFit, type ClvGroups } from './clv-fit.ts';
