// "Gợi ý phù hợp" (suggested matches) on a listing page: offers for a need,
// needs for an offer, each with its score, the reasons the server wrote in
// the reader's language, and a badge when the department proposed the pair.
// They are for the listing's organisation (with "express interest" where the
// server allows it) and officers; anyone else sees "Tin tương tự" (similar
// listings) instead. On a phone: three compact cards and "see more".
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import { isOffer, type Listing, type Match, type MatchList, type MatchReason, type SearchHit } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatDate } from '../lib/format';
import { compactShown, scoreLevel, trlInWords } from '../lib/matching';
import { problemMessage } from '../lib/messages';
import { useLabels, useTaxonomy } from '../lib/taxonomy';
import { useAsync } from '../lib/useAsync';
import { useMediaQuery } from '../lib/useMediaQuery';
import type { InterestTarget } from './InterestDialog';
import { InterestDialog } from './OnDemand';
import { KindBadge } from './ListingBadges';
import { ResultCard } from './ListingCard';
import { ErrorState, Loading } from './Status';

export const MATCH_LIMIT = 10;
/** Narrow screens get compact cards. */
const PHONE = '(max-width: 40rem)';
/** Reasons shown on a card before "more". */
const REASONS_SHOWN = 4;

/** The score 0–100 as a meter with its number and a word, both read out. */
export function ScoreMeter({ score }: { score: number }) {
  const { t } = useTranslation();
  const value = Math.max(0, Math.min(100, Math.round(score)));
  const level = scoreLevel(value);
  const text = t('matches.score', { score: value, level: t(`matches.level.${level}`) });
  return (
    <p className={`score score-${level}`} data-score={value}>
      <meter min={0} max={100} low={40} high={70} optimum={100} value={value} aria-label={text} />
      <span className="score-text" aria-hidden="true">
        <span className="score-number">{value}</span>/100 · {t(`matches.level.${level}`)}
      </span>
    </p>
  );
}

/** "Bày tỏ quan tâm" on a match, when the server allows it. */
function InterestButton({ match, onInterest }: { match: Match; onInterest?: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  if (!onInterest || !match.can?.interest) return null;
  return (
    <p className="actions match-actions">
      <button
        type="button"
        className="btn btn-secondary btn-small"
        aria-label={t('interest.openFor', { title: match.listing.title })}
        onClick={() => onInterest(match.listing)}
      >
        {t('interest.open')}
      </button>
    </p>
  );
}

/** A match on a phone: title, score, the first reason, TRL in words. */
function CompactMatch({ match, scored, onInterest }: { match: Match; scored: boolean; onInterest?: (hit: SearchHit) => void }) {
  const { t, i18n } = useTranslation();
  const { taxonomy } = useTaxonomy();
  const labels = useLabels(taxonomy, i18n.language);
  const hit = match.listing;
  const reason = match.reasons.find((r) => r.text && r.code !== 'proposed');
  const trl = trlInWords(t, labels, hit.trl);
  return (
    <li className="match-compact">
      <div className="result-head">
        <KindBadge kind={hit.kind} />
        {match.proposed && <span className="badge badge-proposed">{t('matches.proposed')}</span>}
      </div>
      <h3 className="match-compact-title">
        <Link to={`/listings/${encodeURIComponent(hit.id)}`}>{hit.title}</Link>
      </h3>
      <p className="small muted">{hit.organization.name}</p>
      {scored && <ScoreMeter score={match.score} />}
      {reason && <p className="small match-reason">{reason.text}</p>}
      {trl && <p className="small match-trl">{trl}</p>}
      <InterestButton match={match} onInterest={onInterest} />
    </li>
  );
}

/** A matched listing as a card: score, reasons and, when allowed, "express interest". */
function MatchCard({ match, scored, onInterest }: { match: Match; scored: boolean; onInterest?: (hit: SearchHit) => void }) {
  const { t, i18n } = useTranslation();
  const { taxonomy } = useTaxonomy();
  const labels = useLabels(taxonomy, i18n.language);
  // A TRL reason already names the level in words; otherwise a line says it.
  const trl = match.reasons.some((r) => r.code === 'trl_ok' || r.code === 'trl_low') ? undefined : trlInWords(t, labels, match.listing.trl);
  const reasons = match.reasons.filter((r) => r.text && r.code !== 'proposed');
  // A short list: the first reasons and every caveat; the rest on request.
  const caveat = (r: MatchReason) => r.positive === false || r.code === 'trl_low' || r.code === 'price_over_budget';
  const shown = reasons.filter((r, i) => i < REASONS_SHOWN || caveat(r));
  const more = reasons.filter((r, i) => !(i < REASONS_SHOWN || caveat(r)));
  const item = (r: MatchReason, i: number) => (
    <li key={`${r.code}-${i}`} data-code={r.code} className={caveat(r) ? 'reason-caveat' : undefined}>
      {r.text}
    </li>
  );
  return (
    <ResultCard hit={match.listing} labels={labels} className="result match-card">
      <div className="match-meta">
        {scored && <ScoreMeter score={match.score} />}
        {match.proposed && (
          <span className="badge badge-proposed" title={match.proposed.note || undefined}>
            {t('matches.proposed')}
          </span>
        )}
      </div>
      {match.proposed?.note && (
        <p className="match-note small">
          <span className="strong">{t('matches.proposedNote', { date: formatDate(match.proposed.at, i18n.language) })}</span>{' '}
          {match.proposed.note}
        </p>
      )}
      {shown.length > 0 && (
        <ul className="match-reasons" aria-label={t('matches.reasons')}>
          {shown.map(item)}
        </ul>
      )}
      {more.length > 0 && (
        <details className="match-more">
          <summary>{t('matches.moreReasons', { count: more.length })}</summary>
          <ul className="match-reasons">{more.map(item)}</ul>
        </details>
      )}
      {trl && <p className="small match-trl">{trl}</p>}
      <InterestButton match={match} onInterest={onInterest} />
    </ResultCard>
  );
}

/**
 * The section under a listing. Shown for published listings, and to the
 * owner's members and officers in other states (the server decides: a 403
 * or 404 leaves the section out).
 */
export function ListingMatches({ listing, action, refreshKey = 0 }: { listing: Listing; action?: ReactNode; refreshKey?: number }) {
  const { t } = useTranslation();
  const { me, status } = useAuth();
  const location = useLocation();
  const ref = useRef<HTMLElement>(null);
  const ready = status !== 'loading';
  const compact = useMediaQuery(PHONE);
  const [all, setAll] = useState(false);
  const { data, error, loading, reload } = useAsync(
    () => (ready ? endpoints.matchList(listing.id, MATCH_LIMIT) : new Promise<MatchList>(() => undefined)),
    [listing.id, listing.version, ready, me?.user.id, refreshKey],
  );
  const [target, setTarget] = useState<InterestTarget | null>(null);
  const offer = isOffer(listing.kind);

  // "/listings/ID#matches" (from my listings) scrolls here once the matches are in.
  useEffect(() => {
    if (data && location.hash === '#matches') ref.current?.scrollIntoView?.({ block: 'start' });
  }, [data, location.hash]);

  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;

  // The server says whom the list is for; until it answers, the heading of the matches.
  const similar = data?.audience === 'visitor';
  const items = data?.matches ?? [];
  const shown = compactShown(items, compact, all);
  const key = similar ? 'similar' : 'matches';
  const interest = (hit: SearchHit) => setTarget({ id: hit.id, title: hit.title, orgId: hit.organization.id });
  return (
    <section className="listing-section matches" id="matches" ref={ref} aria-labelledby="matches-title" tabIndex={-1}>
      <div className="section-head">
        <h2 id="matches-title">{similar ? t('matches.similarTitle') : t('matches.title')}</h2>
        {action}
      </div>
      <p className="muted">{offer ? t(`${key}.introOffer`) : t(`${key}.introNeed`)}</p>
      {!data && loading && <Loading />}
      {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {data && items.length === 0 && <p className="empty">{offer ? t(`${key}.emptyOffer`) : t(`${key}.emptyNeed`)}</p>}
      {items.length > 0 && (
        <ol className={compact ? 'match-list match-list-compact' : 'results match-list'} aria-label={similar ? t('matches.similarTitle') : t('matches.title')}>
          {shown.map((m) =>
            compact ? (
              <CompactMatch key={m.listing.id} match={m} scored={!similar} onInterest={interest} />
            ) : (
              <MatchCard key={m.listing.id} match={m} scored={!similar} onInterest={interest} />
            ),
          )}
        </ol>
      )}
      {shown.length < items.length && (
        <p className="actions">
          <button type="button" className="btn btn-secondary match-see-more" onClick={() => setAll(true)}>
            {t('matches.seeMore', { count: items.length - shown.length })}
          </button>
        </p>
      )}
      <InterestDialog target={target} onClose={() => setTarget(null)} />
    </section>
  );
}

