import { Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n.tsx';
import { useCommunities } from '../lookups.ts';
import { text } from './text.ts';
import type { AuditFilters } from './types.ts';

interface Values {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  communityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function clean(s: string | undefined): string | undefined {
  const v = s?.trim();
  return v ? v : undefined;
}

/** Who, what, which record, which community, which days — applied on 搜索. */
export function AuditFilterForm({ onApply }: { onApply: (f: AuditFilters) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const communities = useCommunities();

  const apply = (v: Values) =>
    onApply({
      actor: clean(v.actor),
      action: clean(v.action),
      entityType: clean(v.entityType),
      entityId: clean(v.entityId),
      communityId: v.communityId,
      // whole local days, sent as UTC instants
      from: v.range?.[0]?.startOf('day').toISOString(),
      to: v.range?.[1]?.endOf('day').toISOString(),
    });

  const col = { xs: 24, sm: 12, lg: 8, xxl: 6 };
  return (
    <Form<Values> form={form} layout="vertical" onFinish={apply} className="linli-filters">
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item name="actor" label={t(text.actor)}>
            <Input placeholder={t(text.actorPlaceholder)} allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="action" label={t(text.action)}>
            <Input placeholder={t(text.actionPlaceholder)} allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="entityType" label={t(text.entityType)}>
            <Input placeholder={t(text.entityTypePlaceholder)} allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="entityId" label={t(text.entityId)}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="communityId" label={t(text.community)}>
            <Select
              allowClear
              placeholder={t(text.allCommunities)}
              loading={communities.isPending}
              options={(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="range" label={t(text.dateRange)}>
            <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
          </Form.Item>
        </Col>
      </Row>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('reset')}
        </Button>
      </Space>
    </Form>
  );
}
