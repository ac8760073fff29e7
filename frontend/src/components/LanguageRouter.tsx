// The app's router: a browser router whose basename is the address's
// language ("/" for Vietnamese, "/en/" for English), so that every link the
// pages write ("/search") stays in the language one is reading. Switching
// language moves to the same page in the other language; the page stays
// mounted and only its texts change. Going back across a switch comes back
// to the other language the same way.
import { createContext, startTransition, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { Router, UNSAFE_createBrowserHistory as createBrowserHistory, type Location, type NavigationType } from 'react-router-dom';
import i18n, { hasMessages, loadMessages } from '../i18n';
import { addressIn, basenameOf, languageOfPath, type Language } from '../i18n/url';

interface LanguageControl {
  /** Moves to the same page in `lng` (its messages are loaded first). */
  switchTo: (lng: Language) => Promise<void>;
  /** The address of the current page in `lng`, for the switch's links. */
  hrefIn: (lng: Language) => string;
}

const LanguageContext = createContext<LanguageControl | null>(null);

/** The language control of the app's router; null under a test's MemoryRouter. */
export function useLanguageControl(): LanguageControl | null {
  return useContext(LanguageContext);
}

interface State {
  action: NavigationType;
  location: Location;
  lang: Language;
}

type BrowserHistory = ReturnType<typeof createBrowserHistory>;

export function LanguageRouter({ children, history: given }: { children: ReactNode; history?: BrowserHistory }) {
  const [history] = useState(() => given ?? createBrowserHistory({ v5Compat: true }));
  const [state, setState] = useState<State>(() => ({
    action: history.action,
    location: history.location,
    lang: languageOfPath(history.location.pathname),
  }));

  useLayoutEffect(
    () =>
      history.listen(({ action, location }) => {
        const lang = languageOfPath(location.pathname);
        // The location and its language change in one render: a basename
        // that does not match the address would render nothing.
        const apply = () =>
          startTransition(() => {
            if (i18n.language !== lang) void i18n.changeLanguage(lang);
            setState({ action, location, lang });
          });
        if (hasMessages(lang)) apply();
        else void loadMessages(lang).then(apply, apply);
      }),
    [history],
  );

  const switchTo = useCallback(
    async (lng: Language) => {
      if (lng === languageOfPath(history.location.pathname)) return;
      await loadMessages(lng);
      const { pathname, search, hash } = history.location;
      history.push(addressIn(lng, { pathname, search, hash }), history.location.state);
    },
    [history],
  );
  const { pathname, search, hash } = state.location;
  const control = useMemo<LanguageControl>(
    () => ({ switchTo, hrefIn: (lng) => addressIn(lng, { pathname, search, hash }) }),
    [switchTo, pathname, search, hash],
  );

  return (
    <LanguageContext.Provider value={control}>
      <Router basename={basenameOf(state.lang)} location={state.location} navigationType={state.action} navigator={history}>
        {children}
      </Router>
    </LanguageContext.Provider>
  );
}
