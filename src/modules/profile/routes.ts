import { z } from 'zod';
import { fieldError } from '../../core/errors';
import { communityRoute } from '../../core/http/route';
import { defineMessages } from '../../core/i18n';
import { getProfile, saveProfile } from './queries';
import { ProfileSchema, ProfileUpdateSchema } from './schema';

const Params = z.object({ communityId: z.string() });

defineMessages({
  PROFILE_YEAR_AHEAD: { zh: '入住年份不能晚于{max}年', en: 'The year residents moved in cannot be later than {max}' },
});

/** The latest moved-in year a profile takes: five years ahead of this year in Beijing (a compound still being built). */
const latestMovedInYear = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear() + 5;

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
      const max = latestMovedInYear(now);
      if (body.movedInYear !== null && body.movedInYear > max) throw fieldError('movedInYear', 'PROFILE_YEAR_AHEAD', { max });
      const before = await getProfile(db, community);
      const after = await saveProfile(db, community, body, now);
      await audit({ action: 'profile.update', entityType: 'community_profile', entityId: community.id, before, after });
      return after;
    },
  }),
];
