// i18next set-up: Vietnamese first, English second. The address decides the
// language (Vietnamese at the root, English under /en/, see ./url.ts), and
// only that language's messages are downloaded: each file is its own chunk,
// loaded before the first paint (main.tsx) or before a switch shows the other
// language, so a page never shows keys or a mix of both.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './url';

export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './url';

const loaders: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  vi: () => import('./vi.json'),
  en: () => import('./en.json'),
};

function applyToDocument(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

void i18n.use(initReactI18next).init({
  resources: {},
  // Bundles are added as they arrive; i18next must not treat the empty start as complete.
  partialBundledLanguages: true,
  lng: DEFAULT_LANGUAGE,
  // Both files have the same keys (i18n.test.ts); the other language is not
  // loaded, so there is nothing to fall back to.
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
  react: { useSuspense: false },
});

i18n.on('languageChanged', applyToDocument);

/** Adds a language's messages to i18next unless they are there already. */
export function addMessages(lng: Language, messages: Record<string, unknown>): void {
  if (!i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', messages);
}

/** Whether `lng`'s messages have been loaded, so that switching to it paints at once. */
export function hasMessages(lng: Language): boolean {
  return i18n.hasResourceBundle(lng, 'translation');
}

const pending = new Map<Language, Promise<void>>();

/** Downloads `lng`'s messages (once) and adds them. */
export function loadMessages(lng: Language): Promise<void> {
  if (hasMessages(lng)) return Promise.resolve();
  let p = pending.get(lng);
  if (!p) {
    p = loaders[lng]().then(
      (m) => addMessages(lng, m.default),
      (err: unknown) => {
        pending.delete(lng); // a failed download (weak connection) may be tried again
        throw err;
      },
    );
    pending.set(lng, p);
  }
  return p;
}

/** Loads `lng`'s messages and makes it the page's language (and `<html lang>`). */
export async function activateLanguage(lng: Language): Promise<void> {
  await loadMessages(lng);
  if (i18n.language !== lng) await i18n.changeLanguage(lng);
  applyToDocument(lng);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export default i18n;
