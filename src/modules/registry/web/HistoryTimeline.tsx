import { Empty, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../../web/i18n.tsx';
import { LIFE_EVENTS } from '../vocab.ts';
import type { LifeEvent } from '../schema.ts';
import { vocabLabel } from './labels.ts';
import { text } from './text.ts';

const EVENT_COLOURS: Record<string, string> = {
  moved_in: 'green',
  registered: 'blue',
  moved_within: 'blue',
  moved_out: 'orange',
  deceased: 'gray',
  household_split: 'purple',
  household_merged: 'purple',
};

/** The note of an event, whatever the server put in details. */
function noteOf(details: Record<string, unknown> | null): string | null {
  if (!details) return null;
  for (const k of ['note', 'address', 'to', 'from']) {
    const v = details[k];
    if (typeof v === 'string' && v) return v;
  }
  return null;
}

/** 变动记录: newest first, each with its date, what happened, and to whom (on household cards). */
export function HistoryTimeline({ events, communityId, showNames = false }: { events: LifeEvent[]; communityId: string; showNames?: boolean }) {
  const { t, lang } = useI18n();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(text.noHistory)} />;
  const sorted = [...events].sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date)));
  return (
    <Timeline
      items={sorted.map((e) => {
        const note = noteOf(e.details);
        return {
          key: e.id,
          color: EVENT_COLOURS[e.kind] ?? 'blue',
          content: (
            <>
              <Typography.Text strong>{vocabLabel(LIFE_EVENTS, e.kind, lang) || e.kind}</Typography.Text>
              {showNames && e.residentId && e.residentName && (
                <>
                  {' · '}
                  <Link to={`/c/${communityId}/residents/${e.residentId}`}>{e.residentName}</Link>
                </>
              )}
              <br />
              <Typography.Text type="secondary">{e.date}</Typography.Text>
              {note && (
                <>
                  <br />
                  <Typography.Text>{note}</Typography.Text>
                </>
              )}
            </>
          ),
        };
      })}
    />
  );
}
