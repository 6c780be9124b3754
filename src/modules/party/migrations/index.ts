import type { LinliMigration } from '../../../core/db/migrate';

/**
 * The party module's tables. Every key and index leads with community_id; children point at their
 * parents through (community_id, id), so a row can never hang under another community.
 */
export const migrations: LinliMigration[] = [
  {
    name: '20261125_30_party',
    async up(db) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];

      await table('party_branch')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('board_token', 'text')
        .addColumn('board_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('party_branch_pk', ['community_id', 'id'])
        // one branch per community
        .addUniqueConstraint('party_branch_one_uq', ['community_id'])
        .execute();
      // the public board is found by its token alone: the one index that does not lead with community_id
      await db.schema.createIndex('party_branch_token_uq').on('party_branch').column('board_token').unique().execute();
      await table('party_group')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('leader_member_id', 'text')
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('party_group_pk', ['community_id', 'id'])
        .addUniqueConstraint('party_group_name_uq', ['community_id', 'name'])
        .execute();
      await table('volunteer_team')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        /** special = 特色服务队 (by skill), service = 综合服务小组 (by residence) */
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('volunteer_team_pk', ['community_id', 'id'])
        .addUniqueConstraint('volunteer_team_name_uq', ['community_id', 'name'])
        .execute();
      await table('party_member')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_tail', 'text')
        /** registered = 在册, reporting = 在职党员报到 */
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text')
        .addColumn('joined_date', 'text')
        /** normal = 正常, mobile = 流动, frail = 年老体弱 */
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('normal'))
        .addColumn('volunteer_team_id', 'text')
        .addColumn('left_date', 'text')
        .addColumn('notes', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('party_member_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('party_member_group_fk', cid('group_id'), 'party_group', parent)
        .addForeignKeyConstraint('party_member_team_fk', cid('volunteer_team_id'), 'volunteer_team', parent)
        .execute();
      await ix('party_member', ['resident_id']);
      await ix('party_member', ['group_id']);
      await ix('party_member', ['volunteer_team_id']);
      await ix('party_member', ['status']);

      await table('party_election')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('seats', 'integer', (c) => c.notNull())
        .addColumn('voters', 'integer')
        .addColumn('notes', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('party_election_pk', ['community_id', 'id'])
        .execute();
      await table('party_election_candidate')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('election_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('votes', 'integer', (c) => c.notNull())
        .addColumn('elected', 'integer', (c) => c.notNull())
        .addColumn('role', 'text')
        .addPrimaryKeyConstraint('party_election_candidate_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('party_election_candidate_election_fk', cid('election_id'), 'party_election', parent)
        .addForeignKeyConstraint('party_election_candidate_member_fk', cid('member_id'), 'party_member', parent)
        .execute();
      await ix('party_election_candidate', ['election_id']);
      await table('party_leader')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        /** secretary = 书记, deputy = 副书记, member = 委员 */
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('term_start', 'text', (c) => c.notNull())
        .addColumn('term_end', 'text')
        .addColumn('election_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('party_leader_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('party_leader_member_fk', cid('member_id'), 'party_member', parent)
        .addForeignKeyConstraint('party_leader_election_fk', cid('election_id'), 'party_election', parent)
        .execute();

      await table('pledge')
        .addColumn('id', 'text', (c) => c.notNull())
        /** branch = 支部承诺, member = 党员承诺 */
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('member_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text')
        .addColumn('target', 'text')
        /** open, then done / not_done at the year-end review */
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('review_note', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pledge_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('pledge_member_fk', cid('member_id'), 'party_member', parent)
        .execute();
      await ix('pledge', ['year', 'level']);
      await ix('pledge', ['member_id']);
      await table('pledge_area')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('pledge_id', 'text', (c) => c.notNull())
        .addColumn('building_id', 'text', (c) => c.notNull())
        /** null: the whole building */
        .addColumn('entrance_id', 'text')
        .addPrimaryKeyConstraint('pledge_area_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('pledge_area_pledge_fk', cid('pledge_id'), 'pledge', parent)
        .addForeignKeyConstraint('pledge_area_building_fk', cid('building_id'), 'building', parent)
        .addForeignKeyConstraint('pledge_area_entrance_fk', cid('entrance_id'), 'entrance', parent)
        .execute();
      await ix('pledge_area', ['pledge_id']);
      await table('pledge_progress')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('pledge_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pledge_progress_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('pledge_progress_pledge_fk', cid('pledge_id'), 'pledge', parent)
        .execute();
      await ix('pledge_progress', ['pledge_id']);
      await table('pledge_feedback')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('pledge_id', 'text')
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('answered_by', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pledge_feedback_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('pledge_feedback_pledge_fk', cid('pledge_id'), 'pledge', parent)
        .execute();
      await ix('pledge_feedback', ['created_at']);

      await table('party_activity')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('party_activity_pk', ['community_id', 'id'])
        .execute();
      await ix('party_activity', ['date']);
      await table('party_attendance')
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('present', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('party_attendance_pk', ['community_id', 'activity_id', 'member_id'])
        .addForeignKeyConstraint('party_attendance_activity_fk', cid('activity_id'), 'party_activity', parent)
        .addForeignKeyConstraint('party_attendance_member_fk', cid('member_id'), 'party_member', parent)
        .execute();
      await ix('party_attendance', ['member_id']);

      await table('newsletter_issue')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('newsletter_issue_pk', ['community_id', 'id'])
        .addUniqueConstraint('newsletter_issue_number_uq', ['community_id', 'number'])
        .execute();
      await table('newsletter_recipient')
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('newsletter_recipient_pk', ['community_id', 'member_id'])
        .addForeignKeyConstraint('newsletter_recipient_member_fk', cid('member_id'), 'party_member', parent)
        .execute();
      await table('newsletter_delivery')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('issue_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('delivered_by', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text', (c) => c.notNull())
        .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('confirmed_at', 'text')
        .addPrimaryKeyConstraint('newsletter_delivery_pk', ['community_id', 'id'])
        // one copy of an issue per member
        .addUniqueConstraint('newsletter_delivery_copy_uq', ['community_id', 'issue_id', 'member_id'])
        .addForeignKeyConstraint('newsletter_delivery_issue_fk', cid('issue_id'), 'newsletter_issue', parent)
        .addForeignKeyConstraint('newsletter_delivery_member_fk', cid('member_id'), 'party_member', parent)
        .execute();
      await ix('newsletter_delivery', ['delivered_at']);

      await table('model_member')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('deeds', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('model_member_pk', ['community_id', 'id'])
        .addUniqueConstraint('model_member_year_uq', ['community_id', 'year', 'member_id'])
        .addForeignKeyConstraint('model_member_member_fk', cid('member_id'), 'party_member', parent)
        .execute();
      await table('party_honour')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('awarded_by', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('party_honour_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('party_honour_member_fk', cid('member_id'), 'party_member', parent)
        .execute();
      await ix('party_honour', ['date']);
    },
  },
  {
    name: '20261126_60_party_self',
    /** members' own accounts, a stricter duplicate check for members living elsewhere, hiding spam on the board, newsletter files */
    async up(db) {
      await db.schema.alterTable('party_member').addColumn('user_id', 'text').execute();
      await db.schema.alterTable('party_member').addColumn('id_number_hash', 'text').execute();
      await db.schema.createIndex('party_member_user_ix').on('party_member').columns(['community_id', 'user_id']).execute();
      await db.schema.createIndex('party_member_id_hash_ix').on('party_member').columns(['community_id', 'id_number_hash']).execute();
      await db.schema.alterTable('pledge_feedback').addColumn('hidden_at', 'text').execute();
      await db.schema.alterTable('pledge_feedback').addColumn('hidden_by', 'text').execute();
      await db.schema.alterTable('pledge_feedback').addColumn('hidden_reason', 'text').execute();
      await db.schema.alterTable('newsletter_issue').addColumn('file_id', 'text').execute();
    },
  },
  {
    name: '20261126_61_party_group_closed',
    /** a closed party group stays in the branch's history: the day it closed and the group its members joined */
    async up(db) {
      await db.schema.alterTable('party_group').addColumn('closed_on', 'text').execute();
      await db.schema.alterTable('party_group').addColumn('merged_into_id', 'text').execute();
    },
  },
];
