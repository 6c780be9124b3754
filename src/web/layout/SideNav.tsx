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
  // one heading per group, in the order the groups first appear; ungrouped entries under the defaults
  const groups = new Map<string, { label: string; children: ReturnType<typeof toItem>[] }>();
  for (const i of items) {
    const label = i.group ? t(i.group) : t(i.scope === 'community' ? 'navCommunity' : 'navAdmin');
    const key = `g-${i.scope}-${label}`;
    if (!groups.has(key)) groups.set(key, { label, children: [] });
    groups.get(key)!.children.push(toItem(i));
  }
  const menuItems: MenuProps['items'] = [...groups].map(([key, g]) => ({ type: 'group' as const, key, label: g.label, children: g.children }));

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
