import { useState } from 'react';
import { Alert, App as AntApp, AutoComplete, Badge, Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Rate, Select, Space, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, ExportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { boardUrl, partyBase, partyKeys, useBoardSettings, useFeedback, usePledges, type BoardSettings, type Feedback, type Pledge } from './api.ts';
import { PledgeStatusTag, ProgressTimeline, thisYear, yearOptions } from './components.tsx';
import { PledgeCreateModal, ProgressModal, ReviewModal } from './PledgeModals.tsx';
import { text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

type TabKey = 'member' | 'branch' | 'feedback';

/** 公开承诺栏: on or off, the link to copy, a fresh link. */
function BoardCard({ communityId, canManage }: { communityId: string; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const board = useBoardSettings(communityId);
  const save = useMutation({
    mutationFn: (body: { enabled: boolean; newToken?: boolean }) => api<BoardSettings>('PUT', `${partyBase(communityId)}/board`, body),
    onSuccess: (r, body) => {
      queryClient.setQueryData(partyKeys.board(communityId), r);
      message.success(t(body.newToken ? text.linkRenewed : r.enabled ? text.boardPublished : text.boardWithdrawn));
    },
    onError: (e) => message.error(e.message),
  });
  const b = board.data;
  // the server knows the address residents reach us at (behind a proxy, not the one this browser used)
  const url = b?.url ?? (b?.token ? boardUrl(b.token) : null);
  return (
    <Card className="party-board-card" loading={board.isPending} style={{ marginBottom: 16 }}>
      {board.error ? (
        <Alert type="error" showIcon title={board.error.message} />
      ) : (
        <div className="party-board-row">
          <Space size={12} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t(text.board)}
            </Typography.Text>
            <Switch
              checked={b?.enabled ?? false}
              disabled={!canManage}
              loading={save.isPending}
              checkedChildren={t(text.boardOn)}
              unCheckedChildren={t(text.boardOff)}
              onChange={(enabled) => save.mutate({ enabled })}
              aria-label={t(text.board)}
            />
          </Space>
          {b?.enabled && url ? (
            <Space wrap size={8} className="party-board-link">
              <Typography.Text copyable={{ text: url }} className="linli-mono" data-testid="party-board-url">
                {url}
              </Typography.Text>
              <Button icon={<ExportOutlined />} href={url} target="_blank" rel="noopener">
                {t(text.openBoard)}
              </Button>
              {canManage && (
                <Popconfirm title={t(text.newLinkConfirm)} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => save.mutate({ enabled: true, newToken: true })}>
                  <Button icon={<ReloadOutlined />}>{t(text.newLink)}</Button>
                </Popconfirm>
              )}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t(text.boardOffHint)}</Typography.Text>
          )}
        </div>
      )}
      {b?.enabled && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t(text.boardHint)}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function FeedbackList({ communityId, canManage }: { communityId: string; canManage: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const feedback = useFeedback(communityId);
  const [answering, setAnswering] = useState<Feedback | null>(null);
  const [hiding, setHiding] = useState<Feedback | null>(null);
  const [form] = Form.useForm<{ answer: string }>();
  const [hideForm] = Form.useForm<{ reason: string }>();
  const hide = useMutation({
    mutationFn: (v: { id: string; hidden: boolean; reason?: string }) =>
      api<Feedback>('POST', `${partyBase(communityId)}/feedback/${encodeURIComponent(v.id)}/hide`, { hidden: v.hidden, ...(v.reason ? { reason: v.reason.trim() } : {}) }),
    onSuccess: (f) => {
      void queryClient.invalidateQueries({ queryKey: partyKeys.feedback(communityId) });
      message.success(t(f.hidden ? text.feedbackHidden : text.feedbackShown));
      setHiding(null);
      hideForm.resetFields();
    },
    onError: (e) => message.error(e.message),
  });
  const answer = useMutation({
    mutationFn: (v: { answer: string }) => api<Feedback>('POST', `${partyBase(communityId)}/feedback/${encodeURIComponent(answering?.id ?? '')}/answer`, { answer: v.answer.trim() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partyKeys.feedback(communityId) });
      message.success(t(text.answerSaved));
      setAnswering(null);
    },
  });
  if (feedback.error) return <LoadError error={feedback.error} onRetry={() => void feedback.refetch()} />;
  return (
    <>
      <List
        className="party-feedback-list"
        loading={feedback.isPending}
        dataSource={feedback.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noFeedback)} /> }}
        pagination={(feedback.data?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        renderItem={(f) => (
          <List.Item
            data-testid="party-feedback-item"
            actions={
              canManage
                ? [
                    <Button key="answer" type={f.answer ? 'default' : 'primary'} icon={<EditOutlined />} onClick={() => setAnswering(f)} disabled={f.hidden}>
                      {t(text.answer)}
                    </Button>,
                    f.hidden ? (
                      <Button key="show" icon={<EyeOutlined />} loading={hide.isPending && hide.variables?.id === f.id} onClick={() => hide.mutate({ id: f.id, hidden: false })}>
                        {t(text.showFeedback)}
                      </Button>
                    ) : (
                      <Button key="hide" icon={<EyeInvisibleOutlined />} onClick={() => setHiding(f)}>
                        {t(text.hideFeedback)}
                      </Button>
                    ),
                  ]
                : []
            }
          >
            <div style={{ width: '100%', opacity: f.hidden ? 0.6 : 1 }}>
              <Space size={12} wrap>
                <Rate disabled value={f.rating} style={{ fontSize: 16 }} />
                {f.hidden && (
                  <Tag icon={<EyeInvisibleOutlined />} data-testid="party-feedback-hidden">
                    {t(text.hiddenBecause, { reason: f.hiddenReason ?? '' })}
                  </Tag>
                )}
                <Typography.Text type="secondary">{formatDateTime(f.createdAt, lang)}</Typography.Text>
                {f.answer ? (
                  <Tag color="success" icon={<CheckCircleOutlined />}>
                    {t(text.answered)}
                  </Tag>
                ) : (
                  <Tag color="warning">{t(text.unanswered)}</Tag>
                )}
              </Space>
              <Typography.Paragraph style={{ margin: '6px 0', fontSize: 16 }}>{f.comment}</Typography.Paragraph>
              <Typography.Text type="secondary">{f.pledgeTitle ? t(text.aboutPledge, { title: f.pledgeTitle }) : t(text.general)}</Typography.Text>
              {f.answer && (
                <div className="party-answer">
                  <Typography.Text strong>{t(text.ourAnswer)}：</Typography.Text>
                  {f.answer}
                </div>
              )}
            </div>
          </List.Item>
        )}
      />
      <Modal
        open={Boolean(answering)}
        title={t(text.answerTitle)}
        okText={t(text.answer)}
        cancelText={t('cancel')}
        confirmLoading={answer.isPending}
        onOk={() => form.submit()}
        onCancel={() => setAnswering(null)}
        destroyOnHidden
      >
        {answering && (
          <Typography.Paragraph className="party-quote">
            <span className="party-stars" aria-label={t(text.stars, { n: answering.rating })}>
              {'★'.repeat(answering.rating)}
              <span className="party-stars-off">{'★'.repeat(5 - answering.rating)}</span>
            </span>
            <br />
            {answering.comment}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" initialValues={{ answer: answering?.answer ?? '' }} onFinish={(v) => answer.mutate(v)}>
          <Form.Item name="answer" label={t(text.answer)} extra={t(text.answerHint)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
            <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
          </Form.Item>
          {answer.error && <Alert type="error" showIcon title={answer.error.message} />}
        </Form>
      </Modal>
      <Modal
        open={Boolean(hiding)}
        title={t(text.hideTitle)}
        okText={t(text.hideFeedback)}
        okButtonProps={{ danger: true }}
        cancelText={t('cancel')}
        confirmLoading={hide.isPending}
        onOk={() => hideForm.submit()}
        onCancel={() => setHiding(null)}
        destroyOnHidden
      >
        {hiding && <Typography.Paragraph className="party-quote">{hiding.comment}</Typography.Paragraph>}
        <Typography.Paragraph type="secondary">{t(text.hideHint)}</Typography.Paragraph>
        <Form form={hideForm} layout="vertical" onFinish={(v) => hiding && hide.mutate({ id: hiding.id, hidden: true, reason: v.reason })}>
          <Form.Item name="reason" label={t(text.hideReason)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
            <AutoComplete autoFocus placeholder={t(text.hideReasonPlaceholder)} maxLength={200} options={[text.reasonAd, text.reasonAbuse, text.reasonPrivate].map((r) => ({ value: t(r) }))} />
          </Form.Item>
          {hide.error && <Alert type="error" showIcon title={hide.error.message} />}
        </Form>
      </Modal>
    </>
  );
}

/** /c/:communityId/party/pledges — two-level pledges, their progress, the public board and residents' feedback. */
export function PledgesPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'party.manage');
  const { params, patch } = useQueryParams();
  const year = Number(params.get('year')) || thisYear();
  const tab = (params.get('tab') as TabKey | null) ?? 'member';
  const [creating, setCreating] = useState(false);
  const [progressOf, setProgressOf] = useState<Pledge | null>(null);
  const [reviewOf, setReviewOf] = useState<Pledge | null>(null);
  const pledges = usePledges(communityId, year);
  const feedback = useFeedback(communityId);
  const set = (k: string, v: string) => patch({ [k]: v });

  const all = pledges.data ?? [];
  const members = all.filter((p) => p.level === 'member').sort((a, b) => (a.memberName ?? '').localeCompare(b.memberName ?? '', 'zh-CN'));
  const branch = all.filter((p) => p.level === 'branch');
  const unanswered = (feedback.data ?? []).filter((f) => !f.answer).length;

  const latest = (p: Pledge) => [...p.progress].sort((a, b) => b.date.localeCompare(a.date))[0];
  const actions = (p: Pledge) =>
    canManage ? (
      <Space size={4} onClick={(e) => e.stopPropagation()}>
        <Button size="small" onClick={() => setProgressOf(p)}>
          {t(text.addProgress)}
        </Button>
        <Button size="small" onClick={() => setReviewOf(p)}>
          {t(text.review)}
        </Button>
      </Space>
    ) : null;
  const progressCell = (p: Pledge) => {
    const l = latest(p);
    return l ? (
      <Space orientation="vertical" size={0}>
        <Typography.Text type="secondary" className="linli-mono">
          {l.date}
        </Typography.Text>
        <Typography.Text ellipsis={{ tooltip: l.note }} style={{ maxWidth: 220 }}>
          {l.note}
        </Typography.Text>
      </Space>
    ) : (
      <Typography.Text type="secondary">{t(text.noProgress)}</Typography.Text>
    );
  };

  const memberColumns: TableColumnsType<Pledge> = [
    {
      title: t(text.member),
      key: 'member',
      width: 120,
      render: (_, p) => (
        <Link to={`/c/${communityId}/party/members?member=${p.memberId ?? ''}`} className="linli-row-name">
          {p.memberName}
        </Link>
      ),
    },
    { title: t(text.pledge), dataIndex: 'title', render: (v: string) => <span className="party-pledge-title">{v}</span> },
    {
      title: t(text.areas),
      key: 'areas',
      width: 170,
      render: (_, p) =>
        p.areas.length ? (
          <Space size={[4, 4]} wrap>
            {p.areas.map((a) => (
              <Tag key={`${a.buildingId}-${a.entranceId ?? ''}`} color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
                {a.label}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t(text.latestProgress), key: 'progress', width: 230, render: (_, p) => progressCell(p) },
    { title: t(text.status), dataIndex: 'status', width: 100, render: (s: Pledge['status']) => <PledgeStatusTag status={s} /> },
  ];
  const branchColumns: TableColumnsType<Pledge> = [
    { title: t(text.pledge), dataIndex: 'title', render: (v: string, p) => (
      <Space orientation="vertical" size={0}>
        <span className="party-pledge-title">{v}</span>
        {p.target && <Typography.Text type="secondary">{t(text.target)}：{p.target}</Typography.Text>}
      </Space>
    ) },
    { title: t(text.owner), dataIndex: 'owner', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t(text.latestProgress), key: 'progress', width: 260, render: (_, p) => progressCell(p) },
    { title: t(text.status), dataIndex: 'status', width: 100, render: (s: Pledge['status']) => <PledgeStatusTag status={s} /> },
  ];
  if (canManage) {
    const act = { title: t('actions'), key: 'actions', width: 150, fixed: 'right' as const, render: (_: unknown, p: Pledge) => actions(p) };
    memberColumns.push(act);
    branchColumns.push(act);
  }

  const expandable = {
    expandedRowRender: (p: Pledge) => (
      <div className="party-expanded">
        <Typography.Text strong>{t(text.progressList)}</Typography.Text>
        <div style={{ marginTop: 12 }}>
          <ProgressTimeline progress={p.progress} />
        </div>
        {p.reviewNote && <Typography.Paragraph type="secondary">{t(text.reviewNoteShort, { note: p.reviewNote })}</Typography.Paragraph>}
      </div>
    ),
  };

  const table = (rows: Pledge[], columns: TableColumnsType<Pledge>, testId: string) =>
    pledges.error ? (
      <LoadError error={pledges.error} onRetry={() => void pledges.refetch()} />
    ) : (
      <Table<Pledge>
        data-testid={testId}
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={pledges.isFetching}
        expandable={expandable}
        scroll={{ x: 'max-content' }}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (n) => t('total', { n }) } : false}
        locale={{ emptyText: pledges.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noPledges)} /> }}
      />
    );

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.pledgesTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.pledgesIntro)}</Typography.Text>
        </div>
        <Space wrap>
          <Select aria-label={t(text.year)} size="large" value={year} options={yearOptions(lang)} onChange={(v: number) => set('year', String(v))} style={{ width: 120 }} />
          {canManage && (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t(text.addPledge)}
            </Button>
          )}
        </Space>
      </div>

      <BoardCard communityId={communityId} canManage={canManage} />

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          items={[
            { key: 'member', label: `${t(text.memberPledges)} ${members.length}`, children: table(members, memberColumns, 'party-member-pledges') },
            { key: 'branch', label: `${t(text.branchPledges)} ${branch.length}`, children: table(branch, branchColumns, 'party-branch-pledges') },
            {
              key: 'feedback',
              label: (
                <Badge count={unanswered} size="small" offset={[8, -2]}>
                  <span>{t(text.feedback)}</span>
                </Badge>
              ),
              children: <FeedbackList communityId={communityId} canManage={canManage} />,
            },
          ]}
        />
      </Card>

      <PledgeCreateModal communityId={communityId} open={creating} year={year} level={tab === 'branch' ? 'branch' : 'member'} onClose={() => setCreating(false)} />
      <ProgressModal communityId={communityId} pledge={progressOf} onClose={() => setProgressOf(null)} />
      <ReviewModal communityId={communityId} pledge={reviewOf} onClose={() => setReviewOf(null)} />
    </>
  );
}
