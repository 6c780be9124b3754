import type { Grant } from '../../types.ts';

// TODO(server): replace with the core's user schema types once exported.

/** A user account as the users API lists it. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  grants: Grant[];
  activeSessions: number;
}

export interface UserCreate {
  username: string;
  displayName: string;
  password: string;
  grants: Grant[];
}

export interface UserPatch {
  displayName?: string;
  disabled?: boolean;
  grants?: Grant[];
}
