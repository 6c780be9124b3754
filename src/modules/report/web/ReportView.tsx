import { Button, Descriptions, Table, Typography, type TableColumnsType } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { recordsPath, type Composition, type Figure, type HighlightEdits, type Narrative, type Section } from './api.ts';
import { areaText, chineseNumber, figureText } from './format.ts';
import { text } from './text.ts';

/** A section's figures: label, value, and the page of the records behind it. */
export function FigureTable({ communityId, figures, testId }: { communityId: string; figures: Figure[]; testId?: string }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<Figure> = [
    { title: t(text.figure), key: 'label', render: (_, f) => (lang === 'en' ? f.label.en : f.label.zh) },
    { title: t(text.value), key: 'value', align: 'right', width: 140, render: (_, f) => <span className="report-value">{figureText(f, lang)}</span> },
    {
      title: t(text.records),
      key: 'link',
      width: 110,
      className: 'report-noprint',
      render: (_, f) =>
        f.link ? (
          <Link to={recordsPath(communityId, f.link)}>
            {t(text.records)} <RightOutlined />
          </Link>
        ) : null,
    },
  ];
  return <Table size="small" rowKey="key" pagination={false} columns={columns} dataSource={figures} className="report-figures" data-testid={testId} />;
}

/** A section's figures as a compact grid for the screen (the print view keeps the table): each number opens its records. */
export function FigureGrid({ communityId, figures, testId }: { communityId: string; figures: Figure[]; testId?: string }) {
  const { lang } = useI18n();
  return (
    <Descriptions
      bordered
      size="small"
      className="report-grid"
      data-testid={testId}
      column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }}
      items={figures.map((f) => ({
        key: f.key,
        label: lang === 'en' ? f.label.en : f.label.zh,
        children: f.link ? (
          <Link to={recordsPath(communityId, f.link)} className="report-value">
            {figureText(f, lang)}
          </Link>
        ) : (
          <span className="report-value">{figureText(f, lang)}</span>
        ),
      }))}
    />
  );
}

/** The notable records the module picked, as the report will print them; in the editor each can be reworded or left out. */
export function Highlights({
  section,
  edits,
  onEdit,
}: {
  section: Section;
  edits: HighlightEdits;
  onEdit?: (key: string, change: { text?: string; hidden?: boolean }) => void;
}) {
  const { t, lang } = useI18n();
  if (section.highlights.length === 0) return null;
  return (
    <div className="report-highlights">
      <Typography.Text strong>{t(text.highlights)}</Typography.Text>
      <ol>
        {section.highlights.map((h) => {
          const id = `${section.module}.${h.key}`;
          const e = edits[id] ?? {};
          const shown = e.text?.trim() || (lang === 'en' ? h.text.en : h.text.zh);
          if (!onEdit && e.hidden) return null;
          return (
            <li key={id} className={e.hidden ? 'report-hidden' : undefined}>
              {onEdit ? (
                <Typography.Paragraph editable={e.hidden ? false : { onChange: (v) => onEdit(id, { text: v }), triggerType: ['text', 'icon'] }} style={{ marginBottom: 0, display: 'inline' }}>
                  {shown}
                </Typography.Paragraph>
              ) : (
                shown
              )}
              {h.date && <Typography.Text type="secondary"> （{h.date}）</Typography.Text>}
              {onEdit && (
                <Button type="link" size="small" icon={e.hidden ? <EyeOutlined /> : <EyeInvisibleOutlined />} onClick={() => onEdit(id, { hidden: !e.hidden })}>
                  {t(e.hidden ? text.show : text.hide)}
                </Button>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The opening's facts: areas, moved-in year, and the registry's figures. */
export function profileFigures(c: Composition, lang: 'zh-CN' | 'en'): Figure[] {
  const p = c.profile;
  const out: Figure[] = [];
  if (p.landArea !== null) out.push({ key: 'landArea', label: text.landArea, value: areaText(p.landArea, lang) });
  if (p.floorArea !== null) out.push({ key: 'floorArea', label: text.floorArea, value: areaText(p.floorArea, lang) });
  if (p.movedInYear !== null) out.push({ key: 'movedIn', label: text.movedIn, value: String(p.movedInYear) });
  for (const ch of c.chapters.filter((x) => x.number === 0)) for (const s of ch.sections) out.push(...s.figures.map((f) => ({ ...f, key: `${s.module}.${f.key}` })));
  return out;
}

function Paragraphs({ value }: { value: string }) {
  return (
    <>
      {value
        .split(/\n+/)
        .map((x) => x.trim())
        .filter(Boolean)
        .map((x, i) => (
          <p key={i} className="report-para">
            {x}
          </p>
        ))}
    </>
  );
}

/** A report as it reads (`compact`: figures as a grid, for the screen): the opening, the numbered chapters with their figures and notable records, the closing. */
export function ReportBody({ communityId, composition, narrative, edits, compact = false }: { communityId: string; composition: Composition; narrative: Narrative; edits: HighlightEdits; compact?: boolean }) {
  const Figures = compact ? FigureGrid : FigureTable;
  const { t, lang } = useI18n();
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  return (
    <div className="report-body">
      <Paragraphs value={narrative.intro} />
      <h3 className="report-h3">{t(text.basics)}</h3>
      <Figures communityId={communityId} figures={profileFigures(composition, lang)} />
      {composition.chapters
        .filter((ch) => ch.number > 0)
        .map((ch) => (
          <section key={ch.key} className="report-chapter">
            <h2 className="report-h2">
              {chineseNumber(ch.number)}、{pick(ch.title)}
            </h2>
            <Paragraphs value={narrative.chapters[ch.key] ?? ''} />
            {ch.sections.map((s, i) => (
              <div key={s.module} className="report-section">
                <h3 className="report-h3">
                  （{chineseNumber(i + 1)}）{pick(s.title)}
                </h3>
                {s.failed ? <Typography.Text type="warning">{t(text.failed)}</Typography.Text> : <Figures communityId={communityId} figures={s.figures} />}
                <Highlights section={s} edits={edits} />
              </div>
            ))}
          </section>
        ))}
      {narrative.closing.trim() && <Paragraphs value={narrative.closing} />}
    </div>
  );
}
