import { App as AntApp, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../../web/api.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { partyBase, partyKeys, useRecipients, type Recipient } from '../api.ts';
import { MemberSelect } from './MemberSelect.tsx';
import { bt } from './text.ts';

/**
 * 发放名单 — frail members are on it anyway; the secretary adds or removes the others by hand
 * (`PUT …/newsletter-recipients` takes the whole hand-picked list).
 */
export function RecipientsEditor({ communityId, canManage }: { communityId: string; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const list = useRecipients(communityId);
  const [adding, setAdding] = useState<string | null>(null);
  const rows = list.data ?? [];
  const frail = rows.filter((r) => r.status === 'frail');
  const hand = rows.filter((r) => r.byHand && r.status !== 'frail');
  const save = useMutation({
    mutationFn: (memberIds: string[]) => api<Recipient[]>('PUT', `${partyBase(communityId)}/newsletter-recipients`, { memberIds }),
    onSuccess: (r) => {
      queryClient.setQueryData(partyKeys.recipients(communityId), r);
      void queryClient.invalidateQueries({ queryKey: partyKeys.newsletters(communityId) });
      message.success(t(bt.recipientsSaved, { n: r.length }));
      setAdding(null);
    },
    onError: (e) => message.error(e.message),
  });
  // everyone put on by hand stays so, frail or not: the list is theirs to keep
  const byHandIds = rows.filter((r) => r.byHand).map((r) => r.memberId);

  return (
    <Card
      title={t(bt.recipientsTitle)}
      className="party-card"
      style={{ marginBottom: 16 }}
      data-testid="party-recipients"
      extra={
        <Typography.Text type="secondary">
          {t(bt.frailN, { n: frail.length })} · {t(bt.handN, { n: hand.length })}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary">{t(bt.recipientsHint)}</Typography.Paragraph>
      <div className="party-recipient-section">
        <Typography.Text strong>{t(bt.handAdded)}</Typography.Text>
        <div className="linli-chips party-recipient-chips" data-testid="party-recipients-hand">
          {hand.length === 0 && <Typography.Text type="secondary">{t(bt.noHandAdded)}</Typography.Text>}
          {hand.map((r) => (
            <Tag
              key={r.memberId}
              color="blue"
              className="party-recipient-tag"
              closable={canManage && !save.isPending}
              closeIcon={canManage ? undefined : false}
              onClose={(e) => {
                e.preventDefault();
                save.mutate(byHandIds.filter((id) => id !== r.memberId));
              }}
              aria-label={r.name}
            >
              {r.name}
            </Tag>
          ))}
        </div>
        {canManage && (
          <Space.Compact style={{ width: '100%', maxWidth: 420, marginTop: 8 }}>
            <MemberSelect communityId={communityId} value={adding} onChange={setAdding} exclude={rows.map((r) => r.memberId)} placeholder={t(bt.pickToAdd)} aria-label={t(bt.addRecipient)} />
            <Button type="primary" icon={<UserAddOutlined />} disabled={!adding} loading={save.isPending} onClick={() => adding && save.mutate([...byHandIds, adding])}>
              {t(bt.addRecipient)}
            </Button>
          </Space.Compact>
        )}
      </div>
      <div className="party-recipient-section">
        <Typography.Text strong>{t(bt.frailAuto)}</Typography.Text>
        <div className="linli-chips party-recipient-chips">
          {frail.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} /> : frail.map((r) => <Tag key={r.memberId} className="party-recipient-tag">{r.name}</Tag>)}
        </div>
      </div>
    </Card>
  );
}
