import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  LevelSuffix,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IFontAttributesProperties,
} from 'docx';
import { areaText } from './compose';
import type { Chapter, Composition, Figure, HighlightEdits, Narrative, Rollup } from './schema';

/**
 * The work report as a Word document, set the way official documents are (GB/T 9704): A4, 仿宋 三号
 * body with a two-character first-line indent, 黑体 chapter headings numbered 一、二、, 楷体 section
 * headings （一）（二）, 宋体 title, tables of figures, and the page number centred in the footer as
 * “— 1 —”. Every run names the font for East Asian and Latin text alike, so Word, WPS and LibreOffice
 * agree on it.
 */

const font = (name: string): IFontAttributesProperties => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const SONG = font('宋体');
const FANG = font('仿宋');
const HEI = font('黑体');
const KAI = font('楷体');
/** sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 小五 9pt */
const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, xiaowu: 18 };

const CHAPTERS = 'linli-chapters';
const SECTIONS = 'linli-sections';
const ITEMS = 'linli-items';

export interface ReportDocInput {
  title: string;
  composition: Composition;
  narrative: Narrative;
  highlightEdits: HighlightEdits;
  signed: { name: string | null; at: string | null } | null;
}

const fmt = (v: Figure['value']) => (v === null ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100)) : v);
const chinaDay = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
const dayText = (isoDate: string) => `${Number(isoDate.slice(0, 4))}年${Number(isoDate.slice(5, 7))}月${Number(isoDate.slice(8, 10))}日`;
export const periodText = (from: string, to: string) => `${dayText(from)}至${dayText(to)}`;

function body(text: string): Paragraph[] {
  return text
    .split(/\n+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' }, children: [new TextRun({ text: t, font: FANG, size: SIZE.san })] }));
}

function cell(text: string, opts: { bold?: boolean; header?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; width?: number; size?: number } = {}): TableCell {
  return new TableCell({
    ...(opts.width ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, fill: 'E8E8E8', color: 'auto' } } : {}),
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: [new Paragraph({ alignment: opts.align ?? AlignmentType.LEFT, children: [new TextRun({ text, font: opts.header ? HEI : FANG, size: opts.size ?? SIZE.xiaosi, bold: opts.bold })] })],
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

function figureTable(figures: Figure[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: [cell('序号', { header: true, align: AlignmentType.CENTER, width: 10 }), cell('指标', { header: true, width: 60 }), cell('数值', { header: true, align: AlignmentType.RIGHT, width: 30 })] }),
      ...figures.map(
        (f, i) =>
          new TableRow({
            children: [cell(String(i + 1), { align: AlignmentType.CENTER }), cell(f.label.zh), cell(`${fmt(f.value)}${f.value === null ? '' : (f.unit?.zh ?? '')}`, { align: AlignmentType.RIGHT })],
          }),
      ),
    ],
  });
}

function heading1(text: string, instance: number): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    numbering: { reference: CHAPTERS, level: 0, instance },
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, font: HEI, size: SIZE.san })],
  });
}

/** One community's report body: 概况, then the numbered chapters. `instance` restarts the numbering. */
function communityBody(input: ReportDocInput, instance: number): (Paragraph | Table)[] {
  const c = input.composition;
  const out: (Paragraph | Table)[] = [];
  out.push(...body(input.narrative.intro));
  const facts: Figure[] = [
    ...(c.profile.landArea !== null ? [{ key: 'land', label: { zh: '占地面积', en: '' }, value: areaText(c.profile.landArea) }] : []),
    ...(c.profile.floorArea !== null ? [{ key: 'floor', label: { zh: '建筑面积', en: '' }, value: areaText(c.profile.floorArea) }] : []),
    ...(c.chapters.find((x) => x.number === 0)?.sections.flatMap((s) => s.figures) ?? []),
  ];
  if (facts.length) {
    out.push(new Paragraph({ spacing: { before: 120, after: 60 }, children: [new TextRun({ text: '社区基本情况', font: KAI, size: SIZE.si })] }));
    out.push(figureTable(facts));
  }
  let sectionInstance = instance * 100;
  for (const ch of c.chapters.filter((x) => x.number > 0)) out.push(...chapterBody(ch, input, instance, ++sectionInstance));
  if (input.narrative.closing.trim()) out.push(...body(input.narrative.closing));
  return out;
}

function chapterBody(ch: Chapter, input: ReportDocInput, instance: number, sectionInstance: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading1(ch.title.zh, instance)];
  out.push(...body(input.narrative.chapters[ch.key] ?? ''));
  for (const s of ch.sections) {
    out.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        numbering: { reference: SECTIONS, level: 0, instance: sectionInstance },
        spacing: { before: 160, after: 80 },
        children: [new TextRun({ text: s.title.zh, font: KAI, size: SIZE.san })],
      }),
    );
    if (s.failed) {
      out.push(...body('（本部分数据暂时无法计算，请稍后刷新。）'));
      continue;
    }
    if (s.figures.length) out.push(figureTable(s.figures));
    const shown = s.highlights.flatMap((h) => {
      const e = input.highlightEdits[`${s.module}.${h.key}`];
      if (e?.hidden) return [];
      return [e?.text?.trim() || h.text.zh];
    });
    if (shown.length) {
      out.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: '主要事项：', font: HEI, size: SIZE.si })] }));
      for (const t of shown) {
        out.push(
          new Paragraph({
            numbering: { reference: ITEMS, level: 0, instance: sectionInstance * 10 + ch.sections.indexOf(s) },
            spacing: { line: 480, lineRule: 'exact' },
            children: [new TextRun({ text: t, font: FANG, size: SIZE.san })],
          }),
        );
      }
    }
  }
  return out;
}

function title(text: string, sub: string): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, spacing: { after: 200 }, children: [new TextRun({ text, font: SONG, size: SIZE.er, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: sub, font: KAI, size: SIZE.san })] }),
  ];
}

function signature(lines: string[]): Paragraph[] {
  return lines.map(
    (t, i) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: i === 0 ? 480 : 0 }, indent: { right: 640 }, children: [new TextRun({ text: t, font: FANG, size: SIZE.san })] }),
  );
}

function document(parts: { children: (Paragraph | Table)[]; landscape?: boolean }[], docTitle: string): Document {
  const level = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string, indent?: { left: number; hanging: number }) => ({
    // 一、发挥…: chapter numbers run straight into the heading, as printed reports have them; list items keep a tab
    level: 0,
    format,
    text,
    suffix: indent ? LevelSuffix.TAB : LevelSuffix.NOTHING,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: indent ?? { left: 0, firstLine: 640 } } },
  });
  return new Document({
    creator: 'Linli 邻里',
    title: docTitle,
    styles: {
      default: {
        document: { run: { font: FANG, size: SIZE.san } },
        heading1: { run: { font: HEI, size: SIZE.san, bold: false, color: '000000' } },
        heading2: { run: { font: KAI, size: SIZE.san, bold: false, color: '000000' } },
        title: { run: { font: SONG, size: SIZE.er, bold: true, color: '000000' } },
      },
    },
    numbering: {
      config: [
        { reference: CHAPTERS, levels: [level(LevelFormat.CHINESE_COUNTING, '%1、')] },
        { reference: SECTIONS, levels: [level(LevelFormat.CHINESE_COUNTING, '（%1）')] },
        { reference: ITEMS, levels: [level(LevelFormat.DECIMAL, '%1.', { left: 1280, hanging: 640 })] },
      ],
    },
    sections: parts.map((part) => ({
      properties: {
        page: {
          // the roll-up's comparison table is wide: its pages lie landscape
          size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297), orientation: part.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: part.landscape
            ? { top: convertMillimetersToTwip(26), bottom: convertMillimetersToTwip(26), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(30) }
            : { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) },
        },
      },
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONG, size: SIZE.si })] })],
        }),
      },
      children: part.children,
    })),
  });
}

/** One community's report. */
export async function reportDocx(input: ReportDocInput): Promise<Buffer> {
  const c = input.composition;
  const children = [
    ...title(input.title, `${c.profile.subDistrictName}${c.profile.communityName} · ${periodText(c.from, c.to)}`),
    ...communityBody(input, 1),
    ...signature([
      `${c.profile.communityName}居委会`,
      input.signed?.at ? `${chinaDay(input.signed.at)}` : `${dayText(c.to)}`,
      ...(input.signed ? [`签发人：${input.signed.name ?? ''}`] : ['（草稿，未签发）']),
    ]),
  ];
  return Packer.toBuffer(document([{ children }], input.title));
}

/** The sub-district's roll-up: the comparison table, then each community's chapters. */
export async function rollupDocx(r: Rollup): Promise<Buffer> {
  const docTitle = `${r.subDistrictName}社区工作汇总`;
  const children: (Paragraph | Table)[] = [...title(docTitle, `${periodText(r.from, r.to)} · 共${r.rows.length}个社区`)];
  const chapters: (Paragraph | Table)[] = [];
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: '各社区主要指标对比', font: HEI, size: SIZE.san })] }));
  const w = Math.max(6, Math.floor(82 / Math.max(1, r.columns.length)));
  const small = (text: string, o: Parameters<typeof cell>[1] = {}) => cell(text, { ...o, size: SIZE.xiaowu });
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders,
      rows: [
        new TableRow({ tableHeader: true, children: [small('社区', { header: true, width: 18 }), ...r.columns.map((c) => small(`${c.label.zh}${c.unit?.zh ? `（${c.unit.zh}）` : ''}`, { header: true, align: AlignmentType.CENTER, width: w }))] }),
        ...r.rows.map((row) => new TableRow({ children: [small(row.communityName), ...r.columns.map((c) => small(fmt(row.values[c.id] ?? null), { align: AlignmentType.RIGHT }))] })),
        new TableRow({
          children: [
            small('合计', { bold: true }),
            ...r.columns.map((c) => {
              const nums = r.rows.map((row) => row.values[c.id]).filter((v): v is number => typeof v === 'number');
              return small(c.unit?.zh === '%' || nums.length === 0 ? '—' : fmt(nums.reduce((a, b) => a + b, 0)), { align: AlignmentType.RIGHT, bold: true });
            }),
          ],
        }),
      ],
    }),
  );
  r.communities.forEach((c, i) => {
    chapters.push(new Paragraph({ pageBreakBefore: i > 0, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: c.communityName, font: SONG, size: SIZE.er, bold: true })] }));
    if (c.signed) chapters.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `已签发 · ${c.signed.signedByName ?? ''} · ${c.signed.signedAt ? chinaDay(c.signed.signedAt) : ''}`, font: KAI, size: SIZE.si })] }));
    chapters.push(...communityBody({ title: c.communityName, composition: c.composition, narrative: c.narrative, highlightEdits: c.highlightEdits, signed: null }, i + 2));
  });
  return Packer.toBuffer(document([{ children, landscape: true }, ...(chapters.length ? [{ children: chapters }] : [])], docTitle));
}
