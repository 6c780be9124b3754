/** The holiday-visits module's tables, added to the core's Database type. */

/** 走访慰问计划 — visits for an occasion over a saved list of the registry. */
export interface VisitPlanTable {
  community_id: string;
  id: string;
  occasion: string;
  year: number;
  title: string;
  saved_list_id: string | null;
  list_name: string;
  per_household: number;
  /** 1: drawn from a list built on a sensitive tag, seen only with registry.sensitive */
  sensitive: number;
  planned_from: string;
  planned_to: string;
  money: number;
  gifts: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
/** someone to visit under a plan, and who is to go */
export interface VisitTargetTable {
  community_id: string;
  id: string;
  plan_id: string;
  resident_id: string;
  household_id: string;
  name: string;
  address: string;
  assignee_user_id: string | null;
  assignee_name: string | null;
  sort: number;
  created_at: string;
}
/** 走访记录 — the visit made: when, who went, money and gifts given */
export interface VisitRecordTable {
  community_id: string;
  id: string;
  plan_id: string;
  target_id: string;
  date: string;
  visitors: string;
  money: number;
  gifts: string | null;
  notes: string | null;
  photo_file: string | null;
  photo_type: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../core/db/schema' {
  interface Database {
    visit_plan: VisitPlanTable;
    visit_target: VisitTargetTable;
    visit_record: VisitRecordTable;
  }
}
