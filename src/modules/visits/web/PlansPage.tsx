import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Tag, Typography } from 'antd';
import { BookOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n, type Lang } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { usePlans, useSavedLists, visitsBase, visitsKeys, type Plan } from './api.ts';
import { OCCASION_COLOURS, OCCASION_LABELS, text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

export const occasionLabel = (code: string, lang: Lang) => {
  const l = OCCASION_LABELS[code];
  return l ? (lang === 'en' ? l.en : l.zh) : code;
};
export const occasionOptions = (lang: Lang) => Object.keys(OCCASION_LABELS).map((value) => ({ value, label: occasionLabel(value, lang) }));
const thisYear = () => dayjs().year();
export const yearOptions = (lang: Lang) => [thisYear() + 1, thisYear(), thisYear() - 1, thisYear() - 2].map((y) => ({ value: y, label: lang === 'en' ? String(y) : `${y}年` }));

interface PlanForm {
  occasion: string;
  year: number;
  title: string;
  savedListId: string;
  period: [Dayjs, Dayjs];
  money: number;
  gifts?: string;
  notes?: string;
  perHousehold?: boolean;
}

function CreatePlanModal({ communityId, open, onClose }: { communityId: string; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lists = useSavedLists(communityId, open);
  const [form] = Form.useForm<PlanForm>();
  const save = useMutation({
    mutationFn: (v: PlanForm) =>
      api<{ id: string }>('POST', `${visitsBase(communityId)}/plans`, {
        occasion: v.occasion,
        year: v.year,
        title: v.title.trim(),
        savedListId: v.savedListId,
        plannedFrom: v.period[0].format('YYYY-MM-DD'),
        plannedTo: v.period[1].format('YYYY-MM-DD'),
        money: v.money ?? 0,
        gifts: v.gifts?.trim() || null,
        notes: v.notes?.trim() || null,
        perHousehold: v.perHousehold ?? false,
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: visitsKeys.all(communityId) });
      message.success(t(text.created));
      onClose();
      void navigate(`/c/${communityId}/visits/plans/${r.id}`);
    },
  });
  // a title from the occasion and the list, until staff type their own
  const suggest = () => {
    const v = form.getFieldsValue();
    const list = lists.data?.find((l) => l.id === v.savedListId);
    if (v.occasion && list && !form.isFieldTouched('title')) form.setFieldValue('title', `${v.year}年${occasionLabel(v.occasion, 'zh-CN')}走访慰问${list.name}`);
  };
  return (
    <Modal open={open} title={t(text.newPlan)} okText={t('save')} cancelText={t('cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={620}>
      <Form
        form={form}
        layout="vertical"
        size="large"
        preserve={false}
        initialValues={{ year: thisYear(), occasion: 'spring_festival', money: 0, period: [dayjs(), dayjs().add(14, 'day')] }}
        onValuesChange={(changed) => {
          if ('occasion' in changed || 'savedListId' in changed || 'year' in changed) suggest();
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="occasion" label={t(text.occasion)} rules={[{ required: true, message: t(text.required) }]}>
              <Select options={occasionOptions(lang)} aria-label={t(text.occasion)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="year" label={t(text.year)} rules={[{ required: true, message: t(text.required) }]}>
              <Select options={yearOptions(lang)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="savedListId" label={t(text.list)} extra={t(text.listHint)} rules={[{ required: true, message: t(text.required) }]}>
          <Select
            aria-label={t(text.list)}
            loading={lists.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(lists.data ?? []).map((l) => ({ value: l.id, label: t(text.listPeople, { name: l.name, n: l.count }), disabled: l.count === 0 }))}
          />
        </Form.Item>
        <Form.Item name="perHousehold" valuePropName="checked" style={{ marginTop: -8 }}>
          <Checkbox>{t(text.perHousehold)}</Checkbox>
        </Form.Item>
        <Form.Item name="title" label={t(text.title)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="period" label={t(text.period)} rules={[{ required: true, message: t(text.required) }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="money" label={t(text.money)}>
              <InputNumber min={0} max={1000000} step={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="gifts" label={t(text.gifts)}>
              <Input maxLength={100} placeholder="如：米、油各一份" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t(text.notes)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

function PlanCard({ p, communityId }: { p: Plan; communityId: string }) {
  const { t, lang } = useI18n();
  const pct = p.progress.targets ? Math.round((p.progress.visited / p.progress.targets) * 100) : 0;
  return (
    <Link to={`/c/${communityId}/visits/plans/${p.id}`} className="visits-plan-link" data-testid="visits-plan-card">
      <Card hoverable className="visits-plan-card">
        <Space wrap size={8} style={{ marginBottom: 8 }}>
          <Tag color={OCCASION_COLOURS[p.occasion]} style={{ marginInlineEnd: 0 }}>
            {occasionLabel(p.occasion, lang)}
          </Tag>
          <Typography.Text type="secondary">{p.listName}</Typography.Text>
        </Space>
        <Typography.Title level={5} className="visits-plan-title">
          {p.title}
        </Typography.Title>
        <Typography.Text type="secondary" className="linli-mono">
          {p.plannedFrom} ~ {p.plannedTo}
        </Typography.Text>
        <Progress percent={pct} status={pct === 100 ? 'success' : 'active'} style={{ margin: '8px 0 4px' }} />
        <div className="visits-plan-foot">
          <span>{t(text.visitedOf, { visited: p.progress.visited, targets: p.progress.targets })}</span>
          {p.progress.money > 0 && <span>{t(text.moneyGiven, { n: p.progress.money.toLocaleString() })}</span>}
        </div>
      </Card>
    </Link>
  );
}

/** /c/:communityId/visits — the plans by year and occasion, each with its progress. */
export function PlansPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'visits.manage');
  const { params, patch } = useQueryParams();
  const [creating, setCreating] = useState(false);
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const occasion = params.get('occasion') ?? undefined;
  const plans = usePlans(communityId, { year, occasion });
  const set = (k: string, v: string | number | undefined) => patch({ [k]: v });
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.plansTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.plansIntro)}</Typography.Text>
        </div>
        <Space wrap>
          <Select size="large" allowClear placeholder={t(text.year)} aria-label={t(text.year)} value={year} options={yearOptions(lang)} onChange={(v?: number) => set('year', v)} style={{ width: 120 }} />
          <Select size="large" allowClear placeholder={t(text.occasion)} aria-label={t(text.occasion)} value={occasion} options={occasionOptions(lang)} onChange={(v?: string) => set('occasion', v)} style={{ width: 140 }} />
          <Link to={`/c/${communityId}/visits/ledger${occasion ? `?occasion=${occasion}${year ? `&year=${year}` : ''}` : ''}`}>
            <Button size="large" icon={<BookOutlined />}>
              {t(text.openLedger)}
            </Button>
          </Link>
          {canManage && (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t(text.newPlan)}
            </Button>
          )}
        </Space>
      </div>
      {plans.error ? (
        <LoadError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data && plans.data.length === 0 ? (
        <Card>
          <Empty description={t(text.noPlans)} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {(plans.data ?? []).map((p) => (
            <Col key={p.id} xs={24} md={12} xl={8}>
              <PlanCard p={p} communityId={communityId} />
            </Col>
          ))}
        </Row>
      )}
      <CreatePlanModal communityId={communityId} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
