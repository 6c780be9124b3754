#!/usr/bin/env node
// Browser journeys: builds the web app when it is missing, then runs e2e/*.e2e.ts in Debian's Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

if (!fs.existsSync('/usr/bin/chromium')) {
  console.error('Chromium is missing: apt-get install -y chromium fonts-noto-cjk');
  process.exit(1);
}
const webDir = process.env.LINLI_WEB_DIR ?? 'dist/web';
if (!fs.existsSync(`${webDir}/index.html`)) {
  const b = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', path.resolve(webDir), '--emptyOutDir'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const res = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: '' },
});
process.exit(res.status ?? 1);
