import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Empty, Form, Input, Radio, Result, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { PhoneOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { servicesBase, servicesKeys, useCallers, useItems, type Caller, type TicketDetail } from './api.ts';
import { AssigneeSelect, StatusTag, TicketDrawer, assigneeBody } from './TicketDrawer.tsx';
import { STATUSES, TAGS, pick, text } from './text.ts';

interface TicketForm {
  channel: 'hotline' | 'desk' | 'online';
  itemId: string;
  description: string;
  assignee?: string;
  callerName?: string;
  phone?: string;
  address?: string;
}

/** /c/:communityId/services/hotline — take a call in one screen: find the caller, open the ticket, assign it. */
export function HotlinePage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [caller, setCaller] = useState<Caller | null>(null);
  const [outsider, setOutsider] = useState(false);
  const [created, setCreated] = useState<TicketDetail | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm<TicketForm>();
  const formCard = useRef<HTMLDivElement>(null);
  // on a phone the form sits below the callers: bring it up once the caller is known
  const toForm = () => window.innerWidth < 992 && setTimeout(() => formCard.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
  const callers = useCallers(communityId, q);
  const items = useItems(communityId);
  const itemId = Form.useWatch('itemId', form);
  const digits = q.replace(/\D/g, '');

  const create = useMutation({
    mutationFn: (v: TicketForm) => {
      const a = assigneeBody(v.assignee);
      return api<TicketDetail>('POST', `${servicesBase(communityId)}/tickets`, {
        channel: v.channel,
        itemId: v.itemId,
        description: v.description.trim(),
        ...(caller && !outsider ? { residentId: caller.residentId } : { callerName: v.callerName?.trim(), phone: v.phone?.trim() || null, address: v.address?.trim() || null }),
        assignUserId: 'userId' in a ? a.userId : null,
        assignProviderId: 'providerId' in a ? a.providerId : null,
      });
    },
    onSuccess: (r) => {
      setCreated(r);
      void queryClient.invalidateQueries({ queryKey: servicesKeys.all(communityId) });
      message.success(t({ zh: '工单 {n} 已受理', en: 'Ticket {n} opened' }, { n: r.number }));
    },
  });

  const reset = () => {
    setCreated(null);
    setCaller(null);
    setOutsider(false);
    setQ('');
    form.resetFields();
  };

  const groups = (['hall', 'station'] as const).map((area) => ({
    label: t(area === 'hall' ? { zh: '服务大厅', en: 'Service hall' } : { zh: '社区服务站', en: 'Service station' }),
    options: (items.data ?? []).filter((i) => i.area === area && i.active).map((i) => ({ value: i.id, label: `${i.name}（${i.timeLimitHours}${t({ zh: '小时内', en: 'h' })}）` })),
  }));

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t({ zh: '便民服务热线', en: 'Convenience hotline' })}</Typography.Title>
          <Typography.Text type="secondary">{t({ zh: '查找来电人 → 记录诉求 → 派单，一屏完成', en: 'Find the caller, record the request, assign it — on one screen' })}</Typography.Text>
        </div>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
          <Card title={<Space><UserOutlined />{t({ zh: '来电人', en: 'Caller' })}</Space>} className="services-card">
            <Input.Search
              size="large"
              allowClear
              enterButton={t({ zh: '查找', en: 'Find' })}
              placeholder={t({ zh: '来电号码或姓名（可输拼音）', en: 'Phone number or name (pinyin works)' })}
              aria-label={t({ zh: '来电号码或姓名', en: 'Phone number or name' })}
              defaultValue={q}
              onSearch={(v) => {
                setQ(v.trim());
                setCaller(null);
                setOutsider(false);
              }}
              data-testid="hotline-search"
            />
            <div className="services-callers" data-testid="hotline-callers">
              {q && callers.isPending ? (
                <Spin style={{ margin: 24 }} />
              ) : callers.error ? (
                <Alert type="error" showIcon title={callers.error.message} />
              ) : q && (callers.data ?? []).length === 0 ? (
                <Empty description={t({ zh: '登记中没有找到，请按非登记居民受理', en: 'Not found in the registry; take it as a caller outside it' })} />
              ) : (
                (callers.data ?? []).map((c) => (
                  <Card
                    key={c.residentId}
                    size="small"
                    hoverable
                    className={`services-caller${caller?.residentId === c.residentId && !outsider ? ' is-selected' : ''}`}
                    onClick={() => {
                      setCaller(c);
                      setOutsider(false);
                      toForm();
                    }}
                  >
                    <Space wrap size={6}>
                      <Typography.Text strong style={{ fontSize: 18 }}>
                        {c.name}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {c.gender === 'female' ? t({ zh: '女', en: 'F' }) : c.gender === 'male' ? t({ zh: '男', en: 'M' }) : ''} {c.age !== null ? t({ zh: '{n}岁', en: '{n} y' }, { n: c.age }) : ''}
                      </Typography.Text>
                      {c.byPhone && <Tag color="green">{t({ zh: '号码匹配', en: 'Phone matches' })}</Tag>}
                      {c.doorClient && <Tag color="purple">{t({ zh: '上门服务对象', en: 'Door-to-door client' })}</Tag>}
                      {c.tags.filter((x) => TAGS[x]).map((x) => (
                        <Tag key={x}>{pick(TAGS, x, lang)}</Tag>
                      ))}
                    </Space>
                    <div>{c.address}</div>
                    <Typography.Text type="secondary" className="linli-mono">
                      {c.phoneMasked}
                    </Typography.Text>
                    {c.recentTickets.length > 0 && (
                      <div className="services-recent">
                        {t({ zh: '近期工单：', en: 'Recent: ' })}
                        {c.recentTickets.slice(0, 3).map((r) => (
                          <Tag key={r.id} onClick={(e) => { e.stopPropagation(); setOpen(r.id); }} style={{ cursor: 'pointer' }}>
                            {r.number} {r.itemName} · {pick(STATUSES, r.status, lang)}
                          </Tag>
                        ))}
                      </div>
                    )}
                  </Card>
                ))
              )}
            </div>
            <Button
              type={outsider ? 'primary' : 'dashed'}
              block
              size="large"
              icon={<PhoneOutlined />}
              onClick={() => {
                setOutsider(true);
                setCaller(null);
                toForm();
                if (digits.length >= 7) form.setFieldValue('phone', q);
                else if (q) form.setFieldValue('callerName', q);
              }}
            >
              {t({ zh: '非登记居民来电', en: 'Caller not in the registry' })}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={13} ref={formCard}>
          <Card title={<Space><PlusOutlined />{t({ zh: '受理工单', en: 'Open a ticket' })}</Space>} className="services-card">
            {created ? (
              <Result
                status="success"
                title={t({ zh: '工单 {n} 已受理', en: 'Ticket {n} opened' }, { n: created.number })}
                subTitle={
                  <Space direction="vertical" size={4}>
                    <span>
                      {created.callerName} · {created.itemName}
                    </span>
                    <StatusTag t={created} />
                    {created.assigneeName && <span>{t({ zh: '承办人：{n}', en: 'Assignee: {n}' }, { n: created.assigneeName })}</span>}
                  </Space>
                }
                extra={[
                  <Button key="open" size="large" onClick={() => setOpen(created.id)}>
                    {t({ zh: '查看工单', en: 'Open the ticket' })}
                  </Button>,
                  <Button key="next" type="primary" size="large" onClick={reset}>
                    {t({ zh: '接下一个电话', en: 'Next call' })}
                  </Button>,
                ]}
              />
            ) : !caller && !outsider ? (
              <Empty description={t({ zh: '请先查找并选定来电人，或选择“非登记居民来电”', en: 'First find and pick the caller, or choose “Caller not in the registry”' })} />
            ) : (
              <Form form={form} layout="vertical" initialValues={{ channel: 'hotline' }} onFinish={(v) => create.mutate(v)} requiredMark={false}>
                {caller && !outsider ? (
                  <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t({ zh: '来电人：{n}，{a}', en: 'Caller: {n}, {a}' }, { n: caller.name, a: caller.address })} />
                ) : (
                  <Row gutter={12}>
                    <Col xs={24} sm={12}>
                      <Form.Item name="callerName" label={t({ zh: '来电人姓名', en: 'Caller’s name' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
                        <Input size="large" maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item name="phone" label={t({ zh: '联系电话', en: 'Phone' })}>
                        <Input size="large" maxLength={20} inputMode="tel" />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item name="address" label={t({ zh: '地址', en: 'Address' })}>
                        <Input size="large" maxLength={200} />
                      </Form.Item>
                    </Col>
                  </Row>
                )}
                <Form.Item name="channel" label={t({ zh: '渠道', en: 'Channel' })}>
                  <Radio.Group size="large" optionType="button" options={[{ value: 'hotline', label: t({ zh: '热线', en: 'Hotline' }) }, { value: 'desk', label: t({ zh: '窗口', en: 'Desk' }) }, { value: 'online', label: t({ zh: '网上', en: 'Online' }) }]} />
                </Form.Item>
                <Form.Item name="itemId" label={t({ zh: '服务项目', en: 'Service' })} rules={[{ required: true, message: t(text.required) }]}>
                  <Select size="large" showSearch={{ optionFilterProp: 'label' }} options={groups} loading={items.isPending} placeholder={t({ zh: '选择服务项目', en: 'Choose a service' })} />
                </Form.Item>
                <Form.Item name="description" label={t({ zh: '诉求内容', en: 'Request' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name="assignee" label={t({ zh: '派给（可稍后再派）', en: 'Assign to (or later)' })}>
                  <AssigneeSelect communityId={communityId} itemId={itemId} />
                </Form.Item>
                {create.error && <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 12 }} />}
                <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
                  {t({ zh: '受理', en: 'Open ticket' })}
                </Button>
              </Form>
            )}
          </Card>
        </Col>
      </Row>
      <TicketDrawer
        communityId={communityId}
        id={open}
        canManage={canInCommunity(community, 'services.manage')}
        canReveal={canInCommunity(community, 'services.reveal')}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
