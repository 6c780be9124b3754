import path from 'node:path';
import { scopedDb } from '../../../core/access';
import { appendAudit } from '../../../core/audit/log';
import { sqliteBulkInsert } from '../../../core/db';
import { AppError } from '../../../core/errors';
import { translate } from '../../../core/i18n';
import type { CliCommand } from '../../../core/module';
import { keyringFor } from '../pii';
import { chinaDate } from '../view';
import { importRoster } from './apply';
import { rosterLimits } from './limits';

/**
 * `npx linli import <file> --community <name or id> [--dry-run] [--create-places] [--on-duplicate update|skip] [--json]`:
 * the same import as the web page, for administrators and scripts. Row numbers are the spreadsheet's.
 */
export const importCommand: CliCommand = {
  name: 'import <file>',
  description: 'import a roster (.xlsx or .csv) into a community; --dry-run checks without writing',
  options: [
    { flags: '--community <name or id>', description: 'the community to import into' },
    { flags: '--dry-run', description: 'check every row, write nothing' },
    { flags: '--create-places', description: 'create the compounds, buildings, entrances and dwellings the file names' },
    { flags: '--on-duplicate <update|skip>', description: 'a person already registered (same ID number): update or skip (default skip)' },
    { flags: '--json', description: 'print { rows, imported, updated, skipped, errors: [{ row, column, code, message }] }' },
  ],
  async run({ db, config, args, options }) {
    const file = path.resolve(args[0]);
    const want = String(options.community ?? '');
    if (!want) throw new Error('--community is required');
    const community = await db.kysely
      .selectFrom('community')
      .select(['id', 'name', 'sub_district_id'])
      .where((eb) => eb.or([eb('id', '=', want), eb('name', '=', want)]))
      .executeTakeFirst();
    if (!community) throw new Error(`no community ${want}`);
    const onDuplicate = options.onDuplicate === 'update' ? 'update' : 'skip';
    if (options.onDuplicate && !['update', 'skip'].includes(String(options.onDuplicate))) throw new Error('--on-duplicate is update or skip');
    const now = new Date();
    try {
      const outcome = await db.kysely.transaction().execute(async (tx) => {
        const o = await importRoster(
          { db: scopedDb(tx, community.id, { bulk: sqliteBulkInsert(db) }), keyring: keyringFor(config.dataDir), today: chinaDate(now), buildingIds: null, sensitive: true },
          { path: file },
          path.basename(file),
          { createPlaces: Boolean(options.createPlaces), onDuplicate, dryRun: Boolean(options.dryRun), today: now, actorUserId: null, communityName: community.name, sqlite: db.sqlite, limits: rosterLimits(config) },
        );
        if (!options.dryRun) {
          await appendAudit(tx, db, { at: now.toISOString(), actorUserId: null, actorUsername: 'cli', ip: null, userAgent: 'linli import', requestId: null }, [
            { action: 'registry.import', entityType: 'import', entityId: path.basename(file), communityId: community.id, subDistrictId: community.sub_district_id, after: { rows: o.rows, imported: o.imported, updated: o.updated, skipped: o.skipped, errors: o.errors } },
          ]);
        }
        return o;
      });
      const errors = outcome.issues.filter((i) => i.severity === 'error').map((i) => ({ row: i.row, column: i.column, code: i.code, message: i.message.zh }));
      const summary = { rows: outcome.rows, imported: outcome.imported, updated: outcome.updated, skipped: outcome.skipped, errors };
      if (options.json) return JSON.stringify(summary, null, 2);
      const lines = [
        `${options.dryRun ? '预检 dry run' : '导入 imported'}: ${outcome.rows} 行 rows, ${outcome.imported} 新增 new, ${outcome.updated} 更新 updated, ${outcome.skipped} 跳过 skipped, ${outcome.errors} 行有错误 rows with errors`,
        ...errors.slice(0, 50).map((e) => `  第 ${e.row} 行${e.column ? `「${e.column}」` : ''}: ${e.message}`),
      ];
      if (errors.length > 50) lines.push(`  … ${errors.length - 50} more`);
      return lines.join('\n');
    } catch (e) {
      if (e instanceof AppError) throw new Error(`${translate(e.code, 'zh-CN', e.params)} / ${translate(e.code, 'en', e.params)}`);
      throw e;
    }
  },
};
