export {
  ruleDefinitionSchema, triggerSchema, actionSchema, predicateSchema, parseRuleDefinition, MODEL_NAMES,
  type RuleDefinition, type RuleDefinitionInput, type Trigger, type Action, type Predicate,
} from './definition.ts';
export { DEFAULT_MAX_DEPTH, type Signal, type SignalKind } from './match.ts';
export {
  saveRule, importRules, rulesOfFile, getRule, listRules, setRuleEnabled, deleteRule, exportRules, listRuleRuns, validateRule,
  type Rule, type RuleRun, type SaveResult,
} from './rules.ts';
export { processSignals, drainSignals, startAutomationWorker, notifyAutomation, type ProcessOptions, type ProcessResult, type AutomationWorker } from './worker.ts';
export { runTimers } from './timers.ts';
export { deliverWebhooks, signBody, backoffSeconds, MAX_ATTEMPTS } from './webhooks.ts';
export { getWebhookTargets, setWebhookTargets, type WebhookTargets } from './webhook-targets.ts';
export { dryRunRule, replayRule, parseRangeBound, type DryRunResult, type ReplayResult } from './dry-run.ts';
export { ruleJsonSchema } from './json-schema.ts';
