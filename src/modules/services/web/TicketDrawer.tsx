import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Form, Input, Modal, Rate, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, CloseCircleOutlined, EyeOutlined, PhoneOutlined, PlayCircleOutlined, RedoOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api.ts';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { servicesBase, servicesKeys, useAssignees, useTicket, type Ticket, type TicketDetail } from './api.ts';
import { CHANNELS, STATUS_COLOURS, STATUSES, pick, text } from './text.ts';

export function StatusTag({ t: ticket }: { t: Pick<Ticket, 'status' | 'overdue' | 'late'> }) {
  const { lang, t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOURS[ticket.status]} style={{ marginInlineEnd: 0 }}>
        {pick(STATUSES, ticket.status, lang)}
      </Tag>
      {ticket.overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t({ zh: '已超时', en: 'Overdue' })}
        </Tag>
      )}
      {!ticket.overdue && ticket.late && (
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
          {t({ zh: '超时办结', en: 'Finished late' })}
        </Tag>
      )}
    </Space>
  );
}

/** Who a ticket can go to: staff first, then the providers of this service, then the other providers. */
export function AssigneeSelect({ communityId, itemId, value, onChange, id }: { communityId: string; itemId?: string; value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const a = useAssignees(communityId);
  const providers = [...(a.data?.providers ?? [])].sort((x, y) => Number(y.itemIds.includes(itemId ?? '')) - Number(x.itemIds.includes(itemId ?? '')));
  return (
    <Select
      id={id}
      size="large"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={a.isPending}
      value={value}
      onChange={onChange}
      placeholder={t({ zh: '选择工作人员或服务商', en: 'A staff member or a provider' })}
      options={[
        { label: t({ zh: '工作人员', en: 'Staff' }), options: (a.data?.users ?? []).map((u) => ({ value: `user:${u.id}`, label: u.name })) },
        { label: t({ zh: '加盟服务商', en: 'Providers' }), options: providers.map((p) => ({ value: `provider:${p.id}`, label: p.name })) },
      ]}
    />
  );
}
export const assigneeBody = (v: string | undefined) => (v?.startsWith('user:') ? { userId: v.slice(5) } : v?.startsWith('provider:') ? { providerId: v.slice(9) } : {});

const EVENT: Record<string, { zh: string; en: string }> = {
  created: { zh: '受理', en: 'Accepted' },
  assigned: { zh: '派单', en: 'Assigned' },
  started: { zh: '开始办理', en: 'Started' },
  done: { zh: '办结', en: 'Done' },
  followed_up: { zh: '回访', en: 'Followed up' },
  closed: { zh: '关闭', en: 'Closed' },
  reopened: { zh: '重新办理', en: 'Reopened' },
  note: { zh: '备注', en: 'Note' },
};

type Action = 'assign' | 'done' | 'follow-up' | 'close' | 'reopen' | 'notes' | null;

/** One ticket: what was asked, by whom, its deadline, its history, and the next step. */
export function TicketDrawer({ communityId, id, canManage, canReveal, onClose }: { communityId: string; id: string | null; canManage: boolean; canReveal: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const ticket = useTicket(communityId, id);
  const [action, setAction] = useState<Action>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [form] = Form.useForm();
  const k = ticket.data;

  const run = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api<TicketDetail>('POST', `${servicesBase(communityId)}/tickets/${encodeURIComponent(id ?? '')}/${path}`, body ?? {}),
    onSuccess: (r) => {
      queryClient.setQueryData([...servicesKeys.tickets(communityId), 'one', r.id], r);
      void queryClient.invalidateQueries({ queryKey: servicesKeys.tickets(communityId) });
      void queryClient.invalidateQueries({ queryKey: [...servicesKeys.all(communityId), 'overview'] });
      setAction(null);
      form.resetFields();
      message.success(t({ zh: '已保存', en: 'Saved' }));
    },
  });
  const reveal = useMutation({
    mutationFn: () => api<{ value: string | null }>('POST', `${servicesBase(communityId)}/tickets/${encodeURIComponent(id ?? '')}/reveal`),
    onSuccess: (r) => setPhone(r.value),
    onError: (e) => message.error(e.message),
  });

  const titles: Record<Exclude<Action, null>, { zh: string; en: string }> = {
    assign: { zh: '派单', en: 'Assign' },
    done: { zh: '办结', en: 'Mark done' },
    'follow-up': { zh: '回访', en: 'Follow-up call' },
    close: { zh: '未解决关闭', en: 'Close unresolved' },
    reopen: { zh: '重新办理', en: 'Reopen' },
    notes: { zh: '添加备注', en: 'Add a note' },
  };
  const submit = (v: Record<string, unknown>) => {
    if (action === 'assign') run.mutate({ path: 'assign', body: { ...assigneeBody(v.assignee as string), note: v.note || null } });
    else if (action === 'done') run.mutate({ path: 'done', body: { result: v.result } });
    else if (action === 'follow-up') run.mutate({ path: 'follow-up', body: { satisfaction: v.satisfaction, comment: v.comment || null } });
    else if (action === 'close') run.mutate({ path: 'close', body: { reason: v.reason } });
    else if (action === 'reopen') run.mutate({ path: 'reopen', body: { reason: v.reason } });
    else if (action === 'notes') run.mutate({ path: 'notes', body: { note: v.note } });
  };

  return (
    <Drawer
      open={Boolean(id)}
      onClose={() => {
        setPhone(null);
        onClose();
      }}
      size={620}
      title={k ? `${t({ zh: '工单', en: 'Ticket' })} ${k.number} · ${k.itemName}` : t(text.navTickets)}
      destroyOnHidden
    >
      {ticket.error ? (
        <LoadError error={ticket.error} />
      ) : !k ? (
        <Skeleton active />
      ) : (
        <div data-testid="services-ticket-drawer">
          <StatusTag t={k} />
          <Descriptions column={1} size="small" style={{ marginTop: 12 }} className="services-desc">
            <Descriptions.Item label={t({ zh: '诉求人', en: 'Requester' })}>
              {k.callerName}
              {!k.residentId && <Tag style={{ marginInlineStart: 8 }}>{t({ zh: '非登记居民', en: 'Not in registry' })}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t({ zh: '电话', en: 'Phone' })}>
              <Space>
                <span className="linli-mono">{phone ?? k.phoneMasked ?? '—'}</span>
                {canReveal && k.phoneMasked && !phone && (
                  <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
                    {t({ zh: '显示完整（留痕）', en: 'Show (logged)' })}
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            {k.address && <Descriptions.Item label={t({ zh: '地址', en: 'Address' })}>{k.address}</Descriptions.Item>}
            <Descriptions.Item label={t({ zh: '渠道', en: 'Channel' })}>{pick(CHANNELS, k.channel, lang)}</Descriptions.Item>
            <Descriptions.Item label={t({ zh: '诉求内容', en: 'Request' })}>{k.description}</Descriptions.Item>
            <Descriptions.Item label={t({ zh: '承办人', en: 'Assignee' })}>{k.assigneeName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t({ zh: '受理时间', en: 'Accepted' })}>{formatDateTime(k.acceptedAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t({ zh: '办理时限', en: 'Due' })}>
              <span className={k.overdue ? 'services-overdue' : undefined}>{formatDateTime(k.dueAt, lang)}</span>
            </Descriptions.Item>
            {k.result && <Descriptions.Item label={t({ zh: '办理结果', en: 'Result' })}>{k.result}</Descriptions.Item>}
            {k.satisfaction !== null && (
              <Descriptions.Item label={t({ zh: '回访满意度', en: 'Satisfaction' })}>
                <Space wrap><Rate disabled value={k.satisfaction} /><span>{k.followUpComment}</span></Space>
              </Descriptions.Item>
            )}
            {k.closeReason && <Descriptions.Item label={t({ zh: '关闭原因', en: 'Reason' })}>{k.closeReason}</Descriptions.Item>}
          </Descriptions>

          {canManage && (
            <Space wrap size={8} style={{ margin: '16px 0' }} className="services-actions">
              {['accepted', 'assigned', 'in_progress'].includes(k.status) && (
                <Button type={k.status === 'accepted' ? 'primary' : 'default'} size="large" icon={<SendOutlined />} onClick={() => setAction('assign')}>
                  {t(k.status === 'accepted' ? { zh: '派单', en: 'Assign' } : { zh: '改派', en: 'Reassign' })}
                </Button>
              )}
              {k.status === 'assigned' && (
                <Button size="large" icon={<PlayCircleOutlined />} loading={run.isPending} onClick={() => run.mutate({ path: 'start' })}>
                  {t({ zh: '开始办理', en: 'Start' })}
                </Button>
              )}
              {['assigned', 'in_progress'].includes(k.status) && (
                <Button type="primary" size="large" icon={<CheckOutlined />} onClick={() => setAction('done')}>
                  {t({ zh: '办结', en: 'Done' })}
                </Button>
              )}
              {k.status === 'done' && (
                <Button type="primary" size="large" icon={<PhoneOutlined />} onClick={() => setAction('follow-up')}>
                  {t({ zh: '回访', en: 'Follow up' })}
                </Button>
              )}
              {['accepted', 'assigned', 'in_progress'].includes(k.status) && (
                <Button size="large" danger icon={<CloseCircleOutlined />} onClick={() => setAction('close')}>
                  {t({ zh: '未解决关闭', en: 'Close unresolved' })}
                </Button>
              )}
              {['done', 'followed_up', 'closed'].includes(k.status) && (
                <Button size="large" icon={<RedoOutlined />} onClick={() => setAction('reopen')}>
                  {t({ zh: '重新办理', en: 'Reopen' })}
                </Button>
              )}
              <Button size="large" onClick={() => setAction('notes')}>
                {t({ zh: '备注', en: 'Note' })}
              </Button>
            </Space>
          )}
          {run.error && !action && <Alert type="error" showIcon title={run.error.message} style={{ marginBottom: 12 }} />}

          <Typography.Title level={5}>{t({ zh: '办理记录', en: 'History' })}</Typography.Title>
          <Timeline
            items={k.events.map((e) => ({
              key: e.id,
              color: e.kind === 'closed' ? 'gray' : e.kind === 'note' ? 'blue' : 'green',
              content: (
                <div>
                  <Typography.Text strong>{pick(EVENT, e.kind, lang)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {formatDateTime(e.at, lang)} · {e.byName}
                  </Typography.Text>
                  {e.note && <div>{e.note}</div>}
                </div>
              ),
            }))}
          />
        </div>
      )}
      <Modal
        open={action !== null}
        title={action ? t(titles[action]) : ''}
        okText={t({ zh: '确定', en: 'OK' })}
        cancelText={t({ zh: '取消', en: 'Cancel' })}
        confirmLoading={run.isPending}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          {action === 'assign' && k && (
            <>
              <Form.Item name="assignee" label={t({ zh: '承办人', en: 'Assignee' })} rules={[{ required: true, message: t(text.required) }]}>
                <AssigneeSelect communityId={communityId} itemId={k.itemId} />
              </Form.Item>
              <Form.Item name="note" label={t({ zh: '交办说明', en: 'Instructions' })}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
              </Form.Item>
            </>
          )}
          {action === 'done' && (
            <Form.Item name="result" label={t({ zh: '办理结果', en: 'What was done' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
            </Form.Item>
          )}
          {action === 'follow-up' && (
            <>
              <Form.Item name="satisfaction" label={t({ zh: '满意度（1–5 分）', en: 'Satisfaction (1–5)' })} rules={[{ required: true, message: t(text.required) }]}>
                <Rate className="services-rate" />
              </Form.Item>
              <Form.Item name="comment" label={t({ zh: '居民意见', en: 'Comment' })}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
              </Form.Item>
            </>
          )}
          {action === 'close' && (
            <Form.Item name="reason" label={t({ zh: '未解决原因', en: 'Reason' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
            </Form.Item>
          )}
          {action === 'reopen' && (
            <Form.Item name="reason" label={t({ zh: '重新办理的原因（如：居民来电反映问题仍未解决）', en: 'Why it is reopened (e.g. the resident called: still not fixed)' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
            </Form.Item>
          )}
          {action === 'notes' && (
            <Form.Item name="note" label={t({ zh: '备注', en: 'Note' })} rules={[{ required: true, whitespace: true, message: t(text.required) }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          )}
          {run.error && <Alert type="error" showIcon title={run.error.message} />}
        </Form>
      </Modal>
    </Drawer>
  );
}
