import { scopedDb } from '../../core/access';
import type { Db } from '../../core/db';
import type { LinliModule, ReportSection } from '../../core/module';
import { FALLBACK_LINKS, KEY_FIGURES, OUTLINE } from './outline';
import type { Chapter, Composition, Figure, Narrative, Section } from './schema';

/** What composing needs: the database (inside the request's transaction when it writes) and the module list. */
export interface ComposeDeps {
  db: Db;
  modules: LinliModule[];
}
export interface CommunityFacts {
  id: string;
  name: string;
  subDistrictName: string;
}

/** A figure as the report indexes it: `<module>.<key>` with the module and the chapter it sits in. */
export interface IndexedFigure extends Figure {
  id: string;
  module: string;
  chapter: Chapter['title'];
}

const reporting = (modules: LinliModule[]) => modules.filter((m) => m.reportSection && m.name !== 'report');

/** One module's section; a module that fails is marked failed rather than sinking the whole report. */
async function sectionOf(m: LinliModule, deps: ComposeDeps, communityId: string, from: string, to: string): Promise<Section> {
  let s: ReportSection;
  try {
    s = await m.reportSection!({ db: deps.db, communityId, from, to });
  } catch (err) {
    console.error(`report section of ${m.name} failed:`, err);
    return { module: m.name, title: m.label, figures: [], highlights: [], failed: true };
  }
  const fallback = FALLBACK_LINKS[m.name];
  return {
    module: m.name,
    title: s.title,
    figures: s.figures.map((f) => ({ ...f, ...(f.link ? {} : fallback ? { link: fallback } : {}) })),
    highlights: s.highlights ?? [],
  };
}

/**
 * The report of one community for a period, from the records: the profile, then each module's
 * section filed under the outline's chapters; modules the outline does not name come last.
 */
export async function composeReport(deps: ComposeDeps, community: CommunityFacts, from: string, to: string, now: Date): Promise<Composition> {
  const p = await scopedDb(deps.db.kysely, community.id).selectFrom('community_profile').selectAll().executeTakeFirst();
  const sections = new Map<string, Section>();
  for (const m of reporting(deps.modules)) sections.set(m.name, await sectionOf(m, deps, community.id, from, to));

  const chapters: Chapter[] = [];
  const placed = new Set<string>();
  let number = 0;
  for (const c of OUTLINE) {
    const here = c.modules.flatMap((name) => (sections.has(name) ? [sections.get(name)!] : []));
    here.forEach((s) => placed.add(s.module));
    if (c.numbered && here.length === 0) continue;
    chapters.push({ key: c.key, number: c.numbered ? ++number : 0, title: c.title, sections: here });
  }
  for (const s of sections.values()) {
    if (placed.has(s.module)) continue;
    chapters.push({ key: s.module, number: ++number, title: s.title, sections: [s] });
  }
  return {
    communityId: community.id,
    from,
    to,
    composedAt: now.toISOString(),
    profile: {
      communityName: community.name,
      subDistrictName: community.subDistrictName,
      address: p?.address ?? '',
      landArea: p?.land_area ?? null,
      floorArea: p?.floor_area ?? null,
      movedInYear: p?.moved_in_year ?? null,
      greeningCoverage: p?.greening_coverage ?? null,
      introduction: p?.introduction ?? null,
    },
    chapters,
  };
}

/** Every figure of a composition by `<module>.<key>`. */
export function figureIndex(c: Composition): Map<string, IndexedFigure> {
  const out = new Map<string, IndexedFigure>();
  for (const ch of c.chapters) for (const s of ch.sections) for (const f of s.figures) out.set(`${s.module}.${f.key}`, { ...f, id: `${s.module}.${f.key}`, module: s.module, chapter: ch.title });
  return out;
}

/** The figures the dashboard and the roll-up table show: the outline's key figures, then each other section's first two numbers. */
export function keyFigures(c: Composition): IndexedFigure[] {
  const all = figureIndex(c);
  const out: IndexedFigure[] = KEY_FIGURES.flatMap((id) => (all.has(id) ? [all.get(id)!] : []));
  const covered = new Set(out.map((f) => f.module));
  for (const ch of c.chapters) {
    for (const s of ch.sections) {
      if (covered.has(s.module)) continue;
      for (const f of s.figures.filter((x) => typeof x.value === 'number').slice(0, 2)) out.push(all.get(`${s.module}.${f.key}`)!);
    }
  }
  return out;
}

/** The value of one figure of one module for a period (null when the module or figure is missing, or not a number). */
export async function figureValue(deps: ComposeDeps, communityId: string, figureId: string, from: string, to: string): Promise<{ figure: Figure & { module: string }; value: number | null } | null> {
  const dot = figureId.indexOf('.');
  const moduleName = figureId.slice(0, dot);
  const key = figureId.slice(dot + 1);
  const m = reporting(deps.modules).find((x) => x.name === moduleName);
  if (!m) return null;
  const s = await sectionOf(m, deps, communityId, from, to);
  const f = s.figures.find((x) => x.key === key);
  if (!f) return null;
  return { figure: { ...f, module: moduleName }, value: typeof f.value === 'number' ? f.value : null };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of a month (1–12). */
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;

/** A period cut at today; null when it has not begun. */
function upTo(from: string, to: string, today: string): [string, string] | null {
  if (from > today) return null;
  return [from, to > today ? today : to];
}

/** A year as a period ending no later than today. */
export function yearPeriod(year: number, today: string): [string, string] {
  return upTo(`${year}-01-01`, `${year}-12-31`, today) ?? [`${year}-01-01`, `${year}-12-31`];
}

/** The period of one month (1–12), cut at today; null when it has not begun. */
export function monthPeriod(year: number, month: number, today: string): [string, string] | null {
  return upTo(`${year}-${pad(month)}-01`, monthEnd(year, month), today);
}

/** One period of a figure's series: its value, and the page listing that period's records when the module gives one. */
interface Point {
  value: number | null;
  link: string | null;
}

/**
 * A figure over time from a way of reading it for a period: each month of the year and of the year
 * before (months not begun are null), and each of the five years up to it. Each point keeps the link
 * its module gave for that period, so a click on March opens March's records.
 */
async function seriesOf(one: (from: string, to: string) => Promise<Point>, year: number, today: string) {
  const none: Point = { value: null, link: null };
  const months = async (y: number) => {
    const out: Point[] = [];
    for (let m = 1; m <= 12; m++) {
      const p = monthPeriod(y, m, today);
      out.push(p ? await one(...p) : none);
    }
    return out;
  };
  const years: { year: number; value: number | null; link: string | null }[] = [];
  for (let y = year - 4; y <= year; y++) {
    const p = upTo(`${y}-01-01`, `${y}-12-31`, today);
    years.push({ year: y, ...(p ? await one(...p) : none) });
  }
  const thisYear = await months(year);
  const lastYear = await months(year - 1);
  return {
    months: { thisYear: thisYear.map((x) => x.value), lastYear: lastYear.map((x) => x.value) },
    monthLinks: { thisYear: thisYear.map((x) => x.link), lastYear: lastYear.map((x) => x.link) },
    years,
  };
}

/**
 * One figure over time for the dashboard: each month of the year and of the year before (months not
 * begun are null), and each of the five years up to it. A stock figure (households) reads as the level at
 * each month's end; a flow (sessions held) as what happened in the month.
 */
export async function figureSeries(deps: ComposeDeps, communityId: string, figureId: string, year: number, today: string) {
  const first = await figureValue(deps, communityId, figureId, ...yearPeriod(year, today));
  if (!first) return null;
  const one = async (from: string, to: string): Promise<Point> => {
    const v = await figureValue(deps, communityId, figureId, from, to);
    return { value: v?.value ?? null, link: v?.figure.link ?? null };
  };
  const { value: _value, ...figure } = first.figure;
  return { figure, year, ...(await seriesOf(one, year, today)) };
}

/**
 * The same over several communities (a sub-district's): each period's value is the sum of the
 * communities' values, null only when none of them has a number. Only the module owning the figure
 * computes its section, once per community per period. Its points carry no link: a sub-district's
 * month opens its communities, each with its own.
 */
export async function figureSeriesSum(deps: ComposeDeps, communityIds: string[], figureId: string, year: number, today: string) {
  let first: Awaited<ReturnType<typeof figureValue>> = null;
  for (const c of communityIds) if ((first = await figureValue(deps, c, figureId, ...yearPeriod(year, today)))) break;
  if (!first) return null;
  const one = async (from: string, to: string): Promise<Point> => {
    let sum: number | null = null;
    for (const c of communityIds) {
      const v = (await figureValue(deps, c, figureId, from, to))?.value ?? null;
      if (v !== null) sum = (sum ?? 0) + v;
    }
    return { value: sum, link: null };
  };
  const { value: _value, ...figure } = first.figure;
  return { figure, year, ...(await seriesOf(one, year, today)) };
}

/** 2024-11-25 → 2024年11月25日 */
const dayText = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const num = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));
/** 37000 ㎡ → 3.7万平方米, as the seed writes areas */
export function areaText(m2: number): string {
  return m2 >= 10_000 ? `${num(m2 / 10_000)}万平方米` : `${num(m2)}平方米`;
}
/** A figure as a phrase: 总户数410户 */
export function figurePhrase(f: Figure): string {
  if (f.value === null) return `${f.label.zh}暂无数据`;
  return `${f.label.zh}${typeof f.value === 'number' ? num(f.value) : f.value}${f.unit?.zh ?? ''}`;
}

/**
 * The words a new draft starts with, made from its figures; the secretary rewrites them. Nothing
 * here is a figure of its own: every number in it is one of the snapshot's.
 */
export function draftNarrative(c: Composition): Narrative {
  const p = c.profile;
  const opening = c.chapters.find((x) => x.number === 0);
  const facts = [
    p.address ? `位于${p.address}` : '',
    p.landArea !== null ? `占地面积${areaText(p.landArea)}` : '',
    p.floorArea !== null ? `建筑面积${areaText(p.floorArea)}` : '',
    p.movedInYear !== null ? `${p.movedInYear}年入住` : '',
    ...(opening?.sections.flatMap((s) => s.figures.filter((f) => f.key === 'households' || f.key === 'residents').map(figurePhrase)) ?? []),
    p.greeningCoverage !== null ? `绿化覆盖率${num(p.greeningCoverage)}%` : '',
  ].filter(Boolean);
  const intro = `${p.communityName}${facts.join('，')}。${p.introduction ?? ''}`;
  const chapters: Record<string, string> = {};
  for (const ch of c.chapters) {
    if (ch.number === 0) continue;
    const phrases = ch.sections.flatMap((s) => s.figures.filter((f) => f.value !== null && f.value !== 0).slice(0, 8).map(figurePhrase));
    chapters[ch.key] = phrases.length ? `${dayText(c.from)}至${dayText(c.to)}，${phrases.join('，')}。` : '';
  }
  return { intro, chapters, closing: '' };
}
