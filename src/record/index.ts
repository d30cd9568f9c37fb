/** The customer record: remark and description (synced with WeCom), region, birthday, age band, custom fields, follow-up log. */
export {
  AGE_BANDS, AGE_BAND_LABELS, FIELD_TYPES, FOLLOWUP_TYPES, REMARK_MAX, DESCRIPTION_MAX, ageBandOf, checkAgeBand, checkDate, checkText,
  checkFieldValue, checkDefinition, fieldValueText, type AgeBand, type FieldType, type FieldDefinition, type FieldValue, type FollowupType,
} from './values.ts';
export {
  getRecord, updateRecord, writeRecord, checkPatch, listFields, defineField, removeField, dateText,
  type CustomerRecord, type RecordPatch, type PatchProblem,
} from './record-store.ts';
export { addFollowup, listFollowups, checkFollowup, type Followup, type FollowupInput } from './followups.ts';
