// The officer's registration queue of an event (/events/:id/registrations):
// registrations by state, oldest first, each with the steps its `can`
// allows — approve (a booth number is assigned, or the waiting list when
// the type has none left) and refuse with a reason.
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { REGISTRATION_STATES, eventsApi, type EventRegistration, type RegistrationState } from '../../api/events';
import { limits } from '../../api/limits.gen';
import { FormDialog } from '../../components/ConfirmDialog';
import { TextAreaField } from '../../components/Fields';
import { Pagination } from '../../components/Pagination';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { Tabs } from '../../components/Tabs';
import { formatDate } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { eventName } from './eventText';

const PAGE_SIZE = 50;
type Tab = 'all' | RegistrationState;
const TABS: readonly Tab[] = ['all', ...REGISTRATION_STATES];

export default function EventRegistrations() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('state') ?? 'pending';
  const tab: Tab = (TABS as readonly string[]).includes(raw) ? (raw as Tab) : 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const ev = useAsync(() => eventsApi.get(id), [id]);
  const { data, error, loading, reload } = useAsync(
    () => eventsApi.registrations(id, { state: tab === 'all' ? undefined : tab }, page, PAGE_SIZE),
    [id, tab, page],
  );
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' | 'info' } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<EventRegistration | null>(null);
  const [reason, setReason] = useState('');
  const [rejectError, setRejectError] = useState<string | null>(null);
  const name = ev.data ? eventName(ev.data, i18n.language) : '';
  useTitle(t('eventsForm.queue.title', { name }));

  const boothTypeName = (code: string | undefined) => {
    const b = ev.data?.booths.find((x) => x.code === code);
    return b ? (i18n.language === 'en' && b.nameEn ? b.nameEn : b.name) : code;
  };

  function go(next: { tab?: Tab; page?: number }) {
    const q: Record<string, string> = { state: next.tab ?? tab };
    if ((next.page ?? 1) > 1) q.page = String(next.page);
    setParams(q);
  }

  async function approve(r: EventRegistration) {
    setBusyId(r.id);
    setNotice(null);
    try {
      const u = await eventsApi.step(id, r.id, 'approve', r.version);
      const text =
        u.state === 'waitlisted'
          ? t('eventsForm.queue.waitlisted', { org: u.org.name })
          : u.booth
            ? t('eventsForm.queue.approved', { org: u.org.name, booth: u.booth })
            : t('eventsForm.queue.approvedNoBooth', { org: u.org.name });
      setNotice({ text, tone: u.state === 'waitlisted' ? 'info' : 'success' });
      reload();
      ev.reload();
    } catch (x) {
      setNotice({ text: problemMessage(t, x), tone: 'error' });
    } finally {
      setBusyId(null);
    }
  }

  async function reject(e: FormEvent) {
    e.preventDefault();
    if (!rejecting) return;
    setBusyId(rejecting.id);
    setRejectError(null);
    try {
      const u = await eventsApi.step(id, rejecting.id, 'reject', rejecting.version, reason);
      setRejecting(null);
      setNotice({ text: t('eventsForm.queue.rejected', { org: u.org.name }), tone: 'success' });
      reload();
    } catch (x) {
      setRejectError(problemMessage(t, x));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="page event-queue-page">
      <p className="eyebrow">
        <Link to={`/events/${encodeURIComponent(id)}`}>{t('eventsForm.queue.back')}</Link>
      </p>
      <h1>{t('eventsForm.queue.title', { name })}</h1>
      <Notice message={notice?.text} tone={notice?.tone} />
      <Tabs
        tabs={TABS}
        current={tab}
        label={t('eventsForm.queue.tabs')}
        panelId="registrations-panel"
        tabLabel={(s) => (s === 'all' ? t('eventsForm.queue.all') : t(`events.regState.${s}`))}
        onSelect={(s) => go({ tab: s })}
      />
      <div id="registrations-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {!data && loading && <Loading />}
        {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
        {data && data.items.length === 0 && <p className="empty">{t('eventsForm.queue.empty')}</p>}
        {data && data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table responsive registrations-table" aria-busy={loading}>
              <thead>
                <tr>
                  <th scope="col">{t('eventsForm.queue.org')}</th>
                  <th scope="col">{t('eventsForm.queue.role')}</th>
                  <th scope="col">{t('eventsForm.queue.shows')}</th>
                  <th scope="col">{t('eventsForm.queue.booth')}</th>
                  <th scope="col">{t('eventsForm.queue.state')}</th>
                  <th scope="col">{t('eventsForm.queue.submitted')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('eventsForm.queue.approve')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id} data-registration-id={r.id}>
                    <td data-label={t('eventsForm.queue.org')}>
                      <span className="strong">{r.org.name}</span>
                      {r.note && <p className="muted small">{r.note}</p>}
                      {r.rejectReason && <p className="muted small">{r.rejectReason}</p>}
                    </td>
                    <td data-label={t('eventsForm.queue.role')}>{t(`events.role.${r.role}`)}</td>
                    <td data-label={t('eventsForm.queue.shows')}>
                      {t('eventsForm.queue.shownCount', { listings: r.listings.length, needs: r.needs.length })}
                    </td>
                    <td data-label={t('eventsForm.queue.booth')} data-testid="booth">
                      {r.booth ?? boothTypeName(r.boothType) ?? '—'}
                    </td>
                    <td data-label={t('eventsForm.queue.state')}>
                      <span className={`badge badge-reg-${r.state}`} data-state={r.state}>
                        {t(`events.regState.${r.state}`)}
                      </span>
                      {r.state === 'waitlisted' && r.waitlistedAt && (
                        <span className="muted small"> {t('eventsForm.queue.waitingSince', { date: formatDate(r.waitlistedAt, i18n.language) })}</span>
                      )}
                    </td>
                    <td data-label={t('eventsForm.queue.submitted')}>{formatDate(r.createdAt, i18n.language)}</td>
                    <td className="cell-actions">
                      <div className="button-row">
                      {r.can.approve && (
                        <button type="button" className="btn btn-primary btn-small" disabled={busyId === r.id} onClick={() => approve(r)}>
                          {t('eventsForm.queue.approve')}
                        </button>
                      )}
                      {r.can.reject && (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          disabled={busyId === r.id}
                          onClick={() => {
                            setRejecting(r);
                            setReason('');
                            setRejectError(null);
                          }}
                        >
                          {t('eventsForm.queue.reject')}
                        </button>
                      )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data && data.total > (data.pageSize || PAGE_SIZE) && (
          <Pagination page={page} pageSize={data.pageSize || PAGE_SIZE} total={data.total} onPage={(p) => go({ page: p })} />
        )}
      </div>
      <FormDialog
        open={!!rejecting}
        title={t('eventsForm.queue.rejectTitle', { org: rejecting?.org.name ?? '' })}
        confirmLabel={t('eventsForm.queue.reject')}
        busy={!!busyId}
        error={rejectError}
        onSubmit={reject}
        onClose={() => setRejecting(null)}
      >
        <TextAreaField
          id="reject-reason"
          label={t('eventsForm.queue.reason')}
          required
          rows={3}
          maxLength={limits['EventReject.reason'].maxLength}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </FormDialog>
    </section>
  );
}
