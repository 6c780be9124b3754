import { useEffect, useMemo } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes, useNavigate } from 'react-router';
import { ApiError, setApiRedirect } from './api.ts';
import { I18nProvider, useI18n } from './i18n.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { webModules } from './modules.ts';
import { BoardPage } from '../modules/party/web/index.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { ErrorBoundary } from './pages/ErrorBoundary.tsx';
import { CommunityGate, PermissionGate } from './pages/Guards.tsx';
import { CommunityHome, HomeRedirect } from './pages/HomeRedirect.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { RequireAuth } from './pages/RequireAuth.tsx';
import { NotFoundPage } from './pages/ResultPages.tsx';
import { PrefsProvider, usePrefs } from './prefs.tsx';
import { themeFor } from './theme.ts';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // An answer from the server (403, 404, 400…) will not change by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status > 0) && count < 2,
      },
    },
  });
}

/** Lets api.ts send the user to /login or /change-password without reloading the app. */
function ApiRedirects() {
  const navigate = useNavigate();
  useEffect(() => {
    setApiRedirect((to) => {
      const { pathname } = window.location;
      if (pathname === to.split('?')[0]) return;
      navigate(to, { replace: true });
    });
  }, [navigate]);
  return null;
}

const communityRoutes = webModules.flatMap((m) => m.routes.filter((r) => r.scope === 'community'));
const globalRoutes = webModules.flatMap((m) => m.routes.filter((r) => r.scope === 'global'));
const publicRoutes = webModules.flatMap((m) => m.routes.filter((r) => r.scope === 'public'));

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* the public pledge board: no sign-in, outside the shell */}
      <Route path="/board/:token" element={<BoardPage />} />
      {/* other pages a community publishes for residents: no sign-in, outside the shell */}
      {publicRoutes.map((r) => (
        <Route key={r.path} path={r.path} element={r.element} />
      ))}
      <Route
        path="/change-password"
        element={
          <RequireAuth passwordPage>
            <ChangePasswordPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route path="c/:communityId" element={<CommunityGate />}>
          <Route index element={<CommunityHome />} />
          {communityRoutes.map((r) => (
            <Route
              key={r.path}
              path={r.path.replace(/^\//, '')}
              element={<PermissionGate permission={r.permission} scope="community">{r.element}</PermissionGate>}
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        {globalRoutes.map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={<PermissionGate permission={r.permission} scope="global">{r.element}</PermissionGate>}
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** antd theme and locale follow the chosen language and 适老模式. */
function Themed() {
  const { lang } = useI18n();
  const { elderly } = usePrefs();
  const theme = useMemo(() => themeFor(elderly), [elderly]);
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = lang;
    document.title = lang === 'en' ? 'Linli · Community workbench' : '邻里 · 社区工作台';
  }, [lang]);
  useEffect(() => {
    document.documentElement.classList.toggle('linli-elderly', elderly);
  }, [elderly]);

  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme} componentSize={elderly ? 'large' : undefined}>
      <AntApp>
        <ErrorBoundary>
          <BrowserRouter>
            <ApiRedirects />
            <AppRoutes />
          </BrowserRouter>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const queryClient = useMemo(makeQueryClient, []);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <PrefsProvider>
          <Themed />
        </PrefsProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
