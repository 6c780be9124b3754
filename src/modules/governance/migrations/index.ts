import type { LinliMigration } from '../../../core/db/migrate';
import { colTypes } from '../../../core/db';

/**
 * The governance module's tables. Every key and index leads with community_id; children point at
 * their parents through (community_id, id), so a row can never hang under another community.
 */
export const migrations: LinliMigration[] = [
  {
    name: '20261126_10_governance_assembly',
    async up(db, dialect) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];
      const float = colTypes(dialect).float;

      await table('gov_settings')
        .addColumn('quorum_percent', 'integer', (c) => c.notNull().defaultTo(50))
        .addColumn('resolution_prefix', 'text', (c) => c.notNull())
        .addColumn('seal_name', 'text', (c) => c.notNull())
        .addColumn('notice_days', 'integer', (c) => c.notNull().defaultTo(7))
        .addColumn('board_token', 'text')
        .addColumn('board_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_settings_pk', ['community_id'])
        .execute();
      // the public notice board is found by its token alone: the one index that does not lead with community_id
      await db.schema.createIndex('gov_settings_token_uq').on('gov_settings').column('board_token').unique().execute();

      await table('gov_representative')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .addColumn('building_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('term_start', 'text', (c) => c.notNull())
        .addColumn('term_end', 'text')
        .addColumn('notes', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_representative_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('gov_representative_resident_fk', cid('resident_id'), 'resident', parent)
        .addForeignKeyConstraint('gov_representative_building_fk', cid('building_id'), 'building', parent)
        .execute();
      await ix('gov_representative', ['building_id']);
      await ix('gov_representative', ['resident_id']);

      await table('gov_meeting')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
        .addColumn('chair', 'text')
        .addColumn('recorder', 'text')
        .addColumn('minutes', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_meeting_pk', ['community_id', 'id'])
        .execute();
      await ix('gov_meeting', ['date']);
      await table('gov_attendance')
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('representative_id', 'text', (c) => c.notNull())
        .addColumn('present', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('gov_attendance_pk', ['community_id', 'meeting_id', 'representative_id'])
        .addForeignKeyConstraint('gov_attendance_meeting_fk', cid('meeting_id'), 'gov_meeting', parent)
        .addForeignKeyConstraint('gov_attendance_rep_fk', cid('representative_id'), 'gov_representative', parent)
        .execute();

      await table('gov_proposal')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('background', 'text', (c) => c.notNull())
        .addColumn('cost_estimate', float)
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('submitter_name', 'text', (c) => c.notNull())
        .addColumn('submitter_resident_id', 'text')
        .addColumn('submitter_address', 'text')
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_tail', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .addColumn('tracking_code', 'text', (c) => c.notNull())
        .addColumn('major', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('meeting_id', 'text')
        .addColumn('agenda_order', 'integer')
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_proposal_pk', ['community_id', 'id'])
        .addUniqueConstraint('gov_proposal_code_uq', ['community_id', 'tracking_code'])
        .addForeignKeyConstraint('gov_proposal_meeting_fk', cid('meeting_id'), 'gov_meeting', parent)
        .addForeignKeyConstraint('gov_proposal_resident_fk', cid('submitter_resident_id'), 'resident', parent)
        .execute();
      await ix('gov_proposal', ['state', 'updated_at']);
      await ix('gov_proposal', ['meeting_id']);
      await table('gov_proposal_comment')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_proposal_comment_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('gov_proposal_comment_proposal_fk', cid('proposal_id'), 'gov_proposal', parent)
        .execute();
      await ix('gov_proposal_comment', ['proposal_id']);
      await table('gov_vote')
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull())
        .addColumn('representative_id', 'text', (c) => c.notNull())
        .addColumn('choice', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_vote_pk', ['community_id', 'meeting_id', 'proposal_id', 'representative_id'])
        .addForeignKeyConstraint('gov_vote_meeting_fk', cid('meeting_id'), 'gov_meeting', parent)
        .addForeignKeyConstraint('gov_vote_proposal_fk', cid('proposal_id'), 'gov_proposal', parent)
        .addForeignKeyConstraint('gov_vote_rep_fk', cid('representative_id'), 'gov_representative', parent)
        .execute();
      await ix('gov_vote', ['proposal_id']);
      await table('gov_resolution')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull())
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('decided_on', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_resolution_pk', ['community_id', 'id'])
        .addUniqueConstraint('gov_resolution_seq_uq', ['community_id', 'year', 'seq'])
        .addUniqueConstraint('gov_resolution_proposal_uq', ['community_id', 'proposal_id'])
        .addForeignKeyConstraint('gov_resolution_proposal_fk', cid('proposal_id'), 'gov_proposal', parent)
        .addForeignKeyConstraint('gov_resolution_meeting_fk', cid('meeting_id'), 'gov_meeting', parent)
        .execute();
      await ix('gov_resolution', ['decided_on']);
    },
  },
  {
    name: '20261126_11_governance_notices',
    async up(db) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];
      await table('gov_public_notice')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('resolution_id', 'text')
        .addColumn('period_rule', 'text', (c) => c.notNull())
        .addColumn('period_length', 'integer', (c) => c.notNull())
        .addColumn('start_date', 'text')
        .addColumn('end_date', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('seal_name', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_public_notice_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('gov_public_notice_resolution_fk', cid('resolution_id'), 'gov_resolution', parent)
        .execute();
      await ix('gov_public_notice', ['status', 'start_date']);
      await ix('gov_public_notice', ['resolution_id']);
      await table('gov_notice_objection')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('notice_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_tail', 'text')
        .addColumn('address', 'text')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('answered_by', 'text')
        .addColumn('answered_at', 'text')
        .addPrimaryKeyConstraint('gov_notice_objection_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('gov_notice_objection_notice_fk', cid('notice_id'), 'gov_public_notice', parent)
        .execute();
      await ix('gov_notice_objection', ['notice_id']);
    },
  },
  {
    name: '20261126_12_governance_groups_partners',
    async up(db, dialect) {
      const table = (name: string) => db.schema.createTable(name).addColumn('community_id', 'text', (c) => c.notNull().references('community.id'));
      const ix = (t: string, cols: string[]) => db.schema.createIndex(`${t}_${cols.join('_')}_ix`).on(t).columns(['community_id', ...cols]).execute();
      const cid = <C extends string>(col: C): ['community_id', C] => ['community_id', col];
      const parent = ['community_id', 'id'];
      const float = colTypes(dialect).float;
      await table('gov_group')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('compound_id', 'text')
        .addColumn('purpose', 'text')
        .addColumn('founded_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_group_pk', ['community_id', 'id'])
        .addUniqueConstraint('gov_group_name_uq', ['community_id', 'name'])
        .addForeignKeyConstraint('gov_group_compound_fk', cid('compound_id'), 'compound', parent)
        .execute();
      await table('gov_group_member')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organisation', 'text')
        .addColumn('resident_id', 'text')
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_tail', 'text')
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('gov_group_member_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('gov_group_member_group_fk', cid('group_id'), 'gov_group', parent)
        .addForeignKeyConstraint('gov_group_member_resident_fk', cid('resident_id'), 'resident', parent)
        .execute();
      await ix('gov_group_member', ['group_id']);
      await table('gov_group_meeting')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('decisions', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_group_meeting_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('gov_group_meeting_group_fk', cid('group_id'), 'gov_group', parent)
        .execute();
      await ix('gov_group_meeting', ['group_id', 'date']);

      await table('gov_proposal_file')
        .addColumn('proposal_id', 'text', (c) => c.notNull())
        .addColumn('file_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_proposal_file_pk', ['community_id', 'proposal_id', 'file_id'])
        .addForeignKeyConstraint('gov_proposal_file_proposal_fk', cid('proposal_id'), 'gov_proposal', parent)
        .addForeignKeyConstraint('gov_proposal_file_file_fk', cid('file_id'), 'stored_file', parent)
        .execute();

      await table('gov_partner_unit')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('liaison_name', 'text', (c) => c.notNull())
        .addColumn('liaison_title', 'text')
        .addColumn('liaison_phone_enc', 'text')
        .addColumn('liaison_phone_hash', 'text')
        .addColumn('liaison_phone_tail', 'text')
        .addColumn('joined_on', 'text', (c) => c.notNull())
        .addColumn('agreement_start', 'text')
        .addColumn('agreement_end', 'text')
        .addColumn('agreement_file_id', 'text')
        .addColumn('left_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_partner_unit_pk', ['community_id', 'id'])
        .addUniqueConstraint('gov_partner_unit_name_uq', ['community_id', 'name'])
        .addForeignKeyConstraint('gov_partner_unit_file_fk', cid('agreement_file_id'), 'stored_file', parent)
        .execute();
      await table('gov_partner_plan')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_partner_plan_pk', ['community_id', 'id'])
        .addUniqueConstraint('gov_partner_plan_year_uq', ['community_id', 'unit_id', 'year'])
        .addForeignKeyConstraint('gov_partner_plan_unit_fk', cid('unit_id'), 'gov_partner_unit', parent)
        .execute();
      await table('gov_partner_resource')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('amount', float)
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_partner_resource_pk', ['community_id', 'id'])
        .addForeignKeyConstraint('gov_partner_resource_unit_fk', cid('unit_id'), 'gov_partner_unit', parent)
        .execute();
      await ix('gov_partner_resource', ['unit_id', 'date']);
      await ix('gov_partner_resource', ['date']);
      await table('gov_joint_meeting')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('decisions', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_joint_meeting_pk', ['community_id', 'id'])
        .execute();
      await ix('gov_joint_meeting', ['date']);
      await table('gov_joint_meeting_unit')
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gov_joint_meeting_unit_pk', ['community_id', 'meeting_id', 'unit_id'])
        .addForeignKeyConstraint('gov_joint_meeting_unit_meeting_fk', cid('meeting_id'), 'gov_joint_meeting', parent)
        .addForeignKeyConstraint('gov_joint_meeting_unit_unit_fk', cid('unit_id'), 'gov_partner_unit', parent)
        .execute();
      await ix('gov_joint_meeting_unit', ['unit_id']);
    },
  },
];
