// A listing as a card in a list: search results and suggested matches.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isOffer, type SearchHit } from '../api/types';
import { formatDate } from '../lib/format';
import { formatAmountRange, formatHitPrice } from '../lib/listing';
import type { Labels } from '../lib/taxonomy';
import { Highlight } from './Highlight';
import { KindBadge } from './ListingBadges';

export function ResultCard({
  hit,
  labels,
  className = 'result',
  showOrg = true,
  children,
}: {
  hit: SearchHit;
  labels: Labels;
  className?: string;
  /** Name the listing's organisation (not on the organisation's own page). */
  showOrg?: boolean;
  /** More lines under the card's facts (a match's score and reasons). */
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const offer = isOffer(hit.kind);
  // The owner's English title and summary, when given, in the English interface.
  const en = i18n.language === 'en';
  const title = en && hit.titleEn ? <span lang="en">{hit.titleEn}</span> : <Highlight html={hit.highlights?.title} text={hit.title} />;
  const summary = en && hit.summaryEn ? <span lang="en">{hit.summaryEn}</span> : <Highlight html={hit.highlights?.summary} text={hit.summary} />;
  return (
    <li className={className}>
      <div className="result-head">
        <KindBadge kind={hit.kind} />
        {showOrg && (
          <span className="result-org">
            <Link to={`/organizations/${encodeURIComponent(hit.organization.id)}`}>{hit.organization.name}</Link>
            <span className="muted"> · {t(`orgKind.${hit.organization.kind}`, { defaultValue: hit.organization.kind })}</span>
          </span>
        )}
      </div>
      <h3 className="result-title">
        <Link to={`/listings/${encodeURIComponent(hit.id)}`}>
          {title}
        </Link>
      </h3>
      <p className="result-summary">
        {summary}
      </p>
      <dl className="result-facts">
        {offer && (
          <div>
            <dt>{t('listing.price')}</dt>
            <dd className="price">{formatHitPrice(t, hit.priceMin, hit.priceMax)}</dd>
          </div>
        )}
        {!offer && (hit.budgetMin || hit.budgetMax) ? (
          <div>
            <dt>{t('listing.budget')}</dt>
            <dd className="price">{formatAmountRange(t, hit.budgetMin, hit.budgetMax)}</dd>
          </div>
        ) : null}
        {!!hit.trl && (
          <div>
            <dt className="visually-hidden">{t('listing.trl')}</dt>
            <dd title={labels.trl(hit.trl)}>{t('listing.trlValue', { level: hit.trl })}</dd>
          </div>
        )}
        {hit.adminUnit && (
          <div>
            <dt>{t('listing.adminUnit')}</dt>
            <dd>{labels.adminUnit(hit.adminUnit)}</dd>
          </div>
        )}
        {hit.publishedAt && (
          <div>
            <dt>{t('listing.publishedAt')}</dt>
            <dd>{formatDate(hit.publishedAt, i18n.language)}</dd>
          </div>
        )}
      </dl>
      {hit.sectors.length > 0 && (
        <ul className="tags" aria-label={t('listing.sectors')}>
          {hit.sectors.map((s) => (
            <li key={s}>{labels.sector(s)}</li>
          ))}
        </ul>
      )}
      {children}
    </li>
  );
}
