export { checkName, parseTagRef, parseTagPath, parseExpiry, tagPath, MAX_NAME_LENGTH, type TagRef } from './names.ts';
export { findTag, findGroup, findCategory, type TagInfo, type GroupInfo, type CategoryInfo } from './refs.ts';
export {
  listTaxonomy, createCategory, renameCategory, deleteCategory, createGroup, renameGroup, deleteGroup, createTag, renameTag, deleteTag,
  type CategoryNode, type GroupNode, type TagNode,
} from './taxonomy.ts';
export { addAlias, removeAlias, mergeTags, type MergeResult } from './merge.ts';
export {
  tagCustomers, untagCustomers, purgeExpiredTags, MAX_REASON_LENGTH,
  type TagSource, type TagCustomersInput, type TagCustomersResult, type UntagCustomersInput, type UntagCustomersResult,
} from './tagging.ts';
export { addTagsByPath, type BulkProvenance } from './bulk.ts';
