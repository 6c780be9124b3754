import fs from 'node:fs';
import path from 'node:path';
import { scopedDb } from '../../core/access';
import type { Db } from '../../core/db';
import { isCalendarDay } from '../../core/http/period';
import type { CliCommand } from '../../core/module';
import { composeReport, draftNarrative } from './compose';
import { reportDocx, rollupDocx } from './docx';
import { checkPeriod, defaultTitle, signedFor } from './queries';
import { composeRollup } from './rollup';


async function findSubDistrict(db: Db, want: string) {
  const sd = await db.kysely.selectFrom('sub_district').select(['id', 'name']).where((eb) => eb.or([eb('id', '=', want), eb('name', '=', want)])).executeTakeFirst();
  if (!sd) throw new Error(`no sub-district ${want} / 没有这个街道`);
  return sd;
}

async function findCommunity(db: Db, want: string, subDistrictId: string | null) {
  let q = db.kysely
    .selectFrom('community')
    .innerJoin('sub_district', 'sub_district.id', 'community.sub_district_id')
    .select(['community.id as id', 'community.name as name', 'community.sub_district_id as subDistrictId', 'sub_district.name as subDistrictName'])
    .where((eb) => eb.or([eb('community.id', '=', want), eb('community.name', '=', want)]));
  if (subDistrictId) q = q.where('community.sub_district_id', '=', subDistrictId);
  const found = await q.execute();
  if (found.length === 0) throw new Error(`no community ${want}${subDistrictId ? ' in that sub-district' : ''} / 没有这个社区`);
  if (found.length > 1) throw new Error(`${found.length} communities are named ${want}: add --sub-district / 有重名社区，请加 --sub-district`);
  return found[0];
}

/**
 * `linli report --community <name or id> [--sub-district <name or id>] --from YYYY-MM-DD --to YYYY-MM-DD --out <file.docx>`
 * for year-end batches: the community's signed report of exactly that period when there is one,
 * otherwise its figures computed now with the draft words. With `--sub-district` alone, the roll-up.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  description: 'write a work report (or, with --sub-district alone, the sub-district roll-up) as a .docx file',
  options: [
    { flags: '--community <name or id>', description: 'the community' },
    { flags: '--sub-district <name or id>', description: 'the sub-district: narrows --community, or alone writes the roll-up of all its communities' },
    { flags: '--from <YYYY-MM-DD>', description: 'first day of the period' },
    { flags: '--to <YYYY-MM-DD>', description: 'last day of the period' },
    { flags: '--out <file.docx>', description: 'where to write the document' },
  ],
  async run({ db, options }) {
    const from = String(options.from ?? '');
    const to = String(options.to ?? '');
    const out = String(options.out ?? '');
    if (!isCalendarDay(from) || !isCalendarDay(to)) throw new Error('--from and --to are dates YYYY-MM-DD / 请用 YYYY-MM-DD 给出起止日期');
    try {
      checkPeriod(from, to);
    } catch {
      throw new Error('--to must not be before --from, and a report covers at most ten years / 结束日期不能早于开始日期，期间最长十年');
    }
    if (!out) throw new Error('--out <file.docx> is required / 请给出输出文件');
    if (!options.community && !options.subDistrict) throw new Error('--community or --sub-district is required / 请指定社区或街道');
    const sd = options.subDistrict ? await findSubDistrict(db, String(options.subDistrict)) : null;
    // the module list, read when the command runs (it lists this module too)
    const { modules } = await import('../index');
    const deps = { db, modules };
    const now = new Date();
    let buf: Buffer;
    let what: string;
    if (options.community) {
      const c = await findCommunity(db, String(options.community), sd?.id ?? null);
      const signed = await signedFor(scopedDb(db.kysely, c.id), from, to);
      if (signed) {
        buf = await reportDocx({ title: signed.title, composition: signed.composition, narrative: signed.narrative, highlightEdits: signed.highlightEdits, signed: { name: signed.signedByName, at: signed.signedAt } });
        what = `${c.name}, signed by ${signed.signedByName ?? '?'}`;
      } else {
        const composition = await composeReport(deps, c, from, to, now);
        buf = await reportDocx({ title: defaultTitle(c.name), composition, narrative: draftNarrative(composition), highlightEdits: {}, signed: null });
        what = `${c.name}, figures as of now (no signed report of this period)`;
      }
    } else {
      const communities = await db.kysely
        .selectFrom('community')
        .select(['id', 'name', 'sub_district_id as subDistrictId'])
        .where('sub_district_id', '=', sd!.id)
        .orderBy('name')
        .execute();
      const r = await composeRollup(deps, { ...sd!, communities: communities.map((c) => ({ ...c, subDistrictName: sd!.name })) }, from, to, now);
      buf = await rollupDocx(r);
      what = `${sd!.name}, ${communities.length} communities`;
    }
    const file = path.resolve(out);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, buf);
    return `wrote ${file} (${what}; ${from} – ${to})`;
  },
};
