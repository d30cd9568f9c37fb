// The model configuration is workspace configuration: declared once, in workspaces/.
export {
  modelConfigSchema, parseModelConfig, getModelConfig, saveModelConfig, intentKeywordIn, DEFAULT_MODEL_CONFIG,
  type ModelConfig, type ModelConfigInput,
} from '../workspaces/index.ts';
