export * from './pure.ts';
export * from './types.ts';
export { evaluateCustomers, loadInputs, loadStats, refreshStats, readStats, writeOutputs, DIMENSIONS, type ModelCause, type ModelDimension, type WriteResult } from './store.ts';
export { recompute, listRuns, queueRecompute, hasQueuedRecompute, type RecomputeResult, type RecomputeOptions, type ModelRun } from './recompute.ts';
export {
  getCustomerModels, setPin, setModelConfig, segmentDistribution, undoMerge, modelMovement, MOVEMENT_MODELS,
  type Movement, type MovementModel,
  type CustomerModels, type Distribution, type PinModel,
} from './service.ts';
export type { Actor as ModelActor } from '../customers/index.ts';
export { getModelConfig, parseModelConfig, DEFAULT_MODEL_CONFIG, type ModelConfig } from './config.ts';
export {
  fitWorkspaceClv, predictAll, saveClv, refitClv, getCustomerClv, listClvFits, loadClvStats, defaultHorizon, parseCalibrationEnd, parseUnit,
  clvDistribution, listClvPredictions, CLV_EDGES,
  CLV_DEFAULTS, type ClvDistribution, type ClvListItem, type ClvFit, type ClvFitted, type ClvStats, type ClvPredictions, type CustomerClv, type StoredClvFit, type ClvOptions,
} from './clv-store.ts';
