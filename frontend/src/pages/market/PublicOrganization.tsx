// A verified organisation's public page: who it is, where, since when the
// department vouches for it, its published listings and the transfer
// contracts both parties agreed to make public. Any other organisation is
// not found (the server answers 404 for it).
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { endpoints } from '../../api';
import { ResultCard } from '../../components/ListingCard';
import { ErrorState, Loading } from '../../components/Status';
import { formatDate, formatVnd } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useLabels, useTaxonomy } from '../../lib/taxonomy';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';

export default function PublicOrganization() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { taxonomy } = useTaxonomy();
  const labels = useLabels(taxonomy, lang);
  const { data: o, error, loading, reload } = useAsync(() => endpoints.publicOrganization(id), [id]);
  const notFound = error instanceof ApiError && error.status === 404;
  useTitle(o?.name ?? (notFound ? t('publicOrg.notFoundTitle') : t('publicOrg.kicker')));

  if (!o) {
    if (notFound) {
      return (
        <section className="page narrow">
          <p className="big-code" aria-hidden="true">
            404
          </p>
          <h1>{t('publicOrg.notFoundTitle')}</h1>
          <p>{t('publicOrg.notFound')}</p>
          <p>
            <Link className="btn btn-primary" to="/search">
              {t('common.search')}
            </Link>
          </p>
        </section>
      );
    }
    return (
      <section className="page">
        <p className="eyebrow">{t('publicOrg.kicker')}</p>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }

  return (
    <article className="page public-org">
      <p className="eyebrow">{t('publicOrg.kicker')}</p>
      <h1>{o.name}</h1>
      <p className="public-org-badge">
        <span className="badge badge-verified">✓ {t('publicOrg.verified')}</span>
        {o.verifiedAt && <span className="muted"> {t('publicOrg.verifiedOn', { date: formatDate(o.verifiedAt, lang) })}</span>}
      </p>
      {o.description && <p className="org-description-text public-org-description">{o.description}</p>}
      <dl className="public-org-facts">
        <div>
          <dt>{t('publicOrg.kind')}</dt>
          <dd>{t(`orgKind.${o.kind}`, { defaultValue: o.kind })}</dd>
        </div>
        {o.commune && (
          <div>
            <dt>{t('publicOrg.place')}</dt>
            <dd>{labels.adminUnit(o.commune)}</dd>
          </div>
        )}
        {o.website && (
          <div>
            <dt>{t('publicOrg.website')}</dt>
            <dd>
              <a href={o.website} rel="noopener noreferrer nofollow" target="_blank">
                {o.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
              </a>
            </dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="org-listings" className="section">
        <h2 id="org-listings">
          {t('publicOrg.listingsTitle')} <span className="muted">({o.listings.length})</span>
        </h2>
        {o.listings.length === 0 ? (
          <p className="empty">{t('publicOrg.listingsNone')}</p>
        ) : (
          <ul className="results newest-grid">
            {o.listings.map((hit) => (
              <ResultCard key={hit.id} hit={hit} labels={labels} showOrg={false} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="org-transfers" className="section">
        <h2 id="org-transfers">{t('publicOrg.transfersTitle')}</h2>
        <p className="muted">{t('publicOrg.transfersNote')}</p>
        {o.transfers.length === 0 ? (
          <p className="empty">{t('publicOrg.transfersNone')}</p>
        ) : (
          <ul className="org-transfers">
            {o.transfers.map((x) => (
              <li key={x.id} className="result">
                <h3 className="result-title">{x.title}</h3>
                <dl className="result-facts">
                  <div>
                    <dt>{t('publicOrg.supplier')}</dt>
                    <dd>{x.supplier}</dd>
                  </div>
                  <div>
                    <dt>{t('publicOrg.recipient')}</dt>
                    <dd>{x.recipient}</dd>
                  </div>
                  <div>
                    <dt>{t('publicOrg.value')}</dt>
                    <dd className="price">{formatVnd(x.value, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('publicOrg.signedOn')}</dt>
                    <dd>{formatDate(x.signedOn, lang)}</dd>
                  </div>
                </dl>
                {x.sectors.length > 0 && (
                  <ul className="tags" aria-label={t('listing.sectors')}>
                    {x.sectors.map((s) => (
                      <li key={s}>{labels.sector(s)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
