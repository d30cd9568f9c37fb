/** Test support: a customer who has done nothing, and stats for a workspace, to override per case. */
import type { ModelInput, WorkspaceStats } from './types.ts';
import { parseTimestamp } from '../shared/time.ts';

export const TZ = 'Asia/Shanghai';

/** "2026-11-20 10:15" in Shanghai → epoch ms. */
export function at(local: string): number {
  const r = parseTimestamp(local, TZ);
  if (!r.ok) throw new Error(`bad test time ${local}: ${r.reason}`);
  return r.instant;
}

export const AS_OF = at('2026-11-25 12:00');

export function customer(over: Partial<ModelInput> = {}): ModelInput {
  return {
    customerId: 1,
    wecomFriend: true,
    addedAt: at('2026-10-01 09:00'),
    paidOrders: 0,
    paidFen: 0,
    firstPaidAt: undefined,
    lastPaidAt: undefined,
    fullyRefundedOrders: 0,
    ordersInPeriod: 0,
    chatRounds: 0,
    customerConversations: 0,
    lastPrivateChatAt: undefined,
    messagesReceived: 0,
    momentsInteractions: 0,
    groupInteractions: 0,
    contentViews: 0,
    intentHits: 0,
    lastIntent: undefined,
    complaintTimes: [],
    referrals: 0,
    lastInteractionAt: undefined,
    engagementLog2: undefined,
    pins: {},
    ...over,
  };
}

export function stats(over: Partial<WorkspaceStats> = {}): WorkspaceStats {
  return {
    asOf: AS_OF,
    customersWithOrders: 100,
    mean: { r: 60, f: 2, m: 50_000 },
    quintiles: { r: [10, 30, 60, 120], f: [1, 1, 2, 3], m: [10_000, 20_000, 40_000, 80_000] },
    monetaryTop20Fen: 120_000,
    ...over,
  };
}
