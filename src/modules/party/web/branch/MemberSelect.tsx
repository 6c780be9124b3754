import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../../web/i18n.tsx';
import { useMemberSearch } from './api.ts';
import { bt } from './text.ts';

/**
 * Picks a party member by name, searched in SQL as one types (a branch may hold hundreds).
 * `known` names the ids already chosen, so a saved value shows its name before any search.
 */
export function MemberSelect({
  communityId,
  value,
  onChange,
  known = {},
  groupId,
  exclude = [],
  allowClear,
  placeholder,
  id,
  'aria-label': ariaLabel,
}: {
  communityId: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  known?: Record<string, string>;
  groupId?: string;
  exclude?: string[];
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  // wait for a pause in typing before asking the server
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const found = useMemberSearch(communityId, q, groupId);
  const [names, setNames] = useState<Record<string, string>>({});
  const items = (found.data?.items ?? []).filter((m) => !m.leftDate && !exclude.includes(m.id));
  const options = items.map((m) => ({ value: m.id, label: m.groupName && !groupId ? `${m.name}（${m.groupName}）` : m.name }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: known[value] ?? names[value] ?? value });
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(v: string | undefined) => {
        if (v) setNames((n) => ({ ...n, [v]: items.find((m) => m.id === v)?.name ?? n[v] ?? '' }));
        onChange?.(v ?? null);
      }}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onOpenChange={(open) => {
        if (!open) setTyped('');
      }}
      allowClear={allowClear}
      placeholder={placeholder ?? t(bt.pickMember)}
      loading={found.isFetching}
      options={options}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
