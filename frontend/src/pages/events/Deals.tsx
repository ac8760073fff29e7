// The deal log of an event: MoUs and contracts signed there (on the spot)
// or later from its meetings, with their totals; a party or an officer
// records one (prefilled from a meeting with ?meeting=), and a contract
// becomes a transfer record.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { FormDialog } from '../../components/ConfirmDialog';
import { AmountField, ChoiceGroup, DateField, SelectField, TextField } from '../../components/Fields';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatVnd } from '../../lib/format';
import { formatDay, parseAmount, parseDayInput, todayInVietnam } from '../../lib/listing';
import { problemMessage } from '../../lib/messages';
import { termLabel, useTaxonomy } from '../../lib/taxonomy';
import { useAsync } from '../../lib/useAsync';
import { useForm } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { eventName } from './eventText';
import { limits } from '../../api/limits.gen';
import { DEAL_KINDS, lengthProblem, meetingsApi, type Deal, type DealKind, type Party } from './meetingsApi';

const TITLE_MIN = limits['EventDealTransferInput.title'].minLength;
const TITLE_MAX = limits['EventDealTransferInput.title'].maxLength;

export default function Deals() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { hasRole, status } = useAuth();
  const ready = status !== 'loading';
  const staff = hasRole('officer', 'admin');
  const [params, setParams] = useSearchParams();
  const meetingId = params.get('meeting') ?? '';
  const deals = useAsync(() => (ready ? meetingsApi.deals(id) : new Promise<never>(() => undefined)), [ready, id]);
  const meetings = useAsync(
    () => (ready ? meetingsApi.list(id, staff ? 'all' : 'mine') : new Promise<never>(() => undefined)),
    [ready, id, staff],
  );
  const { taxonomy } = useTaxonomy();
  const [recording, setRecording] = useState(meetingId !== '');
  const [transferOf, setTransferOf] = useState<Deal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useTitle(meetings.data ? `${t('eventDeals.title')} – ${eventName(meetings.data.event, i18n.language)}` : t('eventDeals.title'));

  const parties = useMemo(() => (meetings.data ? [...meetings.data.mine, ...meetings.data.parties] : []), [meetings.data]);
  const names = useMemo(() => new Map(parties.map((p) => [p.org.id, p.org.name])), [parties]);
  const meeting = meetings.data?.items.find((m) => m.id === meetingId);
  const formLabel = (code: string | undefined) => {
    const term = (taxonomy?.transferForms ?? []).find((f) => f.code === code);
    return term ? termLabel(term, lang) : (code ?? '');
  };

  if (deals.error) return <ErrorState message={problemMessage(t, deals.error)} onRetry={deals.reload} />;
  if (!deals.data || !meetings.data) return <Loading />;
  const d = deals.data;
  const canRecord = staff || meetings.data.mine.length > 0;

  return (
    <section className="page event-deals">
      <div className="page-head">
        <div>
          <p className="muted small">{eventName(meetings.data.event, i18n.language)}</p>
          <h1>{t('eventDeals.title')}</h1>
        </div>
        <p className="button-row">
          <Link className="btn btn-secondary" to={`/events/${encodeURIComponent(id)}/meetings`}>
            {t('eventDeals.toMeetings')}
          </Link>
          {canRecord && (
            <button type="button" className="btn btn-primary" onClick={() => setRecording(true)}>
              {t('eventDeals.record')}
            </button>
          )}
        </p>
      </div>
      <p className="lead">{staff ? t('eventDeals.introAll') : t('eventDeals.intro')}</p>
      <Notice message={notice} />

      <dl className="deal-totals">
        {DEAL_KINDS.map((k) => (
          <div key={k} className="card">
            <dt>{t(`eventDeals.kind.${k}`)}</dt>
            <dd>
              <span className="strong" data-total={k}>
                {d.count[k] ?? 0}
              </span>{' '}
              · {formatVnd(d.value[k] ?? 0, lang)}
            </dd>
          </div>
        ))}
      </dl>

      {d.items.length === 0 ? (
        <p className="empty">{t('eventDeals.empty')}</p>
      ) : (
        <table className="table responsive deals-table">
          <thead>
            <tr>
              <th scope="col">{t('eventDeals.kindCol')}</th>
              <th scope="col">{t('eventDeals.parties')}</th>
              <th scope="col">{t('eventDeals.value')}</th>
              <th scope="col">{t('eventDeals.signedOn')}</th>
              <th scope="col">{t('eventDeals.transfer')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((x) => (
              <tr key={x.id} data-deal-id={x.id}>
                <td data-label={t('eventDeals.kindCol')}>
                  <span className={`badge deal-${x.kind}`}>{t(`eventDeals.kind.${x.kind}`)}</span>
                  {x.form && <p className="muted small">{formLabel(x.form)}</p>}
                </td>
                <td data-label={t('eventDeals.parties')}>
                  {x.supplier.name} <span aria-hidden="true">→</span>
                  <span className="visually-hidden">{t('eventDeals.to')}</span> {x.recipient.name}
                  {x.listingId && (
                    <p className="small">
                      <Link to={`/listings/${encodeURIComponent(x.listingId)}`}>{t('eventDeals.listing')}</Link>
                    </p>
                  )}
                </td>
                <td data-label={t('eventDeals.value')}>{x.valueVnd > 0 ? formatVnd(x.valueVnd, lang) : t('eventDeals.noValue')}</td>
                <td data-label={t('eventDeals.signedOn')}>
                  {formatDay(x.signedOn)}
                  <p className="muted small">{x.onSpot ? t('eventDeals.onSpot') : t('eventDeals.later')}</p>
                </td>
                <td data-label={t('eventDeals.transfer')}>
                  {x.transferId ? (
                    <Link to={`/transfers/${encodeURIComponent(x.transferId)}`}>{t('eventDeals.openTransfer')}</Link>
                  ) : x.can.transfer ? (
                    <button type="button" className="btn btn-secondary" onClick={() => setTransferOf(x)}>
                      {t('eventDeals.makeTransfer')}
                    </button>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {recording && (
        <DealDialog
          eventId={id}
          parties={parties}
          meeting={meeting ? { id: meeting.id, from: meeting.fromOrg, to: meeting.toOrg, listingId: meeting.listingId ?? '' } : undefined}
          forms={(taxonomy?.transferForms ?? []).map((f) => ({ code: f.code, label: termLabel(f, lang) })) ?? []}
          onClose={() => {
            setRecording(false);
            if (meetingId) setParams({});
          }}
          onDone={async (deal) => {
            setRecording(false);
            if (meetingId) setParams({});
            setNotice(t('eventDeals.recorded', { supplier: deal.supplier.name, recipient: deal.recipient.name }));
            await deals.reload();
          }}
        />
      )}
      {transferOf && (
        <TransferDialog
          eventId={id}
          deal={transferOf}
          needsForm={!transferOf.form}
          forms={(taxonomy?.transferForms ?? []).map((f) => ({ code: f.code, label: termLabel(f, lang) })) ?? []}
          methods={(taxonomy?.transferMethods ?? []).map((f) => ({ code: f.code, label: termLabel(f, lang) })) ?? []}
          title={`${names.get(transferOf.supplier.id) ?? transferOf.supplier.name} – ${transferOf.recipient.name}`}
          onClose={() => setTransferOf(null)}
        />
      )}
    </section>
  );
}

type DealField = 'kind' | 'supplierOrgId' | 'recipientOrgId' | 'form' | 'valueVnd' | 'signedOn';

function DealDialog({
  eventId,
  parties,
  meeting,
  forms,
  onClose,
  onDone,
}: {
  eventId: string;
  parties: Party[];
  meeting?: { id: string; from: string; to: string; listingId: string };
  forms: { code: string; label: string }[];
  onClose: () => void;
  onDone: (d: Deal) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm<DealField>({
    prefix: 'deal',
    initial: {
      kind: 'mou',
      // From a meeting: the exhibitor supplies, the other side receives.
      supplierOrgId: meeting ? supplierOf(parties, meeting) : '',
      recipientOrgId: meeting ? (supplierOf(parties, meeting) === meeting.from ? meeting.to : meeting.from) : '',
      form: '',
      valueVnd: '',
      signedOn: formatDay(todayInVietnam()),
    },
    order: ['kind', 'supplierOrgId', 'recipientOrgId', 'form', 'valueVnd', 'signedOn'],
    validate: (v) => ({
      supplierOrgId: v.supplierOrgId ? undefined : { code: 'required' },
      recipientOrgId: !v.recipientOrgId
        ? { code: 'required' }
        : v.recipientOrgId === v.supplierOrgId
          ? { code: 'same_org' }
          : undefined,
      valueVnd: v.valueVnd.trim() && parseAmount(v.valueVnd) === null ? { code: 'invalid_number' } : undefined,
      signedOn: parseDayInput(v.signedOn) ? undefined : v.signedOn.trim() ? { code: 'invalid_date' } : { code: 'required' },
    }),
  });
  const orgs = parties.filter((p, i) => parties.findIndex((q) => q.org.id === p.org.id) === i);
  return (
    <FormDialog
      open
      title={t('eventDeals.record')}
      confirmLabel={t('common.save')}
      danger={false}
      busy={form.busy}
      error={form.formError}
      onClose={onClose}
      onSubmit={form.submit(async (v) => {
        const deal = await meetingsApi.recordDeal(eventId, {
          kind: v.kind as DealKind,
          supplierOrgId: v.supplierOrgId,
          recipientOrgId: v.recipientOrgId,
          form: v.form,
          valueVnd: parseAmount(v.valueVnd) ?? 0,
          signedOn: parseDayInput(v.signedOn) ?? '',
          meetingId: meeting?.id ?? '',
          listingId: meeting?.listingId ?? '',
          sectors: [],
        });
        await onDone(deal);
      })}
    >
      <ChoiceGroup id="deal-kind" label={t('eventDeals.kindCol')} required>
        {DEAL_KINDS.map((k, i) => (
          <label key={k} className="check">
            <input type="radio" id={i === 0 ? 'deal-kind' : undefined} name="deal-kind" checked={form.values.kind === k} onChange={() => form.update('kind', k)} />
            {t(`eventDeals.kind.${k}`)}
          </label>
        ))}
      </ChoiceGroup>
      <SelectField {...form.bind('supplierOrgId')} label={t('eventDeals.supplier')} required>
        <option value="">{t('eventDeals.choose')}</option>
        {orgs.map((p) => (
          <option key={p.org.id} value={p.org.id}>
            {p.org.name}
          </option>
        ))}
      </SelectField>
      <SelectField {...form.bind('recipientOrgId')} label={t('eventDeals.recipient')} required>
        <option value="">{t('eventDeals.choose')}</option>
        {orgs.map((p) => (
          <option key={p.org.id} value={p.org.id}>
            {p.org.name}
          </option>
        ))}
      </SelectField>
      <SelectField {...form.bind('form')} label={t('eventDeals.form')} hint={t('eventDeals.formHint')}>
        <option value="">{t('eventDeals.noForm')}</option>
        {forms.map((f) => (
          <option key={f.code} value={f.code}>
            {f.label}
          </option>
        ))}
      </SelectField>
      <AmountField {...form.bind('valueVnd')} label={t('eventDeals.value')} onFormat={(v) => form.update('valueVnd', v)} />
      <DateField {...form.bind('signedOn')} label={t('eventDeals.signedOn')} required />
    </FormDialog>
  );
}

/** The side of a meeting that supplies: the one exhibiting, else the one asked. */
function supplierOf(parties: Party[], m: { from: string; to: string }): string {
  const exhibits = (org: string) => parties.some((p) => p.org.id === org && p.role !== 'participant');
  if (exhibits(m.from) && !exhibits(m.to)) return m.from;
  return m.to;
}

function TransferDialog({
  eventId,
  deal,
  needsForm,
  forms,
  methods,
  title,
  onClose,
}: {
  eventId: string;
  deal: Deal;
  needsForm: boolean;
  forms: { code: string; label: string }[];
  methods: { code: string; label: string }[];
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<string[]>([]);
  const [registration, setRegistration] = useState(false);
  const [consent, setConsent] = useState(false);
  const form = useForm<'title' | 'form' | 'methods'>({
    prefix: 'deal-transfer',
    initial: { title, form: deal.form ?? '', methods: '' },
    order: ['title', 'form', 'methods'],
    validate: (v) => ({
      title: lengthProblem(v.title, TITLE_MIN, TITLE_MAX),
      form: v.form ? undefined : { code: 'required' },
      methods: chosen.length ? undefined : { code: 'required' },
    }),
  });
  return (
    <FormDialog
      open
      title={t('eventDeals.makeTransfer')}
      confirmLabel={t('eventDeals.makeTransferConfirm')}
      danger={false}
      busy={form.busy}
      error={form.formError}
      onClose={onClose}
      onSubmit={form.submit(async (v) => {
        const r = await meetingsApi.dealTransfer(eventId, deal.id, {
          title: v.title.trim(),
          form: v.form,
          methods: chosen,
          registrationRequired: registration,
          publicConsent: consent,
        });
        navigate(`/transfers/${encodeURIComponent(r.transferId)}`);
      })}
    >
      <p className="muted">{t('eventDeals.transferIntro', { value: formatVnd(deal.valueVnd), day: formatDay(deal.signedOn) })}</p>
      <TextField {...form.bind('title')} label={t('eventDeals.transferTitle')} maxLength={TITLE_MAX} required />
      {needsForm && (
        <SelectField {...form.bind('form')} label={t('eventDeals.form')} required>
          <option value="">{t('eventDeals.choose')}</option>
          {forms.map((f) => (
            <option key={f.code} value={f.code}>
              {f.label}
            </option>
          ))}
        </SelectField>
      )}
      <ChoiceGroup id="deal-transfer-methods" label={t('eventDeals.methods')} required error={form.bind('methods').error}>
        {methods.map((m, i) => (
          <label key={m.code} className="check">
            <input
              type="checkbox"
              id={i === 0 ? 'deal-transfer-methods' : undefined}
              checked={chosen.includes(m.code)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m.code] : c.filter((x) => x !== m.code)))}
            />
            {m.label}
          </label>
        ))}
      </ChoiceGroup>
      <label className="check">
        <input type="checkbox" checked={registration} onChange={(e) => setRegistration(e.target.checked)} />
        {t('eventDeals.registrationRequired')}
      </label>
      <label className="check">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        {t('eventDeals.publicConsent')}
      </label>
    </FormDialog>
  );
}
