import { classifyQuery, nameKeys, parseAddressQuery, type AddressQuery } from './lib/pinyin';

/**
 * The keys a resident is found by, stored in `resident_search` and matched by prefix through a
 * plain B-tree index (the same on SQLite and PostgreSQL):
 * - every suffix of the name (张三丰, 三丰, 丰), so a prefix match finds any part of the name;
 * - every full-pinyin and initials spelling (polyphonic readings, surnames read as surnames);
 * - the syllable suffixes of the likeliest full spelling (sanfeng, feng), so the given name alone is
 *   found in pinyin. Initials match from the start only (zsf, zs): "sf" finds nobody.
 */
export function searchKeys(name: string): string[] {
  const keys = nameKeys(name);
  const out = new Set<string>();
  const chars = [...keys.name];
  for (let i = 0; i < chars.length; i++) out.add(chars.slice(i).join(''));
  for (const v of keys.fullVariants) out.add(v);
  for (const v of keys.initialsVariants) out.add(v);
  const syllables = keys.syllables;
  if (syllables.length === chars.length && syllables.join('') === keys.full) {
    for (let i = 1; i < syllables.length; i++) out.add(syllables.slice(i).join(''));
  }
  return [...out].filter(Boolean);
}

export type ParsedQuery =
  | { kind: 'name'; key: string }
  | { kind: 'digits'; digits: string }
  | { kind: 'address'; address: AddressQuery };

/** What the one search box was given: part of a name (characters or pinyin), an ID/phone tail, or an address. */
export function parseQuery(q: string): ParsedQuery | null {
  const s = q.normalize('NFKC').trim();
  if (!s) return null;
  const kind = classifyQuery(s);
  if (kind === 'digits') return { kind: 'digits', digits: s.replace(/\s/g, '').toUpperCase() };
  if (kind === 'address') return { kind: 'address', address: parseAddressQuery(s)! };
  const key = s.toLowerCase().replace(/[\s'’·•]/g, '').replace(/ü/g, 'v');
  return { kind: 'name', key };
}

/**
 * The upper bound of a prefix range: every key starting with `prefix` sorts below it, in binary
 * (code point) order — SQLite's default, and the "C" collation the PostgreSQL column is declared with.
 */
export function prefixEnd(prefix: string): string {
  return prefix + '\u{10FFFF}';
}
