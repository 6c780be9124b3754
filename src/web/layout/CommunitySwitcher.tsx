import { Select } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n.tsx';
import { rememberCommunity } from '../session.ts';
import type { CommunityAccess } from '../types.ts';

interface Props {
  communities: CommunityAccess[];
  currentId: string | null;
}

/** Picks the community in the URL; `/c/A/x/y` becomes `/c/B/x/y`. */
export function CommunitySwitcher({ communities, currentId }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (communities.length === 0) return null;

  const subDistricts = [...new Set(communities.map((c) => c.subDistrictName))];
  const toOption = (c: CommunityAccess) => ({ value: c.id, label: c.name });
  const options =
    subDistricts.length > 1
      ? subDistricts.map((sd) => ({
          label: sd,
          title: sd,
          options: communities.filter((c) => c.subDistrictName === sd).map(toOption),
        }))
      : communities.map(toOption);

  const onChange = (id: string) => {
    rememberCommunity(id);
    const m = pathname.match(/^\/c\/[^/]+(\/.*)?$/);
    navigate(m ? `/c/${encodeURIComponent(id)}${m[1] ?? ''}` : `/c/${encodeURIComponent(id)}`);
  };

  return (
    <Select<string>
      className="linli-community-switcher"
      aria-label={t('chooseCommunity')}
      placeholder={t('chooseCommunity')}
      value={currentId ?? undefined}
      onChange={onChange}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
    />
  );
}
