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
export { parseContentItems, rankContent, conversion, contentItemSchema, CONTENT_TYPES, DEFAULT_ATTRIBUTION_DAYS, type ContentItem, type ContentType } from './content.ts';
export {
  contentBoard, listContentItems, saveContentItems, syncContentItems, contentQuerySchema,
  type ContentBoard, type ContentQuery, type StoredContentItem,
} from './content-store.ts';
