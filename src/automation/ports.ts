/**
 * What automation asks of the other domains, in one place: profile conditions
 * (audiences), stage moves (journeys), SOPs (sop) and tasks (outreach).
 */
import type { Queryable } from '../store/db.ts';
import { SiyuError } from '../shared/errors.ts';
import { matchCustomers, type AudienceFilter } from '../audiences/index.ts';
import { getJourney, journeyOfTag, moveStage } from '../journeys/index.ts';
import { getSop, onStageEntered, onStageLeft, sopStageTags, startSop } from '../sop/index.ts';
import { createTasks, type TaskDraft } from '../outreach/index.ts';
import type { RuleDefinition } from './definition.ts';

export { moveStage, startSop, createTasks, journeyOfTag, onStageEntered, onStageLeft, sopStageTags, type TaskDraft };

/** The customers of `ids` who match the rule's profile condition (all of them without one). */
export async function matchCondition(q: Queryable, ws: string, filter: unknown, ids: readonly number[]): Promise<Set<number>> {
  if (filter === undefined || ids.length === 0) return new Set(ids);
  return matchCustomers(q, ws, filter as AudienceFilter, ids);
}

const notFound = (err: unknown) => err instanceof SiyuError && err.code === 'not_found';

/** Journeys, stages and SOPs the actions name exist; each problem names its field. */
export async function checkActionTargets(q: Queryable, ws: string, rule: RuleDefinition): Promise<{ path: string; message: string }[]> {
  const errors: { path: string; message: string }[] = [];
  for (const [i, a] of rule.actions.entries()) {
    if (a.type === 'moveStage') {
      try {
        const journey = await getJourney(q, ws, a.journey);
        const has = journey.stages.some((s) => s.name === String(a.stage) || s.stageId === Number(a.stage));
        if (!has) errors.push({ path: `actions[${i}].stage`, message: `journey "${journey.name}" has no stage "${a.stage}"` });
      } catch (err) {
        if (!notFound(err)) throw err;
        errors.push({ path: `actions[${i}].journey`, message: `unknown journey "${a.journey}"` });
      }
    }
    if (a.type === 'startSop') {
      try { await getSop(q, ws, a.sop); } catch (err) {
        if (!notFound(err)) throw err;
        errors.push({ path: `actions[${i}].sop`, message: `unknown SOP "${a.sop}"` });
      }
    }
  }
  return errors;
}
