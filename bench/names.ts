/**
 * Generated Chinese names for the benchmarks (the idea of src/modules/registry/seed.ts): seeded
 * random, common surnames weighted, the polyphonic ones (单, 曾, 解, 区 …) among the rare, given
 * names of one or two characters from male and female pools — as varied as a real roster's.
 */
const SURNAMES =
  '王王王王李李李李张张张张刘刘刘陈陈陈杨杨黄黄赵赵吴吴周周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤';
const RARE_SURNAMES = ['单', '曾', '解', '区', '仇', '查', '乐', '朴', '欧阳', '司马', '诸葛'];
const MALE = [...'伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘'];
const FEMALE = [...'秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽'];
const SURNAME_CHARS = [...SURNAMES];

export class NameGen {
  constructor(readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  surname(): string {
    return this.chance(0.04) ? this.pick(RARE_SURNAMES) : this.pick(SURNAME_CHARS);
  }
  given(gender: 'male' | 'female'): string {
    const pool = gender === 'male' ? MALE : FEMALE;
    return this.chance(0.35) ? this.pick(pool) : this.pick(pool) + this.pick(pool);
  }
}
