import { Descriptions, Grid, Typography } from 'antd';
import { formatDateTime } from '../../../web/format.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { text } from './text.ts';
import type { Profile } from '../schema.ts';

function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);
}

/** The profile as a read-only description list. */
export function ProfileView({ profile }: { profile: Profile }) {
  const { t, lang } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const empty = <Typography.Text type="secondary">{t('notSet')}</Typography.Text>;
  const area = (n: number | null) => (n === null ? empty : `${formatNumber(n, lang)} ㎡`);

  return (
    <Descriptions
      bordered
      layout={phone ? 'vertical' : 'horizontal'}
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: phone ? {} : { width: 150, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'name', label: t(text.name), children: profile.name },
        { key: 'subDistrict', label: t(text.subDistrict), children: profile.subDistrictName },
        { key: 'address', label: t(text.address), span: 'filled', children: profile.address || empty },
        { key: 'landArea', label: t(text.landArea), children: area(profile.landArea) },
        { key: 'floorArea', label: t(text.floorArea), children: area(profile.floorArea) },
        {
          key: 'movedInYear',
          label: t(text.movedInYear),
          children: profile.movedInYear === null ? empty : `${profile.movedInYear}${t(text.yearSuffix)}`,
        },
        {
          key: 'greeningCoverage',
          label: t(text.greeningCoverage),
          children: profile.greeningCoverage === null ? empty : `${formatNumber(profile.greeningCoverage, lang)}%`,
        },
        { key: 'phone', label: t(text.phone), children: profile.phone || empty },
        {
          key: 'updatedAt',
          label: t(text.updatedAt),
          children: profile.updatedAt ? formatDateTime(profile.updatedAt, lang) : empty,
        },
        {
          key: 'introduction',
          label: t(text.introduction),
          span: 'filled',
          children: profile.introduction ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{profile.introduction}</Typography.Paragraph>
          ) : (
            empty
          ),
        },
      ]}
    />
  );
}
