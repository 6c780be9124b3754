// The worker thread that prepares a roster's rows (prepare-worker.ts). Linli runs TypeScript through
// tsx, and a worker thread does not inherit the main thread's loader. tsx's require hook compiles
// in this thread (its import hook would start a loader thread of its own: slower to start, and
// more memory), so the worker's modules are loaded through require.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
require('./prepare-worker.ts');
