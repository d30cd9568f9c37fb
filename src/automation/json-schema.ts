import { z } from 'zod';
import { ruleDefinitionSchema } from './definition.ts';

/** The published JSON Schema of a rule file (what editors and reviewers validate against). */
export function ruleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ruleDefinitionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
