// Technology transfers: the user's organisations' records, or (officers)
// all of them, filtered by registration status in the URL.
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { RegistrationFilter } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { RegistrationBadge } from '../components/ConnectionBadges';
import { PagedTable } from '../components/DataTable';
import { Tabs } from '../components/Tabs';
import { formatVnd } from '../lib/format';
import { formatDay } from '../lib/listing';
import { registrationDueOn } from '../lib/matching';
import { useTermLabels } from '../lib/taxonomy';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

const PAGE_SIZE = 20;
type Tab = 'all' | RegistrationFilter;
const TABS: readonly Tab[] = ['all', 'due', 'overdue', 'submitted', 'registered', 'not_required'];

export default function Transfers() {
  const { t } = useTranslation();
  const labels = useTermLabels();
  const { hasRole, status } = useAuth();
  // The scope depends on the roles: wait for the session (outside RequireAuth too).
  const ready = status !== 'loading';
  const staff = hasRole('officer', 'admin');
  const [params, setParams] = useSearchParams();
  const raw = params.get('registration') ?? 'all';
  const tab: Tab = (TABS as readonly string[]).includes(raw) ? (raw as Tab) : 'all';
  const scope = staff && params.get('scope') !== 'mine' ? 'all' : 'mine';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, error, loading, reload } = useAsync(
    () =>
      ready
        ? endpoints.transfers({ scope, registration: tab === 'all' ? undefined : tab }, page, PAGE_SIZE)
        : new Promise<never>(() => undefined),
    [ready, scope, tab, page],
  );
  useTitle(t('transfers.title'));

  function go(next: { tab?: Tab; page?: number }) {
    const q: Record<string, string> = {};
    if (staff) q.scope = scope;
    const s = next.tab ?? tab;
    if (s !== 'all') q.registration = s;
    if ((next.page ?? 1) > 1) q.page = String(next.page);
    setParams(q);
  }

  return (
    <section className="page">
      <div className="page-head">
        <h1>{scope === 'all' ? t('transfers.titleAll') : t('transfers.title')}</h1>
        {staff && (
          <Link className="btn btn-primary" to="/officer/transfers/new">
            <span aria-hidden="true">+ </span>
            {t('transfers.new')}
          </Link>
        )}
      </div>
      <p className="lead">{t('transfers.intro')}</p>
      <Tabs
        tabs={TABS}
        current={tab}
        label={t('transfers.tabs')}
        panelId="transfers-panel"
        tabLabel={(s) => (s === 'all' ? t('transfers.all') : labels.registrationStatus(s))}
        onSelect={(s) => go({ tab: s })}
      />
      <div id="transfers-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <PagedTable
          data={data}
          loading={loading}
          error={error}
          onRetry={reload}
          empty={t('transfers.empty')}
          columns={[t('transfers.transfer'), t('transfers.parties'), t('transfer.contractValue'), t('transfer.signedOn'), t('transfer.registration')]}
          actions
          className="table responsive transfers-table"
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => go({ page: p })}
          row={(tr) => {
            const due = registrationDueOn(tr);
            return (
              <tr key={tr.id} data-transfer-id={tr.id}>
                <td data-label={t('transfers.transfer')}>
                  <Link className="strong" to={`/transfers/${encodeURIComponent(tr.id)}`}>
                    {tr.title}
                  </Link>
                </td>
                <td data-label={t('transfers.parties')}>
                  {tr.supplier.name} <span aria-hidden="true">→</span>
                  <span className="visually-hidden">{t('transfers.to')}</span> {tr.recipient.name}
                </td>
                <td data-label={t('transfer.contractValue')} className="nowrap">
                  {formatVnd(tr.contractValue)}
                </td>
                <td data-label={t('transfer.signedOn')}>{formatDay(tr.signedOn)}</td>
                <td data-label={t('transfer.registration')}>
                  <RegistrationBadge registration={tr.registration} overdue={tr.overdue} />
                  {due && tr.registration.status === 'due' && <p className="small muted">{t('registration.dueOn', { date: formatDay(due) })}</p>}
                </td>
                <td className="cell-actions">
                  <Link className="btn btn-secondary btn-small" to={`/transfers/${encodeURIComponent(tr.id)}`} aria-label={t('transfers.openLabel', { title: tr.title })}>
                    {t('connections.open')}
                  </Link>
                </td>
              </tr>
            );
          }}
        />
      </div>
    </section>
  );
}
