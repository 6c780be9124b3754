import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useT } from '../i18n.tsx';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { ElderlySwitch } from '../layout/ElderlySwitch.tsx';

/** The centred card that frames the sign-in and password pages. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="linli-auth">
      <div className="linli-auth-tools">
        <ElderlySwitch />
        <LanguageSwitch />
      </div>
      <div className="linli-auth-brand">
        <span className="linli-logo" aria-hidden>
          邻
        </span>
        <div>
          <div className="linli-auth-name">{t('appName')}</div>
          <div className="linli-auth-sub">{t('appSubtitle')}</div>
        </div>
      </div>
      <Card className="linli-auth-card">
        <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </div>
  );
}

/** A `next` path that stays inside the app (no `//host`, no loops back to sign-in). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return '/';
  if (next.startsWith('/login') || next.startsWith('/change-password')) return '/';
  return next;
}
