export * from './workspaces.ts';
export { SYSTEM_CATEGORY, SYSTEM_GROUPS, IMPORT_CATEGORY } from './system-taxonomy.ts';
