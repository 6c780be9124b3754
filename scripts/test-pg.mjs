#!/usr/bin/env node
// Runs the whole unit and integration suite on PostgreSQL: a fresh database `linli_test`
// (each test file then works in its own schema). DATABASE_URL may point elsewhere.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const admin = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linli_test';

if (!process.env.DATABASE_URL) {
  const c = new pg.Client({ connectionString: admin });
  try {
    await c.connect();
  } catch (e) {
    console.error(`PostgreSQL is not answering at ${admin}: ${e.message}`);
    process.exit(1);
  }
  await c.query('drop database if exists linli_test');
  await c.query('create database linli_test');
  await c.end();
}

const res = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
process.exit(res.status ?? 1);
