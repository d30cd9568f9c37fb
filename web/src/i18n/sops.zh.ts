/** SOP screen: the latest deliveries. */
export const sopsZh = {
  'sb.recent': '最近的执行',
  'sb.recentNone': '还没有执行记录',
  'sb.customer': '客户',
  'sb.status.scheduled': '待发',
  'sb.status.due': '已生成任务',
  'sb.status.suppressed': '被拦下',
  'sb.status.cancelled': '已取消',
} as const;
