import { App as AntApp, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../../web/i18n.tsx';
import { useHonours, useModelMembers, type Honour, type ModelMember } from '../api.ts';
import { thisYear, yearOptions } from '../components.tsx';
import { exportHref, useBranchChange } from './api.ts';
import { applyServerErrors, FormAlert } from './forms.tsx';
import { MemberSelect } from './MemberSelect.tsx';
import { bt } from './text.ts';

interface ModelValues {
  year: number;
  memberId: string;
  deeds: string;
}
function ModelModal({ communityId, row, year, open, onClose }: { communityId: string; row: ModelMember | null; year: number; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ModelValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useBranchChange<ModelValues>(communityId, (v) => {
    const body = { year: v.year, memberId: v.memberId, deeds: v.deeds.trim() };
    return row ? { method: 'PATCH', path: `/model-members/${encodeURIComponent(row.id)}`, body } : { method: 'POST', path: '/model-members', body };
  });
  return (
    <Modal
      open={open}
      title={row ? t(bt.editModel) : t(bt.addModel)}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      afterOpenChange={(o) => !o && setError(null)}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={row ? { year: row.year, memberId: row.memberId, deeds: row.deeds } : { year }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t(bt.modelSaved));
              onClose();
            },
            onError: (e) => setError(applyServerErrors(form, e, ['year', 'memberId', 'deeds'])),
          })
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label={t(bt.year)} rules={[{ required: true, message: t(bt.required) }]}>
              <Select options={yearOptions(lang)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="memberId" label={t(bt.member)} rules={[{ required: true, message: t(bt.required) }]}>
              <MemberSelect communityId={communityId} known={row ? { [row.memberId]: row.name } : {}} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="deeds" label={t(bt.deeds)} rules={[{ required: true, whitespace: true, message: t(bt.required) }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount placeholder={t(bt.deedsHint)} />
        </Form.Item>
        <FormAlert message={error} />
      </Form>
    </Modal>
  );
}

interface HonourValues {
  title: string;
  awardedBy: string;
  date: Dayjs;
  memberId?: string | null;
}
function HonourModal({ communityId, row, open, onClose }: { communityId: string; row: Honour | null; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<HonourValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useBranchChange<HonourValues>(communityId, (v) => {
    const body = { title: v.title.trim(), awardedBy: v.awardedBy.trim(), date: v.date.format('YYYY-MM-DD'), memberId: v.memberId ?? null };
    return row ? { method: 'PATCH', path: `/honours/${encodeURIComponent(row.id)}`, body } : { method: 'POST', path: '/honours', body };
  });
  return (
    <Modal
      open={open}
      title={row ? t(bt.editHonour) : t(bt.addHonour)}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={row ? { title: row.title, awardedBy: row.awardedBy, date: dayjs(row.date), memberId: row.memberId } : { date: dayjs() }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t(bt.honourSaved));
              onClose();
            },
            onError: (e) => setError(applyServerErrors(form, e, ['title', 'awardedBy', 'date', 'memberId'])),
          })
        }
      >
        <Form.Item name="title" label={t(bt.honourTitle)} rules={[{ required: true, whitespace: true, message: t(bt.required) }]}>
          <Input maxLength={200} placeholder={t(bt.honourTitleHint)} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="awardedBy" label={t(bt.awardedBy)} rules={[{ required: true, whitespace: true, message: t(bt.required) }]}>
              <Input maxLength={100} placeholder={t(bt.awardedByHint)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="date" label={t(bt.date)} rules={[{ required: true, message: t(bt.required) }]}>
              <DatePicker allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="memberId" label={t(bt.awardedTo)} extra={t(bt.awardedToHint)}>
          <MemberSelect communityId={communityId} known={row?.memberId && row.memberName ? { [row.memberId]: row.memberName } : {}} allowClear placeholder={t(bt.theBranch)} />
        </Form.Item>
        <FormAlert message={error} />
      </Form>
    </Modal>
  );
}

/** 先进与荣誉 — the July-1 board of model members, by year, and the honours of the branch and its members. */
export function HonoursPanel({ communityId, canManage }: { communityId: string; canManage: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const models = useModelMembers(communityId);
  const honours = useHonours(communityId);
  const years = [...new Set((models.data ?? []).map((m) => m.year))];
  const [picked, setPicked] = useState<number | null>(null);
  const year = picked ?? years[0] ?? thisYear();
  const board = (models.data ?? []).filter((m) => m.year === year);
  const [model, setModel] = useState<ModelMember | 'new' | null>(null);
  const [honour, setHonour] = useState<Honour | 'new' | null>(null);
  const removeModel = useBranchChange<string>(communityId, (id) => ({ method: 'DELETE', path: `/model-members/${encodeURIComponent(id)}` }));
  const removeHonour = useBranchChange<string>(communityId, (id) => ({ method: 'DELETE', path: `/honours/${encodeURIComponent(id)}` }));
  const done = { onSuccess: () => message.success(t(bt.removed)), onError: (e: Error) => message.error(e.message) };
  const yearChoices = [...new Set([...years, ...yearOptions(lang).map((o) => o.value)])].sort((a, b) => b - a).map((y) => ({ value: y, label: t(bt.yearN, { year: y }) }));

  const honourColumns: TableColumnsType<Honour> = [
    {
      title: t(bt.honourTitle),
      dataIndex: 'title',
      render: (v: string) => (
        <Typography.Text strong>
          <TrophyOutlined style={{ color: '#d48806', marginInlineEnd: 6 }} />
          {v}
        </Typography.Text>
      ),
    },
    { title: t(bt.awardedTo), dataIndex: 'memberName', render: (v: string | null) => v ?? t(bt.theBranch) },
    { title: t(bt.awardedBy), dataIndex: 'awardedBy', responsive: ['sm'] },
    { title: t(bt.date), dataIndex: 'date', width: 120, render: (v: string) => <span className="linli-mono">{v}</span> },
  ];
  if (canManage) {
    honourColumns.push({
      title: t('actions'),
      key: 'a',
      width: 130,
      render: (_, h) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setHonour(h)} aria-label={t('edit')} />
          <Popconfirm title={t(bt.removeHonourConfirm, { title: h.title })} okText={t(bt.remove)} cancelText={t('cancel')} okButtonProps={{ danger: true }} onConfirm={() => removeHonour.mutate(h.id, done)}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t(bt.remove)} />
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t(bt.modelBoard)}
        className="party-card"
        extra={
          <Space wrap>
            <Select value={year} onChange={setPicked} options={yearChoices} style={{ width: 120 }} aria-label={t(bt.year)} />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModel('new')}>
                {t(bt.addModel)}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={exportHref(communityId, 'model-members', { year })}>
              {t('exportExcel')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          {t(bt.modelBoardHint)} {board.length > 0 && t(bt.modelsN, { n: board.length })}
        </Typography.Paragraph>
        {board.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(bt.noModels)} />
        ) : (
          <Row gutter={[12, 12]} data-testid="party-model-board">
            {board.map((m) => (
              <Col key={m.id} xs={24} md={12} xl={8}>
                <div className="party-model-card">
                  <div className="party-model-head">
                    <span className="party-model-name">{m.name}</span>
                    {canManage && (
                      <Space size={2}>
                        <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setModel(m)} aria-label={`${t('edit')} ${m.name}`} />
                        <Popconfirm title={t(bt.removeModelConfirm, { name: m.name, year: m.year })} okText={t(bt.remove)} cancelText={t('cancel')} okButtonProps={{ danger: true }} onConfirm={() => removeModel.mutate(m.id, done)}>
                          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t(bt.remove)} ${m.name}`} />
                        </Popconfirm>
                      </Space>
                    )}
                  </div>
                  <Typography.Paragraph className="party-model-deeds" ellipsis={{ rows: 3, expandable: true }}>
                    {m.deeds}
                  </Typography.Paragraph>
                </div>
              </Col>
            ))}
          </Row>
        )}
      </Card>

      <Card
        title={t(bt.honours)}
        className="party-card"
        extra={
          <Space wrap>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setHonour('new')}>
                {t(bt.addHonour)}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={exportHref(communityId, 'honours')}>
              {t('exportExcel')}
            </Button>
          </Space>
        }
      >
        <Table<Honour>
          rowKey="id"
          columns={honourColumns}
          dataSource={honours.data}
          loading={honours.isPending}
          pagination={(honours.data ?? []).length > 10 ? { pageSize: 10 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t(bt.noHonours) }}
          data-testid="party-honours"
        />
      </Card>

      <ModelModal communityId={communityId} row={model === 'new' ? null : model} year={year} open={model !== null} onClose={() => setModel(null)} />
      <HonourModal communityId={communityId} row={honour === 'new' ? null : honour} open={honour !== null} onClose={() => setHonour(null)} />
    </Space>
  );
}
