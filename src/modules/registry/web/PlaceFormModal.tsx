import { Alert, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { communityBase, registryKeys } from './api.ts';
import { text } from './text.ts';

export type PlaceKind = 'compound' | 'building' | 'entrance' | 'dwelling';

export interface PlaceParent {
  compoundId?: string;
  buildingId?: string;
  entranceId?: string;
  /** a compound of single-storey houses: dwellings get a street address, not a room */
  street?: boolean;
  /** 怡丽北园 3号楼, shown in the title */
  label?: string;
}

interface Values {
  name?: string;
  kind?: 'compound' | 'street';
  propertyCompany?: string;
  number?: string;
  floors?: number | null;
  rooms?: string;
  address?: string;
}

const TITLES = { compound: text.addCompound, building: text.addBuilding, entrance: text.addEntrance, dwelling: text.addDwelling } as const;

/** 新增小区 / 楼栋 / 单元 / 房屋; rooms can be typed several at once (101 102 201 202). */
export function PlaceFormModal({ communityId, kind, parent, onClose }: { communityId: string; kind: PlaceKind; parent: PlaceParent; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const base = `${communityBase(communityId)}/registry`;

  const save = useMutation({
    mutationFn: async (v: Values): Promise<number> => {
      if (kind === 'compound') {
        await api('POST', `${base}/compounds`, { name: v.name?.trim(), kind: v.kind ?? 'compound', propertyCompany: v.propertyCompany?.trim() || null });
        return 1;
      }
      if (kind === 'building') {
        await api('POST', `${base}/buildings`, { compoundId: parent.compoundId, number: v.number?.trim(), floors: v.floors ?? null });
        return 1;
      }
      if (kind === 'entrance') {
        await api('POST', `${base}/entrances`, { buildingId: parent.buildingId, number: v.number?.trim() });
        return 1;
      }
      const where = { compoundId: parent.compoundId, buildingId: parent.buildingId ?? null, entranceId: parent.entranceId ?? null };
      if (parent.street) {
        const address = v.address?.trim() ?? '';
        await api('POST', `${base}/dwellings`, { ...where, room: address, address });
        return 1;
      }
      const rooms = [...new Set((v.rooms ?? '').split(/[\s,，、;；]+/).filter(Boolean))];
      // one at a time, so that a failure names the room it stopped at
      for (const room of rooms) await api('POST', `${base}/dwellings`, { ...where, room });
      return rooms.length;
    },
    onSuccess: (n) => {
      void queryClient.invalidateQueries({ queryKey: registryKeys.places(communityId) });
      message.success(kind === 'dwelling' && n > 1 ? t(text.placesAdded, { n }) : t(text.placeAdded));
      onClose();
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: registryKeys.places(communityId) }),
  });

  const required = [{ required: true, whitespace: true, message: t(text.required) }];
  return (
    <Modal
      open
      title={parent.label ? `${t(TITLES[kind])} · ${parent.label}` : t(TITLES[kind])}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'compound' }} onFinish={(v) => save.mutate(v)}>
        {save.error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={save.error.message} />}
        {kind === 'compound' && (
          <>
            <Form.Item name="name" label={t(text.compoundName)} rules={required}>
              <Input size="large" autoFocus maxLength={60} />
            </Form.Item>
            <Form.Item name="kind" label={t(text.compoundKind)}>
              <Radio.Group
                options={[
                  { value: 'compound', label: t(text.kindCompound) },
                  { value: 'street', label: t(text.kindStreet) },
                ]}
              />
            </Form.Item>
            <Form.Item name="propertyCompany" label={t(text.propertyCompany)}>
              <Input size="large" maxLength={100} />
            </Form.Item>
          </>
        )}
        {kind === 'building' && (
          <>
            <Form.Item name="number" label={t(text.buildingNumber)} rules={required} extra={t(text.buildingNumberHint)}>
              <Input size="large" autoFocus maxLength={20} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="floors" label={t(text.floors)}>
              <InputNumber size="large" min={1} max={200} precision={0} />
            </Form.Item>
          </>
        )}
        {kind === 'entrance' && (
          <Form.Item name="number" label={t(text.entranceNumber)} rules={required}>
            <Input size="large" autoFocus maxLength={20} style={{ maxWidth: 200 }} />
          </Form.Item>
        )}
        {kind === 'dwelling' && parent.street && (
          <Form.Item name="address" label={t(text.plainAddress)} rules={required}>
            <Input size="large" autoFocus maxLength={200} />
          </Form.Item>
        )}
        {kind === 'dwelling' && !parent.street && (
          <Form.Item name="rooms" label={t(text.room)} rules={required} extra={t(text.roomsHint)}>
            <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t(text.roomPlaceholder)} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
