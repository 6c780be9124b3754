import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, loginPath } from '../api.ts';
import { useMe } from '../session.ts';
import { FullPageSpin } from './FullPageSpin.tsx';
import { LoadError } from './ResultPages.tsx';

/**
 * Renders children only for a signed-in user. Sends others to /login (remembering where they were),
 * and users who must change their password to /change-password first.
 */
export function RequireAuth({ children, passwordPage = false }: { children: ReactNode; passwordPage?: boolean }) {
  const { data: me, error, refetch, isPending } = useMe();
  const location = useLocation();
  const here = location.pathname + location.search;

  if (isPending) return <FullPageSpin />;
  if (error) {
    if (error instanceof ApiError && error.status === 401) return <Navigate to={loginPath(here)} replace />;
    return <LoadError error={error} onRetry={() => void refetch()} />;
  }
  if (me.mustChangePassword && !passwordPage) {
    return <Navigate to={`/change-password?next=${encodeURIComponent(here)}`} replace />;
  }
  return <>{children}</>;
}
