import { useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Col, Descriptions, Drawer, Empty, Form, Input, InputNumber, List, Modal, Row, Select, Skeleton, Space, Steps, Table, Tabs, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { api, withQuery } from '../../../web/api.ts';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { govBase, govKeys, useProposal, useProposals, type Proposal, type ProposalFilters } from './api.ts';
import { PhaseTag, StateTag, TallyBar } from './components.tsx';
import { ACTION_LABELS, CHANNEL_LABELS, label, SOURCE_LABELS, STATE_LABELS, text } from './text.ts';
import { PROPOSAL_CHANNELS, PROPOSAL_SOURCES, PROPOSAL_STATES } from '../schema.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

interface NewProposal {
  title: string;
  background: string;
  costEstimate?: number | null;
  source: Proposal['source'];
  submitterName: string;
  assisted?: boolean;
  phone?: string;
  address?: string;
  major?: boolean;
}

function NewProposalModal({ communityId, open, onClose }: { communityId: string; open: boolean; onClose: (id?: string) => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewProposal>();
  const assisted = Form.useWatch('assisted', form);
  const save = useMutation({
    mutationFn: ({ v, submit }: { v: NewProposal; submit: boolean }) =>
      api<{ id: string; trackingCode: string }>('POST', `${govBase(communityId)}/proposals`, { ...v, costEstimate: v.costEstimate ?? null, phone: v.phone || null, address: v.address || null, submit }),
    onSuccess: (r, { submit }) => {
      void qc.invalidateQueries({ queryKey: govKeys.proposals(communityId) });
      message.success(submit ? t(text.created, { code: r.trackingCode }) : t(text.draftSaved));
      form.resetFields();
      onClose(r.id);
    },
  });
  const go = (submit: boolean) => void form.validateFields().then((v) => save.mutate({ v, submit }));
  return (
    <Modal
      open={open}
      title={t(text.newProposal)}
      onCancel={() => onClose()}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={() => onClose()}>
          {t('cancel')}
        </Button>,
        <Button key="d" onClick={() => go(false)} loading={save.isPending}>
          {t(text.saveDraft)}
        </Button>,
        <Button key="s" type="primary" onClick={() => go(true)} loading={save.isPending}>
          {t(text.submit)}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={{ source: 'resident', assisted: true }}>
        <Form.Item name="title" label={t(text.title)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="background" label={t(text.background)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t(text.source)}>
              <Select options={PROPOSAL_SOURCES.map((s) => ({ value: s, label: label(SOURCE_LABELS, s, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="submitterName" label={t(text.submitter)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="costEstimate" label={t(text.cost)}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="major" valuePropName="checked" label=" " extra={t(text.majorHint)}>
              <Checkbox>{t(text.major)}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="assisted" valuePropName="checked">
          <Checkbox>{t(text.assisted)}</Checkbox>
        </Form.Item>
        {assisted && (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="phone" label={t(text.phone)}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="address" label={t(text.address)}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

const STEP_OF: Record<Proposal['state'], number> = { draft: 0, submitted: 1, on_agenda: 2, deliberated: 3, passed: 4, rejected: 4, deferred: 4 };

function ProposalDrawer({ communityId, id, onClose }: { communityId: string; id: string | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'governance.manage');
  const q = useProposal(communityId, id);
  const p = q.data;
  const [form] = Form.useForm<{ author: string; body: string }>();
  const refresh = () => void qc.invalidateQueries({ queryKey: govKeys.all(communityId) });
  const comment = useMutation({
    mutationFn: (v: { author: string; body: string }) => api('POST', `${govBase(communityId)}/proposals/${id}/comments`, v),
    onSuccess: () => {
      form.resetFields();
      refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const submit = useMutation({ mutationFn: () => api('POST', `${govBase(communityId)}/proposals/${id}/submit`), onSuccess: refresh, onError: (e) => message.error(e.message) });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const fd = new FormData();
      fd.append('file', file);
      return api('POST', `${govBase(communityId)}/proposals/${id}/files`, fd);
    },
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });
  const stepItems = [text.submit, text.submit, text.agenda, text.comments, text.decisions].map((_, i) => ({
    title: i === 0 ? label(STATE_LABELS, 'draft', lang) : i === 1 ? label(STATE_LABELS, 'submitted', lang) : i === 2 ? label(STATE_LABELS, 'on_agenda', lang) : i === 3 ? label(STATE_LABELS, 'deliberated', lang) : p && ['passed', 'rejected', 'deferred'].includes(p.state) ? label(STATE_LABELS, p.state, lang) : t({ zh: '决定', en: 'Decided' }),
  }));
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={620} title={p?.title ?? t(text.title)} destroyOnHidden>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !p ? (
        <Skeleton active />
      ) : (
        <div data-testid="gov-proposal-drawer">
          <Steps size="small" current={STEP_OF[p.state]} status={p.state === 'rejected' ? 'error' : p.state === 'passed' ? 'finish' : 'process'} items={stepItems} style={{ marginBottom: 16 }} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t({ zh: '状态', en: 'State' })}>
              <Space wrap>
                <StateTag state={p.state} />
                {p.major && <Tag color="red">{t(text.major)}</Tag>}
                {p.resolutionNumber && <Tag color="success">{p.resolutionNumber}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t(text.source)}>
              {label(SOURCE_LABELS, p.source, lang)} · {p.submitterName}
              {p.submitterAddress ? ` · ${p.submitterAddress}` : ''}
              {p.submitterPhoneMasked ? ` · ${p.submitterPhoneMasked}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t(text.channel)}>
              <Tag color={p.channel === 'assisted' ? 'orange' : p.channel === 'self' ? 'cyan' : 'default'}>{label(CHANNEL_LABELS, p.channel, lang)}</Tag>
              {p.recordedBy ? `${t(text.recordedBy)}：${p.recordedBy}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t(text.trackingCode)}>
              <Typography.Text copyable className="linli-mono">
                {p.trackingCode}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t({ zh: '提交时间', en: 'Submitted' })}>{formatDateTime(p.createdAt, lang)}</Descriptions.Item>
            {p.costEstimate !== null && <Descriptions.Item label={t(text.cost)}>{p.costEstimate.toLocaleString()}</Descriptions.Item>}
            {p.meetingTitle && (
              <Descriptions.Item label={t(text.meeting)}>
                <Link to={`/c/${communityId}/governance/meetings/${p.meetingId}`}>
                  {p.meetingDate} {p.meetingTitle}
                </Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t(text.background)}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{p.background}</div>
            </Descriptions.Item>
          </Descriptions>
          {p.tally && ['deliberated', 'passed', 'rejected'].includes(p.state) && (
            <div style={{ marginTop: 16 }}>
              <TallyBar tally={p.tally} />
            </div>
          )}
          <Space style={{ marginTop: 16 }} wrap>
            {canManage && p.state === 'draft' && (
              <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()}>
                {t(text.submit)}
              </Button>
            )}
            {canManage && p.state === 'passed' && p.resolutionId && p.notices.length === 0 && (
              <Button type="primary" onClick={() => navigate(`/c/${communityId}/governance/notices?draftFor=${p.resolutionId}`)}>
                {t(text.makeNotice)}
              </Button>
            )}
          </Space>
          {p.notices.length > 0 && (
            <section className="gov-drawer-section">
              <h4>{t(text.noticesOf)}</h4>
              {p.notices.map((n) => (
                <div key={n.id}>
                  <Link to={`/c/${communityId}/governance/notices?open=${n.id}`}>{n.title}</Link> <PhaseTag phase={n.phase} />
                </div>
              ))}
            </section>
          )}
          <section className="gov-drawer-section">
            <h4>{t(text.attachments)}</h4>
            {p.files.map((f) => (
              <div key={f.id}>
                <a href={`${govBase(communityId)}/proposals/${p.id}/files/${f.id}`}>
                  <PaperClipOutlined /> {f.filename}
                </a>
              </div>
            ))}
            {canManage && (
              <Upload showUploadList={false} beforeUpload={(file) => (upload.mutate(file), false)}>
                <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
                  {t(text.upload)}
                </Button>
              </Upload>
            )}
          </section>
          <section className="gov-drawer-section">
            <h4>{t(text.comments)}</h4>
            <List
              size="small"
              dataSource={p.comments}
              locale={{ emptyText: t(text.noComments) }}
              renderItem={(c) => (
                <List.Item>
                  <div>
                    <Typography.Text strong>{c.author}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(c.createdAt, lang)}</Typography.Text>
                    <div>{c.body}</div>
                  </div>
                </List.Item>
              )}
            />
            {canManage && !['passed', 'rejected'].includes(p.state) && (
              <Form form={form} layout="inline" onFinish={(v) => comment.mutate(v)} className="gov-comment-form">
                <Form.Item name="author" rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
                  <Input placeholder={t(text.author)} maxLength={40} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t(text.required) }]} style={{ flex: 1, minWidth: 180 }}>
                  <Input placeholder={t(text.comments)} maxLength={2000} />
                </Form.Item>
                <Button htmlType="submit" loading={comment.isPending}>
                  {t(text.addComment)}
                </Button>
              </Form>
            )}
          </section>
          {p.history.length > 0 && (
            <section className="gov-drawer-section">
              <h4>{t(text.history)}</h4>
              <ul className="gov-history">
                {p.history.map((h, i) => (
                  <li key={i}>
                    <span className="linli-mono">{formatDateTime(h.at, lang)}</span> {label(ACTION_LABELS, h.action, lang)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </Drawer>
  );
}

/** /c/:communityId/governance/proposals — the board of proposals by state; new ones, including those entered for residents. */
export function ProposalsPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'governance.manage');
  const { params, patch } = useQueryParams();
  const state = params.get('state') ?? '';
  const page = Number(params.get('page')) || 1;
  const open = params.get('open');
  const qText = params.get('q') ?? '';
  const period = usePeriodParams();
  const pick = (k: string, allowed: readonly string[]) => {
    const v = params.get(k);
    return v && allowed.includes(v) ? v : undefined;
  };
  // a period applies to the day submitted, or (by=decided) to the day the assembly decided
  const filters: ProposalFilters = {
    state: state || undefined,
    q: qText || undefined,
    from: period.from,
    to: period.to,
    by: period.from ? pick('by', ['submitted', 'decided']) : undefined,
    source: pick('source', PROPOSAL_SOURCES),
    channel: pick('channel', PROPOSAL_CHANNELS),
  };
  const [creating, setCreating] = useState(false);
  const list = useProposals(communityId, { ...filters, page, pageSize: 20 });
  const set = patch;
  const counts = list.data?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const columns: TableColumnsType<Proposal> = [
    {
      title: t(text.title),
      dataIndex: 'title',
      render: (v: string, p) => (
        <span className="linli-row-name">
          {v}
          {p.major ? <Tag color="red" style={{ marginInlineStart: 8 }}>{t(text.major)}</Tag> : null}
          {/* on a phone the state sits under the title: the table's other columns are off screen */}
          <span className="gov-phone-only">
            <StateTag state={p.state} />
          </span>
        </span>
      ),
    },
    { title: t({ zh: '状态', en: 'State' }), dataIndex: 'state', width: 110, render: (v: Proposal['state']) => <StateTag state={v} /> },
    { title: t(text.submitter), key: 'who', render: (_, p) => `${label(SOURCE_LABELS, p.source, lang)} · ${p.submitterName}` },
    { title: t(text.channel), dataIndex: 'channel', responsive: ['lg'], render: (v: Proposal['channel']) => <Tag color={v === 'assisted' ? 'orange' : v === 'self' ? 'cyan' : 'default'}>{label(CHANNEL_LABELS, v, lang)}</Tag> },
    { title: t(text.meeting), key: 'm', responsive: ['md'], render: (_, p) => (p.meetingTitle ? `${p.meetingDate} ${p.meetingTitle}` : '—') },
    { title: t({ zh: '决议编号', en: 'Resolution' }), dataIndex: 'resolutionNumber', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    filters.by === 'decided'
      ? { title: t({ zh: '决定日期', en: 'Decided' }), dataIndex: 'decidedAt', width: 110, responsive: ['lg'], render: (v: string | null) => <span className="linli-mono">{v?.slice(0, 10) ?? '—'}</span> }
      : { title: t({ zh: '提交日期', en: 'Submitted' }), dataIndex: 'createdAt', width: 110, responsive: ['lg'], render: (v: string) => <span className="linli-mono">{v.slice(0, 10)}</span> },
  ];
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.proposalsTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.proposalsIntro)}</Typography.Text>
        </div>
        <Space wrap>
          {canManage && (
            <Button size="large" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t(text.newProposal)}
            </Button>
          )}
          <Button size="large" icon={<DownloadOutlined />} href={withQuery(`${govBase(communityId)}/proposals/export.xlsx`, filters)}>
            {t('exportExcel')}
          </Button>
        </Space>
      </div>
      <Tabs
        activeKey={state || 'all'}
        onChange={(k) => set({ state: k === 'all' ? null : k, page: null })}
        items={[
          { key: 'all', label: `${t(text.allStates)} ${total}` },
          ...PROPOSAL_STATES.map((s) => ({ key: s, label: `${label(STATE_LABELS, s, lang)} ${counts[s] ?? 0}` })),
        ]}
        className="gov-state-tabs"
        data-testid="gov-state-tabs"
      />
      <Space wrap className="gov-list-filters">
        <Input.Search allowClear defaultValue={qText} placeholder={t({ zh: '搜索议题或提出人', en: 'Search title or submitter' })} onSearch={(v) => set({ q: v.trim() || null, page: null })} style={{ width: 260 }} />
        <PeriodFilter />
        {period.from && (
          <Select
            aria-label={t(text.byDay)}
            value={filters.by ?? 'submitted'}
            onChange={(v: string) => set({ by: v === 'decided' ? v : null, page: null })}
            options={[
              { value: 'submitted', label: t(text.bySubmitted) },
              { value: 'decided', label: t(text.byDecided) },
            ]}
            style={{ width: 130 }}
          />
        )}
        <Select
          aria-label={t(text.source)}
          value={filters.source ?? ''}
          onChange={(v: string) => set({ source: v || null, page: null })}
          options={[{ value: '', label: t(text.anySource) }, ...PROPOSAL_SOURCES.map((x) => ({ value: x, label: label(SOURCE_LABELS, x, lang) }))]}
          style={{ width: 130 }}
        />
        <Select
          aria-label={t(text.channel)}
          value={filters.channel ?? ''}
          onChange={(v: string) => set({ channel: v || null, page: null })}
          options={[{ value: '', label: t(text.anyChannel) }, ...PROPOSAL_CHANNELS.map((x) => ({ value: x, label: label(CHANNEL_LABELS, x, lang) }))]}
          style={{ width: 170 }}
        />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Proposal>
          className="linli-clickable-rows"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(p) => ({ onClick: () => set({ open: p.id }) })}
          locale={{ emptyText: list.isPending ? ' ' : <Empty description={t(period.from ? text.noProposalsPeriod : text.noProposals)} /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (n) => t(text.found, { n }), onChange: (p) => set({ page: String(p) }), showSizeChanger: false }}
        />
      )}
      <NewProposalModal communityId={communityId} open={creating} onClose={(id) => (setCreating(false), id ? set({ open: id }) : undefined)} />
      <ProposalDrawer communityId={communityId} id={open} onClose={() => set({ open: null })} />
    </>
  );
}
