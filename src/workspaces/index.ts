export * from './workspaces.ts';
export { SYSTEM_CATEGORY, SYSTEM_GROUPS, SYSTEM_LABELS_EN, systemLabelEn, IMPORT_CATEGORY } from './system-taxonomy.ts';
export {
  modelConfigSchema, parseModelConfig, getModelConfig, saveModelConfig, intentKeywordIn, DEFAULT_MODEL_CONFIG,
  type ModelConfig, type ModelConfigInput,
} from './model-config.ts';
