export { type Identity, type IdentityKind, identityKey } from './identity.ts';
export { resolveCustomers } from './resolve.ts';
export { applyEvents, rebuildCustomers, type ResolvedEvent } from './apply.ts';
export {
  isPrivateMessage, deltaOf, combine, emptyDelta, extendConversation,
  type AggregateDelta, type ConversationMessage, type ConversationState,
} from './aggregates.ts';
export { mergeCustomers, splitMerge, listMerges, audit, type Actor, type ActorKind, type MergeRecord } from './merge.ts';
export { getCustomer, currentCustomerId, customerInScope, visibleCustomerId, identitiesFor, type ReadAccess, findCustomerByIdentity, customerTags, aggregatesView, type CustomerProfile, type CustomerTag } from './profile.ts';
export { exportCustomers, toCsv, type ExportRecord } from './export.ts';
export { customerTimeline, TIMELINE_KINDS, type TimelineEntry, type TimelineKind, type TimelinePage, type TimelineOptions } from './timeline.ts';
export { customerOrders, type CustomerOrder } from './orders.ts';
