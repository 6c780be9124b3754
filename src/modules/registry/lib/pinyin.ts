import { pinyin, polyphonic } from 'pinyin-pro';
import { normalizeAddress, parseAddressQuery, type AddressQuery } from './address';

export { parseAddressQuery, type AddressQuery };

/** Search keys for a resident's name: full pinyin and initials, lower case, no tones or spaces. */
export interface NameKeys {
  /** The name as searched by Chinese characters: no spaces or middle dots. */
  name: string;
  /** 'zhangsan' */
  full: string;
  /** 'zs' */
  initials: string;
  /** Every spelling a user may type, `full` first; at most MAX_NAME_VARIANTS. */
  fullVariants: string[];
  initialsVariants: string[];
  /** the likeliest reading of each character or Latin word, in order */
  syllables: string[];
}

export type QueryKind = 'chinese' | 'pinyin' | 'digits' | 'address';


/** Keeps stored keys small; a name with many polyphonic characters keeps its likeliest readings. */
export const MAX_NAME_VARIANTS = 8;

/**
 * Two-character surnames, so that their second character is read as part of the surname and not
 * given alternative readings. pinyin-pro knows their readings but does not export its list.
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '慕容', '万俟', '长孙', '令狐', '皇甫', '夏侯', '东方', '公孙',
  '宇文', '澹台', '端木', '尉迟', '司徒', '司空', '申屠', '太史', '呼延', '西门', '濮阳', '淳于',
  '轩辕', '独孤', '南宫', '钟离', '赫连', '闻人', '单于', '拓跋', '完颜', '公冶', '宗政', '仲孙',
  '左丘', '东郭', '百里', '第五', '梁丘', '羊舌', '微生', '公羊', '乐正', '鲜于', '闾丘', '亓官',
]);

const HAN = /\p{Script=Han}/u;

/** Printable ASCII and the common CJK ideographs are their own NFKC form (most names are only these). */
const NFKC_STABLE = /^[\x20-\x7e\u3400-\u4dbf\u4e00-\u9fff]*$/;
const nfkc = (s: string) => (NFKC_STABLE.test(s) ? s : s.normalize('NFKC'));

/** Full-width letters and digits to ASCII; drops spaces and the middle dot of minority names. */
function clean(s: string): string {
  return nfkc(s).replace(/[\s·•・.\u00B7\u2027\u30FB]/g, '');
}

/** Input methods type ü as v; passports and many users write u. Both are kept. */
function spellings(syllable: string): string[] {
  const s = syllable.toLowerCase();
  return s.includes('ü') ? [s.replace(/ü/g, 'v'), s.replace(/ü/g, 'u')] : [s];
}

/** One Chinese character, or one run of Latin letters (whose initial is its first letter). */
interface Token {
  /** Spellings in order of likelihood; the first is the reading in context. */
  options: string[];
}

/** A character's readings; characters repeat across a roster, so each is looked up once. */
const readingCache = new Map<string, string[]>();
function readingsOf(char: string): string[] {
  let r = readingCache.get(char);
  if (!r) {
    r = polyphonic(char, { toneType: 'none', type: 'array' })[0] ?? [];
    if (readingCache.size > 20_000) readingCache.clear();
    readingCache.set(char, r);
  }
  return r;
}

/** The name as pinyin-pro splits it: by code point (a surrogate pair is one character). */
function splitChars(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(text.slice(i, i + 2));
        i++;
        continue;
      }
    }
    out.push(text[i]);
  }
  return out;
}

const COMMON_HAN = /^[\u4e00-\u9fff]$/;

/**
 * The readings of a name whose every character is a common ideograph with a single reading: then
 * context cannot change any of them, and looking each up alone gives what pinyin-pro gives for the
 * whole name (checked over every such character, as a surname too, and over generated names: see
 * pinyin.test.ts), for a fraction of the cost. Null when some character needs the name around it.
 */
function readingsAlone(chars: string[]): string[] | null {
  const out: string[] = [];
  for (const c of chars) {
    if (!COMMON_HAN.test(c)) return null;
    const r = readingsOf(c);
    if (r.length !== 1) return null;
    out.push(r[0]);
  }
  return out;
}

function tokenize(rawName: string): Token[] {
  // Spaces stay in until here: they separate the words of a Latin-script name.
  const text = nfkc(rawName).trim();
  // One reading per character, in context. pinyin-pro gives a character it has no reading for back
  // as itself, so a result that differs from the character is a reading. (Asking for type 'all'
  // would say so directly, but also works out initials, finals and every other reading of every
  // character, which costs more than the rest of the name's keys together.)
  const chars = splitChars(text);
  const results = text === '' ? [] : (readingsAlone(chars) ?? pinyin(text, { toneType: 'none', surname: 'head', type: 'array' }));
  const surnameLength = COMPOUND_SURNAMES.has(clean(text).slice(0, 2)) ? 2 : 1;
  const tokens: Token[] = [];
  // a run of Latin letters is one token
  let word = '';
  let hanSeen = 0;
  for (let k = 0; k < results.length; k++) {
    const origin = chars[k];
    const reading = results[k];
    if (reading === origin) {
      const ascii = origin.toLowerCase().replace(/[^a-z]/g, '');
      if (ascii) word += ascii;
      else if (word) {
        tokens.push({ options: [word] });
        word = '';
      }
      continue;
    }
    if (word) {
      tokens.push({ options: [word] });
      word = '';
    }
    const readings = [reading];
    // A surname has one reading (单 is Shan as a surname); elsewhere people may read a polyphonic
    // character either way, so the next most common reading is kept too.
    if (hanSeen++ >= surnameLength) {
      const other = readingsOf(origin).find((r) => r !== reading);
      if (other) readings.push(other);
    }
    // (one reading without ü, as most characters have: its one spelling, without building sets)
    if (readings.length === 1 && !reading.includes('ü')) tokens.push({ options: [reading.toLowerCase()] });
    else tokens.push({ options: [...new Set(readings.flatMap(spellings))] });
  }
  if (word) tokens.push({ options: [word] });
  return tokens;
}

/**
 * Spellings ordered by how many characters depart from their reading in context, so the cap
 * drops the least likely combinations first.
 */
function combinations(tokens: Token[]): string[][] {
  // every token with one spelling (most names): the one combination, without the search below
  if (tokens.every((t) => t.options.length === 1)) return [tokens.map((t) => t.options[0])];
  const out: string[][] = [];
  const choose = (i: number, changesLeft: number, acc: string[]) => {
    if (out.length >= MAX_NAME_VARIANTS) return;
    if (i === tokens.length) {
      if (changesLeft === 0) out.push(acc);
      return;
    }
    const opts = tokens[i].options;
    choose(i + 1, changesLeft, [...acc, opts[0]]);
    if (changesLeft > 0) for (const o of opts.slice(1)) choose(i + 1, changesLeft - 1, [...acc, o]);
  };
  for (let changes = 0; changes <= tokens.length && out.length < MAX_NAME_VARIANTS; changes++) choose(0, changes, []);
  return out;
}

export function nameKeys(rawName: string): NameKeys {
  const name = clean(rawName);
  const tokens = tokenize(rawName);
  const combos = combinations(tokens);
  const fullVariants = [...new Set(combos.map((c) => c.join('')))];
  const initialsVariants = [...new Set(combos.map((c) => c.map((s) => s[0]).join('')))];
  return {
    name,
    full: fullVariants[0] ?? '',
    initials: initialsVariants[0] ?? '',
    fullVariants,
    initialsVariants,
    syllables: tokens.map((t) => t.options[0]),
  };
}

function normalizeQuery(q: string): string {
  return clean(q).toLowerCase().replace(/['’]/g, '').replace(/ü/g, 'v');
}

/**
 * A plain substring test on the stored keys, so that a SQL `LIKE '%q%'` over the same columns
 * finds exactly the same people.
 */
export function matchesQuery(keys: NameKeys, query: string): boolean {
  const q = normalizeQuery(query);
  if (q === '') return true;
  if (HAN.test(q)) return keys.name.includes(q);
  return keys.fullVariants.some((v) => v.includes(q)) || keys.initialsVariants.some((v) => v.includes(q));
}

export function classifyQuery(q: string): QueryKind {
  const s = normalizeAddress(q);
  // An ID number tail may end in X.
  if (/^\d+x?$/i.test(s)) return 'digits';
  if (parseAddressQuery(s)) return 'address';
  if (HAN.test(s)) return 'chinese';
  return 'pinyin';
}
