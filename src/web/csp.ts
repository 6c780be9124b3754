import { z } from 'zod';

// Linli's Content-Security-Policy allows no eval. zod would probe for it (a caught `new Function`,
// which the browser still reports as a policy violation) the first time it builds an object schema:
// this module is imported before any schema is built, and tells zod not to try.
z.config({ jitless: true });
