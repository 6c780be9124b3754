/** The donations module's tables, added to the core's Database type. */

/** 募捐活动 — a drive the committee opens (for a disaster area, a family in hardship …) and closes. */
export interface DonationDriveTable {
  community_id: string;
  id: string;
  title: string;
  purpose: string | null;
  start_date: string;
  end_date: string | null;
  /** open | closed — a closed drive takes no more gifts */
  status: string;
  created_at: string;
  updated_at: string;
}

/** 捐赠 — one gift to a drive: money (in fen, never a float) or goods, from a resident, a unit, or anonymous. */
export interface DonationGiftTable {
  community_id: string;
  id: string;
  drive_id: string;
  /** resident | unit | anonymous */
  donor_kind: string;
  resident_id: string | null;
  /** the resident's name as it was when given, or the unit's name; null for anonymous */
  donor_name: string | null;
  /** money | goods */
  kind: string;
  amount_fen: number | null;
  goods: string | null;
  quantity: number | null;
  unit: string | null;
  given_on: string;
  note: string | null;
  recorded_by: string | null;
  created_at: string;
}

declare module '../../core/db/schema' {
  interface Database {
    donation_drive: DonationDriveTable;
    donation_gift: DonationGiftTable;
  }
}
