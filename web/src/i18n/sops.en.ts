/** SOP screen: the latest deliveries. */
import type { sopsZh } from './sops.zh.ts';

export const sopsEn: Record<keyof typeof sopsZh, string> = {
  'sb.recent': 'Latest deliveries',
  'sb.recentNone': 'Nothing delivered yet',
  'sb.customer': 'Customer',
  'sb.status.scheduled': 'scheduled',
  'sb.status.due': 'task made',
  'sb.status.suppressed': 'suppressed',
  'sb.status.cancelled': 'cancelled',
};
