import type { LinliMigration } from '../../../core/db/migrate';

/**
 * The re-employment module's tables. Every key and index leads with community_id; children point at
 * their parents through (community_id, id).
 */
export const migrations: LinliMigration[] = [
  {
    name: '20261126_30_employment_cases',
    async up(db) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];

      await table('zero_employment_household')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('household_id', 'text', (c) => c.notNull())
        .addColumn('identified_on', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('cleared_on', 'text')
        /** the case whose placement cleared it; null when cleared by a registry change staff confirmed */
        .addColumn('cleared_case_id', 'text')
        .addColumn('note', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('zero_employment_household_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('zero_employment_household_household_fk', cid('household_id'), 'household', parent)
        .execute();
      await ix('zero_employment_household', ['household_id']);
      await ix('zero_employment_household', ['cleared_on']);

      await table('employment_case')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        /** where the resident lived when the case was registered */
        .addColumn('household_id', 'text', (c) => c.notNull())
        .addColumn('registered_on', 'text', (c) => c.notNull())
        .addColumn('skills', 'text')
        .addColumn('wishes', 'text')
        .addColumn('barriers', 'text')
        .addColumn('notes', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_on', 'text')
        .addColumn('close_reason', 'text')
        /** the zero-employment record of the household when the case was registered */
        .addColumn('zero_household_id', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('employment_case_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('employment_case_resident_fk', cid('resident_id'), 'resident', parent)
        .addForeignKeyConstraint('employment_case_zero_fk', cid('zero_household_id'), 'zero_employment_household', parent)
        .execute();
      await ix('employment_case', ['resident_id']);
      await ix('employment_case', ['status', 'registered_on']);
      await ix('employment_case', ['zero_household_id']);

      await table('employment_action')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('employer', 'text')
        .addColumn('post', 'text')
        .addColumn('course', 'text')
        .addColumn('provider', 'text')
        .addColumn('placement_kind', 'text')
        /** interview: pending / passed / failed; follow-up: still_employed / left_job */
        .addColumn('result', 'text')
        /** follow-up: months after the placement (1 or 3) */
        .addColumn('stage', 'integer')
        .addColumn('note', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('employment_action_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('employment_action_case_fk', cid('case_id'), 'employment_case', parent)
        .execute();
      await ix('employment_action', ['case_id', 'date']);
      await ix('employment_action', ['kind', 'date']);
    },
  },
];
