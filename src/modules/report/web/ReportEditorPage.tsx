import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, FileWordOutlined, PrinterOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { LoadError } from '../../../web/pages/ResultPages.tsx';
import { canInCommunity, useCurrentCommunity } from '../../../web/session.ts';
import { reportBase, reportKeys, useReport, type HighlightEdits, type Narrative, type WorkReport } from './api.ts';
import { chinaTime, chineseNumber } from './format.ts';
import { FigureGrid, Highlights, profileFigures } from './ReportView.tsx';
import { StatusTag } from './ReportsPage.tsx';
import { text } from './text.ts';

interface Words {
  title: string;
  narrative: Narrative;
  highlightEdits: HighlightEdits;
}
const wordsOf = (r: WorkReport): Words => ({ title: r.title, narrative: r.narrative, highlightEdits: r.highlightEdits });

/** /c/:communityId/reports/:id — the secretary writes around the figures, refreshes them, signs. */
export function ReportEditorPage() {
  const { t, lang } = useI18n();
  const { communityId = '', id = '' } = useParams();
  const community = useCurrentCommunity();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const report = useReport(communityId, id);
  const [words, setWords] = useState<Words | null>(null);
  const [dirty, setDirty] = useState(false);
  const r = report.data;

  useEffect(() => {
    if (r && !dirty) setWords(wordsOf(r));
  }, [r, dirty]);

  const after = (x: WorkReport) => {
    queryClient.setQueryData(reportKeys.one(communityId, x.id), x);
    void queryClient.invalidateQueries({ queryKey: reportKeys.list(communityId) });
  };
  const save = useMutation({
    mutationFn: (w: Words) => api<WorkReport>('PUT', `${reportBase(communityId)}/reports/${encodeURIComponent(id)}`, w),
    onSuccess: (x) => {
      setDirty(false);
      after(x);
      message.success(t(text.saved));
    },
    onError: (e) => message.error(e.message),
  });
  const refresh = useMutation({
    mutationFn: async () => {
      // the words first, so a refresh never loses what was typed
      if (dirty && words) await api<WorkReport>('PUT', `${reportBase(communityId)}/reports/${encodeURIComponent(id)}`, words);
      return api<WorkReport>('POST', `${reportBase(communityId)}/reports/${encodeURIComponent(id)}/refresh`);
    },
    onSuccess: (x) => {
      setDirty(false);
      after(x);
      message.success(t(text.refreshed));
    },
    onError: (e) => message.error(e.message),
  });
  const sign = useMutation({
    mutationFn: async () => {
      if (dirty && words) await api<WorkReport>('PUT', `${reportBase(communityId)}/reports/${encodeURIComponent(id)}`, words);
      return api<WorkReport>('POST', `${reportBase(communityId)}/reports/${encodeURIComponent(id)}/sign`);
    },
    onSuccess: (x) => {
      setDirty(false);
      after(x);
      message.success(t(text.signedOk));
    },
    onError: (e) => message.error(e.message),
  });

  if (report.error) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  if (!r || !words) return <Skeleton active paragraph={{ rows: 12 }} />;

  const editable = r.status === 'draft' && canInCommunity(community, 'report.write');
  const canSign = r.status === 'draft' && canInCommunity(community, 'report.sign');
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  const change = (w: Partial<Words>) => {
    setWords({ ...words, ...w });
    setDirty(true);
  };
  const setChapter = (key: string, v: string) => change({ narrative: { ...words.narrative, chapters: { ...words.narrative.chapters, [key]: v } } });
  const editHighlight = (key: string, c: { text?: string; hidden?: boolean }) => change({ highlightEdits: { ...words.highlightEdits, [key]: { ...words.highlightEdits[key], ...c } } });
  const area = (value: string, onChange: (v: string) => void, testId: string) =>
    editable ? (
      <Input.TextArea value={value} onChange={(e) => onChange(e.target.value)} autoSize={{ minRows: 3, maxRows: 16 }} placeholder={t(text.wordsPlaceholder)} className="report-textarea" data-testid={testId} maxLength={20_000} />
    ) : (
      <div className="report-words" data-testid={testId}>
        {value.split(/\n+/).filter(Boolean).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    );

  return (
    <div className="report-editor">
      <div className="linli-page-header">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Link to={`/c/${communityId}/reports`}>
            <ArrowLeftOutlined /> {t(text.back)}
          </Link>
          {editable ? (
            <Input value={words.title} onChange={(e) => change({ title: e.target.value })} size="large" maxLength={100} className="report-title-input" aria-label={t(text.reportTitle)} />
          ) : (
            <Typography.Title level={3}>{r.title}</Typography.Title>
          )}
          <Space wrap>
            <StatusTag status={r.status} />
            <Typography.Text type="secondary" className="linli-mono">
              {r.from} — {r.to}
            </Typography.Text>
          </Space>
        </div>
        <Space wrap className="report-actions">
          {editable && (
            <Button size="large" icon={<ReloadOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()}>
              {t(text.refresh)}
            </Button>
          )}
          {editable && (
            <Button size="large" type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!dirty || !words.title.trim()} onClick={() => save.mutate(words)}>
              {t(text.save)}
            </Button>
          )}
          {canSign && (
            <Button
              size="large"
              icon={<CheckCircleOutlined />}
              loading={sign.isPending}
              onClick={() => modal.confirm({ title: t(text.sign), content: t(text.signConfirm), okText: t(text.sign), onOk: () => sign.mutateAsync() })}
            >
              {t(text.sign)}
            </Button>
          )}
          <Button size="large" icon={<FileWordOutlined />} href={`${reportBase(communityId)}/reports/${encodeURIComponent(id)}/report.docx`} disabled={dirty}>
            {t(text.exportWord)}
          </Button>
          <Link to={`/c/${communityId}/reports/${id}/print`}>
            <Button size="large" icon={<PrinterOutlined />} disabled={dirty}>
              {t(text.print)}
            </Button>
          </Link>
        </Space>
      </div>

      {r.status === 'signed' ? (
        <Alert type="success" showIcon title={t(text.signedBanner, { name: r.signedByName ?? '', at: chinaTime(r.signedAt ?? '') })} style={{ marginBottom: 16 }} />
      ) : (
        <Alert type={dirty ? 'warning' : 'info'} showIcon title={dirty ? t(text.unsaved) : t(text.draftBanner, { at: chinaTime(r.refreshedAt) })} style={{ marginBottom: 16 }} />
      )}

      <Card title={t(text.intro)} className="report-card">
        {area(words.narrative.intro, (v) => change({ narrative: { ...words.narrative, intro: v } }), 'report-intro')}
        <Typography.Title level={5} className="report-sub">
          {t(text.basics)}
        </Typography.Title>
        <FigureGrid communityId={communityId} figures={profileFigures(r.composition, lang)} testId="report-profile-figures" />
      </Card>

      {r.composition.chapters
        .filter((ch) => ch.number > 0)
        .map((ch) => (
          <Card key={ch.key} className="report-card" title={`${chineseNumber(ch.number)}、${pick(ch.title)}`} data-testid={`report-chapter-${ch.key}`}>
            {area(words.narrative.chapters[ch.key] ?? '', (v) => setChapter(ch.key, v), `report-words-${ch.key}`)}
            {ch.sections.map((s, i) => (
              <div key={s.module} className="report-section">
                <Typography.Title level={5} className="report-sub">
                  （{chineseNumber(i + 1)}）{pick(s.title)}
                </Typography.Title>
                {s.failed ? <Alert type="warning" showIcon title={t(text.failed)} /> : <FigureGrid communityId={communityId} figures={s.figures} testId={`report-figures-${s.module}`} />}
                <Highlights section={s} edits={words.highlightEdits} onEdit={editable ? editHighlight : undefined} />
              </div>
            ))}
          </Card>
        ))}

      <Card title={t(text.closing)} className="report-card">
        {area(words.narrative.closing, (v) => change({ narrative: { ...words.narrative, closing: v } }), 'report-closing')}
        <div className="report-signature">
          <div>{t(text.committee, { name: r.composition.profile.communityName })}</div>
          <div>{r.signedAt ? chinaTime(r.signedAt).slice(0, 10) : r.to}</div>
          <div>{r.status === 'signed' ? t(text.signer, { name: r.signedByName ?? '' }) : t(text.notSigned)}</div>
        </div>
      </Card>
    </div>
  );
}
