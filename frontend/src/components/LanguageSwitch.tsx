import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
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
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`language.${lng}Short`)}
        </button>
      ))}
    </div>
  );
}
