import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Progress, Radio, Result, Row, Select, Space, Spin, Statistic, Steps, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { ROSTER_FIELDS, type RosterRecord, type RowIssue } from '../import/types.ts';
import { GENDERS, RELATIONS } from '../vocab.ts';
import { communityBase, registryKeys, uploadFile, type ImportPreview, type ImportStatus, type RosterField, type RosterMapping } from './api.ts';
import { buildingName, entranceName, maskId, vocabLabel } from './labels.ts';
import { ROSTER_FIELD_LABELS, text } from './text.ts';

const MAX_BYTES = 20 * 1024 * 1024;

/** The field a file column is mapped to, if any. */
function fieldAt(mapping: RosterMapping, column: number): RosterField | undefined {
  return ROSTER_FIELDS.find((f) => mapping[f] === column);
}

/** Column `column` now holds `field` (or nothing); a field sits in one column at most. */
function remap(mapping: RosterMapping, column: number, field: RosterField | undefined): RosterMapping {
  const next: RosterMapping = {};
  for (const f of ROSTER_FIELDS) {
    const c = mapping[f];
    if (c !== undefined && c !== column && f !== field) next[f] = c;
  }
  if (field) next[field] = column;
  return next;
}

function UploadStep({ communityId, onPreview }: { communityId: string; onPreview: (p: ImportPreview) => void }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile<ImportPreview>(`${communityBase(communityId)}/registry/imports`, file),
    onSuccess: onPreview,
    onError: (e) => setProblem(e.message),
  });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Spin spinning={upload.isPending} description={t(text.reading)} size="large">
          <Upload.Dragger
            className="linli-dropzone"
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              setProblem(null);
              if (!/\.(xlsx|csv)$/i.test(file.name)) setProblem(t(text.badFileType));
              else if (file.size > MAX_BYTES) setProblem(t(text.dropHint));
              else upload.mutate(file);
              return false;
            }}
            style={{ padding: '32px 16px' }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t(text.dropTitle)}
            </Typography.Title>
            <Typography.Text type="secondary">{t(text.dropHint)}</Typography.Text>
          </Upload.Dragger>
        </Spin>
        {problem && <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} title={problem} />}
      </Col>
      <Col xs={24} lg={9}>
        <Card title={t(text.uploadNotes)}>
          <ul style={{ paddingInlineStart: 20, margin: 0, lineHeight: 1.9 }}>
            <li>{t(text.uploadNote1)}</li>
            <li>{t(text.uploadNote2)}</li>
            <li>{t(text.uploadNote3)}</li>
            <li>{t(text.uploadNote4)}</li>
          </ul>
        </Card>
      </Col>
    </Row>
  );
}

function PreviewStep({
  communityId,
  preview,
  onPreview,
  onStarted,
  onRestart,
}: {
  communityId: string;
  preview: ImportPreview;
  onPreview: (p: ImportPreview) => void;
  onStarted: () => void;
  onRestart: () => void;
}) {
  const { t, lang } = useI18n();
  const [onDuplicate, setOnDuplicate] = useState<'update' | 'skip'>('update');
  const base = `${communityBase(communityId)}/registry/imports/${encodeURIComponent(preview.id)}`;

  // Every correction is checked again at once: a new column mapping, or the new places confirmed.
  const recheck = useMutation({
    mutationFn: (change: { mapping?: RosterMapping; createPlaces?: boolean }) =>
      api<ImportPreview>('POST', `${base}/preview`, {
        mapping: change.mapping ?? preview.mapping,
        headerRow: preview.headerRow,
        createPlaces: change.createPlaces ?? preview.createPlaces,
      }),
    onSuccess: onPreview,
  });
  const commit = useMutation({
    mutationFn: () =>
      api<{ id: string; status: string }>('POST', `${base}/commit`, {
        mapping: preview.mapping,
        headerRow: preview.headerRow,
        createPlaces: preview.createPlaces,
        onDuplicate,
      }),
    onSuccess: onStarted,
  });

  const fieldOptions = [
    { value: '', label: t(text.notImported) },
    ...ROSTER_FIELDS.map((f) => ({ value: f, label: t(ROSTER_FIELD_LABELS[f]) })),
  ];
  const np = preview.newPlaces;
  const hasNewPlaces = np.compounds.length + np.buildings.length + np.entrances.length + np.dwellings > 0;
  const nameMapped = preview.mapping.name !== undefined;

  const mappingColumns: TableColumnsType<{ index: number; header: string }> = [
    { title: t(text.fileColumn), dataIndex: 'header', onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (h: string, r) => <Typography.Text strong>{h || `#${r.index + 1}`}</Typography.Text> },
    {
      title: t(text.mapsTo),
      key: 'field',
      width: 260,
      render: (_, r) => {
        const f = fieldAt(preview.mapping, r.index);
        return (
          <Select
            aria-label={`${r.header} → ${t(text.mapsTo)}`}
            data-testid={`map-${r.index}`}
            style={{ width: '100%' }}
            value={f ?? ''}
            options={fieldOptions}
            showSearch={{ optionFilterProp: 'label' }}
            disabled={recheck.isPending || commit.isPending}
            onChange={(v: string) => recheck.mutate({ mapping: remap(preview.mapping, r.index, (v || undefined) as RosterField | undefined) })}
          />
        );
      },
    },
  ];

  const issueColumns: TableColumnsType<RowIssue> = [
    { title: t(text.rowNo), dataIndex: 'row', width: 80 },
    { title: t(text.column), dataIndex: 'column', width: 140, render: (c: string | null) => c ?? t(text.wholeRow) },
    {
      title: t(text.problem),
      key: 'message',
      render: (_, i) => (
        <Space>
          <Tag color={i.severity === 'error' ? 'red' : 'gold'}>{t(i.severity === 'error' ? text.error : text.warning)}</Tag>
          {t(i.message)}
        </Space>
      ),
    },
  ];

  const sampleColumns: TableColumnsType<RosterRecord> = [
    { title: t(text.rowNo), dataIndex: 'row', width: 70 },
    { title: t(text.name), dataIndex: 'name' },
    { title: t(text.gender), dataIndex: 'gender', render: (v: string | null) => vocabLabel(GENDERS, v, lang) },
    { title: t(text.birthDate), dataIndex: 'birthDate' },
    { title: t(text.idNumber), dataIndex: 'idNumber', render: (v: string | null) => <span className="linli-mono">{maskId(v)}</span> },
    {
      title: t(text.address),
      key: 'place',
      render: (_, r) =>
        [
          r.place.compound,
          r.place.building && buildingName(r.place.building, '', lang),
          r.place.entrance && entranceName(r.place.entrance, lang),
          r.place.room,
          !r.place.building ? r.place.address : null,
        ]
          .filter(Boolean)
          .join(' '),
    },
    { title: t(text.relationToHead), dataIndex: 'relationToHead', render: (v: string | null) => vocabLabel(RELATIONS, v, lang) },
  ];

  const stat = (title: { zh: string; en: string }, value: number, color?: string) => (
    <Col flex="1 1 150px">
      <Card className="linli-stat-cards">
        <Statistic title={t(title)} value={value} styles={{ content: color ? { color } : undefined }} />
      </Card>
    </Col>
  );

  return (
    <Spin spinning={recheck.isPending} description={t(text.rechecking)}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>
            {t(text.file)}：<Typography.Text strong>{preview.filename}</Typography.Text>
          </Typography.Text>
          <Typography.Text type="secondary">{t(text.headerRowAt, { n: preview.headerRow })}</Typography.Text>
          <Button type="link" onClick={onRestart}>
            {t(text.chooseAnother)}
          </Button>
        </Space>
        <Row gutter={[12, 12]} data-testid="import-counts">
          {stat(text.rows, preview.rows)}
          {stat(text.valid, preview.valid, '#135200')}
          {stat(text.errors, preview.errors, preview.errors ? '#a8071a' : undefined)}
          {stat(text.warnings, preview.warnings, preview.warnings ? '#ad6800' : undefined)}
          {stat(text.duplicates, preview.duplicatesInRegistry)}
        </Row>
        {recheck.error && <Alert type="error" showIcon role="alert" title={recheck.error.message} />}

        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card title={t(text.mappingTitle)} extra={<Typography.Text type="secondary">{preview.headers.length}</Typography.Text>}>
              <Typography.Paragraph type="secondary">{t(text.mappingHint)}</Typography.Paragraph>
              {!nameMapped && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t(text.nameNotMapped)} />}
              <Table
                size="small"
                rowKey="index"
                pagination={false}
                columns={mappingColumns}
                dataSource={preview.headers.map((header, index) => ({ header, index }))}
              />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              {hasNewPlaces && (
                <Card title={t(text.newPlacesTitle)}>
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {np.compounds.length > 0 && (
                      <div>
                        <Typography.Text strong>{t(text.newCompounds)}：</Typography.Text>
                        {np.compounds.join('、')}
                      </div>
                    )}
                    {np.buildings.length > 0 && (
                      <div>
                        <Typography.Text strong>{t(text.newBuildings)}：</Typography.Text>
                        {np.buildings.join('、')}
                      </div>
                    )}
                    {np.entrances.length > 0 && (
                      <div>
                        <Typography.Text strong>{t(text.newEntrances)}：</Typography.Text>
                        {np.entrances.join('、')}
                      </div>
                    )}
                    {np.dwellings > 0 && <div>{t(text.newDwellings, { n: np.dwellings })}</div>}
                    <Checkbox
                      checked={preview.createPlaces}
                      disabled={recheck.isPending}
                      onChange={(e) => recheck.mutate({ createPlaces: e.target.checked })}
                      style={{ fontSize: '1.05em' }}
                    >
                      {t(text.createPlaces)}
                    </Checkbox>
                    {!preview.createPlaces && <Alert type="warning" showIcon title={t(text.createPlacesOff)} />}
                  </Space>
                </Card>
              )}
              <Card
                title={
                  <Space>
                    {t(text.issuesTitle)}
                    {preview.issuesTotal > preview.issues.length && (
                      <Typography.Text type="secondary">{t(text.issuesFirst, { shown: preview.issues.length, more: preview.issuesTotal - preview.issues.length })}</Typography.Text>
                    )}
                  </Space>
                }
                extra={
                  preview.errors > 0 && (
                    <Button icon={<DownloadOutlined />} href={`${base}/rejected.xlsx`}>
                      {t(text.downloadRejected)}
                    </Button>
                  )
                }
              >
                {preview.errors > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(text.rejectedHint)} />}
                {preview.issues.length === 0 ? (
                  <Alert type="success" showIcon title={t(text.noIssues)} />
                ) : (
                  <Table<RowIssue>
                    size="small"
                    rowKey={(i) => `${i.row}-${i.column ?? ''}-${i.code}`}
                    columns={issueColumns}
                    dataSource={[...preview.issues].sort((a, b) => a.row - b.row)}
                    pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                    data-testid="import-issues"
                  />
                )}
              </Card>
            </Space>
          </Col>
        </Row>

        <Card title={t(text.sampleTitle)}>
          <Table<RosterRecord> size="small" rowKey="row" columns={sampleColumns} dataSource={preview.sample} pagination={false} scroll={{ x: 'max-content' }} />
        </Card>

        <Card>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {preview.duplicatesInRegistry > 0 && (
              <div>
                <Typography.Text strong>
                  {t(text.onDuplicate)}（{preview.duplicatesInRegistry}）
                </Typography.Text>
                <br />
                <Radio.Group
                  value={onDuplicate}
                  onChange={(e) => setOnDuplicate(e.target.value)}
                  options={[
                    { value: 'update', label: t(text.dupUpdate) },
                    { value: 'skip', label: t(text.dupSkip) },
                  ]}
                  style={{ marginTop: 8 }}
                />
              </div>
            )}
            {preview.valid === 0 && <Alert type="error" showIcon title={t(text.nothingValid)} />}
            {commit.error && <Alert type="error" showIcon role="alert" title={commit.error.message} />}
            <Space wrap>
              <Button
                type="primary"
                size="large"
                icon={<CloudUploadOutlined />}
                disabled={preview.valid === 0 || !nameMapped || recheck.isPending}
                loading={commit.isPending}
                onClick={() => commit.mutate()}
              >
                {t(text.startImport, { n: preview.valid })}
              </Button>
              <Button size="large" onClick={onRestart}>
                {t(text.chooseAnother)}
              </Button>
            </Space>
          </Space>
        </Card>
      </Space>
    </Spin>
  );
}

function RunStep({ communityId, importId, onFinished, onRestart }: { communityId: string; importId: string; onFinished: () => void; onRestart: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const base = `${communityBase(communityId)}/registry/imports/${encodeURIComponent(importId)}`;
  const status = useQuery({
    queryKey: ['registry', communityId, 'import', importId],
    queryFn: () => api<ImportStatus>('GET', base),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 500),
    staleTime: 0,
  });
  const s = status.data;
  const finished = s?.status === 'done' || s?.status === 'failed';

  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: registryKeys.all(communityId) });
    onFinished();
  }, [finished, queryClient, communityId, onFinished]);

  if (status.error) return <Alert type="error" showIcon role="alert" title={status.error.message} />;
  if (!s || !finished) {
    const done = s?.progress.done ?? 0;
    const total = s?.progress.total ?? 0;
    return (
      <Card>
        <div style={{ maxWidth: 600, margin: '0 auto', padding: '24px 0', textAlign: 'center' }} role="status" aria-live="polite">
          <Typography.Title level={4}>{t(text.importing)}</Typography.Title>
          <Progress percent={total ? Math.floor((done / total) * 100) : 0} status="active" size={['100%', 16]} />
          <Typography.Text type="secondary">{t(text.progress, { done, total })}</Typography.Text>
        </div>
      </Card>
    );
  }
  if (s.status === 'failed')
    return (
      <Result
        status="error"
        title={t(text.failedTitle)}
        subTitle={[s.error, t(text.failedText)].filter(Boolean).join(' ')}
        extra={
          <Button type="primary" size="large" onClick={onRestart}>
            {t(text.importAnother)}
          </Button>
        }
      />
    );
  const r = s.result ?? { rows: 0, imported: 0, updated: 0, skipped: 0, errors: 0 };
  return (
    <Card data-testid="import-result">
      <Result
        status={r.errors ? 'warning' : 'success'}
        title={t(text.doneTitle)}
        subTitle={t(text.doneText, { ...r })}
        extra={[
          <Button key="list" type="primary" size="large" icon={<TeamOutlined />} onClick={() => navigate(`/c/${communityId}/residents`)}>
            {t(text.goResidents)}
          </Button>,
          r.errors > 0 && (
            <Button key="rejected" size="large" icon={<DownloadOutlined />} href={`${base}/rejected.xlsx`}>
              {t(text.downloadRejected)}
            </Button>
          ),
          <Button key="again" size="large" onClick={onRestart}>
            {t(text.importAnother)}
          </Button>,
        ]}
      >
        <Row gutter={[12, 12]} justify="center">
          {(
            [
              [text.imported, r.imported, '#135200'],
              [text.updated, r.updated, '#1d4ed8'],
              [text.skipped, r.skipped, undefined],
              [text.errors, r.errors, r.errors ? '#a8071a' : undefined],
            ] as const
          ).map(([label, n, color]) => (
            <Col key={label.zh} xs={12} md={6}>
              <Statistic title={t(label)} value={n} styles={{ content: color ? { color } : undefined }} />
            </Col>
          ))}
        </Row>
      </Result>
    </Card>
  );
}

/** /c/:communityId/residents/import — 导入花名册: upload, check (dry run), import with progress. */
export function ImportPage() {
  const { t } = useI18n();
  const { communityId = '' } = useParams();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [running, setRunning] = useState(false);
  const [finished, setFinished] = useState(false);
  const step = finished ? 3 : running ? 2 : preview ? 1 : 0;
  const markFinished = useCallback(() => setFinished(true), []);
  // An upload checked but not imported is abandoned when another file is chosen or the page is
  // left, so the roster does not wait on the server (the server sweeps what a closed tab leaves).
  const unimported = useRef<string | null>(null);
  useEffect(() => {
    unimported.current = preview && !running ? preview.id : null;
  }, [preview, running]);
  const abandon = useCallback(() => {
    const id = unimported.current;
    unimported.current = null;
    if (id) api('DELETE', `${communityBase(communityId)}/registry/imports/${encodeURIComponent(id)}`).catch(() => undefined);
  }, [communityId]);
  useEffect(() => abandon, [abandon]);
  const restart = () => {
    abandon();
    setPreview(null);
    setRunning(false);
    setFinished(false);
  };

  return (
    <>
      <div className="linli-page-header">
        <Space orientation="vertical" size={4}>
          <Link to={`/c/${communityId}/residents`}>
            <ArrowLeftOutlined /> {t(text.backToList)}
          </Link>
          <Typography.Title level={3}>{t(text.importTitle)}</Typography.Title>
        </Space>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Steps current={step} items={[{ title: t(text.stepUpload) }, { title: t(text.stepPreview) }, { title: t(text.stepRun) }]} />
      </Card>
      {step === 0 && <UploadStep communityId={communityId} onPreview={setPreview} />}
      {step === 1 && preview && (
        <PreviewStep communityId={communityId} preview={preview} onPreview={setPreview} onStarted={() => setRunning(true)} onRestart={restart} />
      )}
      {step >= 2 && preview && <RunStep communityId={communityId} importId={preview.id} onFinished={markFinished} onRestart={restart} />}
    </>
  );
}
