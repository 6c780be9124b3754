// Shapes of the core API as the web sees them.
// TODO(server): replace with types inferred from the core's zod schemas once they exist.

/** A grant of a role, at a sub-district or a community (or system-wide when both are null). */
export interface Grant {
  role: string;
  subDistrictId: string | null;
  communityId: string | null;
}

/** A community the signed-in user can see, with what they may do there. */
export interface CommunityAccess {
  id: string;
  name: string;
  subDistrictId: string;
  subDistrictName: string;
  permissions: string[];
}

/** The signed-in user (GET /api/v1/auth/me). */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  /** Global permissions (not tied to a community). */
  permissions: string[];
  communities: CommunityAccess[];
  grants: Grant[];
}

export type RoleScope = 'system' | 'subDistrict' | 'community';

export interface Role {
  role: string;
  label: { zh: string; en: string };
  /** The levels the role may be granted at (the server sends `scopes`; `scope` was the first draft). */
  scopes?: RoleScope[];
  scope?: RoleScope;
}

export interface SubDistrict {
  id: string;
  name: string;
}

export interface Community {
  id: string;
  name: string;
  subDistrictId: string;
  subDistrictName: string;
}

/** One page of a paginated list. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
