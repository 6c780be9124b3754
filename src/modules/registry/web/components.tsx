import { useEffect, useState } from 'react';
import { App as AntApp, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { GENDERS } from '../vocab.ts';
import { communityBase } from './api.ts';
import { isSensitiveTag, tagColour, tagLabel, vocabLabel } from './labels.ts';
import { text } from './text.ts';

const REVEAL_SECONDS = 30;

/** Care tags as coloured chips; sensitive ones grey with a lock. */
export function TagList({ tags, empty }: { tags: string[]; empty?: boolean }) {
  const { lang, t } = useI18n();
  if (tags.length === 0) return empty ? <Typography.Text type="secondary">{t(text.noTags)}</Typography.Text> : null;
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((code) => (
        <Tag key={code} color={tagColour(code)} icon={isSensitiveTag(code) ? <LockOutlined /> : undefined} style={{ marginInlineEnd: 0 }}>
          {tagLabel(code, lang)}
        </Tag>
      ))}
    </Space>
  );
}

/** 男 · 82岁 */
export function genderAge(gender: string | null, age: number | null, lang: 'zh-CN' | 'en', ageText: (n: number) => string): string {
  return [vocabLabel(GENDERS, gender, lang), age === null ? '' : ageText(age)].filter(Boolean).join(' · ');
}

/** A masked number; 显示完整 asks the server (which logs it) and shows the number for 30 s. */
export function RevealValue({
  communityId,
  residentId,
  field,
  masked,
  canReveal,
}: {
  communityId: string;
  residentId: string;
  field: 'idNumber' | 'phone' | 'phone2';
  masked: string | null;
  canReveal: boolean;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [left, setLeft] = useState(0);

  useEffect(() => {
    if (!value) return;
    if (left <= 0) {
      setValue(null);
      return;
    }
    const timer = window.setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [value, left]);

  const reveal = useMutation({
    mutationFn: () => api<{ value: string }>('POST', `${communityBase(communityId)}/residents/${encodeURIComponent(residentId)}/reveal`, { field }),
    onSuccess: (r) => {
      setValue(r.value);
      setLeft(REVEAL_SECONDS);
    },
    onError: (e) => message.error(e.message),
  });

  if (!masked) return <Typography.Text type="secondary">{t('notSet')}</Typography.Text>;
  return (
    <Space wrap size={8}>
      <Typography.Text className="linli-mono" copyable={value ? { text: value } : false} data-testid={`reveal-${field}`}>
        {value ?? masked}
      </Typography.Text>
      {canReveal && !value && (
        <Tooltip title={t(text.revealHint)}>
          <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
            {t(text.reveal)}
          </Button>
        </Tooltip>
      )}
      {value && (
        <>
          <Typography.Text type="secondary">{t(text.revealedFor, { n: left })}</Typography.Text>
          <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setValue(null)}>
            {t(text.hideNow)}
          </Button>
        </>
      )}
    </Space>
  );
}
