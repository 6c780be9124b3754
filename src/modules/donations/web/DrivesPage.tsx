import { useState } from 'react';
import { Alert, App as AntApp, Button, DatePicker, Empty, Form, Input, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { donationsBase, donationsKeys, drivesExportHref, useDrives, type Drive } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { STATUS, text } from './text.ts';

function NewDriveModal({ communityId, open, onClose }: { communityId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ title: string; purpose?: string; dates: [dayjs.Dayjs, dayjs.Dayjs | null] }>();
  const save = useMutation({
    mutationFn: (v: { title: string; purpose?: string; dates: [dayjs.Dayjs, dayjs.Dayjs | null] }) =>
      api<Drive>('POST', `${donationsBase(communityId)}/drives`, { title: v.title, purpose: v.purpose || null, startDate: v.dates[0].format('YYYY-MM-DD'), endDate: v.dates[1]?.format('YYYY-MM-DD') ?? null }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: donationsKeys.all(communityId) });
      void message.success(t(text.saved));
      onClose();
      void navigate(`/c/${communityId}/donations/drives/${d.id}`);
    },
  });
  return (
    <Modal open={open} title={t(text.newDrive)} onCancel={onClose} onOk={() => form.submit()} okText={t(text.save)} cancelText={t(text.cancel)} confirmLoading={save.isPending} destroyOnHidden>
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" size="large" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t(text.title)} rules={[{ required: true, message: t(text.title) }]}>
          <Input placeholder="支援防汛救灾募捐" maxLength={100} />
        </Form.Item>
        <Form.Item name="purpose" label={t(text.purpose)}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="dates" label={t(text.period)} rules={[{ required: true, message: t(text.period) }]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** /c/:communityId/donations — the drives, newest first, with what each has raised. */
export function DrivesPage() {
  const { t } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const period = usePeriodParams();
  // another period starts again at its first page
  const periodKey = `${period.from ?? ''}|${period.to ?? ''}`;
  const [paging, setPaging] = useState({ key: periodKey, page: 1, pageSize: 20 });
  const page = paging.key === periodKey ? paging.page : 1;
  const pageSize = paging.pageSize;
  const [creating, setCreating] = useState(false);
  const q = useDrives(communityId, page, pageSize, period);
  const canManage = canInCommunity(community, 'donations.manage');
  const sum = q.data?.totals;
  const columns: TableColumnsType<Drive> = [
    { title: t(text.title), dataIndex: 'title', render: (v: string, d) => <Link to={`/c/${communityId}/donations/drives/${d.id}`}>{v}</Link> },
    { title: t(text.period), key: 'period', render: (_, d) => `${d.startDate} ~ ${d.endDate ?? ''}` },
    { title: t(text.status), dataIndex: 'status', render: (s: string) => <Tag color={s === 'open' ? 'green' : 'default'}>{t(STATUS[s])}</Tag> },
    // with a period, what each drive received in it
    { title: t(period.from ? text.moneyInPeriod : text.money), key: 'money', align: 'right', render: (_, d) => d.totals.money },
    { title: t(period.from ? text.goodsInPeriod : text.goodsLines), key: 'goods', align: 'right', render: (_, d) => d.totals.goodsLines },
    { title: t(period.from ? text.donorsInPeriod : text.donors), key: 'donors', align: 'right', render: (_, d) => d.totals.donors },
  ];
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.drives)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.drivesSub)}</Typography.Text>
        </div>
        <div className="donations-actions">
          <PeriodFilter size="large" />
          <Button size="large" icon={<ExportOutlined />} href={drivesExportHref(communityId, period)}>
            {t(text.exportExcel)}
          </Button>
          {canManage && (
            <Button size="large" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t(text.newDrive)}
            </Button>
          )}
        </div>
      </div>
      {period.from && sum && q.data && q.data.total > 0 && (
        <Alert
          className="donations-period"
          type="info"
          showIcon
          data-testid="donations-period-totals"
          title={t(text.periodSummary, { from: period.from, to: period.to ?? '', drives: q.data.total, money: sum.money, goods: sum.goodsLines, donors: sum.donors })}
        />
      )}
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table
          rowKey="id"
          className="donations-table"
          loading={q.isFetching}
          columns={columns}
          dataSource={q.data?.items}
          scroll={{ x: 720 }}
          locale={{ emptyText: q.isPending ? ' ' : <Empty description={t(period.from ? text.noDrivesPeriod : text.noDrives)} /> }}
          pagination={{ current: page, pageSize, total: q.data?.total, showSizeChanger: true, onChange: (p, s) => setPaging({ key: periodKey, page: p, pageSize: s }) }}
        />
      )}
      <NewDriveModal communityId={communityId} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
