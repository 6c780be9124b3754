import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';

function HomeButton() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Button type="primary" size="large" onClick={() => navigate('/')}>
      {t('home')}
    </Button>
  );
}

export function ForbiddenPage({ detail }: { detail?: string }) {
  const t = useT();
  return <Result status="403" title={t('forbiddenTitle')} subTitle={detail ?? t('forbiddenText')} extra={<HomeButton />} />;
}

export function NotFoundPage({ detail }: { detail?: string }) {
  const t = useT();
  return <Result status="404" title={t('notFoundTitle')} subTitle={detail ?? t('notFoundText')} extra={<HomeButton />} />;
}

/** What a page shows when its data could not be loaded: 403/404 as pages, the rest with a retry. */
export function LoadError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const t = useT();
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage detail={error.message} />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage detail={error.message} />;
  return (
    <Result
      status="warning"
      title={t('loadFailed')}
      subTitle={error.message}
      extra={
        onRetry && (
          <Button type="primary" size="large" onClick={onRetry}>
            {t('retry')}
          </Button>
        )
      }
    />
  );
}
