import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n.tsx';
import type { VisibleNav } from './nav.ts';

/** The module navigation; the entry whose path the URL is in is highlighted. */
export function SideNav({ items, onNavigate }: { items: VisibleNav[]; onNavigate?: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = items
    .filter((i) => pathname === i.to || pathname.startsWith(`${i.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0];

  const toItem = (i: VisibleNav) => ({ key: i.key, icon: i.icon, label: t(i.label) });
  const community = items.filter((i) => i.scope === 'community').map(toItem);
  const global = items.filter((i) => i.scope === 'global').map(toItem);
  const menuItems: MenuProps['items'] = [];
  if (community.length) menuItems.push({ type: 'group', key: 'g-community', label: t('navCommunity'), children: community });
  if (global.length) menuItems.push({ type: 'group', key: 'g-global', label: t('navAdmin'), children: global });

  return (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected.key] : []}
      onClick={({ key }) => {
        const target = items.find((i) => i.key === key);
        if (!target) return;
        navigate(target.to);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
