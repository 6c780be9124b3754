import type { LinliMigration } from '../../../core/db/migrate';

/** The work report's one table: drafts and signed reports, each keeping its figures snapshot. */
export const migrations: LinliMigration[] = [
  {
    name: '20261126_50_report_work_report',
    async up(db) {
      await db.schema
        .createTable('work_report')
        .addColumn('community_id', 'text', (c) => c.notNull().references('community.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
        .addColumn('snapshot_json', 'text', (c) => c.notNull())
        .addColumn('narrative_json', 'text', (c) => c.notNull())
        .addColumn('highlight_edits_json', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('refreshed_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_by_name', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('signed_by', 'text')
        .addColumn('signed_by_name', 'text')
        .addColumn('signed_at', 'text')
        .addPrimaryKeyConstraint('work_report_pk', ['community_id', 'id'])
        .execute();
      // the list (newest period first) and the roll-up's lookup of a signed report for a period
      await db.schema.createIndex('work_report_period_ix').on('work_report').columns(['community_id', 'period_to', 'period_from']).execute();
    },
  },
];
