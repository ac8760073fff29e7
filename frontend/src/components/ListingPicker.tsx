// Choosing published listings by typing part of a title: the search API
// answers as you type (only the kinds asked for), chosen ones show as chips.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { ListingKind, SearchHit } from '../api/types';
import { useDebounced } from '../lib/useDebounced';
import { describedBy, FieldErrorText, RequiredMark } from './Fields';
import { KindBadge } from './ListingBadges';

export function ListingPicker({
  id,
  label,
  hint,
  error,
  required,
  kinds,
  selected,
  max = 1,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  kinds: readonly ListingKind[];
  selected: SearchHit[];
  max?: number;
  onChange: (hits: SearchHit[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const kindKey = kinds.join(',');

  useEffect(() => {
    if (query.length < 2) {
      setHits([]);
      setState('idle');
      return;
    }
    const ctrl = new AbortController();
    setState('loading');
    endpoints.search({ q: query, kind: kindKey, pageSize: 8 }, ctrl.signal).then(
      (r) => {
        setHits(r.hits);
        setState('idle');
      },
      (err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'AbortError')) setState('failed');
      },
    );
    return () => ctrl.abort();
  }, [query, kindKey]);

  const full = selected.length >= max;
  const choose = (h: SearchHit) => {
    onChange(max === 1 ? [h] : [...selected.filter((s) => s.id !== h.id), h]);
    setQ('');
  };
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={error ? 'field picker has-error' : 'field picker'}>
      <label htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {selected.length > 0 && (
        <ul className="picked" aria-label={t('picker.chosen')}>
          {selected.map((s) => (
            <li key={s.id} className="picked-item">
              <KindBadge kind={s.kind} />
              <span className="break">
                <span className="strong">{s.title}</span>
                {s.organization?.name && <span className="muted small"> · {s.organization.name}</span>}
              </span>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                aria-label={t('picker.remove', { title: s.title })}
                onClick={() => onChange(selected.filter((x) => x.id !== s.id))}
              >
                {t('picker.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!full && (
        <>
          <input
            id={id}
            type="search"
            value={q}
            autoComplete="off"
            placeholder={t('picker.placeholder')}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(id, hint, error)}
            aria-required={required && selected.length === 0 ? true : undefined}
            onChange={(e) => setQ(e.target.value)}
          />
          <div aria-live="polite" className="picker-status small muted">
            {state === 'loading' && t('app.loading')}
            {state === 'failed' && t('picker.failed')}
            {state === 'idle' && query.length >= 2 && hits.length === 0 && t('picker.none')}
          </div>
          {hits.length > 0 && (
            <ul className="picker-results" aria-label={t('picker.results')}>
              {hits
                .filter((h) => !selected.some((s) => s.id === h.id))
                .map((h) => (
                  <li key={h.id}>
                    <button type="button" className="picker-option" onClick={() => choose(h)}>
                      <KindBadge kind={h.kind} />
                      <span className="break">
                        <span className="strong">{h.title}</span>
                        <span className="muted small"> · {h.organization.name}</span>
                      </span>
                    </button>
                  </li>
                ))}
            </ul>
          )}
        </>
      )}
      <FieldErrorText id={id} error={error} />
    </div>
  );
}
