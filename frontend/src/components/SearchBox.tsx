// The search box with suggestions as you type: an ARIA 1.2 combobox (an
// input that controls a listbox). Arrow keys move through the suggestions,
// Enter opens the highlighted listing or searches for the text, Escape
// closes the list. Suggestions are fetched ~150 ms after typing stops.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { Suggestion } from '../api/types';
import { useDebounced } from '../lib/useDebounced';
import { QUERY_MAX } from '../lib/searchState';
import { KindBadge } from './ListingBadges';

export const SUGGEST_DELAY = 150;
const SUGGEST_MIN = 2;

export function SearchBox({
  value,
  onChange,
  onSubmit,
  label,
  large = false,
  autoFocus = false,
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  label: string;
  large?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const uid = useId();
  const inputId = `${uid}-q`;
  const listId = `${uid}-list`;
  const hintId = `${uid}-hint`;
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const focused = useRef(false);
  // Only what the person typed asks for suggestions (not a value set from the URL).
  const typed = useRef(false);
  const debounced = useDebounced(value, SUGGEST_DELAY);

  useEffect(() => {
    const q = debounced.trim();
    if (!typed.current || q.length < SUGGEST_MIN) {
      setSuggestions([]);
      setOpen(false);
      return;
    }
    const ctl = new AbortController();
    endpoints
      .suggest(q, ctl.signal)
      .then((res) => {
        if (ctl.signal.aborted) return;
        setSuggestions(res.suggestions ?? []);
        setActive(-1);
        setOpen(focused.current && (res.suggestions ?? []).length > 0);
      })
      .catch(() => {
        // Suggestions are a convenience: the search itself reports problems.
        if (!ctl.signal.aborted) setSuggestions([]);
      });
    return () => ctl.abort();
  }, [debounced]);

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function choose(s: Suggestion) {
    close();
    navigate(`/listings/${encodeURIComponent(s.id)}`);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (open && active >= 0 && suggestions[active]) {
      choose(suggestions[active]);
      return;
    }
    close();
    onSubmit(value);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const n = suggestions.length;
    switch (e.key) {
      case 'ArrowDown':
        if (n === 0) return;
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else setActive((a) => (a + 1) % n);
        break;
      case 'ArrowUp':
        if (n === 0) return;
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(n - 1);
        } else setActive((a) => (a <= 0 ? n - 1 : a - 1));
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
    }
  }

  const expanded = open && suggestions.length > 0;
  return (
    <form role="search" className={large ? 'search-box large' : 'search-box'} onSubmit={submit} aria-label={label}>
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <div className="combo">
        <span className="search-icon" aria-hidden="true" />
        <input
          id={inputId}
          type="search"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="search"
          maxLength={QUERY_MAX}
          placeholder={t('search.placeholder')}
          autoFocus={autoFocus}
          value={value}
          onChange={(e) => {
            typed.current = true;
            onChange(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => {
            focused.current = true;
          }}
          onBlur={() => {
            focused.current = false;
            close();
          }}
        />
        <ul id={listId} role="listbox" aria-label={t('search.suggestions')} className="suggestions" hidden={!expanded}>
          {suggestions.map((s, i) => (
            <li
              key={s.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Keep the focus in the input so the list does not close first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(s)}
            >
              <KindBadge kind={s.kind} />
              <span className="suggestion-title">{s.title}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="submit" className={large ? 'btn btn-primary btn-large' : 'btn btn-primary'}>
        {t('common.search')}
      </button>
      <p id={hintId} className="visually-hidden">
        {t('search.comboHint')}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {expanded ? t('search.suggestionCount', { count: suggestions.length }) : ''}
      </p>
    </form>
  );
}
