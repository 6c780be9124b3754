import { useEffect } from 'react';
import { Button, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { useReceipt } from './api.ts';
import { text } from './text.ts';

const longDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** /c/:communityId/donations/drives/:id/receipt — the list of gifts on A4, for the notice board. */
export function ReceiptPage() {
  const { t } = useI18n();
  const { communityId = '', id = '' } = useParams();
  useEffect(() => {
    document.documentElement.classList.add('donations-print-view');
    return () => document.documentElement.classList.remove('donations-print-view');
  }, []);
  const q = useReceipt(communityId, id);
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  if (!r) return <Skeleton active />;
  const goods = r.gifts.filter((g) => g.kind === 'goods');
  return (
    <div className="donations-print-wrap">
      <Space className="no-print donations-print-tools">
        <Link to={`/c/${communityId}/donations/drives/${id}`}>
          <Button size="large" icon={<ArrowLeftOutlined />}>
            {t(text.back)}
          </Button>
        </Link>
        <Button size="large" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t(text.printNow)}
        </Button>
      </Space>
      <article className="donations-sheet" data-testid="donations-receipt">
        <h1>{t(text.noticeHeading, { community: r.community })}</h1>
        <h2>{r.drive.title}</h2>
        <p className="donations-sheet-meta">
          {r.drive.startDate} ~ {r.drive.endDate ?? ''}
          {r.drive.purpose ? ` · ${r.drive.purpose}` : ''}
        </p>
        <table>
          <thead>
            <tr>
              <th style={{ width: '10%' }}>{t(text.no)}</th>
              <th style={{ width: '35%' }}>{t(text.donorKind)}</th>
              <th>{t(text.amountOrGoods)}</th>
              <th style={{ width: '18%' }}>{t(text.givenOn)}</th>
            </tr>
          </thead>
          <tbody>
            {r.gifts.map((g, i) => (
              <tr key={g.id}>
                <td className="c">{i + 1}</td>
                <td>{g.donor}</td>
                <td className={g.kind === 'money' ? 'r' : ''}>{g.kind === 'money' ? `${g.amount} 元` : `${g.goods} ${g.quantity ?? ''}${g.unit ?? ''}`}</td>
                <td className="c">{g.givenOn}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th className="c">{t(text.total)}</th>
              <td colSpan={3}>
                {t({ zh: '捐款 {money} 元；捐物 {goods} 批；共 {donors} 位（家）捐赠', en: '{money} yuan; {goods} lots of goods; {donors} donors' }, { money: r.drive.totals.money, goods: goods.length, donors: r.drive.totals.donors })}
              </td>
            </tr>
          </tfoot>
        </table>
        <p className="donations-sheet-thanks">{t(text.noticeThanks)}</p>
        <div className="donations-sheet-seal">
          <div>
            {r.community}
            {t({ zh: '居民委员会', en: ' Residents’ Committee' })} {t(text.seal)}
          </div>
          <div>{longDate(r.printedOn)}</div>
        </div>
      </article>
    </div>
  );
}
