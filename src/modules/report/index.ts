import { defineMessages } from '../../core/i18n';
import type { LinliModule } from '../../core/module';
import { reportCommand } from './cli';
import { migrations } from './migrations';
import { permissions } from './policy';
import { routes } from './routes';
import './tables';

export type { WorkReport, Composition, Rollup } from './schema';
export { composeReport } from './compose';

defineMessages({
  REPORT_SIGNED: { zh: '这份汇报已由{name}于{at}签发，不能再修改；如需修改请新起草一份', en: 'This report was signed by {name} on {at} and can no longer change; draft a new one instead' },
  REPORT_PERIOD_ORDER: { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  REPORT_PERIOD_TOO_LONG: { zh: '汇报期间最长十年', en: 'A report covers at most ten years' },
  REPORT_FIGURE_UNKNOWN: { zh: '没有这项指标：{figure}', en: 'No such figure: {figure}' },
});

/** 工作汇报 — the yearly report composed from every module's figures, its dashboard, and the sub-district's roll-up. */
export const reportModule: LinliModule = {
  name: 'report',
  label: { zh: '工作汇报', en: 'Work report' },
  migrations,
  permissions,
  routes,
  commands: [reportCommand],
};
