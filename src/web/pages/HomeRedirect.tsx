import { Result } from 'antd';
import { Navigate } from 'react-router';
import { useT } from '../i18n.tsx';
import { homePath } from '../layout/nav.ts';
import { preferredCommunity, useMe } from '../session.ts';

/** `/` → the user's community's first page, or their first global page (e.g. /users for an admin). */
export function HomeRedirect() {
  const t = useT();
  const { data: me } = useMe();
  if (!me) return null;
  const to = homePath(me, preferredCommunity(me));
  if (to) return <Navigate to={to} replace />;
  return <Result status="info" title={t('noCommunityTitle')} subTitle={t('forbiddenText')} />;
}

/** `/c/:communityId` alone → that community's first page. */
export function CommunityHome() {
  const { data: me } = useMe();
  if (!me) return null;
  return <HomeRedirect />;
}
