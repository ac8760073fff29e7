import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export function Pagination({
  page,
  pageSize,
  total,
  maxPage,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The last page the server serves, when it limits paging. */
  maxPage?: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const all = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  const pages = maxPage ? Math.min(all, maxPage) : all;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <span aria-hidden="true">‹ </span>
        {t('pagination.previous')}
      </button>
      <p className="pagination-info">
        <span>{t('pagination.pageOf', { page: formatNumber(page), pages: formatNumber(pages) })}</span>
        <span className="muted"> · {t('pagination.total', { total: formatNumber(total) })}</span>
      </p>
      <button type="button" className="btn btn-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pagination.next')}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}
