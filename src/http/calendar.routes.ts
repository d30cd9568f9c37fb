import { createRoute, z } from '@hono/zod-openapi';
import { addHolidays, listHolidays, removeHoliday } from '../calendar/index.ts';
import { operationsCalendar } from '../scheduling/index.ts';
import { scheduledSend } from './scheduling.routes.ts';
import { addDays } from '../calendar/index.ts';
import { localDate } from '../shared/time.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, json, ok } from './errors.ts';
import { principalOf, scopeOf, workspaceOf } from './principal.ts';

const workspace = z.string().optional().openapi({ description: 'Workspace id (public paths only)' });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const label = z.object({ zh: z.string(), en: z.string() });
const holiday = z.object({
  date: z.string(), name: z.string(), source: z.enum(['builtin', 'workspace']),
  holidayId: z.number().nullable().openapi({ description: 'set for a day the workspace added (to remove it); null for a built-in festival' }), label,
}).openapi('Holiday');
const calendarDay = z.object({
  date: z.string(),
  holidays: z.array(holiday),
  sopSteps: z.array(z.object({ sopId: z.number(), sop: z.string(), scheduled: z.number(), delivered: z.number(), suppressed: z.number() })),
  tasks: z.object({ pending: z.number(), done: z.number(), suppressed: z.number(), byKind: z.record(z.string(), z.number()) }),
  scheduledSends: z.array(scheduledSend),
  touches: z.array(z.object({
    ruleId: z.number(), rule: z.string(), kind: z.enum(['holiday', 'date', 'recurring']), on: z.string(), label, occurrence: z.string(),
    customers: z.number().openapi({ description: 'customers the rule would reach that day (in the caller\'s scope)' }), enabled: z.boolean(),
  })),
  items: z.array(z.object({ kind: z.string(), id: z.string(), title: z.string(), at: z.string(), status: z.string() }))
    .openapi({ description: 'other planned work (e.g. Moments posts) from the domains that plan it' }),
}).openapi('CalendarDay');

const routes = {
  holidays: createRoute({
    method: 'get', path: '/api/v1/holidays', summary: 'The holiday calendar: built-in festivals (春节, 元宵, 端午, 七夕, 中秋, 国庆; 2026–2035) and the workspace\'s own days',
    request: { query: z.object({ workspace, from: date.optional().openapi({ description: 'default today' }), to: date.optional().openapi({ description: 'default a year from from' }), name: z.string().max(40).optional() }) },
    responses: { 200: ok('Holidays by date', z.object({ items: z.array(holiday) })), ...errorResponses },
  }),
  addHolidays: createRoute({
    method: 'post', path: '/api/v1/holidays', summary: 'Add days to the workspace calendar (e.g. 会员日); a bad day is refused alone, with its row and reason',
    request: { query: z.object({ workspace }), body: json(z.object({ days: z.array(z.object({ date: z.string().max(20), name: z.string().max(100) }).strict()).min(1).max(1000) })) },
    responses: {
      200: ok('What was added', z.object({
        added: z.array(holiday), existing: z.number().openapi({ description: 'already in the calendar: nothing written' }),
        errors: z.array(z.object({ row: z.number(), field: z.string(), reason: z.string() })),
      })),
      ...errorResponses,
    },
  }),
  removeHoliday: createRoute({
    method: 'delete', path: '/api/v1/holidays/{id}', summary: 'Remove a day the workspace added (built-in festivals stay)',
    request: { params: z.object({ id: z.coerce.number().int().positive() }), query: z.object({ workspace }) },
    responses: { 200: ok('The removed day', holiday), ...errorResponses },
  }),
  calendar: createRoute({
    method: 'get', path: '/api/v1/operations-calendar',
    summary: 'The operations calendar: per day, SOP steps and tasks due, scheduled sends, holidays and the holiday / anniversary touches rules will make',
    request: { query: z.object({ workspace, from: date.optional().openapi({ description: 'default today' }), to: date.optional().openapi({ description: 'default 13 days after from; at most 62' }) }) },
    responses: { 200: ok('Days from from to to', z.object({ from: z.string(), to: z.string(), timeZone: z.string(), days: z.array(calendarDay) })), ...errorResponses },
  }),
};

export function calendarRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  const clock = () => (now ? now() : Date.now());
  const today = async (ws: string) => localDate((await requireWorkspace(db, ws)).timeZone, clock());
  router.openapi(routes.holidays, async (c) => {
    const q = c.req.valid('query');
    const ws = workspaceOf(c);
    const from = q.from ?? await today(ws);
    return c.json({ items: await listHolidays(db, ws, from, q.to ?? addDays(from, 365), q.name) }, 200);
  });
  router.openapi(routes.addHolidays, async (c) => {
    const p = principalOf(c);
    return c.json(await addHolidays(db, workspaceOf(c), c.req.valid('json').days, { by: p?.userId ?? null, now: new Date(clock()) }), 200);
  });
  router.openapi(routes.removeHoliday, async (c) => c.json(await removeHoliday(db, workspaceOf(c), c.req.valid('param').id), 200));
  router.openapi(routes.calendar, async (c) => {
    const q = c.req.valid('query');
    const ws = workspaceOf(c);
    const from = q.from ?? await today(ws);
    return c.json(await operationsCalendar(db, ws, { from, to: q.to ?? addDays(from, 13), scope: scopeOf(c) }), 200);
  });
  return router;
}
