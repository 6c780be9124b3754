import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { govBase, govKeys, searchResidents, useMeetings, useReps, useSettings, type Meeting, type MeetingDetail, type Representative, type ResidentHit, type Settings } from './api.ts';
import { text } from './text.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

function ResidentPicker({ communityId, value, onChange }: { communityId: string; value?: string; onChange?: (v: string) => void }) {
  const { t } = useI18n();
  const [hits, setHits] = useState<ResidentHit[]>([]);
  const [loading, setLoading] = useState(false);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (q) => {
        if (q.trim().length < 1) return setHits([]);
        setLoading(true);
        void searchResidents(communityId, q.trim()).then(setHits).finally(() => setLoading(false));
      } }}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={t(text.residentSearch)}
      notFoundContent={null}
      options={hits.map((h) => ({ value: h.id, label: `${h.name}${h.age !== null ? `（${h.age}岁）` : ''} · ${h.address}` }))}
      aria-label={t(text.resident)}
    />
  );
}

function RepModal({ communityId, open, onClose }: { communityId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ residentId: string; termStart: dayjs.Dayjs; notes?: string }>();
  const save = useMutation({
    mutationFn: (v: { residentId: string; termStart: dayjs.Dayjs; notes?: string }) =>
      api('POST', `${govBase(communityId)}/representatives`, { residentId: v.residentId, termStart: v.termStart.format('YYYY-MM-DD'), notes: v.notes || null }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: govKeys.reps(communityId) });
      message.success(t('saved'));
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal open={open} title={t(text.addRep)} okText={t('save')} cancelText={t('cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ termStart: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="residentId" label={t(text.resident)} rules={[{ required: true, message: t(text.required) }]} extra={t({ zh: '代表所住楼栋由住址自动确定', en: 'The building follows from where they live' })}>
          <ResidentPicker communityId={communityId} />
        </Form.Item>
        <Form.Item name="termStart" label={t(text.termStart)} rules={[{ required: true, message: t(text.required) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="notes" label={t({ zh: '备注', en: 'Notes' })}>
          <Input maxLength={200} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

function RulesModal({ communityId, settings, open, onClose }: { communityId: string; settings: Settings; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api('PUT', `${govBase(communityId)}/settings`, v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: govKeys.all(communityId) });
      onClose();
    },
  });
  return (
    <Modal open={open} title={t(text.editRules)} okText={t('save')} cancelText={t('cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={settings} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="quorumPercent" label={t(text.quorumPercent)} rules={[{ required: true }]}>
          <InputNumber min={50} max={90} addonAfter="%" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="resolutionPrefix" label={t(text.resolutionPrefix)} rules={[{ required: true }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="sealName" label={t(text.sealName)} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="noticeDays" label={t(text.noticeDays)} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

/**
 * Calls a meeting, or changes one's details (`editing`): the same form. Once attendance is marked
 * the date stays as it was (the quorum was counted on it).
 */
export function MeetingModal({ communityId, open, editing, onClose }: { communityId: string; open: boolean; editing?: MeetingDetail; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { title: string; date: dayjs.Dayjs; place?: string; chair?: string; recorder?: string }) => {
      const body = { ...v, date: v.date.format('YYYY-MM-DD'), place: v.place || null, chair: v.chair || null, recorder: v.recorder || null };
      return editing ? api<{ id: string }>('PATCH', `${govBase(communityId)}/meetings/${editing.id}`, body) : api<{ id: string }>('POST', `${govBase(communityId)}/meetings`, body);
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: govKeys.all(communityId) });
      onClose();
      if (!editing) navigate(`/c/${communityId}/governance/meetings/${r.id}`);
    },
  });
  const initial = editing
    ? { title: editing.title, date: dayjs(editing.date), place: editing.place ?? '', chair: editing.chair ?? '', recorder: editing.recorder ?? '' }
    : { date: dayjs(), title: t({ zh: '居民代表大会', en: 'Representatives’ assembly' }), place: t({ zh: '社区居委会会议室', en: 'Committee meeting room' }) };
  const dateLocked = Boolean(editing && editing.marked > 0);
  return (
    <Modal open={open} title={t(editing ? text.editMeeting : text.addMeeting)} okText={t('save')} cancelText={t('cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t(text.meetingTitle)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="date" label={t(text.date)} rules={[{ required: true, message: t(text.required) }]} extra={dateLocked ? t(text.meetingDateLocked) : undefined}>
              <DatePicker style={{ width: '100%' }} disabled={dateLocked} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="place" label={t(text.place)}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="chair" label={t(text.chair)}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="recorder" label={t(text.recorder)}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

/** /c/:communityId/governance — representatives by building, the rules, and the meetings. */
export function AssemblyPage() {
  const { t } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'governance.manage');
  const canPublish = canInCommunity(community, 'governance.publish');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [showPast, setShowPast] = useState(false);
  // the meetings list's page, status and period live in the address, so a report figure can open them
  const { params, patch } = useQueryParams();
  const page = Number(params.get('page')) || 1;
  const status = params.get('status') === 'held' || params.get('status') === 'planned' ? (params.get('status') as 'held' | 'planned') : undefined;
  const period = usePeriodParams();
  const setParam = patch;
  const setPage = (p: number) => setParam({ page: p > 1 ? String(p) : null });
  const [adding, setAdding] = useState(false);
  const [calling, setCalling] = useState(false);
  const [editingRules, setEditingRules] = useState(false);
  const settings = useSettings(communityId);
  const reps = useReps(communityId, showPast);
  const meetings = useMeetings(communityId, page, { status, from: period.from, to: period.to });
  const end = useMutation({
    mutationFn: (r: Representative) => api('POST', `${govBase(communityId)}/representatives/${r.id}/end-term`, { termEnd: dayjs().format('YYYY-MM-DD') }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: govKeys.reps(communityId) }),
    onError: (e) => message.error(e.message),
  });

  const byBuilding = useMemo(() => {
    const out = new Map<string, { name: string; compound: string; reps: Representative[] }>();
    for (const r of reps.data ?? []) {
      const k = r.buildingId;
      if (!out.has(k)) out.set(k, { name: r.buildingName, compound: r.compoundName, reps: [] });
      out.get(k)!.reps.push(r);
    }
    return [...out.values()];
  }, [reps.data]);
  const compounds = new Set(byBuilding.map((b) => b.compound)).size;
  const inOffice = (reps.data ?? []).filter((r) => r.inOffice).length;
  const s = settings.data;

  const columns: TableColumnsType<Meeting> = [
    { title: t(text.date), dataIndex: 'date', width: 120, render: (v: string) => <span className="linli-mono">{v}</span> },
    { title: t(text.meetingTitle), dataIndex: 'title', render: (v: string, m) => <Link to={`meetings/${m.id}`}>{v}</Link> },
    { title: t(text.place), dataIndex: 'place', responsive: ['md'] },
    {
      title: t(text.attendance),
      key: 'att',
      render: (_, m) =>
        m.marked === 0 ? (
          <Tag>{t(m.status === 'planned' ? text.planned : text.notMarked)}</Tag>
        ) : (
          <Space size={6}>
            <span className="linli-mono">
              {m.quorum.present}/{m.quorum.seats}
            </span>
            <Tag color={m.quorum.met ? 'success' : 'error'}>{t(m.quorum.met ? text.quorumMet : text.quorumNotMet)}</Tag>
          </Space>
        ),
    },
    { title: t(text.agenda), key: 'agenda', render: (_, m) => t(text.decidedOf, { decided: m.decided, agenda: m.agenda }) },
  ];

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.assemblyTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.assemblyIntro)}</Typography.Text>
        </div>
        <Button size="large" icon={<DownloadOutlined />} href={`${govBase(communityId)}/representatives/export.xlsx`}>
          {t('exportExcel')}
        </Button>
      </div>

      {s && (
        <Card className="gov-rules" size="small" style={{ marginBottom: 16 }}>
          <div className="gov-rules-row">
            <ul>
              <li>{t(text.quorumRule, { p: s.quorumPercent })}</li>
              <li>{t(text.thresholdRule)}</li>
              <li>{t(text.noticeRule, { n: s.noticeDays })}</li>
              <li>{t(text.numberRule, { example: `${s.resolutionPrefix}〔${dayjs().year()}〕1号` })}</li>
            </ul>
            {canPublish && (
              <Button icon={<EditOutlined />} onClick={() => setEditingRules(true)}>
                {t(text.editRules)}
              </Button>
            )}
          </div>
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            className="gov-wrap-head"
            title={
              <Space>
                <TeamOutlined />
                {t(text.reps)}
                <Tag color="red">{t(text.repsN, { n: inOffice })}</Tag>
              </Space>
            }
            extra={
              <Space wrap>
                <Space size={4}>
                  <Switch size="small" checked={showPast} onChange={setShowPast} aria-label={t(text.showPast)} />
                  <Typography.Text type="secondary">{t(text.showPast)}</Typography.Text>
                </Space>
                {canManage && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                    {t(text.addRep)}
                  </Button>
                )}
              </Space>
            }
            loading={reps.isPending}
          >
            {reps.error ? (
              <LoadError error={reps.error} onRetry={() => void reps.refetch()} />
            ) : byBuilding.length === 0 ? (
              <Empty description={t(text.reps)} />
            ) : (
              <div className="gov-buildings" data-testid="gov-reps">
                {byBuilding.map((b) => (
                  <section key={`${b.compound}-${b.name}`} className="gov-building">
                    <h4>
                      {compounds > 1 ? `${b.compound} · ` : ''}
                      {b.name}
                    </h4>
                    <ul>
                      {b.reps.map((r) => (
                        <li key={r.id} className={r.inOffice ? '' : 'gov-past'}>
                          <span className="gov-rep-name">{r.name}</span>
                          <span className="gov-rep-meta">
                            {r.age !== null ? t(text.age, { n: r.age }) : ''} {r.address}
                            {r.phoneMasked ? ` · ${r.phoneMasked}` : ''}
                          </span>
                          <span className="gov-rep-meta linli-mono">
                            {r.termStart}
                            {r.termEnd ? ` ~ ${r.termEnd}` : ''}
                          </span>
                          {!r.inOffice && <Tag>{t(text.past)}</Tag>}
                          {r.notes && <span className="gov-rep-meta">{r.notes}</span>}
                          {canManage && r.inOffice && (
                            <Popconfirm title={t(text.endTermConfirm, { name: r.name })} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => end.mutate(r)}>
                              <Button size="small" type="link">
                                {t(text.endTerm)}
                              </Button>
                            </Popconfirm>
                          )}
                        </li>
                      ))}
                    </ul>
                  </section>
                ))}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            className="gov-wrap-head"
            title={t(text.meetings)}
            extra={
              canManage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCalling(true)}>
                  {t(text.addMeeting)}
                </Button>
              )
            }
          >
            <Space wrap className="gov-meeting-filters">
              <PeriodFilter width={240} />
              <Select
                aria-label={t(text.meetingStatus)}
                value={status ?? ''}
                onChange={(v: string) => setParam({ status: v || null, page: null })}
                options={[
                  { value: '', label: t(text.statusAll) },
                  { value: 'held', label: t(text.statusHeld) },
                  { value: 'planned', label: t(text.statusPlanned) },
                ]}
                style={{ width: 130 }}
              />
            </Space>
            {meetings.error ? (
              <LoadError error={meetings.error} onRetry={() => void meetings.refetch()} />
            ) : (
              <Table<Meeting>
                className="linli-clickable-rows"
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={meetings.data?.items}
                loading={meetings.isFetching}
                onRow={(m) => ({ onClick: () => navigate(`/c/${communityId}/governance/meetings/${m.id}`) })}
                scroll={{ x: 'max-content' }}
                pagination={{ current: page, pageSize: 10, total: meetings.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
                locale={{ emptyText: meetings.isPending ? ' ' : <Empty description={t(period.from ? text.noMeetingsPeriod : status ? text.noMeetingsKind : text.noMeetings)} /> }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <RepModal communityId={communityId} open={adding} onClose={() => setAdding(false)} />
      <MeetingModal communityId={communityId} open={calling} onClose={() => setCalling(false)} />
      {s && <RulesModal communityId={communityId} settings={s} open={editingRules} onClose={() => setEditingRules(false)} />}
    </>
  );
}
