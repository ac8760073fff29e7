// A responsive table, and the paged list around it: loading, error with
// retry, empty text, the table and its pagination.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types';
import { problemMessage } from '../lib/messages';
import { Pagination } from './Pagination';
import { ErrorState, Loading } from './Status';

export interface TableProps {
  /** Column headings; `false` leaves a column out. */
  columns: (string | false)[];
  /** Adds a last column for row actions (its heading is for screen readers only). */
  actions?: boolean;
  className?: string;
  busy?: boolean;
  /** The rows. */
  children: ReactNode;
}

export function DataTable({ columns, actions, className = 'table responsive', busy, children }: TableProps) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className={className} aria-busy={busy}>
        <thead>
          <tr>
            {columns.map((c, i) =>
              c === false ? null : (
                <th key={i} scope="col">
                  {c}
                </th>
              ),
            )}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A page of a server list shown as a table, with loading, error, empty and paging states. */
export function PagedTable<T>({
  data,
  loading,
  error,
  onRetry,
  empty,
  page,
  pageSize,
  onPage,
  row,
  ...table
}: Omit<TableProps, 'children' | 'busy'> & {
  data: Page<T> | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** What an empty page shows: a text (in `<p class="empty">`) or anything. */
  empty: ReactNode;
  page: number;
  /** The page size asked for (the server's answer wins when it gives one). */
  pageSize: number;
  onPage: (page: number) => void;
  row: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {!data && loading && <Loading />}
      {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={onRetry} />}
      {data && data.items.length === 0 && (typeof empty === 'string' ? <p className="empty">{empty}</p> : empty)}
      {data && data.items.length > 0 && (
        <DataTable {...table} busy={loading}>
          {data.items.map(row)}
        </DataTable>
      )}
      {data && data.total > (data.pageSize || pageSize) && (
        <Pagination page={page} pageSize={data.pageSize || pageSize} total={data.total} onPage={onPage} />
      )}
    </>
  );
}
