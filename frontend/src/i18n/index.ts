// i18next set-up: Vietnamese first, English second. The address decides the
// language (Vietnamese at the root, English under /en/, see ./url.ts), and
// only that language's messages are downloaded, each in its own chunk, before
// the first paint (main.tsx) or before a switch shows the other language: a
// page never shows keys or a mix of both. The sections only signed-in screens
// use come in a second part (./parts.ts), loaded once a session may exist or
// such a screen opens.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { MessagesPart } from './parts';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './url';

export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './url';

type Messages = Record<string, unknown>;
const loaders: Record<Language, Record<MessagesPart, () => Promise<{ default: Messages }>>> = {
  vi: { public: () => import('virtual:messages/vi/public'), signedIn: () => import('virtual:messages/vi/signedIn') },
  en: { public: () => import('virtual:messages/en/public'), signedIn: () => import('virtual:messages/en/signedIn') },
};

function applyToDocument(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

void i18n.use(initReactI18next).init({
  resources: {},
  // Parts are added as they arrive; i18next must not treat the empty start as complete.
  partialBundledLanguages: true,
  lng: DEFAULT_LANGUAGE,
  // Both files have the same keys (i18n.test.ts); the other language is not
  // loaded, so there is nothing to fall back to.
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
  // A part that arrives later re-renders what uses it.
  react: { useSuspense: false, bindI18nStore: 'added' },
});

i18n.on('languageChanged', applyToDocument);

const loaded = new Set<string>();
const pending = new Map<string, Promise<void>>();
let signedInWanted = false;

/** Adds messages (a part, or a whole file in tests) to `lng`. */
export function addMessages(lng: Language, messages: Messages, parts: MessagesPart[] = ['public', 'signedIn']): void {
  i18n.addResourceBundle(lng, 'translation', messages, true, true);
  for (const p of parts) loaded.add(`${lng}/${p}`);
}

function wantedParts(): MessagesPart[] {
  return signedInWanted ? ['public', 'signedIn'] : ['public'];
}

/** Whether the messages `lng` needs are there, so that switching to it paints at once. */
export function hasMessages(lng: Language): boolean {
  return wantedParts().every((p) => loaded.has(`${lng}/${p}`));
}

function loadPart(lng: Language, part: MessagesPart): Promise<void> {
  const key = `${lng}/${part}`;
  if (loaded.has(key)) return Promise.resolve();
  let p = pending.get(key);
  if (!p) {
    p = loaders[lng][part]().then(
      (m) => {
        pending.delete(key);
        addMessages(lng, m.default, [part]);
      },
      (err: unknown) => {
        pending.delete(key); // a failed download (weak connection) may be tried again
        throw err;
      },
    );
    pending.set(key, p);
  }
  return p;
}

// The language being loaded for the page (before i18next has switched to it).
let coming: Language = DEFAULT_LANGUAGE;

/** Downloads (once) the messages `lng` needs. */
export async function loadMessages(lng: Language): Promise<void> {
  coming = lng;
  await Promise.all(wantedParts().map((p) => loadPart(lng, p)));
}

/**
 * From now on the signed-in screens' sections are needed too (a session
 * exists, or such a screen opens): loads them for the current language.
 */
export async function loadSignedInMessages(): Promise<void> {
  needSignedInMessages();
  // The page's language, and the one it is switching to (the first page of
  // an /en/ address preloads its code while English is still loading).
  const langs = new Set([currentLanguage(), coming]);
  await Promise.all([...langs].map((lng) => loadPart(lng, 'signedIn')));
}

/** Marks the signed-in screens' sections as needed, for the next loadMessages. */
export function needSignedInMessages(): void {
  signedInWanted = true;
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
