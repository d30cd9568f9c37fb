export {
  audienceFilterSchema, parseFilter, walk as walkFilter, pathText, MAX_DEPTH, MAX_LEAVES,
  type AudienceFilter, type AudienceCondition,
} from './filter.ts';
export { describeFields, type FieldDescription, type Label } from './fields.ts';
export { compileFilter, type CompileContext, type CompiledFilter } from './compile.ts';
export { resolveFilter, type ResolvedFilter } from './resolve.ts';
export { countAudience, matchCustomers, audienceCustomerIds, audienceWhere, withoutJit, type AudienceOptions } from './query.ts';
export {
  listCustomers, parseSort, SORT_KEYS,
  type CustomerListItem, type CustomerPage, type CustomerSort, type ListCustomersOptions, type SortKey,
} from './list.ts';
export { saveSegment, listSegments, getSegment, deleteSegment, type SavedSegment, type SaveSegmentInput } from './segments.ts';
