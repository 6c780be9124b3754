import { App as AntApp, Button, Card, DatePicker, Empty, Progress, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, ExportOutlined, LeftOutlined, PrinterOutlined, RightOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { exportHref, servicesBase, servicesKeys, useDay, type DayStop, type Outcome } from './api.ts';
import { todayStr } from './components.tsx';
import { OUTCOME_COLOURS, OUTCOMES, PROVIDER_KINDS, pick, text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

function useLog(communityId: string) {
  const { message } = AntApp.useApp();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: servicesKeys.door(communityId) });
    void queryClient.invalidateQueries({ queryKey: [...servicesKeys.all(communityId), 'overview'] });
  };
  const log = useMutation({
    mutationFn: (v: { stop: DayStop; date: string; outcome: Outcome }) =>
      api('POST', `${servicesBase(communityId)}/door/deliveries`, v.stop.needId ? { needId: v.stop.needId, date: v.date, outcome: v.outcome } : { clientId: v.stop.clientId, itemId: v.stop.itemId, date: v.date, outcome: v.outcome }),
    onSuccess: (_r, v) => {
      done();
      message.success(t({ zh: '{n}：{o}', en: '{n}: {o}' }, { n: v.stop.name, o: t(OUTCOMES[v.outcome]) }));
    },
    onError: (e) => message.error(e.message),
  });
  const undo = useMutation({
    mutationFn: (id: string) => api('DELETE', `${servicesBase(communityId)}/door/deliveries/${encodeURIComponent(id)}`),
    onSuccess: done,
    onError: (e) => message.error(e.message),
  });
  return { log, undo };
}

function DateSwitcher({ date, onChange }: { date: string; onChange: (d: string) => void }) {
  const { t } = useI18n();
  return (
    <Space>
      <Button size="large" icon={<LeftOutlined />} onClick={() => onChange(dayjs(date).subtract(1, 'day').format('YYYY-MM-DD'))} aria-label={t({ zh: '前一天', en: 'Previous day' })} />
      <DatePicker size="large" allowClear={false} value={dayjs(date)} onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))} />
      <Button size="large" icon={<RightOutlined />} disabled={date >= todayStr()} onClick={() => onChange(dayjs(date).add(1, 'day').format('YYYY-MM-DD'))} aria-label={t({ zh: '后一天', en: 'Next day' })} />
    </Space>
  );
}

/** /c/:communityId/services/door/day — the day's visits per provider, printable, ticked at the desk. */
export function DayPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const { params, patch } = useQueryParams();
  const date = params.get('date') ?? todayStr();
  const providerId = params.get('providerId');
  const day = useDay(communityId, date, providerId);
  const { log, undo } = useLog(communityId);
  const canLog = canInCommunity(community, 'services.deliver') && date <= todayStr();
  const set = (k: string, v: string | null) => patch({ [k]: v });
  const all = day.data?.providers ?? [];
  const stops = all.flatMap((p) => p.stops);

  return (
    <div className="services-day">
      <div className="linli-page-header no-print">
        <div>
          <Typography.Title level={3}>{t({ zh: '上门服务清单', en: 'Door-to-door visits of the day' })}</Typography.Title>
          <Typography.Text type="secondary">{t({ zh: '按服务人员分组，由定期安排自动生成；可打印交给服务人员，或在手机上勾选', en: 'Generated from the schedules, per provider; print it, or tick it off on a phone' })}</Typography.Text>
        </div>
        <Space wrap>
          <Link to={`/c/${communityId}/services/door/checklist?date=${date}`}>
            <Button size="large">{t({ zh: '手机勾选版', en: 'Phone checklist' })}</Button>
          </Link>
          <Button size="large" icon={<ExportOutlined />} href={exportHref(communityId, 'door/day/export.xlsx', { date, providerId })}>
            {t(text.exportExcel)}
          </Button>
          <Button size="large" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t(text.print)}
          </Button>
        </Space>
      </div>
      <Card size="small" className="no-print" style={{ marginBottom: 16 }}>
        <Space wrap size={16}>
          <DateSwitcher date={date} onChange={(d) => set('date', d)} />
          <Select
            size="large"
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t({ zh: '全部服务人员', en: 'All providers' })}
            value={providerId ?? undefined}
            onChange={(v) => set('providerId', v ?? null)}
            options={all.filter((p) => p.providerId).map((p) => ({ value: p.providerId!, label: p.providerName ?? '' }))}
          />
          <Typography.Text>
            {t({ zh: '共 {n} 户次，已登记 {d}', en: '{n} visits, {d} logged' }, { n: stops.length, d: stops.filter((s) => s.outcome).length })}
          </Typography.Text>
        </Space>
      </Card>
      <div className="services-print-title print-only">
        <h2>
          {community?.name} {t({ zh: '上门服务清单', en: 'Door-to-door visits' })} · {date}
        </h2>
      </div>
      {day.error ? (
        <LoadError error={day.error} onRetry={() => void day.refetch()} />
      ) : day.isPending ? (
        <Skeleton active />
      ) : all.length === 0 ? (
        <Empty description={t({ zh: '这一天没有上门服务安排', en: 'No visits scheduled that day' })} />
      ) : (
        all.map((p) => (
          <Card
            key={p.providerId ?? 'none'}
            className="services-provider-block"
            style={{ marginBottom: 16 }}
            title={
              <Space>
                <span style={{ fontSize: 18 }}>{p.providerName ?? t(text.unassigned)}</span>
                {p.kind && <Tag>{pick(PROVIDER_KINDS, p.kind, lang)}</Tag>}
                <Typography.Text type="secondary">{t({ zh: '{n} 户次', en: '{n} visits' }, { n: p.stops.length })}</Typography.Text>
              </Space>
            }
          >
            <Table<DayStop>
              rowKey="key"
              size="middle"
              pagination={false}
              dataSource={p.stops}
              scroll={{ x: 900 }}
              columns={[
                { title: t({ zh: '序号', en: 'No.' }), key: 'n', width: 56, render: (_, _r, i) => i + 1 },
                { title: t({ zh: '时间', en: 'Time' }), dataIndex: 'timeSlot', width: 70 },
                { title: t({ zh: '服务对象', en: 'Resident' }), dataIndex: 'name', width: 100, render: (v: string) => <span className="linli-row-name">{v}</span> },
                { title: t({ zh: '住址', en: 'Address' }), dataIndex: 'address' },
                { title: t({ zh: '电话', en: 'Phone' }), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => <span className="linli-mono">{v ?? ''}</span> },
                { title: t({ zh: '服务内容', en: 'Service' }), dataIndex: 'itemName', width: 90 },
                { title: t({ zh: '注意事项', en: 'Notes' }), key: 'notes', render: (_, r) => [r.clientNote, r.needNote].filter(Boolean).join('；') },
                {
                  title: t({ zh: '结果', en: 'Outcome' }),
                  key: 'outcome',
                  width: 250,
                  render: (_, r) =>
                    r.outcome ? (
                      <Space>
                        <Tag color={OUTCOME_COLOURS[r.outcome]}>{pick(OUTCOMES, r.outcome, lang)}</Tag>
                        <Typography.Text type="secondary" className="no-print">
                          {r.loggedByName} {r.loggedAt ? formatDateTime(r.loggedAt, lang).slice(11, 16) : ''}
                        </Typography.Text>
                        {canLog && r.deliveryId && (
                          <Button size="small" type="link" className="no-print" icon={<UndoOutlined />} onClick={() => undo.mutate(r.deliveryId!)}>
                            {t({ zh: '撤销', en: 'Undo' })}
                          </Button>
                        )}
                      </Space>
                    ) : canLog ? (
                      <Space className="no-print">
                        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => log.mutate({ stop: r, date, outcome: 'done' })}>
                          {pick(OUTCOMES, 'done', lang)}
                        </Button>
                        <Button size="small" onClick={() => log.mutate({ stop: r, date, outcome: 'not_home' })}>
                          {pick(OUTCOMES, 'not_home', lang)}
                        </Button>
                        <Button size="small" onClick={() => log.mutate({ stop: r, date, outcome: 'refused' })}>
                          {pick(OUTCOMES, 'refused', lang)}
                        </Button>
                      </Space>
                    ) : (
                      <span className="services-sign-box" />
                    ),
                },
              ]}
            />
          </Card>
        ))
      )}
    </div>
  );
}

/** /c/:communityId/services/door/checklist — the volunteer's round on a phone: one big card per visit, three big buttons. */
export function ChecklistPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? todayStr();
  const day = useDay(communityId, date, params.get('providerId'));
  const { log, undo } = useLog(communityId);
  const groups = day.data?.providers ?? [];
  const mine = new Set(day.data?.mine ?? []);
  const [chosen, setChosen] = [params.get('providerId'), (v: string | null) => setParams((p) => {
    const n = new URLSearchParams(p);
    if (v) n.set('providerId', v);
    else n.delete('providerId');
    return n;
  }, { replace: true })];
  // a volunteer sees their own list first
  const sorted = [...groups].sort((a, b) => Number(mine.has(b.providerId ?? '')) - Number(mine.has(a.providerId ?? '')));
  const stops = sorted.flatMap((g) => g.stops.map((s) => ({ ...s, providerName: g.providerName })));
  const logged = stops.filter((s) => s.outcome).length;

  return (
    <div className="services-checklist">
      <Typography.Title level={3} style={{ marginBottom: 4 }}>
        {t({ zh: '上门服务清单', en: 'My visits' })}
      </Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Space wrap>
          <Button size="large" icon={<LeftOutlined />} onClick={() => setParams({ date: dayjs(date).subtract(1, 'day').format('YYYY-MM-DD') })} aria-label={t({ zh: '前一天', en: 'Previous day' })} />
          <Typography.Text strong style={{ fontSize: 18 }}>
            {date === todayStr() ? t({ zh: '今天', en: 'Today' }) : date} · {dayjs(date).format('MM-DD')}
          </Typography.Text>
          <Button size="large" icon={<RightOutlined />} disabled={date >= todayStr()} onClick={() => setParams({ date: dayjs(date).add(1, 'day').format('YYYY-MM-DD') })} aria-label={t({ zh: '后一天', en: 'Next day' })} />
        </Space>
        {groups.length > 1 && (
          <Segmented
            block
            size="large"
            value={chosen ?? ''}
            onChange={(v) => setChosen(String(v) || null)}
            options={[{ value: '', label: t({ zh: '全部', en: 'All' }) }, ...groups.filter((g) => g.providerId).map((g) => ({ value: g.providerId!, label: g.providerName ?? '' }))]}
          />
        )}
        {stops.length > 0 && <Progress percent={Math.round((logged / stops.length) * 100)} format={() => `${logged}/${stops.length}`} size={['100%', 14]} aria-label={t({ zh: '完成进度', en: 'Progress' })} />}
      </Space>
      {day.error ? (
        <LoadError error={day.error} onRetry={() => void day.refetch()} />
      ) : day.isPending ? (
        <Skeleton active />
      ) : stops.length === 0 ? (
        <Empty style={{ marginTop: 32 }} description={t({ zh: '这一天没有需要上门的服务', en: 'No visits that day' })} />
      ) : (
        <div className="services-stops" data-testid="services-checklist">
          {stops.map((s) => (
            <Card key={s.key} className={`services-stop${s.outcome ? ` is-${s.outcome}` : ''}`} data-testid="services-stop">
              <div className="services-stop-head">
                <span className="services-stop-name">{s.name}</span>
                <Tag color="blue" style={{ fontSize: 16, padding: '2px 10px' }}>
                  {s.itemName}
                </Tag>
                {s.timeSlot && <span className="services-stop-time">{s.timeSlot}</span>}
              </div>
              <div className="services-stop-address">{s.address}</div>
              {s.phoneMasked && <div className="linli-mono">{s.phoneMasked}</div>}
              {(s.clientNote || s.needNote) && <div className="services-stop-note">⚠ {[s.clientNote, s.needNote].filter(Boolean).join('；')}</div>}
              {groups.length > 1 && <Typography.Text type="secondary">{s.providerName ?? t(text.unassigned)}</Typography.Text>}
              {s.outcome ? (
                <div className="services-stop-done">
                  <Tag color={OUTCOME_COLOURS[s.outcome]} style={{ fontSize: 18, padding: '6px 14px' }}>
                    {pick(OUTCOMES, s.outcome, lang)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {s.loggedByName} {s.loggedAt ? formatDateTime(s.loggedAt, lang).slice(11, 16) : ''}
                  </Typography.Text>
                  {s.deliveryId && (
                    <Button type="link" size="large" icon={<UndoOutlined />} onClick={() => undo.mutate(s.deliveryId!)}>
                      {t({ zh: '撤销', en: 'Undo' })}
                    </Button>
                  )}
                </div>
              ) : (
                <div className="services-stop-buttons">
                  <Button type="primary" size="large" icon={<CheckOutlined />} loading={log.isPending && log.variables?.stop.key === s.key && log.variables.outcome === 'done'} onClick={() => log.mutate({ stop: s, date, outcome: 'done' })}>
                    {pick(OUTCOMES, 'done', lang)}
                  </Button>
                  <Button size="large" onClick={() => log.mutate({ stop: s, date, outcome: 'not_home' })}>
                    {pick(OUTCOMES, 'not_home', lang)}
                  </Button>
                  <Button size="large" onClick={() => log.mutate({ stop: s, date, outcome: 'refused' })}>
                    {pick(OUTCOMES, 'refused', lang)}
                  </Button>
                </div>
              )}
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
