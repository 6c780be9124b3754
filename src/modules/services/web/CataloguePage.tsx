import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, ExportOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { exportHref, servicesBase, servicesKeys, useAssignees, useItems, useProviders, type Item, type Provider } from './api.ts';
import { ErrorAlert } from './components.tsx';
import { text } from './text.ts';

function ItemModal({ communityId, item, area, onClose }: { communityId: string; item: Item | null; area: 'hall' | 'station' | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const staff = useAssignees(communityId, Boolean(area));
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api(item ? 'PUT' : 'POST', `${servicesBase(communityId)}/items${item ? `/${item.id}` : ''}`, { ...v, area, staffUserId: v.staffUserId ?? null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: servicesKeys.all(communityId) });
      message.success(t({ zh: '已保存', en: 'Saved' }));
      onClose();
    },
  });
  return (
    <Modal open={Boolean(area)} title={t(item ? { zh: '修改服务项目', en: 'Edit service' } : { zh: '新增服务项目', en: 'Add a service' })} okText={t({ zh: '保存', en: 'Save' })} cancelText={t({ zh: '取消', en: 'Cancel' })} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={640}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={item ? { name: item.name, duties: item.duties, staffUserId: item.staffUserId ?? undefined, staffName: item.staffName, location: item.location, door: item.door, timeLimitHours: item.timeLimitHours, active: item.active, sort: item.sort } : { timeLimitHours: 48, active: true, door: false }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t({ zh: '服务项目', en: 'Service' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="location" label={t({ zh: '窗口 / 地点', en: 'Window / place' })}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          {area === 'hall' && (
            <>
              <Col xs={24} sm={12}>
                <Form.Item name="staffUserId" label={t({ zh: '负责人（账号）', en: 'Responsible (account)' })}>
                  <Select allowClear options={(staff.data?.users ?? []).map((u) => ({ value: u.id, label: u.name }))} onChange={(v, o) => !Array.isArray(o) && o && form.setFieldValue('staffName', o.label)} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="staffName" label={t({ zh: '负责人姓名（上墙显示）', en: 'Name on the board' })}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="duties" label={t(area === 'hall' ? { zh: '工作职责', en: 'Duties' } : { zh: '服务内容', en: 'What it covers' })}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="timeLimitHours" label={t({ zh: '办理时限（小时）', en: 'Time limit (hours)' })} rules={[{ required: true, message: t(text.required) }]}>
              <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {area === 'station' && (
            <Col xs={12} sm={8}>
              <Form.Item name="door" label={t({ zh: '可上门服务', en: 'Also at home' })} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} sm={8}>
            <Form.Item name="active" label={t({ zh: '在用', en: 'Active' })} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <ErrorAlert error={save.error} />
      </Form>
    </Modal>
  );
}

interface ProviderForm {
  name: string;
  contactName?: string;
  phone?: string;
  address?: string;
  agreementNo?: string;
  agreement?: [Dayjs, Dayjs];
  hours?: string;
  prices?: string;
  joinedDate: Dayjs;
  left?: Dayjs;
  notes?: string;
  itemIds: string[];
}

function ProviderModal({ communityId, provider, onClose }: { communityId: string; provider: Provider | 'new' | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProviderForm>();
  const items = useItems(communityId);
  const p = provider && provider !== 'new' ? provider : null;
  const save = useMutation({
    mutationFn: (v: ProviderForm) =>
      api(p ? 'PUT' : 'POST', `${servicesBase(communityId)}/providers${p ? `/${p.id}` : ''}`, {
        name: v.name,
        contactName: v.contactName || null,
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        address: v.address || null,
        agreementNo: v.agreementNo || null,
        agreementStart: v.agreement?.[0]?.format('YYYY-MM-DD') ?? null,
        agreementEnd: v.agreement?.[1]?.format('YYYY-MM-DD') ?? null,
        hours: v.hours || null,
        prices: v.prices || null,
        joinedDate: v.joinedDate.format('YYYY-MM-DD'),
        leftDate: v.left?.format('YYYY-MM-DD') ?? null,
        notes: v.notes || null,
        itemIds: v.itemIds ?? [],
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: servicesKeys.all(communityId) });
      message.success(t({ zh: '已保存', en: 'Saved' }));
      onClose();
    },
  });
  return (
    <Modal open={Boolean(provider)} width={720} title={t(p ? { zh: '修改服务商', en: 'Edit provider' } : { zh: '服务商加盟', en: 'A provider joins' })} okText={t({ zh: '保存', en: 'Save' })} cancelText={t({ zh: '取消', en: 'Cancel' })} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          p
            ? { ...p, contactName: p.contactName ?? undefined, agreement: p.agreementStart && p.agreementEnd ? [dayjs(p.agreementStart), dayjs(p.agreementEnd)] : undefined, joinedDate: dayjs(p.joinedDate), left: p.leftDate ? dayjs(p.leftDate) : undefined, itemIds: p.items.map((i) => i.id), phone: undefined }
            : { joinedDate: dayjs(), itemIds: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t({ zh: '服务商名称', en: 'Name' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="itemIds" label={t({ zh: '服务项目', en: 'Services' })}>
              <Select mode="multiple" options={(items.data ?? []).filter((i) => i.area === 'station').map((i) => ({ value: i.id, label: i.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="contactName" label={t({ zh: '联系人', en: 'Contact' })}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="phone" label={t({ zh: '联系电话', en: 'Phone' })} extra={p?.phoneMasked ? t({ zh: '现为 {p}，不填则不变', en: 'Now {p}; empty keeps it' }, { p: p.phoneMasked }) : undefined}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="agreementNo" label={t({ zh: '协议编号', en: 'Agreement no.' })}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="agreement" label={t({ zh: '协议期限', en: 'Agreement term' })}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="joinedDate" label={t({ zh: '加盟日期', en: 'Joined' })} rules={[{ required: true, message: t(text.required) }]}>
              <DatePicker allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="left" label={t({ zh: '退出日期', en: 'Left' })}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="hours" label={t({ zh: '服务时间', en: 'Hours' })}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="address" label={t({ zh: '地址', en: 'Address' })}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="prices" label={t({ zh: '收费标准', en: 'Prices' })}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
        <ErrorAlert error={save.error} />
      </Form>
    </Modal>
  );
}

/** The duty board (职责上墙): each hall service with the staff member responsible and their duties, printable. */
function DutyBoard({ items, community }: { items: Item[]; community: string }) {
  const { t } = useI18n();
  return (
    <div className="services-duty-board" data-testid="services-duty-board">
      <h2 className="services-duty-title">
        {community} {t({ zh: '一站式服务大厅 · 工作人员职责', en: 'One-stop hall · staff duties' })}
      </h2>
      <div className="services-duty-grid">
        {items.map((i) => (
          <div key={i.id} className="services-duty-card">
            <div className="services-duty-head">
              <span className="services-duty-service">{i.name}</span>
              {i.location && <span className="services-duty-window">{i.location}</span>}
            </div>
            <div className="services-duty-staff">
              {t({ zh: '负责人', en: 'Responsible' })}：<b>{i.staffName ?? '—'}</b>
            </div>
            <div className="services-duty-text">{i.duties}</div>
            <div className="services-duty-limit">{t({ zh: '办理时限：{n} 小时内', en: 'Within {n} hours' }, { n: i.timeLimitHours })}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** /c/:communityId/services/catalogue — the hall (with the duty board), the station, the providers that joined. */
export function CataloguePage() {
  const { t } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const canManage = canInCommunity(community, 'services.manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'hall';
  const [includeLeft, setIncludeLeft] = useState(false);
  const items = useItems(communityId);
  const providers = useProviders(communityId, includeLeft);
  const [editItem, setEditItem] = useState<{ item: Item | null; area: 'hall' | 'station' } | null>(null);
  const [editProvider, setEditProvider] = useState<Provider | 'new' | null>(null);
  const hall = (items.data ?? []).filter((i) => i.area === 'hall');
  const station = (items.data ?? []).filter((i) => i.area === 'station');
  const edit = (area: 'hall' | 'station') =>
    canManage ? [{ title: '', key: 'e', width: 56, render: (_: unknown, i: Item) => <Button type="text" icon={<EditOutlined />} onClick={() => setEditItem({ item: i, area })} aria-label={t({ zh: '修改', en: 'Edit' })} /> }] : [];

  return (
    <>
      <div className="linli-page-header no-print">
        <div>
          <Typography.Title level={3}>{t({ zh: '服务目录', en: 'Service catalogue' })}</Typography.Title>
          <Typography.Text type="secondary">{t({ zh: '一站式服务大厅的服务项目与职责，社区服务站的服务项目与加盟服务商', en: 'The hall’s services and duties; the station’s services and the providers that joined' })}</Typography.Text>
        </div>
        <Button size="large" icon={<ExportOutlined />} href={exportHref(communityId, tab === 'providers' ? 'providers/export.xlsx' : 'items/export.xlsx')}>
          {t(text.exportExcel)}
        </Button>
      </div>
      <Tabs
        className="services-tabs"
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'hall',
            label: t({ zh: '服务大厅 {n}', en: 'Hall {n}' }, { n: hall.length }),
            children: (
              <>
                <Space className="no-print" style={{ marginBottom: 12 }}>
                  <Button type="primary" size="large" icon={<PrinterOutlined />} onClick={() => window.print()}>
                    {t({ zh: '打印职责上墙', en: 'Print the duty board' })}
                  </Button>
                  {canManage && (
                    <Button size="large" icon={<PlusOutlined />} onClick={() => setEditItem({ item: null, area: 'hall' })}>
                      {t({ zh: '新增服务项目', en: 'Add a service' })}
                    </Button>
                  )}
                </Space>
                {hall.length ? <DutyBoard items={hall} community={community?.name ?? ''} /> : <Empty />}
                {canManage && (
                  <Table<Item>
                    className="no-print"
                    style={{ marginTop: 16 }}
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={hall}
                    columns={[
                      { title: t({ zh: '服务项目', en: 'Service' }), dataIndex: 'name' },
                      { title: t({ zh: '负责人', en: 'Responsible' }), dataIndex: 'staffName' },
                      { title: t({ zh: '时限（小时）', en: 'Limit (h)' }), dataIndex: 'timeLimitHours', align: 'right' },
                      ...edit('hall'),
                    ]}
                  />
                )}
              </>
            ),
          },
          {
            key: 'station',
            label: t({ zh: '服务站 {n}', en: 'Station {n}' }, { n: station.length }),
            children: (
              <>
                {canManage && (
                  <Button size="large" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditItem({ item: null, area: 'station' })}>
                    {t({ zh: '新增服务项目', en: 'Add a service' })}
                  </Button>
                )}
                <Table<Item>
                  rowKey="id"
                  dataSource={station}
                  loading={items.isFetching}
                  pagination={false}
                  scroll={{ x: 800 }}
                  columns={[
                    { title: t({ zh: '服务项目', en: 'Service' }), dataIndex: 'name', width: 110, render: (v: string) => <span className="linli-row-name">{v}</span> },
                    { title: t({ zh: '服务内容', en: 'What it covers' }), dataIndex: 'duties' },
                    { title: t({ zh: '加盟服务商', en: 'Providers' }), dataIndex: 'providers', width: 200, render: (v: Item['providers']) => v.map((p) => <Tag key={p.id}>{p.name}</Tag>) },
                    { title: t({ zh: '上门', en: 'At home' }), dataIndex: 'door', width: 70, render: (v: boolean) => (v ? <Tag color="purple">{t({ zh: '上门', en: 'Home' })}</Tag> : null) },
                    { title: t({ zh: '时限', en: 'Limit' }), dataIndex: 'timeLimitHours', width: 96, render: (v: number) => t({ zh: '{n}小时', en: '{n} h' }, { n: v }) },
                    { title: t({ zh: '状态', en: 'Status' }), dataIndex: 'active', width: 70, render: (v: boolean) => (v ? t({ zh: '在用', en: 'Active' }) : t({ zh: '停用', en: 'Inactive' })) },
                    ...edit('station'),
                  ]}
                />
              </>
            ),
          },
          {
            key: 'providers',
            label: t({ zh: '加盟服务商 {n}', en: 'Providers {n}' }, { n: providers.data?.length ?? '' }),
            children: (
              <>
                <Space style={{ marginBottom: 12 }} wrap>
                  {canManage && (
                    <Button size="large" type="primary" icon={<PlusOutlined />} onClick={() => setEditProvider('new')}>
                      {t({ zh: '服务商加盟', en: 'A provider joins' })}
                    </Button>
                  )}
                  <Switch checked={includeLeft} onChange={setIncludeLeft} aria-label={t({ zh: '含已退出', en: 'Include those who left' })} />
                  {t({ zh: '含已退出', en: 'Include those who left' })}
                </Space>
                <Table<Provider>
                  rowKey="id"
                  dataSource={providers.data}
                  loading={providers.isFetching}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 1100 }}
                  columns={[
                    { title: t({ zh: '服务商', en: 'Provider' }), dataIndex: 'name', width: 180, render: (v: string, p) => <><span className="linli-row-name">{v}</span>{p.leftDate && <Tag style={{ marginInlineStart: 6 }}>{t({ zh: '已退出', en: 'Left' })}</Tag>}</> },
                    { title: t({ zh: '服务项目', en: 'Services' }), dataIndex: 'items', width: 120, render: (v: Provider['items']) => v.map((i) => i.name).join('、') },
                    { title: t({ zh: '联系人', en: 'Contact' }), key: 'c', width: 170, render: (_, p) => <>{p.contactName} <span className="linli-mono">{p.phoneMasked}</span></> },
                    { title: t({ zh: '协议', en: 'Agreement' }), key: 'a', width: 230, render: (_, p) => (p.agreementNo ? `${p.agreementNo}（${p.agreementStart ?? ''} 至 ${p.agreementEnd ?? ''}）` : '—') },
                    { title: t({ zh: '服务时间', en: 'Hours' }), dataIndex: 'hours', width: 160 },
                    { title: t({ zh: '收费标准', en: 'Prices' }), dataIndex: 'prices' },
                    ...(canManage ? [{ title: '', key: 'e', width: 56, render: (_: unknown, p: Provider) => <Button type="text" icon={<EditOutlined />} onClick={() => setEditProvider(p)} aria-label={t({ zh: '修改', en: 'Edit' })} /> }] : []),
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      <ItemModal communityId={communityId} item={editItem?.item ?? null} area={editItem?.area ?? null} onClose={() => setEditItem(null)} />
      <ProviderModal communityId={communityId} provider={editProvider} onClose={() => setEditProvider(null)} />
    </>
  );
}
