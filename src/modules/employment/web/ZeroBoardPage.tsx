import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { employmentBase, employmentKeys, useZeroBoard, zeroExportHref, type ZeroHousehold } from './api.ts';
import { Countdown, RegisterModal, label } from './components.tsx';
import { EMPLOYMENT_LABELS, RELATION_LABELS, text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

const STATE = {
  untracked: { zh: '待认定', en: 'To certify', color: 'default' },
  open: { zh: '帮扶中', en: 'Open', color: 'warning' },
  overdue: { zh: '已超期', en: 'Overdue', color: 'error' },
  changed: { zh: '待确认消除', en: 'To confirm', color: 'processing' },
  cleared: { zh: '已消除', en: 'Cleared', color: 'success' },
} as const;

function HouseholdCard({ h, communityId, canManage, onCertify, onResolve, onRegister }: {
  h: ZeroHousehold;
  communityId: string;
  canManage: boolean;
  onCertify: () => void;
  onResolve: () => void;
  onRegister: (m: { id: string; name: string }) => void;
}) {
  const { t, lang } = useI18n();
  const s = STATE[h.state];
  return (
    <Card
      className={`emp-zero-card emp-zero-${h.state}`}
      data-testid="employment-zero-card"
      title={
        <Space wrap size={8}>
          <span className="emp-zero-address">{h.address}</span>
          <Tag color={s.color}>{lang === 'en' ? s.en : s.zh}</Tag>
        </Space>
      }
      extra={h.daysLeft !== null && h.state !== 'changed' ? <Countdown days={h.daysLeft} /> : null}
    >
      {h.identifiedOn && (
        <div className="emp-zero-dates">
          <span>{t(text.identified, { date: h.identifiedOn })}</span>
          <span>{t(text.deadline, { date: h.deadline ?? '' })}</span>
        </div>
      )}
      {h.state === 'cleared' && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {h.clearedBy ? t(text.clearedOnBy, { date: h.clearedOn ?? '', name: h.clearedBy }) : t(text.clearedOn, { date: h.clearedOn ?? '' })}
          {h.note && <Typography.Text type="secondary"> · {h.note}</Typography.Text>}
        </Typography.Paragraph>
      )}
      <ul className="emp-members">
        {h.members.map((m) => (
          <li key={m.residentId}>
            <span className="emp-member-name">{m.name}</span>
            <Typography.Text type="secondary">
              {label(RELATION_LABELS, m.relationToHead, lang)} · {m.age ?? '—'}
              {lang === 'en' ? '' : '岁'}
            </Typography.Text>
            <Tag color={m.employmentStatus === 'employed' ? 'success' : m.employmentStatus === 'unemployed' ? 'warning' : 'default'} style={{ marginInlineEnd: 0 }}>
              {label(EMPLOYMENT_LABELS, m.employmentStatus, lang) || '—'}
            </Tag>
            {m.workingAge && <Tag style={{ marginInlineEnd: 0 }}>{t(text.workingAge)}</Tag>}
            {m.openCaseId ? (
              <Link to={`/c/${communityId}/employment/cases/${m.openCaseId}`}>{t(text.openCase)}</Link>
            ) : (
              canManage &&
              h.state !== 'cleared' &&
              m.workingAge &&
              m.employmentStatus === 'unemployed' && (
                <Button size="small" onClick={() => onRegister({ id: m.residentId, name: m.name })}>
                  {t(text.registerMember)}
                </Button>
              )
            )}
          </li>
        ))}
      </ul>
      {canManage && h.state === 'untracked' && (
        <Button type="primary" onClick={onCertify}>
          {t(text.certify)}
        </Button>
      )}
      {canManage && h.state === 'changed' && <Button onClick={onResolve}>{t(text.resolve)}</Button>}
    </Card>
  );
}

/** /c/:communityId/employment/zero-employment — the zero-employment households with their countdowns, and those cleared. */
export function ZeroBoardPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'employment.manage');
  const { params, patch } = useQueryParams();
  const tab = params.get('tab') === 'cleared' ? 'cleared' : 'current';
  // over a period: the households certified in it (still open, or since cleared), or those cleared in it
  const period = usePeriodParams();
  const by = period.from && params.get('by') === 'cleared' ? 'cleared' : undefined;
  const filter = period.from ? { from: period.from, to: period.to, by } : {};
  const board = useZeroBoard(communityId, filter);
  const setParam = patch;
  const [certifying, setCertifying] = useState<ZeroHousehold | null>(null);
  const [resolving, setResolving] = useState<ZeroHousehold | null>(null);
  const [registering, setRegistering] = useState<{ id: string; name: string } | null>(null);
  const [form] = Form.useForm<{ date: Dayjs; note?: string }>();
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: employmentKeys.all(communityId) });
    message.success(t(text.saved));
    setCertifying(null);
    setResolving(null);
  };
  const certify = useMutation({
    mutationFn: (v: { date: Dayjs; note?: string }) =>
      api('POST', `${employmentBase(communityId)}/zero-households`, { householdId: certifying!.householdId, identifiedOn: v.date.format('YYYY-MM-DD'), note: v.note?.trim() || null }),
    onSuccess: done,
  });
  const resolve = useMutation({
    mutationFn: (v: { date: Dayjs; note?: string }) => api('POST', `${employmentBase(communityId)}/zero-households/${resolving!.trackingId}/resolve`, { date: v.date.format('YYYY-MM-DD'), note: v.note?.trim() ?? '' }),
    onSuccess: done,
  });
  const m = certifying ? certify : resolve;
  const grid = (rows: ZeroHousehold[], empty: string) =>
    rows.length === 0 ? (
      <Empty description={empty} />
    ) : (
      <Row gutter={[16, 16]}>
        {rows.map((h) => (
          <Col key={`${h.householdId}-${h.trackingId ?? ''}`} xs={24} md={12} xl={8}>
            <HouseholdCard
              h={h}
              communityId={communityId}
              canManage={canManage}
              onCertify={() => setCertifying(h)}
              onResolve={() => setResolving(h)}
              onRegister={(r) => setRegistering(r)}
            />
          </Col>
        ))}
      </Row>
    );

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.zeroTitle)}</Typography.Title>
          <Typography.Text type="secondary" className="emp-intro">
            {t(text.zeroIntro)}
          </Typography.Text>
        </div>
        <Space wrap>
          <PeriodFilter size="large" />
          {period.from && (
            <Select
              size="large"
              aria-label={t(text.zeroBy)}
              value={by ?? 'identified'}
              onChange={(v: string) => setParam(v === 'cleared' ? { by: 'cleared', tab: 'cleared' } : { by: null })}
              options={[
                { value: 'identified', label: t(text.byIdentified) },
                { value: 'cleared', label: t(text.byCleared) },
              ]}
              style={{ width: 140 }}
            />
          )}
          <Button size="large" icon={<DownloadOutlined />} href={zeroExportHref(communityId, filter)}>
            {t('exportExcel')}
          </Button>
        </Space>
      </div>
      {period.from && (
        <Typography.Paragraph type="secondary" className="emp-period-note">
          {t(text.zeroPeriodNote)}
        </Typography.Paragraph>
      )}
      {board.error ? (
        <LoadError error={board.error} onRetry={() => void board.refetch()} />
      ) : !board.data ? (
        <Skeleton active />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam({ tab: k === 'cleared' ? 'cleared' : null })}
          items={[
            { key: 'current', label: `${t(text.tabCurrent)} ${board.data.current.length}`, children: grid(board.data.current, t(by ? text.byClearedOnly : period.from ? text.noZeroPeriod : text.noZero)) },
            { key: 'cleared', label: `${t(text.tabCleared)} ${board.data.cleared.length}`, children: grid(board.data.cleared, t(period.from ? text.noClearedPeriod : text.noCleared)) },
          ]}
        />
      )}
      <Modal
        open={Boolean(certifying || resolving)}
        title={certifying ? t(text.certifyTitle) : t(text.resolveTitle)}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={m.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          setCertifying(null);
          setResolving(null);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph strong>{(certifying ?? resolving)?.address}</Typography.Paragraph>
        {resolving && <Typography.Paragraph type="secondary">{t(text.resolveHint)}</Typography.Paragraph>}
        <Form form={form} layout="vertical" size="large" preserve={false} initialValues={{ date: dayjs() }} onFinish={(v) => m.mutate(v)}>
          <Form.Item name="date" label={certifying ? t(text.identifiedOn) : t(text.date)} rules={[{ required: true, message: t(text.required) }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t(text.notes)} rules={resolving ? [{ required: true, whitespace: true, message: t(text.required) }] : undefined}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
          </Form.Item>
          {m.error && <Alert type="error" showIcon title={m.error.message} />}
        </Form>
      </Modal>
      <RegisterModal communityId={communityId} open={Boolean(registering)} resident={registering} onClose={() => setRegistering(null)} />
    </>
  );
}
