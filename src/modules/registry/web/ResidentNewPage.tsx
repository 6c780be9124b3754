import { Alert, App as AntApp, Card, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { communityBase, registryKeys, useHousehold, usePlaceTree, type ResidentDetail } from './api.ts';
import { dwellingAddress } from './labels.ts';
import { ResidentForm, toResidentInput, type ResidentFormValues } from './ResidentForm.tsx';
import { text } from './text.ts';

/**
 * /c/:communityId/residents/new — 新增居民. `?householdId=` joins a household (from its 添加成员),
 * `?dwellingId=` starts one in a dwelling (from the places page); otherwise the form asks where.
 */
export function ResidentNewPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const [params] = useSearchParams();
  const householdId = params.get('householdId') ?? undefined;
  const dwellingId = params.get('dwellingId') ?? undefined;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const household = useHousehold(communityId, householdId);
  const places = usePlaceTree(communityId);

  const create = useMutation({
    mutationFn: (v: ResidentFormValues) =>
      api<ResidentDetail>('POST', `${communityBase(communityId)}/residents`, {
        ...toResidentInput(v, false),
        ...(householdId ? { householdId } : { dwellingId: dwellingId ?? v.dwelling?.[v.dwelling.length - 1] }),
      }),
    onSuccess: (r) => {
      queryClient.setQueryData(registryKeys.resident(communityId, r.id), r);
      void queryClient.invalidateQueries({ queryKey: registryKeys.all(communityId) });
      message.success(t(text.created, { name: r.name }));
      navigate(householdId ? `/c/${communityId}/households/${householdId}` : `/c/${communityId}/residents/${r.id}`);
    },
  });
  const serverError = create.error instanceof ApiError ? create.error : null;

  const where = householdId
    ? household.data && t(text.newInHousehold, { address: household.data.address })
    : dwellingId
      ? places.data && t(text.newInDwelling, { address: dwellingAddress(places.data, dwellingId, lang) ?? '' })
      : null;
  const waiting = (householdId && household.isPending) || (!householdId && places.isPending);
  const loadError = householdId ? household.error : places.error;
  const back = householdId ? `/c/${communityId}/households/${householdId}` : `/c/${communityId}/residents`;

  return (
    <>
      <div className="linli-page-header">
        <Space orientation="vertical" size={4}>
          <Link to={back}>
            <ArrowLeftOutlined /> {t('back')}
          </Link>
          <Typography.Title level={3}>{t(text.newTitle)}</Typography.Title>
          {where && <Typography.Text type="secondary" style={{ fontSize: '1.05em' }}>{where}</Typography.Text>}
        </Space>
      </div>
      {waiting && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {loadError && <LoadError error={loadError} />}
      {!waiting && !loadError && (
        <ResidentForm
          initial={{ registrationType: 'huji', residence: 'both', relationToHead: householdId ? undefined : 'head' }}
          placeTree={!householdId && !dwellingId ? places.data : undefined}
          saving={create.isPending}
          serverErrors={serverError?.fields ?? {}}
          banner={
            serverError && (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginBottom: 16 }}
                title={Object.keys(serverError.fields).length ? t(text.fixErrors) : serverError.message}
              />
            )
          }
          onSave={(v) => create.mutate(v)}
          onCancel={() => navigate(back)}
        />
      )}
    </>
  );
}
