import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title: "<page> – Techmart". */
export function useTitle(title: string | undefined) {
  const { t } = useTranslation();
  const brand = t('app.brand');
  useEffect(() => {
    document.title = title ? `${title} – ${brand}` : `${brand} – ${t('app.tagline')}`;
  }, [title, brand, t]);
}
