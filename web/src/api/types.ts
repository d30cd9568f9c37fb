/**
 * Shapes of the API answers the console reads: the server's own schemas, generated from
 * /openapi.json into schema.d.ts (npm run gen:api). Never copied by hand: a changed answer
 * then fails the console's typecheck instead of a screen.
 */
import type { Schemas } from './typed.ts';

export type Guidance = Schemas['Guidance'];
export type GuidanceZhEn = Schemas['GuidanceZhEn'];
export type Evidence = Schemas['Evidence'];
export type CustomerModels = Schemas['CustomerModels'];
export type Customer = Schemas['Customer'];
export type CustomerTag = Customer['tags'][number];
export type Placement = CustomerModels['lifecycle']['ecommerce'];
export type Distribution = Schemas['SegmentDistribution'];
export type Bucket = Distribution['models']['trust'][number];
export type TagTree = Schemas['TagTree'];
export type ModelRun = Schemas['ModelRun'];
export type Sop = Schemas['Sop'];
export type Task = Schemas['Task'];
export type FocusEntry = Schemas['FocusEntry'];
export type Rule = Schemas['AutomationRule'];
export type RuleDryRun = Schemas['RuleDryRun'];
export type User = Schemas['User'];
