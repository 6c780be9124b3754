import { Alert, Button, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { communityBase, registryKeys } from './api.ts';
import { text } from './text.ts';

interface Assignees {
  userIds: string[];
  candidates: { id: string; username: string; displayName: string }[];
}

/** 楼栋负责人: the building leaders / grid workers who look after a building (they see only their buildings). */
export function BuildingAssignees({ communityId, buildingId }: { communityId: string; buildingId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const url = `${communityBase(communityId)}/registry/buildings/${encodeURIComponent(buildingId)}/assignees`;
  const key = [...registryKeys.places(communityId), 'assignees', buildingId];
  const query = useQuery({ queryKey: key, queryFn: () => api<Assignees>('GET', url) });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: (userIds: string[]) => api<{ userIds: string[] }>('PUT', url, { userIds }),
    onSuccess: () => {
      setChosen(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  if (!query.data) return null;
  const value = chosen ?? query.data.userIds;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t(text.assigneesTitle)}
      </Typography.Title>
      {query.data.candidates.length === 0 ? (
        <Typography.Text type="secondary">{t(text.assigneesNone)}</Typography.Text>
      ) : (
        <Space.Compact style={{ width: '100%' }}>
          <Select
            mode="multiple"
            size="large"
            style={{ width: '100%' }}
            aria-label={t(text.assigneesTitle)}
            placeholder={t(text.assigneesPlaceholder)}
            value={value}
            onChange={setChosen}
            options={query.data.candidates.map((c) => ({ value: c.id, label: `${c.displayName}（${c.username}）` }))}
          />
          <Button type="primary" size="large" disabled={chosen === null} loading={save.isPending} onClick={() => save.mutate(value)}>
            {t('save')}
          </Button>
        </Space.Compact>
      )}
      {save.error && <Alert type="error" showIcon message={save.error.message} />}
    </Space>
  );
}
