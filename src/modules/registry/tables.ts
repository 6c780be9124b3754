import type { Generated } from 'kysely';
/** The registry's tables, added to the core's Database type. */
export interface GridTable {
  community_id: string;
  id: string;
  name: string;
  created_at: string;
}
export interface CompoundTable {
  community_id: string;
  id: string;
  name: string;
  kind: string;
  property_company: string | null;
  sort: number;
  created_at: string;
}
export interface BuildingTable {
  community_id: string;
  id: string;
  compound_id: string;
  number: string;
  name: string;
  grid_id: string | null;
  floors: number | null;
  sort: number;
  created_at: string;
}
export interface EntranceTable {
  community_id: string;
  id: string;
  building_id: string;
  number: string;
  created_at: string;
}
export interface DwellingTable {
  community_id: string;
  id: string;
  compound_id: string;
  building_id: string | null;
  entrance_id: string | null;
  room: string;
  address: string | null;
  floor_area: number | null;
  created_at: string;
}
export interface HouseholdTable {
  community_id: string;
  id: string;
  dwelling_id: string;
  number: string | null;
  status: string;
  created_at: string;
  ended_at: string | null;
}
export interface ResidentTable {
  community_id: string;
  id: string;
  household_id: string;
  name: string;
  gender: string | null;
  birth_date: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_tail: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  phone2_enc: string | null;
  ethnicity: string | null;
  education: string | null;
  work_unit: string | null;
  political_status: string | null;
  registration_type: string;
  residence: string;
  employment_status: string | null;
  relation_to_head: string;
  moved_in_date: string | null;
  status: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
  /** where the dwelling stands in the roster (places.ts placeOrder); '' until set */
  place_order: Generated<string>;
}
export interface ResidentSearchTable {
  community_id: string;
  resident_id: string;
  key: string;
}
export interface CareTagTable {
  community_id: string;
  id: string;
  resident_id: string | null;
  household_id: string | null;
  tag: string;
  grade: string | null;
  start_date: string;
  end_date: string | null;
  note: string | null;
  created_at: string;
}
export interface LifeEventTable {
  community_id: string;
  id: string;
  resident_id: string | null;
  household_id: string | null;
  kind: string;
  date: string;
  details_json: string | null;
  created_by: string | null;
  created_at: string;
}
export interface BuildingAssignmentTable {
  community_id: string;
  building_id: string;
  user_id: string;
}
export interface SavedListTable {
  community_id: string;
  id: string;
  name: string;
  filters_json: string;
  created_by: string | null;
  created_at: string;
}

export interface ImportJobTable {
  community_id: string;
  id: string;
  filename: string;
  path: string;
  status: string;
  mapping_json: string | null;
  header_row: number | null;
  options_json: string | null;
  progress_done: number;
  progress_total: number;
  result_json: string | null;
  error: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The ids of the keys values were ever sealed under (`v1:<id>:…` in any table a module declares
 * `sealed`): the start-up check reads this short list instead of every sealed value.
 */
export interface DataKeyTable {
  id: string;
  recorded_at: string;
}

declare module '../../core/db/schema' {
  interface Database {
    data_key: DataKeyTable;
    grid: GridTable;
    compound: CompoundTable;
    building: BuildingTable;
    entrance: EntranceTable;
    dwelling: DwellingTable;
    household: HouseholdTable;
    resident: ResidentTable;
    resident_search: ResidentSearchTable;
    care_tag: CareTagTable;
    life_event: LifeEventTable;
    building_assignment: BuildingAssignmentTable;
    saved_list: SavedListTable;
    import_job: ImportJobTable;
  }
}
