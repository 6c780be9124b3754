import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, ExportOutlined, MinusCircleOutlined, PlusOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { exportHref, servicesBase, servicesKeys, useAccounts, useCandidates, useClients, useDoorProviders, useItems, useProviders, type Candidate, type Client, type DoorProvider } from './api.ts';
import { ErrorAlert } from './components.tsx';
import { FREQS, PROVIDER_KINDS, TAGS, WEEKDAYS, pick, scheduleText, text } from './text.ts';

interface NeedForm {
  itemId: string;
  providerId?: string;
  freq: string;
  weekdays?: number[];
  monthDay?: number;
  startDate: Dayjs;
  timeSlot?: string;
  note?: string;
}
const needBody = (n: NeedForm) => ({
  itemId: n.itemId,
  providerId: n.providerId ?? null,
  freq: n.freq,
  weekdays: n.weekdays ?? [],
  monthDay: n.monthDay ?? null,
  startDate: n.startDate.format('YYYY-MM-DD'),
  timeSlot: n.timeSlot?.trim() || null,
  note: n.note?.trim() || null,
});

/** The fields of one service with its schedule, inside a Form.List or on its own. */
function NeedFields({ communityId, prefix, listName }: { communityId: string; prefix: (string | number)[]; listName?: string }) {
  const { t, lang } = useI18n();
  const items = useItems(communityId);
  const providers = useDoorProviders(communityId);
  const form = Form.useFormInstance();
  // inside a Form.List the fields are named relative to the list, but watched by their full path
  const freq = Form.useWatch([...(listName ? [listName] : []), ...prefix, 'freq'], form) as string | undefined;
  return (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'itemId']} label={t({ zh: '服务内容', en: 'Service' })} rules={[{ required: true, message: t(text.required) }]}>
          <Select options={(items.data ?? []).filter((i) => i.door && i.active).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'providerId']} label={t({ zh: '服务人员', en: 'Provider' })}>
          <Select allowClear options={(providers.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name}（${pick(PROVIDER_KINDS, p.kind, lang)}）` }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'freq']} label={t({ zh: '频次', en: 'How often' })} rules={[{ required: true, message: t(text.required) }]}>
          <Select options={Object.keys(FREQS).map((f) => ({ value: f, label: pick(FREQS, f, lang) }))} />
        </Form.Item>
      </Col>
      {(freq === 'weekly' || freq === 'biweekly') && (
        <Col span={24}>
          <Form.Item name={[...prefix, 'weekdays']} label={t({ zh: '每周哪几天', en: 'Days of the week' })} rules={[{ required: true, message: t(text.required) }]}>
            <Checkbox.Group options={WEEKDAYS.map((w, i) => ({ value: i + 1, label: t(w) }))} />
          </Form.Item>
        </Col>
      )}
      {freq === 'monthly' && (
        <Col xs={12} sm={8}>
          <Form.Item name={[...prefix, 'monthDay']} label={t({ zh: '每月几日', en: 'Day of month' })} rules={[{ required: true, message: t(text.required) }]}>
            <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      )}
      <Col xs={12} sm={8}>
        <Form.Item name={[...prefix, 'startDate']} label={t({ zh: '开始日期', en: 'From' })} rules={[{ required: true, message: t(text.required) }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={8}>
        <Form.Item name={[...prefix, 'timeSlot']} label={t({ zh: '时间', en: 'Time' })}>
          <Input maxLength={20} placeholder="11:30" />
        </Form.Item>
      </Col>
    </Row>
  );
}

function RegisterModal({ communityId, candidate, onClose }: { communityId: string; candidate: Candidate | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { registeredDate: Dayjs; note?: string; needs?: NeedForm[] }) =>
      api('POST', `${servicesBase(communityId)}/door/clients`, { residentId: candidate!.residentId, registeredDate: v.registeredDate.format('YYYY-MM-DD'), note: v.note?.trim() || null, needs: (v.needs ?? []).map(needBody) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: servicesKeys.door(communityId) });
      message.success(t({ zh: '{n} 已登记为上门服务对象', en: '{n} is on the register' }, { n: candidate?.name ?? '' }));
      onClose();
    },
  });
  return (
    <Modal open={Boolean(candidate)} width={760} title={t({ zh: '登记上门服务对象：{n}', en: 'Register {n}' }, { n: candidate?.name ?? '' })} okText={t({ zh: '登记', en: 'Register' })} cancelText={t({ zh: '取消', en: 'Cancel' })} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ registeredDate: dayjs(), needs: [{ freq: 'weekly', startDate: dayjs() }] }} onFinish={(v) => save.mutate(v)}>
        <Typography.Paragraph type="secondary">{candidate?.address}</Typography.Paragraph>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="registeredDate" label={t({ zh: '登记日期', en: 'Registered' })} rules={[{ required: true, message: t(text.required) }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="note" label={t({ zh: '上门注意事项', en: 'What the visitor should know' })}>
              <Input maxLength={500} placeholder={t({ zh: '如：耳背，敲门要大声', en: 'e.g. hard of hearing, knock loudly' })} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="needs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card key={f.key} size="small" style={{ marginBottom: 12 }} extra={<Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t({ zh: '删除', en: 'Remove' })} />}>
                  <NeedFields communityId={communityId} prefix={[f.name]} listName="needs" />
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ freq: 'weekly', startDate: dayjs() })}>
                {t({ zh: '添加服务内容', en: 'Add a service' })}
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={save.error} />
        </div>
      </Form>
    </Modal>
  );
}

function ClientModal({ communityId, client, onClose }: { communityId: string; client: Client | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [adding] = Form.useForm();
  const [ending] = Form.useForm();
  /** what the card shows below the services: nothing more, a form to add or end, or the service whose schedule is being changed */
  const [mode, setMode] = useState<'view' | 'add' | 'end' | Client['needs'][number]>('view');
  const changing = typeof mode === 'object' ? mode : null;
  const [editingForm] = Form.useForm();
  const after = () => {
    void queryClient.invalidateQueries({ queryKey: servicesKeys.door(communityId) });
    message.success(t({ zh: '已保存', en: 'Saved' }));
    setMode('view');
    onClose();
  };
  const add = useMutation({ mutationFn: (v: NeedForm) => api('POST', `${servicesBase(communityId)}/door/clients/${client!.id}/needs`, needBody(v)), onSuccess: after });
  const stopNeed = useMutation({
    mutationFn: (n: Client['needs'][number]) =>
      api('PUT', `${servicesBase(communityId)}/door/needs/${n.id}`, { itemId: n.itemId, providerId: n.providerId, freq: n.freq, weekdays: n.weekdays, monthDay: n.monthDay, startDate: n.startDate, endDate: dayjs().subtract(1, 'day').format('YYYY-MM-DD') < n.startDate ? n.startDate : dayjs().subtract(1, 'day').format('YYYY-MM-DD'), timeSlot: n.timeSlot, note: n.note }),
    onSuccess: after,
  });
  // from today on: the old schedule keeps the days it covered (the day lists are computed from them)
  const change = useMutation({
    mutationFn: (v: NeedForm) => api('POST', `${servicesBase(communityId)}/door/needs/${changing!.id}/reschedule`, needBody(v)),
    onSuccess: after,
  });
  const end = useMutation({ mutationFn: (v: { endedDate: Dayjs; reason: string }) => api('POST', `${servicesBase(communityId)}/door/clients/${client!.id}/end`, { endedDate: v.endedDate.format('YYYY-MM-DD'), reason: v.reason }), onSuccess: after });
  return (
    <Modal open={Boolean(client)} width={760} footer={null} title={client ? `${client.name} · ${client.address}` : ''} onCancel={() => { setMode('view'); onClose(); }} destroyOnHidden>
      {client && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            {client.tags.map((x) => (
              <Tag key={x}>{pick(TAGS, x, lang)}</Tag>
            ))}
            <Typography.Text type="secondary">{t({ zh: '登记于 {d}', en: 'Registered {d}' }, { d: client.registeredDate })}</Typography.Text>
            {client.note && <Typography.Text>⚠ {client.note}</Typography.Text>}
          </Space>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={client.needs}
            locale={{ emptyText: t({ zh: '还没有服务安排', en: 'No services yet' }) }}
            columns={[
              { title: t({ zh: '服务内容', en: 'Service' }), dataIndex: 'itemName' },
              { title: t({ zh: '安排', en: 'Schedule' }), key: 's', render: (_, n) => scheduleText(n, lang) },
              { title: t({ zh: '服务人员', en: 'Provider' }), dataIndex: 'providerName' },
              { title: t({ zh: '自', en: 'From' }), dataIndex: 'startDate' },
              {
                title: '',
                key: 'a',
                render: (_, n) =>
                  n.endDate ? (
                    <Tag>{t({ zh: '至 {d}', en: 'until {d}' }, { d: n.endDate })}</Tag>
                  ) : (
                    <Space size={4}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setMode(n)}>
                        {t({ zh: '改安排', en: 'Change' })}
                      </Button>
                      <Button size="small" onClick={() => stopNeed.mutate(n)}>
                        {t({ zh: '停止', en: 'Stop' })}
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
          {mode === 'view' && !client.endedDate && (
            <Space style={{ marginTop: 16 }}>
              <Button icon={<PlusOutlined />} onClick={() => setMode('add')}>
                {t({ zh: '添加服务', en: 'Add a service' })}
              </Button>
              <Button danger icon={<StopOutlined />} onClick={() => setMode('end')}>
                {t({ zh: '停止服务（移出登记）', en: 'Take off the register' })}
              </Button>
            </Space>
          )}
          {mode === 'add' && (
            <Form form={adding} layout="vertical" style={{ marginTop: 16 }} initialValues={{ freq: 'weekly', startDate: dayjs() }} onFinish={(v) => add.mutate(v)}>
              <NeedFields communityId={communityId} prefix={[]} />
              <ErrorAlert error={add.error} />
              <Button type="primary" htmlType="submit" loading={add.isPending}>{t({ zh: '保存', en: 'Save' })}</Button>
            </Form>
          )}
          {changing && (
            <Form
              key={changing.id}
              form={editingForm}
              layout="vertical"
              style={{ marginTop: 16 }}
              initialValues={{
                itemId: changing.itemId,
                providerId: changing.providerId ?? undefined,
                freq: changing.freq,
                weekdays: changing.weekdays,
                monthDay: changing.monthDay ?? undefined,
                startDate: dayjs(changing.startDate),
                timeSlot: changing.timeSlot ?? undefined,
                note: changing.note ?? undefined,
              }}
              onFinish={(v) => change.mutate(v)}
            >
              <Typography.Title level={5}>{t({ zh: '修改服务安排：{s}', en: 'Change the schedule: {s}' }, { s: changing.itemName })}</Typography.Title>
              <Typography.Paragraph type="secondary">{t({ zh: '新安排从今天起执行，此前的服务记录不变。', en: 'The new schedule holds from today; earlier days stay as they were.' })}</Typography.Paragraph>
              <NeedFields communityId={communityId} prefix={[]} />
              <ErrorAlert error={change.error} />
              <Space>
                <Button type="primary" htmlType="submit" loading={change.isPending}>{t({ zh: '保存', en: 'Save' })}</Button>
                <Button onClick={() => setMode('view')}>{t({ zh: '取消', en: 'Cancel' })}</Button>
              </Space>
            </Form>
          )}
          {mode === 'end' && (
            <Form form={ending} layout="vertical" style={{ marginTop: 16 }} initialValues={{ endedDate: dayjs() }} onFinish={(v) => end.mutate(v)}>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="endedDate" label={t({ zh: '自哪天起停止', en: 'Off from' })} rules={[{ required: true }]}>
                    <DatePicker allowClear={false} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <Form.Item name="reason" label={t({ zh: '原因', en: 'Reason' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
                    <Select mode="tags" maxCount={1} options={['入住养老院', '子女接走同住', '已迁出', '已故', '不再需要'].map((x) => ({ value: x, label: x }))} onChange={(v: string[]) => ending.setFieldValue('reason', v[0])} />
                  </Form.Item>
                </Col>
              </Row>
              <ErrorAlert error={end.error} />
              <Button danger type="primary" htmlType="submit" loading={end.isPending}>{t({ zh: '确认停止', en: 'Confirm' })}</Button>
            </Form>
          )}
        </>
      )}
    </Modal>
  );
}

function ProviderModal({ communityId, provider, onClose }: { communityId: string; provider: DoorProvider | 'new' | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const accounts = useAccounts(communityId, Boolean(provider));
  const sps = useProviders(communityId);
  const kind = Form.useWatch('kind', form);
  const existing = provider && provider !== 'new' ? provider : null;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api(existing ? 'PUT' : 'POST', `${servicesBase(communityId)}/door/providers${existing ? `/${existing.id}` : ''}`, { ...v, userId: v.userId ?? null, serviceProviderId: v.serviceProviderId ?? null, phone: (v.phone as string | undefined)?.trim() || undefined }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: servicesKeys.door(communityId) });
      message.success(t({ zh: '已保存', en: 'Saved' }));
      onClose();
    },
  });
  return (
    <Modal open={Boolean(provider)} title={t(existing ? { zh: '修改服务人员', en: 'Edit provider' } : { zh: '新增服务人员', en: 'Add a provider' })} okText={t({ zh: '保存', en: 'Save' })} cancelText={t({ zh: '取消', en: 'Cancel' })} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={existing ? { kind: existing.kind, name: existing.name, userId: existing.userId ?? undefined, serviceProviderId: existing.serviceProviderId ?? undefined, active: existing.active } : { kind: 'volunteer', active: true }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t({ zh: '类别', en: 'Kind' })}>
          <Select options={Object.keys(PROVIDER_KINDS).map((k) => ({ value: k, label: pick(PROVIDER_KINDS, k, lang) }))} />
        </Form.Item>
        <Form.Item name="name" label={t({ zh: '名称', en: 'Name' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
          <Input maxLength={40} />
        </Form.Item>
        {kind === 'provider' && (
          <Form.Item name="serviceProviderId" label={t({ zh: '加盟服务商', en: 'Joined provider' })} rules={[{ required: true, message: t(text.required) }]}>
            <Select options={(sps.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        )}
        <Form.Item name="userId" label={t({ zh: '关联账号（可在手机上看自己的清单）', en: 'Account (sees their own list on a phone)' })}>
          <Select allowClear options={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
        <Form.Item name="phone" label={t({ zh: '联系电话', en: 'Phone' })} extra={existing?.phoneMasked ? t({ zh: '现为 {p}，不填则不变', en: 'Now {p}; leave empty to keep' }, { p: existing.phoneMasked }) : undefined}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="active" label={t({ zh: '在岗', en: 'Active' })} valuePropName="checked">
          <Switch />
        </Form.Item>
        <ErrorAlert error={save.error} />
      </Form>
    </Modal>
  );
}

/** /c/:communityId/services/door — the register of residents served at home, candidates from care tags, the providers. */
export function DoorPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'services.manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'clients';
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [ended, setEnded] = useState(false);
  const [registering, setRegistering] = useState<Candidate | null>(null);
  const [viewing, setViewing] = useState<Client | null>(null);
  const [editing, setEditing] = useState<DoorProvider | 'new' | null>(null);
  const filters = { q, ended: ended ? '1' : null };
  const clients = useClients(communityId, { ...filters, page, pageSize });
  const candidates = useCandidates(communityId);
  const providers = useDoorProviders(communityId);

  const columns: TableColumnsType<Client> = [
    { title: t({ zh: '姓名', en: 'Name' }), dataIndex: 'name', width: 100, render: (v: string) => <span className="linli-row-name">{v}</span> },
    { title: t({ zh: '年龄', en: 'Age' }), dataIndex: 'age', width: 64 },
    { title: t({ zh: '住址', en: 'Address' }), dataIndex: 'address', width: 200 },
    { title: t({ zh: '类别', en: 'Care tags' }), dataIndex: 'tags', width: 170, render: (v: string[]) => v.map((x) => <Tag key={x}>{pick(TAGS, x, lang)}</Tag>) },
    {
      title: t({ zh: '服务内容及安排', en: 'Services and schedules' }),
      key: 'needs',
      render: (_, c) =>
        c.needs.length ? (
          <Space direction="vertical" size={0}>
            {c.needs.map((n) => (
              <span key={n.id}>
                <b>{n.itemName}</b> · {scheduleText(n, lang)}
                {n.providerName ? ` · ${n.providerName}` : ''}
              </span>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t({ zh: '近30天', en: 'Last 30 days' }), dataIndex: 'recentDone', width: 90, align: 'right', render: (v: number) => t({ zh: '{n} 次', en: '{n}' }, { n: v }) },
    ...(ended ? [{ title: t({ zh: '停止', en: 'Ended' }), key: 'e', width: 160, render: (_: unknown, c: Client) => `${c.endedDate} ${c.endReason ?? ''}` }] : []),
  ];

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t({ zh: '上门服务', en: 'Door-to-door services' })}</Typography.Title>
          <Typography.Text type="secondary">{t({ zh: '把需要上门服务的对象登记在案，按安排送菜、送餐、理发、收废品', en: 'Residents who need services at home, on record, with what they get and when' })}</Typography.Text>
        </div>
        <Space wrap>
          <Link to={`/c/${communityId}/services/door/day`}>
            <Button size="large" type="primary">{t({ zh: '今日清单', en: 'Today’s list' })}</Button>
          </Link>
          <Link to={`/c/${communityId}/services/door/log`}>
            <Button size="large">{t({ zh: '服务记录', en: 'Delivery log' })}</Button>
          </Link>
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'clients',
            label: t({ zh: '服务对象 {n}', en: 'Register {n}' }, { n: clients.data?.total ?? '' }),
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Input.Search allowClear placeholder={t({ zh: '姓名', en: 'Name' })} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 200 }} />
                  <Space>
                    <Switch checked={ended} onChange={(v) => { setEnded(v); setPage(1); }} aria-label={t({ zh: '已停止服务', en: 'Off the register' })} />
                    {t({ zh: '已停止服务的', en: 'Off the register' })}
                  </Space>
                  <Button icon={<ExportOutlined />} href={exportHref(communityId, 'door/clients/export.xlsx', filters)}>
                    {t(text.exportExcel)}
                  </Button>
                </Space>
                {clients.error ? (
                  <LoadError error={clients.error} />
                ) : (
                  <Table<Client>
                    className="linli-clickable-rows"
                    rowKey="id"
                    columns={columns}
                    dataSource={clients.data?.items}
                    loading={clients.isFetching}
                    scroll={{ x: 1000 }}
                    onRow={(c) => ({ onClick: () => setViewing(c) })}
                    pagination={{ current: page, pageSize, total: clients.data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
                  />
                )}
              </>
            ),
          },
          {
            key: 'candidates',
            label: t({ zh: '待登记 {n}', en: 'Candidates {n}' }, { n: candidates.data?.length ?? '' }),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t({ zh: '人口登记中标注为独居老人、空巢老人、残疾人、特困人员，尚未登记上门服务的居民', en: 'Residents tagged living alone, empty nest, disabled or extreme hardship who are not on the register yet' })}</Typography.Paragraph>
                <Table<Candidate>
                  rowKey="residentId"
                  dataSource={candidates.data}
                  loading={candidates.isFetching}
                  pagination={{ pageSize: 20 }}
                  scroll={{ x: 700 }}
                  locale={{ emptyText: <Empty description={t({ zh: '没有待登记的居民', en: 'Nobody waiting' })} /> }}
                  columns={[
                    { title: t({ zh: '姓名', en: 'Name' }), dataIndex: 'name', render: (v: string) => <span className="linli-row-name">{v}</span> },
                    { title: t({ zh: '年龄', en: 'Age' }), dataIndex: 'age', width: 70 },
                    { title: t({ zh: '住址', en: 'Address' }), dataIndex: 'address' },
                    { title: t({ zh: '类别', en: 'Care tags' }), dataIndex: 'tags', render: (v: string[]) => v.map((x) => <Tag key={x}>{pick(TAGS, x, lang)}</Tag>) },
                    ...(canManage ? [{ title: '', key: 'a', width: 120, render: (_: unknown, c: Candidate) => <Button icon={<UserAddOutlined />} onClick={() => setRegistering(c)}>{t({ zh: '登记', en: 'Register' })}</Button> }] : []),
                  ]}
                />
              </>
            ),
          },
          {
            key: 'providers',
            label: t({ zh: '服务人员', en: 'Providers' }),
            children: (
              <>
                {canManage && (
                  <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
                    {t({ zh: '新增服务人员', en: 'Add a provider' })}
                  </Button>
                )}
                <Table<DoorProvider>
                  rowKey="id"
                  dataSource={providers.data}
                  loading={providers.isFetching}
                  pagination={false}
                  columns={[
                    { title: t({ zh: '名称', en: 'Name' }), dataIndex: 'name', render: (v: string) => <span className="linli-row-name">{v}</span> },
                    { title: t({ zh: '类别', en: 'Kind' }), dataIndex: 'kind', render: (v: string) => pick(PROVIDER_KINDS, v, lang) },
                    { title: t({ zh: '关联账号', en: 'Account' }), dataIndex: 'userName' },
                    { title: t({ zh: '电话', en: 'Phone' }), dataIndex: 'phoneMasked', render: (v: string | null) => <span className="linli-mono">{v}</span> },
                    { title: t({ zh: '负责服务', en: 'Services' }), dataIndex: 'needs', align: 'right', render: (v: number) => t({ zh: '{n} 项', en: '{n}' }, { n: v }) },
                    { title: t({ zh: '状态', en: 'Status' }), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{t({ zh: '在岗', en: 'Active' })}</Tag> : <Tag>{t({ zh: '停用', en: 'Inactive' })}</Tag>) },
                    ...(canManage ? [{ title: '', key: 'e', width: 60, render: (_: unknown, p: DoorProvider) => <Button type="text" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t({ zh: '修改', en: 'Edit' })} /> }] : []),
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      <RegisterModal communityId={communityId} candidate={registering} onClose={() => setRegistering(null)} />
      <ClientModal communityId={communityId} client={canManage ? viewing : null} onClose={() => setViewing(null)} />
      <ProviderModal communityId={communityId} provider={editing} onClose={() => setEditing(null)} />
    </>
  );
}
