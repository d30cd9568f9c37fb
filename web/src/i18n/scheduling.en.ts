/** Scheduled sends, holidays and the operations calendar, in English. */
import type { schedulingZh } from './scheduling.zh.ts';

export const schedulingEn: Record<keyof typeof schedulingZh, string> = {
  'sched.when': 'Send time',
  'sched.now': 'Send now',
  'sched.later': 'Schedule',
  'sched.pickTime': 'Pick a send time',
  'sched.needTime': 'Pick a send time in the future',
  'sched.schedule': 'Schedule send',
  'sched.scheduleConfirm': 'Send at {time}? You can change or cancel it until it starts.',
  'sched.scheduled': 'Scheduled for {time}; as of now {n} customers would receive it',
  'sched.list': 'Scheduled sends',
  'sched.listHint': 'Sent once by the server at its time (once even with several servers); change or cancel it until it starts.',
  'sched.sendAt': 'Send at',
  'sched.status.scheduled': 'Scheduled',
  'sched.status.sent': 'Sent',
  'sched.status.cancelled': 'Cancelled',
  'sched.status.failed': 'Failed',
  'sched.cancel': 'Cancel send',
  'sched.cancelConfirm': 'Cancel this scheduled send?',
  'sched.cancelled': 'Cancelled',
  'sched.edit': 'Change scheduled send',
  'sched.updated': 'Changed; as of now {n} customers would receive it',
  'sched.empty': 'No scheduled sends yet',
  'sched.goMass': 'Mass message #{id}',
  'sched.createdBy': 'Created by',
  'sched.mine': 'Mine',
};
