// The stages a record went through, with their dates (and a note where the
// department gave one), then the ones still ahead: connections and support
// applications show their history this way.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';

export interface TimelineItem {
  key: string;
  label: string;
  at?: string;
  /** A reason or note under the stage (a return, a rejection). */
  note?: ReactNode;
  status: 'done' | 'current' | 'todo';
}

export function Timeline({ items, label }: { items: TimelineItem[]; label?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline" aria-label={label}>
      {items.map((s) => (
        <li key={s.key} className={`timeline-step step-${s.status}`} aria-current={s.status === 'current' ? 'step' : undefined}>
          <span className="timeline-dot" aria-hidden="true" />
          <span className="timeline-label">{s.label}</span>
          {s.at && (
            <span className="muted small">
              {' · '}
              <time dateTime={s.at}>{formatDate(s.at, i18n.language)}</time>
            </span>
          )}
          {s.status === 'todo' && <span className="visually-hidden"> ({t('connection.notYet')})</span>}
          {s.note && <span className="timeline-note small">{s.note}</span>}
        </li>
      ))}
    </ol>
  );
}
