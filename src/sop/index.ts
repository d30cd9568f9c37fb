/** SOPs (标准作业流程): per-stage timed steps, delivered exactly once per customer and round. */
export {
  sopDefinitionSchema, stepSchema, checkSopDefinition, parseSopDefinition, parseSopFile, fieldPath, CHANNELS, PURPOSES,
  type SopDefinition, type SopStep, type StageRef, type FieldIssue, type Channel, type Purpose,
} from './definition.ts';
export { dueTime, decideEntry, renderContent, variablesIn, dedupeKey, VARIABLES, type EntryDecision, type Reentry } from './schedule.ts';
export { createSop, updateSop, saveSop, getSop, listSops, deleteSop, exportSops, sopFile, resolveStage, sopStageTags, type Sop } from './sops.ts';
export { onStageEntered, onStageLeft, startSop, setSopEnabled, enrollCurrentMembers, type StageChange, type EnrollResult } from './enroll.ts';
export { runDueSteps, startSopWorker, type RunDueResult, type DeliveryOutcome } from './deliver.ts';
export { sopDeliveries, type SopDeliveryReport } from './report.ts';
export { dryRunSop, type SopDryRun } from './dry-run.ts';
