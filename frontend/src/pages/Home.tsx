import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LISTING_KINDS } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { SearchBox } from '../components/SearchBox';
import { provinceName, useConfig } from '../lib/config';
import { EMPTY_SEARCH, toSearchParams } from '../lib/searchState';
import { termLabel, useTaxonomy } from '../lib/taxonomy';
import { useTitle } from '../lib/useTitle';

export default function Home() {
  const { t, i18n } = useTranslation();
  const { status, me } = useAuth();
  const navigate = useNavigate();
  const province = provinceName(useConfig(), i18n.language);
  const { taxonomy } = useTaxonomy();
  const [q, setQ] = useState('');
  useTitle(undefined);
  const authed = status === 'authenticated' && me;
  const member = authed && me.organizations.length > 0;

  return (
    <div className="home">
      <section className="hero">
        <p className="eyebrow">{t('home.eyebrow')}</p>
        <h1>{province ? t('home.titleProvince', { province }) : t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <div className="hero-search">
          <SearchBox
            large
            value={q}
            onChange={setQ}
            onSubmit={(v) => {
              const qs = toSearchParams({ ...EMPTY_SEARCH, q: v }).toString();
              navigate(qs ? `/search?${qs}` : '/search');
            }}
            label={t('home.searchLabel')}
          />
          <p className="hero-search-hint">{t('home.searchHint')}</p>
          <ul className="kind-links" aria-label={t('home.browseKinds')}>
            {LISTING_KINDS.map((k) => (
              <li key={k}>
                <Link to={`/search?kind=${k}`}>{t(`listingKind.${k}Plural`)}</Link>
              </li>
            ))}
          </ul>
        </div>
        <p className="actions">
          {authed ? (
            member && (
              <>
                <Link className="btn btn-primary btn-large" to="/listings/new">
                  {t('home.ctaNewListing')}
                </Link>
                <Link className="btn btn-secondary btn-large" to="/my/listings">
                  {t('home.ctaMyListings')}
                </Link>
              </>
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

      {taxonomy && (
        <section aria-labelledby="sectors-title" className="section">
          <h2 id="sectors-title">{t('home.sectorsTitle')}</h2>
          <ul className="sector-links">
            {taxonomy.sectors.map((s) => (
              <li key={s.code}>
                <Link to={`/search?sector=${encodeURIComponent(s.code)}`}>{termLabel(s, i18n.language)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

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
      </section>
    </div>
  );
}
