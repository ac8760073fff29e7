// The language is part of the address: Vietnamese pages at the root, English
// pages under /en/ + the same path. These functions are the only place that
// knows the prefix; the router's basename and the language switch use them.

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

const EN = '/en';

/** The language an address is in: English under /en/, Vietnamese elsewhere. */
export function languageOfPath(pathname: string): Language {
  return pathname === EN || pathname.startsWith(`${EN}/`) ? 'en' : DEFAULT_LANGUAGE;
}

/**
 * The router's basename for a language: none for Vietnamese, "/en/" for
 * English, so that a link to "/" is "/en/" and one to "/search" is "/en/search".
 */
export function basenameOf(lng: Language): string {
  return lng === 'en' ? `${EN}/` : '/';
}

/** The path within the app, without the language prefix ("/en/search" → "/search"). */
export function pathWithoutLanguage(pathname: string): string {
  if (languageOfPath(pathname) !== 'en') return pathname || '/';
  return pathname.slice(EN.length) || '/';
}

/** The address of the same page in `lng`, keeping the query string and the fragment. */
export function addressIn(lng: Language, at: { pathname: string; search?: string; hash?: string }): string {
  const path = pathWithoutLanguage(at.pathname);
  const prefixed = lng === 'en' ? `${EN}${path}` : path;
  return prefixed + (at.search ?? '') + (at.hash ?? '');
}
