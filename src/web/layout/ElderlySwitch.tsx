import { Switch, Tooltip } from 'antd';
import { useT } from '../i18n.tsx';
import { usePrefs } from '../prefs.tsx';

/** 适老模式 toggle: large type, large controls, high contrast. */
export function ElderlySwitch() {
  const t = useT();
  const { elderly, setElderly } = usePrefs();
  return (
    <Tooltip title={t('elderlyModeHint')}>
      <label className="linli-elderly-switch">
        <Switch checked={elderly} onChange={setElderly} aria-label={t('elderlyMode')} />
        <span>{t('elderlyMode')}</span>
      </label>
    </Tooltip>
  );
}
