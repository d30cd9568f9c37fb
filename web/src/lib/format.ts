import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

export const TIME_ZONE = 'Asia/Shanghai';

export function fmtDateTime(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  return dayjs(v).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm');
}
export function fmtDate(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  return dayjs(v).tz(TIME_ZONE).format('YYYY-MM-DD');
}
export function fromNow(v: string | null | undefined): string {
  return v ? dayjs(v).fromNow() : '—';
}
export function todayInZone(): string {
  return dayjs().tz(TIME_ZONE).format('YYYY-MM-DD');
}
/** The instants that bound the last `n` days up to the end of today, in the workspace's zone. */
export function lastDays(n: number): { from: string; to: string } {
  const end = dayjs().tz(TIME_ZONE).endOf('day');
  return { from: end.subtract(n, 'day').toISOString(), to: end.toISOString() };
}
export function daysAgo(n: number): string {
  return dayjs().tz(TIME_ZONE).subtract(n, 'day').format('YYYY-MM-DD');
}
export function setDayjsLocale(lang: 'zh' | 'en'): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}
export function fmtNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}
export function fmtPercent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}
/** Colour per trust level, low → high. */
export const TRUST_COLORS = ['#8c8c8c', '#69a1e8', '#2f7de1', '#13a38b', '#389e0d', '#d48806'];
export const TIER_COLORS: Record<string, string> = { 普通: 'default', 一般价值: 'blue', 中等价值: 'cyan', 高价值: 'green', 核心: 'gold' };
export function maskPhone(v: string): string {
  return v.replace(/(\d{3})\d{4}(\d{4})$/, '$1****$2');
}
