import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { REFRESH_KEY } from './api/client';
import { activateLanguage, needSignedInMessages } from './i18n';
import { languageOfPath } from './i18n/url';
import { LanguageRouter } from './components/LanguageRouter';
import { App, preloadPage } from './App';
import './styles.css';

// "/en" is the English home page; the router's English basename is "/en/".
if (window.location.pathname === '/en') {
  window.history.replaceState(window.history.state, '', `/en/${window.location.search}${window.location.hash}`);
}

// Someone who may be signed in gets the signed-in screens' messages from the start.
try {
  if (localStorage.getItem(REFRESH_KEY)) needSignedInMessages();
} catch {
  // storage may be unavailable (private mode): no session to resume
}

// The address's language and the page's code are fetched side by side, and
// the first paint waits for both: no keys, no other language, no spinner.
// A download that fails (a weak connection) is tried once more; the page's
// chunk is then fetched again by the router.
const { pathname } = window.location;
const lang = languageOfPath(pathname);
const messages = activateLanguage(lang)
  .catch(() => activateLanguage(lang))
  .catch(() => undefined);
void Promise.all([messages, preloadPage(pathname).catch(() => undefined)]).then(() => {
  const root = createRoot(document.getElementById('root')!);
  // As a transition the first render yields to the browser every few
  // milliseconds instead of blocking a slow phone's main thread in one task.
  startTransition(() =>
    root.render(
      <StrictMode>
        <LanguageRouter>
          <App />
        </LanguageRouter>
      </StrictMode>,
    ),
  );
});
