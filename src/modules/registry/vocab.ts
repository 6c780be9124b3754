import type { Message } from '../../core/i18n';

/**
 * The registry's fixed vocabularies: one code per term, with its Chinese and English label.
 * Shared by the server (validation, exports, import) and the web (forms, filters).
 */
export interface Term {
  code: string;
  label: Message;
  /** other ways rosters write it, for import */
  synonyms?: string[];
}

const t = (code: string, zh: string, en: string, synonyms: string[] = []): Term => ({ code, label: { zh, en }, synonyms });

export const GENDERS = [t('male', '男', 'Male', ['男性', 'm']), t('female', '女', 'Female', ['女性', 'f'])] as const;

/** 与户主关系 */
export const RELATIONS = [
  t('head', '户主', 'Head of household', ['本人']),
  t('spouse', '配偶', 'Spouse', ['妻', '夫', '妻子', '丈夫']),
  t('son', '子', 'Son', ['儿子', '长子', '次子']),
  t('daughter', '女', 'Daughter', ['女儿', '长女', '次女']),
  t('father', '父亲', 'Father', ['父']),
  t('mother', '母亲', 'Mother', ['母']),
  t('parent_in_law', '岳父母/公婆', 'Parent-in-law', ['岳父', '岳母', '公公', '婆婆']),
  t('child_in_law', '儿媳/女婿', 'Child-in-law', ['儿媳', '女婿']),
  t('grandchild', '孙子女/外孙子女', 'Grandchild', ['孙子', '孙女', '外孙', '外孙女']),
  t('grandparent', '祖父母/外祖父母', 'Grandparent', ['祖父', '祖母', '外祖父', '外祖母']),
  t('sibling', '兄弟姐妹', 'Sibling', ['兄', '弟', '姐', '妹', '哥哥', '弟弟', '姐姐', '妹妹']),
  t('other', '其他', 'Other', ['其它', '亲属', '非亲属', '保姆']),
] as const;

/** 户籍类型 */
export const REGISTRATION_TYPES = [
  t('huji', '户籍人口', 'Registered resident', ['户籍', '常住', '本市户籍']),
  t('floating', '流动人口', 'Floating population', ['流动', '外来', '暂住']),
  t('overseas', '境外人员', 'From outside the mainland', ['境外', '外籍', '港澳台']),
] as const;

/** 人户状态: whether the person lives where they are registered (人户分离 when not) */
export const RESIDENCE = [
  t('both', '人户一致', 'Lives where registered', ['一致']),
  t('registered_only', '户在人不在', 'Registered here, lives elsewhere', ['人户分离（户在人不在）']),
  t('living_only', '人在户不在', 'Lives here, registered elsewhere', ['人户分离（人在户不在）']),
] as const;

/** 就业状况 */
export const EMPLOYMENT = [
  t('employed', '在业', 'Employed', ['就业', '在职', '灵活就业']),
  t('unemployed', '失业', 'Unemployed', ['失业人员', '待业', '无业']),
  t('retired', '离退休', 'Retired', ['退休', '离休']),
  t('student', '在校学生', 'Student', ['学生', '在校']),
  t('preschool', '学龄前', 'Pre-school child', ['学龄前儿童']),
  t('unable', '无劳动能力', 'Unable to work', ['丧失劳动能力']),
  t('other', '其他', 'Other', []),
] as const;

/** 文化程度 */
export const EDUCATION = [
  t('none', '未上学', 'No schooling', ['文盲', '无']),
  t('primary', '小学', 'Primary school'),
  t('junior', '初中', 'Junior secondary'),
  t('senior', '高中/中专', 'Senior secondary', ['高中', '中专', '职高', '技校']),
  t('college', '大专', 'College', ['专科']),
  t('bachelor', '本科', "Bachelor's", ['大学', '大学本科']),
  t('postgraduate', '研究生', 'Postgraduate', ['硕士', '博士', '研究生及以上']),
] as const;

/** 政治面貌 */
export const POLITICAL = [
  t('cpc_member', '中共党员', 'CPC member', ['党员', '共产党员']),
  t('cpc_probationary', '中共预备党员', 'CPC probationary member', ['预备党员']),
  t('cyl_member', '共青团员', 'Youth League member', ['团员']),
  t('democratic', '民主党派', 'Democratic party member'),
  t('masses', '群众', 'No party affiliation', ['无']),
] as const;

export interface CareTagDef extends Term {
  /** held by a household rather than a person */
  household?: boolean;
  /** seen only by roles with registry.sensitive */
  sensitive?: boolean;
  /** carries a grade (残疾等级) */
  graded?: boolean;
}

/** 特殊群体标签 — the groups the community cares for. Age bands, 党员 and 失业人员 are derived, not stored. */
export const CARE_TAGS: CareTagDef[] = [
  { ...t('empty_nest', '空巢老人', 'Empty-nest elder', ['空巢']) },
  { ...t('living_alone', '独居老人', 'Elder living alone', ['独居']) },
  { ...t('disabled', '残疾人', 'Person with disability', ['残疾']), graded: true },
  { ...t('dibao', '低保户', 'Minimum-living-allowance household', ['低保']) },
  { ...t('hardship', '困难户', 'Household in difficulty', ['困难', '困难家庭']) },
  { ...t('tekun', '特困人员', 'Extreme-hardship person', ['特困', '五保']) },
  { ...t('retired_cadre', '离退休干部', 'Retired cadre', ['离休干部', '退休干部', '老干部']) },
  { ...t('old_worker', '老职工', 'Retired worker', ['老工人']) },
  { ...t('veteran', '退役军人', 'Veteran', ['复员军人', '转业军人', '军烈属']) },
  { ...t('zero_employment', '零就业家庭', 'Zero-employment household', ['零就业']), household: true },
  { ...t('rectified', '归正人员', 'Released from prison', ['刑释解教', '刑满释放']), sensitive: true },
  { ...t('community_correction', '社区矫正人员', 'Under community correction', ['社区矫正']), sensitive: true },
  { ...t('mental_health', '严重精神障碍患者', 'Severe mental disorder', ['精神障碍']), sensitive: true },
];

/** Tags computed from other facts, offered in filters beside the stored ones. */
export const DERIVED_TAGS = [
  t('age_60', '60岁以上', 'Aged 60+'),
  t('age_80', '80岁以上', 'Aged 80+'),
  t('party_member', '党员', 'Party member'),
  t('unemployed', '失业人员', 'Unemployed'),
] as const;

export const RESIDENT_STATUS = [
  t('active', '在册', 'Living here'),
  t('moved_out', '已迁出', 'Moved out'),
  t('deceased', '已故', 'Deceased'),
] as const;

/** 生活事件 — what happened to a resident or household; history is kept, never overwritten. */
export const LIFE_EVENTS = [
  t('moved_in', '迁入', 'Moved in'),
  t('moved_out', '迁出', 'Moved out'),
  t('moved_within', '社区内搬迁', 'Moved within the community'),
  t('deceased', '死亡', 'Deceased'),
  t('household_split', '分户', 'Household split'),
  t('household_merged', '并户', 'Household merged'),
  t('registered', '登记', 'Registered'),
] as const;

export const codes = <T extends readonly Term[]>(list: T) => list.map((x) => x.code) as [string, ...string[]];

export function labelOf(list: readonly Term[], code: string | null | undefined, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const term = list.find((x) => x.code === code);
  if (!term) return code ?? '';
  return lang === 'en' ? term.label.en : term.label.zh;
}

/** every spelling a list's terms may be written in (lowercase), to its code */
const spellings = new WeakMap<readonly Term[], Map<string, string>>();

/** Finds the code for what a roster wrote ("女", "女儿", "female"), or null. */
export function codeFor(list: readonly Term[], written: string): string | null {
  const w = written.trim().toLowerCase();
  if (!w) return null;
  let byWritten = spellings.get(list);
  if (!byWritten) {
    byWritten = new Map();
    // the first term a spelling belongs to wins, as when the list was searched in order
    for (const x of list) {
      for (const s of [x.code, x.label.zh, x.label.en.toLowerCase(), ...(x.synonyms ?? []).map((y) => y.toLowerCase())]) {
        if (!byWritten.has(s)) byWritten.set(s, x.code);
      }
    }
    spellings.set(list, byWritten);
  }
  return byWritten.get(w) ?? null;
}
