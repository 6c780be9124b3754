import type { WebManifest } from './manifest.ts';
import { usersWeb } from './core/users/index.tsx';
import { auditWeb } from './core/audit/index.tsx';
import { profileWeb } from '../modules/profile/web/index.tsx';
import { registryWeb } from '../modules/registry/web/index.tsx';
import { partyWeb } from '../modules/party/web/index.tsx';
import { governanceWeb } from '../modules/governance/web/index.tsx';
import { servicesWeb } from '../modules/services/web/index.tsx';
import { donationsWeb } from '../modules/donations/web/index.tsx';
import { employmentWeb } from '../modules/employment/web/index.tsx';
import { visitsWeb } from '../modules/visits/web/index.tsx';
import { reportWeb } from '../modules/report/web/index.tsx';

/** Every module's web manifest, in navigation order. Adding a module = one line here. */
export const webModules: WebManifest[] = [
  profileWeb,
  registryWeb,
  partyWeb,
  governanceWeb,
  servicesWeb,
  donationsWeb,
  employmentWeb,
  visitsWeb,
  reportWeb,
  usersWeb,
  auditWeb,
];
