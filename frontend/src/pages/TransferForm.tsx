// Recording a technology transfer: from an agreed connection (its parties
// and listing are known), or by an officer naming the supplier, the
// recipient and the listings; and editing a record (If-Match).
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import { isOffer, LISTING_KINDS, type Connection, type SearchHit, type Transfer, type TransferContent } from '../api/types';
import { AmountField, ChoiceGroup, DateField, FormAlert, SelectField, TextField } from '../components/Fields';
import { ListingPicker } from '../components/ListingPicker';
import { ErrorState, Loading } from '../components/Status';
import { formatNumber } from '../lib/format';
import { formatDay, parseAmount, parseDayInput, todayInVietnam, VND_MAX } from '../lib/listing';
import { REGISTRATION_DAYS, TRANSFER_TITLE_MAX, addDays } from '../lib/matching';
import { fieldMessage, problemMessage } from '../lib/messages';
import { termLabel, useTaxonomy } from '../lib/taxonomy';
import { useAsync } from '../lib/useAsync';
import { useForm } from '../lib/useForm';
import { useTitle } from '../lib/useTitle';
import { checkText, type FieldErrors } from '../lib/validation';

export type TransferField =
  | 'supplierOrgId'
  | 'recipientOrgId'
  | 'listings'
  | 'title'
  | 'form'
  | 'methods'
  | 'contractValue'
  | 'signedOn'
  | 'registrationRequired'
  | 'publicConsent';

const ORDER: readonly TransferField[] = [
  'supplierOrgId',
  'recipientOrgId',
  'listings',
  'title',
  'form',
  'methods',
  'contractValue',
  'signedOn',
  'registrationRequired',
  'publicConsent',
];

const SERVER_FIELDS: Record<string, TransferField> = {
  supplierOrgId: 'supplierOrgId',
  recipientOrgId: 'recipientOrgId',
  listingIds: 'listings',
  title: 'title',
  form: 'form',
  methods: 'methods',
  contractValue: 'contractValue',
  signedOn: 'signedOn',
  registrationRequired: 'registrationRequired',
  publicConsent: 'publicConsent',
};

type Values = Record<TransferField, string>;

const EMPTY: Values = {
  supplierOrgId: '',
  recipientOrgId: '',
  listings: '',
  title: '',
  form: '',
  methods: '',
  contractValue: '',
  signedOn: '',
  registrationRequired: '',
  publicConsent: '',
};

const list = (s: string) => s.split(',').filter(Boolean);

/** The form's checks; `named` when the officer names the organisations and listings. */
export function validateTransfer(v: Values, named: boolean, today = todayInVietnam()): FieldErrors<TransferField> {
  const errs: FieldErrors<TransferField> = {};
  if (named) {
    if (!v.supplierOrgId) errs.supplierOrgId = { code: 'required' };
    if (!v.recipientOrgId) errs.recipientOrgId = { code: 'required' };
    else if (v.recipientOrgId === v.supplierOrgId) errs.recipientOrgId = { code: 'same_org' };
    if (!v.listings) errs.listings = { code: 'required' };
  }
  const title = checkText(v.title, { max: TRANSFER_TITLE_MAX });
  if (title) errs.title = title;
  if (!v.form) errs.form = { code: 'required' };
  if (list(v.methods).length === 0) errs.methods = { code: 'choose_one' };
  const value = parseAmount(v.contractValue);
  if (value === undefined) errs.contractValue = { code: 'required' };
  else if (value === null) errs.contractValue = { code: 'invalid_number' };
  else if (value > VND_MAX) errs.contractValue = { code: 'out_of_range' };
  const signed = parseDayInput(v.signedOn);
  if (signed === undefined) errs.signedOn = { code: 'required' };
  else if (signed === null) errs.signedOn = { code: 'invalid_date' };
  else if (signed > today) errs.signedOn = { code: 'in_future' };
  return errs;
}

function content(v: Values): TransferContent {
  return {
    title: v.title.trim(),
    form: v.form,
    methods: list(v.methods),
    contractValue: parseAmount(v.contractValue) ?? 0,
    signedOn: parseDayInput(v.signedOn) ?? '',
    registrationRequired: v.registrationRequired === 'true',
    publicConsent: v.publicConsent === 'true',
  };
}

function fromTransfer(tr: Transfer): Values {
  return {
    ...EMPTY,
    title: tr.title,
    form: tr.form,
    methods: tr.methods.join(','),
    contractValue: formatNumber(tr.contractValue),
    signedOn: formatDay(tr.signedOn),
    registrationRequired: tr.registration.required ? 'true' : '',
    publicConsent: tr.publicConsent ? 'true' : '',
  };
}

/** Supplier and recipient of a connection: the offer's organisation supplies. */
export function connectionSides(c: Connection): { supplier: Connection['owner']; recipient: Connection['owner'] } {
  return isOffer(c.listing.kind) ? { supplier: c.owner, recipient: c.party } : { supplier: c.party, recipient: c.owner };
}

export default function TransferFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const connectionId = params.get('connection') ?? '';
  const mode: 'edit' | 'connection' | 'named' = id ? 'edit' : connectionId ? 'connection' : 'named';
  const source = useAsync<Connection | Transfer | null>(
    () => (id ? endpoints.transfer(id) : connectionId ? endpoints.connection(connectionId) : Promise.resolve(null)),
    [id, connectionId],
  );
  useTitle(mode === 'edit' ? t('transferForm.editTitle') : t('transferForm.title'));

  if (source.loading && !source.data) {
    return (
      <section className="page">
        <h1>{mode === 'edit' ? t('transferForm.editTitle') : t('transferForm.title')}</h1>
        <Loading />
      </section>
    );
  }
  if (source.error) {
    return (
      <section className="page">
        <h1>{mode === 'edit' ? t('transferForm.editTitle') : t('transferForm.title')}</h1>
        <ErrorState message={problemMessage(t, source.error)} onRetry={source.reload} />
      </section>
    );
  }
  const existing = mode === 'connection' ? (source.data as Connection | null)?.transferId : undefined;
  if (existing) {
    return (
      <section className="page">
        <h1>{t('transferForm.title')}</h1>
        <p className="alert alert-info">{t('transferForm.exists')}</p>
        <p className="actions">
          <Link className="btn btn-primary" to={`/transfers/${encodeURIComponent(existing)}`}>
            {t('connection.seeTransfer')}
          </Link>
        </p>
      </section>
    );
  }
  return <TransferFormBody mode={mode} source={source.data ?? null} onReload={source.reload} />;
}

function TransferFormBody({
  mode,
  source,
  onReload,
}: {
  mode: 'edit' | 'connection' | 'named';
  source: Connection | Transfer | null;
  onReload: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { taxonomy } = useTaxonomy();
  const connection = mode === 'connection' ? (source as Connection) : null;
  const transfer = mode === 'edit' ? (source as Transfer) : null;
  const named = mode === 'named';
  const [picked, setPicked] = useState<SearchHit[]>([]);
  const [stale, setStale] = useState(false);
  const orgs = useAsync(() => (named ? endpoints.organizations('verified', 1, 100).then((p) => p.items) : Promise.resolve([])), [named]);
  const form = useForm<TransferField>({
    initial: transfer
      ? fromTransfer(transfer)
      : { ...EMPTY, title: connection ? connection.listing.title : '', signedOn: '', registrationRequired: '' },
    prefix: 'transfer',
    order: ORDER,
    validate: (v) => validateTransfer(v, named),
    serverFields: SERVER_FIELDS,
    problem: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
        return t('transferForm.stale');
      }
      return undefined;
    },
  });
  const v = form.values;
  const methods = list(v.methods);
  const signed = parseDayInput(v.signedOn);

  useEffect(() => {
    if (transfer) form.reset(fromTransfer(transfer));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [transfer?.version]);

  const onSubmit = form.submit(async (values) => {
    const body = content(values);
    let saved: Transfer;
    if (transfer) saved = await endpoints.updateTransfer(transfer.id, body, transfer.version);
    else if (connection) saved = await endpoints.createTransfer({ ...body, connectionId: connection.id });
    else
      saved = await endpoints.createTransfer({
        ...body,
        supplierOrgId: values.supplierOrgId,
        recipientOrgId: values.recipientOrgId,
        listingIds: list(values.listings),
      });
    navigate(`/transfers/${encodeURIComponent(saved.id)}`, {
      state: { notice: transfer ? t('transferForm.saved') : t('transferForm.created') },
    });
  });

  const sidesOf = connection ? connectionSides(connection) : transfer ? { supplier: transfer.supplier, recipient: transfer.recipient } : null;
  const back = transfer
    ? `/transfers/${encodeURIComponent(transfer.id)}`
    : connection
      ? `/connections/${encodeURIComponent(connection.id)}`
      : '/officer/pipeline';
  const orgOptions = orgs.data ?? [];
  return (
    <section className="page">
      <p className="eyebrow">{t('transfer.kicker')}</p>
      <h1>{transfer ? t('transferForm.editTitle') : t('transferForm.title')}</h1>
      <p className="lead">{t('transferForm.intro')}</p>

      <form className="form listing-form" onSubmit={onSubmit} noValidate aria-busy={form.busy}>
        <FormAlert message={form.formError} />
        {stale && (
          <p>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => void onReload().then(() => setStale(false))}>
              {t('ownerPanel.reload')}
            </button>
          </p>
        )}

        {sidesOf && (
          <dl className="listing-facts side-card">
            <div>
              <dt>{t('transfer.supplier')}</dt>
              <dd>{sidesOf.supplier.name}</dd>
            </div>
            <div>
              <dt>{t('transfer.recipient')}</dt>
              <dd>{sidesOf.recipient.name}</dd>
            </div>
            <div>
              <dt>{t('transfer.listings')}</dt>
              <dd>{connection ? connection.listing.title : transfer?.listings.map((l) => l.title).join('; ')}</dd>
            </div>
          </dl>
        )}

        {named && (
          <>
            {orgs.error ? <ErrorState message={problemMessage(t, orgs.error)} onRetry={orgs.reload} /> : null}
            <SelectField {...form.bind('supplierOrgId')} label={t('transfer.supplier')} hint={t('transferForm.supplierHint')} required>
              <option value="">{t('transferForm.chooseOrg')}</option>
              {orgOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <SelectField {...form.bind('recipientOrgId')} label={t('transfer.recipient')} hint={t('transferForm.recipientHint')} required>
              <option value="">{t('transferForm.chooseOrg')}</option>
              {orgOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <ListingPicker
              id={form.id('listings')}
              label={t('transfer.listings')}
              hint={t('transferForm.listingsHint')}
              required
              kinds={LISTING_KINDS}
              max={5}
              selected={picked}
              error={form.bind('listings').error}
              onChange={(hits) => {
                setPicked(hits);
                form.update('listings', hits.map((h) => h.id).join(','));
              }}
            />
          </>
        )}

        <TextField {...form.bind('title')} label={t('transfer.title')} hint={t('transferForm.titleHint')} required maxLength={TRANSFER_TITLE_MAX} />
        <SelectField {...form.bind('form')} label={t('transfer.form')} required>
          <option value="">{t('transferForm.chooseForm')}</option>
          {(taxonomy?.transferForms ?? []).map((f) => (
            <option key={f.code} value={f.code}>
              {termLabel(f, lang)}
            </option>
          ))}
        </SelectField>
        <ChoiceGroup id={form.id('methods')} label={t('transfer.methods')} required error={fieldMessage(t, form.errors.methods)}>
          <div className="check-grid">
            {(taxonomy?.transferMethods ?? []).map((m, i) => (
              <label key={m.code} className="check">
                <input
                  type="checkbox"
                  id={i === 0 ? form.id('methods') : undefined}
                  checked={methods.includes(m.code)}
                  onChange={(e) =>
                    form.update('methods', (e.target.checked ? [...methods, m.code] : methods.filter((x) => x !== m.code)).join(','))
                  }
                />
                {termLabel(m, lang)}
              </label>
            ))}
          </div>
        </ChoiceGroup>
        <AmountField
          {...form.bind('contractValue')}
          label={t('transfer.contractValue')}
          required
          onFormat={(x) => form.update('contractValue', x)}
        />
        <DateField {...form.bind('signedOn')} label={t('transfer.signedOn')} required />
        <ChoiceGroup id={form.id('registrationRequired')} label={t('transfer.registration')} hint={t('transferForm.registrationHint')}>
          <label className="check">
            <input
              type="checkbox"
              id={form.id('registrationRequired')}
              checked={v.registrationRequired === 'true'}
              onChange={(e) => form.update('registrationRequired', e.target.checked ? 'true' : '')}
            />
            {t('transferForm.registrationRequired')}
          </label>
          {v.registrationRequired === 'true' && signed && (
            <p className="hint">{t('transferForm.dueOn', { date: formatDay(addDays(signed, REGISTRATION_DAYS)), days: REGISTRATION_DAYS })}</p>
          )}
        </ChoiceGroup>
        <ChoiceGroup id={form.id('publicConsent')} label={t('results.consent.label')} hint={t('results.consent.hint')}>
          <label className="check">
            <input
              type="checkbox"
              id={form.id('publicConsent')}
              checked={v.publicConsent === 'true'}
              onChange={(e) => form.update('publicConsent', e.target.checked ? 'true' : '')}
            />
            {t('results.consent.option')}
          </label>
        </ChoiceGroup>

        <p className="actions form-actions">
          <button type="submit" className="btn btn-primary btn-large" disabled={form.busy}>
            {form.busy ? t('common.working') : transfer ? t('common.save') : t('transferForm.submit')}
          </button>
          <Link className="btn btn-link" to={back}>
            {t('common.cancel')}
          </Link>
        </p>
      </form>
    </section>
  );
}
