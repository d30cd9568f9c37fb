/** One-click delivery: private-chat tasks handed to WeCom, one confirmation per staff member. */
export const deliveryEn = {
  'dlv.send': 'Send via WeCom',
  'dlv.sendSelected': 'Send via WeCom ({n})',
  'dlv.help': 'Today\'s private-chat tasks become WeCom messages, one per staff member and text; the staff member confirms once in WeCom and the results come back into the tasks.',
  'dlv.done': 'Handed to WeCom: {sends} message(s) to confirm, covering {tasks} task(s)',
  'dlv.refused': '{n} customer(s) refused by WeCom (not the staff member\'s contact)',
  'dlv.notContacts': '{n} task(s) are for customers who are not WeCom contacts; they stay for you to do by hand',
  'dlv.overCap': '{n} task(s) wait: the customer already had today\'s WeCom mass message (contact policy)',
  'dlv.nothing': 'Nothing to send via WeCom',
} satisfies Record<keyof typeof import('./delivery.zh.ts').deliveryZh, string>;
