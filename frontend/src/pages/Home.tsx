import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { provinceName, useConfig } from '../lib/config';
import { useTitle } from '../lib/useTitle';

export default function Home() {
  const { t, i18n } = useTranslation();
  const { status, me } = useAuth();
  const province = provinceName(useConfig(), i18n.language);
  useTitle(undefined);
  const authed = status === 'authenticated' && me;

  return (
    <div className="home">
      <section className="hero">
        <p className="eyebrow">{t('home.eyebrow')}</p>
        <h1>{province ? t('home.titleProvince', { province }) : t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <p className="actions">
          {authed ? (
            me.organizations.length > 0 && (
              <Link className="btn btn-primary btn-large" to="/organization">
                {t('home.ctaMyOrganization')}
              </Link>
            )
          ) : (
            <>
              <Link className="btn btn-primary btn-large" to="/register">
                {t('home.ctaRegister')}
              </Link>
              <Link className="btn btn-secondary btn-large" to="/login">
                {t('home.ctaLogin')}
              </Link>
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="how-title" className="section">
        <h2 id="how-title">{t('home.howTitle')}</h2>
        <ul className="cards">
          <li className="card">
            <span className="card-icon" aria-hidden="true">
              ⚙
            </span>
            <h3>{t('home.providersTitle')}</h3>
            <p>{t('home.providersText')}</p>
          </li>
          <li className="card">
            <span className="card-icon" aria-hidden="true">
              ✎
            </span>
            <h3>{t('home.enterprisesTitle')}</h3>
            <p>{t('home.enterprisesText')}</p>
          </li>
          <li className="card">
            <span className="card-icon" aria-hidden="true">
              ✓
            </span>
            <h3>{t('home.departmentTitle')}</h3>
            <p>{t('home.departmentText')}</p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="start-title" className="section">
        <h2 id="start-title">{t('home.startTitle')}</h2>
        <ol className="steps">
          <li>{t('home.startStep1')}</li>
          <li>{t('home.startStep2')}</li>
          <li>{t('home.startStep3')}</li>
        </ol>
        <p className="alert alert-info">{t('home.comingSoon')}</p>
      </section>
    </div>
  );
}
