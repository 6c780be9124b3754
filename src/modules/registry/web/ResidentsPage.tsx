import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Cascader, Col, Dropdown, Empty, Grid, Form, Input, Modal, Popconfirm, Row, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownOutlined, DownloadOutlined, ImportOutlined, MinusCircleOutlined, PlusCircleOutlined, PlusOutlined, SafetyCertificateOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { EMPLOYMENT, GENDERS, REGISTRATION_TYPES, RELATIONS, RESIDENT_STATUS } from '../vocab.ts';
import { communityBase, exportHref, FILTER_KEYS, registryKeys, useResidents, usePlaceTree, useSavedLists, type ListFilters, type ResidentRow, type SavedList } from './api.ts';
import { BulkTagModal } from './BulkTagModal.tsx';
import { genderAge, TagList } from './components.tsx';
import { placeFilterOptions, placePath, tagFilterOptions, tagLabel, vocabLabel, vocabOptions } from './labels.ts';
import { text } from './text.ts';

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

const AGE_BANDS = ['80+', '60+', '18-59', '0-17'] as const;

/** Ready-made lists every committee uses; the community's own saved lists follow them. */
const QUICK_LISTS: { key: string; filters: ListFilters; label?: { zh: string; en: string } }[] = [
  { key: 'age_80', filters: { tag: 'age_80' } },
  { key: 'empty_nest', filters: { tag: 'empty_nest' } },
  { key: 'living_alone', filters: { tag: 'living_alone' } },
  { key: 'disabled', filters: { tag: 'disabled' } },
  { key: 'dibao', filters: { tag: 'dibao' } },
  { key: 'party_member', filters: { tag: 'party_member' } },
  { key: 'unemployed', filters: { tag: 'unemployed' } },
  { key: 'floating', filters: { registrationType: 'floating' }, label: { zh: '流动人口', en: 'Floating population' } },
];

function readFilters(params: URLSearchParams): ListFilters {
  const out: ListFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** Saved filters come back as unknown JSON; keep the strings we know. */
function toListFilters(raw: Record<string, unknown>): ListFilters {
  const out: ListFilters = {};
  for (const k of FILTER_KEYS) {
    const v = raw[k];
    if (typeof v === 'string' && v) out[k] = v;
    else if (typeof v === 'number') out[k] = String(v);
  }
  return out;
}

function sameFilters(a: ListFilters, b: ListFilters): boolean {
  const norm = (f: ListFilters) =>
    JSON.stringify(
      FILTER_KEYS.filter((k) => f[k] && !(k === 'status' && f[k] === 'active')).map((k) => [k, f[k]]),
    );
  return norm(a) === norm(b);
}

/** /c/:communityId/residents — find, filter, tag and export the people of the community. */
export function ResidentsPage() {
  const { t, lang } = useI18n();
  const { communityId = '' } = useParams();
  const community = useCurrentCommunity();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const [qInput, setQInput] = useState(filters.q ?? '');
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<'add' | 'remove' | null>(null);
  const [saving, setSaving] = useState(false);
  const [listForm] = Form.useForm<{ name: string }>();

  const can = (p: string) => canInCommunity(community, p);
  const canEdit = can('registry.edit');
  const canExport = can('registry.export');
  const canReveal = can('registry.reveal');
  const canSensitive = can('registry.sensitive');

  const places = usePlaceTree(communityId);
  const savedLists = useSavedLists(communityId);
  const list = useResidents(communityId, filters, page, pageSize);

  /** Replaces some filters and goes back to page 1; an empty value removes the filter. */
  const update = (patch: ListFilters, replace = false) => {
    const next = new URLSearchParams(replace ? '' : params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('page');
    if (replace && params.get('pageSize')) next.set('pageSize', params.get('pageSize') ?? '');
    setParams(next, { replace: true });
    setSelected([]);
  };

  // Typing searches after a short pause; Enter searches at once.
  useEffect(() => {
    // follow the URL (chips, back button) without undoing a space the user is still typing
    setQInput((cur) => (cur.trim() === (filters.q ?? '') ? cur : (filters.q ?? '')));
  }, [filters.q]);
  useEffect(() => {
    const q = qInput.trim();
    if (q === (filters.q ?? '')) return;
    const timer = window.setTimeout(() => update({ q }), 400);
    return () => window.clearTimeout(timer);
  }, [qInput]);

  const saveList = useMutation({
    mutationFn: (name: string) => {
      const { savedListId: _ignored, ...rest } = filters;
      return api<SavedList>('POST', `${communityBase(communityId)}/saved-lists`, { name, filters: rest });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: registryKeys.savedLists(communityId) });
      message.success(t(text.listSaved));
      setSaving(false);
      listForm.resetFields();
    },
  });

  const deleteList = useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `${communityBase(communityId)}/saved-lists/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: registryKeys.savedLists(communityId) });
      message.success(t(text.listDeleted));
    },
    onError: (e) => message.error(e.message),
  });

  const exportFull = () =>
    modal.confirm({
      title: t(text.exportFullTitle),
      icon: <SafetyCertificateOutlined style={{ color: '#d46b08' }} />,
      content: t(text.exportFullText),
      okText: t(text.exportFullOk),
      cancelText: t('cancel'),
      okButtonProps: { size: 'large' },
      cancelButtonProps: { size: 'large' },
      width: 520,
      onOk: () => {
        window.location.assign(exportHref(communityId, filters, true));
      },
    });

  const hasFilters = FILTER_KEYS.some((k) => filters[k] && !(k === 'status' && filters[k] === 'active'));
  const placeValue = placePath(places.data ?? { compounds: [], households: 0, residents: 0 }, filters);
  const tagValue = filters.tag ? filters.tag.split(',').filter(Boolean) : [];

  const columns: TableColumnsType<ResidentRow> = [
    {
      title: t(text.name),
      key: 'name',
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/c/${communityId}/residents/${r.id}`} className="linli-row-name" onClick={(e) => e.stopPropagation()}>
            {r.name}
          </Link>
          <Typography.Text type="secondary">{genderAge(r.gender, r.age, lang, (n) => t(text.ageYears, { n }))}</Typography.Text>
        </Space>
      ),
    },
    { title: t(text.idNumber), dataIndex: 'idNumberMasked', width: 200, render: (v: string | null) => <span className="linli-mono">{v ?? '—'}</span> },
    { title: t(text.phone), dataIndex: 'phoneMasked', width: 140, render: (v: string | null) => <span className="linli-mono">{v ?? '—'}</span> },
    { title: t(text.address), dataIndex: 'address', onCell: nowrap, render: (v: string) => v || '—' },
    { title: t(text.relationToHead), dataIndex: 'relationToHead', onCell: nowrap, render: (v: string) => vocabLabel(RELATIONS, v, lang) },
    { title: t(text.tags), dataIndex: 'tags', width: 230, render: (v: string[]) => <TagList tags={v} /> },
  ];
  if (filters.status && filters.status !== 'active') {
    columns.push({
      title: t(text.status),
      dataIndex: 'status',
      width: 100,
      render: (v: string) => <Tag color={v === 'active' ? 'green' : v === 'deceased' ? 'default' : 'orange'}>{vocabLabel(RESIDENT_STATUS, v, lang)}</Tag>,
    });
  }

  const col = { xs: 24, sm: 12, lg: 8 };
  const narrow = !Grid.useBreakpoint().md;
  const selectProps = { allowClear: true, placeholder: t(text.any), style: { width: '100%' } };

  return (
    <>
      <div className="linli-page-header">
        <div>
          <Typography.Title level={3}>{t(text.residentsTitle)}</Typography.Title>
          <Typography.Text type="secondary">{t(text.residentsIntro)}</Typography.Text>
        </div>
        <Space wrap>
          {canEdit && (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => navigate(`/c/${communityId}/residents/new`)}>
              {t(text.addResident)}
            </Button>
          )}
          {can('registry.import') && (
            <Button size="large" icon={<ImportOutlined />} onClick={() => navigate(`/c/${communityId}/residents/import`)}>
              {t(text.importRoster)}
            </Button>
          )}
          {canExport &&
            (narrow ? (
              // on a phone the three exports fold into one menu, so the list starts on the first screen
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'list', icon: <DownloadOutlined />, label: <a href={exportHref(communityId, filters)}>{t('exportExcel')}</a> },
                    { key: 'roster', icon: <DownloadOutlined />, label: <a href={`${communityBase(communityId)}/households/roster.xlsx`}>{t(text.rosterExport)}</a> },
                    ...(canReveal ? [{ key: 'full', icon: <SafetyCertificateOutlined />, label: t(text.exportFull), onClick: exportFull }] : []),
                  ],
                }}
              >
                <Button size="large" icon={<DownloadOutlined />}>
                  {t('exportExcel')} <DownOutlined />
                </Button>
              </Dropdown>
            ) : (
              <>
                <Button size="large" icon={<DownloadOutlined />} href={exportHref(communityId, filters)}>
                  {t('exportExcel')}
                </Button>
                <Button size="large" icon={<DownloadOutlined />} href={`${communityBase(communityId)}/households/roster.xlsx`}>
                  {t(text.rosterExport)}
                </Button>
                {canReveal && (
                  <Button size="large" icon={<SafetyCertificateOutlined />} onClick={exportFull}>
                    {t(text.exportFull)}
                  </Button>
                )}
              </>
            ))}
        </Space>
      </div>

      <Card style={{ marginBottom: 16 }}>
        <Input.Search
          className="linli-search-box"
          size="large"
          autoFocus
          allowClear
          value={qInput}
          onChange={(e) => setQInput(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })}
          placeholder={t(text.searchPlaceholder)}
          aria-label={t(text.searchLabel)}
          enterButton={
            <Button type="primary" size="large" icon={<SearchOutlined />}>
              {t('search')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
        <Form layout="vertical" className="linli-filter-bar" component="div">
          <Row gutter={16}>
            <Col {...col} xl={6}>
              <Form.Item label={t(text.place)}>
                <Cascader
                  options={places.data ? placeFilterOptions(places.data, lang) : []}
                  loading={places.isPending}
                  value={placeValue}
                  changeOnSelect
                  allowClear
                  showSearch
                  placeholder={t(text.allPlaces)}
                  onChange={(v) => {
                    const ids = (v ?? []).map(String);
                    update({ compoundId: ids[0] ?? '', buildingId: ids[1] ?? '', entranceId: ids[2] ?? '' });
                  }}
                />
              </Form.Item>
            </Col>
            <Col {...col} xl={6}>
              <Form.Item label={t(text.tags)}>
                <Select
                  mode="multiple"
                  {...selectProps}
                  placeholder={t(text.anyTag)}
                  value={tagValue}
                  options={tagFilterOptions(lang, canSensitive, { care: t(text.careTagsGroup), derived: t(text.derivedTagsGroup) })}
                  showSearch={{ optionFilterProp: 'label' }}
                  maxTagCount="responsive"
                  onChange={(v: string[]) => update({ tag: v.join(',') })}
                />
              </Form.Item>
            </Col>
            <Col {...col} xl={3}>
              <Form.Item label={t(text.ageBand)}>
                <Select
                  {...selectProps}
                  value={filters.ageBand}
                  options={AGE_BANDS.map((b) => ({ value: b, label: lang === 'en' ? b : b.endsWith('+') ? `${b.slice(0, -1)}岁以上` : `${b}岁` }))}
                  onChange={(v?: string) => update({ ageBand: v ?? '' })}
                />
              </Form.Item>
            </Col>
            <Col {...col} xl={3}>
              <Form.Item label={t(text.registrationType)}>
                <Select {...selectProps} value={filters.registrationType} options={vocabOptions(REGISTRATION_TYPES, lang)} onChange={(v?: string) => update({ registrationType: v ?? '' })} />
              </Form.Item>
            </Col>
            <Col {...col} xl={3}>
              <Form.Item label={t(text.gender)}>
                <Select {...selectProps} value={filters.gender} options={vocabOptions(GENDERS, lang)} onChange={(v?: string) => update({ gender: v ?? '' })} />
              </Form.Item>
            </Col>
            <Col {...col} xl={3}>
              <Form.Item label={t(text.employmentStatus)}>
                <Select {...selectProps} value={filters.employmentStatus} options={vocabOptions(EMPLOYMENT, lang)} onChange={(v?: string) => update({ employmentStatus: v ?? '' })} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <div className="linli-chips" aria-label={t(text.savedLists)}>
          <Typography.Text strong>{t(text.savedLists)}：</Typography.Text>
          {QUICK_LISTS.map((l) => {
            const active = sameFilters(filters, l.filters);
            return (
              <Button key={l.key} shape="round" autoInsertSpace={false} type={active ? 'primary' : 'default'} aria-pressed={active} onClick={() => update(active ? {} : l.filters, true)}>
                {l.label ? t(l.label) : tagLabel(l.key, lang)}
              </Button>
            );
          })}
          {(savedLists.data ?? []).map((l) => {
            const lf = toListFilters(l.filters);
            const active = sameFilters(filters, lf);
            return (
              <span key={l.id} style={{ display: 'inline-flex', alignItems: 'center' }}>
                <Button shape="round" autoInsertSpace={false} type={active ? 'primary' : 'default'} aria-pressed={active} onClick={() => update(active ? {} : lf, true)}>
                  {l.name}
                  <span className="linli-chip-count">{l.count}</span>
                </Button>
                {canEdit && (
                  <Popconfirm title={t(text.deleteList)} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => deleteList.mutate(l.id)}>
                    <Button type="text" size="small" aria-label={t(text.deleteListNamed, { name: l.name })} style={{ marginInlineStart: 2 }}>
                      ×
                    </Button>
                  </Popconfirm>
                )}
              </span>
            );
          })}
          <Space style={{ marginInlineStart: 'auto' }}>
            {hasFilters && <Button onClick={() => update({}, true)}>{t(text.clearFilters)}</Button>}
            <Button
              icon={<SaveOutlined />}
              onClick={() => {
                if (!hasFilters) {
                  message.info(t(text.noFiltersToSave));
                  return;
                }
                setSaving(true);
              }}
            >
              {t(text.saveList)}
            </Button>
          </Space>
        </div>
      </Card>

      <div className="linli-list-bar">
        <Segmented
          aria-label={t(text.status)}
          value={filters.status ?? 'active'}
          options={[...vocabOptions(RESIDENT_STATUS, lang), { value: 'any', label: t(text.statusAny) }]}
          onChange={(v) => update({ status: v === 'active' ? '' : String(v) })}
        />
        {filters.moved && (
          // how a report's 本期迁入 / 本期迁出 opens the people behind its number
          <Tag closable color="blue" className="linli-filter-tag" onClose={() => update({ moved: '', from: '', to: '' })}>
            {t(filters.moved === 'moved_out' ? text.movedOutPeriod : text.movedInPeriod, { from: filters.from ?? t(text.periodOpen), to: filters.to ?? t(text.periodOpen) })}
          </Tag>
        )}
        {list.data && <Typography.Text type="secondary">{t(text.peopleFound, { n: list.data.total })}</Typography.Text>}
      </div>

      {selected.length > 0 && canEdit && (
        <div className="linli-bulk-bar" role="region" aria-label={t(text.selected, { n: selected.length })}>
          <Typography.Text strong>{t(text.selected, { n: selected.length })}</Typography.Text>
          <Button type="primary" icon={<PlusCircleOutlined />} onClick={() => setBulk('add')}>
            {t(text.addTag)}
          </Button>
          <Button icon={<MinusCircleOutlined />} onClick={() => setBulk('remove')}>
            {t(text.removeTag)}
          </Button>
          <Button type="link" onClick={() => setSelected([])}>
            {t(text.clearSelection)}
          </Button>
        </div>
      )}

      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ResidentRow>
          className="linli-clickable-rows"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          rowSelection={canEdit ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: true } : undefined}
          onRow={(r) => ({ onClick: () => navigate(`/c/${communityId}/residents/${r.id}`) })}
          locale={{
            emptyText: list.isPending ? ' ' : <Empty description={<>{t(text.noResidents)}<br />{t(text.noResidentsHint)}</>} />,
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showQuickJumper: true,
            showTotal: (n) => t('total', { n }),
            onChange: (p, s) => {
              const next = new URLSearchParams(params);
              next.set('page', String(s === pageSize ? p : 1));
              next.set('pageSize', String(s));
              setParams(next, { replace: true });
            },
          }}
        />
      )}

      {bulk && (
        <BulkTagModal
          communityId={communityId}
          residentIds={selected}
          action={bulk}
          withSensitive={canSensitive}
          onClose={(changed) => {
            setBulk(null);
            if (changed) setSelected([]);
          }}
        />
      )}

      <Modal
        open={saving}
        title={t(text.saveListTitle)}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={saveList.isPending}
        onOk={() => listForm.submit()}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <Form form={listForm} layout="vertical" onFinish={(v) => saveList.mutate(v.name.trim())}>
          <Form.Item
            name="name"
            label={t(text.listName)}
            rules={[{ required: true, whitespace: true, message: t(text.listNameRequired) }, { max: 40 }]}
            extra={saveList.error?.message}
          >
            <Input autoFocus placeholder={t(text.listNamePlaceholder)} maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
