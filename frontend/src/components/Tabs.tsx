// A row of tabs that switch one panel (ARIA tabs: arrows, Home and End move
// between them; only the selected tab is in the Tab order).
import { useRef, type KeyboardEvent } from 'react';

export function Tabs<T extends string>({
  tabs,
  current,
  label,
  panelId,
  tabLabel,
  onSelect,
}: {
  tabs: readonly T[];
  current: T;
  /** The tab list's accessible name. */
  label: string;
  /** The id of the panel the tabs control (it is labelled by `tab-<current>`). */
  panelId: string;
  tabLabel: (tab: T) => string;
  onSelect: (tab: T) => void;
}) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    const i = tabs.indexOf(current);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = tabs.length - 1;
    if (j < 0) return;
    e.preventDefault();
    onSelect(tabs[j]);
    refs.current[tabs[j]]?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((s) => (
        <button
          key={s}
          ref={(el) => {
            refs.current[s] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${s}`}
          aria-selected={s === current}
          aria-controls={panelId}
          tabIndex={s === current ? 0 : -1}
          onClick={() => onSelect(s)}
          onKeyDown={onKeyDown}
        >
          {tabLabel(s)}
        </button>
      ))}
    </div>
  );
}
