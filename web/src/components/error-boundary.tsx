import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';

interface Props { children: ReactNode; resetKey: string; home: string }
interface State { error: Error | null }

/**
 * One screen's failure stays on that screen: the error is shown in the console's language
 * with a way back, and the shell (menu, header) keeps working. Navigating elsewhere resets it.
 */
export class ScreenBoundary extends Component<Props, State> {
  state: State = { error: null };
  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('screen failed', error, info.componentStack);
  }
  componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return <ScreenFailed error={this.state.error} home={this.props.home} onRetry={() => this.setState({ error: null })} />;
  }
}

function ScreenFailed({ error, home, onRetry }: { error: Error; home: string; onRetry(): void }) {
  const { t } = useI18n();
  const nav = useNavigate();
  return (
    <Result
      status="error" title={t('boundary.title')} subTitle={t('boundary.hint')} data-testid="screen-error"
      extra={<Space>
        <Button type="primary" onClick={() => { nav(home); onRetry(); }} data-testid="screen-error-home">{t('boundary.home')}</Button>
        <Button onClick={onRetry}>{t('common.retry')}</Button>
      </Space>}
    >
      <Typography.Paragraph type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{error.message}</Typography.Paragraph>
    </Result>
  );
}
