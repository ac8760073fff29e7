import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../lib/useTitle';

export default function NotFound() {
  const { t } = useTranslation();
  useTitle(t('notFound.title'));
  return (
    <section className="page narrow">
      <p className="big-code" aria-hidden="true">
        404
      </p>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link className="btn btn-primary" to="/">
          {t('common.backHome')}
        </Link>
      </p>
    </section>
  );
}
