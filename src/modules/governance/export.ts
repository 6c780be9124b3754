import type { FileResponse } from '../../core/http/route';
import type { Lang } from '../../core/i18n';
import { xlsxFile } from '../../core/files/xlsx';
import type { TallyView } from './schema';
import type { Notice, Partner, Proposal, Representative } from './schema';
import { CHANNEL_LABELS, NOTICE_KIND_LABELS, OUTCOME_LABELS, PHASE_LABELS, SOURCE_LABELS, STATE_LABELS } from './schema';

type M = { zh: string; en: string };
const pick = (lang: Lang, m: M) => (lang === 'en' ? m.en : m.zh);

/** The period a list was limited to, for the file's name: （2026-03-01至2026-03-31）, or nothing. */
const periodPart = (f: { from?: string; to?: string }) => (f.from || f.to ? `（${f.from ?? ''}至${f.to ?? ''}）` : '');

export const periodText = (lang: Lang, rule: Notice['periodRule'], length: number) =>
  rule === 'working_days' ? (lang === 'en' ? `${length} working days` : `${length}个工作日`) : lang === 'en' ? `${length} days` : `${length}天`;

/** 居民代表名单: every term, by building; phones masked. */
export function exportRepresentatives(rows: Representative[], lang: Lang, community: string): Promise<FileResponse> {
  let n = 0;
  return xlsxFile<Representative>({
    filename: `${community}居民代表名单.xlsx`,
    sheet: { zh: '居民代表', en: 'Representatives' },
    lang,
    rows,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '小区', en: 'Compound' }, width: 12, value: (r) => r.compoundName },
      { header: { zh: '代表楼栋', en: 'Building' }, width: 10, value: (r) => r.buildingName },
      { header: { zh: '姓名', en: 'Name' }, width: 10, value: (r) => r.name },
      { header: { zh: '性别', en: 'Gender' }, width: 6, value: (r) => (r.gender === 'F' || r.gender === 'female' ? pick(lang, { zh: '女', en: 'F' }) : r.gender ? pick(lang, { zh: '男', en: 'M' }) : null) },
      { header: { zh: '年龄', en: 'Age' }, width: 6, value: (r) => r.age },
      { header: { zh: '住址', en: 'Address' }, width: 16, value: (r) => r.address },
      { header: { zh: '联系电话', en: 'Phone' }, width: 16, value: (r) => r.phoneMasked },
      { header: { zh: '任期开始', en: 'Term from' }, width: 12, value: (r) => r.termStart },
      { header: { zh: '任期结束', en: 'Term to' }, width: 12, value: (r) => r.termEnd },
      { header: { zh: '状态', en: 'Status' }, width: 8, value: (r) => pick(lang, r.inOffice ? { zh: '在任', en: 'In office' } : { zh: '已卸任', en: 'Past' }) },
      { header: { zh: '备注', en: 'Notes' }, width: 20, value: (r) => r.notes },
    ],
  });
}

/** 议题及表决结果: every proposal, how it came in, where it stands, the votes and the resolution. */
export function exportProposals(rows: (Proposal & { tally: TallyView | null })[], lang: Lang, community: string, period: { from?: string; to?: string } = {}): Promise<FileResponse> {
  let n = 0;
  const decided = (p: Proposal) => ['passed', 'rejected'].includes(p.state);
  return xlsxFile({
    filename: `${community}议题及表决结果${periodPart(period)}.xlsx`,
    sheet: { zh: '议题', en: 'Proposals' },
    lang,
    rows,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '议题', en: 'Proposal' }, width: 30, value: (p) => p.title },
      { header: { zh: '提出方', en: 'Source' }, width: 10, value: (p) => pick(lang, SOURCE_LABELS[p.source]) },
      { header: { zh: '提出人', en: 'Submitter' }, width: 10, value: (p) => p.submitterName },
      { header: { zh: '提交方式', en: 'Channel' }, width: 16, value: (p) => pick(lang, CHANNEL_LABELS[p.channel]) },
      { header: { zh: '提交日期', en: 'Submitted' }, width: 12, value: (p) => p.createdAt.slice(0, 10) },
      { header: { zh: '预算（元）', en: 'Cost (yuan)' }, width: 12, value: (p) => p.costEstimate },
      { header: { zh: '重大事项', en: 'Major' }, width: 8, value: (p) => pick(lang, p.major ? { zh: '是', en: 'Yes' } : { zh: '否', en: 'No' }) },
      { header: { zh: '状态', en: 'State' }, width: 10, value: (p) => pick(lang, STATE_LABELS[p.state]) },
      { header: { zh: '会议', en: 'Meeting' }, width: 24, value: (p) => p.meetingTitle },
      { header: { zh: '会议日期', en: 'Meeting date' }, width: 12, value: (p) => p.meetingDate },
      { header: { zh: '决定日期', en: 'Decided' }, width: 12, value: (p) => p.decidedAt?.slice(0, 10) },
      { header: { zh: '实到代表', en: 'Present' }, width: 8, value: (p) => (p.tally && decided(p) ? p.tally.present : null) },
      { header: { zh: '赞成', en: 'For' }, width: 6, value: (p) => (p.tally && decided(p) ? p.tally.for : null) },
      { header: { zh: '反对', en: 'Against' }, width: 6, value: (p) => (p.tally && decided(p) ? p.tally.against : null) },
      { header: { zh: '弃权', en: 'Abstain' }, width: 6, value: (p) => (p.tally && decided(p) ? p.tally.abstain : null) },
      {
        header: { zh: '通过标准', en: 'Threshold' },
        width: 14,
        value: (p) => pick(lang, p.major ? { zh: '实到三分之二以上', en: 'Two-thirds present' } : { zh: '实到过半数', en: 'Majority present' }),
      },
      { header: { zh: '决议编号', en: 'Resolution' }, width: 20, value: (p) => p.resolutionNumber },
    ],
  });
}

/** 公示登记: what was noticed, when, for how long, the objections and how the notice closed. */
export function exportNotices(
  rows: Notice[],
  objections: { notice_id: string; content: string; answer: string | null }[],
  lang: Lang,
  community: string,
  period: { from?: string; to?: string } = {},
): Promise<FileResponse> {
  let n = 0;
  return xlsxFile<Notice>({
    filename: `${community}公示登记${periodPart(period)}.xlsx`,
    sheet: { zh: '公示', en: 'Notices' },
    lang,
    rows,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '标题', en: 'Title' }, width: 32, value: (x) => x.title },
      { header: { zh: '类别', en: 'Kind' }, width: 10, value: (x) => pick(lang, NOTICE_KIND_LABELS[x.kind]) },
      { header: { zh: '决议编号', en: 'Resolution' }, width: 20, value: (x) => x.resolutionNumber },
      { header: { zh: '公示期', en: 'Period' }, width: 12, value: (x) => periodText(lang, x.periodRule, x.periodLength) },
      { header: { zh: '开始', en: 'From' }, width: 12, value: (x) => x.startDate },
      { header: { zh: '截止', en: 'To' }, width: 12, value: (x) => x.endDate },
      { header: { zh: '状态', en: 'Status' }, width: 14, value: (x) => pick(lang, PHASE_LABELS[x.phase]) },
      { header: { zh: '结果', en: 'Outcome' }, width: 14, value: (x) => (x.outcome ? pick(lang, OUTCOME_LABELS[x.outcome]) : null) },
      { header: { zh: '异议数', en: 'Objections' }, width: 8, value: (x) => x.objections },
      {
        header: { zh: '异议及答复', en: 'Objections and answers' },
        width: 60,
        value: (x) =>
          objections
            .filter((o) => o.notice_id === x.id)
            .map((o, i) => `${i + 1}. ${o.content}${o.answer ? ` —— ${pick(lang, { zh: '答复', en: 'Answer' })}：${o.answer}` : ''}`)
            .join('\n') || null,
      },
    ],
  });
}

/** 共建单位: liaison, agreement, the year's plan and what each unit shared in the year, or in a period. */
export function exportPartners(rows: Partner[], lang: Lang, community: string, window: { year: number; from?: string; to?: string }): Promise<FileResponse> {
  let n = 0;
  const { year } = window;
  const sum = (p: Partner, kind: string) => p.resources.filter((r) => r.kind === kind).reduce((a, r) => a + (r.amount ?? 0), 0);
  const inPeriod = window.from !== undefined;
  return xlsxFile<Partner>({
    filename: inPeriod ? `${community}共建单位${periodPart(window)}.xlsx` : `${community}${year}年共建单位.xlsx`,
    sheet: inPeriod ? { zh: '共建单位', en: 'Partners' } : { zh: `${year}年共建单位`, en: `Partners ${year}` },
    lang,
    rows,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '单位', en: 'Unit' }, width: 24, value: (p) => p.name },
      { header: { zh: '类别', en: 'Kind' }, width: 10, value: (p) => p.kind },
      { header: { zh: '联络员', en: 'Liaison' }, width: 10, value: (p) => p.liaisonName },
      { header: { zh: '职务', en: 'Title' }, width: 12, value: (p) => p.liaisonTitle },
      { header: { zh: '联系电话', en: 'Phone' }, width: 16, value: (p) => p.liaisonPhoneMasked },
      { header: { zh: '协议期限', en: 'Agreement' }, width: 24, value: (p) => (p.agreementStart ? `${p.agreementStart} ~ ${p.agreementEnd ?? ''}` : null) },
      { header: { zh: '年度计划', en: 'Plan' }, width: 40, value: (p) => p.plan },
      { header: { zh: '出资（元）', en: 'Money (yuan)' }, width: 12, value: (p) => sum(p, 'money') },
      { header: { zh: '志愿者（人次）', en: 'Volunteers' }, width: 12, value: (p) => sum(p, 'volunteers') },
      { header: { zh: '提供场地（次）', en: 'Rooms' }, width: 12, value: (p) => sum(p, 'room') },
      { header: { zh: '联席会议出席', en: 'Joint meetings' }, width: 12, value: (p) => p.meetingsAttended },
    ],
  });
}
