import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useT } from '../i18n.tsx';

interface State {
  error: Error | null;
}

/** Catches a page that throws while rendering, so the shell (navigation, sign out) keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Page crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error ? <CrashResult /> : this.props.children;
  }
}

function CrashResult() {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('crashTitle')}
      subTitle={t('crashText')}
      extra={
        <Button type="primary" size="large" onClick={() => window.location.reload()}>
          {t('reload')}
        </Button>
      }
    />
  );
}
