import type { Lang } from '../../../web/i18n.tsx';
import { CARE_TAGS, DERIVED_TAGS, labelOf, type Term } from '../vocab.ts';
import type { PlaceTree } from '../schema.ts';

/** Select options for a vocabulary, labelled in the current language. */
export function vocabOptions(list: readonly Term[], lang: Lang): { value: string; label: string }[] {
  return list.map((x) => ({ value: x.code, label: lang === 'en' ? x.label.en : x.label.zh }));
}

export function vocabLabel(list: readonly Term[], code: string | null | undefined, lang: Lang): string {
  return code ? labelOf(list, code, lang) : '';
}

const ALL_TAGS: readonly Term[] = [...CARE_TAGS, ...DERIVED_TAGS];

export function tagLabel(code: string, lang: Lang): string {
  return labelOf(ALL_TAGS, code, lang);
}

export function isSensitiveTag(code: string): boolean {
  return CARE_TAGS.some((x) => x.code === code && x.sensitive);
}

// Colours group the tags the way staff think of them: age (warm), hardship (red), merit (blue/green).
const TAG_COLOURS: Record<string, string> = {
  age_60: 'orange',
  age_80: 'volcano',
  empty_nest: 'gold',
  living_alone: 'magenta',
  disabled: 'purple',
  dibao: 'red',
  hardship: 'red',
  tekun: 'red',
  zero_employment: 'red',
  retired_cadre: 'geekblue',
  old_worker: 'blue',
  veteran: 'green',
  party_member: 'red',
  unemployed: 'cyan',
};

export function tagColour(code: string): string {
  if (isSensitiveTag(code)) return 'default';
  return TAG_COLOURS[code] ?? 'default';
}

/** Options of the tag filter: stored care tags (sensitive ones only with registry.sensitive) and derived tags. */
export function tagFilterOptions(lang: Lang, withSensitive: boolean, groups: { care: string; derived: string }) {
  return [
    {
      label: groups.care,
      title: groups.care,
      options: CARE_TAGS.filter((x) => withSensitive || !x.sensitive).map((x) => ({ value: x.code, label: lang === 'en' ? x.label.en : x.label.zh })),
    },
    { label: groups.derived, title: groups.derived, options: vocabOptions(DERIVED_TAGS, lang) },
  ];
}

/** "3" → 3号楼 (or Building 3); names that already say 楼/栋/座 are left alone. */
export function buildingName(number: string, name: string, lang: Lang): string {
  if (name && name !== number) return name;
  if (/[楼栋幢座]$/.test(number)) return number;
  return lang === 'en' ? `Building ${number}` : `${number}号楼`;
}

export function entranceName(number: string, lang: Lang): string {
  if (/[单元门]$/.test(number)) return number;
  return lang === 'en' ? `Entrance ${number}` : `${number}单元`;
}

export interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
  /** a node without rooms below it cannot be chosen as a dwelling */
  disabled?: boolean;
}

/** 小区 → 楼栋 → 单元, for filtering the residents list. */
export function placeFilterOptions(tree: PlaceTree, lang: Lang): CascaderOption[] {
  return tree.compounds.map((c) => ({
    value: c.id,
    label: c.name,
    children: c.buildings.length
      ? c.buildings.map((b) => ({
          value: b.id,
          label: buildingName(b.number, b.name, lang),
          children: b.entrances.length ? b.entrances.map((e) => ({ value: e.id, label: entranceName(e.number, lang) })) : undefined,
        }))
      : undefined,
  }));
}

/** 小区 → 楼栋 → 单元 → 房屋, for choosing where someone lives. Only dwellings are leaves. */
export function dwellingOptions(tree: PlaceTree, lang: Lang): CascaderOption[] {
  const rooms = (ds: { id: string; room: string; address: string | null }[]) => ds.map((d) => ({ value: d.id, label: d.address || d.room }));
  const withDisabled = (o: CascaderOption): CascaderOption => ({ ...o, disabled: !o.children || o.children.length === 0 });
  return tree.compounds.map((c) =>
    withDisabled({
      value: c.id,
      label: c.name,
      children: [
        ...c.buildings.map((b) =>
          withDisabled({
            value: b.id,
            label: buildingName(b.number, b.name, lang),
            children: [
              ...b.entrances.map((e) => withDisabled({ value: e.id, label: entranceName(e.number, lang), children: rooms(e.dwellings) })),
              ...rooms(b.dwellings),
            ],
          }),
        ),
        ...rooms(c.dwellings),
      ],
    }),
  );
}

/** Where a dwelling is, as words: 怡丽北园 3号楼 2单元 401. */
export function dwellingAddress(tree: PlaceTree, dwellingId: string, lang: Lang): string | null {
  for (const c of tree.compounds) {
    const plain = c.dwellings.find((d) => d.id === dwellingId);
    if (plain) return plain.address || `${c.name} ${plain.room}`;
    for (const b of c.buildings) {
      const bn = buildingName(b.number, b.name, lang);
      const inB = b.dwellings.find((d) => d.id === dwellingId);
      if (inB) return `${c.name} ${bn} ${inB.room}`;
      for (const e of b.entrances) {
        const inE = e.dwellings.find((d) => d.id === dwellingId);
        if (inE) return `${c.name} ${bn} ${entranceName(e.number, lang)} ${inE.room}`;
      }
    }
  }
  return null;
}

/** The path of ids (compound, building, entrance) down to a place, for a Cascader value. */
export function placePath(tree: PlaceTree, ids: { compoundId?: string; buildingId?: string; entranceId?: string }): string[] {
  return [ids.compoundId, ids.buildingId, ids.entranceId].filter((x): x is string => Boolean(x));
}

/** 110105********1234 — for ID numbers read from a file that the user has not chosen to see in full. */
export function maskId(v: string | null): string {
  if (!v) return '';
  return v.length > 10 ? `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}` : v;
}

export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
