import type { LinliMigration } from '../../../core/db/migrate';

/** 捐款捐物: drives and the gifts to them. Every key and index leads with community_id. */
export const migrations: LinliMigration[] = [
  {
    name: '20261126_70_donations_drives',
    async up(db) {
      await db.schema
        .createTable('donation_drive')
        .addColumn('community_id', 'text', (c) => c.notNull().references('community.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text')
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('donation_drive_pk', ['community_id', 'id'])
        .execute();
      await db.schema.createIndex('donation_drive_start_ix').on('donation_drive').columns(['community_id', 'start_date']).execute();

      await db.schema
        .createTable('donation_gift')
        .addColumn('community_id', 'text', (c) => c.notNull().references('community.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('drive_id', 'text', (c) => c.notNull())
        .addColumn('donor_kind', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text')
        .addColumn('donor_name', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount_fen', 'integer')
        .addColumn('goods', 'text')
        .addColumn('quantity', 'integer')
        .addColumn('unit', 'text')
        .addColumn('given_on', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('recorded_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('donation_gift_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('donation_gift_drive_fk', ['community_id', 'drive_id'], 'donation_drive', ['community_id', 'id'])
        .execute();
      await db.schema.createIndex('donation_gift_drive_ix').on('donation_gift').columns(['community_id', 'drive_id', 'given_on']).execute();
      await db.schema.createIndex('donation_gift_given_ix').on('donation_gift').columns(['community_id', 'given_on']).execute();
    },
  },
];
