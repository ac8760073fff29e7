// A registration's B2B agenda at an event ("Lịch gặp B2B"): its meetings by
// time with the table and the other side's booth, preliminary until the
// officers run the scheduler and final after; the calendar file (.ics), the
// PDF and a page to print, since connections and batteries fail on the day.
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { Fact } from '../../components/Facts';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDate, formatDateTime, formatTime } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { eventName } from './eventText';
import { openAgendaFile, scheduleApi, type AgendaFile, type AgendaItem } from './scheduleApi';

export default function Agenda() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const registration = params.get('registration') ?? undefined;
  const { data: a, loading, error, reload } = useAsync(() => scheduleApi.agenda(id, registration), [id, registration]);
  const [busy, setBusy] = useState<AgendaFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  useTitle(t('eventSchedule.agenda.title'));

  if (!a) {
    return (
      <section className="page">
        <h1>{t('eventSchedule.agenda.title')}</h1>
        {loading ? <Loading /> : error ? <ErrorState message={problemMessage(t, error)} onRetry={reload} /> : null}
      </section>
    );
  }

  async function file(format: AgendaFile) {
    setBusy(format);
    setFileError(null);
    try {
      await openAgendaFile(id, format, lang, registration);
    } catch (err) {
      setFileError(problemMessage(t, err));
    } finally {
      setBusy(null);
    }
  }

  const name = eventName(a.event, lang);
  const dates =
    a.event.endDate && a.event.endDate !== a.event.startDate
      ? `${formatDate(a.event.startDate, lang)} – ${formatDate(a.event.endDate, lang)}`
      : formatDate(a.event.startDate, lang);
  const placed = a.items.filter((it) => it.placement).length;

  return (
    <section className="page agenda-page">
      <p className="eyebrow">{name}</p>
      <h1>{t('eventSchedule.agenda.title')}</h1>
      <p className="lead">
        <span className={`badge ${a.final ? 'badge-verified' : 'badge-pending'}`} data-testid="agenda-status">
          {a.final ? t('eventSchedule.agenda.final') : t('eventSchedule.agenda.preliminary')}
        </span>{' '}
        {a.final
          ? t('eventSchedule.agenda.finalHint', { when: formatDateTime(a.scheduledAt, lang) })
          : t('eventSchedule.agenda.preliminaryHint')}
      </p>
      <dl className="facts">
        <Fact label={t('eventSchedule.agenda.org')}>{a.org.name}</Fact>
        <Fact label={t('eventSchedule.agenda.role')}>{t(`eventSchedule.roles.${a.role}`, { defaultValue: a.role })}</Fact>
        {a.booth && <Fact label={t('eventSchedule.agenda.booth')}>{a.booth}</Fact>}
        <Fact label={t('eventSchedule.agenda.dates')}>{dates}</Fact>
        {a.event.venue && <Fact label={t('eventSchedule.agenda.venue')}>{a.event.venue}</Fact>}
        {a.event.link && (
          <Fact label={t('eventSchedule.agenda.online')}>
            <a href={a.event.link} rel="noopener noreferrer" target="_blank">
              {a.event.link}
            </a>
          </Fact>
        )}
        <Fact label={t('eventSchedule.agenda.count')}>{t('eventSchedule.agenda.counted', { placed, total: a.items.length })}</Fact>
      </dl>
      {a.others.length > 0 && (
        <label className="inline-field">
          <span>{t('eventSchedule.agenda.pick')}</span>
          <select
            value={a.registration.id}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set('registration', e.target.value);
              setParams(next, { replace: true });
            }}
          >
            {[a.registration, ...a.others].map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="actions">
        <button type="button" className="btn btn-primary" disabled={busy !== null || placed === 0} onClick={() => void file('ics')}>
          {t('eventSchedule.agenda.ics')}
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={() => void file('pdf')}>
          {t('eventSchedule.agenda.pdf')}
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={() => void file('html')}>
          {t('eventSchedule.agenda.print')}
        </button>
      </p>
      <Notice message={fileError} tone="error" />
      {a.items.length === 0 ? (
        <p className="muted">{t('eventSchedule.agenda.empty')}</p>
      ) : (
        <DataTable
          columns={[
            t('eventSchedule.agenda.time'),
            t('eventSchedule.agenda.table'),
            t('eventSchedule.agenda.with'),
            t('eventSchedule.agenda.withBooth'),
            t('eventSchedule.agenda.message'),
          ]}
        >
          {a.items.map((it) => (
            <AgendaRow key={it.meetingId} it={it} lang={lang} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function AgendaRow({ it, lang }: { it: AgendaItem; lang: string }) {
  const { t } = useTranslation();
  const pl = it.placement;
  return (
    <tr data-testid="agenda-item">
      <td data-label={t('eventSchedule.agenda.time')} className="nowrap">
        {pl ? (
          <>
            <strong>
              {formatTime(pl.start, lang)}–{formatTime(pl.end, lang)}
            </strong>{' '}
            {formatDate(pl.start, lang)}
          </>
        ) : (
          <>
            <span className="badge badge-pending">{t('eventSchedule.agenda.notPlaced')}</span>
            {it.unplaced && <span className="fact-note"> {t(`eventSchedule.reasons.${it.unplaced}`)}</span>}
          </>
        )}
      </td>
      <td data-label={t('eventSchedule.agenda.table')} className="num nowrap">
        {pl ? t('eventSchedule.agenda.tableN', { n: pl.table + 1 }) : '—'}
      </td>
      <td data-label={t('eventSchedule.agenda.with')}>{it.with.name}</td>
      <td data-label={t('eventSchedule.agenda.withBooth')}>{it.withBooth || '—'}</td>
      <td data-label={t('eventSchedule.agenda.message')}>{it.message}</td>
    </tr>
  );
}
