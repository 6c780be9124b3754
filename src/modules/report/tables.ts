/** 工作汇报 — a stored report: the figures snapshot, the secretary's words, and who signed it when. */
export interface WorkReportTable {
  community_id: string;
  id: string;
  title: string;
  period_from: string;
  period_to: string;
  /** draft | signed; a signed report is never changed again */
  status: string;
  /** the Composition: every module's figures and notable records as they were at the last refresh */
  snapshot_json: string;
  narrative_json: string;
  highlight_edits_json: string;
  refreshed_at: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
  signed_by: string | null;
  signed_by_name: string | null;
  signed_at: string | null;
}

declare module '../../core/db/schema' {
  interface Database {
    work_report: WorkReportTable;
  }
}
