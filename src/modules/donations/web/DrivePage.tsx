import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Radio, Row, Select, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, ExportOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { donationsBase, donationsKeys, searchResidents, useDrive, useGifts, type Drive, type Gift, type ResidentHit } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { DONOR_KIND, STATUS, text } from './text.ts';

function ResidentPicker({ communityId, value, onChange }: { communityId: string; value?: string; onChange?: (v: string) => void }) {
  const { t } = useI18n();
  const [hits, setHits] = useState<ResidentHit[]>([]);
  return (
    <Select
      showSearch={{
        filterOption: false,
        onSearch: (q) => {
          if (!q.trim()) return setHits([]);
          void searchResidents(communityId, q.trim()).then(setHits);
        },
      }}
      value={value}
      onChange={onChange}
      placeholder={t(text.residentSearch)}
      notFoundContent={null}
      options={hits.map((h) => ({ value: h.id, label: `${h.name}${h.age !== null ? `（${h.age}岁）` : ''} · ${h.address}` }))}
      aria-label={t(text.resident)}
    />
  );
}

interface GiftForm {
  donorKind: 'resident' | 'unit' | 'anonymous';
  residentId?: string;
  donorName?: string;
  kind: 'money' | 'goods';
  amount?: string;
  goods?: string;
  quantity?: number;
  unit?: string;
  givenOn: dayjs.Dayjs;
  note?: string;
}

function GiftCard({ communityId, drive }: { communityId: string; drive: Drive }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<GiftForm>();
  const donorKind = Form.useWatch('donorKind', form);
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: GiftForm) => api<Gift>('POST', `${donationsBase(communityId)}/drives/${drive.id}/gifts`, { ...v, givenOn: v.givenOn.format('YYYY-MM-DD') }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: donationsKeys.all(communityId) });
      void message.success(t(text.saved));
      form.resetFields(['residentId', 'donorName', 'amount', 'goods', 'quantity', 'unit', 'note']);
    },
  });
  return (
    <Card title={t(text.addGift)} className="donations-gift-card">
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" size="large" initialValues={{ donorKind: 'resident', kind: 'money', givenOn: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="donorKind" label={t(text.donorKind)}>
              <Radio.Group optionType="button" options={(['resident', 'unit', 'anonymous'] as const).map((k) => ({ value: k, label: t(k === 'unit' ? text.unit : DONOR_KIND[k]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {donorKind === 'resident' && (
              <Form.Item name="residentId" label={t(text.resident)} rules={[{ required: true, message: t(text.residentSearch) }]}>
                <ResidentPicker communityId={communityId} />
              </Form.Item>
            )}
            {donorKind === 'unit' && (
              <Form.Item name="donorName" label={t(text.unitName)} rules={[{ required: true, message: t(text.unitName) }]}>
                <Input maxLength={100} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t(text.kind)}>
              <Radio.Group optionType="button" options={[{ value: 'money', label: t(text.kindMoney) }, { value: 'goods', label: t(text.kindGoods) }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="givenOn" label={t(text.givenOn)} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {kind === 'money' ? (
            <Col xs={24} md={12}>
              <Form.Item name="amount" label={t(text.amount)} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: t({ zh: '请填写元数，最多两位小数', en: 'Yuan, at most two decimals' }) }]}>
                <Input inputMode="decimal" suffix="元" placeholder="200.00" />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col xs={24} md={10}>
                <Form.Item name="goods" label={t(text.goods)} rules={[{ required: true, message: t(text.goods) }]}>
                  <Input maxLength={200} placeholder="棉被" />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name="quantity" label={t(text.quantity)} rules={[{ required: true, message: t(text.quantity) }]}>
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name="unit" label={t(text.goodsUnit)}>
                  <Input maxLength={20} placeholder="床" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={kind === 'money' ? 12 : 24}>
            <Form.Item name="note" label={t(text.note)}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
          {t(text.addGift)}
        </Button>
      </Form>
    </Card>
  );
}

/** /c/:communityId/donations/drives/:id — what the drive raised, the gifts, the form to record one. */
export function DrivePage() {
  const { t } = useI18n();
  const { communityId = '', id = '' } = useParams();
  const community = useCurrentCommunity();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useDrive(communityId, id);
  const gifts = useGifts(communityId, id, page, pageSize);
  const canManage = canInCommunity(community, 'donations.manage');
  const setStatus = useMutation({
    mutationFn: (status: 'open' | 'closed') => api<Drive>('PATCH', `${donationsBase(communityId)}/drives/${id}`, { status }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: donationsKeys.all(communityId) }),
  });
  const removeGift = useMutation({
    mutationFn: (giftId: string) => api<void>('DELETE', `${donationsBase(communityId)}/drives/${id}/gifts/${encodeURIComponent(giftId)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: donationsKeys.all(communityId) }),
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const columns: TableColumnsType<Gift> = [
    { title: t(text.givenOn), dataIndex: 'givenOn', width: 120 },
    { title: t(text.donorKind), dataIndex: 'donor', render: (v: string, g) => (
      <>
        {v} <Tag>{t(DONOR_KIND[g.donorKind])}</Tag>
      </>
    ) },
    { title: t(text.amountOrGoods), key: 'what', render: (_, g) => (g.kind === 'money' ? `${g.amount} 元` : `${g.goods} ${g.quantity ?? ''}${g.unit ?? ''}`) },
    { title: t(text.note), dataIndex: 'note' },
    ...(canManage && d?.status === 'open'
      ? [
          {
            title: '',
            key: 'remove',
            width: 90,
            render: (_: unknown, g: Gift) => (
              <Popconfirm title={t(text.removeGiftConfirm)} okText={t(text.removeGift)} okButtonProps={{ danger: true }} onConfirm={() => removeGift.mutate(g.id)}>
                <Button type="link" danger size="small">
                  {t(text.removeGift)}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <div className="linli-page-header">
        <div>
          <Link to={`/c/${communityId}/donations`}>
            <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
              {t(text.drives)}
            </Button>
          </Link>
          <Typography.Title level={3}>
            {d?.title ?? '…'} {d && <Tag color={d.status === 'open' ? 'green' : 'default'}>{t(STATUS[d.status])}</Tag>}
          </Typography.Title>
          <Typography.Text type="secondary">
            {d ? `${d.startDate} ~ ${d.endDate ?? ''}` : ''}
            {d?.purpose ? ` · ${d.purpose}` : ''}
          </Typography.Text>
        </div>
        <div className="donations-actions">
          <Link to="receipt">
            <Button size="large" icon={<PrinterOutlined />}>
              {t(text.print)}
            </Button>
          </Link>
          <Button size="large" icon={<ExportOutlined />} href={`${donationsBase(communityId)}/drives/${id}/gifts/export.xlsx`}>
            {t(text.exportExcel)}
          </Button>
          {canManage && d?.status === 'open' && (
            <Popconfirm title={t(text.closeConfirm)} onConfirm={() => setStatus.mutate('closed')}>
              <Button size="large" danger>
                {t(text.close)}
              </Button>
            </Popconfirm>
          )}
          {canManage && d?.status === 'closed' && (
            <Button size="large" onClick={() => setStatus.mutate('open')}>
              {t(text.reopen)}
            </Button>
          )}
        </div>
      </div>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(
          [
            [text.money, d?.totals.money],
            [text.goodsLines, d?.totals.goodsLines],
            [text.donors, d?.totals.donors],
            [text.gifts, d?.totals.gifts],
          ] as const
        ).map(([label, value]) => (
          <Col xs={12} md={6} key={label.zh}>
            <Card className="donations-stat">
              <Statistic title={t(label)} value={value ?? '—'} loading={q.isPending} />
            </Card>
          </Col>
        ))}
      </Row>
      {d && canManage && (d.status === 'open' ? <GiftCard communityId={communityId} drive={d} /> : <Alert type="info" showIcon title={t(text.closedNote)} style={{ marginBottom: 16 }} />)}
      <Card title={t({ zh: '捐赠登记', en: 'Gifts' })} style={{ marginTop: 16 }}>
        {gifts.error ? (
          <LoadError error={gifts.error} onRetry={() => void gifts.refetch()} />
        ) : (
          <Table
            rowKey="id"
            className="donations-table"
            loading={gifts.isPending}
            columns={columns}
            dataSource={gifts.data?.items}
            scroll={{ x: 600 }}
            pagination={{ current: page, pageSize, total: gifts.data?.total, showSizeChanger: true, onChange: (p, s) => (setPage(p), setPageSize(s)) }}
          />
        )}
      </Card>
    </>
  );
}
