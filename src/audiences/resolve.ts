/**
 * Resolving what a person wrote in a filter to what the store holds: tag paths and aliases
 * to tag ids, groups to group ids, journey stages to the tags that are those stages, saved
 * segments to their filters (with cycle detection). Every unknown name is an error naming
 * its place in the filter (`and[1].tag: unknown tag "会员/金"`).
 */
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { findGroup, findTag } from '../tags/index.ts';
import { getModelConfig } from '../workspaces/index.ts';
import type { CompileContext } from './compile.ts';
import { pathText, type AudienceCondition, type AudienceFilter } from './filter.ts';

export interface ResolvedFilter {
  filter: AudienceFilter;
  ctx: CompileContext;
}

const invalid = (path: (string | number)[], message: string) => new SiyuError('validation_failed', `${pathText(path)}: ${message}`, { path: pathText(path) });

/** The saved segment a reference names: a name wins over an id (like tags and groups). */
export async function findSegmentRow(q: Queryable, ws: string, ref: string | number) {
  const text = String(ref).normalize('NFC').trim();
  const rows = await q.query<{ segment_id: number; name: string; description: string | null; filter: AudienceFilter; created_by: string | null; owner_login: string | null; created_at: Date; updated_at: Date }>(
    `SELECT segment_id, name, description, filter, created_by, owner_login, created_at, updated_at FROM saved_segments
     WHERE workspace_id = $1 AND (name = $2 OR ($3::bigint IS NOT NULL AND segment_id = $3::bigint))
     ORDER BY (name = $2) DESC LIMIT 1`,
    [ws, text, typeof ref === 'number' ? ref : /^\d{1,15}$/.test(text) ? Number(text) : null],
  );
  return rows[0];
}

/** Resolve names to ids and inline saved segments; `ctx` carries the workspace's half-life and zone. */
export async function resolveFilter(
  q: Queryable, ws: string, filter: AudienceFilter, opts: { now?: number; asSegment?: string } = {},
): Promise<ResolvedFilter> {
  // One query at a time: q may be a transaction's single connection.
  const cfg = await getModelConfig(q, ws);
  const zone = await q.query<{ time_zone: string }>(`SELECT time_zone FROM workspaces WHERE workspace_id = $1`, [ws]);
  const ctx: CompileContext = { halfLifeDays: cfg.engagement.halfLifeDays, timeZone: zone[0]?.time_zone ?? 'Asia/Shanghai' };
  if (opts.now !== undefined) ctx.now = opts.now;
  const journeys = new JourneyLookup(q, ws);
  // asSegment: the filter is about to be saved under that name, so reaching it again is a cycle.
  return { filter: await resolveNode(q, ws, filter, [], opts.asSegment ? [opts.asSegment] : [], journeys), ctx };
}

async function resolveNode(q: Queryable, ws: string, f: AudienceFilter, path: (string | number)[], segments: string[], journeys: JourneyLookup): Promise<AudienceFilter> {
  const all = async (list: AudienceFilter[], key: string) => {
    const out: AudienceFilter[] = [];
    for (const [i, x] of list.entries()) out.push(await resolveNode(q, ws, x, [...path, key, i], segments, journeys));
    return out;
  };
  if ('and' in f) return { and: await all(f.and, 'and') };
  if ('or' in f) return { or: await all(f.or, 'or') };
  if ('not' in f) return { not: await resolveNode(q, ws, f.not, [...path, 'not'], segments, journeys) };
  return resolveLeaf(q, ws, f, path, segments, journeys);
}

async function resolveLeaf(q: Queryable, ws: string, c: AudienceCondition, path: (string | number)[], segments: string[], journeys: JourneyLookup): Promise<AudienceFilter> {
  switch (c.field) {
    case 'tag':
      return { ...c, tag: await tagId(q, ws, c.tag, [...path, 'tag']) };
    case 'tagGroup':
      return { ...c, group: await groupId(q, ws, c.group, [...path, 'group']) };
    case 'stage': {
      const group = await journeys.groupOf(c.journey, [...path, 'journey']);
      const positive = c.op !== 'isNot';
      if (c.stage === undefined) return { field: 'tagGroup', op: positive ? 'hasAny' : 'hasNone', group: group.groupId };
      const stage = typeof c.stage === 'number' ? c.stage : `${group.name}/${c.stage}`;
      const id = await tagId(q, ws, stage, [...path, 'stage'], `stage ${JSON.stringify(c.stage)} of journey ${JSON.stringify(c.journey)}`);
      const [inGroup] = await q.query(`SELECT 1 FROM tags WHERE workspace_id = $1 AND tag_id = $2 AND group_id = $3`, [ws, id, group.groupId]);
      if (!inGroup) throw invalid([...path, 'stage'], `tag ${c.stage} is not a stage of journey ${JSON.stringify(c.journey)}`);
      return { field: 'tag', op: positive ? 'has' : 'lacks', tag: id };
    }
    case 'segment': {
      const row = await findSegmentRow(q, ws, c.segment);
      if (!row) throw invalid([...path, 'segment'], `unknown saved segment ${JSON.stringify(c.segment)}`);
      if (segments.includes(row.name)) {
        throw invalid([...path, 'segment'], `saved segments refer to each other in a cycle: ${[...segments, row.name].join(' → ')}`);
      }
      const inner = await resolveNode(q, ws, row.filter, [], [...segments, row.name], journeys).catch((e: unknown) => {
        if (e instanceof SiyuError && e.code === 'validation_failed' && !/cycle/.test(e.message)) {
          throw invalid([...path, 'segment'], `saved segment "${row.name}": ${e.message}`);
        }
        throw e;
      });
      return c.op === 'notIn' ? { not: inner } : inner;
    }
    default:
      return c;
  }
}

async function tagId(q: Queryable, ws: string, ref: string | number, path: (string | number)[], what?: string): Promise<number> {
  try {
    return (await findTag(q, ws, ref)).tagId;
  } catch (e) {
    if (e instanceof SiyuError && (e.code === 'not_found' || e.code === 'bad_request')) {
      throw invalid(path, `unknown ${what ?? `tag ${JSON.stringify(ref)}`}${e.code === 'bad_request' ? ` (${e.message})` : ''}`);
    }
    throw e;
  }
}

async function groupId(q: Queryable, ws: string, ref: string | number, path: (string | number)[]): Promise<number> {
  try {
    return (await findGroup(q, ws, ref)).groupId;
  } catch (e) {
    if (e instanceof SiyuError && e.code === 'not_found') throw invalid(path, `unknown tag group ${JSON.stringify(ref)}`);
    throw e;
  }
}

/**
 * A journey is found in the journeys table (migration 004) when it exists, by name or id;
 * otherwise — or when no journey has that name — the journey's exclusive tag group by name.
 */
class JourneyLookup {
  #rows: Promise<{ journey_id?: number; name?: string; group_id?: number }[]> | undefined;
  readonly #q: Queryable;
  readonly #ws: string;
  constructor(q: Queryable, ws: string) {
    this.#q = q;
    this.#ws = ws;
  }

  async groupOf(ref: string | number, path: (string | number)[]): Promise<{ groupId: number; name: string }> {
    this.#rows ??= this.#load();
    const text = String(ref).normalize('NFC').trim();
    const rows = await this.#rows;
    const j = rows.find((r) => r.name === text) ?? rows.find((r) => r.journey_id !== undefined && String(r.journey_id) === text);
    const groupRef: string | number = j?.group_id !== undefined ? Number(j.group_id) : text;
    try {
      const g = await findGroup(this.#q, this.#ws, groupRef);
      return { groupId: g.groupId, name: g.name };
    } catch (e) {
      if (e instanceof SiyuError && e.code === 'not_found') throw invalid(path, `unknown journey ${JSON.stringify(ref)}`);
      throw e;
    }
  }

  async #load() {
    const [exists] = await this.#q.query<{ t: string | null }>(`SELECT to_regclass('journeys')::text AS t`);
    if (!exists?.t) return [];
    return this.#q.query<{ journey_id?: number; name?: string; group_id?: number }>(`SELECT * FROM journeys WHERE workspace_id = $1`, [this.#ws]);
  }
}
