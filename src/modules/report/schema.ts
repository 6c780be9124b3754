import { z } from 'zod';
import { isoDate } from '../../core/http/period';

/** Shapes of the work report (工作汇报) API, shared by the server and the web pages. */

const date = isoDate;
export const MessageSchema = z.object({ zh: z.string(), en: z.string() });

export const FigureSchema = z.object({
  key: z.string(),
  label: MessageSchema,
  value: z.union([z.number(), z.string()]).nullable(),
  unit: MessageSchema.optional(),
  link: z.string().optional(),
});
export const HighlightSchema = z.object({
  key: z.string(),
  text: MessageSchema,
  date: z.string().optional(),
  link: z.string().optional(),
});
export const SectionSchema = z.object({
  module: z.string(),
  title: MessageSchema,
  figures: z.array(FigureSchema),
  highlights: z.array(HighlightSchema),
  /** the module's section could not be computed (shown as such, never as zeros) */
  failed: z.boolean().optional(),
});
export const ChapterSchema = z.object({
  key: z.string(),
  /** 1, 2, … for 一、二、…; 0 for the opening 概况 */
  number: z.number(),
  title: MessageSchema,
  sections: z.array(SectionSchema),
});
export const ProfileFactsSchema = z.object({
  communityName: z.string(),
  subDistrictName: z.string(),
  address: z.string(),
  landArea: z.number().nullable(),
  floorArea: z.number().nullable(),
  movedInYear: z.number().nullable(),
  greeningCoverage: z.number().nullable(),
  introduction: z.string().nullable(),
});
/** What the records say for one community and period: the figures snapshot a report keeps. */
export const CompositionSchema = z.object({
  communityId: z.string(),
  from: date,
  to: date,
  composedAt: z.string(),
  profile: ProfileFactsSchema,
  chapters: z.array(ChapterSchema),
});

/** The secretary's words around the figures: an opening, one paragraph per chapter, a closing. */
export const NarrativeSchema = z.object({
  intro: z.string().max(20_000),
  chapters: z.record(z.string(), z.string().max(20_000)),
  closing: z.string().max(20_000),
});
/** A notable record reworded or left out by the editor, by `<module>.<key>`. */
export const HighlightEditsSchema = z.record(z.string(), z.object({ text: z.string().max(2000).optional(), hidden: z.boolean().optional() }));

export const REPORT_STATUSES = ['draft', 'signed'] as const;
export const WorkReportSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  title: z.string(),
  from: date,
  to: date,
  status: z.enum(REPORT_STATUSES),
  composition: CompositionSchema,
  narrative: NarrativeSchema,
  highlightEdits: HighlightEditsSchema,
  refreshedAt: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  signedByName: z.string().nullable(),
  signedAt: z.string().nullable(),
});
export const WorkReportRowSchema = WorkReportSchema.pick({ id: true, title: true, from: true, to: true, status: true, refreshedAt: true, createdByName: true, createdAt: true, signedByName: true, signedAt: true });
export const WorkReportPageSchema = z.object({ items: z.array(WorkReportRowSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const PeriodQuery = z.object({ from: date, to: date });
export const CreateReportBody = z.object({ from: date, to: date, title: z.string().trim().min(1).max(100).optional() });
export const SaveReportBody = z.object({
  title: z.string().trim().min(1).max(100),
  narrative: NarrativeSchema,
  highlightEdits: HighlightEditsSchema,
});

/** One figure over time, for the dashboard: month by month this year and last, and year by year. */
export const SeriesSchema = z.object({
  figure: FigureSchema.omit({ value: true }).extend({ module: z.string() }),
  year: z.number(),
  months: z.object({ thisYear: z.array(z.number().nullable()), lastYear: z.array(z.number().nullable()) }),
  /** the page listing each month's records, as the module links that period (null: no page, or a sub-district's sum) */
  monthLinks: z.object({ thisYear: z.array(z.string().nullable()), lastYear: z.array(z.string().nullable()) }),
  years: z.array(z.object({ year: z.number(), value: z.number().nullable(), link: z.string().nullable() })),
});
export const SeriesQuery = z.object({ figure: z.string().min(3).max(200), year: z.coerce.number().int().min(2000).max(2100) });

/** The key figures the dashboard charts, each with its latest value for the chosen year. */
export const DashboardSchema = z.object({
  year: z.number(),
  from: date,
  to: date,
  figures: z.array(FigureSchema.extend({ module: z.string(), chapter: MessageSchema })),
});
export const DashboardQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** The sub-district roll-up: a comparison table and each community's chapters. */
export const RollupSchema = z.object({
  subDistrictId: z.string(),
  subDistrictName: z.string(),
  from: date,
  to: date,
  columns: z.array(FigureSchema.omit({ value: true, link: true }).extend({ id: z.string() })),
  rows: z.array(z.object({ communityId: z.string(), communityName: z.string(), values: z.record(z.string(), z.union([z.number(), z.string()]).nullable()), signedReportId: z.string().nullable() })),
  communities: z.array(
    z.object({
      communityId: z.string(),
      communityName: z.string(),
      signed: z.object({ reportId: z.string(), signedByName: z.string().nullable(), signedAt: z.string().nullable() }).nullable(),
      composition: CompositionSchema,
      /** the signed report's words, or the draft words made from the figures */
      narrative: NarrativeSchema,
      highlightEdits: HighlightEditsSchema,
    }),
  ),
});
/** `month` (1–12) narrows the comparison to that month of the year against the same month of the year before. */
export const CompareQuery = z.object({ figure: z.string().min(3).max(200), year: z.coerce.number().int().min(2000).max(2100), month: z.coerce.number().int().min(1).max(12).optional() });
export const CompareSchema = z.object({
  figure: FigureSchema.omit({ value: true }).extend({ module: z.string() }),
  year: z.number(),
  month: z.number().optional(),
  communities: z.array(z.object({ communityId: z.string(), communityName: z.string(), thisYear: z.number().nullable(), lastYear: z.number().nullable(), link: z.string().nullable() })),
});

export type Figure = z.infer<typeof FigureSchema>;
export type Highlight = z.infer<typeof HighlightSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Chapter = z.infer<typeof ChapterSchema>;
export type Composition = z.infer<typeof CompositionSchema>;
export type Narrative = z.infer<typeof NarrativeSchema>;
export type HighlightEdits = z.infer<typeof HighlightEditsSchema>;
export type WorkReport = z.infer<typeof WorkReportSchema>;
export type WorkReportRow = z.infer<typeof WorkReportRowSchema>;
export type Series = z.infer<typeof SeriesSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;
export type Rollup = z.infer<typeof RollupSchema>;
export type Compare = z.infer<typeof CompareSchema>;
