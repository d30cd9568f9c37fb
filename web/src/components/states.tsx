import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n, type MsgKey } from '../i18n/index.tsx';

/** Field paths a validation error names ("steps[2].window.start"), from its details. */
function fieldsOf(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return [...new Set(details.map((d: { path?: unknown }) => (typeof d?.path === 'string' ? d.path : '')).filter((p) => p && p !== 'request'))];
}

/**
 * An error as the person reads it, in the console's language: by the API's stable code, never
 * the server's English message (that stays in the browser console for whoever debugs).
 */
export function errorText(e: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (e instanceof ApiError) {
    if (e.code === 'network') return t('state.network');
    const known: Record<string, MsgKey> = {
      unauthorized: 'err.unauthorized', forbidden: 'common.forbidden', not_found: 'err.not_found', conflict: 'err.conflict',
      rate_limited: 'err.rate_limited', payload_too_large: 'err.payload_too_large', store_locked: 'err.busy', store_unavailable: 'err.busy',
      upstream_failed: 'err.upstream_failed', bad_request: 'err.bad_request',
    };
    if (e.code === 'validation_failed') {
      const fields = fieldsOf(e.details);
      return fields.length ? t('err.validation_fields', { fields: fields.join('、') }) : t('err.validation_failed');
    }
    const key = known[e.code];
    if (key) return t(key);
    return t('err.http', { status: e.status });
  }
  return t('err.unexpected');
}

/** Whether an error means the route does not exist yet (another part of the server still being built). */
export function isMissingRoute(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404 && /^no route for /.test(e.message);
}

export function ErrorState({ error, onRetry, path }: { error: unknown; onRetry?: () => void; path?: string }) {
  const { t } = useI18n();
  if (isMissingRoute(error)) {
    return <Result status="info" title={t('common.notReady', { path: path ?? (error as ApiError).message.replace(/^no route for /, '') })} />;
  }
  return (
    <Alert
      type="error" showIcon
      title={t('state.loadFailed', { msg: errorText(error, t) })}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function LoadingState({ rows = 4 }: { rows?: number }) {
  const { t } = useI18n();
  return <div aria-label={t('common.loading')} role="status"><Skeleton active paragraph={{ rows }} /></div>;
}

export function EmptyState({ text, children }: { text?: string; children?: ReactNode }) {
  const { t } = useI18n();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text ?? t('common.empty')}>{children}</Empty>;
}

/** Loading → error → empty → content, in plain words. */
export function Loadable<T>({ state, empty, isEmpty, children, path }: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload(): void };
  empty?: string; isEmpty?: (d: T) => boolean; children: (d: T) => ReactNode; path?: string;
}) {
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} path={path} />;
  if (state.data === undefined) return <LoadingState />;
  if (isEmpty?.(state.data)) return <EmptyState text={empty} />;
  return <>{children(state.data)}</>;
}
