// The moderation queue: pending listings, oldest first. Opening one leads
// to its page, where the officer approves or rejects it.
import { useSearchParams, Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { KindBadge } from '../../components/ListingBadges';
import { Pagination } from '../../components/Pagination';
import { ErrorState, Loading } from '../../components/Status';
import { formatDateTime, formatNumber } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useOrgs } from '../../lib/orgNames';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';

const PAGE_SIZE = 20;

export default function ListingQueue() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, error, loading, reload } = useAsync(() => endpoints.listingsByState('pending', page, PAGE_SIZE), [page]);
  const orgs = useOrgs((data?.items ?? []).map((l) => l.orgId), me?.organizations, true);
  useTitle(t('listingQueue.title'));

  return (
    <section className="page">
      <h1>{t('listingQueue.title')}</h1>
      <p className="lead">{t('listingQueue.intro')}</p>
      {data && data.total > 0 && (
        <p className="queue-count" role="status">
          {t('listingQueue.count', { count: data.total, total: formatNumber(data.total) })}
        </p>
      )}
      {!data && loading && <Loading />}
      {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {data && data.items.length === 0 && <p className="empty">{t('listingQueue.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">{t('listingQueue.listing')}</th>
                <th scope="col">{t('listingQueue.kind')}</th>
                <th scope="col">{t('listingQueue.organization')}</th>
                <th scope="col">{t('listingQueue.submittedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((l) => (
                <tr key={l.id} data-listing-id={l.id}>
                  <td data-label={t('listingQueue.listing')}>
                    <Link to={`/listings/${encodeURIComponent(l.id)}`} className="strong">
                      {l.title}
                    </Link>
                  </td>
                  <td data-label={t('listingQueue.kind')}>
                    <KindBadge kind={l.kind} />
                  </td>
                  <td data-label={t('listingQueue.organization')}>{orgs[l.orgId]?.name ?? t('common.none')}</td>
                  <td data-label={t('listingQueue.submittedAt')}>{formatDateTime(l.submittedAt ?? l.updatedAt, i18n.language)}</td>
                  <td className="cell-actions">
                    <Link
                      className="btn btn-primary btn-small"
                      to={`/listings/${encodeURIComponent(l.id)}`}
                      aria-label={t('listingQueue.reviewLabel', { title: l.title })}
                    >
                      {t('listingQueue.review')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > PAGE_SIZE && (
        <Pagination
          page={page}
          pageSize={data.pageSize || PAGE_SIZE}
          total={data.total}
          onPage={(p) => setParams(p > 1 ? { page: String(p) } : {})}
        />
      )}
    </section>
  );
}
