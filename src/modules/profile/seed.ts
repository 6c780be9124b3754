import type { DemoContext } from '../../core/module';

/** The two seed communities as their work reports describe them. */
export async function seedDemo({ db, communities, today }: DemoContext): Promise<void> {
  const at = today.toISOString();
  const rows = [
    {
      community_id: communities.yili.id,
      address: '北京市海淀区北四环西路88-2号',
      land_area: 37000,
      floor_area: 51000,
      moved_in_year: 1999,
      greening_coverage: null,
      phone: '010-8888 2088',
      introduction:
        '由空军指挥学院和房山四处联合开发，1999年入住。紧邻昆玉河、颐和园，西望香山、植物园，交通便利，是一个空气清新、环境优美的居住区。',
      updated_at: at,
    },
    {
      community_id: communities.chunhui.id,
      address: '浙江省湖州市德清县',
      land_area: null,
      floor_area: null,
      moved_in_year: null,
      greening_coverage: 51.6,
      phone: '0572-842 0000',
      introduction: '辖七个封闭式小区，其中四个实行社区、物业公司、业主委员会“三位一体”管理。',
      updated_at: at,
    },
  ];
  await db.kysely.insertInto('community_profile').values(rows).onConflict((oc) => oc.column('community_id').doNothing()).execute();
}
