/**
 * The console's one data-fetching pattern: TanStack Query over the API client. Answers are
 * cached per key, a failed read is retried (not a 4xx: the server said no on purpose), and
 * every screen reads {data, error, isPending} the same way.
 */
import { QueryClient, useQuery, type QueryKey } from '@tanstack/react-query';
import { ApiError } from './client.ts';
import { client, unwrap, type Answer } from './typed.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
    },
  },
});

/** One screen's data: {data, error, loading, reload} over useQuery, the same on every screen. */
export interface Loaded<T> { data: T | undefined; error: unknown; loading: boolean; pending: boolean; reload(): void }
export function useApiQuery<T>(key: QueryKey, fn: () => Promise<T>, opts: { enabled?: boolean } = {}): Loaded<T> {
  const q = useQuery({ queryKey: key, queryFn: fn, ...opts });
  return { data: q.data, error: q.error ?? undefined, loading: q.isFetching, pending: q.isPending, reload: () => void q.refetch() };
}

export type KnownStaff = Answer<'/api/v1/staff'>['items'][number];

/** The workspace's known staff (WeCom staff, owners, accounts), for pickers and labels. */
export function useStaff() {
  return useQuery({ queryKey: ['staff'], queryFn: async () => unwrap(await client.GET('/api/v1/staff')).items, staleTime: 5 * 60_000 });
}

/** A staff id as a person reads it: their name (and the id, to tell namesakes apart). */
export function useStaffName(): (staffId: string | null | undefined) => string {
  const { data } = useStaff();
  return (id) => {
    if (!id) return '—';
    const hit = data?.find((s) => s.staffId === id);
    return hit?.name ? hit.name : id;
  };
}

export function staffOptions(staff: KnownStaff[] | undefined): { value: string; label: string }[] {
  return (staff ?? []).map((s) => ({ value: s.staffId, label: s.name ? `${s.name}（${s.staffId}）` : s.staffId }));
}

export type KnownChannel = Answer<'/api/v1/channels'>['items'][number];

/** Acquisition channels with their names. */
export function useChannels() {
  return useQuery({ queryKey: ['channels'], queryFn: async () => unwrap(await client.GET('/api/v1/channels')).items, staleTime: 5 * 60_000 });
}

/** A channel code as a person reads it: its name where the workspace gave one. */
export function useChannelName(): (code: string | null | undefined) => string {
  const { data } = useChannels();
  return (code) => (!code ? '—' : data?.find((c) => c.channel === code)?.name ?? code);
}

/** A phone number grouped for reading: +86 138 0013 8000 (masked digits stay masked). */
export function fmtPhone(v: string | null | undefined): string {
  if (!v) return '—';
  const m = /^(\+86)?(\d{3})([\d*]{4})([\d*]{4})$/.exec(v.replace(/[\s-]/g, ''));
  return m ? `${m[1] ? '+86 ' : ''}${m[2]} ${m[3]} ${m[4]}` : v;
}

/**
 * English names the product defines for journeys and their stages (the templates' labelEn),
 * by the journey's group name and by stage path; the Chinese name stays where none is defined.
 */
export function useJourneyLabels(): { group(name: string): string | undefined; stage(path: string): string | undefined } {
  const { data } = useQuery({ queryKey: ['journey-labels'], queryFn: async () => unwrap(await client.GET('/api/v1/journeys')).items });
  return {
    group: (name) => data?.find((j) => j.name === name)?.labelEn ?? undefined,
    stage: (path) => data?.flatMap((j) => j.stages).find((st) => st.path === path)?.labelEn ?? undefined,
  };
}
