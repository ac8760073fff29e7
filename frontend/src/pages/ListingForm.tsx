// Create and edit a listing. The kind comes first (/listings/new?kind=…);
// then only that kind's fields are shown and sent. Checks mirror the
// server's limits; the server's field errors land next to the same fields.
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError, type FieldError } from '../api/client';
import {
  isOffer,
  LISTING_KINDS,
  PRICE_MODES,
  type Listing,
  type ListingKind,
  type MyOrganization,
  type Term,
} from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { AmountField, ChoiceGroup, DateField, FormAlert, SelectField, TermChecks, TextAreaField, TextField } from '../components/Fields';
import { KindBadge } from '../components/ListingBadges';
import { ListingFilesEditor } from '../components/ListingFiles';
import { ErrorState, Loading } from '../components/Status';
import {
  EMPTY_VALUES,
  FIELD_ALIASES,
  fieldId,
  fieldsFor,
  fromListing,
  KEYWORD_MAX,
  listingFieldLabel,
  KEYWORDS_MAX,
  SECTORS_MAX,
  SUMMARY_MAX,
  TITLE_EN_MAX,
  SUMMARY_MIN,
  TITLE_MAX,
  TITLE_MIN,
  toInput,
  prefillContact,
  todayInVietnam,
  validateListing,
  type ContactSource,
  type ListingField,
  type ListingFormValues,
} from '../lib/listing';
import { fieldMessage, problemMessage } from '../lib/messages';
import { currentAdminUnits, makeLabels, termLabel, useTaxonomy } from '../lib/taxonomy';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import { reportErrors, type FieldErrors } from '../lib/validation';

/** The form values held as one string (the ones a text field, select or date edits). */
type TextKey = { [K in keyof ListingFormValues]: string extends ListingFormValues[K] ? K : never }[keyof ListingFormValues];

/** The props `bind` gives a field. */
interface FieldBinding {
  id: string;
  label: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  onBlur: () => void;
  error?: string;
}

/** Which field a form value belongs to (to clear its server error when it changes). */
const VALUE_FIELD: Record<keyof ListingFormValues, ListingField> = {
  orgId: 'orgId',
  title: 'title',
  summary: 'summary',
  titleEn: 'titleEn',
  summaryEn: 'summaryEn',
  description: 'description',
  advantages: 'advantages',
  applications: 'applications',
  sectors: 'sectors',
  keywords: 'keywords',
  adminUnit: 'adminUnit',
  contactName: 'contact.name',
  contactEmail: 'contact.email',
  contactPhone: 'contact.phone',
  validUntil: 'validUntil',
  trl: 'trl',
  transferForms: 'transferForms',
  priceMode: 'price.mode',
  priceMin: 'price.min',
  priceMax: 'price.max',
  ipType: 'ipType',
  ipNumber: 'ipNumber',
  filingDate: 'filingDate',
  grantDate: 'grantDate',
  ipStatus: 'ipStatus',
  holder: 'holder',
  problem: 'problem',
  must: 'requirements.must',
  nice: 'requirements.nice',
  trlMin: 'trlMin',
  budgetMin: 'budget.min',
  budgetMax: 'budget.max',
  deadline: 'deadline',
  confidentialDetails: 'confidentialDetails',
};

/**
 * Maps the server's errors[] onto the fields the form shows; errors for
 * anything else are returned to be listed on top.
 */
export function mapListingErrors(
  errors: FieldError[],
  shown: readonly ListingField[],
): { fieldErrors: FieldErrors<ListingField>; other: FieldError[] } {
  const fieldErrors: FieldErrors<ListingField> = {};
  const other: FieldError[] = [];
  for (const e of errors) {
    const name = (e.field in FIELD_ALIASES ? FIELD_ALIASES[e.field] : e.field) as ListingField;
    const field = shown.includes(name) ? name : undefined;
    if (field) {
      if (!fieldErrors[field]) fieldErrors[field] = { code: e.code, params: e.params, message: e.message };
    } else other.push(e);
  }
  return { fieldErrors, other };
}

function isKind(v: string | null): v is ListingKind {
  return !!v && (LISTING_KINDS as readonly string[]).includes(v);
}

interface FormFlash {
  serverErrors?: FieldError[];
  /** The draft was just created by the new-listing form: its images come next. */
  filesStep?: boolean;
}

export default function ListingFormPage() {
  const { id } = useParams();
  return id ? <EditListing id={id} /> : <NewListing />;
}

function NewListing() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { me } = useAuth();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : null;
  useTitle(kind ? t('listingForm.newTitleKind', { kind: t(`listingKind.${kind}`) }) : t('listingForm.newTitle'));
  const orgs = me?.organizations ?? [];

  if (orgs.length === 0) {
    return (
      <section className="page narrow">
        <h1>{t('listingForm.newTitle')}</h1>
        <p>{t('listingForm.noOrganization')}</p>
        <p className="actions">
          <Link className="btn btn-primary" to="/organization">
            {t('nav.myOrganization')}
          </Link>
        </p>
      </section>
    );
  }
  if (!kind) return <KindPicker />;
  return (
    <section className="page listing-form-page">
      <p className="eyebrow">{t('listingForm.newTitle')}</p>
      <h1>
        {t('listingForm.newTitleKind', { kind: t(`listingKind.${kind}`) })}
      </h1>
      <p className="lead">{t(`listingForm.kindText.${kind}`)}</p>
      <p>
        <Link to="/listings/new">{t('listingForm.changeKind')}</Link>
      </p>
      <ListingEditor key={kind} kind={kind} orgs={orgs} initial={EMPTY_VALUES} />
    </section>
  );
}

function KindPicker() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('listingForm.newTitle')}</h1>
      <p className="lead">{t('listingForm.pickKind')}</p>
      <ul className="kind-picker">
        {LISTING_KINDS.map((k) => (
          <li key={k}>
            <Link className={`kind-card kind-card-${k}`} to={`/listings/new?kind=${k}`}>
              <KindBadge kind={k} />
              <span className="kind-card-title">{t(`listingForm.kindTitle.${k}`)}</span>
              <span className="kind-card-text">{t(`listingForm.kindText.${k}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EditListing({ id }: { id: string }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const location = useLocation();
  const { data: listing, error, loading, reload } = useAsync(() => endpoints.listing(id), [id]);
  useTitle(listing ? t('listingForm.editTitle', { title: listing.title }) : t('listingForm.editHeading'));
  const flash = (location.state as FormFlash | null)?.serverErrors;
  const filesStep = !!(location.state as FormFlash | null)?.filesStep;
  const initial = useMemo(() => (listing ? fromListing(listing) : null), [listing]);

  if (!listing || !initial) {
    return (
      <section className="page">
        <h1>{t('listingForm.editHeading')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }
  const member = !!me?.organizations.some((o) => o.id === listing.orgId);
  const back = `/listings/${encodeURIComponent(listing.id)}`;
  const blocked = !member ? 'notMember' : listing.state === 'pending' ? 'pending' : listing.state === 'archived' ? 'archived' : null;
  return (
    <section className="page listing-form-page">
      <p className="eyebrow">{t('listingForm.editHeading')}</p>
      <h1>{listing.title}</h1>
      {blocked ? (
        <>
          <p className="alert alert-info">{t(`listingForm.blocked.${blocked}`)}</p>
          <p className="actions">
            <Link className="btn btn-secondary" to={back}>
              {t('listingForm.backToListing')}
            </Link>
          </p>
        </>
      ) : (
        <>
          {listing.state === 'published' && <p className="alert alert-warning">{t('listingForm.publishedWarning')}</p>}
          {listing.state === 'rejected' && <RejectedNote listing={listing} />}
          <ListingEditor
            kind={listing.kind}
            orgs={[]}
            initial={initial}
            listing={listing}
            initialErrors={flash}
            filesStep={filesStep}
            onReload={reload}
          />
        </>
      )}
    </section>
  );
}

/** The department's reason and comment, kept in view while correcting. */
function RejectedNote({ listing }: { listing: Listing }) {
  const { t, i18n } = useTranslation();
  const { taxonomy } = useTaxonomy();
  const reason = listing.rejectReason ? makeLabels(taxonomy, i18n.language).rejectReason(listing.rejectReason) : '';
  return (
    <div className="alert alert-error">
      {reason && <p className="strong">{t('listingForm.rejectedReason', { reason })}</p>}
      {listing.rejectComment && <blockquote className="reason prose">{listing.rejectComment}</blockquote>}
      <p>{t('listingForm.rejectedHint')}</p>
    </div>
  );
}

function ListingEditor({
  kind,
  orgs,
  initial,
  listing,
  initialErrors,
  filesStep,
  onReload,
}: {
  kind: ListingKind;
  /** The user's organisations when creating (a choice is offered when there are several). */
  orgs: MyOrganization[];
  initial: ListingFormValues;
  /** The listing being edited. */
  listing?: Listing;
  initialErrors?: FieldError[];
  /** Just created as a draft: say so and offer the upload first. */
  filesStep?: boolean;
  onReload?: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { taxonomy, error: taxError, retry } = useTaxonomy();
  const mode = listing ? 'edit' : 'create';
  const withOrg = !listing && orgs.length > 1;
  const today = todayInVietnam();
  const [values, setValues] = useState<ListingFormValues>(initial);
  const [current, setCurrent] = useState<Listing | undefined>(listing);
  const order = fieldsFor(kind, withOrg);
  const [serverErrors, setServerErrors] = useState<FieldErrors<ListingField>>(
    () => (initialErrors ? mapListingErrors(initialErrors, order).fieldErrors : {}),
  );
  const [attempt, setAttempt] = useState<'draft' | 'submit' | null>(initialErrors?.length ? 'submit' : null);
  const [touched, setTouched] = useState<Set<ListingField>>(new Set());
  const [formError, setFormError] = useState<string | null>(
    initialErrors?.length ? t('listingForm.incompleteAfterSave') : null,
  );
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [confirmPublished, setConfirmPublished] = useState(false);
  const [filesNotice, setFilesNotice] = useState<string | null>(filesStep ? t('listingFormFiles.filesStep') : null);
  const alertRef = useRef<HTMLDivElement>(null);
  const { me } = useAuth();

  // A new listing's contact starts as the person (name, e-mail) and their
  // organisation's phone; only empty fields are filled.
  const prefillOrg = listing ? '' : withOrg ? values.orgId : (orgs[0]?.id ?? '');
  const lastPrefill = useRef<ContactSource>({});
  useEffect(() => {
    if (listing) return;
    let live = true;
    const person: ContactSource = { name: me?.user.fullName, email: me?.user.email };
    const apply = (from: ContactSource) => {
      if (!live) return;
      const before = lastPrefill.current;
      lastPrefill.current = from;
      setValues((v) => prefillContact(v, from, before));
    };
    if (!prefillOrg) apply(person);
    else
      endpoints.organization(prefillOrg).then(
        (o) => apply({ ...person, phone: o.evidence?.phone }),
        () => apply(person),
      );
    return () => {
      live = false;
    };
  }, [listing, prefillOrg, me]);

  const state = current?.state;
  const republish = state === 'published';
  const clientErrors = useMemo(
    () => validateListing(values, kind, { complete: attempt === 'submit', withOrg, today }),
    [values, kind, attempt, withOrg, today],
  );
  const errors: FieldErrors<ListingField> = {};
  for (const f of order) {
    const shown = attempt !== null || touched.has(f) ? clientErrors[f] : undefined;
    const p = shown ?? serverErrors[f];
    if (p) errors[f] = p;
  }

  useEffect(() => {
    if (initialErrors?.length) focusFirst(mapListingErrors(initialErrors, order).fieldErrors);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function focusFirst(errs: FieldErrors<ListingField>) {
    const first = order.find((f) => errs[f]);
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
  }

  function set<K extends keyof ListingFormValues>(key: K, value: ListingFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    const f = VALUE_FIELD[key];
    if (serverErrors[f]) setServerErrors((e) => ({ ...e, [f]: undefined }));
  }

  function blur(f: ListingField) {
    setTouched((s) => (s.has(f) ? s : new Set(s).add(f)));
  }

  const msg = (f: ListingField) => fieldMessage(t, errors[f]);

  /** What every text-like field of the form takes: id, label, value, change, blur and error. */
  function bind(key: TextKey): FieldBinding {
    const f = VALUE_FIELD[key];
    return {
      id: fieldId(f),
      label: listingFieldLabel(t, f),
      value: values[key],
      onChange: (e) => set(key, e.target.value),
      onBlur: () => blur(f),
      error: msg(f),
    };
  }

  function showServerProblem(err: unknown): boolean {
    if (!(err instanceof ApiError)) {
      setFormError(problemMessage(t, err));
      return false;
    }
    if (err.status === 412) {
      setStale(true);
      setFormError(null);
      return false;
    }
    const { fieldErrors, other } = mapListingErrors(err.errors, order);
    setServerErrors(fieldErrors);
    const extra = other.map((o) => `${listingFieldLabel(t, o.field)}: ${fieldMessage(t, o)}`);
    if (reportErrors(t, fieldErrors, setFormError, focusFirst, extra)) {
      setFormError([problemMessage(t, err), ...extra].join(' '));
    }
    alertRef.current?.scrollIntoView?.({ block: 'nearest' });
    return true;
  }

  /** Client checks; a listing going to moderation must be complete. */
  function check(complete: boolean): boolean {
    setAttempt(complete ? 'submit' : 'draft');
    setStale(false);
    return reportErrors(t, validateListing(values, kind, { complete, withOrg, today }), setFormError, focusFirst);
  }

  async function save(submit: boolean) {
    const which = submit ? 'submit' : 'draft';
    if (!check(submit || republish)) return;
    setBusy(which);
    let saved: Listing;
    try {
      const body = toInput(values, kind, mode);
      saved = current ? await endpoints.updateListing(current.id, body, current.version) : await endpoints.createListing(body);
    } catch (err) {
      setBusy(null);
      showServerProblem(err);
      return;
    }
    setCurrent(saved);
    const page = `/listings/${encodeURIComponent(saved.id)}`;
    // A published listing went back to moderation by the change itself.
    if (!submit && !listing) {
      setBusy(null);
      navigate(`${page}/edit`, { replace: true, state: { filesStep: true } });
      return;
    }
    if (!submit || saved.state === 'pending') {
      setBusy(null);
      navigate(page, {
        state: { notice: saved.state === 'pending' ? t('listingForm.resubmitted') : t('listingForm.savedDraft') },
      });
      return;
    }
    try {
      await endpoints.listingAction(saved.id, 'submit', saved.version);
      setBusy(null);
      navigate(page, { state: { notice: t('listingForm.submitted') } });
    } catch (err) {
      setBusy(null);
      if (err instanceof ApiError && err.status === 422 && err.errors.length > 0) {
        if (!listing) {
          // The draft exists now: carry on editing it.
          navigate(`${page}/edit`, { replace: true, state: { serverErrors: err.errors } });
          return;
        }
        showServerProblem(err);
        setFormError(`${t('listingForm.incompleteAfterSave')} ${t('form.fixErrors', { count: err.errors.length })}`);
        return;
      }
      navigate(page, { state: { notice: `${t('listingForm.savedDraft')} ${problemMessage(t, err)}` } });
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const submit = submitter?.value !== 'draft';
    if (republish) {
      if (check(true)) setConfirmPublished(true);
      return;
    }
    void save(submit);
  }

  if (!taxonomy) {
    return taxError ? <ErrorState message={problemMessage(t, taxError)} onRetry={retry} /> : <Loading />;
  }

  const offer = isOffer(kind);
  const units = currentAdminUnits(taxonomy, lang, today);
  if (values.adminUnit && !units.some((u) => u.code === values.adminUnit)) {
    const old = taxonomy.adminUnits.find((u) => u.code === values.adminUnit);
    if (old) units.unshift(old);
  }
  const trlOptions = (
    <>
      <option value="">{t('listingForm.chooseTrl')}</option>
      {taxonomy.trl.map((x) => (
        <option key={x.code} value={x.code}>
          {`TRL ${x.code} – ${termLabel(x, lang)}`}
        </option>
      ))}
    </>
  );
  const charCount = (v: string) => t('listingForm.charCount', { count: Array.from(v.trim()).length });
  const transferForms = (
    <TermChecks
      id={fieldId('transferForms')}
      label={t('listingFields.transferForms')}
      required
      terms={taxonomy.transferForms}
      lang={lang}
      value={values.transferForms}
      onChange={(v) => set('transferForms', v)}
      error={msg('transferForms')}
    />
  );

  // Images and documents are uploaded to a saved listing: a draft or a
  // rejected one gets them here, before it goes to moderation.
  const filesEditable = !!current && (current.state === 'draft' || current.state === 'rejected');
  return (
    <>
      {filesEditable && current && (
        <div className="listing-form-files">
          {filesNotice && (
            <p className="alert alert-success" role="status">
              {filesNotice}
            </p>
          )}
          <ListingFilesEditor
            listing={current}
            onChanged={async (message) => {
              setCurrent(await endpoints.listing(current.id));
              setFilesNotice(message);
            }}
          />
        </div>
      )}
      <form className="form listing-form" onSubmit={onSubmit} noValidate aria-busy={busy !== null}>
        <div ref={alertRef}>
          <FormAlert message={formError} />
        </div>
        {stale && (
          <div className="alert alert-error" role="alert">
            <p>{t('listingForm.stale')}</p>
            {onReload && (
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void onReload()}>
                {t('ownerPanel.reload')}
              </button>
            )}
          </div>
        )}
        <p className="muted small">{t('listingForm.requiredNote')}</p>

        <fieldset>
          <legend>{t('listingForm.section.general')}</legend>
          {withOrg && (
            <SelectField
              {...bind('orgId')}
              label={t('listingForm.organization')}
              required
              hint={t('listingForm.organizationHint')}
            >
              <option value="">{t('listingForm.chooseOrganization')}</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.status === 'verified' ? o.name : `${o.name} (${t(`orgStatus.${o.status}`)})`}
                </option>
              ))}
            </SelectField>
          )}
          <TextField
            {...bind('title')}
            required
            maxLength={TITLE_MAX + 20}
            hint={`${t('listingForm.hint.title', { min: TITLE_MIN, max: TITLE_MAX })} ${charCount(values.title)}`}
          />
          <TextAreaField
            {...bind('summary')}
            required
            rows={4}
            hint={`${t('listingForm.hint.summary', { min: SUMMARY_MIN, max: SUMMARY_MAX })} ${charCount(values.summary)}`}
          />
          <TextAreaField {...bind('description')} rows={6} hint={t(`listingForm.hint.description.${offer ? 'offer' : 'demand'}`)} />
          {offer && (
            <>
              <TextAreaField {...bind('advantages')} rows={3} />
              <TextAreaField {...bind('applications')} rows={3} />
            </>
          )}
          <TextField {...bind('titleEn')} lang="en" maxLength={TITLE_EN_MAX + 20} hint={t('query.titleEnHint')} />
          <TextAreaField {...bind('summaryEn')} lang="en" rows={3} hint={t('query.summaryEnHint')} />
        </fieldset>

        {kind === 'demand' && (
          <fieldset>
            <legend>{t('listingForm.section.demand')}</legend>
            <TextAreaField {...bind('problem')} required rows={4} hint={t('listingForm.hint.problem')} />
            <TextAreaField {...bind('must')} rows={3} hint={t('listingForm.hint.lines')} />
            <TextAreaField {...bind('nice')} rows={3} hint={t('listingForm.hint.lines')} />
            <SelectField {...bind('trlMin')}>{trlOptions}</SelectField>
            {transferForms}
            <div className="form-row">
              <AmountField {...bind('budgetMin')} onFormat={(v) => set('budgetMin', v)} />
              <AmountField {...bind('budgetMax')} onFormat={(v) => set('budgetMax', v)} />
            </div>
            <DateField {...bind('deadline')} />
            <TextAreaField {...bind('confidentialDetails')} rows={4} hint={t('listingForm.hint.confidential')} />
          </fieldset>
        )}

        {kind === 'ip' && (
          <fieldset>
            <legend>{t('listingForm.section.ip')}</legend>
            <div className="form-row">
              <TermSelect {...bind('ipType')} required terms={taxonomy.ipTypes} lang={lang} />
              <TermSelect {...bind('ipStatus')} required terms={taxonomy.ipStatuses} lang={lang} />
            </div>
            <div className="form-row">
              <TextField {...bind('ipNumber')} />
              <TextField {...bind('holder')} required />
            </div>
            <div className="form-row">
              <DateField {...bind('filingDate')} />
              <DateField {...bind('grantDate')} />
            </div>
          </fieldset>
        )}

        {offer && (
          <fieldset>
            <legend>{t('listingForm.section.terms')}</legend>
            <SelectField {...bind('trl')} required hint={t('listingForm.hint.trl')}>
              {trlOptions}
            </SelectField>
            {transferForms}
            <ChoiceGroup id={fieldId('price.mode')} label={t('listingFields.price_mode')} required error={msg('price.mode')}>
              <div className="radio-row">
                {PRICE_MODES.map((m, i) => (
                  <label key={m} className="check">
                    <input
                      type="radio"
                      name="price-mode"
                      id={i === 0 ? fieldId('price.mode') : undefined}
                      value={m}
                      checked={values.priceMode === m}
                      aria-invalid={errors['price.mode'] ? true : undefined}
                      onChange={() => set('priceMode', m)}
                    />
                    {t(`priceMode.${m}`)}
                  </label>
                ))}
              </div>
            </ChoiceGroup>
            {(values.priceMode === 'fixed' || values.priceMode === 'range') && (
              <div className="form-row">
                <AmountField
                  {...bind('priceMin')}
                  required
                  label={values.priceMode === 'fixed' ? t('listingFields.price_fixed') : t('listingFields.price_min')}
                  onFormat={(v) => set('priceMin', v)}
                />
                {values.priceMode === 'range' && (
                  <AmountField {...bind('priceMax')} required onFormat={(v) => set('priceMax', v)} />
                )}
              </div>
            )}
          </fieldset>
        )}

        <fieldset>
          <legend>{t('listingForm.section.classification')}</legend>
          <TermChecks
            id={fieldId('sectors')}
            label={t('listingFields.sectors')}
            required
            hint={t('listingForm.hint.sectors', { max: SECTORS_MAX })}
            terms={taxonomy.sectors}
            lang={lang}
            value={values.sectors}
            max={SECTORS_MAX}
            onChange={(v) => set('sectors', v)}
            error={msg('sectors')}
          />
          <TextField {...bind('keywords')} hint={t('listingForm.hint.keywords', { max: KEYWORDS_MAX, length: KEYWORD_MAX })} />
          <SelectField {...bind('adminUnit')} hint={t('listingForm.hint.adminUnit')}>
            <option value="">{t('listingForm.noAdminUnit')}</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {termLabel(u, lang)}
              </option>
            ))}
          </SelectField>
        </fieldset>

        <fieldset>
          <legend>{t('listingForm.section.contact')}</legend>
          <p className="hint">{t('listingForm.hint.contact')}</p>
          {!listing && <p className="hint">{t('listingFormFiles.contactPrefilled')}</p>}
          <TextField {...bind('contactName')} autoComplete="name" />
          <div className="form-row">
            <TextField {...bind('contactEmail')} type="email" inputMode="email" autoComplete="email" />
            <TextField {...bind('contactPhone')} type="tel" autoComplete="tel" />
          </div>
          <DateField {...bind('validUntil')} hint={t('listingForm.hint.validUntil')} />
        </fieldset>

        {!current && (
          <fieldset>
            <legend>{t('listingFormFiles.filesSection')}</legend>
            <p className="hint">{t('listingFormFiles.filesAfterDraft')}</p>
          </fieldset>
        )}

        <div className="actions form-actions">
          {republish ? (
            <button type="submit" value="submit" className="btn btn-primary" disabled={busy !== null}>
              {busy ? t('common.working') : t('listingForm.saveRepublish')}
            </button>
          ) : (
            <>
              <button type="submit" value="submit" className="btn btn-primary" disabled={busy !== null}>
                {busy === 'submit' ? t('common.working') : t('listingForm.saveSubmit')}
              </button>
              <button type="submit" value="draft" className="btn btn-secondary" disabled={busy !== null}>
                {busy === 'draft' ? t('common.working') : current ? t('listingForm.saveDraft') : t('listingFormFiles.saveDraftAddFiles')}
              </button>
            </>
          )}
          <Link className="btn btn-link" to={current ? `/listings/${encodeURIComponent(current.id)}` : '/my/listings'}>
            {t('common.cancel')}
          </Link>
        </div>
        {!republish && <p className="muted small">{t('listingForm.submitNote')}</p>}

        <ConfirmDialog
          open={confirmPublished}
          title={t('listingForm.republishTitle')}
          confirmLabel={t('listingForm.saveRepublish')}
          busy={busy !== null}
          onConfirm={() => {
            setConfirmPublished(false);
            void save(false);
          }}
          onClose={() => setConfirmPublished(false)}
        >
          <p>{t('listingForm.publishedWarning')}</p>
        </ConfirmDialog>
      </form>
    </>
  );
}

function TermSelect({ terms, lang, ...rest }: FieldBinding & { required?: boolean; terms: Term[]; lang: string }) {
  const { t } = useTranslation();
  return (
    <SelectField {...rest}>
      <option value="">{t('listingForm.choose')}</option>
      {terms.map((x) => (
        <option key={x.code} value={x.code}>
          {termLabel(x, lang)}
        </option>
      ))}
    </SelectField>
  );
}
