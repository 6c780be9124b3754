import { Typography } from 'antd';
import { useT } from '../../i18n.tsx';
import { diffRecords, showValue } from './diff.ts';
import { text } from './text.ts';
import type { AuditEntry } from './types.ts';

/** before → after, one line per changed field. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const changes = diffRecords(entry.before, entry.after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t(text.noChanges)}</Typography.Text>;
  const empty = t(text.empty);
  return (
    <dl className="linli-diff">
      {changes.map((c) => (
        <div key={c.field} style={{ display: 'contents' }}>
          <dt>{c.field}</dt>
          <dd>
            {entry.before !== null && <del>{showValue(c.before, empty)}</del>}
            {entry.before !== null && entry.after !== null && ' → '}
            {entry.after !== null && <ins>{showValue(c.after, empty)}</ins>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
