import { Button, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { useMeeting } from './api.ts';
import { longDate, usePrintView } from './components.tsx';
import { label, STATE_LABELS, text } from './text.ts';

/** /c/:communityId/governance/meetings/:meetingId/print — the minutes on A4, for signing and filing. */
export function MinutesPrintPage() {
  const { t, lang } = useI18n();
  const { communityId = '', meetingId = '' } = useParams();
  usePrintView();
  const q = useMeeting(communityId, meetingId);
  const m = q.data;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!m) return <Skeleton active />;
  const present = m.seatsList.filter((s) => s.present);
  const absent = m.seatsList.filter((s) => s.present === false);
  return (
    <div className="gov-print-wrap">
      <Space className="no-print gov-print-tools">
        <Link to={`/c/${communityId}/governance/meetings/${m.id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t(text.back)}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t(text.print)}
        </Button>
      </Space>
      <article className="gov-sheet gov-minutes" data-testid="gov-minutes-sheet">
        <h1 className="gov-sheet-title">{t(text.minutesHeading, { community: m.community })}</h1>
        <table className="gov-minutes-meta">
          <tbody>
            <tr>
              <th>{t(text.meetingTitle)}</th>
              <td colSpan={3}>{m.title}</td>
            </tr>
            <tr>
              <th>{t(text.date)}</th>
              <td>{longDate(m.date, lang)}</td>
              <th>{t(text.place)}</th>
              <td>{m.place}</td>
            </tr>
            <tr>
              <th>{t(text.chair)}</th>
              <td>{m.chair}</td>
              <th>{t(text.recorder)}</th>
              <td>{m.recorder}</td>
            </tr>
            <tr>
              <th>{t(text.quorum)}</th>
              <td colSpan={3}>
                {t(text.quorumLine, { seats: m.quorum.seats, present: m.quorum.present, needed: m.quorum.needed })}（{t(m.quorum.met ? text.quorumMet : text.quorumNotMet)}）
              </td>
            </tr>
            <tr>
              <th>{t(text.presentList)}</th>
              <td colSpan={3}>{present.map((s) => s.name).join('、') || '—'}</td>
            </tr>
            <tr>
              <th>{t(text.absentList)}</th>
              <td colSpan={3}>{absent.map((s) => `${s.name}${s.reason ? `（${s.reason}）` : ''}`).join('、') || '—'}</td>
            </tr>
          </tbody>
        </table>
        <h3>{t(text.results)}</h3>
        <table className="gov-minutes-results">
          <thead>
            <tr>
              <th>#</th>
              <th>{t(text.title)}</th>
              <th>{t({ zh: '赞成', en: 'For' })}</th>
              <th>{t({ zh: '反对', en: 'Against' })}</th>
              <th>{t({ zh: '弃权', en: 'Abstain' })}</th>
              <th>{t({ zh: '结果', en: 'Result' })}</th>
            </tr>
          </thead>
          <tbody>
            {m.items.map((i, n) => (
              <tr key={i.proposalId}>
                <td>{n + 1}</td>
                <td>
                  {i.title}
                  {i.major ? `（${t(text.major)}）` : ''}
                </td>
                <td>{i.state === 'deferred' ? '—' : i.tally.for}</td>
                <td>{i.state === 'deferred' ? '—' : i.tally.against}</td>
                <td>{i.state === 'deferred' ? '—' : i.tally.abstain}</td>
                <td>
                  {label(STATE_LABELS, i.state, lang)}
                  {i.resolutionNumber ? ` ${i.resolutionNumber}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>{t(text.minutes)}</h3>
        <div className="gov-sheet-body">
          {(m.minutes ?? '').split('\n').map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        <div className="gov-sign">
          <span>{t(text.signChair)}</span>
          <span>{t(text.signRecorder)}</span>
        </div>
        <div className="gov-sheet-seal">
          <div>
            {m.sealName}
            {t(text.sealSuffix)}
          </div>
          <div>{longDate(m.date, lang)}</div>
        </div>
      </article>
    </div>
  );
}
