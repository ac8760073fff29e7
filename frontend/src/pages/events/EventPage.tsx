// An event's public page: what, when, where, who organises it, the booth
// plan with the booths left, the B2B meeting settings, and the showcase of
// its exhibitors. Officers edit and publish it and open the registration
// queue; members of an organisation register and follow their registration.
// What each may do comes from the event's `can`.
import { lazy, Suspense, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldError } from '../../api/client';
import { eventsApi, type Event, type EventRegistration } from '../../api/events';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Fact } from '../../components/Facts';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDate, formatVnd } from '../../lib/format';
import { formatDay } from '../../lib/listing';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useTermLabels } from '../../lib/taxonomy';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { RegistrationBadge } from './Events';
import { CancelEvent } from './CancelEvent';
import { eventDates, eventName } from './eventText';

import { EventLinks } from './EventLinks';
import { slotEnd } from './slots';

// The exhibitors' showcase loads after the event itself.
const ShowcaseSection = lazy(() => import('./Showcase').then((m) => ({ default: m.Showcase })));

type Tone = 'success' | 'error' | 'info';

export default function EventPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { status } = useAuth();
  const ready = status !== 'loading';
  const { data: e, error, loading, reload, setData } = useAsync(
    () => (ready ? eventsApi.get(id) : new Promise<never>(() => undefined)),
    [id, ready, status],
  );
  const location = useLocation();
  const arrived = (location.state as { notice?: string } | null)?.notice;
  const [notice, setNotice] = useState<{ text: string; tone: Tone } | null>(arrived ? { text: arrived, tone: 'success' } : null);
  const [missing, setMissing] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const labels = useTermLabels();
  useTitle(e ? eventName(e, i18n.language) : t('events.pageTitle'));

  if (!e) {
    return (
      <section className="page">
        <h1>{t('events.pageTitle')}</h1>
        {loading ? (
          <Loading />
        ) : error instanceof ApiError && error.status === 404 ? (
          // No such event (or not published): nothing to try again, the list instead.
          <>
            <p>{problemMessage(t, error)}</p>
            <p className="actions">
              <Link className="btn btn-primary" to="/events">
                {t('events.title')}
              </Link>
            </p>
          </>
        ) : (
          <ErrorState message={problemMessage(t, error)} onRetry={reload} />
        )}
      </section>
    );
  }

  async function publish(ev: Event) {
    setBusy(true);
    setMissing([]);
    setNotice(null);
    try {
      setData(await eventsApi.publish(ev.id, ev.version));
      setNotice({ text: t('events.published'), tone: 'success' });
    } catch (err) {
      if (err instanceof ApiError && err.errors.length > 0) setMissing(err.errors);
      else if (err instanceof ApiError && err.code === 'version_mismatch') {
        setNotice({ text: t('events.stale'), tone: 'info' });
        reload();
      } else setNotice({ text: problemMessage(t, err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const lang = i18n.language;
  const description = lang === 'en' && e.descriptionEn ? e.descriptionEn : e.description;
  const m = e.meetings;
  return (
    <article className="page event-page" data-event-id={e.id}>
      <p className="eyebrow">{t(`events.kind.${e.kind}`)}</p>
      <div className="listing-kicker">
        {e.state !== 'published' && <span className={`badge badge-${e.state}`}>{t(`events.state.${e.state}`)}</span>}
        <RegistrationBadge event={e} />
      </div>
      <div className="page-head">
        <h1>{eventName(e, lang)}</h1>
        <div className="actions">
          {e.can.edit && (
            <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(e.id)}/edit`}>
              {t('events.edit')}
            </Link>
          )}
          {e.can.cancel && (
            <CancelEvent
              event={e}
              onCancelled={(done) => {
                setData(done);
                setNotice({ text: t('events.cancelledNotice'), tone: 'success' });
              }}
            />
          )}
          {e.can.registrations && (
            <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(e.id)}/registrations`}>
              {t('events.registrations')}
            </Link>
          )}
          {e.can.register && (
            <Link className="btn btn-primary" to={`/events/${encodeURIComponent(e.id)}/register`}>
              {t('events.register')}
            </Link>
          )}
          {!e.can.register && e.registrationOpen && status === 'anonymous' && (
            <Link className="btn btn-primary" to={`/login?next=${encodeURIComponent(`/events/${e.id}/register`)}`}>
              {t('events.loginToRegister')}
            </Link>
          )}
        </div>
      </div>
      <Notice message={notice?.text} tone={notice?.tone} />
      {e.state === 'cancelled' && (
        <div className="alert alert-warning" role="status">
          <p className="strong">{t('events.cancelledBanner')}</p>
          {e.cancelReason && <p>{t('events.cancelledReason', { reason: e.cancelReason })}</p>}
        </div>
      )}
      {e.can.publish && e.state === 'draft' && (
        <div className="alert alert-info publish-panel">
          <p>{t('events.publishHint')}</p>
          {missing.length > 0 && (
            <div role="alert">
              <p>{t('events.missing')}</p>
              <ul>
                {missing.map((f, i) => (
                  <li key={i}>
                    <code>{f.field}</code>: {fieldMessage(t, f)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => publish(e)}>
            {busy ? t('common.working') : t('events.publish')}
          </button>
        </div>
      )}
      <EventLinks eventId={e.id} can={e.can} />
      {status === 'authenticated' && !e.can.registrations && <MyRegistrations event={e} />}

      <div className="listing-layout">
        <div className="listing-main">
          {description && (
            <section className="listing-section" aria-labelledby="event-about">
              <h2 id="event-about">{t('events.section.about')}</h2>
              <p className="prose">{description}</p>
            </section>
          )}
          <section className="listing-section" aria-labelledby="event-booths">
            <h2 id="event-booths">{t('events.section.booths')}</h2>
            {e.booths.length === 0 ? <p className="muted">{t('events.noBooths')}</p> : <BoothTable event={e} lang={lang} />}
          </section>
          <section className="listing-section" aria-labelledby="event-meetings">
            <h2 id="event-meetings">{t('events.section.meetings')}</h2>
            {m.days.length > 0 && m.slotsPerDay > 0 ? (
              <>
                <p>
                  {t('events.meetingsText', { count: m.days.length, slots: m.slotsPerDay, minutes: m.minutes, start: m.start, tables: m.tables })}
                </p>
                <p className="muted small">{t('events.meetingDays', { days: m.days.map(formatDay).join(', ') })}</p>
                {m.breaks.length > 0 && (
                  <p className="muted small">
                    {t('events.meetingBreaks', {
                      breaks: m.breaks
                        .map((b) => t('events.meetingBreak', { time: slotEnd(m.start, m.minutes, b.after, m.breaks) ?? '', minutes: b.minutes }))
                        .join(', '),
                    })}
                  </p>
                )}
              </>
            ) : (
              <p className="muted">{t('events.noMeetings')}</p>
            )}
          </section>
          {e.state === 'published' && (
            <Suspense fallback={<Loading />}>
              <ShowcaseSection eventId={e.id} />
            </Suspense>
          )}
        </div>
        <aside className="listing-side">
          <dl className="listing-facts">
            <Fact label={t('events.when')}>{eventDates(t, e)}</Fact>
            {e.venue && <Fact label={t('events.venue')}>{e.venue}</Fact>}
            {e.link && (
              <Fact label={t('events.link')}>
                <a href={e.link} target="_blank" rel="noopener noreferrer">
                  {t('events.openLink')}
                </a>
              </Fact>
            )}
            {e.registrationOpens && e.state !== 'cancelled' && (
              <Fact label={t('events.registrationLabel')}>
                {t('events.registrationWindow', { opens: formatDay(e.registrationOpens), closes: formatDay(e.registrationCloses) })}
              </Fact>
            )}
            {e.organisers.length > 0 && (
              <Fact label={t('events.organisers')}>
                <ul className="plain-list">
                  {e.organisers.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </Fact>
            )}
            {e.sectors.length > 0 && (
              <Fact label={t('events.sectors')}>
                <ul className="tags">
                  {e.sectors.map((s) => (
                    <li key={s}>{labels.sector(s)}</li>
                  ))}
                </ul>
              </Fact>
            )}
          </dl>
        </aside>
      </div>
    </article>
  );
}

function BoothTable({ event: e, lang }: { event: Event; lang: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table responsive booth-table">
        <thead>
          <tr>
            <th scope="col">{t('events.booth.type')}</th>
            <th scope="col">{t('events.booth.size')}</th>
            <th scope="col">{t('events.booth.count')}</th>
            <th scope="col">{t('events.booth.fee')}</th>
            <th scope="col">{t('events.booth.left')}</th>
            <th scope="col">{t('events.booth.quota')}</th>
          </tr>
        </thead>
        <tbody>
          {e.booths.map((b) => {
            const av = e.availability.find((a) => a.code === b.code);
            return (
              <tr key={b.code} data-booth-type={b.code}>
                <td data-label={t('events.booth.type')}>{lang === 'en' && b.nameEn ? b.nameEn : b.name}</td>
                <td data-label={t('events.booth.size')}>{b.sizeM2 ? t('events.booth.sizeValue', { size: b.sizeM2 }) : '—'}</td>
                <td data-label={t('events.booth.count')}>{b.count}</td>
                <td data-label={t('events.booth.fee')}>{b.feeVnd ? formatVnd(b.feeVnd, lang) : t('events.booth.free')}</td>
                {/* Every booth still free, the free-quota ones included (the next column says how many of those). */}
                <td data-label={t('events.booth.left')} data-testid="booths-left">
                  {av ? av.left + (b.freeQuota > 0 ? av.quotaLeft : 0) : b.count}
                </td>
                <td data-label={t('events.booth.quota')}>
                  {b.freeQuota > 0 ? t('events.booth.quotaLeft', { left: av?.quotaLeft ?? b.freeQuota, quota: b.freeQuota }) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The signed-in member's registrations for the event, with withdraw when `can` allows it. */
function MyRegistrations({ event: e }: { event: Event }) {
  const { t, i18n } = useTranslation();
  const { data, reload } = useAsync(() => eventsApi.registrations(e.id, {}, 1, 20), [e.id]);
  const [confirm, setConfirm] = useState<EventRegistration | null>(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  if (!data || data.items.length === 0) return null;
  async function withdraw(r: EventRegistration) {
    setBusy(true);
    setErr(null);
    try {
      await eventsApi.step(e.id, r.id, 'withdraw', r.version);
      setConfirm(null);
      reload();
    } catch (x) {
      setErr(problemMessage(t, x));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card my-registrations" aria-labelledby="my-registrations">
      <h2 id="my-registrations">{t('events.section.mine')}</h2>
      <ul className="plain-list">
        {data.items.map((r) => (
          <li key={r.id} data-registration-id={r.id} className="my-registration">
            <span className="strong">{r.org.name}</span>
            <span>{t(`events.role.${r.role}`)}</span>
            <span className={`badge badge-reg-${r.state}`} data-state={r.state}>
              {t(`events.regState.${r.state}`)}
            </span>
            {r.booth && <span className="badge badge-booth"> {t('events.boothNumber', { booth: r.booth })}</span>}
            {r.rejectReason && <p className="muted small">{r.rejectReason}</p>}
            {r.state === 'waitlisted' && r.waitlistedAt && <span className="muted small"> ({formatDate(r.waitlistedAt, i18n.language)})</span>}
            {r.can.withdraw && (
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirm(r)}>
                {t('events.withdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={!!confirm}
        title={t('events.withdraw')}
        confirmLabel={t('events.withdraw')}
        danger
        busy={busy}
        error={err}
        onConfirm={() => confirm && withdraw(confirm)}
        onClose={() => setConfirm(null)}
      >
        <p>{t('events.confirmWithdraw')}</p>
      </ConfirmDialog>
    </section>
  );
}
