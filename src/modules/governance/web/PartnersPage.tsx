import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Row, Select, Space, Table, Tabs, Tag, Timeline, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { PeriodFilter, usePeriodParams } from '../../../web/PeriodFilter.tsx';
import { api, withQuery } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { govBase, govKeys, useGroups, useJointMeetings, usePartners, type Partner, type Period } from './api.ts';
import { GROUP_KIND_LABELS, label, RESOURCE_LABELS, text } from './text.ts';
import { RESOURCE_KINDS } from '../schema.ts';
import { useQueryParams } from '../../../web/useQueryParams.ts';

const sum = (p: Partner, kind: string) => p.resources.filter((r) => r.kind === kind).reduce((a, r) => a + (r.amount ?? 0), 0);

function FormModal<T extends object>(props: { open: boolean; title: string; onClose: () => void; submit: (v: T) => Promise<unknown>; initial?: Partial<T>; children: React.ReactNode; invalidate: readonly unknown[] }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<T>();
  const save = useMutation({
    mutationFn: props.submit,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: props.invalidate });
      form.resetFields();
      props.onClose();
    },
  });
  return (
    <Modal open={props.open} title={props.title} okText={t('save')} cancelText={t('cancel')} onOk={() => form.submit()} onCancel={props.onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={props.initial} onFinish={(v) => save.mutate(v)}>
        {props.children}
        {save.error && <Alert type="error" showIcon title={save.error.message} />}
      </Form>
    </Modal>
  );
}

/** Units with what they shared in `year`, or in `period` when one is chosen (the plan shown is then that of the period's last year). */
function Units({ communityId, year, period, canManage }: { communityId: string; year: number; period: Period; canManage: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const q = usePartners(communityId, year, period);
  const [adding, setAdding] = useState(false);
  const [resourceFor, setResourceFor] = useState<Partner | null>(null);
  const [planFor, setPlanFor] = useState<Partner | null>(null);
  const [editing, setEditing] = useState<Partner | null>(null);
  const base = govBase(communityId);
  const req = t(text.required);
  const upload = useMutation({
    mutationFn: ({ unit, file }: { unit: string; file: File }) => {
      const fd = new FormData();
      fd.append('file', file);
      return api('POST', `${base}/partners/${unit}/agreement`, fd);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: govKeys.partners(communityId) }),
    onError: (e) => message.error(e.message),
  });
  const units = q.data ?? [];
  const totals = { money: units.reduce((a, u) => a + sum(u, 'money'), 0), volunteers: units.reduce((a, u) => a + sum(u, 'volunteers'), 0), rooms: units.reduce((a, u) => a + sum(u, 'room'), 0) };
  const columns: TableColumnsType<Partner> = [
    { title: t(text.unitName), dataIndex: 'name', render: (v: string, u) => <span className="linli-row-name">{v}{u.leftOn ? <Tag style={{ marginInlineStart: 6 }}>{t({ zh: '已退出', en: 'Left' })}</Tag> : null}</span> },
    { title: t(text.unitKind), dataIndex: 'kind', responsive: ['md'] },
    { title: t(text.liaison), key: 'l', render: (_, u) => <>{u.liaisonName}{u.liaisonTitle ? `（${u.liaisonTitle}）` : ''} <span className="linli-mono">{u.liaisonPhoneMasked}</span></> },
    { title: t(text.agreementTerm), key: 'a', responsive: ['lg'], render: (_, u) => <span className="linli-mono">{u.agreementStart ? `${u.agreementStart} ~ ${u.agreementEnd ?? ''}` : '—'}</span> },
    { title: t(text.resources), key: 'r', render: (_, u) => u.resources.length },
    { title: t(text.tabMeetings), dataIndex: 'meetingsAttended', responsive: ['md'] },
  ];
  return (
    <>
      <div className="gov-section-head">
        <Typography.Text strong data-testid="gov-partner-totals">
          {t(text.unitsN, { n: units.filter((u) => !u.leftOn).length })} ·{' '}
          {period.from
            ? t(text.totalsPeriod, { from: period.from, to: period.to ?? '', money: totals.money.toLocaleString(), volunteers: totals.volunteers, rooms: totals.rooms })
            : t(text.totals, { year, money: totals.money.toLocaleString(), volunteers: totals.volunteers, rooms: totals.rooms })}
        </Typography.Text>
        <Space wrap>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t(text.addUnit)}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={withQuery(`${base}/partners/export.xlsx`, period.from ? { from: period.from, to: period.to } : { year })}>
            {t('exportExcel')}
          </Button>
        </Space>
      </div>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Partner>
          rowKey="id"
          columns={columns}
          dataSource={units}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={false}
          locale={{ emptyText: <Empty description={t(text.noUnits)} /> }}
          expandable={{
            expandedRowRender: (u) => (
              <Row gutter={16} className="gov-unit-detail">
                <Col xs={24} md={12}>
                  <h4>{t(text.plan, { year })}</h4>
                  <p>{u.plan ?? t(text.noPlan)}</p>
                  <h4>{t(text.agreement)}</h4>
                  <Space wrap>
                    {u.agreementFile ? (
                      <a href={`${base}/partners/${u.id}/files/${u.agreementFile.id}`}>
                        <PaperClipOutlined /> {u.agreementFile.filename}
                      </a>
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    )}
                    {canManage && (
                      <Upload showUploadList={false} beforeUpload={(file) => (upload.mutate({ unit: u.id, file }), false)}>
                        <Button size="small" icon={<UploadOutlined />}>
                          {t(text.uploadAgreement)}
                        </Button>
                      </Upload>
                    )}
                    {canManage && (
                      <Button size="small" onClick={() => setPlanFor(u)}>
                        {t(text.editPlan)}
                      </Button>
                    )}
                    {canManage && (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                        {t(text.editUnit)}
                      </Button>
                    )}
                  </Space>
                </Col>
                <Col xs={24} md={12}>
                  <div className="gov-section-head">
                    <h4>{t(text.resources)}</h4>
                    {canManage && (
                      <Button size="small" icon={<PlusOutlined />} onClick={() => setResourceFor(u)}>
                        {t(text.addResource)}
                      </Button>
                    )}
                  </div>
                  <List
                    size="small"
                    dataSource={u.resources}
                    locale={{ emptyText: '—' }}
                    renderItem={(r) => (
                      <List.Item>
                        <span className="linli-mono">{r.date}</span> <Tag>{label(RESOURCE_LABELS, r.kind, lang)}</Tag> {r.description}
                        {r.amount !== null ? ` · ${r.amount.toLocaleString()}${r.kind === 'money' ? '元' : r.kind === 'volunteers' ? '人次' : r.kind === 'room' ? '次' : ''}` : ''}
                      </List.Item>
                    )}
                  />
                </Col>
              </Row>
            ),
          }}
        />
      )}
      <FormModal
        // a new unit, or the one being changed (the same form; its phone is kept unless a new one is typed)
        key={editing?.id ?? 'new'}
        open={adding || Boolean(editing)}
        title={editing ? `${t(text.editUnit)} · ${editing.name}` : t(text.addUnit)}
        onClose={() => (setAdding(false), setEditing(null))}
        invalidate={govKeys.partners(communityId)}
        initial={
          (editing
            ? {
                name: editing.name,
                kind: editing.kind,
                liaisonName: editing.liaisonName,
                liaisonTitle: editing.liaisonTitle ?? '',
                joinedOn: dayjs(editing.joinedOn),
                agreement: editing.agreementStart && editing.agreementEnd ? [dayjs(editing.agreementStart), dayjs(editing.agreementEnd)] : undefined,
                leftOn: editing.leftOn ? dayjs(editing.leftOn) : undefined,
              }
            : { joinedOn: dayjs() }) as never
        }
        submit={(v: Record<string, unknown>) => {
          const day = (d: unknown) => (d ? (d as dayjs.Dayjs).format('YYYY-MM-DD') : null);
          const body = {
            ...v,
            joinedOn: day(v.joinedOn),
            agreementStart: v.agreement ? day((v.agreement as dayjs.Dayjs[])[0]) : null,
            agreementEnd: v.agreement ? day((v.agreement as dayjs.Dayjs[])[1]) : null,
            agreement: undefined,
            leftOn: day(v.leftOn),
            // the phone is never shown in full: left empty, it is left out and the one on record stays
            liaisonPhone: v.liaisonPhone || undefined,
            liaisonTitle: v.liaisonTitle || null,
          };
          return editing ? api('PUT', `${base}/partners/${editing.id}`, body) : api('POST', `${base}/partners`, body);
        }}
      >
        <Form.Item name="name" label={t(text.unitName)} rules={[{ required: true, whitespace: true, message: req }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label={t(text.unitKind)} rules={[{ required: true, message: req }]}>
          <Select options={['县级机关', '街道机关', '企业', '学校', '医疗卫生', '物业企业', '社会组织'].map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="liaisonName" label={t(text.liaison)} rules={[{ required: true, whitespace: true, message: req }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="liaisonTitle" label={t(text.liaisonTitle)}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="liaisonPhone" label={t(text.phone)} extra={editing?.liaisonPhoneMasked ? t(text.phoneKept, { phone: editing.liaisonPhoneMasked }) : undefined}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="joinedOn" label={t(text.joinedOn)} rules={[{ required: true, message: req }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="agreement" label={t(text.agreementTerm)}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        {editing && (
          <Form.Item name="leftOn" label={t(text.leftOn)} extra={t(text.leftOnHint)}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
      </FormModal>
      <FormModal
        open={Boolean(resourceFor)}
        title={`${t(text.addResource)} · ${resourceFor?.name ?? ''}`}
        onClose={() => setResourceFor(null)}
        invalidate={govKeys.partners(communityId)}
        initial={{ kind: 'volunteers', date: dayjs() } as never}
        submit={(v: Record<string, unknown>) => api('POST', `${base}/partners/${resourceFor?.id}/resources`, { ...v, date: (v.date as dayjs.Dayjs).format('YYYY-MM-DD'), amount: v.amount ?? null })}
      >
        <Form.Item name="kind" label={t(text.kind)}>
          <Select options={RESOURCE_KINDS.map((k) => ({ value: k, label: label(RESOURCE_LABELS, k, lang) }))} />
        </Form.Item>
        <Form.Item name="description" label={t(text.description)} rules={[{ required: true, whitespace: true, message: req }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="amount" label={t(text.amount)} extra={t({ zh: '资金填元，志愿者填人次，场地填次数', en: 'Yuan for money, person-times for volunteers, times for rooms' })}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="date" label={t(text.date)} rules={[{ required: true, message: req }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={Boolean(planFor)}
        title={`${t(text.plan, { year })} · ${planFor?.name ?? ''}`}
        onClose={() => setPlanFor(null)}
        invalidate={govKeys.partners(communityId)}
        initial={{ content: planFor?.plan ?? '' } as never}
        submit={(v: { content: string }) => api('PUT', `${base}/partners/${planFor?.id}/plan`, { year, content: v.content })}
      >
        <Form.Item name="content" label={t(text.plan, { year })} rules={[{ required: true, whitespace: true, message: req }]}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={5000} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function JointMeetings({ communityId, year, period, canManage }: { communityId: string; year: number; period: Period; canManage: boolean }) {
  const { t } = useI18n();
  const q = useJointMeetings(communityId, period);
  const units = usePartners(communityId, year);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="gov-section-head">
        <span />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t(text.addJointMeeting)}
          </Button>
        )}
      </div>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (q.data ?? []).length === 0 ? (
        q.isPending ? null : <Empty description={t(period.from ? text.noJointMeetingsPeriod : text.noJointMeetings)} />
      ) : (
        <Timeline
          items={(q.data ?? []).map((m) => ({
            key: m.id,
            content: (
              <div className="gov-joint">
                <Typography.Text strong>
                  <span className="linli-mono">{m.date}</span> {m.topic}
                </Typography.Text>
                {m.place && <Typography.Text type="secondary"> · {m.place}</Typography.Text>}
                {m.decisions && <div>{m.decisions}</div>}
                <div className="gov-joint-units">
                  {t(text.units)}（{m.units.length}）：{m.units.map((u) => u.name).join('、')}
                </div>
              </div>
            ),
          }))}
        />
      )}
      <FormModal
        open={adding}
        title={t(text.addJointMeeting)}
        onClose={() => setAdding(false)}
        invalidate={govKeys.all(communityId)}
        initial={{ date: dayjs(), unitIds: (units.data ?? []).filter((u) => !u.leftOn).map((u) => u.id) } as never}
        submit={(v: Record<string, unknown>) => api('POST', `${govBase(communityId)}/joint-meetings`, { ...v, date: (v.date as dayjs.Dayjs).format('YYYY-MM-DD'), place: v.place || null, decisions: v.decisions || null })}
      >
        <Form.Item name="date" label={t(text.date)} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="topic" label={t(text.topic)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="place" label={t(text.place)}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="decisions" label={t(text.decisions)}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="unitIds" label={t(text.units)}>
          <Select mode="multiple" options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function Groups({ communityId, canManage }: { communityId: string; canManage: boolean }) {
  const { t, lang } = useI18n();
  const q = useGroups(communityId);
  const [meetingFor, setMeetingFor] = useState<string | null>(null);
  const [memberFor, setMemberFor] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const compounds = useQuery({
    queryKey: ['registry', communityId, 'compounds-for-groups'],
    queryFn: () => api<{ compounds: { id: string; name: string }[] }>('GET', `/api/v1/communities/${encodeURIComponent(communityId)}/registry/places`),
    enabled: adding,
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const groups = q.data ?? [];
  const req = t(text.required);
  return (
    <>
      {canManage && (
        <div className="gov-section-head">
          <span />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t(text.addGroup)}
          </Button>
        </div>
      )}
      {!q.isPending && groups.length === 0 && <Empty description={t(text.noGroups)} />}
      {(['trinity', 'self_governance', 'owners_prep'] as const).map((kind) => {
        const list = groups.filter((g) => g.kind === kind);
        if (!list.length) return null;
        return (
          <section key={kind} className="gov-group-kind">
            <h3>
              {label(GROUP_KIND_LABELS, kind, lang)} <Tag>{list.length}</Tag>
            </h3>
            <Row gutter={[16, 16]}>
              {list.map((g) => (
                <Col xs={24} md={12} xl={8} key={g.id}>
                  <Card
                    size="small"
                    title={g.name}
                    data-testid={`gov-group-${kind}`}
                    extra={
                      canManage && (
                        <Space size={0}>
                          <Button size="small" type="link" onClick={() => setMemberFor(g.id)}>
                            {t(text.addMember)}
                          </Button>
                          <Button size="small" type="link" onClick={() => setMeetingFor(g.id)}>
                            {t(text.addGroupMeeting)}
                          </Button>
                        </Space>
                      )
                    }
                  >
                    {g.purpose && <Typography.Paragraph type="secondary">{g.purpose}</Typography.Paragraph>}
                    <div className="gov-group-members">
                      {g.members.map((m) => (
                        <div key={m.id}>
                          <Tag color={kind === 'trinity' ? 'red' : undefined}>{m.role}</Tag>
                          {m.name}
                          {m.organisation ? <Typography.Text type="secondary"> · {m.organisation}</Typography.Text> : null}
                        </div>
                      ))}
                    </div>
                    {g.meetings.length > 0 && (
                      <div className="gov-group-meetings">
                        <Typography.Text strong>
                          {t(text.groupMeetings)}（{g.meetings.length}）
                        </Typography.Text>
                        {g.meetings.slice(0, 3).map((m) => (
                          <div key={m.id}>
                            <span className="linli-mono">{m.date}</span> {m.topic}
                          </div>
                        ))}
                      </div>
                    )}
                  </Card>
                </Col>
              ))}
            </Row>
          </section>
        );
      })}
      <FormModal
        open={adding}
        title={t(text.addGroup)}
        onClose={() => setAdding(false)}
        invalidate={govKeys.groups(communityId)}
        initial={{ kind: 'self_governance', foundedOn: dayjs() } as never}
        submit={(v: Record<string, unknown>) =>
          api('POST', `${govBase(communityId)}/groups`, { ...v, compoundId: v.compoundId ?? null, purpose: v.purpose || null, foundedOn: v.foundedOn ? (v.foundedOn as dayjs.Dayjs).format('YYYY-MM-DD') : null })
        }
      >
        <Form.Item name="kind" label={t(text.kind)}>
          <Select options={Object.keys(GROUP_KIND_LABELS).map((k) => ({ value: k, label: label(GROUP_KIND_LABELS, k, lang) }))} />
        </Form.Item>
        <Form.Item name="name" label={t(text.groupName)} rules={[{ required: true, whitespace: true, message: req }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="compoundId" label={t(text.compound)} extra={t({ zh: '三位一体须选择小区', en: 'A trinity belongs to a compound' })}>
          <Select allowClear loading={compounds.isPending} options={(compounds.data?.compounds ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t(text.purpose)}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="foundedOn" label={t({ zh: '成立日期', en: 'Founded' })}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={Boolean(memberFor)}
        title={t(text.addMember)}
        onClose={() => setMemberFor(null)}
        invalidate={govKeys.groups(communityId)}
        submit={(v: Record<string, unknown>) => api('POST', `${govBase(communityId)}/groups/${memberFor}/members`, { ...v, organisation: v.organisation || null, phone: v.phone || null })}
      >
        <Form.Item name="name" label={t({ zh: '姓名', en: 'Name' })} rules={[{ required: true, whitespace: true, message: req }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="role" label={t({ zh: '职务 / 代表方', en: 'Post / side' })} rules={[{ required: true, whitespace: true, message: req }]} extra={t({ zh: '如 组长、组员；三位一体填 社区、物业公司 或 业主委员会', en: 'e.g. leader, member; for a trinity: community, property company or owners’ committee' })}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="organisation" label={t({ zh: '所在单位', en: 'Organisation' })}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="phone" label={t(text.phone)}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </FormModal>
      <FormModal
        open={Boolean(meetingFor)}
        title={t(text.addGroupMeeting)}
        onClose={() => setMeetingFor(null)}
        invalidate={govKeys.groups(communityId)}
        initial={{ date: dayjs() } as never}
        submit={(v: Record<string, unknown>) => api('POST', `${govBase(communityId)}/groups/${meetingFor}/meetings`, { ...v, date: (v.date as dayjs.Dayjs).format('YYYY-MM-DD'), decisions: v.decisions || null })}
      >
        <Form.Item name="date" label={t(text.date)} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="topic" label={t(text.topic)} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="decisions" label={t(text.decisions)}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** /c/:communityId/governance/partners — partner units and joint meetings; self-governance groups and each compound's trinity. */
export function PartnersPage() {
  const { t } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'governance.manage');
  const { params, patch } = useQueryParams();
  const tab = params.get('tab') ?? 'units';
  const period = usePeriodParams();
  // a chosen period stands instead of a year; the plans shown are those of its last year
  const year = period.to ? dayjs(period.to).year() : Number(params.get('year')) || dayjs().year();
  // choosing a year leaves the period
  const set = (k: string, v: string) => patch(k === 'year' ? { year: v, from: null, to: null } : { [k]: v });
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.partnersTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.partnersIntro)}</Typography.Text>
        </div>
        {tab !== 'groups' && (
          <Space wrap>
            <Select
              size="large"
              value={period.from ? undefined : year}
              placeholder={t(text.year)}
              onChange={(y) => set('year', String(y))}
              options={[0, 1, 2, 3].map((d) => ({ value: dayjs().year() - d, label: `${dayjs().year() - d}年` }))}
              aria-label={t(text.year)}
              style={{ width: 110 }}
            />
            <PeriodFilter size="large" />
          </Space>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          { key: 'units', label: t(text.tabUnits), children: <Units communityId={communityId} year={year} period={period} canManage={canManage} /> },
          { key: 'meetings', label: t(text.tabMeetings), children: <JointMeetings communityId={communityId} year={year} period={period} canManage={canManage} /> },
          { key: 'groups', label: t(text.tabGroups), children: <Groups communityId={communityId} canManage={canManage} /> },
        ]}
      />
    </>
  );
}
