import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export function errorText(e: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (e instanceof ApiError) {
    if (e.code === 'network') return t('state.network');
    if (e.status === 403) return t('common.forbidden');
    return e.message || e.code;
  }
  return e instanceof Error ? e.message : String(e);
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
