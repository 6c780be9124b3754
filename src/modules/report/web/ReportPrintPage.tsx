import { Button, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { useReport } from './api.ts';
import { chinaTime } from './format.ts';
import { ReportBody } from './ReportView.tsx';
import { text } from './text.ts';

/** /c/:communityId/reports/:id/print — the report on A4 as the Word export sets it; the shell hides when printing. */
export function ReportPrintPage() {
  const { t } = useI18n();
  const { communityId = '', id = '' } = useParams();
  const report = useReport(communityId, id);
  if (report.error) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  if (!r) return <Skeleton active paragraph={{ rows: 12 }} />;
  const p = r.composition.profile;
  return (
    <div className="report-print-wrap">
      <Space className="report-noprint report-print-toolbar" wrap>
        <Link to={`/c/${communityId}/reports/${id}`}>
          <Button size="large" icon={<ArrowLeftOutlined />}>
            {t(text.back)}
          </Button>
        </Link>
        <Button size="large" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t(text.print)}
        </Button>
      </Space>
      <article className="report-paper" data-testid="report-paper">
        <h1 className="report-h1">{r.title}</h1>
        <div className="report-subtitle">
          {p.subDistrictName}
          {p.communityName} · {r.from} 至 {r.to}
        </div>
        <ReportBody communityId={communityId} composition={r.composition} narrative={r.narrative} edits={r.highlightEdits} />
        <div className="report-signature">
          <div>{t(text.committee, { name: p.communityName })}</div>
          <div>{r.signedAt ? chinaTime(r.signedAt).slice(0, 10) : r.to}</div>
          <div>{r.status === 'signed' ? t(text.signer, { name: r.signedByName ?? '' }) : t(text.notSigned)}</div>
        </div>
      </article>
    </div>
  );
}
