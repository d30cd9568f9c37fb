/**
 * A small worked dataset for the audience tests, made the way production makes it (events
 * through intake; tags through the tags domain), plus the explicit profile fields an import
 * would set. Six people; one of them merged into another.
 */
import { ingestEvents } from '../events/index.ts';
import type { Db } from '../store/db.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { addAlias, createCategory, createGroup, createTag, tagCustomers } from '../tags/index.ts';
import { ensureWorkspace } from '../workspaces/index.ts';

export const WS = 'aud';
export const NOW = Date.parse('2026-11-20T04:00:00Z');
const STAFF = { kind: 'staff' as const, id: 'boss' };

export interface AudienceFixture {
  store: TestStore;
  db: Db;
  /** 王芳 (buyer, 金卡, zhang), 李雷 (li, old friend, chats), 韩梅 (shop buyer, phone only), 张伟 (zhang, new), 赵敏 (li, new); dup merged into 张伟. */
  id: { wang: number; li: number; han: number; zhang: number; zhao: number; dup: number };
}

export async function openAudienceFixture(): Promise<AudienceFixture> {
  const store = await openTestStore();
  const db = store.db;
  await ensureWorkspace(db, { workspaceId: WS });
  const ev = (id: string, type: string, at: string, customer: Record<string, unknown>, data: Record<string, unknown> = {}, staffId?: string) => ({
    id, type, occurredAt: at, customer, data, ...(staffId ? { staffId } : {}),
  });
  const chat = (n: number, who: string, staff: string) => Array.from({ length: n }, (_, i) => [
    ev(`${who}-in-${i}`, 'message.received', `2026-11-1${i % 9}T02:00:00Z`, { externalUserId: `wm-${who}` }, { conversationId: `${who}-c${i}` }, staff),
    ev(`${who}-out-${i}`, 'message.sent', `2026-11-1${i % 9}T02:05:00Z`, { externalUserId: `wm-${who}` }, { conversationId: `${who}-c${i}` }, staff),
  ]).flat();
  const events = [
    ev('w-add', 'contact.added', '2026-11-01T02:00:00Z', { externalUserId: 'wm-wang', phone: '13800138000', name: '王芳' }, { channel: 'store' }, 'zhang'),
    ev('w-o1', 'order.paid', '2026-11-05T02:00:00Z', { externalUserId: 'wm-wang' }, { orderId: 'o-w1', amount: '200.00' }),
    ev('w-o2', 'order.paid', '2026-11-15T02:00:00Z', { externalUserId: 'wm-wang' }, { orderId: 'o-w2', amount: '100.50' }),
    ev('l-add', 'contact.added', '2026-06-01T02:00:00Z', { externalUserId: 'wm-li', name: '李雷' }, { channel: 'ads' }, 'li'),
    ...chat(4, 'li', 'li'),
    ev('h-o1', 'order.paid', '2026-10-01T02:00:00Z', { phone: '13900139000', name: '韩梅' }, { orderId: 'o-h1', amount: '50' }),
    ev('z-add', 'contact.added', '2026-11-10T02:00:00Z', { externalUserId: 'wm-zhang', name: '张伟' }, { channel: 'store' }, 'zhang'),
    ev('zm-add', 'contact.added', '2026-11-12T02:00:00Z', { externalUserId: 'wm-zhao', name: '赵敏' }, { channel: 'ads' }, 'li'),
    ev('d-add', 'contact.added', '2026-11-11T02:00:00Z', { externalUserId: 'wm-dup', name: '张伟' }, { channel: 'store' }, 'zhang'),
    ev('d-o1', 'order.paid', '2026-11-11T03:00:00Z', { externalUserId: 'wm-dup' }, { orderId: 'o-d1', amount: '999' }),
  ];
  const r = await ingestEvents(db, WS, events, { now: NOW });
  if (r.rejected.length > 0) throw new Error(`fixture: ${JSON.stringify(r.rejected)}`);
  const idOf = async (kind: string, value: string) =>
    Number((await db.query<{ customer_id: number }>(`SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = $2 AND value = $3`, [WS, kind, value]))[0]!.customer_id);
  const id = {
    wang: await idOf('external_user_id', 'wm-wang'), li: await idOf('external_user_id', 'wm-li'), han: await idOf('phone', '+8613900139000'),
    zhang: await idOf('external_user_id', 'wm-zhang'), zhao: await idOf('external_user_id', 'wm-zhao'), dup: await idOf('external_user_id', 'wm-dup'),
  };
  // What an import or a staff member sets explicitly.
  await db.query(`UPDATE customers SET gender = 'female' WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`, [WS, [id.wang, id.han, id.zhao]]);
  await db.query(`UPDATE customers SET gender = 'male' WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`, [WS, [id.li, id.zhang, id.dup]]);
  await db.query(`UPDATE customers SET owner_staff = 'li' WHERE workspace_id = $1 AND customer_id = $2`, [WS, id.han]);

  await createCategory(db, WS, '客户属性', STAFF);
  await createGroup(db, WS, { name: '会员', category: '客户属性', exclusive: true }, STAFF);
  for (const t of ['金卡', '银卡']) await createTag(db, WS, '会员', t, STAFF);
  await addAlias(db, WS, '会员/金卡', 'gold', STAFF);
  await createGroup(db, WS, { name: '购买频次', category: '客户属性', exclusive: true }, STAFF);
  for (const t of ['尚未购买', '已购买']) await createTag(db, WS, '购买频次', t, STAFF);
  const tag = (t: string, ids: number[]) => tagCustomers(db, WS, { customerIds: ids, tag: t, source: 'staff', actor: STAFF, now: new Date(NOW) });
  await tag('会员/金卡', [id.wang, id.dup]);
  await tag('会员/银卡', [id.han]);
  await tag('购买频次/已购买', [id.wang, id.han]);
  await tag('购买频次/尚未购买', [id.li, id.zhang, id.zhao]);
  // Merged after it was tagged: what it held stays on its own (dead) record.
  await db.query(`UPDATE customers SET merged_into = $2 WHERE workspace_id = $1 AND customer_id = $3`, [WS, id.zhang, id.dup]);
  return { store, db, id };
}
