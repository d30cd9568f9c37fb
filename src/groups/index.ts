/** Customer groups (社群): the group list, group tags, group SOPs, group mass messages and conversion. */
export {
  groupSelectionSchema, groupStepSchema, groupSopSchema, stepDueAt, selects, dueSends,
  type GroupSelection, type GroupStep, type GroupSopDefinition, type GroupFacts, type DueSend,
} from './schedule.ts';
export {
  listGroups, getGroup, setGroupTags, groupFacts, recordGroup, createGroupSop, listGroupSops, setGroupSopEnabled, createGroupMass, getGroupMass, listGroupMass, groupConversion, inviteToGroup,
  type GroupSummary, type GroupDetail, type GroupSop, type GroupMass, type GroupMassInput, type GroupConversion,
} from './groups.ts';
