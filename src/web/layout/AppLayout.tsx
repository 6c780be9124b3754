import { useState } from 'react';
import { Button, Drawer, Grid, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../i18n.tsx';
import { ErrorBoundary } from '../pages/ErrorBoundary.tsx';
import { preferredCommunity, useCommunityId, useMe } from '../session.ts';
import { CommunitySwitcher } from './CommunitySwitcher.tsx';
import { ElderlySwitch } from './ElderlySwitch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { visibleNav } from './nav.ts';
import { SideNav } from './SideNav.tsx';
import { UserMenu } from './UserMenu.tsx';

const SIDER_WIDTH = 232;

function Brand() {
  const t = useT();
  return (
    <Link to="/" className="linli-brand">
      <span className="linli-logo" aria-hidden>
        邻
      </span>
      <span className="linli-brand-text">
        <strong>{t('appName')}</strong>
        <small>{t('appSubtitle')}</small>
      </span>
    </Link>
  );
}

/** The shell around every signed-in page: navigation, community switcher, language, 适老模式, user menu. */
export function AppLayout() {
  const t = useT();
  const { data: me } = useMe();
  const { pathname } = useLocation();
  const communityId = useCommunityId();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  if (!me) return null;

  // On global pages (users, audit) the community-scoped entries follow the last community worked in.
  const community = communityId
    ? (me.communities.find((c) => c.id === communityId) ?? null)
    : preferredCommunity(me);
  const nav = visibleNav(me, community);

  return (
    <Layout className="linli-shell">
      {!phone && (
        <Layout.Sider width={SIDER_WIDTH} theme="light" className="linli-sider">
          <Brand />
          <nav aria-label={t('menu')}>
            <SideNav items={nav} />
          </nav>
        </Layout.Sider>
      )}
      {phone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={SIDER_WIDTH + 40}
          title={<Brand />}
          styles={{ body: { padding: 0 } }}
        >
          <SideNav items={nav} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="linli-header">
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('menu')}
              onClick={() => setDrawerOpen(true)}
              className="linli-menu-button"
            />
          )}
          <CommunitySwitcher communities={me.communities} currentId={community?.id ?? null} />
          <div className="linli-header-spacer" />
          {!phone && <LanguageSwitch />}
          {!phone && <ElderlySwitch />}
          <UserMenu me={me} />
        </Layout.Header>
        <Layout.Content className="linli-content">
          <ErrorBoundary key={pathname}>
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
