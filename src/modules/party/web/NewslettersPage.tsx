import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Drawer, Empty, Form, Input, InputNumber, Modal, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity, useMe } from '../../../web/session.ts';
import { partyBase, partyKeys, useIssue, useNewsletterFigures, useNewsletters, useRecipients, type Issue, type IssueDetail } from './api.ts';
import { RecipientsEditor } from './branch/RecipientsEditor.tsx';
import './branch/branch.css';
import { label, today } from './components.tsx';
import { NewsletterFile } from './NewsletterFile.tsx';
import { MEMBER_STATUS_LABELS, text } from './text.ts';

interface IssueForm {
  number: number;
  date: Dayjs;
  title: string;
  content?: string;
}
interface DeliveryForm {
  memberIds: string[];
  deliveredBy: string;
  deliveredAt: Dayjs;
}

function IssueDrawer({ communityId, id, canManage, onClose }: { communityId: string; id: string | null; canManage: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const issue = useIssue(communityId, id);
  const recipients = useRecipients(communityId);
  const [form] = Form.useForm<DeliveryForm>();
  const i = issue.data;
  const have = new Set((i?.deliveries ?? []).map((d) => d.memberId));
  const waiting = (recipients.data ?? []).filter((r) => !have.has(r.memberId));

  const after = (r: IssueDetail) => {
    queryClient.setQueryData(partyKeys.issue(communityId, r.id), r);
    void queryClient.invalidateQueries({ queryKey: partyKeys.newsletters(communityId) });
  };
  const deliver = useMutation({
    mutationFn: (v: DeliveryForm) =>
      api<IssueDetail>('POST', `${partyBase(communityId)}/newsletters/${encodeURIComponent(id ?? '')}/deliveries`, { memberIds: v.memberIds, deliveredBy: v.deliveredBy.trim(), deliveredAt: v.deliveredAt.format('YYYY-MM-DD') }),
    onSuccess: (r, v) => {
      after(r);
      message.success(t(text.delivered, { n: v.memberIds.length }));
    },
  });
  const confirm = useMutation({
    mutationFn: (deliveryId: string) => api<IssueDetail>('POST', `${partyBase(communityId)}/newsletters/${encodeURIComponent(id ?? '')}/deliveries/${encodeURIComponent(deliveryId)}/confirm`),
    onSuccess: (r) => {
      after(r);
      message.success(t(text.copyConfirmed));
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={640} title={i ? `${t(text.issueN, { n: i.number })} · ${i.title}` : t(text.newsletterTitle)} destroyOnHidden>
      {issue.error ? (
        <LoadError error={issue.error} />
      ) : !i ? (
        <Skeleton active />
      ) : (
        <div data-testid="party-issue-drawer">
          <Typography.Text type="secondary" className="linli-mono">
            {i.date}
          </Typography.Text>
          {i.content && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }} ellipsis={{ rows: 4, expandable: true }}>{i.content}</Typography.Paragraph>}
          <div style={{ marginTop: 8 }}>
            <NewsletterFile communityId={communityId} issueId={i.id} file={i.file} canManage={canManage} />
          </div>

          {canManage && (
            <Card size="small" title={t(text.deliver)} style={{ marginTop: 16 }}>
              {waiting.length === 0 ? (
                <Typography.Text type="secondary">{recipients.isPending ? t('loading') : t(text.allDelivered)}</Typography.Text>
              ) : (
                <Form
                  key={waiting.map((w) => w.memberId).join()}
                  form={form}
                  layout="vertical"
                  initialValues={{ memberIds: waiting.map((w) => w.memberId), deliveredBy: me.data?.displayName ?? '', deliveredAt: dayjs() }}
                  onFinish={(v) => deliver.mutate(v)}
                >
                  <Form.Item name="memberIds" label={t(text.deliverTo)} rules={[{ required: true, type: 'array', min: 1, message: t(text.required) }]}>
                    <Checkbox.Group
                      className="party-recipients"
                      options={waiting.map((r) => ({ value: r.memberId, label: r.status === 'normal' ? r.name : `${r.name}（${label(MEMBER_STATUS_LABELS, r.status, lang)}）` }))}
                    />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col span={12}>
                      <Form.Item name="deliveredBy" label={t(text.deliveredBy)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
                        <Input maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="deliveredAt" label={t(text.deliveredAt)} rules={[{ required: true, message: t(text.required) }]}>
                        <DatePicker allowClear={false} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  {deliver.error && <Alert type="error" showIcon title={deliver.error.message} style={{ marginBottom: 12 }} />}
                  <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={deliver.isPending}>
                    {t(text.deliver)}
                  </Button>
                </Form>
              )}
            </Card>
          )}

          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t(text.deliveries)}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8, fontSize: 14 }}>
              {t(text.copies)} {i.copies} · {t(text.confirmed)} {i.confirmed}
            </Typography.Text>
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            dataSource={i.deliveries}
            pagination={false}
            locale={{ emptyText: t(text.noDeliveries) }}
            columns={[
              { title: t(text.member), dataIndex: 'name' },
              { title: t(text.deliveredBy), dataIndex: 'deliveredBy' },
              { title: t(text.deliveredAt), dataIndex: 'deliveredAt', render: (v: string) => <span className="linli-mono">{v}</span> },
              {
                title: t(text.status),
                key: 'confirmed',
                width: 130,
                render: (_, d) =>
                  d.confirmed ? (
                    <Tag color="success">{t(text.confirmedTag)}</Tag>
                  ) : canManage ? (
                    <Button size="small" icon={<CheckOutlined />} loading={confirm.isPending && confirm.variables === d.id} onClick={() => confirm.mutate(d.id)}>
                      {t(text.confirm)}
                    </Button>
                  ) : (
                    <Tag>{t(text.waiting)}</Tag>
                  ),
              },
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}

/** /c/:communityId/party/newsletters — issues, copies delivered and confirmed. */
export function NewslettersPage() {
  const { t } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'party.manage');
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<IssueForm>();
  const period = usePeriodParams();
  const list = useNewsletters(communityId, period);
  const recipients = useRecipients(communityId);
  // the figures count the chosen period, or else the two years up to today (as the work report does)
  const to = period.to ?? today();
  const from = period.from ?? dayjs(to).subtract(2, 'year').format('YYYY-MM-DD');
  const figures = useNewsletterFigures(communityId, from, to);
  const nextNumber = Math.max(0, ...(list.data ?? []).map((i) => i.number)) + 1;

  const create = useMutation({
    mutationFn: (v: IssueForm) => api<{ id: string }>('POST', `${partyBase(communityId)}/newsletters`, { number: v.number, date: v.date.format('YYYY-MM-DD'), title: v.title.trim(), content: v.content ?? '' }),
    onSuccess: (r, v) => {
      void queryClient.invalidateQueries({ queryKey: partyKeys.newsletters(communityId) });
      message.success(t(text.issueCreated, { n: v.number }));
      setCreating(false);
      setOpen(r.id);
    },
  });

  const columns: TableColumnsType<Issue> = [
    { title: t(text.issueNo), dataIndex: 'number', width: 100, render: (n: number) => <span className="linli-row-name">{t(text.issueN, { n })}</span> },
    { title: t(text.issueDate), dataIndex: 'date', width: 120, render: (v: string) => <span className="linli-mono">{v}</span> },
    { title: t(text.issueTitle), dataIndex: 'title' },
    { title: t(text.copies), dataIndex: 'copies', width: 100, align: 'right' },
    {
      title: t(text.confirmed),
      key: 'confirmed',
      width: 200,
      render: (_, i) => (i.copies ? <Progress percent={Math.round((i.confirmed / i.copies) * 100)} format={() => `${i.confirmed}/${i.copies}`} size="small" /> : '—'),
    },
  ];

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.newsletterTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.newsletterIntro)}</Typography.Text>
        </div>
        {canManage && (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t(text.addIssue)}
          </Button>
        )}
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic title={t(text.issues)} value={figures.data?.issues ?? '—'} loading={figures.isPending} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t(text.copies)} value={figures.data?.copies ?? '—'} loading={figures.isPending} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t(text.confirmed)} value={figures.data?.confirmed ?? '—'} loading={figures.isPending} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t(text.recipients)} value={recipients.data?.length ?? '—'} loading={recipients.isPending} />
          </Col>
        </Row>
        <Space wrap style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" className="linli-mono">
            {period.from ? t(text.figuresPeriod, { from, to }) : `${t(text.newsletterTwoYears)} · ${t(text.figuresPeriod, { from, to })}`}
          </Typography.Text>
          <PeriodFilter />
        </Space>
      </Card>
      <RecipientsEditor communityId={communityId} canManage={canManage} />
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Issue>
          className="linli-clickable-rows"
          rowKey="id"
          columns={columns}
          dataSource={list.data}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={false}
          onRow={(i) => ({ onClick: () => setOpen(i.id) })}
          locale={{ emptyText: list.isPending ? ' ' : <Empty description={t(text.noIssues)} /> }}
        />
      )}
      <IssueDrawer communityId={communityId} id={open} canManage={canManage} onClose={() => setOpen(null)} />
      <Modal open={creating} title={t(text.addIssue)} okText={t('save')} cancelText={t('cancel')} confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={() => setCreating(false)} destroyOnHidden width={640}>
        <Form form={form} layout="vertical" initialValues={{ number: nextNumber, date: dayjs() }} onFinish={(v) => create.mutate(v)}>
          <Space size={16} wrap>
            <Form.Item name="number" label={t(text.issueNo)} rules={[{ required: true, message: t(text.required) }]}>
              <InputNumber min={1} max={100000} precision={0} />
            </Form.Item>
            <Form.Item name="date" label={t(text.issueDate)} rules={[{ required: true, message: t(text.required) }]}>
              <DatePicker allowClear={false} />
            </Form.Item>
          </Space>
          <Form.Item name="title" label={t(text.issueTitle)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="content" label={t(text.issueContent)}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={50000} />
          </Form.Item>
          {create.error && <Alert type="error" showIcon title={create.error.message} />}
        </Form>
      </Modal>
    </>
  );
}
