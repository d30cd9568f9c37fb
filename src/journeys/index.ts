export { JOURNEY_TEMPLATES, TEMPLATE_KEYS, TEMPLATE_LABELS_EN, JOURNEY_CATEGORY, INTEREST_GROUP, PROFILE_CATEGORY, templateOf, labelEn, type JourneyTemplate, type TemplateKey } from './templates.ts';
export { checkDefinition, directionOf, planReorder, MAX_STAGES, type Direction, type JourneyDefinition, type StageDefinition } from './rules.ts';
export {
  listJourneys, getJourney, stageOf, createJourney, installTemplate, updateJourney, deleteJourney, addStage, updateStage, reorderStages, removeStage,
  journeyOfTag, listTemplates, type Journey, type Stage, type TemplateInfo,
} from './journeys.ts';
export { moveStage, leaveJourney, type MoveInput, type MoveResult, type LeaveInput } from './moves.ts';
export {
  customerJourneys, stageHistory, stageStats, stageCounts, stageCards, journeyBoard, MAX_CARDS,
  type CustomerJourneyPosition, type StageStay, type StageStats, type StageCard,
} from './queries.ts';
export { seedDemoJourneys } from './demo.ts';
