/** Outreach: staff tasks, the contact policy, mass messages (群发) and the daily focus list. */
export {
  createTasks, listTasks, getTask, setTaskStatus, cancelTasks, assertTaskInScope, rescheduleTasks, TASK_KINDS, TASK_STATUSES, TASK_SOURCE_TYPES,
  type TaskDraft, type Task, type TaskKind, type TaskStatus, type TaskSourceType, type CreateTasksResult, type ListTasksOptions,
  type DueFilter, type DoneStatus, type CancelSelection, type TaskHistoryEntry,
} from './tasks.ts';
export { staffStats, suppressionCounts, type StaffStats, type SuppressionCount } from './stats.ts';
export {
  decideTouch, quietHoursEnd, DEFAULT_CONTACT_POLICY, SUPPRESS_LABELS,
  type ContactPolicy, type PolicyDecision, type Touch, type CustomerContactState, type SuppressCode, type Purpose, type Channel,
} from './policy.ts';
export { contactPolicySchema, parseContactPolicy, getContactPolicy, setContactPolicy, updateContactPolicy, type ContactPolicyInput } from './policy-config.ts';
export { sendMassMessage, sendMassMessageIn, checkMassInput, contentKeyOf, maskName, type MassMessageInput, type MassMessagePlan, type SuppressedGroup } from './mass.ts';
export {
  listMassMessages, getMassMessage, recordRecipientResults,
  type MassMessage, type StaffProgress, type Recipient, type RecipientStatus,
} from './mass-progress.ts';
export { focusList } from './focus.ts';
export { rankFocus, focusValue, DEFAULT_FOCUS_OPTIONS, type FocusEntry, type FocusCandidate, type FocusOptions, type FocusReasonCode } from './focus-rank.ts';
export { knownChannels, knownStaff, type KnownChannel, type KnownStaff } from './staff.ts';
