import { useTranslation } from 'react-i18next';
import { activateLanguage, LANGUAGES } from '../i18n';
import { useLanguageControl } from './LanguageRouter';

/**
 * VI | EN: moves to the same page in the other language (its address, with
 * the same query string). Outside the app's router (a test's MemoryRouter)
 * it only changes the language.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const control = useLanguageControl();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          // The visible code stays part of the name, for people who use speech input.
          aria-label={`${t(`language.${lng}`)} (${t(`language.${lng}Short`)})`}
          onClick={() => void (control ? control.switchTo(lng) : activateLanguage(lng))}
        >
          {t(`language.${lng}Short`)}
        </button>
      ))}
    </div>
  );
}
