import type { LinliModule } from '../core/module';
import { profileModule } from './profile';

/** Every programme module, one line each. The core knows them only through their manifests. */
export const modules: LinliModule[] = [profileModule];
