import type { LinliMigration } from '../../../core/db/migrate';
import { sql } from 'kysely';
import { colTypes } from '../../../core/db';
import { fillPlaceOrders } from '../places';

/**
 * The registry's tables. Every one leads its primary key and indexes with community_id, and points
 * at its parents through (community_id, id) so a row can never hang under another community.
 */
export const migrations: LinliMigration[] = [
  {
    name: '20261125_20_registry',
    async up(db, dialect) {
      const t = colTypes(dialect);
      const ref = (table: string, col: string) =>
        db.schema.createIndex(`${table}_${col}_ix`).on(table).columns(['community_id', col]);

      await db.schema
        .createTable('grid')
        .addColumn('community_id', 'text', (c) => c.notNull().references('community.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('grid_pk', ['community_id', 'id'])
        .execute();

      await db.schema
        .createTable('compound')
        .addColumn('community_id', 'text', (c) => c.notNull().references('community.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        /** compound = 小区; street = 街巷平房 (single-storey houses with plain addresses) */
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('compound'))
        .addColumn('property_company', 'text')
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('compound_pk', ['community_id', 'id'])
        .addUniqueConstraint('compound_name_uq', ['community_id', 'name'])
        .execute();

      await db.schema
        .createTable('building')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('compound_id', 'text', (c) => c.notNull())
        /** the number as people say it: "3" for 3号楼 */
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('grid_id', 'text')
        .addColumn('floors', 'integer')
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('building_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('building_compound_fk', ['community_id', 'compound_id'], 'compound', ['community_id', 'id'])
        .addUniqueConstraint('building_number_uq', ['community_id', 'compound_id', 'number'])
        .execute();

      await db.schema
        .createTable('entrance')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('building_id', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('entrance_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('entrance_building_fk', ['community_id', 'building_id'], 'building', ['community_id', 'id'])
        .addUniqueConstraint('entrance_number_uq', ['community_id', 'building_id', 'number'])
        .execute();

      await db.schema
        .createTable('dwelling')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('compound_id', 'text', (c) => c.notNull())
        .addColumn('building_id', 'text')
        .addColumn('entrance_id', 'text')
        /** 门牌号 / 房号: "401" */
        .addColumn('room', 'text', (c) => c.notNull())
        /** the plain address of a single-storey house, or a note */
        .addColumn('address', 'text')
        .addColumn('floor_area', t.float)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dwelling_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('dwelling_compound_fk', ['community_id', 'compound_id'], 'compound', ['community_id', 'id'])
        .execute();
      await db.schema.createIndex('dwelling_place_ix').on('dwelling').columns(['community_id', 'building_id', 'entrance_id', 'room']).execute();

      await db.schema
        .createTable('household')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('dwelling_id', 'text', (c) => c.notNull())
        /** 户号 as the police registry gives it, when known */
        .addColumn('number', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addPrimaryKeyConstraint('household_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('household_dwelling_fk', ['community_id', 'dwelling_id'], 'dwelling', ['community_id', 'id'])
        .execute();
      await ref('household', 'dwelling_id').execute();

      await db.schema
        .createTable('resident')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('household_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('gender', 'text')
        .addColumn('birth_date', 'text')
        /** AES-256-GCM; never stored in clear */
        .addColumn('id_number_enc', 'text')
        /** keyed hash (blind index) for exact lookup and duplicate checks */
        .addColumn('id_number_hash', 'text')
        /** the last four characters, as the mask shows them anyway: for tail search */
        .addColumn('id_number_tail', 'text')
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_tail', 'text')
        .addColumn('phone2_enc', 'text')
        .addColumn('ethnicity', 'text')
        .addColumn('education', 'text')
        .addColumn('work_unit', 'text')
        .addColumn('political_status', 'text')
        .addColumn('registration_type', 'text', (c) => c.notNull().defaultTo('huji'))
        .addColumn('residence', 'text', (c) => c.notNull().defaultTo('both'))
        .addColumn('employment_status', 'text')
        .addColumn('relation_to_head', 'text', (c) => c.notNull().defaultTo('other'))
        .addColumn('moved_in_date', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('notes', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('resident_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('resident_household_fk', ['community_id', 'household_id'], 'household', ['community_id', 'id'])
        .execute();
      await ref('resident', 'household_id').execute();
      await db.schema.createIndex('resident_id_hash_ix').on('resident').columns(['community_id', 'id_number_hash']).execute();
      await db.schema.createIndex('resident_id_tail_ix').on('resident').columns(['community_id', 'id_number_tail']).execute();
      await db.schema.createIndex('resident_phone_hash_ix').on('resident').columns(['community_id', 'phone_hash']).execute();
      await db.schema.createIndex('resident_phone_tail_ix').on('resident').columns(['community_id', 'phone_tail']).execute();
      await db.schema.createIndex('resident_status_ix').on('resident').columns(['community_id', 'status', 'birth_date']).execute();

      /**
       * name search keys: the name's suffixes, full pinyin and initials (with their syllable
       * suffixes). The primary key is the one index: a community's prefix range, or several
       * communities' ranges for a sub-district (community_id in (…)). On SQLite the table is the
       * index itself (without rowid).
       */
      const search = db.schema
        .createTable('resident_search')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        // binary order on both databases, so a prefix is a plain index range (see search.ts)
        .addColumn('key', 'text', (c) => (dialect === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
        .addPrimaryKeyConstraint('resident_search_pk', ['community_id', 'key', 'resident_id']);
      await (dialect === 'sqlite' ? search.modifyEnd(sql`without rowid`) : search).execute();

      await db.schema
        .createTable('care_tag')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text')
        .addColumn('household_id', 'text')
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('grade', 'text')
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text')
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('care_tag_pk', ['community_id', 'id'])
        .execute();
      await db.schema.createIndex('care_tag_tag_ix').on('care_tag').columns(['community_id', 'tag', 'end_date']).execute();
      await ref('care_tag', 'resident_id').execute();
      await ref('care_tag', 'household_id').execute();

      await db.schema
        .createTable('life_event')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text')
        .addColumn('household_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('details_json', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('life_event_pk', ['community_id', 'id'])
        .execute();
      await ref('life_event', 'resident_id').execute();
      await ref('life_event', 'household_id').execute();

      /** buildings a building leader or grid worker looks after; they see only these */
      await db.schema
        .createTable('building_assignment')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('building_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('building_assignment_pk', ['community_id', 'building_id', 'user_id'])
        .execute();
      await db.schema.createIndex('building_assignment_user_ix').on('building_assignment').columns(['community_id', 'user_id']).execute();

      await db.schema
        .createTable('saved_list')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('filters_json', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('saved_list_pk', ['community_id', 'id'])
        .addUniqueConstraint('saved_list_name_uq', ['community_id', 'name'])
        .execute();
    },
  },
  {
    name: '20261125_21_registry_import',
    async up(db) {
      /** a roster import: the uploaded file, its dry run, and the import's progress and result */
      await db.schema
        .createTable('import_job')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('mapping_json', 'text')
        .addColumn('header_row', 'integer')
        .addColumn('options_json', 'text')
        .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('progress_total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('result_json', 'text')
        .addColumn('error', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_job_pk', ['community_id', 'id'])
        .execute();
    },
  },
  {
    name: '20261207_22_registry_place_order',
    async up(db, dialect) {
      /**
       * where the resident's dwelling stands in the roster (places.ts placeOrder): lists and the
       * search box order by it without joining every match to its places. Binary order on both
       * databases, as the value is built to sort that way.
       */
      await db.schema
        .alterTable('resident')
        .addColumn('place_order', 'text', (c) => (dialect === 'postgres' ? c.notNull().defaultTo('').modifyFront(sql`collate "C"`) : c.notNull().defaultTo('')))
        .execute();
      await fillPlaceOrders(db, dialect);
    },
  },
  {
    name: '20261208_23_registry_data_key',
    async up(db) {
      // filled at start-up (keys.ts): a database sealed before this list existed is read through once then
      await db.schema
        .createTable('data_key')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
