import { sql } from 'kysely';
import { colTypes } from './index';
import type { LinliMigration } from './migrate';

/** The core's tables: tenants (sub-districts, communities), users, sessions, rate limits, audit log. */
export const coreMigrations: LinliMigration[] = [
  {
    name: '20261125_00_core',
    async up(db) {
      await db.schema
        .createTable('sub_district')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('district', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('province', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('community')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sub_district_id', 'text', (c) => c.notNull().references('sub_district.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('community_name_uq', ['sub_district_id', 'name'])
        .execute();
      await db.schema
        .createTable('app_user')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('last_login_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('user_grant')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('sub_district_id', 'text', (c) => c.references('sub_district.id'))
        .addColumn('community_id', 'text', (c) => c.references('community.id'))
        .execute();
      await db.schema.createIndex('user_grant_user_ix').on('user_grant').column('user_id').execute();
      await db.schema.createIndex('user_grant_community_ix').on('user_grant').columns(['community_id', 'user_id']).execute();
      await db.schema
        .createTable('session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema.createIndex('session_user_ix').on('session').columns(['user_id', 'ended_at']).execute();
      await db.schema
        .createTable('rate_limit')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limit_pk', ['key', 'window_start'])
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('actor_username', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('community_id', 'text')
        .addColumn('sub_district_id', 'text')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_community_ix').on('audit_log').columns(['community_id', 'seq']).execute();
      await db.schema.createIndex('audit_actor_ix').on('audit_log').columns(['actor_username', 'seq']).execute();
      await db.schema.createIndex('audit_entity_ix').on('audit_log').columns(['entity_type', 'entity_id']).execute();
      await db.schema.createIndex('audit_at_ix').on('audit_log').column('at').execute();
    },
  },
  {
    name: '20261126_00_core_files',
    /** attachments kept in the database, so every instance on PostgreSQL serves the same files and a backup holds them */
    async up(db, dialect) {
      await db.schema
        .createTable('stored_file')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('module', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', sql.raw(colTypes(dialect).blob), (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stored_file_pk', ['community_id', 'id'])
        .execute();
    },
  },
  {
    name: '20261208_00_core_login_lock',
    /**
     * failed sign-ins per account name and client address: a stranger's guesses lock the account
     * only for the stranger's address (the columns on app_user locked it everywhere, and are no longer read)
     */
    async up(db) {
      await db.schema
        .createTable('login_lock')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        /** when the row stops mattering: the lock's end, or a quiet spell after the last failure */
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('login_lock_pk', ['username', 'ip'])
        .execute();
      await db.schema.createIndex('login_lock_expires_ix').on('login_lock').column('expires_at').execute();
    },
  },
];
