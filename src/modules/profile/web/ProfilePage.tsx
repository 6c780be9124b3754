import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Skeleton, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { useT } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { ProfileForm } from './ProfileForm.tsx';
import { ProfileView } from './ProfileView.tsx';
import { text } from './text.ts';
import type { Profile, ProfileUpdate } from '../schema.ts';

const profilePath = (communityId: string) => `/api/v1/communities/${encodeURIComponent(communityId)}/profile`;

/** /c/:communityId/profile — 社区概况: read by everyone in the community, edited with profile.update. */
export function ProfilePage() {
  const t = useT();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState(false);
  const canEdit = canInCommunity(community, 'profile.update');
  const key = ['profile', communityId];

  const query = useQuery({ queryKey: key, queryFn: () => api<Profile>('GET', profilePath(communityId)) });

  const save = useMutation({
    mutationFn: (update: ProfileUpdate) => api<Profile>('PUT', profilePath(communityId), update),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setEditing(false);
      message.success(t(text.saved));
    },
  });

  const serverError = save.error instanceof ApiError ? save.error : null;

  return (
    <>
      <div className="linli-page-header">
        <Typography.Title level={3}>
          {t(text.title)}
          {query.data ? ` · ${query.data.name}` : ''}
        </Typography.Title>
        {canEdit && !editing && query.data && (
          <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('edit')}
          </Button>
        )}
      </div>
      {query.isPending && <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>}
      {query.error && <LoadError error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && !editing && <ProfileView profile={query.data} />}
      {query.data && editing && (
        <Card title={t(text.editTitle)}>
          {serverError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title={Object.keys(serverError.fields).length ? t(text.fixErrors) : serverError.message}
            />
          )}
          <ProfileForm
            profile={query.data}
            saving={save.isPending}
            serverErrors={serverError?.fields ?? {}}
            onSave={(u) => save.mutate(u)}
            onCancel={() => {
              save.reset();
              setEditing(false);
            }}
          />
        </Card>
      )}
    </>
  );
}
