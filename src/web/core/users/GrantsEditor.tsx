import { Button, Empty, Form, Select, Space, Typography, type SelectProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.tsx';
import { scopesOf, useCommunities, useRoles, useSubDistricts } from '../lookups.ts';
import type { GrantRow } from './grants.ts';
import { text } from './text.ts';

interface PlaceOption {
  label: string;
  options: { value: string; label: string }[];
}

/** The "角色与范围" rows of the user form: a role, then the sub-district or community it applies to. */
export function GrantsEditor() {
  const t = useT();
  const form = Form.useFormInstance<{ grants: GrantRow[] }>();
  const roles = useRoles();
  const subDistricts = useSubDistricts();
  const communities = useCommunities();

  const placeOptions = (roleName: string | undefined): PlaceOption[] => {
    const scopes = scopesOf(roles.data?.find((r) => r.role === roleName));
    const groups: PlaceOption[] = [];
    if (scopes.includes('subDistrict')) {
      groups.push({
        label: t(text.subDistrict),
        options: (subDistricts.data ?? []).map((sd) => ({ value: `sd:${sd.id}`, label: sd.name })),
      });
    }
    if (scopes.includes('community')) {
      groups.push({
        label: t(text.community),
        options: (communities.data ?? []).map((c) => ({ value: `c:${c.id}`, label: `${c.name}（${c.subDistrictName}）` })),
      });
    }
    return groups;
  };

  return (
    <Form.List name="grants">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noGrants)} />}
          {fields.map(({ key, name }) => (
            <div key={key} className="linli-grant-row" style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}>
              <Form.Item name={[name, 'role']} rules={[{ required: true, message: t(text.roleRequired) }]} style={{ flex: '1 1 200px', marginBottom: 8 }}>
                <Select
                  aria-label={t(text.role)}
                  placeholder={t(text.role)}
                  loading={roles.isPending}
                  options={(roles.data ?? []).map((r) => ({ value: r.role, label: t(r.label) }))}
                  onChange={() => form.setFieldValue(['grants', name, 'place'], undefined)}
                />
              </Form.Item>
              <Form.Item noStyle dependencies={[['grants', name, 'role']]}>
                {({ getFieldValue }) => {
                  const roleName = getFieldValue(['grants', name, 'role']) as string | undefined;
                  const groups = placeOptions(roleName);
                  if (!roleName) return <div style={{ flex: '1 1 220px' }} />;
                  if (groups.length === 0) {
                    return (
                      <Typography.Text type="secondary" style={{ flex: '1 1 220px', lineHeight: '40px' }}>
                        {t(text.wholeSystem)}
                      </Typography.Text>
                    );
                  }
                  const onlySubDistrict = groups.length === 1 && groups[0].label === t(text.subDistrict);
                  const message = onlySubDistrict ? t(text.subDistrictRequired) : t(text.communityRequired);
                  const options: SelectProps['options'] = groups.length === 1 ? groups[0].options : groups;
                  return (
                    <Form.Item name={[name, 'place']} rules={[{ required: true, message }]} style={{ flex: '1 1 220px', marginBottom: 8 }}>
                      <Select
                        aria-label={onlySubDistrict ? t(text.subDistrict) : t(text.community)}
                        placeholder={onlySubDistrict ? t(text.subDistrict) : t(text.community)}
                        options={options}
                        showSearch={{ optionFilterProp: 'label' }}
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={t(text.removeGrant)} title={t(text.removeGrant)} onClick={() => remove(name)} danger />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
            {t(text.addGrant)}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
