import { describe, expect, it } from 'vitest';
import { pinyin, polyphonic } from 'pinyin-pro';
import { classifyQuery, matchesQuery, MAX_NAME_VARIANTS, nameKeys, parseAddressQuery } from './pinyin';

describe('nameKeys', () => {
  it('gives full pinyin and initials in lower case without tones', () => {
    expect(nameKeys('张三')).toEqual({
      name: '张三',
      full: 'zhangsan',
      initials: 'zs',
      fullVariants: ['zhangsan'],
      initialsVariants: ['zs'],
      syllables: ['zhang', 'san'],
    });
    expect(nameKeys('张三丰').initials).toBe('zsf');
  });

  it.each([
    ['单雄信', 'shan'],
    ['曾国藩', 'zeng'],
    ['解缙', 'xie'],
    ['区寄', 'ou'],
    ['仇英', 'qiu'],
    ['朴槿惠', 'piao'],
    ['查良镛', 'zha'],
    ['乐毅', 'yue'],
    ['万俟卨', 'moqi'],
    ['欧阳修', 'ouyang'],
    ['司马光', 'sima'],
    ['诸葛亮', 'zhuge'],
    ['上官婉儿', 'shangguan'],
    ['慕容复', 'murong'],
    ['长孙无忌', 'zhangsun'],
  ])('reads the surname of %s as %s, and only so', (name, surname) => {
    const keys = nameKeys(name);
    expect(keys.full.startsWith(surname)).toBe(true);
    for (const v of keys.fullVariants) expect(v.startsWith(surname)).toBe(true);
  });

  it('reads a compound surname as one surname', () => {
    expect(nameKeys('万俟卨')).toMatchObject({ full: 'moqixie', initials: 'mqx' });
    expect(nameKeys('欧阳修')).toMatchObject({ full: 'ouyangxiu', initials: 'oyx' });
    expect(nameKeys('诸葛亮').initials).toBe('zgl');
  });

  it('keeps both readings of a polyphonic character in the given name', () => {
    const keys = nameKeys('李乐');
    expect(keys.fullVariants).toEqual(expect.arrayContaining(['lile', 'liyue']));
    expect(keys.initialsVariants).toEqual(expect.arrayContaining(['ll', 'ly']));
    expect(nameKeys('王重阳').fullVariants).toEqual(expect.arrayContaining(['wangzhongyang', 'wangchongyang']));
  });

  it('reads 单 as a surname first and either way in the given name', () => {
    const keys = nameKeys('单单');
    expect(keys.full).toBe('shandan');
    expect(keys.fullVariants).toEqual(expect.arrayContaining(['shandan', 'shanshan']));
  });

  it('keeps the number of variants bounded for a name full of polyphonic characters', () => {
    const keys = nameKeys('乐重长行朝');
    expect(keys.fullVariants.length).toBeLessThanOrEqual(MAX_NAME_VARIANTS);
    expect(keys.initialsVariants.length).toBeLessThanOrEqual(MAX_NAME_VARIANTS);
    expect(keys.fullVariants[0]).toBe(keys.full);
  });

  it('spells ü as v, as input methods do, and also as u', () => {
    const keys = nameKeys('吕方');
    expect(keys.full).toBe('lvfang');
    expect(keys.fullVariants).toContain('lufang');
  });

  it('ignores spaces and the middle dot in minority names', () => {
    expect(nameKeys(' 张 三 ').full).toBe('zhangsan');
    const keys = nameKeys('阿依古丽·买买提');
    expect(keys.name).toBe('阿依古丽买买提');
    expect(keys.full).toBe('ayigulimaimaiti');
  });

  it('treats each word of a Latin-script name as one syllable', () => {
    expect(nameKeys('John Smith')).toMatchObject({ full: 'johnsmith', initials: 'js' });
  });
});

describe('matchesQuery', () => {
  const zhangSan = nameKeys('张三');
  const zhangSanFeng = nameKeys('张三丰');
  const shan = nameKeys('单雄信');

  it('finds 张三 by initials, by the start of the pinyin, or by the whole pinyin', () => {
    expect(matchesQuery(zhangSan, 'zs')).toBe(true);
    expect(matchesQuery(zhangSan, 'zhangs')).toBe(true);
    expect(matchesQuery(zhangSan, 'zhangsan')).toBe(true);
    expect(matchesQuery(zhangSan, 'ZhangSan')).toBe(true);
    expect(matchesQuery(zhangSan, 'zhang san')).toBe(true);
  });

  it('finds 张三丰 by zsf, and by a given name typed alone', () => {
    expect(matchesQuery(zhangSanFeng, 'zsf')).toBe(true);
    expect(matchesQuery(zhangSanFeng, 'sanfeng')).toBe(true);
    expect(matchesQuery(zhangSan, 'zsf')).toBe(false);
  });

  it('finds 单雄信 by shan and not by dan', () => {
    expect(matchesQuery(shan, 'shan')).toBe(true);
    expect(matchesQuery(shan, 'danx')).toBe(false);
  });

  it('finds a person by either reading of a polyphonic given name', () => {
    const li = nameKeys('李乐');
    expect(matchesQuery(li, 'lile')).toBe(true);
    expect(matchesQuery(li, 'liyue')).toBe(true);
    expect(matchesQuery(li, 'ly')).toBe(true);
  });

  it('matches Chinese characters against the name itself', () => {
    expect(matchesQuery(zhangSanFeng, '三丰')).toBe(true);
    expect(matchesQuery(zhangSanFeng, '张')).toBe(true);
    expect(matchesQuery(zhangSanFeng, '李')).toBe(false);
    expect(matchesQuery(zhangSan, '张三丰')).toBe(false);
  });

  it('lets an empty query through', () => {
    expect(matchesQuery(zhangSan, '  ')).toBe(true);
  });
});

describe('classifyQuery', () => {
  it.each([
    ['0021', 'digits'],
    ['5678', 'digits'],
    ['13812345678', 'digits'],
    ['11010519491231002X', 'digits'],
    ['１３８', 'digits'],
    ['3号楼2单元401', 'address'],
    ['3-2-401', 'address'],
    ['401室', 'address'],
    ['zs', 'pinyin'],
    ['ZhangSan', 'pinyin'],
    ['张三', 'chinese'],
    ['张s', 'chinese'],
  ] as const)('treats %s as %s', (q, kind) => {
    expect(classifyQuery(q)).toBe(kind);
  });
});

describe('parseAddressQuery', () => {
  const full = { building: '3', entrance: '2', room: '401' };

  it.each([
    ['3号楼2单元401', full],
    ['3号楼2单元401室', full],
    ['3栋2单元401室', full],
    ['3-2-401', full],
    ['３－２－４０１', full],
    ['３号楼２单元４０１', full],
    [' 3 号楼 2 单元 401 ', full],
    ['3号楼401', { building: '3', room: '401' }],
    ['3-401', { building: '3', room: '401' }],
    ['3号楼2单元', { building: '3', entrance: '2' }],
    ['2单元401', { entrance: '2', room: '401' }],
    ['401室', { room: '401' }],
  ])('reads %s', (q, expected) => {
    expect(parseAddressQuery(q)).toEqual(expected);
  });

  it('does not take a bare number, a name or a floor for an address', () => {
    expect(parseAddressQuery('401')).toBeNull();
    expect(parseAddressQuery('张三')).toBeNull();
    expect(parseAddressQuery('3楼')).toBeNull();
    expect(parseAddressQuery('')).toBeNull();
  });
});

/**
 * nameKeys reads a name whose every character has a single reading character by character, without
 * asking pinyin-pro about the whole name. That holds only while pinyin-pro agrees: a character with
 * one reading reads the same alone, as a surname, and inside any name.
 */
describe('characters with a single reading', () => {
  const single: string[] = [];
  for (let c = 0x4e00; c <= 0x9fff; c++) {
    const ch = String.fromCharCode(c);
    const r = polyphonic(ch, { toneType: 'none', type: 'array' })[0] ?? [];
    if (r.length === 1 && r[0] !== ch) single.push(ch);
  }
  const readingOf = (ch: string) => polyphonic(ch, { toneType: 'none', type: 'array' })[0][0];

  it('read the same alone and as a surname, every one of them', () => {
    expect(single.length).toBeGreaterThan(15_000);
    const differ = single.filter((ch) => {
      const r = readingOf(ch);
      return pinyin(ch, { toneType: 'none', type: 'array' })[0] !== r || pinyin(ch, { toneType: 'none', surname: 'head', type: 'array' })[0] !== r;
    });
    expect(differ).toEqual([]);
  });

  it('read the same inside generated names as alone, and give the same keys', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const differ: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let name = '';
      for (let k = 2 + Math.floor(next() * 3); k > 0; k--) name += single[Math.floor(next() * single.length)];
      const whole = pinyin(name, { toneType: 'none', surname: 'head', type: 'array' });
      const alone = [...name].map(readingOf);
      // (keys spell ü as v, as input methods type it)
      const typed = alone.map((r) => r.replace(/ü/g, 'v'));
      if (whole.join(' ') !== alone.join(' ') || nameKeys(name).syllables.join(' ') !== typed.join(' ')) differ.push(name);
    }
    expect(differ).toEqual([]);
  });
});
