import { z } from 'zod';
import { communityRoute } from '../../core/http/route';
import { getProfile, saveProfile } from './queries';
import { ProfileSchema, ProfileUpdateSchema } from './schema';

const Params = z.object({ communityId: z.string() });

export const routes = [
  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/profile',
    summary: '社区概况 The community profile',
    tags: ['profile'],
    permission: 'profile.read',
    schema: { params: Params, response: ProfileSchema },
    async handler({ db, community }) {
      return getProfile(db, community);
    },
  }),
  communityRoute({
    method: 'PUT',
    url: '/communities/:communityId/profile',
    summary: '编辑社区概况 Update the community profile',
    tags: ['profile'],
    permission: 'profile.update',
    schema: { params: Params, body: ProfileUpdateSchema, response: ProfileSchema },
    async handler({ db, community, body, now, audit }) {
      const before = await getProfile(db, community);
      const after = await saveProfile(db, community, body, now);
      await audit({ action: 'profile.update', entityType: 'community_profile', entityId: community.id, before, after });
      return after;
    },
  }),
];
