import type { Message } from '../../../core/i18n';

/**
 * The fields a roster (花名册) column can map to. The parser maps headers to these automatically
 * from Chinese synonyms; the user can correct the mapping on screen.
 */
export const ROSTER_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'phone2',
  'ethnicity',
  'education',
  'workUnit',
  'politicalStatus',
  'registrationType',
  'residence',
  'employmentStatus',
  'relationToHead',
  'movedInDate',
  'notes',
  'tags',
  'compound',
  'building',
  'entrance',
  'room',
  'address',
  'householdNumber',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** column index (0-based, in the header row) for each mapped field */
export type RosterMapping = Partial<Record<RosterField, number>>;

/** One person as a roster row describes them, normalized (codes from vocab.ts, dates YYYY-MM-DD). */
export interface RosterRecord {
  /** the row number as the spreadsheet shows it (1-based, counting title rows) */
  row: number;
  name: string;
  gender: string | null;
  birthDate: string | null;
  /** normalized 18-character ID number */
  idNumber: string | null;
  phone: string | null;
  phone2: string | null;
  ethnicity: string | null;
  education: string | null;
  workUnit: string | null;
  politicalStatus: string | null;
  registrationType: string | null;
  residence: string | null;
  employmentStatus: string | null;
  relationToHead: string | null;
  movedInDate: string | null;
  notes: string | null;
  tags: { tag: string; grade: string | null }[];
  place: {
    compound: string | null;
    /** the building number as people say it: "3" for 3号楼 */
    building: string | null;
    entrance: string | null;
    room: string | null;
    /** a plain address (single-storey houses) when there is no building */
    address: string | null;
  };
  householdNumber: string | null;
}

export interface RowIssue {
  row: number;
  /** the column header as written in the file, or null for whole-row problems */
  column: string | null;
  field: RosterField | null;
  code: string;
  message: Message;
  severity: 'error' | 'warning';
}
