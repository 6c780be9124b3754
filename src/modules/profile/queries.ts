import type { Selectable } from 'kysely';
import type { CommunityRef, ScopedDb } from '../../core/access';
import type { Profile, ProfileUpdate } from './schema';

export interface CommunityProfileTable {
  community_id: string;
  address: string;
  land_area: number | null;
  floor_area: number | null;
  moved_in_year: number | null;
  greening_coverage: number | null;
  phone: string | null;
  introduction: string | null;
  updated_at: string | null;
}

declare module '../../core/db/schema' {
  interface Database {
    community_profile: CommunityProfileTable;
  }
}

function present(community: CommunityRef, row: Selectable<CommunityProfileTable> | undefined): Profile {
  return {
    communityId: community.id,
    name: community.name,
    subDistrictName: community.subDistrictName,
    address: row?.address ?? '',
    landArea: row?.land_area ?? null,
    floorArea: row?.floor_area ?? null,
    movedInYear: row?.moved_in_year ?? null,
    greeningCoverage: row?.greening_coverage ?? null,
    phone: row?.phone ?? null,
    introduction: row?.introduction ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function getProfile(db: ScopedDb, community: CommunityRef): Promise<Profile> {
  const row = await db.selectFrom('community_profile').selectAll().executeTakeFirst();
  return present(community, row);
}

/** Writes the profile (creating it the first time) and returns it. */
export async function saveProfile(
  db: ScopedDb,
  community: CommunityRef,
  input: ProfileUpdate,
  now: Date,
): Promise<Profile> {
  const values = {
    address: input.address,
    land_area: input.landArea,
    floor_area: input.floorArea,
    moved_in_year: input.movedInYear,
    greening_coverage: input.greeningCoverage,
    phone: input.phone || null,
    introduction: input.introduction || null,
    updated_at: now.toISOString(),
  };
  const res = await db.updateTable('community_profile').set(values).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) await db.insertInto('community_profile', [values]).execute();
  return getProfile(db, community);
}
