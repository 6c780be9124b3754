import { defineMessages } from '../../core/i18n';
import type { LinliModule } from '../../core/module';
import { ID_NUMBER_MESSAGES } from './lib/id-number';
import { migrations } from './migrations';
import { permissions } from './policy';
import { routes } from './routes';
import { importRoutes } from './import/routes';
import { ROSTER_FILE_MESSAGES } from './import/messages';
import { importCommand } from './import/cli';
import { sweepImports } from './import/jobs';
import { seedDemo } from './seed';
import { rotateDataKey } from './rotate';
import { checkDataKeys } from './keys';
import { registryFigures } from './report';
import { redactSensitiveTags } from './audit';
import { scopedDb } from '../../core/access';
import './tables';

export type { ResidentRow, ResidentDetail, PlaceTree, HouseholdCard, SavedList } from './schema';
export { CARE_TAGS, DERIVED_TAGS } from './vocab';
/** for modules that keep a phone of their own (party members living elsewhere): sealed and masked as the registry does */
export { keyringFor, seal, maskedPhone, phoneDigits } from './pii';
export { chinaDate } from './view';
/** for modules that import rosters of their own (party members): the same reader, ID check and blind index */
export { readRosterFile, type RosterFileRow } from './import/read';
export { rosterLimits, type RosterLimits } from './import/limits';
export { cellText, type CellValue } from './import/text';
export { parseIdNumber } from './lib/id-number';
export { blindIndex } from './pii';
/** for modules that look residents up (the services hotline desk): the request's view of the registry, and search by whole phone number or name */
export { registryView } from './view';
export { findResidents } from './lookup';
/** for modules that keep a sealed phone of their own and show it in full to those allowed (logged by the caller) */
export { open as openSealed } from './pii';
export type { RegistryView } from './queries';
/** for modules that change a resident's facts or read saved lists (employment, visits): the registry's own doors */
export { setEmploymentStatus, savedListResidents, ensureSavedList, type SavedListResident } from './shared';
export { formatAddress, namesSensitiveTag } from './queries';
export { EMPLOYMENT, labelOf } from './vocab';

defineMessages({
  ...ID_NUMBER_MESSAGES,
  ...ROSTER_FILE_MESSAGES,
  IMPORT_INTERRUPTED: { zh: '导入因服务器重启而中断，名册没有任何改变，请重新导入', en: 'The import was cut off by a server restart; nothing was changed. Please import again' },
  IMPORT_RUNNING: { zh: '这份花名册正在导入，请稍候', en: 'This roster is being imported; please wait' },
  IMPORT_FILE_GONE: {
    zh: '上传的花名册已经删除（导入结束、已放弃，或上传超过一天），请重新上传',
    en: 'The uploaded roster has been deleted (imported, abandoned, or uploaded more than a day ago); please upload it again',
  },
  ROSTER_TOO_LARGE: { zh: '文件太大（上限 200 MB），请分成几个文件导入', en: 'The file is too large (200 MB at most); split it' },
  RESIDENT_DUPLICATE: { zh: '该身份证号已登记：{name}', en: 'This ID number is already registered: {name}' },
  RESIDENT_NOT_ACTIVE: { zh: '该居民已迁出或已故，不能再登记迁移', en: 'This resident has moved out or died' },
  PLACE_EXISTS: { zh: '{name} 已存在', en: '{name} already exists' },
  HOUSEHOLD_SPLIT_ALL: { zh: '分户要留下至少一人在原户', en: 'A split leaves at least one member in the household' },
  LIST_NAME_TAKEN: { zh: '已有同名名单', en: 'A list with this name exists' },
  // start-up refusals (keys.ts), read by whoever restores a backup: say where the key should be and what to do
  KEY_FILE_MISSING: {
    zh: '数据库中有加密保存的身份证号和电话（密钥 {ids}），但找不到密钥文件 {path}，也没有设置 LINLI_KEY。Linli 不会新建密钥，否则这些数据再也无法读出。请恢复备份中的密钥：用 linli restore 恢复整份备份，或把备份中的 keys/linli.key 放回 {path}，或设置加密时所用的 LINLI_KEY。',
    en: 'The database holds encrypted ID numbers and phones (key {ids}), but there is no key file at {path} and LINLI_KEY is not set. Linli will not make a new key: those values could never be read again. Restore the backup\'s key: restore the whole backup with linli restore, put the backup\'s keys/linli.key back at {path}, or set the LINLI_KEY they were encrypted with.',
  },
  KEY_NOT_IN_KEYRING: {
    zh: '数据库中有用密钥 {ids} 加密的身份证号或电话，但 {where} 中没有这把密钥（只有 {have}）。请恢复加密这些数据时的密钥：备份中的 keys/linli.key，或当时的 LINLI_KEY。',
    en: 'The database holds ID numbers or phones encrypted under key {ids}, which {where} does not hold (it holds {have}). Restore the key they were encrypted with: keys/linli.key from the backup, or the LINLI_KEY of the time.',
  },
  KEY_DOES_NOT_OPEN: {
    zh: '{where} 中的密钥 {id} 打不开数据库中用 {id} 加密的数据（{column}）：它不是加密这些数据的那把密钥。请恢复备份中的 keys/linli.key，或当时的 LINLI_KEY。',
    en: 'Key {id} in {where} does not open the values encrypted under {id} in the database ({column}): it is not the key they were encrypted with. Restore keys/linli.key from the backup, or the LINLI_KEY of the time.',
  },
  KEY_FILE_INVALID: { zh: '密钥 {where} 无法读取：{detail}', en: 'The key in {where} cannot be read: {detail}' },
});

/** 居民登记 — places and people: the registry every other programme stands on. */
export const registryModule: LinliModule = {
  name: 'registry',
  label: { zh: '人口管理', en: 'Registry' },
  migrations,
  permissions,
  routes: [...routes, ...importRoutes],
  // uploads left behind (a closed tab, a server stopped mid-import) go after a day
  async register(app, services) {
    const sweep = () => sweepImports(services.config.dataDir).catch(() => 0);
    await sweep();
    const timer = setInterval(() => void sweep(), 3_600_000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  seedDemo,
  commands: [
    importCommand,
    {
      name: 'rotate-key',
      description: 're-encrypt every ID number and phone under a new data key (keys in <LINLI_DATA_DIR>/keys/linli.key)',
      run: ({ db, config, modules }) => {
        // every module's sealed columns are re-encrypted: without the list, some would be left behind
        if (!modules) throw new Error('rotate-key needs the list of modules');
        return rotateDataKey(db, config, modules);
      },
    },
  ],
  sealed: [{ table: 'resident', columns: ['id_number_enc', 'phone_enc', 'phone2_enc'] }],
  checkStart: checkDataKeys,
  reportSection: ({ db, communityId, from, to }) => registryFigures(scopedDb(db.kysely, communityId), from, to),
  redactAudit: redactSensitiveTags,
};
