import { Spin } from 'antd';
import { useT } from '../i18n.tsx';

export function FullPageSpin() {
  const t = useT();
  return (
    <div className="linli-full-spin">
      <Spin size="large" description={t('loading')} />
    </div>
  );
}
