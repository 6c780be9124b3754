import { Button, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { CalendarOutlined, PhoneOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { useOverview, useReport } from './api.ts';
import { todayStr, twoYearsAgo } from './components.tsx';

const SHOWN = ['door.householdTimes', 'door.residentsServed', 'tickets.total', 'tickets.channel.hotline', 'tickets.onTimeRate', 'tickets.satisfaction', 'providers', 'catalogue.station'];

/** /c/:communityId/services — what needs doing today, and the two years' figures, each opening its list. */
export function OverviewPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const o = useOverview(communityId);
  const from = twoYearsAgo();
  const to = todayStr();
  const report = useReport(communityId, from, to);
  const base = `/c/${communityId}/`;
  const d = o.data;
  const card = (title: { zh: string; en: string }, value: number | string | undefined, to: string, danger = false) => (
    <Col xs={12} md={6}>
      <Link to={to}>
        <Card hoverable className="services-stat">
          <Statistic title={t(title)} value={value ?? '—'} loading={o.isPending} valueStyle={danger && Number(value) > 0 ? { color: '#cf1322' } : undefined} />
        </Card>
      </Link>
    </Col>
  );
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t({ zh: '民生服务', en: 'Livelihood and services' })}</Typography.Title>
          <Typography.Text type="secondary">{community?.name}</Typography.Text>
        </div>
        <Space wrap>
          {canInCommunity(community, 'services.manage') && (
            <Link to={`${base}services/hotline`}>
              <Button type="primary" size="large" icon={<PhoneOutlined />}>
                {t({ zh: '热线受理', en: 'Take a call' })}
              </Button>
            </Link>
          )}
          <Link to={`${base}services/door/day`}>
            <Button size="large" icon={<CalendarOutlined />}>
              {t({ zh: '今日上门清单', en: 'Today’s visits' })}
            </Button>
          </Link>
        </Space>
      </div>
      {o.error ? (
        <LoadError error={o.error} onRetry={() => void o.refetch()} />
      ) : (
        <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
          {card({ zh: '未办结工单', en: 'Open tickets' }, d?.openTickets, `${base}services/tickets?status=open`)}
          {card({ zh: '超时工单', en: 'Overdue tickets' }, d?.overdueTickets, `${base}services/tickets?overdue=1`, true)}
          {card({ zh: '今日上门（已登记/应上门）', en: 'Today’s visits (logged / due)' }, d ? `${d.todayLogged} / ${d.todayStops}` : undefined, `${base}services/door/day`)}
          {card({ zh: '上门服务对象', en: 'On the register' }, d?.clients, `${base}services/door`)}
          {card({ zh: '服务大厅项目', en: 'Hall services' }, d?.hallServices, `${base}services/catalogue?tab=hall`)}
          {card({ zh: '服务站项目', en: 'Station services' }, d?.stationServices, `${base}services/catalogue?tab=station`)}
          {card({ zh: '加盟服务商', en: 'Providers' }, d?.providers, `${base}services/catalogue?tab=providers`)}
          {d?.employment && (
            <>
              {card({ zh: '在帮扶的失业人员', en: 'Open re-employment cases' }, d.employment.openCases, `${base}employment`)}
              {card({ zh: '零就业家庭（按人口登记）', en: 'Zero-employment households' }, d.employment.zeroHouseholds, `${base}employment/zero-employment`, true)}
              {card({ zh: '到期就业回访', en: 'Follow-ups due' }, d.employment.followupsDue, `${base}employment`, true)}
            </>
          )}
        </Row>
      )}
      <Card title={t({ zh: '近两年（{from} 至 {to}）', en: 'Last two years ({from} – {to})' }, { from, to })} loading={report.isPending}>
        <Row gutter={[16, 16]}>
          {(report.data?.figures ?? [])
            .filter((f) => SHOWN.includes(f.key))
            .map((f) => (
              <Col xs={12} md={6} key={f.key}>
                <Link to={f.link ? `${base}${f.link}` : '#'}>
                  <Statistic title={lang === 'en' ? f.label.en : f.label.zh} value={f.value ?? '—'} suffix={f.unit ? (lang === 'en' ? f.unit.en : f.unit.zh) : undefined} />
                </Link>
              </Col>
            ))}
        </Row>
        {(report.data?.highlights ?? []).length > 0 && (
          <List
            style={{ marginTop: 16 }}
            size="small"
            header={<Typography.Text strong>{t({ zh: '工作汇报摘要', en: 'For the work report' })}</Typography.Text>}
            dataSource={report.data?.highlights}
            renderItem={(h) => <List.Item>{lang === 'en' ? h.text.en : h.text.zh}</List.Item>}
          />
        )}
      </Card>
    </>
  );
}
