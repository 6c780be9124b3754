/** The re-employment module's tables, added to the core's Database type. */

/** 零就业家庭 — a household certified as zero-employment, tracked until a member is placed. */
export interface ZeroEmploymentHouseholdTable {
  community_id: string;
  id: string;
  household_id: string;
  identified_on: string;
  /** 季度内消除: three months after identification */
  deadline: string;
  cleared_on: string | null;
  cleared_case_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}
/** 再就业帮扶 — an unemployed resident who wants work, helped until placed. */
export interface EmploymentCaseTable {
  community_id: string;
  id: string;
  resident_id: string;
  household_id: string;
  registered_on: string;
  skills: string | null;
  wishes: string | null;
  barriers: string | null;
  notes: string | null;
  status: string;
  closed_on: string | null;
  close_reason: string | null;
  zero_household_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
/** one step of a case: training, referral, interview, placement, follow-up */
export interface EmploymentActionTable {
  community_id: string;
  id: string;
  case_id: string;
  kind: string;
  date: string;
  employer: string | null;
  post: string | null;
  course: string | null;
  provider: string | null;
  placement_kind: string | null;
  result: string | null;
  stage: number | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

declare module '../../core/db/schema' {
  interface Database {
    zero_employment_household: ZeroEmploymentHouseholdTable;
    employment_case: EmploymentCaseTable;
    employment_action: EmploymentActionTable;
  }
}
