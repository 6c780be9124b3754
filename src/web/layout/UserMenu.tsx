import { Avatar, Button, Dropdown, Grid, type MenuProps } from 'antd';
import { DownOutlined, FontSizeOutlined, KeyOutlined, LogoutOutlined, TranslationOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { usePrefs } from '../prefs.tsx';
import type { Me } from '../types.ts';
import { useSignOut } from './useSignOut.ts';

/** The user's name; opens change password and sign out (and, on phones, language and 适老模式). */
export function UserMenu({ me }: { me: Me }) {
  const { t, lang, setLang } = useI18n();
  const { elderly, setElderly } = usePrefs();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;

  const items: MenuProps['items'] = [
    { key: 'who', label: `${me.displayName}（${me.username}）`, disabled: true },
    { type: 'divider' },
    ...(compact
      ? [
          {
            key: 'lang',
            icon: <TranslationOutlined />,
            label: lang === 'en' ? '切换到中文' : 'Switch to English',
          },
          {
            key: 'elderly',
            icon: <FontSizeOutlined />,
            label: elderly ? t('elderlyOff') : t('elderlyOn'),
          },
        ]
      : []),
    { key: 'password', icon: <KeyOutlined />, label: t('changePassword') },
    { key: 'signout', icon: <LogoutOutlined />, label: t('signOut'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/change-password');
    if (key === 'signout') void signOut();
    if (key === 'lang') setLang(lang === 'en' ? 'zh-CN' : 'en');
    if (key === 'elderly') setElderly(!elderly);
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="linli-user-button" aria-label={t('userMenu')} data-testid="user-menu">
        <Avatar size="small" style={{ backgroundColor: '#1d4ed8' }}>
          {me.displayName.slice(0, 1) || me.username.slice(0, 1)}
        </Avatar>
        {!compact && <span className="linli-user-name">{me.displayName}</span>}
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
