// The officer's "run the scheduler" screen ("Xếp lịch gặp B2B"): the grid
// (days × slots × tables), how many accepted meetings are placed, the run
// button (as the server's `can` allows), the meetings left out with the
// reason, and the placed ones by time with a link to each side's agenda.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { Fact } from '../../components/Facts';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDate, formatDateTime, formatNumber, formatTime } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { scheduleApi, type EventSchedule, type ScheduledMeeting } from './scheduleApi';

export default function Schedule() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { id = '' } = useParams();
  const loaded = useAsync(() => scheduleApi.schedule(id), [id]);
  const [ran, setRan] = useState<EventSchedule | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle(t('eventSchedule.schedule.title'));
  const s = ran ?? loaded.data;

  if (!s) {
    return (
      <section className="page">
        <h1>{t('eventSchedule.schedule.title')}</h1>
        {loaded.loading ? (
          <Loading />
        ) : loaded.error ? (
          <ErrorState message={problemMessage(t, loaded.error)} onRetry={loaded.reload} />
        ) : null}
      </section>
    );
  }

  async function run() {
    setBusy(true);
    setError(null);
    try {
      setRan(await scheduleApi.run(id));
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  const unplaced = s.meetings.filter((m) => !m.placement);
  const placed = s.meetings.filter((m) => m.placement);
  const capacity = s.days.length * s.slotsPerDay * s.tables;

  return (
    <section className="page schedule-page">
      <p className="eyebrow">{t('eventSchedule.schedule.kicker')}</p>
      <h1>{t('eventSchedule.schedule.title')}</h1>
      <p className="lead">{t('eventSchedule.schedule.intro')}</p>
      <dl className="facts">
        <Fact label={t('eventSchedule.schedule.days')}>
          {s.days.length > 0 ? s.days.map((d) => formatDate(d, lang)).join(', ') : '—'}
        </Fact>
        <Fact label={t('eventSchedule.schedule.grid')}>
          {t('eventSchedule.schedule.gridValue', {
            slots: s.slotsPerDay,
            tables: s.tables,
            capacity: formatNumber(capacity, lang),
          })}
        </Fact>
        <Fact label={t('eventSchedule.schedule.accepted')}>{formatNumber(s.accepted, lang)}</Fact>
        <Fact label={t('eventSchedule.schedule.placed')}>
          <span data-testid="placed-count">{t('eventSchedule.schedule.placedValue', { placed: s.placed, accepted: s.accepted })}</span>
        </Fact>
        <Fact label={t('eventSchedule.schedule.lastRun')}>
          {s.scheduledAt ? formatDateTime(s.scheduledAt, lang) : t('eventSchedule.schedule.never')}
        </Fact>
      </dl>
      <p className="actions">
        {s.can.schedule && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run()}>
            {busy
              ? t('eventSchedule.schedule.running')
              : s.scheduledAt
                ? t('eventSchedule.schedule.rerun')
                : t('eventSchedule.schedule.run')}
          </button>
        )}
      </p>
      {!s.can.schedule && <Notice tone="info" message={t('eventSchedule.schedule.cannot')} />}
      <Notice tone="error" message={error} />
      {ran && (
        <Notice
          message={t('eventSchedule.schedule.done', { placed: ran.placed, accepted: ran.accepted, changed: ran.changed })}
        />
      )}

      <h2>{t('eventSchedule.schedule.unplacedTitle', { count: unplaced.length })}</h2>
      {unplaced.length === 0 ? (
        <p className="muted">{t('eventSchedule.schedule.noneUnplaced')}</p>
      ) : (
        <DataTable columns={[t('eventSchedule.schedule.from'), t('eventSchedule.schedule.to'), t('eventSchedule.schedule.reason')]}>
          {unplaced.map((m) => (
            <tr key={m.id} data-testid="unplaced">
              <td data-label={t('eventSchedule.schedule.from')}>
                <AgendaLink eventId={id} side={m.from} />
              </td>
              <td data-label={t('eventSchedule.schedule.to')}>
                <AgendaLink eventId={id} side={m.to} />
              </td>
              <td data-label={t('eventSchedule.schedule.reason')}>
                {m.unplaced ? t(`eventSchedule.reasons.${m.unplaced}`) : t('eventSchedule.schedule.notRun')}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{t('eventSchedule.schedule.placedTitle', { count: placed.length })}</h2>
      {placed.length === 0 ? (
        <p className="muted">{t('eventSchedule.schedule.nonePlaced')}</p>
      ) : (
        <DataTable
          columns={[
            t('eventSchedule.agenda.time'),
            t('eventSchedule.agenda.table'),
            t('eventSchedule.schedule.from'),
            t('eventSchedule.schedule.to'),
          ]}
        >
          {placed.map((m) => (
            <PlacedRow key={m.id} m={m} eventId={id} lang={lang} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function PlacedRow({ m, eventId, lang }: { m: ScheduledMeeting; eventId: string; lang: string }) {
  const { t } = useTranslation();
  const pl = m.placement!;
  return (
    <tr data-testid="placed">
      <td data-label={t('eventSchedule.agenda.time')} className="nowrap">
        <strong>
          {formatTime(pl.start, lang)}–{formatTime(pl.end, lang)}
        </strong>{' '}
        {formatDate(pl.start, lang)}
      </td>
      <td data-label={t('eventSchedule.agenda.table')} className="num nowrap">
        {t('eventSchedule.agenda.tableN', { n: pl.table + 1 })}
      </td>
      <td data-label={t('eventSchedule.schedule.from')}>
        <AgendaLink eventId={eventId} side={m.from} />
      </td>
      <td data-label={t('eventSchedule.schedule.to')}>
        <AgendaLink eventId={eventId} side={m.to} />
      </td>
    </tr>
  );
}

function AgendaLink({ eventId, side }: { eventId: string; side: { id: string; name: string } }) {
  return <Link to={`/events/${encodeURIComponent(eventId)}/agenda?registration=${encodeURIComponent(side.id)}`}>{side.name}</Link>;
}
