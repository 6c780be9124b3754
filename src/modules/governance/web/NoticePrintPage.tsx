import { Button, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { useNotice } from './api.ts';
import { NoticeSheet, usePrintView } from './components.tsx';
import { text } from './text.ts';

/** /c/:communityId/governance/notices/:noticeId/print — the notice on A4 for the physical board. */
export function NoticePrintPage() {
  const { t } = useI18n();
  const { communityId = '', noticeId = '' } = useParams();
  usePrintView();
  const q = useNotice(communityId, noticeId);
  const n = q.data;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!n) return <Skeleton active />;
  return (
    <div className="gov-print-wrap">
      <Space className="no-print gov-print-tools">
        <Link to={`/c/${communityId}/governance/notices?open=${n.id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t(text.back)}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t(text.print)}
        </Button>
      </Space>
      <NoticeSheet
        community={n.community}
        title={n.title}
        body={n.body}
        resolutionNumber={n.resolutionNumber}
        startDate={n.startDate}
        endDate={n.endDate}
        periodRule={n.periodRule}
        periodLength={n.periodLength}
        sealName={n.sealName}
      />
    </div>
  );
}
