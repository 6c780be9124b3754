import type { LinliMigration } from '../../../core/db/migrate';
import { colTypes } from '../../../core/db';

export const migrations: LinliMigration[] = [
  {
    name: '20261125_10_profile',
    async up(db, dialect) {
      const t = colTypes(dialect);
      await db.schema
        .createTable('community_profile')
        .addColumn('community_id', 'text', (c) => c.primaryKey().references('community.id'))
        .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('land_area', t.float)
        .addColumn('floor_area', t.float)
        .addColumn('moved_in_year', 'integer')
        .addColumn('greening_coverage', t.float)
        .addColumn('phone', 'text')
        .addColumn('introduction', 'text')
        .addColumn('updated_at', 'text')
        .execute();
    },
  },
];
