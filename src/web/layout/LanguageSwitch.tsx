import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n.tsx';

const options: { label: string; value: Lang }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

/** 中文 / English — each label in its own language so anyone can find theirs. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return <Segmented<Lang> aria-label={t('language')} options={options} value={lang} onChange={setLang} />;
}
