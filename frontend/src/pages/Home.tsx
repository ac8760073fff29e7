import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { LISTING_KINDS, type Market, type NextStep } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ResultCard } from '../components/ListingCard';
import { SearchBox } from '../components/SearchBox';
import { provinceName, useConfig } from '../lib/config';
import { formatDate, formatNumber } from '../lib/format';
import { EMPTY_SEARCH, toSearchParams } from '../lib/searchState';
import { termLabel, useTaxonomy, useLabels } from '../lib/taxonomy';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import { allClear, daysLeft, NEEDS_SEARCH, NEWEST_SEARCH, OFFERS_SEARCH, orderSteps, sectorSearch } from './market/market';

export default function Home() {
  const { t, i18n } = useTranslation();
  const { status, me } = useAuth();
  const navigate = useNavigate();
  const province = provinceName(useConfig(), i18n.language);
  const [q, setQ] = useState('');
  useTitle(undefined);
  const authed = status === 'authenticated' && !!me;
  const member = authed && me.organizations.length > 0;
  const market = useAsync(() => endpoints.market(), []);

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

      {authed && <NextStepsPanel />}

      <MarketSections market={market.data} failed={!!market.error} />

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

      {!authed && status !== 'loading' && (
        <section aria-labelledby="start-title" className="section">
          <h2 id="start-title">{t('home.startTitle')}</h2>
          <ol className="steps">
            <li>{t('home.startStep1')}</li>
            <li>{t('home.startStep2')}</li>
            <li>{t('home.startStep3')}</li>
          </ol>
        </section>
      )}
    </div>
  );
}

/** The signed-in person's next steps, as the server decides them. */
export function NextStepsPanel() {
  const { t } = useTranslation();
  const steps = useAsync(() => endpoints.nextSteps(), []);
  const items = steps.data ? orderSteps(steps.data.items) : [];
  return (
    <section aria-labelledby="next-title" className="section next-steps" aria-busy={steps.loading}>
      <h2 id="next-title">{t('market.nextTitle')}</h2>
      {steps.error ? (
        <p className="empty">{t('market.nextFailed')}</p>
      ) : !steps.data ? (
        <p className="muted next-loading">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('market.nextNone')}</p>
      ) : (
        <>
          {allClear(items) && <p className="next-clear">{t('market.nextClear')}</p>}
          <ul className="next-list">
            {items.map((s) => (
              <NextStepItem key={s.code + s.link} step={s} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function NextStepItem({ step }: { step: NextStep }) {
  const { t } = useTranslation();
  const waiting = step.count > 0;
  return (
    <li className={waiting ? 'next-step waiting' : 'next-step'}>
      <Link to={step.link}>
        {/* The organisation's own state has no number to read out. */}
        {step.code.startsWith('organization_') ? (
          <span className="next-count" aria-hidden="true">
            !
          </span>
        ) : (
          <span className="next-count">{formatNumber(step.count)}</span>
        )}
        <span className="next-text">
          <span className="next-label">{t(`market.step.${step.code}`, { count: step.count })}</span>
          <span className="next-hint muted">{waiting ? t(`market.stepHint.${step.code}`) : t('market.nothingWaiting')}</span>
        </span>
      </Link>
    </li>
  );
}

/** The market: counts, newest listings, open programmes, sectors. */
export function MarketSections({ market, failed }: { market: Market | undefined; failed: boolean }) {
  const { t, i18n } = useTranslation();
  const { taxonomy } = useTaxonomy();
  const labels = useLabels(taxonomy, i18n.language);
  const lang = i18n.language;
  const c = market?.counts;
  const n = (v: number | null | undefined) => (v === undefined || v === null ? '–' : formatNumber(v, lang));
  const tiles = [
    { key: 'offers', value: n(c?.offers), to: OFFERS_SEARCH },
    { key: 'needs', value: n(c?.needs), to: NEEDS_SEARCH },
    { key: 'organizations', value: n(c?.organizations), to: undefined },
    { key: 'transfers', value: c?.transfersSuppressed ? t('market.withheld') : n(c?.transfers), to: '/results' },
  ];
  const now = new Date();
  return (
    <>
      <section aria-labelledby="market-title" className="section market" aria-busy={!market && !failed}>
        <h2 id="market-title">{t('market.title')}</h2>
        {failed && <p className="empty">{t('market.failed')}</p>}
        <ul className="stat-tiles">
          {tiles.map((x) => (
            <li key={x.key} className="stat-tile" data-testid={`count-${x.key}`}>
              {x.to ? (
                <Link to={x.to}>
                  <span className="stat-value">{x.value}</span>
                  <span className="stat-label">{t(`market.count.${x.key}`)}</span>
                </Link>
              ) : (
                <span className="stat-static">
                  <span className="stat-value">{x.value}</span>
                  <span className="stat-label">{t(`market.count.${x.key}`)}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="newest-title" className="section newest">
        <div className="section-head">
          <h2 id="newest-title">{t('market.newestTitle')}</h2>
          <Link to={NEWEST_SEARCH}>{t('market.newestAll')}</Link>
        </div>
        {market && market.newest.length === 0 ? (
          <p className="empty">
            {t('market.newestNone')} <Link to="/listings/new">{t('home.ctaNewListing')}</Link>
          </p>
        ) : (
          <ul className="results newest-grid">
            {(market?.newest ?? []).map((hit) => (
              <ResultCard key={hit.id} hit={hit} labels={labels} />
            ))}
          </ul>
        )}
      </section>

      <div className="market-columns">
        <section aria-labelledby="programs-title" className="section programs">
          <div className="section-head">
            <h2 id="programs-title">{t('market.programsTitle')}</h2>
            <Link to="/support">{t('market.programsAll')}</Link>
          </div>
          {market && market.programs.length === 0 ? (
            <p className="empty">{t('market.programsNone')}</p>
          ) : (
            <ul className="program-list">
              {(market?.programs ?? []).map((p) => {
                const left = daysLeft(p.closesOn, now);
                return (
                  <li key={p.id}>
                    <Link to={`/support/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                    <span className="program-deadline">
                      {t('market.deadline', { date: formatDate(p.closesOn, lang) })}
                      <span className={left <= 7 ? 'days-left soon' : 'days-left'}>{t('market.daysLeft', { count: left })}</span>
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section aria-labelledby="sectors-title" className="section">
          <h2 id="sectors-title">{t('home.sectorsTitle')}</h2>
          {market && market.sectors.length > 0 ? (
            <ul className="sector-links">
              {market.sectors.map((s) => (
                <li key={s.value}>
                  <Link to={sectorSearch(s.value)}>
                    {labels.sector(s.value)} <span className="sector-count">{formatNumber(s.count, lang)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : market ? (
            <p className="empty">{t('market.sectorsNone')}</p>
          ) : (
            taxonomy && (
              <ul className="sector-links">
                {taxonomy.sectors.map((s) => (
                  <li key={s.code}>
                    <Link to={sectorSearch(s.code)}>{termLabel(s, lang)}</Link>
                  </li>
                ))}
              </ul>
            )
          )}
        </section>
      </div>
    </>
  );
}
