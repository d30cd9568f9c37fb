/** 一键发送：把私聊任务交给企微，员工在企微里确认一次。 */
export const deliveryZh = {
  'dlv.send': '一键发到企微',
  'dlv.sendSelected': '发到企微（{n}）',
  'dlv.help': '今天到期的私聊任务按员工和内容合并成企微群发助手消息，员工在企微里确认一次即可发出；发送结果会回写到任务。',
  'dlv.done': '已交给企微：{sends} 条待确认消息，覆盖 {tasks} 个任务',
  'dlv.refused': '{n} 个客户被企微拒绝（不是该员工的客户）',
  'dlv.notContacts': '{n} 个任务的客户不是企微好友，仍待手动处理',
  'dlv.overCap': '{n} 个任务的客户今天已收到企微群发（触达规则），改天再发',
  'dlv.nothing': '没有可发到企微的任务',
};
