export { generateDemo, DEFAULT_CUSTOMERS, MAX_CUSTOMERS, type DemoOptions, type DemoData, type DemoPerson } from './generate.ts';
export { loadDemo, hasCustomers, DEFAULT_BATCH, DEMO_ACTOR, type LoadDemoOptions, type LoadDemoResult } from './load.ts';
export { PERSONAS, MIN_CUSTOMERS, type Persona } from './personas.ts';
export { INTENT_KEYWORDS } from './catalogue.ts';
export { PROFILE_CATEGORY, AUDIENCE_GROUP, INTEREST_GROUP } from './profiles.ts';
export { seedDemoOperations, type DemoOperationsResult } from './operations.ts';
export { ensureDemoStaffAccounts, formatDemoAccounts, type DemoAccount } from './accounts.ts';
