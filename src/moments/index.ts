/** Moments (客户朋友圈): posts planned on a calendar, the per-staff daily limit, comment tasks for L0/L1 customers. */
export { DEFAULT_PER_STAFF_DAILY, dailyLimitProblems, momentTaskBody, momentTextProblem, momentEvents, type LimitProblem, type MomentInteraction } from './plan.ts';
export {
  POST_STATUSES, STAFF_STATUSES, momentPlanSchema, planMomentPost, recordPublishedPost, getMomentPost, listMomentPosts, cancelMomentPost, getMomentSettings, setMomentSettings,
  type MomentPost, type MomentPlanInput, type PostStatus, type ListMomentsOptions,
} from './moments.ts';
export { createMomentCommentTasks, isoWeek, type CommentTasksInput } from './comment-tasks.ts';
