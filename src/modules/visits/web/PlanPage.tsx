import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Progress, Radio, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, CameraOutlined, DownloadOutlined, EditOutlined, PictureOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity, useMe } from '../../../web/session.ts';
import { photoHref, planExportHref, useAssignees, usePlan, visitsBase, visitsKeys, type PlanDetail, type Target } from './api.ts';
import { occasionLabel } from './PlansPage.tsx';
import { OCCASION_COLOURS, text } from './text.ts';

interface VisitForm {
  date: Dayjs;
  visitors: string;
  money: number;
  gifts?: string;
  notes?: string;
}

function RecordModal({ communityId, plan, target, onClose }: { communityId: string; plan: PlanDetail; target: Target | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [form] = Form.useForm<VisitForm>();
  const [photo, setPhoto] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: async (v: VisitForm) => {
      const r = await api<{ id: string }>('PUT', `${visitsBase(communityId)}/plans/${plan.id}/targets/${target!.id}/visit`, {
        date: v.date.format('YYYY-MM-DD'),
        visitors: v.visitors.trim(),
        money: v.money ?? 0,
        gifts: v.gifts?.trim() || null,
        notes: v.notes?.trim() || null,
      });
      if (photo) {
        const fd = new FormData();
        fd.append('file', photo, photo.name);
        await api('POST', `${visitsBase(communityId)}/records/${r.id}/photo`, fd);
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: visitsKeys.all(communityId) });
      message.success(t(text.saved));
      setPhoto(null);
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', `${visitsBase(communityId)}/records/${target!.visit!.id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: visitsKeys.all(communityId) });
      onClose();
    },
  });
  const v = target?.visit;
  return (
    <Modal
      open={Boolean(target)}
      title={target ? t(text.recordTitle, { name: target.name }) : ''}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        setPhoto(null);
        onClose();
      }}
      destroyOnHidden
    >
      {target && <Typography.Paragraph type="secondary">{target.address}</Typography.Paragraph>}
      <Form
        form={form}
        layout="vertical"
        size="large"
        preserve={false}
        initialValues={
          v
            ? { date: dayjs(v.date), visitors: v.visitors, money: v.money, gifts: v.gifts ?? '', notes: v.notes ?? '' }
            : { date: dayjs(), visitors: target?.assigneeName ?? me?.displayName ?? '', money: plan.money, gifts: plan.gifts ?? '' }
        }
        onFinish={(x) => save.mutate(x)}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="date" label={t(text.date)} rules={[{ required: true, message: t(text.required) }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="money" label={t(text.moneyActual)}>
              <InputNumber min={0} max={1000000} step={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="visitors" label={t(text.visitors)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="gifts" label={t(text.gifts)}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="notes" label={t(text.notes)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder="老人身体状况、反映的问题等" />
        </Form.Item>
        <Form.Item label={t(text.photo)} extra={t(text.photoHint)}>
          <Space wrap>
            <Upload
              accept="image/jpeg,image/png,image/webp"
              maxCount={1}
              beforeUpload={(f) => {
                setPhoto(f);
                return false;
              }}
              onRemove={() => setPhoto(null)}
              fileList={photo ? [{ uid: '1', name: photo.name, status: 'done' }] : []}
            >
              <Button icon={<CameraOutlined />}>{t(text.photoPick)}</Button>
            </Upload>
            {v?.hasPhoto && !photo && (
              <a href={photoHref(communityId, v.id)} target="_blank" rel="noopener">
                <PictureOutlined /> {t(text.photoView)}
              </a>
            )}
          </Space>
        </Form.Item>
        {(save.error || remove.error) && <Alert type="error" showIcon title={(save.error ?? remove.error)!.message} />}
      </Form>
      {v && (
        <Popconfirm title={t(text.removeConfirm)} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => remove.mutate()}>
          <Button danger type="link" style={{ paddingInline: 0 }}>
            {t(text.remove)}
          </Button>
        </Popconfirm>
      )}
    </Modal>
  );
}

function AssignModal({ communityId, planId, targetIds, open, onClose }: { communityId: string; planId: string; targetIds: string[]; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const assignees = useAssignees(communityId);
  const [form] = Form.useForm<{ assigneeUserId?: string; assigneeName?: string }>();
  const save = useMutation({
    mutationFn: (v: { assigneeUserId?: string; assigneeName?: string }) =>
      api('POST', `${visitsBase(communityId)}/plans/${planId}/assign`, { targetIds, assigneeUserId: v.assigneeUserId ?? null, assigneeName: v.assigneeUserId ? null : v.assigneeName?.trim() || null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: visitsKeys.all(communityId) });
      message.success(t(text.saved));
      onClose();
    },
  });
  return (
    <Modal open={open} title={t(text.assignN, { n: targetIds.length })} okText={t('save')} cancelText={t('cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" size="large" preserve={false} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="assigneeUserId" label={t(text.staff)}>
          <Select allowClear aria-label={t(text.staff)} loading={assignees.isPending} options={(assignees.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="assigneeName" label={t(text.otherName)}>
          <Input maxLength={40} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

/** /c/:communityId/visits/plans/:id — everyone to visit, who goes, what was given; progress on top. */
export function PlanPage() {
  const { t, lang } = useI18n();
  const { communityId = '', id = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'visits.manage');
  const q = usePlan(communityId, id);
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);
  const [recording, setRecording] = useState<Target | null>(null);
  const [show, setShow] = useState<'all' | 'todo' | 'done'>('all');
  const back = (
    <Link to={`/c/${communityId}/visits`} className="visits-back">
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
  const p = q.data;
  if (!p) return <Skeleton active />;
  const pct = p.progress.targets ? Math.round((p.progress.visited / p.progress.targets) * 100) : 0;
  const rows = p.targets.filter((x) => (show === 'all' ? true : show === 'done' ? x.visit : !x.visit));

  const columns: TableColumnsType<Target> = [
    { title: t(text.name), dataIndex: 'name', width: 100, render: (v: string) => <span className="linli-row-name">{v}</span> },
    { title: t(text.address), dataIndex: 'address', width: 170 },
    { title: t(text.phone), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => <span className="linli-mono">{v ?? '—'}</span> },
    { title: t(text.assignee), dataIndex: 'assigneeName', width: 110, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t(text.unassigned)}</Typography.Text> },
    {
      title: t(text.visit),
      key: 'visit',
      render: (_, x) =>
        x.visit ? (
          <Space orientation="vertical" size={0}>
            <Space size={6} wrap>
              <Tag color="success" style={{ marginInlineEnd: 0 }}>
                <span className="linli-mono">{x.visit.date}</span>
              </Tag>
              <span>{x.visit.visitors}</span>
              {x.visit.hasPhoto && (
                <a href={photoHref(communityId, x.visit.id)} target="_blank" rel="noopener" aria-label={t(text.photoView)}>
                  <PictureOutlined />
                </a>
              )}
            </Space>
            <Typography.Text type="secondary">
              {[x.visit.money ? `${x.visit.money}元` : null, x.visit.gifts].filter(Boolean).join(' · ') || '—'}
            </Typography.Text>
          </Space>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>{t(text.notVisited)}</Tag>
        ),
    },
  ];
  if (canManage)
    columns.push({
      title: t('actions'),
      key: 'act',
      width: 120,
      fixed: 'right',
      render: (_, x) => (
        <Button type={x.visit ? 'default' : 'primary'} icon={x.visit ? <EditOutlined /> : undefined} onClick={() => setRecording(x)}>
          {x.visit ? t(text.edit) : t(text.record)}
        </Button>
      ),
    });

  return (
    <>
      {back}
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>
            {p.title}{' '}
            <Tag color={OCCASION_COLOURS[p.occasion]} style={{ verticalAlign: 'middle' }}>
              {occasionLabel(p.occasion, lang)}
            </Tag>
          </Typography.Title>
          <Typography.Text type="secondary">
            {p.listName}
            {p.perHousehold ? ` · ${t(text.perHouseholdTag)}` : ''} · <span className="linli-mono">{p.plannedFrom} ~ {p.plannedTo}</span>
          </Typography.Text>
        </div>
        <Button size="large" icon={<DownloadOutlined />} href={planExportHref(communityId, p.id)}>
          {t('exportExcel')}
        </Button>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={10}>
            <Progress percent={pct} status={pct === 100 ? 'success' : 'active'} size={['100%', 16]} data-testid="visits-progress" />
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="visits-progress-text">
              {t(text.visitedOf, { visited: p.progress.visited, targets: p.progress.targets })}
            </Typography.Text>
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={lang === 'en' ? 'Households' : '户数'} value={`${p.progress.householdsVisited} / ${p.progress.households}`} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic title={lang === 'en' ? 'Money given' : '已发慰问金'} value={p.progress.money} suffix={lang === 'en' ? '¥' : '元'} />
          </Col>
          <Col xs={24} md={5}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t(text.money)}>{p.money}</Descriptions.Item>
              <Descriptions.Item label={t(text.gifts)}>{p.gifts ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Col>
        </Row>
        {p.notes && <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>{p.notes}</Typography.Paragraph>}
      </Card>
      <Card>
        <div className="visits-toolbar">
          <Radio.Group
            optionType="button"
            size="large"
            value={show}
            onChange={(e) => setShow(e.target.value as typeof show)}
            options={[
              { value: 'all', label: `${t(text.filterAll)} ${p.targets.length}` },
              { value: 'todo', label: `${t(text.filterTodo)} ${p.targets.length - p.progress.visited}` },
              { value: 'done', label: `${t(text.filterDone)} ${p.progress.visited}` },
            ]}
          />
          {canManage && (
            <Space wrap>
              <Typography.Text type="secondary">{selected.length === 0 ? t(text.assignHint) : ''}</Typography.Text>
              <Button size="large" icon={<UserAddOutlined />} disabled={selected.length === 0} onClick={() => setAssigning(true)}>
                {selected.length ? t(text.assignN, { n: selected.length }) : t(text.assign)}
              </Button>
            </Space>
          )}
        </div>
        <Table<Target>
          data-testid="visits-targets"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          rowSelection={canManage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        />
      </Card>
      <RecordModal communityId={communityId} plan={p} target={recording} onClose={() => setRecording(null)} />
      <AssignModal
        communityId={communityId}
        planId={p.id}
        targetIds={selected}
        open={assigning}
        onClose={() => {
          setAssigning(false);
          setSelected([]);
        }}
      />
    </>
  );
}
