import type { Message } from '../../core/i18n';

/**
 * The seed's structure (党建 → 居民主体 → 资源载体 → 热点难点 → 成效), as chapters the modules' report
 * sections are filed under. The report module owns this; a module not named here gets a chapter of its
 * own at the end, so a new programme shows up in the report without touching this file.
 */
export interface OutlineChapter {
  key: string;
  title: Message;
  /** module names, in the order their sections appear in the chapter */
  modules: string[];
  /** the opening 概况 is not a numbered chapter */
  numbered: boolean;
}

export const OUTLINE: OutlineChapter[] = [
  { key: 'profile', title: { zh: '社区概况', en: 'The community' }, modules: ['profile', 'registry'], numbered: false },
  { key: 'party', title: { zh: '发挥社区党支部的领导核心作用', en: 'The party branch leads' }, modules: ['party'], numbered: true },
  {
    key: 'residents',
    title: { zh: '发挥社区居民的主体作用，推进居民自治', en: 'Residents run their community' },
    modules: ['governance', 'volunteers', 'teams'],
    numbered: true,
  },
  {
    key: 'services',
    title: { zh: '整合社区资源抓载体，做好民生服务', en: 'Resources and services for residents' },
    modules: ['services', 'employment', 'visits', 'donations', 'culture', 'civic'],
    numbered: true,
  },
  { key: 'issues', title: { zh: '解决社区热点、难点问题', en: 'Hard problems solved' }, modules: ['projects', 'safety', 'disputes'], numbered: true },
  { key: 'results', title: { zh: '创建成效', en: 'Results' }, modules: ['honours', 'media'], numbered: true },
];

/**
 * The figures the dashboard charts first, as `<module>.<key>`. Sections with none listed here chart
 * their first two numeric figures.
 */
export const KEY_FIGURES = [
  'registry.households',
  'registry.residents',
  'party.pledges.members',
  'party.study.sessions',
  'party.newsletter.copies',
];

/** Where a figure without a link of its own drills down to: the module's main page. */
export const FALLBACK_LINKS: Record<string, string> = {
  registry: 'residents',
  party: 'party',
};
