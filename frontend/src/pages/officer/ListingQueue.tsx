// The moderation queue: pending listings, oldest first. Opening one leads
// to its page, where the officer approves or rejects it.
import { useSearchParams, Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { PagedTable } from '../../components/DataTable';
import { KindBadge } from '../../components/ListingBadges';
import { formatDateTime, formatNumber } from '../../lib/format';
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
      <PagedTable
        data={data}
        loading={loading}
        error={error}
        onRetry={reload}
        empty={t('listingQueue.empty')}
        columns={[t('listingQueue.listing'), t('listingQueue.kind'), t('listingQueue.organization'), t('listingQueue.submittedAt')]}
        actions
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => setParams(p > 1 ? { page: String(p) } : {})}
        row={(l) => (
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
        )}
      />
    </section>
  );
}
