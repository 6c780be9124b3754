/**
 * Table types of the core. Modules add their own tables to `Database` by declaration merging
 * in their `schema.ts`/`queries.ts` (see modules/profile/queries.ts).
 *
 * Portable conventions (one set of migrations serves SQLite and PostgreSQL):
 * ids are text (UUID), timestamps are ISO-8601 UTC text, booleans are integers 0/1, JSON is text.
 */
export interface SubDistrictTable {
  id: string;
  name: string;
  /** 区/县 */
  district: string;
  city: string;
  province: string;
  created_at: string;
}

export interface CommunityTable {
  id: string;
  sub_district_id: string;
  name: string;
  created_at: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  /** no longer read: failed sign-ins are counted per address in `login_lock` */
  failed_logins: number;
  /** no longer read, as `failed_logins` */
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A role held by a user over a scope: the whole system, one sub-district, or one community. */
export interface UserGrantTable {
  id: string;
  user_id: string;
  role: string;
  sub_district_id: string | null;
  community_id: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  ended_at: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

/** Failed sign-ins of one account name from one client address, and the lock they led to. */
export interface LoginLockTable {
  username: string;
  ip: string;
  failures: number;
  locked_until: string | null;
  expires_at: string;
}

/** An attachment (a newsletter, an agreement, a photo), kept in the database with its community. */
export interface StoredFileTable {
  community_id: string;
  id: string;
  /** the module that keeps it (`party`, `governance`, …) */
  module: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_by: string | null;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  community_id: string | null;
  sub_district_id: string | null;
  before_json: string | null;
  after_json: string | null;
  outcome: string;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface Database {
  sub_district: SubDistrictTable;
  community: CommunityTable;
  app_user: AppUserTable;
  user_grant: UserGrantTable;
  session: SessionTable;
  rate_limit: RateLimitTable;
  login_lock: LoginLockTable;
  audit_log: AuditLogTable;
  stored_file: StoredFileTable;
}
