import { z } from 'zod';
import { ROSTER_FIELDS, type RosterRecord } from './types';

/** The import API's shapes, shared by the server (validation, OpenAPI) and the import page. */
const Message = z.object({ zh: z.string(), en: z.string() });
export const Mapping = z.partialRecord(z.enum(ROSTER_FIELDS), z.number().int().min(0).max(200));

const Issue = z.object({ row: z.number(), column: z.string().nullable(), field: z.enum(ROSTER_FIELDS).nullable(), code: z.string(), message: Message, severity: z.enum(['error', 'warning']) });
export const ImportPreviewSchema = z.object({
  id: z.string(),
  filename: z.string(),
  headers: z.array(z.string()),
  headerRow: z.number(),
  mapping: Mapping,
  unmappedHeaders: z.array(z.string()),
  rows: z.number(),
  valid: z.number(),
  errors: z.number(),
  warnings: z.number(),
  duplicatesInRegistry: z.number(),
  createPlaces: z.boolean(),
  newPlaces: z.object({ compounds: z.array(z.string()), buildings: z.array(z.string()), entrances: z.array(z.string()), dwellings: z.number() }),
  /** the first issues (jobs.ts MAX_KEPT_ISSUES), in row order */
  issues: z.array(Issue),
  /** every issue the dry run found: the page says how many more there are */
  issuesTotal: z.number(),
  sample: z.array(z.record(z.string(), z.unknown())),
});
export const JobSchema = z.object({
  id: z.string(),
  status: z.enum(['previewed', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number(), total: z.number() }),
  result: z.object({ rows: z.number(), imported: z.number(), updated: z.number(), skipped: z.number(), errors: z.number() }).nullable(),
  error: z.string().nullable(),
});

/** A dry run as the page reads it (the sample rows are roster records). */
export type ImportPreview = Omit<z.infer<typeof ImportPreviewSchema>, 'sample'> & { sample: RosterRecord[] };
export type ImportStatus = Omit<z.infer<typeof JobSchema>, 'id'>;
