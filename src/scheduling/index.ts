/** Scheduling: mass messages with a send time, run exactly once across server processes. */
export {
  scheduleMassMessage, listScheduledSends, getScheduledSend, updateScheduledSend, cancelScheduledSend, runDueSends, SCHEDULE_STATUSES,
  type ScheduledSend, type ScheduleInput, type ScheduleChange, type ScheduleEstimate, type ScheduleStatus, type ListSchedulesOptions, type RunSchedulesResult,
} from './sends.ts';
export { startSchedulingWorker } from './worker.ts';
export {
  operationsCalendar, CALENDAR_SOURCES,
  type OperationsCalendar, type CalendarDay, type CalendarTouch, type SopStepsDay, type TasksDay, type CalendarItem, type CalendarSource,
} from './operations-calendar.ts';
