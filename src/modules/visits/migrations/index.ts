import type { LinliMigration } from '../../../core/db/migrate';
import { namesSensitiveTag } from '../../registry';

/** The holiday-visits module's tables; every key and index leads with community_id. */
export const migrations: LinliMigration[] = [
  {
    name: '20261126_40_visits_plans',
    async up(db) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];

      await table('visit_plan')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('occasion', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        /** the registry list it was drawn from; its name is kept in case the list is deleted later */
        .addColumn('saved_list_id', 'text')
        .addColumn('list_name', 'text', (c) => c.notNull())
        /** 1: one visit per household, the first member listed standing for it */
        .addColumn('per_household', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('planned_from', 'text', (c) => c.notNull())
        .addColumn('planned_to', 'text', (c) => c.notNull())
        /** yuan per person */
        .addColumn('money', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('gifts', 'text')
        .addColumn('notes', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('visit_plan_pk', ['community_id', 'id'])
        .execute();
      await ix('visit_plan', ['year', 'occasion']);

      await table('visit_target')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('household_id', 'text', (c) => c.notNull())
        /** name and address as they were when the plan was drawn: the ledger records who was visited where */
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('assignee_user_id', 'text')
        .addColumn('assignee_name', 'text')
        .addColumn('sort', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('visit_target_pk', ['community_id', 'id'])
        .addUniqueConstraint('visit_target_resident_uq', ['community_id', 'plan_id', 'resident_id'])
        .addForeignKeyConstraint('visit_target_plan_fk', cid('plan_id'), 'visit_plan', parent)
        .addForeignKeyConstraint('visit_target_resident_fk', cid('resident_id'), 'resident', parent)
        .execute();
      await ix('visit_target', ['assignee_user_id']);

      await table('visit_record')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('visitors', 'text', (c) => c.notNull())
        .addColumn('money', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('gifts', 'text')
        .addColumn('notes', 'text')
        /** the photo's file under <data dir>/visits/<community>/, and its type */
        .addColumn('photo_file', 'text')
        .addColumn('photo_type', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('visit_record_pk', ['community_id', 'id'])
        // one visit per person on a plan
        .addUniqueConstraint('visit_record_target_uq', ['community_id', 'target_id'])
        .addForeignKeyConstraint('visit_record_plan_fk', cid('plan_id'), 'visit_plan', parent)
        .addForeignKeyConstraint('visit_record_target_fk', cid('target_id'), 'visit_target', parent)
        .execute();
      await ix('visit_record', ['plan_id']);
      await ix('visit_record', ['date']);
    },
  },
  {
    name: '20261208_40_visits_plan_sensitive',
    async up(db) {
      /**
       * 1: drawn from a saved list built on a sensitive tag (归正人员 …), so seen only with
       * registry.sensitive; kept on the plan because the list may be deleted later
       */
      await db.schema.alterTable('visit_plan').addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      const drawn = await db
        .selectFrom('visit_plan')
        .innerJoin('saved_list', (j) => j.onRef('saved_list.community_id', '=', 'visit_plan.community_id').onRef('saved_list.id', '=', 'visit_plan.saved_list_id'))
        .select(['visit_plan.community_id as communityId', 'visit_plan.id as id', 'saved_list.filters_json as filters'])
        .execute();
      for (const p of drawn as { communityId: string; id: string; filters: string }[]) {
        if (!namesSensitiveTag(JSON.parse(p.filters) as { tag?: string })) continue;
        await db.updateTable('visit_plan').set({ sensitive: 1 }).where('community_id', '=', p.communityId).where('id', '=', p.id).execute();
      }
    },
  },
];
