/** Measurement: history that is true at each date, and the boards read from it. */
export {
  SNAPSHOT_MODELS, NO_CHANNEL, bucketOf, trendOf, inputsByDay, ordersAt, existsFrom, replayCustomer, SnapshotCounts,
  type SnapshotModel, type SnapshotDim, type Interval, type CustomerFacts, type FactOrder, type Day,
} from './history.ts';
export {
  ensureSnapshots, distributionAsOf, snapshotDistribution, customerTrend, dayEnd, addDays, VALUE_ORDER,
  type SnapshotResult, type EnsureOptions, type Trend,
} from './history-store.ts';
export {
  periodOf, daysOf, change, rate, retention, heatOf, rankCampaigns, MAX_RANGE_DAYS, RETENTION_DAYS, DEFAULT_ATTRIBUTION_DAYS,
  type Period, type CampaignFigures,
} from './acquisition.ts';
export { acquisitionBoard, type AcquisitionBoard, type BoardFilters, type ChannelRow, type Totals } from './acquisition-store.ts';
export {
  parseCost, costInRange, costPerFollower, roiOf, paybackDays, COST_KINDS,
  type CostKind, type CostPeriod, type CostInput,
} from './roi.ts';
export { setCost, removeCost, listCosts, roiBoard, type StoredCost, type RoiBoard, type RoiRow } from './roi-store.ts';
export { DEFAULT_CHURN_REASONS, NOT_RECORDED, parseChurnReasons, reasonShares, tenureDays } from './churn.ts';
export { churnReport, recordChurnReason, getChurnReasons, setChurnReasons, type ChurnEntry, type ChurnReport } from './churn-store.ts';
