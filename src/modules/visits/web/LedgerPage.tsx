import { Button, Card, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { useCurrentCommunity } from '../../../web/session.ts';
import { ledgerExportHref, useLedger } from './api.ts';
import { occasionLabel, occasionOptions, yearOptions } from './PlansPage.tsx';
import { text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

/** /c/:communityId/visits/ledger — 走访慰问台账 of an occasion and year: on screen, in Excel, and printed for signatures. */
export function LedgerPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const { params, patch } = useQueryParams();
  const period = usePeriodParams();
  // a period (a report figure's, or chosen here) shows every occasion unless one is named; a year
  // alone opens the Spring Festival as before
  const occasion = params.get('occasion') ?? (period.from ? 'all' : 'spring_festival');
  const year = Number(params.get('year')) || dayjs().year();
  const filter = period.from ? { occasion: occasion === 'all' ? undefined : occasion, from: period.from, to: period.to } : { occasion: occasion === 'all' ? undefined : occasion, year };
  const q = useLedger(communityId, filter);
  // choosing a year leaves the period
  const set = (k: string, v: string | number) => patch(k === 'year' ? { year: v, from: null, to: null } : { [k]: v });
  const l = q.data;
  const occasionText = occasion === 'all' ? (lang === 'en' ? t(text.allOccasions) : '') : occasionLabel(occasion, lang);
  return (
    <div className="visits-ledger-print">
      <div className="linli-page-header no-print">
        <div>
          <Typography.Title level={3}>{t(text.ledgerTitle)}</Typography.Title>
        </div>
        <Space wrap>
          <Select
            size="large"
            aria-label={t(text.occasion)}
            value={occasion}
            options={[{ value: 'all', label: t(text.allOccasions) }, ...occasionOptions(lang)]}
            onChange={(v: string) => set('occasion', v)}
            style={{ width: 140 }}
          />
          <Select size="large" aria-label={t(text.year)} value={period.from ? undefined : year} placeholder={t(text.year)} options={yearOptions(lang)} onChange={(v: number) => set('year', v)} style={{ width: 120 }} />
          <PeriodFilter size="large" />
          <Button size="large" icon={<DownloadOutlined />} href={ledgerExportHref(communityId, filter)}>
            {t('exportExcel')}
          </Button>
          <Button size="large" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t(text.print)}
          </Button>
        </Space>
      </div>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !l ? (
        <Skeleton active />
      ) : (
        <Card className="visits-ledger-card">
          <h2 className="visits-ledger-heading">
            {period.from
              ? t(text.ledgerHeadingPeriod, { community: community?.name ?? '', occasion: occasionText, from: period.from, to: period.to ?? '' })
              : t(text.ledgerHeading, { community: community?.name ?? '', year, occasion: occasionText })}
          </h2>
          {l.rows.length === 0 ? (
            <Empty description={t(period.from ? text.noVisitsPeriod : occasion === 'all' ? text.noVisitsYear : text.noVisits)} />
          ) : (
            <div className="visits-ledger-scroll">
              <table className="visits-ledger" data-testid="visits-ledger">
                <thead>
                  <tr>
                    <th>{t(text.no)}</th>
                    <th>{t(text.date)}</th>
                    <th>{t(text.name)}</th>
                    <th>{t(text.listName)}</th>
                    <th>{t(text.address)}</th>
                    <th>{t(text.visitors)}</th>
                    <th>{t(text.moneyActual)}</th>
                    <th>{t(text.gifts)}</th>
                    <th>{t(text.notes)}</th>
                    {occasion === 'all' && <th>{t(text.occasion)}</th>}
                    <th className="visits-sign">{t(text.signature)}</th>
                  </tr>
                </thead>
                <tbody>
                  {l.rows.map((r, i) => (
                    <tr key={r.recordId}>
                      <td className="num">{i + 1}</td>
                      <td className="linli-mono">{r.date}</td>
                      <td className="name">{r.name}</td>
                      <td>{r.listName}</td>
                      <td>{r.address}</td>
                      <td>{r.visitors}</td>
                      <td className="num">{r.money || ''}</td>
                      <td>{r.gifts}</td>
                      <td className="notes">{r.notes}</td>
                      {occasion === 'all' && <td className="visits-occasion">{occasionLabel(r.occasion, lang)}</td>}
                      <td className="visits-sign" />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="visits-ledger-totals" data-testid="visits-ledger-totals">
            {t(text.totals, { visits: l.totals.visits, households: l.totals.households, money: l.totals.money.toLocaleString(), gifts: l.totals.giftVisits })}
          </p>
        </Card>
      )}
    </div>
  );
}
