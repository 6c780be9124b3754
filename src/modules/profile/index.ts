import type { LinliModule } from '../../core/module';
import { migrations } from './migrations';
import { permissions } from './policy';
import { routes } from './routes';
import { seedDemo } from './seed';

export type { Profile, ProfileUpdate } from './schema';

/** 社区概况 — the community profile: the smallest module, and the pattern the others copy. */
export const profileModule: LinliModule = {
  name: 'profile',
  label: { zh: '社区概况', en: 'Community profile' },
  migrations,
  permissions,
  routes,
  seedDemo,
};
