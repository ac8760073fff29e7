// "Gặp gỡ B2B": a registration's meetings at an event — suggestions from the
// matcher, requests in and out, accepted meetings with their slot once the
// scheduler ran, outcomes — and the badge to show at the door. Officers see
// every meeting of the event. What a person may do is the server's `can`.
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { FormDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { ChoiceGroup, SelectField, TextAreaField } from '../../components/Fields';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDate, formatTime } from '../../lib/format';
import { formatDay } from '../../lib/listing';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useForm } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { eventName } from './eventText';
import {
  groupOf,
  lengthProblem,
  meetingsApi,
  otherSide,
  MEETING_OUTCOMES,
  type EventSuggestion,
  type Meeting,
  type MeetingGroup,
  type MeetingOutcome,
  type Party,
} from './meetingsApi';
import { limits } from '../../api/limits.gen';

const MESSAGE_MIN = limits['EventMeetingInput.message'].minLength;
const MESSAGE_MAX = limits['EventMeetingInput.message'].maxLength;
const REASON_MAX = limits['EventMeetingReason.reason'].maxLength;
const NEXT_MAX = limits['MeetingOutcomeInput.nextStep'].maxLength;
const GROUPS: readonly MeetingGroup[] = ['incoming', 'outgoing', 'accepted', 'closed'];

export default function EventMeetings() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { me, hasRole, status } = useAuth();
  const ready = status !== 'loading';
  const staff = hasRole('officer', 'admin');
  const [params, setParams] = useSearchParams();
  const scope = staff && params.get('scope') !== 'mine' ? 'all' : 'mine';
  const list = useAsync(() => (ready ? meetingsApi.list(id, scope) : new Promise<never>(() => undefined)), [ready, id, scope]);
  const registered = (list.data?.mine.length ?? 0) > 0;
  const sugg = useAsync(() => (registered ? meetingsApi.suggestions(id) : Promise.resolve(null)), [registered, id]);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ to: string; listingId?: string; suggested: boolean } | null>(null);
  const [badgeOf, setBadgeOf] = useState<Party | null>(null);
  useTitle(list.data ? `${t('eventMeetings.title')} – ${eventName(list.data.event, i18n.language)}` : t('eventMeetings.title'));
  const orgIds = useMemo(() => new Set((me?.organizations ?? []).map((o) => o.id)), [me]);

  if (list.error) return <ErrorState message={problemMessage(t, list.error)} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const data = list.data;
  const ev = data.event;
  const reload = async () => {
    await Promise.all([list.reload(), registered ? sugg.reload() : Promise.resolve()]);
  };

  return (
    <section className="page event-meetings">
      <div className="page-head">
        <div>
          <p className="muted small">{eventName(ev, i18n.language)}</p>
          <h1>{scope === 'all' ? t('eventMeetings.titleAll') : t('eventMeetings.title')}</h1>
          <p className="muted">
            {formatDay(ev.startDate)}
            {ev.endDate && ev.endDate !== ev.startDate ? ` – ${formatDay(ev.endDate)}` : ''} ·{' '}
            {ev.scheduled ? t('eventMeetings.scheduleFinal') : t('eventMeetings.schedulePreliminary')}
          </p>
        </div>
        <p className="button-row">
          <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(id)}/deals`}>
            {t('eventMeetings.toDeals')}
          </Link>
          {staff && (
            <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(id)}/checkin`}>
              {t('eventMeetings.toCheckIn')}
            </Link>
          )}
        </p>
      </div>
      {staff && (
        <p className="button-row">
          <button type="button" className="chip" aria-pressed={scope === 'all'} onClick={() => setParams({})}>
            {t('eventMeetings.scopeAll')}
          </button>
          <button type="button" className="chip" aria-pressed={scope === 'mine'} onClick={() => setParams({ scope: 'mine' })}>
            {t('eventMeetings.scopeMine')}
          </button>
        </p>
      )}
      <Notice message={notice} />

      {scope === 'mine' && !registered && <p className="empty">{t('eventMeetings.notRegistered')}</p>}

      {data.mine.length > 0 && (
        <section className="card" aria-labelledby="badge-head">
          <h2 id="badge-head">{t('eventMeetings.badgeTitle')}</h2>
          <p className="muted">{t('eventMeetings.badgeIntro')}</p>
          <ul className="plain-list">
            {data.mine.map((g) => (
              <li key={g.id} className="button-row">
                <span className="strong">{g.org.name}</span>
                <span className="muted">
                  {t(`eventMeetings.role.${g.role}`, { defaultValue: g.role })}
                  {g.booth ? ` · ${t('eventMeetings.booth', { booth: g.booth })}` : ''}
                </span>
                <button type="button" className="btn btn-secondary" onClick={() => setBadgeOf(g)}>
                  {t('eventMeetings.showBadge')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {registered && (
        <section aria-labelledby="sugg-head">
          <h2 id="sugg-head">{t('eventMeetings.suggestions')}</h2>
          <p className="muted">{t('eventMeetings.suggestionsIntro')}</p>
          {sugg.error ? (
            <ErrorState message={problemMessage(t, sugg.error)} onRetry={sugg.reload} />
          ) : !sugg.data ? (
            <Loading />
          ) : sugg.data.items.length === 0 ? (
            <p className="empty">{t('eventMeetings.noSuggestions')}</p>
          ) : (
            <ul className="cards suggestion-list">
              {sugg.data.items.map((s) => (
                <SuggestionCard
                  key={s.registration.id}
                  s={s}
                  onAsk={() => setAsking({ to: s.registration.id, listingId: s.listing.id, suggested: true })}
                />
              ))}
            </ul>
          )}
          {data.event.meetingsOpen && data.parties.length > 0 && (
            <p>
              <button type="button" className="btn btn-secondary" onClick={() => setAsking({ to: '', suggested: false })}>
                {t('eventMeetings.askOther')}
              </button>
            </p>
          )}
        </section>
      )}

      {GROUPS.map((g) => {
        const items = data.items.filter((m) => (scope === 'all' ? g === groupAll(m) : groupOf(m, orgIds) === g));
        if (items.length === 0 && (g === 'closed' || scope === 'all')) return null;
        return (
          <section key={g} aria-labelledby={`group-${g}`}>
            <h2 id={`group-${g}`}>
              {t(`eventMeetings.group.${scope === 'all' ? `${g}All` : g}`)} <span className="muted">({items.length})</span>
            </h2>
            {items.length === 0 ? (
              <p className="empty">{t(`eventMeetings.emptyGroup.${g}`)}</p>
            ) : (
              <ul className="cards meeting-list">
                {items.map((m) => (
                  <MeetingCard
                    key={m.id}
                    eventId={id}
                    m={m}
                    orgIds={orgIds}
                    all={scope === 'all'}
                    onChanged={async (msg) => {
                      setNotice(msg);
                      await reload();
                    }}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}

      {asking && (
        <RequestDialog
          eventId={id}
          parties={data.parties}
          initial={asking}
          onClose={() => setAsking(null)}
          onDone={async () => {
            setAsking(null);
            setNotice(t('eventMeetings.requested'));
            await reload();
          }}
        />
      )}
      <BadgeDialog eventId={id} party={badgeOf} onClose={() => setBadgeOf(null)} />
    </section>
  );
}

function groupAll(m: Meeting): MeetingGroup {
  if (m.state === 'requested') return 'outgoing';
  return m.state === 'accepted' ? 'accepted' : 'closed';
}

function SuggestionCard({ s, onAsk }: { s: EventSuggestion; onAsk: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="card suggestion" data-registration-id={s.registration.id}>
      <p className="strong">{s.registration.org.name}</p>
      <p className="muted small">
        {t(`eventMeetings.role.${s.registration.role}`, { defaultValue: s.registration.role })}
        {s.registration.booth ? ` · ${t('eventMeetings.booth', { booth: s.registration.booth })}` : ''}
      </p>
      <p>
        <Link to={`/listings/${encodeURIComponent(s.listing.id)}`}>{s.listing.title}</Link>
      </p>
      <p className="muted small">{t('eventMeetings.fits', { title: s.mine.title })}</p>
      <p>
        <meter min={0} max={100} value={s.score} aria-label={t('eventMeetings.score')} /> {t('eventMeetings.scoreOf', { score: s.score })}
      </p>
      {s.reasons.length > 0 && (
        <ul className="reasons small">
          {s.reasons.slice(0, 3).map((r, i) => (
            <li key={i}>{r.text}</li>
          ))}
        </ul>
      )}
      {s.can.request ? (
        <button type="button" className="btn btn-primary" onClick={onAsk}>
          {t('eventMeetings.ask')}
        </button>
      ) : s.meetingId ? (
        <p className="muted small">{t('eventMeetings.alreadyAsked')}</p>
      ) : null}
    </li>
  );
}

function MeetingCard({
  eventId,
  m,
  orgIds,
  all,
  onChanged,
}: {
  eventId: string;
  m: Meeting;
  orgIds: ReadonlySet<string>;
  all: boolean;
  onChanged: (notice: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { asked, other } = otherSide(m, orgIds);
  const [dialog, setDialog] = useState<'decline' | 'cancel' | 'outcome' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      await meetingsApi.step(eventId, m.id, 'accept');
      await onChanged(t('eventMeetings.accepted'));
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="card meeting" data-meeting-id={m.id} data-state={m.state}>
      <p className="button-row">
        <span className={`badge meeting-state-${m.state}`} data-state={m.state}>{t(`eventMeetings.state.${m.state}`)}</span>
        {m.suggested && <span className="badge meeting-suggested">{t('eventMeetings.fromSuggestion')}</span>}
      </p>
      <p className="strong">
        {all ? (
          <>
            {m.from.name} <span aria-hidden="true">→</span>
            <span className="visually-hidden">{t('eventMeetings.asks')}</span> {m.to.name}
          </>
        ) : (
          other.name
        )}
      </p>
      {!all && <p className="muted small">{asked ? t('eventMeetings.youAsked') : t('eventMeetings.theyAsked')}</p>}
      <blockquote className="message">{m.message}</blockquote>
      {m.state === 'accepted' &&
        (m.placement ? (
          <p className="placement strong">
            {t('eventMeetings.placement', {
              day: formatDate(m.placement.start, lang),
              from: formatTime(m.placement.start, lang),
              to: formatTime(m.placement.end, lang),
              table: m.placement.table + 1,
            })}
          </p>
        ) : (
          <p className="muted">{t('eventMeetings.notPlaced')}</p>
        ))}
      {m.outcomes.length > 0 && (
        <ul className="small outcomes">
          {m.outcomes.map((o) => (
            <li key={o.recordedBy.id}>
              <span className="strong">{o.recordedBy.name}:</span> {t(`eventMeetings.outcome.${o.result}`)}
              {o.interest ? ` · ${t('eventMeetings.interested')}` : ''}
              {o.nextStep ? ` · ${o.nextStep}` : ''}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="alert alert-error">{error}</p>}
      {Object.values(m.can).some(Boolean) && (
        <p className="button-row">
          {m.can.accept && (
            <button type="button" className="btn btn-primary" onClick={accept} disabled={busy}>
              {busy ? t('common.working') : t('eventMeetings.accept')}
            </button>
          )}
          {m.can.decline && (
            <button type="button" className="btn btn-secondary" onClick={() => setDialog('decline')}>
              {t('eventMeetings.decline')}
            </button>
          )}
          {m.can.outcome && (
            <button type="button" className="btn btn-primary" onClick={() => setDialog('outcome')}>
              {t('eventMeetings.recordOutcome')}
            </button>
          )}
          {m.can.deal && (
            <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(eventId)}/deals?meeting=${encodeURIComponent(m.id)}`}>
              {t('eventMeetings.recordDeal')}
            </Link>
          )}
          {m.can.cancel && (
            <button type="button" className="btn btn-secondary" onClick={() => setDialog('cancel')}>
              {m.state === 'requested' ? t('eventMeetings.withdraw') : t('eventMeetings.cancel')}
            </button>
          )}
        </p>
      )}
      {(dialog === 'decline' || dialog === 'cancel') && (
        <ReasonDialog
          eventId={eventId}
          m={m}
          step={dialog}
          onClose={() => setDialog(null)}
          onDone={async () => {
            setDialog(null);
            await onChanged(dialog === 'decline' ? t('eventMeetings.declined') : t('eventMeetings.cancelled'));
          }}
        />
      )}
      {dialog === 'outcome' && (
        <OutcomeDialog
          eventId={eventId}
          m={m}
          onClose={() => setDialog(null)}
          onDone={async () => {
            setDialog(null);
            await onChanged(t('eventMeetings.outcomeSaved'));
          }}
        />
      )}
    </li>
  );
}

function RequestDialog({
  eventId,
  parties,
  initial,
  onClose,
  onDone,
}: {
  eventId: string;
  parties: Party[];
  initial: { to: string; listingId?: string; suggested: boolean };
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm<'toRegistrationId' | 'message'>({
    prefix: 'meeting-request',
    initial: { toRegistrationId: initial.to, message: '' },
    order: ['toRegistrationId', 'message'],
    validate: (v) => ({
      toRegistrationId: v.toRegistrationId ? undefined : { code: 'required' },
      message: lengthProblem(v.message, MESSAGE_MIN, MESSAGE_MAX),
    }),
  });
  const to = parties.find((p) => p.id === form.values.toRegistrationId);
  return (
    <FormDialog
      open
      title={to ? t('eventMeetings.askTitle', { org: to.org.name }) : t('eventMeetings.askOther')}
      confirmLabel={t('eventMeetings.send')}
      danger={false}
      busy={form.busy}
      error={form.formError}
      onClose={onClose}
      onSubmit={form.submit(async (v) => {
        await meetingsApi.request(eventId, {
          toRegistrationId: v.toRegistrationId,
          message: v.message.trim(),
          listingId: initial.listingId ?? '',
          suggested: initial.suggested,
        });
        await onDone();
      })}
    >
      {!initial.to && (
        <SelectField {...form.bind('toRegistrationId')} label={t('eventMeetings.with')} required>
          <option value="">{t('eventMeetings.choose')}</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.org.name}
              {p.booth ? ` (${p.booth})` : ''}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField
        {...form.bind('message')}
        label={t('eventMeetings.message')}
        hint={t('eventMeetings.messageHint', { min: MESSAGE_MIN, max: MESSAGE_MAX })}
        rows={4}
        maxLength={MESSAGE_MAX}
        required
      />
    </FormDialog>
  );
}

function ReasonDialog({
  eventId,
  m,
  step,
  onClose,
  onDone,
}: {
  eventId: string;
  m: Meeting;
  step: 'decline' | 'cancel';
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm<'reason'>({
    prefix: `meeting-${step}`,
    initial: { reason: '' },
    order: ['reason'],
    validate: (v) => (v.reason.length > REASON_MAX ? { reason: { code: 'too_long', params: { max: REASON_MAX } } } : {}),
  });
  return (
    <FormDialog
      open
      title={step === 'decline' ? t('eventMeetings.declineTitle') : m.state === 'requested' ? t('eventMeetings.withdrawTitle') : t('eventMeetings.cancelTitle')}
      confirmLabel={step === 'decline' ? t('eventMeetings.decline') : t('eventMeetings.confirmCancel')}
      dismissLabel={step === 'decline' ? undefined : t('common.back')}
      busy={form.busy}
      error={form.formError}
      onClose={onClose}
      onSubmit={form.submit(async (v) => {
        await meetingsApi.step(eventId, m.id, step, v.reason.trim());
        await onDone();
      })}
    >
      <TextAreaField {...form.bind('reason')} label={t('eventMeetings.reason')} hint={t('eventMeetings.reasonHint')} rows={3} maxLength={REASON_MAX} />
    </FormDialog>
  );
}

function OutcomeDialog({ eventId, m, onClose, onDone }: { eventId: string; m: Meeting; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [interest, setInterest] = useState(true);
  const form = useForm<'result' | 'nextStep'>({
    prefix: 'meeting-outcome',
    initial: { result: 'held', nextStep: '' },
    order: ['result', 'nextStep'],
    validate: (v) => ({
      result: v.result ? undefined : { code: 'required' },
      nextStep: v.nextStep.length > NEXT_MAX ? { code: 'too_long', params: { max: NEXT_MAX } } : undefined,
    }),
  });
  return (
    <FormDialog
      open
      title={t('eventMeetings.outcomeTitle')}
      confirmLabel={t('common.save')}
      danger={false}
      busy={form.busy}
      error={form.formError}
      onClose={onClose}
      onSubmit={form.submit(async (v) => {
        await meetingsApi.outcome(eventId, m.id, { result: v.result as MeetingOutcome, interest: v.result === 'held' && interest, nextStep: v.nextStep.trim() });
        await onDone();
      })}
    >
      <ChoiceGroup id="meeting-outcome-result" label={t('eventMeetings.result')} required error={form.bind('result').error}>
        {MEETING_OUTCOMES.map((o, i) => (
          <label key={o} className="check">
            <input
              type="radio"
              id={i === 0 ? 'meeting-outcome-result' : undefined}
              name="meeting-outcome-result"
              value={o}
              checked={form.values.result === o}
              onChange={() => form.update('result', o)}
            />
            {t(`eventMeetings.outcome.${o}`)}
          </label>
        ))}
      </ChoiceGroup>
      {form.values.result === 'held' && (
        <label className="check">
          <input type="checkbox" checked={interest} onChange={(e) => setInterest(e.target.checked)} />
          {t('eventMeetings.interestQuestion')}
        </label>
      )}
      <TextAreaField {...form.bind('nextStep')} label={t('eventMeetings.nextStep')} hint={t('eventMeetings.nextStepHint')} rows={3} maxLength={NEXT_MAX} />
    </FormDialog>
  );
}

/** The badge: its QR code (fetched with the session's token) and the code to type when a camera fails. */
function BadgeDialog({ eventId, party, onClose }: { eventId: string; party: Party | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [code, setCode] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!party) return;
    let live = true;
    let made: string | null = null;
    setError(null);
    Promise.all([meetingsApi.badge(eventId, party.id), meetingsApi.badgeImage(eventId, party.id)])
      .then(([b, blob]) => {
        if (!live) return;
        setCode(b.code);
        made = URL.createObjectURL(blob);
        setUrl(made);
      })
      .catch((err) => live && setError(problemMessage(t, err)));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
      setCode('');
    };
  }, [eventId, party, t]);
  return (
    <Dialog open={party !== null} title={t('eventMeetings.badgeTitle')} onClose={onClose}>
      {party && (
        <div className="badge-card">
          <p className="strong">{party.org.name}</p>
          {party.booth && <p>{t('eventMeetings.booth', { booth: party.booth })}</p>}
          {error ? (
            <p className="alert alert-error">{error}</p>
          ) : url ? (
            <img className="badge-qr" src={url} alt={t('eventMeetings.badgeAlt', { org: party.org.name })} width={240} height={240} />
          ) : (
            <Loading />
          )}
          {code && (
            <p className="small">
              {t('eventMeetings.badgeCode')} <code className="badge-code">{code}</code>
            </p>
          )}
          <p className="muted small">{t('eventMeetings.badgeHint')}</p>
        </div>
      )}
    </Dialog>
  );
}
