import type { LinliMigration } from '../../../core/db/migrate';

/**
 * The services module's tables. Every key and index leads with community_id; children point at
 * their parents through (community_id, id).
 */
export const migrations: LinliMigration[] = [
  {
    name: '20261126_20_services_catalogue',
    async up(db) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];

      await table('service_item')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('duties', 'text')
        .addColumn('staff_user_id', 'text', (c) => c.references('app_user.id'))
        .addColumn('staff_name', 'text')
        .addColumn('location', 'text')
        .addColumn('door', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('time_limit_hours', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_item_pk', ['community_id', 'id'])
        .addUniqueConstraint('service_item_name_uq', ['community_id', 'area', 'name'])
        .execute();
      await ix('service_item', ['area', 'sort']);

      await table('service_provider')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact_name', 'text')
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_tail', 'text')
        .addColumn('address', 'text')
        .addColumn('agreement_no', 'text')
        .addColumn('agreement_start', 'text')
        .addColumn('agreement_end', 'text')
        .addColumn('hours', 'text')
        .addColumn('prices', 'text')
        .addColumn('joined_date', 'text', (c) => c.notNull())
        .addColumn('left_date', 'text')
        .addColumn('notes', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_provider_pk', ['community_id', 'id'])
        .addUniqueConstraint('service_provider_name_uq', ['community_id', 'name'])
        .execute();
      await table('service_provider_item')
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_provider_item_pk', ['community_id', 'provider_id', 'item_id'])
        .addForeignKeyConstraint('service_provider_item_provider_fk', cid('provider_id'), 'service_provider', parent)
        .addForeignKeyConstraint('service_provider_item_item_fk', cid('item_id'), 'service_item', parent)
        .execute();
      await ix('service_provider_item', ['item_id']);
    },
  },
  {
    name: '20261126_21_services_door',
    async up(db) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];

      await table('door_provider')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
        .addColumn('service_provider_id', 'text')
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_tail', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('door_provider_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('door_provider_sp_fk', cid('service_provider_id'), 'service_provider', parent)
        .execute();
      await ix('door_provider', ['user_id']);

      await table('door_client')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('registered_date', 'text', (c) => c.notNull())
        .addColumn('ended_date', 'text')
        .addColumn('end_reason', 'text')
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('door_client_pk', ['community_id', 'id'])
        .addUniqueConstraint('door_client_resident_uq', ['community_id', 'resident_id'])
        .addForeignKeyConstraint('door_client_resident_fk', cid('resident_id'), 'resident', parent)
        .execute();

      await table('door_need')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'text')
        .addColumn('freq', 'text', (c) => c.notNull())
        .addColumn('weekdays', 'text')
        .addColumn('month_day', 'integer')
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text')
        .addColumn('time_slot', 'text')
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('door_need_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('door_need_client_fk', cid('client_id'), 'door_client', parent)
        .addForeignKeyConstraint('door_need_item_fk', cid('item_id'), 'service_item', parent)
        .addForeignKeyConstraint('door_need_provider_fk', cid('provider_id'), 'door_provider', parent)
        .execute();
      await ix('door_need', ['client_id']);
      await ix('door_need', ['provider_id']);

      await table('door_delivery')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('need_id', 'text')
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('household_id', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'text')
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('logged_at', 'text', (c) => c.notNull())
        .addColumn('logged_by', 'text')
        .addColumn('logged_by_name', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('door_delivery_pk', ['community_id', 'id'])
        // one entry per scheduled visit and day: ticking again corrects it
        .addUniqueConstraint('door_delivery_need_day_uq', ['community_id', 'need_id', 'date'])
        .addForeignKeyConstraint('door_delivery_client_fk', cid('client_id'), 'door_client', parent)
        .addForeignKeyConstraint('door_delivery_need_fk', cid('need_id'), 'door_need', parent)
        .addForeignKeyConstraint('door_delivery_item_fk', cid('item_id'), 'service_item', parent)
        .addForeignKeyConstraint('door_delivery_provider_fk', cid('provider_id'), 'door_provider', parent)
        .execute();
      await ix('door_delivery', ['date', 'outcome']);
      await ix('door_delivery', ['client_id', 'date']);
    },
  },
  {
    name: '20261126_22_services_tickets',
    async up(db) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];

      await table('service_ticket')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text')
        .addColumn('caller_name', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_tail', 'text')
        .addColumn('address', 'text')
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assignee_user_id', 'text', (c) => c.references('app_user.id'))
        .addColumn('assignee_provider_id', 'text')
        .addColumn('assignee_name', 'text')
        .addColumn('accepted_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'text')
        .addColumn('started_at', 'text')
        .addColumn('done_at', 'text')
        .addColumn('result', 'text')
        .addColumn('followed_up_at', 'text')
        .addColumn('satisfaction', 'integer')
        .addColumn('follow_up_comment', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('close_reason', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_ticket_pk', ['community_id', 'id'])
        .addUniqueConstraint('service_ticket_number_uq', ['community_id', 'number'])
        .addForeignKeyConstraint('service_ticket_resident_fk', cid('resident_id'), 'resident', parent)
        .addForeignKeyConstraint('service_ticket_item_fk', cid('item_id'), 'service_item', parent)
        .addForeignKeyConstraint('service_ticket_provider_fk', cid('assignee_provider_id'), 'service_provider', parent)
        .execute();
      await ix('service_ticket', ['accepted_at']);
      await ix('service_ticket', ['status', 'due_at']);
      await ix('service_ticket', ['resident_id']);
      await ix('service_ticket', ['phone_hash']);

      await table('service_ticket_event')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('note', 'text')
        .addColumn('by_user', 'text')
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_ticket_event_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('service_ticket_event_ticket_fk', cid('ticket_id'), 'service_ticket', parent)
        .execute();
      await ix('service_ticket_event', ['ticket_id', 'at']);
    },
  },
];
