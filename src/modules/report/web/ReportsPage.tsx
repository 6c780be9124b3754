import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { reportBase, reportKeys, useReports, type WorkReport, type WorkReportRow } from './api.ts';
import { chinaTime } from './format.ts';
import { text } from './text.ts';

interface NewForm {
  period: [Dayjs, Dayjs];
  title?: string;
}

export function StatusTag({ status }: { status: 'draft' | 'signed' }) {
  const { t } = useI18n();
  return <Tag color={status === 'signed' ? 'green' : 'gold'}>{t(status === 'signed' ? text.signed : text.draft)}</Tag>;
}

/** /c/:communityId/reports — the community's reports, and drafting a new one for a period. */
export function ReportsPage() {
  const { t } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const list = useReports(communityId, page, pageSize);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewForm>();
  const canWrite = canInCommunity(community, 'report.write');

  const today = dayjs();
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t(text.lastTwoYears), value: [today.subtract(2, 'year'), today] },
    { label: t(text.thisYear), value: [today.startOf('year'), today] },
    { label: t(text.lastYear), value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] },
  ];

  const create = useMutation({
    mutationFn: (v: NewForm) =>
      api<WorkReport>('POST', `${reportBase(communityId)}/reports`, { from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'), ...(v.title?.trim() ? { title: v.title.trim() } : {}) }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: reportKeys.list(communityId) });
      message.success(t(text.created));
      setOpen(false);
      void navigate(`/c/${communityId}/reports/${r.id}`);
    },
  });

  const columns: TableColumnsType<WorkReportRow> = [
    { title: t(text.reportTitle), dataIndex: 'title', render: (v: string, r) => <Link to={`/c/${communityId}/reports/${r.id}`}>{v}</Link> },
    { title: t(text.period), key: 'period', render: (_, r) => <span className="linli-mono">{`${r.from} — ${r.to}`}</span> },
    { title: t(text.status), dataIndex: 'status', width: 100, render: (v: WorkReportRow['status']) => <StatusTag status={v} /> },
    { title: t(text.refreshedAt), dataIndex: 'refreshedAt', responsive: ['md'], render: (v: string) => <span className="linli-mono">{chinaTime(v)}</span> },
    { title: t(text.createdBy), dataIndex: 'createdByName', responsive: ['lg'] },
    { title: t(text.signedBy), key: 'signed', responsive: ['md'], render: (_, r) => (r.signedAt ? `${r.signedByName ?? ''} · ${chinaTime(r.signedAt)}` : '—') },
  ];

  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.reportsTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.reportsIntro)}</Typography.Text>
        </div>
        <Space wrap>
          <Button size="large" onClick={() => void navigate(`/c/${communityId}/dashboard`)}>
            {t(text.navDashboard)}
          </Button>
          {canWrite && (
            <Button
              size="large"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.setFieldsValue({ period: presets[0].value, title: '' });
                setOpen(true);
              }}
            >
              {t(text.newReport)}
            </Button>
          )}
        </Space>
      </div>
      <Card>
        <Table
          rowKey="id"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty image={<FileTextOutlined style={{ fontSize: 48, color: '#bbb' }} />} description={t(text.noReports)} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (n) => t('total', { n }),
            onChange: (p, s) => setParams({ page: String(p), pageSize: String(s) }),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Modal open={open} title={t(text.newReport)} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t(text.create)} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="period" label={t(text.period)} rules={[{ required: true, message: t(text.required) }]} extra={create.error?.message}>
            <DatePicker.RangePicker presets={presets} allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="title" label={t(text.reportTitle)}>
            <Input maxLength={100} placeholder={t(text.titlePlaceholder)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
