/**
 * What the demo's channels and campaigns cost: each channel's fixed and traffic cost per
 * calendar month (traffic spend moving with the season), each campaign's budget over its
 * week, and the Douyin live room's monthly lucky-bag budget — so cost per follower and ROI
 * tell something (朋友圈广告 buys followers dearly, 老带新 cheaply). Pure.
 */
import { CAMPAIGNS } from './catalogue.ts';
import type { DemoData } from './generate.ts';

export interface DemoCost {
  kind: 'channel' | 'campaign';
  key: string;
  from: string;
  to: string;
  fixedFen: number;
  trafficFen: number;
  note: string;
}

const DAY_MS = 86_400_000;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;

/** Calendar months touching [startDate, endDate). */
function months(startDate: string, endDate: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let y = Number(startDate.slice(0, 4)), m = Number(startDate.slice(5, 7));
  for (;;) {
    const from = `${y}-${String(m).padStart(2, '0')}-01`;
    if (from >= endDate) return out;
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    out.push({ from, to: dayOf(dayNumber(next) - 1) });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

const CAMPAIGN_BUDGET_FEN: Record<string, number> = { 'tasting-day': 80_000, 'member-day': 150_000, 'fruit-festival': 300_000, 'giftbox-presale': 500_000 };

export function demoCosts(data: Pick<DemoData, 'channels' | 'startDate' | 'endDate'>): DemoCost[] {
  const out: DemoCost[] = [];
  const ms = months(data.startDate, data.endDate);
  for (const c of data.channels) {
    ms.forEach((mo, i) => {
      // Traffic spend rises towards the year-end season: 80 % in the first month, 120 % in the last.
      const factor = ms.length > 1 ? 0.8 + (0.4 * i) / (ms.length - 1) : 1;
      out.push({ kind: 'channel', key: c.channel, ...mo, fixedFen: c.fixedCostFen, trafficFen: Math.round(c.trafficCostFen * factor), note: `${c.name} ${mo.from.slice(0, 7)}` });
    });
  }
  const days = dayNumber(data.endDate) - dayNumber(data.startDate);
  for (const c of CAMPAIGNS) {
    const start = dayNumber(data.startDate) + Math.floor(c.at * days);
    out.push({ kind: 'campaign', key: c.campaignId, from: dayOf(start), to: dayOf(start + 6), fixedFen: Math.round((CAMPAIGN_BUDGET_FEN[c.campaignId] ?? 0) * 0.3), trafficFen: Math.round((CAMPAIGN_BUDGET_FEN[c.campaignId] ?? 0) * 0.7), note: c.name });
  }
  for (const mo of ms) out.push({ kind: 'campaign', key: 'live-lucky-bag', ...mo, fixedFen: 0, trafficFen: 200_000, note: '直播福袋' });
  return out;
}
