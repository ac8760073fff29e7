// Registering an organisation for an event (/events/:id/register): as an
// exhibitor with a booth type and the published offers it shows, as a
// participant with the published needs it brings (the reverse techmart), or
// as an inventor asking for a free booth; the meeting slots it can attend.
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { ApiError } from '../../api/client';
import { EVENT_ROLES, eventsApi, type EventRole } from '../../api/events';
import { limits } from '../../api/limits.gen';
import { useAuth } from '../../auth/AuthContext';
import { ChoiceGroup, FormAlert, SelectField, TextAreaField } from '../../components/Fields';
import { ErrorState, Loading } from '../../components/Status';
import { formatVnd } from '../../lib/format';
import { formatDay } from '../../lib/listing';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { eventName } from './eventText';
import { slotStart } from './slots';

export default function EventRegister() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { me } = useAuth();
  const ev = useAsync(() => eventsApi.get(id), [id]);
  const orgs = useMemo(
    () => (me?.organizations ?? []).filter((o) => o.status === 'verified' && o.kind !== 'department' && o.kind !== 'agency'),
    [me],
  );
  const [orgId, setOrgId] = useState('');
  const chosen = orgId || orgs[0]?.id || '';
  const listings = useAsync(() => endpoints.myListings({ state: 'published' }, 1, 100), []);
  const [role, setRole] = useState<EventRole>('exhibitor');
  const [boothType, setBoothType] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [slots, setSlots] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const e = ev.data;
  useTitle(e ? t('eventsForm.reg.title', { name: eventName(e, i18n.language) }) : t('events.pageTitle'));

  if (!e) {
    return (
      <section className="page">
        <h1>{t('events.pageTitle')}</h1>
        {ev.loading ? <Loading /> : <ErrorState message={problemMessage(t, ev.error)} onRetry={ev.reload} />}
      </section>
    );
  }
  const mine = (listings.data?.items ?? []).filter((l) => l.orgId === chosen);
  const offers = mine.filter((l) => l.kind !== 'demand');
  const needs = mine.filter((l) => l.kind === 'demand');
  const withBooth = role === 'exhibitor' || role === 'inventor';
  const boothTypes = e.booths.filter((b) => role !== 'inventor' || b.freeQuota > 0);
  const chosenBooth = boothType || boothTypes[0]?.code || '';
  const m = e.meetings;

  async function submit(ev2: FormEvent) {
    ev2.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError(null);
    const shown = role === 'participant' ? [] : picked.filter((p) => offers.some((o) => o.id === p));
    const brought = picked.filter((p) => needs.some((n) => n.id === p));
    try {
      await eventsApi.register(e!.id, {
        orgId: chosen,
        role,
        boothType: withBooth ? chosenBooth : '',
        listings: shown,
        needs: brought,
        slots,
        note,
      });
      navigate(`/events/${encodeURIComponent(e!.id)}`, { state: { notice: t('events.registered') } });
    } catch (x) {
      if (x instanceof ApiError && x.errors.length > 0) {
        const byField: Record<string, string> = {};
        for (const f of x.errors) byField[f.field] = byField[f.field] ?? fieldMessage(t, f) ?? f.code;
        setErrors(byField);
      }
      setFormError(problemMessage(t, x));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (list: number[], v: number) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v].sort((a, b) => a - b));
  return (
    <section className="page event-register-page">
      <p className="eyebrow">
        <Link to={`/events/${encodeURIComponent(e.id)}`}>{eventName(e, i18n.language)}</Link>
      </p>
      <h1>{t('eventsForm.reg.title', { name: eventName(e, i18n.language) })}</h1>
      {!e.registrationOpen && <p className="alert alert-info">{t('eventsForm.reg.closed')}</p>}
      {orgs.length === 0 ? (
        <p className="alert alert-info">{t('eventsForm.reg.noOrg')}</p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <FormAlert message={formError} />
          {orgs.length > 1 && (
            <SelectField id="reg-orgId" label={t('eventsForm.reg.org')} value={chosen} error={errors.orgId} onChange={(x) => setOrgId(x.target.value)}>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          )}
          <ChoiceGroup id="reg-role" label={t('eventsForm.reg.role')} required error={errors.role}>
            {EVENT_ROLES.map((r, i) => (
              <label key={r} className="radio-card">
                <input
                  type="radio"
                  name="reg-role"
                  id={i === 0 ? 'reg-role' : undefined}
                  value={r}
                  checked={role === r}
                  onChange={() => {
                    setRole(r);
                    setBoothType('');
                  }}
                />{' '}
                <span className="strong">{t(`events.role.${r}`)}</span>
                <span className="muted small"> — {t(`eventsForm.reg.roleHint.${r}`)}</span>
              </label>
            ))}
          </ChoiceGroup>
          {withBooth && boothTypes.length > 0 && (
            <SelectField id="reg-boothType" label={t('eventsForm.reg.boothType')} required value={chosenBooth} error={errors.boothType} onChange={(x) => setBoothType(x.target.value)}>
              {boothTypes.map((b) => {
                const av = e.availability.find((a) => a.code === b.code);
                const name = i18n.language === 'en' && b.nameEn ? b.nameEn : b.name;
                return (
                  <option key={b.code} value={b.code}>
                    {role === 'inventor'
                      ? t('eventsForm.reg.boothOptionFree', { name, left: av?.quotaLeft ?? b.freeQuota })
                      : t('eventsForm.reg.boothOption', { name, fee: b.feeVnd ? formatVnd(b.feeVnd, i18n.language) : t('events.booth.free'), left: av?.left ?? b.count })}
                  </option>
                );
              })}
            </SelectField>
          )}
          {withBooth && boothTypes.length === 0 && <p className="alert alert-info">{t('events.noBooths')}</p>}
          {role !== 'participant' && (
            <ChoiceGroup id="reg-listings" label={t('eventsForm.reg.listings')} required={role === 'exhibitor'} error={errors.listings}>
              {offers.length === 0 && <p className="muted">{t('eventsForm.reg.noOffers')}</p>}
              {offers.map((l, i) => (
                <label key={l.id} className="check">
                  <input
                    type="checkbox"
                    id={i === 0 ? 'reg-listings' : undefined}
                    checked={picked.includes(l.id)}
                    onChange={(x) => setPicked(x.target.checked ? [...picked, l.id] : picked.filter((p) => p !== l.id))}
                  />{' '}
                  {l.title}
                </label>
              ))}
            </ChoiceGroup>
          )}
          <ChoiceGroup id="reg-needs" label={t('eventsForm.reg.needs')} error={errors.needs}>
            {needs.length === 0 && <p className="muted">{t('eventsForm.reg.noNeeds')}</p>}
            {needs.map((l, i) => (
              <label key={l.id} className="check">
                <input
                  type="checkbox"
                  id={i === 0 ? 'reg-needs' : undefined}
                  checked={picked.includes(l.id)}
                  onChange={(x) => setPicked(x.target.checked ? [...picked, l.id] : picked.filter((p) => p !== l.id))}
                />{' '}
                {l.title}
              </label>
            ))}
          </ChoiceGroup>
          {m.days.length > 0 && m.slotsPerDay > 0 && (
            <ChoiceGroup id="reg-slots" label={t('eventsForm.reg.slots')} hint={t('eventsForm.reg.slotsHint')} error={errors.slots}>
              {m.days.map((d, di) => (
                <div key={d} className="slot-day">
                  <p className="strong">{formatDay(d)}</p>
                  <div className="checkbox-grid slot-grid">
                    {Array.from({ length: m.slotsPerDay }, (_, s) => {
                      const n = di * m.slotsPerDay + s;
                      return (
                        <label key={n} className="check">
                          <input type="checkbox" checked={slots.includes(n)} onChange={() => setSlots(toggle(slots, n))} />{' '}
                          {slotStart(m.start || '08:00', m.minutes, s, m.breaks)}
                        </label>
                      );
                    })}
                  </div>
                </div>
              ))}
            </ChoiceGroup>
          )}
          <TextAreaField
            id="reg-note"
            label={t('eventsForm.reg.note')}
            rows={3}
            maxLength={limits['EventRegistrationInput.note'].maxLength}
            value={note}
            error={errors.note}
            onChange={(x) => setNote(x.target.value)}
          />
          <p className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy || !e.registrationOpen}>
              {busy ? t('common.working') : t('eventsForm.reg.submit')}
            </button>
            <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(e.id)}`}>
              {t('eventsForm.cancel')}
            </Link>
          </p>
        </form>
      )}
    </section>
  );
}
