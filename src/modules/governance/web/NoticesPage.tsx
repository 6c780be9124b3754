import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Drawer, Empty, Form, Input, InputNumber, List, Modal, Popconfirm, Radio, Select, Skeleton, Space, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, EditOutlined, ExportOutlined, PlusOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { api, withQuery } from '../../../web/api.ts';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { boardUrl, govBase, govKeys, publicNoticeUrl, useNotice, useNotices, useResolutions, useSettings, type Notice, type NoticeFilters, type Settings } from './api.ts';
import { longDate, PhaseTag, usePeriodText } from './components.tsx';
import { KIND_LABELS, label, OUTCOME_LABELS, PHASE_LABELS, text } from './text.ts';
import { NOTICE_KINDS, NOTICE_OUTCOMES, NOTICE_PHASES } from '../schema.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

function BoardCard({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const community = useCurrentCommunity();
  const canPublish = canInCommunity(community, 'governance.publish');
  const s = useSettings(communityId);
  const save = useMutation({
    mutationFn: (body: { enabled: boolean; newToken?: boolean }) => api<Settings>('PUT', `${govBase(communityId)}/board`, body),
    onSuccess: (r) => qc.setQueryData(govKeys.settings(communityId), r),
    onError: (e) => message.error(e.message),
  });
  const url = s.data?.boardToken ? boardUrl(s.data.boardToken) : null;
  return (
    <Card size="small" style={{ marginBottom: 16 }} loading={s.isPending}>
      <div className="gov-board-row">
        <Space size={12} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t(text.publicBoard)}
          </Typography.Text>
          <Switch
            checked={s.data?.boardEnabled ?? false}
            disabled={!canPublish}
            loading={save.isPending}
            checkedChildren={t(text.boardOn)}
            unCheckedChildren={t(text.boardOff)}
            onChange={(enabled) => save.mutate({ enabled })}
            aria-label={t(text.publicBoard)}
          />
        </Space>
        {s.data?.boardEnabled && url ? (
          <Space wrap size={8} className="gov-board-link">
            <Typography.Text copyable={{ text: url }} className="linli-mono" data-testid="gov-board-url">
              {url}
            </Typography.Text>
            <Button icon={<ExportOutlined />} href={url} target="_blank" rel="noopener">
              {t(text.openBoard)}
            </Button>
            {canPublish && (
              <Popconfirm title={t(text.newLinkConfirm)} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => save.mutate({ enabled: true, newToken: true })}>
                <Button icon={<ReloadOutlined />}>{t(text.newLink)}</Button>
              </Popconfirm>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t(text.boardOffHint)}</Typography.Text>
        )}
      </div>
      {s.data?.boardEnabled && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t(text.boardHint)}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

interface Draft {
  kind: Notice['kind'];
  title: string;
  body: string;
  resolutionId?: string | null;
  periodRule: Notice['periodRule'];
  periodLength?: number;
}

/**
 * Drafts a notice, or changes a draft not yet published (`editing`): the same form, filled in with
 * the draft, saved in place.
 */
function DraftModal({
  communityId,
  open,
  resolutionId,
  editing,
  onClose,
}: {
  communityId: string;
  open: boolean;
  resolutionId: string | null;
  editing?: { id: string } & Draft;
  onClose: (id?: string) => void;
}) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<Draft>();
  const resolutions = useResolutions(communityId);
  const settings = useSettings(communityId);
  const rule = Form.useWatch('periodRule', form);
  const prefill = (id: string | null | undefined): Partial<Draft> | null => {
    const r = resolutions.data?.find((x) => x.id === id);
    if (!r) return null;
    return {
      resolutionId: r.id,
      kind: 'resolution',
      title: lang === 'en' ? `Notice of resolution: ${r.title}` : `关于“${r.title}”的决议公示`,
      body:
        lang === 'en'
          ? `At ${r.meetingTitle} on ${r.decidedOn}, with ${r.tally.present} representatives present, "${r.title}" passed with ${r.tally.for} for, ${r.tally.against} against and ${r.tally.abstain} abstaining: resolution ${r.number}.`
          : `${longDate(r.decidedOn, lang)}，社区召开${r.meetingTitle}，实到代表${r.tally.present}人。会议审议了“${r.title}”，表决结果：赞成${r.tally.for}票，反对${r.tally.against}票，弃权${r.tally.abstain}票，形成决议${r.number}。\n现予公示。公示期间如有异议，请向社区居委会提出。`,
    };
  };
  const fill = (id: string | null | undefined) => {
    const v = prefill(id);
    if (v) form.setFieldsValue(v);
  };
  // a notice drafted from a resolution starts filled in; the form waits for the resolutions to arrive
  const waiting = Boolean(resolutionId) && !resolutions.data;
  const initial = editing
    ? { kind: editing.kind, title: editing.title, body: editing.body, resolutionId: editing.resolutionId ?? undefined, periodRule: editing.periodRule, periodLength: editing.periodLength }
    : { kind: 'resolution' as const, periodRule: 'days' as const, periodLength: settings.data?.noticeDays ?? 7, ...(prefill(resolutionId) ?? {}) };
  const save = useMutation({
    mutationFn: (v: Draft) =>
      editing
        ? api<{ id: string }>('PUT', `${govBase(communityId)}/notices/${editing.id}`, { ...v, resolutionId: v.resolutionId ?? null })
        : api<{ id: string }>('POST', `${govBase(communityId)}/notices`, { ...v, resolutionId: v.resolutionId ?? null }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: govKeys.all(communityId) });
      form.resetFields();
      onClose(r.id);
    },
  });
  return (
    <Modal open={open} title={t(editing ? text.editNotice : text.newNotice)} okText={t('save')} cancelText={t('cancel')} onOk={() => form.submit()} onCancel={() => onClose()} confirmLoading={save.isPending} width={680} destroyOnHidden>
      {waiting ? null : (
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="resolutionId" label={t(text.resolution)}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(resolutions.data ?? []).map((r) => ({ value: r.id, label: `${r.number} ${r.title}${r.noticed ? `（${t({ zh: '已公示', en: 'noticed' })}）` : ''}` }))}
            onChange={(v?: string) => fill(v)}
            aria-label={t(text.resolution)}
          />
        </Form.Item>
        <Form.Item name="kind" label={t(text.kind)}>
          <Radio.Group optionType="button" options={NOTICE_KINDS.map((k) => ({ value: k, label: label(KIND_LABELS, k, lang) }))} />
        </Form.Item>
        <Form.Item name="title" label={t({ zh: '标题', en: 'Title' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="body" label={t(text.body)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={20000} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="periodRule" label={t(text.periodRule)}>
            <Radio.Group
              onChange={(e) => form.setFieldsValue({ periodLength: e.target.value === 'working_days' ? 20 : (settings.data?.noticeDays ?? 7) })}
              options={[
                { value: 'days', label: t(text.calendarDays) },
                { value: 'working_days', label: t(text.workingDays) },
              ]}
            />
          </Form.Item>
          <Form.Item name="periodLength" label={t(text.periodLength)}>
            <InputNumber min={1} max={60} addonAfter={rule === 'working_days' ? t({ zh: '个工作日', en: 'working days' }) : t({ zh: '天', en: 'days' })} />
          </Form.Item>
        </Space>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
      )}
    </Modal>
  );
}

function NoticeDrawer({ communityId, id, onClose }: { communityId: string; id: string | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'governance.manage');
  const canPublish = canInCommunity(community, 'governance.publish');
  const settings = useSettings(communityId);
  const q = useNotice(communityId, id);
  const n = q.data;
  const period = usePeriodText();
  const [answering, setAnswering] = useState<{ id: string; content: string; answer: string | null } | null>(null);
  const [objecting, setObjecting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [answerForm] = Form.useForm<{ answer: string }>();
  const [objForm] = Form.useForm<{ name: string; phone?: string; address?: string; content: string }>();
  const refresh = () => void qc.invalidateQueries({ queryKey: govKeys.all(communityId) });
  const onError = (e: Error) => message.error(e.message);
  const publish = useMutation({
    mutationFn: () => api<{ endDate: string }>('POST', `${govBase(communityId)}/notices/${id}/publish`, {}),
    onSuccess: (r) => (refresh(), message.success(t(text.published, { end: r.endDate }))),
    onError,
  });
  const close = useMutation({
    mutationFn: () => api<{ outcome: 'no_objection' | 'objections_handled' }>('POST', `${govBase(communityId)}/notices/${id}/close`),
    onSuccess: (r) => (refresh(), message.success(t(text.closed, { outcome: t(r.outcome === 'no_objection' ? { zh: '无异议', en: 'no objection' } : { zh: '有异议已处理', en: 'objections answered' }) }))),
    onError,
  });
  const answer = useMutation({
    mutationFn: (v: { answer: string }) => api('POST', `${govBase(communityId)}/notices/${id}/objections/${answering?.id}/answer`, v),
    onSuccess: () => (refresh(), setAnswering(null), message.success(t(text.answerSaved))),
  });
  const object = useMutation({
    mutationFn: (v: { name: string; phone?: string; address?: string; content: string }) => api('POST', `${govBase(communityId)}/notices/${id}/objections`, { ...v, phone: v.phone || null, address: v.address || null }),
    onSuccess: () => (refresh(), setObjecting(false), objForm.resetFields()),
  });
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={640} title={n?.title ?? t(text.noticesTitle)} destroyOnHidden>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !n ? (
        <Skeleton active />
      ) : (
        <div data-testid="gov-notice-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t({ zh: '状态', en: 'Status' })}>
              <PhaseTag phase={n.phase} outcome={n.outcome} />
            </Descriptions.Item>
            <Descriptions.Item label={t(text.kind)}>
              {label(KIND_LABELS, n.kind, lang)}
              {n.resolutionNumber ? ` · ${n.resolutionNumber}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t(text.periodRule)}>
              {period(n.periodRule, n.periodLength)}
              {n.startDate && n.endDate ? ` · ${t(text.period, { from: n.startDate, to: n.endDate })}` : ''}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} className="gov-notice-body">
            {n.body}
          </Typography.Paragraph>
          <Space wrap style={{ marginBottom: 16 }}>
            <Link to={`/c/${communityId}/governance/notices/${n.id}/print`}>
              <Button icon={<PrinterOutlined />}>{t(text.printA4)}</Button>
            </Link>
            {canManage && n.status === 'draft' && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t(text.editDraft)}
              </Button>
            )}
            {canPublish && n.status === 'draft' && (
              <Popconfirm title={t(text.publishConfirm)} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => publish.mutate()}>
                <Button type="primary" loading={publish.isPending}>
                  {t(text.publish)}
                </Button>
              </Popconfirm>
            )}
            {canPublish && n.phase === 'expired' && (
              <Button type="primary" icon={<CheckCircleOutlined />} loading={close.isPending} onClick={() => close.mutate()}>
                {t(text.close)}
              </Button>
            )}
            {settings.data?.boardEnabled && settings.data.boardToken && n.status !== 'draft' && (
              <Button icon={<ExportOutlined />} href={publicNoticeUrl(settings.data.boardToken, n.id)} target="_blank" rel="noopener">
                {t(text.openBoard)}
              </Button>
            )}
          </Space>
          <section className="gov-drawer-section">
            <div className="gov-section-head">
              <h4>
                {t(text.objections)} {n.objectionList.length > 0 && `(${n.objectionList.length})`}
              </h4>
              {canManage && n.phase === 'open' && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setObjecting(true)}>
                  {t(text.addObjection)}
                </Button>
              )}
            </div>
            <List
              dataSource={n.objectionList}
              locale={{ emptyText: t(text.noObjections) }}
              renderItem={(o) => (
                <List.Item
                  data-testid="gov-objection"
                  actions={
                    canManage && n.status !== 'closed'
                      ? [
                          <Button key="a" type={o.answer ? 'default' : 'primary'} size="small" onClick={() => (answerForm.setFieldsValue({ answer: o.answer ?? '' }), setAnswering(o))}>
                            {t(text.answer)}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <div style={{ width: '100%' }}>
                    <Space wrap size={8}>
                      <Typography.Text strong>{o.name}</Typography.Text>
                      {o.phoneMasked && <span className="linli-mono">{o.phoneMasked}</span>}
                      {o.address && <Typography.Text type="secondary">{o.address}</Typography.Text>}
                      <Tag>{t(o.channel === 'public_link' ? text.viaLink : text.viaDesk)}</Tag>
                      <Typography.Text type="secondary">{formatDateTime(o.receivedAt, lang)}</Typography.Text>
                      <Tag color={o.answer ? 'success' : 'warning'}>{t(o.answer ? text.answered : text.toAnswer)}</Tag>
                    </Space>
                    <div className="gov-objection-content">{o.content}</div>
                    {o.answer && (
                      <div className="gov-answer">
                        <strong>{t(text.ourAnswer)}：</strong>
                        {o.answer}
                      </div>
                    )}
                  </div>
                </List.Item>
              )}
            />
          </section>
          <DraftModal communityId={communityId} open={editing} resolutionId={null} editing={editing ? n : undefined} onClose={() => setEditing(false)} />
          <Modal open={Boolean(answering)} title={t(text.answer)} okText={t('save')} cancelText={t('cancel')} onOk={() => answerForm.submit()} onCancel={() => setAnswering(null)} confirmLoading={answer.isPending} destroyOnHidden>
            <Typography.Paragraph className="gov-quote">{answering?.content}</Typography.Paragraph>
            <Form form={answerForm} layout="vertical" onFinish={(v) => answer.mutate(v)}>
              <Form.Item name="answer" label={t(text.answer)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
                <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
              </Form.Item>
              {answer.error && <Alert type="error" showIcon title={answer.error.message} />}
            </Form>
          </Modal>
          <Modal open={objecting} title={t(text.addObjection)} okText={t('save')} cancelText={t('cancel')} onOk={() => objForm.submit()} onCancel={() => setObjecting(false)} confirmLoading={object.isPending} destroyOnHidden>
            <Form form={objForm} layout="vertical" onFinish={(v) => object.mutate(v)}>
              <Form.Item name="name" label={t(text.objector)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="phone" label={t(text.phone)}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
              <Form.Item name="address" label={t(text.address)}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="content" label={t(text.objection)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
              </Form.Item>
              {object.error && <Alert type="error" showIcon title={object.error.message} />}
            </Form>
          </Modal>
        </div>
      )}
    </Drawer>
  );
}

/** /c/:communityId/governance/notices — the notice board: drafts, what is up, what closed, objections and answers. */
export function NoticesPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'governance.manage');
  const { params, patch } = useQueryParams();
  const phase = params.get('phase') ?? '';
  const page = Number(params.get('page')) || 1;
  const open = params.get('open');
  const draftFor = params.get('draftFor');
  const [creating, setCreating] = useState(Boolean(draftFor));
  const range = usePeriodParams();
  const outcome = params.get('outcome');
  // a period applies to the notice's first day up; outcome, resolution and objections narrow further
  const filters: NoticeFilters = {
    phase: phase || undefined,
    from: range.from,
    to: range.to,
    outcome: outcome && (NOTICE_OUTCOMES as readonly string[]).includes(outcome) ? outcome : undefined,
    resolution: params.get('resolution') === '1' ? '1' : undefined,
    objections: params.get('objections') === '1' ? '1' : undefined,
  };
  const list = useNotices(communityId, { ...filters, page, pageSize: 20 });
  const period = usePeriodText();
  const set = patch;
  const columns: TableColumnsType<Notice> = [
    { title: t({ zh: '标题', en: 'Title' }), dataIndex: 'title', render: (v: string) => <span className="linli-row-name">{v}</span> },
    { title: t(text.kind), dataIndex: 'kind', width: 90, render: (v: Notice['kind']) => label(KIND_LABELS, v, lang) },
    {
      title: t(text.periodRule),
      key: 'p',
      render: (_, n) => (
        <span className="linli-mono">
          {n.startDate ? `${n.startDate} ~ ${n.endDate}` : period(n.periodRule, n.periodLength)}
        </span>
      ),
    },
    { title: t({ zh: '状态', en: 'Status' }), key: 's', render: (_, n) => <PhaseTag phase={n.phase} outcome={n.outcome} /> },
    {
      title: t(text.objections),
      key: 'o',
      render: (_, n) => (n.objections ? <Space size={4}>{n.objections}{n.unanswered ? <Tag color="warning">{t(text.unanswered, { n: n.unanswered })}</Tag> : null}</Space> : '—'),
    },
  ];
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.noticesTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.noticesIntro)}</Typography.Text>
        </div>
        <Space wrap>
          {canManage && (
            <Button size="large" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t(text.newNotice)}
            </Button>
          )}
          <Button size="large" icon={<DownloadOutlined />} href={withQuery(`${govBase(communityId)}/notices/export.xlsx`, filters)}>
            {t('exportExcel')}
          </Button>
        </Space>
      </div>
      <BoardCard communityId={communityId} />
      <Tabs
        activeKey={phase || 'all'}
        onChange={(k) => set({ phase: k === 'all' ? null : k, page: null })}
        items={[{ key: 'all', label: t(text.allPhases) }, ...NOTICE_PHASES.map((p) => ({ key: p, label: label(PHASE_LABELS, p, lang) }))]}
      />
      <Space wrap className="gov-list-filters">
        <PeriodFilter />
        {range.from && <Typography.Text type="secondary">{t(text.noticesByStart)}</Typography.Text>}
        <Select
          aria-label={t(text.anyOutcome)}
          value={filters.outcome ?? ''}
          onChange={(v: string) => set({ outcome: v || null, page: null })}
          options={[{ value: '', label: t(text.anyOutcome) }, ...NOTICE_OUTCOMES.map((o) => ({ value: o, label: label(OUTCOME_LABELS, o, lang) }))]}
          style={{ width: 140 }}
        />
        <Checkbox checked={filters.resolution === '1'} onChange={(e) => set({ resolution: e.target.checked ? '1' : null, page: null })}>
          {t(text.resolutionOnly)}
        </Checkbox>
        <Checkbox checked={filters.objections === '1'} onChange={(e) => set({ objections: e.target.checked ? '1' : null, page: null })}>
          {t(text.objectedOnly)}
        </Checkbox>
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Notice>
          className="linli-clickable-rows"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(n) => ({ onClick: () => set({ open: n.id }) })}
          locale={{ emptyText: list.isPending ? ' ' : <Empty description={t(range.from ? text.noNoticesPeriod : text.noNotices)} /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set({ page: String(p) }), showSizeChanger: false, hideOnSinglePage: true }}
        />
      )}
      <DraftModal
        communityId={communityId}
        open={creating}
        resolutionId={draftFor}
        onClose={(id) => {
          setCreating(false);
          set({ draftFor: null, ...(id ? { open: id } : {}) });
        }}
      />
      <NoticeDrawer communityId={communityId} id={open} onClose={() => set({ open: null })} />
    </>
  );
}
