import type { LinliModule } from '../core/module';
import { profileModule } from './profile';
import { registryModule } from './registry';
import { partyModule } from './party';
import { governanceModule } from './governance';
import { employmentModule } from './employment';
import { visitsModule } from './visits';
import { reportModule } from './report';
import { servicesModule } from './services';
import { donationsModule } from './donations';

/** Every programme module, one line each. The core knows them only through their manifests. */
export const modules: LinliModule[] = [profileModule, registryModule, partyModule, governanceModule, employmentModule, visitsModule, servicesModule, donationsModule, reportModule];
