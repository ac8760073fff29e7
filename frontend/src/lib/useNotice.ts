// A page's success or error notice, kept as an i18n key so that it follows a
// language switch, and the one the previous page handed over in the
// location's state ({ noticeKey, noticeParams }, or an already translated
// { notice }), shown once.
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export type NoticeTone = 'success' | 'error' | 'info';

type Message = { key: string; params?: Record<string, string | number>; tone: NoticeTone } | { text: string; tone: NoticeTone };

interface Carried {
  notice?: string;
  noticeKey?: string;
  noticeParams?: Record<string, string | number>;
}

/** The location state that hands a notice to the next page. */
export function noticeState(key: string, params?: Record<string, string | number>): Carried {
  return { noticeKey: key, noticeParams: params };
}

export function useNotice() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const carried = (location.state ?? {}) as Carried;
  const [message, setMessage] = useState<Message | null>(() =>
    carried.noticeKey
      ? { key: carried.noticeKey, params: carried.noticeParams, tone: 'success' }
      : carried.notice
        ? { text: carried.notice, tone: 'success' }
        : null,
  );
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Shown once: a reload or going back does not repeat it.
    if (carried.noticeKey || carried.notice) navigate(location.pathname + location.search, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return {
    text: message ? ('text' in message ? message.text : t(message.key, message.params)) : null,
    tone: message?.tone,
    /** Shows `key` and moves focus to it (so screen readers read it). */
    show(key: string, tone: NoticeTone = 'success', params?: Record<string, string | number>) {
      setMessage({ key, params, tone });
      requestAnimationFrame(() => ref.current?.focus());
    },
    /** Shows `key` where the user is, without moving focus. */
    say(key: string, tone: NoticeTone = 'success', params?: Record<string, string | number>) {
      setMessage({ key, params, tone });
    },
    clear() {
      setMessage(null);
    },
    ref,
  };
}
