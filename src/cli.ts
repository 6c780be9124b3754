import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { spawn } from 'node:child_process';
import { Command } from 'commander';
import { loadConfig, type Config } from './core/config';
import { openDb, sqlitePath } from './core/db';
import { migrate } from './core/db/migrate';
import { allModules, checkStart, createLinli } from './core/server';
import { restoreBackup, writeBackup, writeKeyOut } from './core/backup';
import { ConsoleError } from './core/errors';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './core/demo';
import { verifyAudit, appendAudit, type VerifyResult } from './core/audit/log';
import { readAuditKey, type AuditKey } from './core/audit/key';
import { hashPassword, passwordProblem } from './core/auth/password';
import { translate } from './core/i18n';
import { insertUser } from './core/users/commands';
import type { Grant } from './core/access';

const program = new Command();
program.name('linli').description('Linli 邻里 — 社区居委会与街道工作台 / the workbench of a residents\' committee').showHelpAfterError();

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

/** Opens the database, brought up to date and checked as the server would be, for a command that works on the data. */
async function openChecked(config: Config) {
  const db = openDb(config);
  try {
    const modules = allModules();
    await migrate(db, modules);
    await checkStart(db, config, modules);
    return db;
  } catch (e) {
    await db.close();
    throw e;
  }
}

async function serve(config: Config, opts: { printDemo: boolean }) {
  const linli = await createLinli(config);
  if (config.demo) {
    const res = await seedDemo(linli.services.db, config, linli.services.modules);
    if (res.created) linli.app.log.info('demo communities seeded');
  }
  await linli.app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const users = await linli.services.db.kysely.selectFrom('app_user').select('username').limit(1).execute();
  console.log(`\n  Linli 邻里 is running at ${url}   (database: ${config.databaseUrl ? 'PostgreSQL' : sqlitePath(config)})`);
  if (config.demo && opts.printDemo) {
    console.log(`  演示账号 Demo accounts, password 密码: ${DEMO_PASSWORD}`);
    for (const u of DEMO_USERS) console.log(`    ${u.username.padEnd(18)} ${u.displayName}`);
  } else if (users.length === 0) {
    console.log('  No user yet: create the first administrator with  npx linli create-admin');
  }
  console.log(`  API docs: ${url}/api/docs\n`);
  const stop = async () => {
    await linli.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

program
  .command('start')
  .description('migrate, seed the demo communities on first start (unless LINLI_DEMO=0), and serve')
  .action(async () => {
    const config = loadConfig(process.env, { demo: process.env.LINLI_DEMO !== '0' && process.env.LINLI_DEMO !== 'false' });
    if (!fs.existsSync(path.join(config.webDir ?? '', 'index.html'))) console.warn('  (the web app is not built: run npm run build)');
    await serve(config, { printDemo: true });
  });

program
  .command('serve')
  .description('serve Linli (LINLI_DEMO=1 also seeds the demo on first start)')
  .option('--dev', 'also run the Vite dev server with hot reload on port 5173')
  .action(async (o: { dev?: boolean }) => {
    const config = loadConfig();
    await serve(config, { printDemo: true });
    if (o.dev) {
      const vite = spawn(process.execPath, [path.resolve('node_modules/vite/bin/vite.js')], { stdio: 'inherit' });
      process.on('exit', () => vite.kill());
      console.log('  Vite dev server: http://localhost:5173');
    }
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const config = loadConfig();
    const db = openDb(config);
    const done = await migrate(db, allModules());
    console.log(done.length ? `applied: ${done.join(', ')}` : 'already up to date');
    await db.close();
  });

program
  .command('seed-demo')
  .description('seed the demo sub-districts, communities and accounts (idempotent)')
  .action(async () => {
    const config = loadConfig();
    const db = await openChecked(config);
    const modules = allModules();
    const res = await seedDemo(db, config, modules);
    console.log(res.created ? `demo seeded; accounts use the password ${DEMO_PASSWORD}` : 'demo already present');
    await db.close();
  });

program
  .command('create-admin')
  .description('create an administrator: system-wide, or over one sub-district or community')
  .option('--username <u>', 'username (letters, digits, _ . -)')
  .option('--password <p>', 'password (at least 10 characters, not common)')
  .option('--display-name <n>', 'name shown in the app')
  .option('--sub-district <name or id>', 'make a sub-district administrator of this sub-district')
  .option('--community <name or id>', 'make a secretary of this community')
  .action(async (o: { username?: string; password?: string; displayName?: string; subDistrict?: string; community?: string }) => {
    const config = loadConfig();
    const db = openDb(config);
    await migrate(db, allModules());
    const k = db.kysely;
    let { username, password } = o;
    if (!username || !password) {
      if (!process.stdin.isTTY) fail('give --username and --password, or run in a terminal to be asked');
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
      username ??= (await rl.question('用户名 Username: ')).trim();
      password ??= await rl.question('密码 Password (≥10): ');
      rl.close();
    }
    username = username.trim().toLowerCase();
    if (!/^[a-z0-9_.-]{3,32}$/.test(username)) fail('username: 3–32 letters, digits, _ . -');
    const problem = passwordProblem(password, username);
    if (problem) fail(`password: ${translate(problem.code, 'zh-CN', problem.params)} / ${translate(problem.code, 'en', problem.params)}`);
    if (await k.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) fail(`user ${username} already exists`);
    let grant: Grant = { role: 'system_admin', subDistrictId: null, communityId: null };
    if (o.subDistrict) {
      const sd = await k.selectFrom('sub_district').select('id').where((eb) => eb.or([eb('id', '=', o.subDistrict!), eb('name', '=', o.subDistrict!)])).executeTakeFirst();
      if (!sd) fail(`no sub-district ${o.subDistrict}`);
      grant = { role: 'subdistrict_admin', subDistrictId: sd.id, communityId: null };
    } else if (o.community) {
      const c = await k.selectFrom('community').select('id').where((eb) => eb.or([eb('id', '=', o.community!), eb('name', '=', o.community!)])).executeTakeFirst();
      if (!c) fail(`no community ${o.community}`);
      grant = { role: 'secretary', subDistrictId: null, communityId: c.id };
    }
    const at = new Date();
    await k.transaction().execute(async (tx) => {
      const id = await insertUser(
        tx,
        { username: username!, displayName: o.displayName ?? username!, passwordHash: await hashPassword(password!), mustChangePassword: false, grants: [grant] },
        at,
      );
      await appendAudit(tx, db, { at: at.toISOString(), actorUserId: null, actorUsername: 'cli', ip: null, userAgent: 'linli create-admin', requestId: null }, [
        { action: 'users.create', entityType: 'user', entityId: id, after: { username, role: grant.role }, communityId: grant.communityId, subDistrictId: grant.subDistrictId },
      ]);
    });
    console.log(`created ${grant.role} ${username}`);
    await db.close();
  });

/** `x.tar` → `x.pgdump`, beside it: where the printed pg_dump writes the database. */
const pgDumpFile = (bundle: string) => bundle.replace(/\.tar$/i, '') + '.pgdump';

program
  .command('backup <file>')
  .description('write a backup (one tar file) holding the SQLite database and the keys folder, while Linli runs; on PostgreSQL the keys, and the pg_dump command for the database')
  .option('--key-out <file>', 'with LINLI_KEY: save the key to this file (owner only) beside the backup')
  .option('--without-key', 'with LINLI_KEY: leave the key out, as it is kept elsewhere')
  .action(async (file: string, o: { keyOut?: string; withoutKey?: boolean }) => {
    const config = loadConfig();
    const envKey = process.env.LINLI_KEY?.trim() ?? '';
    if (envKey && !o.keyOut && !o.withoutKey) throw new ConsoleError('BACKUP_KEY_IN_ENV');
    if (!config.databaseUrl && !fs.existsSync(sqlitePath(config))) throw new ConsoleError('BACKUP_NO_DATABASE', { path: sqlitePath(config) });
    const db = openDb(config);
    try {
      // a backup whose keys cannot open its data is no backup: the same check as at start-up (without migrating)
      await checkStart(db, config, allModules());
      const target = path.resolve(file);
      const m = await writeBackup(db, config, target, { keyInEnv: Boolean(envKey), now: new Date() });
      const names = m.files.map((f) => f.name).join(', ');
      if (config.databaseUrl) {
        console.log(`✔ 已保存密钥 Saved the keys → ${target}  (${names || 'no key file'})`);
        console.log('  现在备份数据库 Now back up the database (PostgreSQL) with:');
        // (umask: pg_dump makes its file readable by everyone otherwise; it holds names and addresses in clear)
        console.log(`    umask 077 && pg_dump --format=custom --file=${JSON.stringify(pgDumpFile(target))} ${JSON.stringify(config.databaseUrl)}`);
        console.log('  两个文件放在一起保存 Keep the two files together: the database is unreadable without the keys.');
      } else {
        console.log(`✔ 已备份数据库和密钥 Backed up the database and the keys → ${target}  (${names})`);
        console.log('  恢复到空的数据目录 To restore into an empty data directory:');
        console.log(`    LINLI_DATA_DIR=<目录 dir> npx linli restore ${JSON.stringify(target)}`);
      }
      if (envKey && o.keyOut) {
        const saved = writeKeyOut(o.keyOut, envKey);
        console.log(`  ⚠ 数据密钥 LINLI_KEY 不在备份中，已另存 The data key (LINLI_KEY) is not in the backup; saved to → ${saved}`);
      } else if (envKey) {
        console.log('  ⚠ 数据密钥 LINLI_KEY 不在备份中 The data key (LINLI_KEY) is NOT in the backup (--without-key): restoring needs that LINLI_KEY');
      }
      console.log('  备份中有读取身份证号和电话的密钥，请像保管服务器一样保管它。');
      console.log('  The backup holds the key to the ID numbers and phones: keep it as safe as the server.');
    } finally {
      await db.close();
    }
  });

program
  .command('restore <file>')
  .description('restore a backup made by linli backup into an empty data directory (LINLI_DATA_DIR), and check its keys open the data')
  .action(async (file: string) => {
    const config = loadConfig();
    const verify = async (c: Config) => {
      const db = openDb(c);
      try {
        await checkStart(db, c, allModules());
      } finally {
        await db.close();
      }
    };
    const m = await restoreBackup(config, file, verify);
    const names = m.files.map((f) => f.name).join(', ');
    if (m.database === 'postgres') {
      console.log(`✔ 已恢复密钥 Restored the keys → ${config.dataDir}  (${names || 'no key file'})`);
      console.log('  数据库如尚未恢复，请把 pg_dump 的文件恢复到一个空数据库 The database, if not restored yet: restore the pg_dump file into an empty database');
      console.log(`    pg_restore --no-owner --dbname=${JSON.stringify(config.databaseUrl)} ${JSON.stringify(pgDumpFile(path.resolve(file)))}`);
      console.log('  Linli 启动时会检查密钥能否打开数据 At start, Linli checks that the keys open the data.');
    } else {
      console.log(`✔ 已恢复 Restored ${path.resolve(file)} → ${config.dataDir}  (${names}); 密钥能打开数据 the keys open the data`);
    }
    if (m.keyInEnv) console.log('  ⚠ 这份备份不含数据密钥：启动前请设置备份时的 LINLI_KEY  This backup does not hold the data key: set the LINLI_KEY of the time before starting');
    console.log(`  启动 Start Linli on it: LINLI_DATA_DIR=${JSON.stringify(config.dataDir)} npx linli serve`);
  });

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('check the hash chain: says whether it is keyed, and reports the first altered, missing or re-chained row')
  .action(async () => {
    const config = loadConfig();
    const db = openDb(config);
    const key = readAuditKey(config);
    const res = await verifyAudit(db.kysely, key);
    await db.close();
    if (res.ok) console.log(`audit log intact: ${res.checked} rows checked; ${keyedDescription(res, key, db.auditKey.location)}`);
    else {
      const { seq, kind } = res.problem!;
      const why =
        kind === 'unkeyed'
          ? ` — plain SHA-256 where the log is keyed (from row ${res.keyedFrom ?? key!.from}): written or re-chained without the key`
          : kind === 'altered' && !key
            ? ` — or chained with an audit key this machine does not have (LINLI_AUDIT_KEY, or ${db.auditKey.location})`
            : '';
      fail(`audit log broken at row ${seq}: ${kind}${why} (${res.checked} rows before it are intact)`);
    }
  });

/** Whether the log is keyed, from which row, and with which key. */
function keyedDescription(res: VerifyResult, key: AuditKey | null, location: string): string {
  if (!key) return `not keyed: plain SHA-256 (no audit key at ${location} yet; Linli creates it on its next start)`;
  const from = res.keyedFrom ?? key.from;
  if (res.keyedFrom === null) return `plain SHA-256 so far; keyed with HMAC-SHA-256 from row ${from} on (key: ${key.source})`;
  const before = from > 1 ? `; rows 1–${from - 1} plain SHA-256, written before the key` : '';
  return `keyed with HMAC-SHA-256 from row ${from} (key: ${key.source})${before}`;
}

for (const m of allModules()) {
  for (const c of m.commands ?? []) {
    const sub = program.command(c.name).description(c.description);
    for (const o of c.options ?? []) sub.option(o.flags, o.description);
    sub.action(async (...parts: unknown[]) => {
      const config = loadConfig();
      const db = await openChecked(config);
      const cmd = parts[parts.length - 1] as Command;
      try {
        console.log(await c.run({ db, config, modules: allModules(), args: cmd.args, options: cmd.opts() }));
      } finally {
        await db.close();
      }
    });
  }
}

program.parseAsync(process.argv).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
