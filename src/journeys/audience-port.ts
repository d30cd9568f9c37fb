/** The audiences surface journeys use (entry conditions, board filters), in one place. */
export { audienceFilterSchema, compileFilter, matchCustomers, type AudienceFilter } from '../audiences/index.ts';
