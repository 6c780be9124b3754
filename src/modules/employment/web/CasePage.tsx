import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Radio, Row, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { employmentBase, employmentKeys, useCase, type CaseDetail } from './api.ts';
import { Countdown, label } from './components.tsx';
import {
  ACTION_COLOURS,
  ACTION_LABELS,
  CASE_STATUS_COLOURS,
  CASE_STATUS_LABELS,
  CLOSE_REASON_LABELS,
  EMPLOYMENT_LABELS,
  PLACEMENT_KIND_LABELS,
  RESULT_LABELS,
  text,
} from './text.ts';

type Kind = 'training' | 'referral' | 'interview' | 'placement' | 'followup' | 'close';
type Action = CaseDetail['actions'][number];

function describe(a: Action, lang: 'zh-CN' | 'en'): string {
  const parts: string[] = [];
  if (a.course) parts.push(a.course);
  if (a.provider) parts.push(a.provider);
  if (a.employer) parts.push(a.employer);
  if (a.post) parts.push(a.post);
  if (a.placementKind) parts.push(label(PLACEMENT_KIND_LABELS, a.placementKind, lang));
  if (a.kind === 'followup' && a.stage) parts.push(lang === 'en' ? `${a.stage} month(s) after` : `安置后第${a.stage}个月`);
  if (a.result) parts.push(label(RESULT_LABELS, a.result, lang));
  return parts.join(' · ');
}

/** One form for every kind of step; the fields follow the kind. */
function StepModal({ communityId, c, kind, onClose }: { communityId: string; c: CaseDetail; kind: Kind | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const opts = (labels: Record<string, { zh: string; en: string }>, codes?: string[]) =>
    (codes ?? Object.keys(labels)).map((value) => ({ value, label: lang === 'en' ? labels[value].en : labels[value].zh }));
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const date = (v.date as Dayjs).format('YYYY-MM-DD');
      const clean = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() || null : x]));
      if (kind === 'close') return api<CaseDetail>('POST', `${employmentBase(communityId)}/cases/${c.id}/close`, { ...clean, date });
      return api<CaseDetail>('POST', `${employmentBase(communityId)}/cases/${c.id}/actions`, { ...clean, kind, date });
    },
    onSuccess: (d) => {
      queryClient.setQueryData([...employmentKeys.all(communityId), 'case', c.id], d);
      void queryClient.invalidateQueries({ queryKey: employmentKeys.all(communityId) });
      message.success(t(text.saved));
      onClose();
    },
  });
  const req = [{ required: true, message: t(text.required) }];
  const nextStage = c.followups.find((f) => !f.done)?.stage ?? 1;
  const title = kind === 'close' ? t(text.closeCase) : kind ? label(ACTION_LABELS, kind, lang) : '';
  return (
    <Modal open={Boolean(kind)} title={title} okText={t('save')} cancelText={t('cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        size="large"
        preserve={false}
        initialValues={{ date: dayjs(), result: 'pending', placementKind: 'formal', stage: nextStage, outcome: 'still_employed', reason: 'no_longer_seeking' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="date" label={t(text.date)} rules={req}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(c.registeredOn), 'day')} />
        </Form.Item>
        {kind === 'training' && (
          <>
            <Form.Item name="course" label={t(text.course)} rules={req}>
              <Input maxLength={100} placeholder="如：家政服务员培训" />
            </Form.Item>
            <Form.Item name="provider" label={t(text.provider)}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        {(kind === 'referral' || kind === 'interview' || kind === 'placement') && (
          <>
            <Form.Item name="employer" label={t(text.employer)} rules={req}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="post" label={t(text.post)} rules={kind === 'referral' ? req : undefined}>
              <Input maxLength={60} />
            </Form.Item>
          </>
        )}
        {kind === 'interview' && (
          <Form.Item name="result" label={t(text.result)}>
            <Radio.Group optionType="button" options={opts(RESULT_LABELS, ['pending', 'passed', 'failed'])} />
          </Form.Item>
        )}
        {kind === 'placement' && (
          <>
            <Form.Item name="placementKind" label={t(text.placementKind)}>
              <Radio.Group optionType="button" options={opts(PLACEMENT_KIND_LABELS)} />
            </Form.Item>
            <Alert type="info" showIcon title={t(text.placementHint)} style={{ marginBottom: 16 }} />
          </>
        )}
        {kind === 'followup' && (
          <>
            <Form.Item name="stage" label={t(text.stage)}>
              <Radio.Group optionType="button" options={[1, 3].map((n) => ({ value: n, label: t(text.stageN, { n }) }))} />
            </Form.Item>
            <Form.Item name="outcome" label={t(text.outcome)}>
              <Radio.Group optionType="button" options={opts(RESULT_LABELS, ['still_employed', 'left_job'])} />
            </Form.Item>
          </>
        )}
        {kind === 'close' && (
          <Form.Item name="reason" label={t(text.reason)}>
            <Select options={opts(CLOSE_REASON_LABELS)} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t(text.notes)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

/** /c/:communityId/employment/cases/:id — the case, its timeline of steps, follow-ups, and the household's countdown. */
export function CasePage() {
  const { t, lang } = useI18n();
  const { communityId = '', id = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'employment.manage');
  const q = useCase(communityId, id);
  const [kind, setKind] = useState<Kind | null>(null);
  const c = q.data;
  const back = (
    <Link to={`/c/${communityId}/employment`} className="emp-back">
      <ArrowLeftOutlined /> {t(text.back)}
    </Link>
  );
  if (q.error)
    return (
      <>
        {back}
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  if (!c) return <Skeleton active />;
  const tracking = c.household.tracking;
  const daysLeft = tracking && !tracking.clearedOn ? dayjs(tracking.deadline).diff(dayjs().startOf('day'), 'day') : null;

  return (
    <>
      {back}
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>
            {t(text.caseOf, { name: c.name })}{' '}
            <Tag color={CASE_STATUS_COLOURS[c.status]} style={{ verticalAlign: 'middle' }} data-testid="employment-case-status">
              {label(CASE_STATUS_LABELS, c.status, lang)}
            </Tag>
            {c.zeroEmployment && (
              <Tag color="red" style={{ verticalAlign: 'middle' }}>
                {t(text.zeroTag)}
              </Tag>
            )}
          </Typography.Title>
          <Typography.Text type="secondary">
            {c.address} · {c.age ?? '—'}
            {lang === 'en' ? '' : '岁'}
          </Typography.Text>
        </div>
        {canManage && c.status === 'open' && (
          <Space wrap className="emp-actions">
            <Button size="large" onClick={() => setKind('training')}>
              {t(text.addTraining)}
            </Button>
            <Button size="large" onClick={() => setKind('referral')}>
              {t(text.addReferral)}
            </Button>
            <Button size="large" onClick={() => setKind('interview')}>
              {t(text.addInterview)}
            </Button>
            <Button size="large" type="primary" icon={<CheckCircleOutlined />} onClick={() => setKind('placement')}>
              {t(text.addPlacement)}
            </Button>
            <Button size="large" onClick={() => setKind('close')}>
              {t(text.closeCase)}
            </Button>
          </Space>
        )}
        {canManage && c.status === 'placed' && c.followups.some((f) => !f.done) && (
          <Button size="large" type="primary" onClick={() => setKind('followup')}>
            {t(text.addFollowup)}
          </Button>
        )}
      </div>

      {tracking && (
        <Alert
          className="emp-zero-alert"
          data-testid="employment-household-zero"
          type={tracking.clearedOn ? 'success' : daysLeft !== null && daysLeft < 0 ? 'error' : 'warning'}
          showIcon
          title={
            tracking.clearedOn ? (
              t(text.householdCleared, { date: tracking.clearedOn })
            ) : (
              <Space wrap>
                <span>{t(text.householdZero)}</span>
                <span className="linli-mono">{t(text.identified, { date: tracking.identifiedOn })}</span>
                <span className="linli-mono">{t(text.deadline, { date: tracking.deadline })}</span>
                {daysLeft !== null && <Countdown days={daysLeft} />}
              </Space>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t(text.registerTitle)}>
            <Descriptions column={1} size="middle" bordered>
              <Descriptions.Item label={t(text.registeredOn)}>
                <span className="linli-mono">{c.registeredOn}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t(text.skills)}>{c.skills ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t(text.wishes)}>{c.wishes ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t(text.barriers)}>{c.barriers ?? '—'}</Descriptions.Item>
              {c.notes && <Descriptions.Item label={t(text.notes)}>{c.notes}</Descriptions.Item>}
              <Descriptions.Item label={t(text.registryStatus)}>
                <Space wrap>
                  <Tag color={c.employmentStatus === 'employed' ? 'success' : c.employmentStatus === 'unemployed' ? 'warning' : 'default'} data-testid="employment-registry-status">
                    {label(EMPLOYMENT_LABELS, c.employmentStatus, lang) || '—'}
                  </Tag>
                  <Link to={`/c/${communityId}/residents/${c.residentId}`}>{t(text.openResident)}</Link>
                </Space>
              </Descriptions.Item>
              {c.placement && (
                <Descriptions.Item label={t(text.placement)}>
                  {c.placement.employer}
                  {c.placement.post ? ` · ${c.placement.post}` : ''} · {label(PLACEMENT_KIND_LABELS, c.placement.kind, lang)} · <span className="linli-mono">{c.placement.date}</span>
                </Descriptions.Item>
              )}
              {c.status === 'closed' && c.closedOn && (
                <Descriptions.Item label={t(text.status)}>{t(text.closedOn, { date: c.closedOn, reason: label(CLOSE_REASON_LABELS, c.closeReason, lang) })}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {c.followups.length > 0 && (
            <Card title={t(text.followups)} style={{ marginTop: 16 }}>
              {c.followups.map((f) => (
                <div key={f.stage} className="emp-followup-row">
                  <span>{t(text.stageN, { n: f.stage })}</span>
                  <span className="linli-mono">{f.due}</span>
                  {f.done ? (
                    <Tag color="success" icon={<CheckCircleOutlined />}>
                      {t(text.done)}
                    </Tag>
                  ) : (
                    <Countdown days={f.daysLeft} />
                  )}
                </div>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t(text.steps)}>
            {c.actions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noSteps)} />
            ) : (
              <Timeline
                className="emp-timeline"
                data-testid="employment-timeline"
                items={c.actions.map((a) => ({
                  key: a.id,
                  color: a.kind === 'placement' ? 'green' : a.kind === 'followup' ? 'gold' : 'blue',
                  content: (
                    <div>
                      <Space wrap size={8}>
                        <Typography.Text type="secondary" className="linli-mono">
                          {a.date}
                        </Typography.Text>
                        <Tag color={ACTION_COLOURS[a.kind]} style={{ marginInlineEnd: 0 }}>
                          {label(ACTION_LABELS, a.kind, lang)}
                        </Tag>
                      </Space>
                      <div className="emp-step-text">{describe(a, lang)}</div>
                      {a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
                      {a.createdBy && (
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                            {t(text.by, { name: a.createdBy })}
                          </Typography.Text>
                        </div>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <StepModal communityId={communityId} c={c} kind={kind} onClose={() => setKind(null)} />
    </>
  );
}
