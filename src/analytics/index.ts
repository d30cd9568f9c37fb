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
/** Measurement (DESIGN §2.7): funnels and the boards, pure calculations beside their SQL. */
export {
  customerPath, summariseFunnel, groupFunnel, median, funnelStepSchema, DEFAULT_STEPS, DEFAULT_WINDOW_HOURS, FUNNEL_SPLITS, MAX_STEPS,
  type FunnelStep, type FunnelSplit, type FunnelStepResult, type FunnelGroup, type CustomerPath, type StepHit,
} from './funnel.ts';
export { runFunnel, saveFunnelAudience, funnelQuerySchema, MAX_AUDIENCE, type FunnelQuery, type FunnelResult, type FunnelAudienceInput } from './funnel-store.ts';
export { previousPeriod, executionRate, compare, rankStaff, type TaskCounts, type StaffWork } from './operations.ts';
export { operationsBoard, boardQuerySchema, boardRange, customerFilter, type BoardQuery, type OperationsBoard } from './operations-store.ts';
export {
  workingMs, percentile, responseFigures, summariseResponsiveness, owedServiceTask, parseServiceHours, weekOf, DEFAULT_SERVICE_HOURS, DEFAULT_UNANSWERED_MINUTES,
  type ServiceHours, type Ask, type ResponseFigures,
} from './responsiveness.ts';
export {
  responsivenessBoard, complaintsBoard, createUnansweredTasks, responsivenessQuerySchema,
  type ResponsivenessQuery, type ResponsivenessBoard, type ComplaintsBoard, type UnansweredOptions,
} from './service-store.ts';
export { parseContentItems, rankContent, conversion, contentItemSchema, CONTENT_TYPES, DEFAULT_ATTRIBUTION_DAYS as DEFAULT_CONTENT_ATTRIBUTION_DAYS, type ContentItem, type ContentType } from './content.ts';
export {
  contentBoard, listContentItems, saveContentItems, syncContentItems, contentQuerySchema,
  type ContentBoard, type ContentQuery, type StoredContentItem,
} from './content-store.ts';
