import type SQLite from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type { CommunityTable, ScopedDb } from '../../../core/access';
import type { Database } from '../../../core/db/schema';
import '../tables';

/**
 * The columns the import writes, per table, in the order its rows give them; `community_id` is the
 * first value of every row.
 */
export const COLUMNS = {
  compound: ['id', 'name', 'kind', 'property_company', 'sort', 'created_at'],
  building: ['id', 'compound_id', 'number', 'name', 'grid_id', 'floors', 'sort', 'created_at'],
  entrance: ['id', 'building_id', 'number', 'created_at'],
  dwelling: ['id', 'compound_id', 'building_id', 'entrance_id', 'room', 'address', 'floor_area', 'created_at'],
  household: ['id', 'dwelling_id', 'number', 'status', 'created_at', 'ended_at'],
  resident: [
    'id',
    'household_id',
    'name',
    'gender',
    'birth_date',
    'id_number_enc',
    'id_number_hash',
    'id_number_tail',
    'phone_enc',
    'phone_hash',
    'phone_tail',
    'phone2_enc',
    'ethnicity',
    'education',
    'work_unit',
    'political_status',
    'registration_type',
    'residence',
    'employment_status',
    'relation_to_head',
    'moved_in_date',
    'status',
    'notes',
    'created_at',
    'updated_at',
    'place_order',
  ],
  resident_search: ['resident_id', 'key'],
  care_tag: ['id', 'resident_id', 'household_id', 'tag', 'grade', 'start_date', 'end_date', 'note', 'created_at'],
  life_event: ['id', 'resident_id', 'household_id', 'kind', 'date', 'details_json', 'created_by', 'created_at'],
} as const satisfies { [T in CommunityTable]?: readonly (keyof Database[T] & string)[] };

export type ImportTable = keyof typeof COLUMNS;
export type Row = unknown[];

export interface RowWriter {
  /** Writes rows (community_id first, then COLUMNS[table]) in the import's transaction. */
  write(table: ImportTable, rows: Row[]): Promise<void>;
  /** Writes search keys given as JSON, `[["resident id","key"], …]` (there are millions). */
  writeKeys(json: string): Promise<void>;
}

/**
 * On SQLite: one prepared single-row statement per table, run with positional values on the
 * connection that holds the import's transaction. (Multi-row statements measured slower: SQLite
 * then keeps a statement journal so that a failing row can undo the rows before it.) Search keys,
 * two short values each, are the exception: a statement per key costs more in the call than in
 * SQLite, so each batch goes in whole as JSON through jsonb_each (whose pairs come out in SQLite's
 * binary JSON: read without parsing their text again, a fifth quicker than json_each).
 */
export function sqliteWriter(handle: SQLite.Database, communityId: string): RowWriter {
  const statements = new Map<ImportTable, SQLite.Statement>();
  let keys: SQLite.Statement | undefined;
  const statement = (table: ImportTable) => {
    let st = statements.get(table);
    if (!st) {
      const cols = ['community_id', ...COLUMNS[table]];
      st = handle.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
      statements.set(table, st);
    }
    return st;
  };
  return {
    async write(table, rows) {
      if (rows.length === 0) return;
      const st = statement(table);
      for (const r of rows) st.run(r);
    },
    async writeKeys(json) {
      keys ??= handle.prepare('insert into resident_search (community_id, resident_id, key) select ?, value ->> 0, value ->> 1 from jsonb_each(?)');
      keys.run(communityId, json);
    },
  };
}

/** Elsewhere (PostgreSQL): multi-row inserts through the community-scoped database. */
export function scopedWriter(db: ScopedDb): RowWriter {
  const writer: RowWriter = {
    async writeKeys(json) {
      const pairs = JSON.parse(json) as [string, string][];
      await writer.write(
        'resident_search',
        pairs.map(([residentId, key]) => [db.communityId, residentId, key]),
      );
    },
    async write(table, rows) {
      if (rows.length === 0) return;
      const cols = COLUMNS[table];
      const objects = rows.map((r) => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < cols.length; i++) o[cols[i]] = r[i + 1];
        return o;
      });
      await db.insertMany(table, objects as Omit<Insertable<Database[typeof table]>, 'community_id'>[]);
    },
  };
  return writer;
}
