// The officer's event form: create a draft (/officer/events/new) or edit one
// (/events/:id/edit, with If-Match). The server checks everything and its
// messages land on the fields its errors name ("booths.0.count").
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { EVENT_KINDS, eventsApi, type BoothType, type Event, type EventInput, type EventKind } from '../../api/events';
import { limits } from '../../api/limits.gen';
import { DateField, FormAlert, SelectField, TermChecks, TextAreaField, TextField } from '../../components/Fields';
import { ErrorState, Loading } from '../../components/Status';
import { formatDay, parseDayInput } from '../../lib/listing';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useTaxonomy } from '../../lib/taxonomy';
import { useTitle } from '../../lib/useTitle';
import { slotEnd } from './slots';

const EVENT_SECTORS_MAX = limits['EventInput.sectors'].maxItems;
const BREAKS_MAX = limits['EventInput.meetings.breaks'].maxItems;

interface Values {
  name: string;
  nameEn: string;
  kind: EventKind;
  startDate: string;
  endDate: string;
  venue: string;
  link: string;
  organisers: string;
  sectors: string[];
  registrationOpens: string;
  registrationCloses: string;
  description: string;
  descriptionEn: string;
  booths: BoothRow[];
  days: string;
  start: string;
  minutes: string;
  slotsPerDay: string;
  tables: string;
  breaks: BreakRow[];
}

type BoothRow = Record<'code' | 'name' | 'nameEn' | 'sizeM2' | 'count' | 'feeVnd' | 'freeQuota' | 'prefix', string>;
/** A break after slot `after` (0-based, as the API counts; the form shows it from 1). */
type BreakRow = { after: number; minutes: string };

const EMPTY: Values = {
  name: '',
  nameEn: '',
  kind: 'fair',
  startDate: '',
  endDate: '',
  venue: '',
  link: '',
  organisers: '',
  sectors: [],
  registrationOpens: '',
  registrationCloses: '',
  description: '',
  descriptionEn: '',
  booths: [],
  days: '',
  start: '08:30',
  minutes: '',
  slotsPerDay: '',
  tables: '',
  breaks: [],
};

const NEW_BOOTH: BoothRow = { code: '', name: '', nameEn: '', sizeM2: '9', count: '', feeVnd: '0', freeQuota: '0', prefix: '' };

function fromEvent(e: Event): Values {
  const m = e.meetings;
  return {
    name: e.name,
    nameEn: e.nameEn ?? '',
    kind: e.kind as EventKind,
    startDate: formatDay(e.startDate),
    endDate: formatDay(e.endDate),
    venue: e.venue ?? '',
    link: e.link ?? '',
    organisers: e.organisers.join('\n'),
    sectors: e.sectors,
    registrationOpens: formatDay(e.registrationOpens),
    registrationCloses: formatDay(e.registrationCloses),
    description: e.description ?? '',
    descriptionEn: e.descriptionEn ?? '',
    booths: e.booths.map((b) => ({
      code: b.code,
      name: b.name,
      nameEn: b.nameEn ?? '',
      sizeM2: String(b.sizeM2),
      count: String(b.count),
      feeVnd: String(b.feeVnd),
      freeQuota: String(b.freeQuota),
      prefix: b.prefix,
    })),
    days: m.days.map(formatDay).join(', '),
    start: m.start || '08:30',
    minutes: m.minutes ? String(m.minutes) : '',
    slotsPerDay: m.slotsPerDay ? String(m.slotsPerDay) : '',
    tables: m.tables ? String(m.tables) : '',
    breaks: m.breaks.map((b) => ({ after: b.after, minutes: String(b.minutes) })),
  };
}

/** A typed day as the API writes it; what cannot be read goes as typed, for the server to name. */
const day = (s: string) => parseDayInput(s) ?? s.trim();
const num = (s: string) => (s.trim() === '' ? 0 : Number(s.replace(/[.,\s]/g, '')));

export function toInput(v: Values): EventInput {
  const days = v.days
    .split(/[,;\s]+/)
    .map((d) => d.trim())
    .filter(Boolean)
    .map(day);
  return {
    name: v.name,
    nameEn: v.nameEn,
    kind: v.kind,
    startDate: day(v.startDate),
    endDate: day(v.endDate),
    venue: v.venue,
    link: v.link,
    organisers: v.organisers
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean),
    sectors: v.sectors,
    registrationOpens: day(v.registrationOpens),
    registrationCloses: day(v.registrationCloses),
    description: v.description,
    descriptionEn: v.descriptionEn,
    booths: v.booths.map(
      (b): BoothType => ({
        code: b.code.trim(),
        name: b.name,
        nameEn: b.nameEn,
        sizeM2: Number(b.sizeM2.replace(',', '.')) || 0,
        count: num(b.count),
        feeVnd: num(b.feeVnd),
        freeQuota: num(b.freeQuota),
        prefix: b.prefix.trim(),
      }),
    ),
    meetings: { days, start: days.length > 0 ? v.start : '', minutes: num(v.minutes), slotsPerDay: num(v.slotsPerDay), tables: num(v.tables), breaks: v.breaks.map((b) => ({ after: b.after, minutes: num(b.minutes) })) },
  };
}

export default function EventForm() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [event, setEvent] = useState<Event | null>(null);
  const [values, setValues] = useState<Values>(EMPTY);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { taxonomy } = useTaxonomy();
  useTitle(id ? t('eventsForm.editTitle') : t('eventsForm.newTitle'));

  useEffect(() => {
    if (!id) return;
    eventsApi.get(id).then(
      (e) => {
        setEvent(e);
        setValues(fromEvent(e));
      },
      (err) => setLoadError(err),
    );
  }, [id]);

  if (id && !event) {
    return (
      <section className="page">
        <h1>{t('eventsForm.editTitle')}</h1>
        {loadError ? <ErrorState message={problemMessage(t, loadError)} /> : <Loading />}
      </section>
    );
  }

  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((prev) => ({ ...prev, [k]: v }));
  const setBooth = (i: number, k: keyof BoothRow, v: string) =>
    setValues((prev) => ({ ...prev, booths: prev.booths.map((b, j) => (j === i ? { ...b, [k]: v } : b)) }));
  const setBreak = (i: number, b: Partial<BreakRow>) =>
    setValues((prev) => ({ ...prev, breaks: prev.breaks.map((x, j) => (j === i ? { ...x, ...b } : x)) }));
  const err = (path: string) => errors[path];
  const bind = (k: 'name' | 'nameEn' | 'venue' | 'link' | 'start' | 'minutes' | 'slotsPerDay' | 'tables', path: string = k) => ({
    id: `event-${path}`,
    value: values[k],
    error: err(path),
    onChange: (e: { target: { value: string } }) => set(k, e.target.value),
  });
  const bindDate = (k: 'startDate' | 'endDate' | 'registrationOpens' | 'registrationCloses') => ({
    id: `event-${k}`,
    label: t(`eventsForm.${k}`),
    value: values[k],
    error: err(k),
    onChange: (e: { target: { value: string } }) => set(k, e.target.value),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const input = toInput(values);
      const saved = event ? await eventsApi.update(event.id, input, event.version) : await eventsApi.create(input);
      navigate(`/events/${encodeURIComponent(saved.id)}`, { state: { notice: event ? t('eventsForm.saved') : t('eventsForm.created') } });
    } catch (x) {
      if (x instanceof ApiError && x.errors.length > 0) {
        const byField: Record<string, string> = {};
        for (const f of x.errors) {
          const key = f.field.startsWith('meetings.days.') ? 'meetings.days' : f.field;
          byField[key] = byField[key] ?? fieldMessage(t, f) ?? f.code;
        }
        setErrors(byField);
        setFormError(problemMessage(t, x));
        const first = document.getElementById(`event-${x.errors[0].field}`);
        first?.focus();
      } else setFormError(problemMessage(t, x));
    } finally {
      setBusy(false);
    }
  }

  const sectors = taxonomy?.sectors ?? [];
  return (
    <section className="page event-form-page">
      <h1>{event ? t('eventsForm.editTitle') : t('eventsForm.newTitle')}</h1>
      <form className="form event-form" onSubmit={submit} noValidate>
        <FormAlert message={formError} />
        <fieldset className="form-section">
          <legend>{t('eventsForm.section.basics')}</legend>
          <TextField label={t('eventsForm.name')} required maxLength={limits['EventInput.name'].maxLength} {...bind('name')} />
          <TextField label={t('eventsForm.nameEn')} maxLength={limits['EventInput.nameEn'].maxLength} {...bind('nameEn')} />
          <SelectField id="event-kind" label={t('eventsForm.kind')} required value={values.kind} error={err('kind')} onChange={(e) => set('kind', e.target.value as EventKind)}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`events.kind.${k}`)}
              </option>
            ))}
          </SelectField>
          <div className="form-row">
            <DateField required {...bindDate('startDate')} />
            <DateField required {...bindDate('endDate')} />
          </div>
          <TextField label={t('eventsForm.venue')} maxLength={limits['EventInput.venue'].maxLength} {...bind('venue')} />
          <TextField label={t('eventsForm.link')} hint={t('eventsForm.linkHint')} type="url" {...bind('link')} />
          <TextAreaField
            id="event-organisers"
            label={t('eventsForm.organisers')}
            hint={t('eventsForm.organisersHint')}
            rows={3}
            value={values.organisers}
            error={err('organisers') ?? Object.entries(errors).find(([k]) => k.startsWith('organisers.'))?.[1]}
            onChange={(e) => set('organisers', e.target.value)}
          />
          <TermChecks
            id="event-sectors"
            label={t('eventsForm.sectors')}
            terms={sectors}
            lang={i18n.language}
            value={values.sectors}
            max={EVENT_SECTORS_MAX}
            onChange={(v) => set('sectors', v)}
            error={err('sectors')}
          />
          <TextAreaField
            id="event-description"
            label={t('eventsForm.description')}
            rows={5}
            maxLength={limits['EventInput.description'].maxLength}
            value={values.description}
            error={err('description')}
            onChange={(e) => set('description', e.target.value)}
          />
          <TextAreaField
            id="event-descriptionEn"
            label={t('eventsForm.descriptionEn')}
            rows={3}
            maxLength={limits['EventInput.descriptionEn'].maxLength}
            value={values.descriptionEn}
            error={err('descriptionEn')}
            onChange={(e) => set('descriptionEn', e.target.value)}
          />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('eventsForm.section.registration')}</legend>
          <div className="form-row">
            <DateField required {...bindDate('registrationOpens')} />
            <DateField required {...bindDate('registrationCloses')} />
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('eventsForm.section.booths')}</legend>
          <FormAlert message={err('booths')} />
          {values.booths.map((b, i) => (
            <fieldset key={i} className="booth-row" data-booth-row={i}>
              <legend>{t('eventsForm.booth.legend', { n: i + 1 })}</legend>
              <div className="form-row">
                {(['code', 'prefix', 'name', 'nameEn', 'sizeM2', 'count', 'feeVnd', 'freeQuota'] as const).map((k) => (
                  <TextField
                    key={k}
                    id={`event-booths.${i}.${k}`}
                    label={t(`eventsForm.booth.${k}`)}
                    inputMode={['sizeM2', 'count', 'feeVnd', 'freeQuota'].includes(k) ? 'numeric' : undefined}
                    value={b[k]}
                    error={err(`booths.${i}.${k}`)}
                    onChange={(e) => setBooth(i, k, e.target.value)}
                  />
                ))}
              </div>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => set('booths', values.booths.filter((_, j) => j !== i))}
              >
                {t('eventsForm.booth.remove')}
              </button>
            </fieldset>
          ))}
          <button type="button" className="btn btn-secondary" onClick={() => set('booths', [...values.booths, { ...NEW_BOOTH }])}>
            + {t('eventsForm.booth.add')}
          </button>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('eventsForm.section.meetings')}</legend>
          <TextField
            id="event-meetings.days"
            label={t('eventsForm.meetings.days')}
            hint={t('eventsForm.meetings.daysHint')}
            value={values.days}
            error={err('meetings.days')}
            onChange={(e) => set('days', e.target.value)}
          />
          <div className="form-row">
            <TextField label={t('eventsForm.meetings.start')} {...bind('start', 'meetings.start')} />
            <TextField label={t('eventsForm.meetings.minutes')} inputMode="numeric" {...bind('minutes', 'meetings.minutes')} />
            <TextField label={t('eventsForm.meetings.slotsPerDay')} inputMode="numeric" {...bind('slotsPerDay', 'meetings.slotsPerDay')} />
            <TextField label={t('eventsForm.meetings.tables')} inputMode="numeric" {...bind('tables', 'meetings.tables')} />
          </div>
          <Breaks
            values={values}
            error={err}
            onChange={setBreak}
            onAdd={(b) => set('breaks', [...values.breaks, b])}
            onRemove={(i) => set('breaks', values.breaks.filter((_, j) => j !== i))}
          />
        </fieldset>

        <p className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.working') : event ? t('eventsForm.save') : t('eventsForm.create')}
          </button>
          <Link className="btn btn-secondary" to={event ? `/events/${encodeURIComponent(event.id)}` : '/events'}>
            {t('eventsForm.cancel')}
          </Link>
        </p>
      </form>
    </section>
  );
}

/**
 * The breaks of a matchmaking day: after which meeting, and how long. A
 * break is chosen among the slots of the day, with the time it starts, so
 * it cannot fall outside the day; one left outside by a smaller day keeps
 * its place for the server to name.
 */
function Breaks({
  values,
  error,
  onChange,
  onAdd,
  onRemove,
}: {
  values: Values;
  error: (path: string) => string | undefined;
  onChange: (i: number, b: Partial<BreakRow>) => void;
  onAdd: (b: BreakRow) => void;
  onRemove: (i: number) => void;
}) {
  const { t } = useTranslation();
  const slots = num(values.slotsPerDay) || 0;
  const minutes = num(values.minutes) || 0;
  const kept = values.breaks.map((b) => ({ after: b.after, minutes: num(b.minutes) || 0 }));
  const option = (s: number) => {
    const at = slotEnd(values.start, minutes, s, kept);
    return at ? t('eventsForm.breaks.afterAt', { n: s + 1, time: at }) : t('eventsForm.breaks.afterPlain', { n: s + 1 });
  };
  const canAdd = slots >= 2 && values.breaks.length < BREAKS_MAX;
  return (
    <fieldset className="break-rows">
      <legend>{t('eventsForm.breaks.legend')}</legend>
      <FormAlert message={error('meetings.breaks')} />
      {values.breaks.map((b, i) => {
        const choices = Array.from({ length: Math.max(slots - 1, 0) }, (_, s) => s);
        if (!choices.includes(b.after)) choices.push(b.after);
        return (
          <fieldset key={i} className="booth-row" data-break-row={i}>
            <legend>{t('eventsForm.breaks.rowLegend', { n: i + 1 })}</legend>
            <div className="form-row">
              <SelectField
                id={`event-meetings.breaks.${i}.after`}
                label={t('eventsForm.breaks.after')}
                value={String(b.after)}
                error={error(`meetings.breaks.${i}.after`)}
                onChange={(e) => onChange(i, { after: Number(e.target.value) })}
              >
                {choices.map((s) => (
                  <option key={s} value={s}>
                    {option(s)}
                  </option>
                ))}
              </SelectField>
              <TextField
                id={`event-meetings.breaks.${i}.minutes`}
                label={t('eventsForm.breaks.minutes')}
                inputMode="numeric"
                value={b.minutes}
                error={error(`meetings.breaks.${i}.minutes`)}
                onChange={(e) => onChange(i, { minutes: e.target.value })}
              />
            </div>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => onRemove(i)}>
              {t('eventsForm.breaks.remove')}
            </button>
          </fieldset>
        );
      })}
      {slots < 2 && <p className="hint">{t('eventsForm.breaks.needSlots')}</p>}
      <button
        type="button"
        className="btn btn-secondary"
        disabled={!canAdd}
        onClick={() => onAdd({ after: Math.max(Math.floor(slots / 2) - 1, 0), minutes: '15' })}
      >
        + {t('eventsForm.breaks.add')}
      </button>
    </fieldset>
  );
}
