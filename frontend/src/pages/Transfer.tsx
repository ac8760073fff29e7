// A technology transfer record: the parties, the listings, the contract
// (form, methods, value in VND, signing date), its registration with the
// department (due 90 days after signing), how the technology is being put to
// use, and the contract's documents. Never public.
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { Fact, ListFact } from '../components/Facts';
import { ApiError } from '../api/client';
import { IMPLEMENTATION_STATUSES, type Transfer } from '../api/types';
import { FormDialog } from '../components/ConfirmDialog';
import { useFileRemoval } from '../components/FileRemoval';
import { RegistrationBadge } from '../components/ConnectionBadges';
import { DateField, SelectField, TextAreaField, TextField } from '../components/Fields';
import { KindBadge } from '../components/ListingBadges';
import { checkFile, DocumentItem, FilePicker, MAX_FILES } from '../components/ListingFiles';
import { ErrorState, Loading, Notice } from '../components/Status';
import { formatVnd } from '../lib/format';
import { daysUntil, formatDay, parseDayInput, todayInVietnam } from '../lib/listing';
import { isOverdue, OUTCOME_MAX, registrationDueOn } from '../lib/matching';
import { problemMessage, fieldMessage } from '../lib/messages';
import { useLabels, useTaxonomy, useTermLabels } from '../lib/taxonomy';
import { useAsync } from '../lib/useAsync';
import { useForm } from '../lib/useForm';
import { useTitle } from '../lib/useTitle';
import { checkText, type FieldErrors } from '../lib/validation';

type Tone = 'success' | 'error' | 'info';

export default function TransferPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const location = useLocation();
  const navigate = useNavigate();
  const { data: tr, error, loading, reload, setData } = useAsync(() => endpoints.transfer(id), [id]);
  const { taxonomy } = useTaxonomy();
  const labels = useLabels(taxonomy, lang);
  const [notice, setNotice] = useState<{ text: string; tone: Tone } | null>(
    (location.state as { notice?: string } | null)?.notice ? { text: (location.state as { notice: string }).notice, tone: 'success' } : null,
  );
  const noticeRef = useRef<HTMLDivElement>(null);
  useTitle(tr?.title ?? t('transfer.pageTitle'));

  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate(location.pathname, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function changed(updated: Transfer | null, text: string, tone: Tone = 'success') {
    if (updated) setData(updated);
    setNotice({ text, tone });
    requestAnimationFrame(() => noticeRef.current?.focus());
  }

  if (!tr) {
    return (
      <section className="page">
        <h1>{t('transfer.pageTitle')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }

  return (
    <article className="page transfer-page">
      <p className="eyebrow">{t('transfer.kicker')}</p>
      <div className="page-head">
        <h1>{tr.title}</h1>
        {tr.can.edit && (
          <Link className="btn btn-secondary" to={`/transfers/${encodeURIComponent(tr.id)}/edit`}>
            {t('transfer.edit')}
          </Link>
        )}
      </div>
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <Notice message={notice?.text} tone={notice?.tone} />
      </div>

      {/* The contract's facts come first (on a phone they are read before the registration); on wide screens they sit on the right. */}
      <div className="listing-layout transfer-layout">
        <aside className="listing-side">
          <section className="side-card" aria-labelledby="contract-title">
            <h2 id="contract-title" className="h3">
              {t('transfer.contract')}
            </h2>
            <dl className="listing-facts">
              <Fact label={t('transfer.contractValue')}>
                <span className="price" data-testid="contract-value">
                  {formatVnd(tr.contractValue)}
                </span>
              </Fact>
              <Fact label={t('transfer.signedOn')}>{formatDay(tr.signedOn)}</Fact>
              <Fact label={t('results.consent.label')}>{tr.publicConsent ? t('results.consent.yes') : t('results.consent.no')}</Fact>
              <Fact label={t('transfer.form')}>{labels.transferForm(tr.form)}</Fact>
              <ListFact label={t('transfer.methods')} items={tr.methods.map(labels.transferMethod)} />
            </dl>
          </section>
          <section className="side-card" aria-labelledby="transfer-parties-title">
            <h2 id="transfer-parties-title" className="h3">
              {t('connection.parties')}
            </h2>
            <dl className="listing-facts">
              <Fact label={t('transfer.supplier')}>{tr.supplier.name}</Fact>
              <Fact label={t('transfer.recipient')}>{tr.recipient.name}</Fact>
            </dl>
          </section>
          <section className="side-card" aria-labelledby="transfer-listings-title">
            <h2 id="transfer-listings-title" className="h3">
              {t('transfer.listings')}
            </h2>
            <ul className="plain-list">
              {tr.listings.map((l) => (
                <li key={l.id}>
                  <KindBadge kind={l.kind} /> <Link to={`/listings/${encodeURIComponent(l.id)}`}>{l.title}</Link>
                </li>
              ))}
            </ul>
            {tr.connectionId && (
              <p className="small">
                <Link to={`/connections/${encodeURIComponent(tr.connectionId)}`}>{t('transfer.seeConnection')}</Link>
              </p>
            )}
            {tr.sectors.length > 0 && (
              <ul className="tags" aria-label={t('listing.sectors')}>
                {tr.sectors.map((s) => (
                  <li key={s}>{labels.sector(s)}</li>
                ))}
              </ul>
            )}
          </section>
        </aside>
        <div className="listing-main">
          <RegistrationBlock transfer={tr} onChanged={changed} />
          <ImplementationBlock transfer={tr} onChanged={changed} />
          <Documents transfer={tr} onChanged={async (text) => {
            await reload();
            changed(null, text);
          }} />
        </div>
      </div>
    </article>
  );
}

type RegField = 'date' | 'number';

/** Registration of the contract: status, due date, overdue warning and the officer's (or party's) steps. */
function RegistrationBlock({ transfer: tr, onChanged }: { transfer: Transfer; onChanged: (t: Transfer | null, text: string, tone?: Tone) => void }) {
  const { t } = useTranslation();
  const reg = tr.registration;
  const due = registrationDueOn(tr);
  const days = due ? daysUntil(`${due}T23:59:59+07:00`) : null;
  const [step, setStep] = useState<'submitted' | 'registered' | null>(null);
  const form = useForm<RegField>({
    initial: { date: '', number: '' },
    prefix: 'registration',
    order: ['number', 'date'],
    validate: (v) => {
      const errs: FieldErrors<RegField> = {};
      const d = parseDayInput(v.date);
      if (d === undefined) errs.date = { code: 'required' };
      else if (d === null) errs.date = { code: 'invalid_date' };
      else if (d > todayInVietnam()) errs.date = { code: 'in_future' };
      if (step === 'registered') {
        const n = checkText(v.number, { max: 60 });
        if (n) errs.number = n;
      }
      return errs;
    },
    serverFields: { submittedOn: 'date', registeredOn: 'date', number: 'number' },
  });
  const close = () => {
    if (form.busy) return;
    form.reset();
    setStep(null);
  };
  const onSubmit = form.submit(async (v) => {
    const date = parseDayInput(v.date) ?? '';
    const u = await endpoints.recordRegistration(
      tr.id,
      step === 'registered' ? { status: 'registered', number: v.number.trim(), registeredOn: date } : { status: 'submitted', submittedOn: date },
    );
    form.reset();
    const done = step;
    setStep(null);
    onChanged(u, t(`registration.done.${done}`));
  });

  const overdue = isOverdue(tr);
  return (
    <section className={`owner-panel registration-block ${overdue ? 'state-rejected' : reg.status === 'registered' ? 'state-published' : reg.status === 'not_required' ? 'state-draft' : 'state-pending'}`} aria-labelledby="registration-title">
      <div className="section-head">
        <h2 id="registration-title" className="h3">
          {t('registration.title')}
        </h2>
        <RegistrationBadge registration={reg} overdue={tr.overdue} />
      </div>
      {reg.status === 'not_required' && <p>{t('registration.notRequired')}</p>}
      {reg.required && due && (
        <p>
          {t('registration.dueOn', { date: formatDay(due) })}
          {reg.status === 'due' && days !== null && days >= 0 && <> · {t('registration.daysLeft', { count: days })}</>}
        </p>
      )}
      {overdue && (
        <p className="alert alert-error overdue-warning" role="note">
          <span aria-hidden="true">⚠ </span>
          {t('registration.overdue', { date: formatDay(due) })}
        </p>
      )}
      {reg.submittedOn && <p>{t('registration.submittedOn', { date: formatDay(reg.submittedOn) })}</p>}
      {reg.status === 'registered' && (
        <p>
          {t('registration.registered', { number: reg.number ?? '', date: formatDay(reg.registeredOn) })}
        </p>
      )}
      {tr.can.register && (reg.status === 'due' || reg.status === 'submitted') && (
        <div className="actions">
          {reg.status === 'due' && (
            <button type="button" className="btn btn-secondary" onClick={() => setStep('submitted')}>
              {t('registration.markSubmitted')}
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={() => setStep('registered')}>
            {t('registration.markRegistered')}
          </button>
        </div>
      )}
      <FormDialog
        open={step !== null}
        title={step ? t(`registration.dialog.${step}`) : ''}
        confirmLabel={t('common.save')}
        danger={false}
        busy={form.busy}
        error={form.formError}
        onSubmit={onSubmit}
        onClose={close}
      >
        {step === 'registered' && <TextField {...form.bind('number')} label={t('registration.number')} hint={t('registration.numberHint')} required maxLength={60} />}
        <DateField {...form.bind('date')} label={step === 'registered' ? t('registration.registeredOnLabel') : t('registration.submittedOnLabel')} required />
      </FormDialog>
    </section>
  );
}

type ImplField = 'status' | 'outcome';

function ImplementationBlock({ transfer: tr, onChanged }: { transfer: Transfer; onChanged: (t: Transfer | null, text: string) => void }) {
  const { t } = useTranslation();
  const labels = useTermLabels();
  const [open, setOpen] = useState(false);
  const form = useForm<ImplField>({
    initial: { status: tr.implementation.status, outcome: tr.implementation.outcome ?? '' },
    prefix: 'implementation',
    order: ['status', 'outcome'],
    validate: (v) => {
      const errs: FieldErrors<ImplField> = {};
      if (!v.status) errs.status = { code: 'required' };
      if (v.outcome.trim().length > OUTCOME_MAX) errs.outcome = { code: 'too_long', params: { max: OUTCOME_MAX } };
      return errs;
    },
  });
  const onSubmit = form.submit(async (v) => {
    const u = await endpoints.recordImplementation(tr.id, v.status as Transfer['implementation']['status'], v.outcome.trim() || undefined);
    setOpen(false);
    onChanged(u, t('implementation.saved'));
  });
  return (
    <section className="listing-section implementation" aria-labelledby="implementation-title">
      <div className="section-head">
        <h2 id="implementation-title">{t('implementation.title')}</h2>
        {tr.can.implement && (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => {
              form.reset({ status: tr.implementation.status, outcome: tr.implementation.outcome ?? '' });
              setOpen(true);
            }}
          >
            {t('implementation.update')}
          </button>
        )}
      </div>
      <p>
        <span className={`badge badge-impl-${tr.implementation.status}`}>{labels.implementationStatus(tr.implementation.status)}</span>
      </p>
      {tr.implementation.outcome ? <p className="prose">{tr.implementation.outcome}</p> : <p className="muted">{t('implementation.noOutcome')}</p>}
      <FormDialog
        open={open}
        title={t('implementation.update')}
        confirmLabel={t('common.save')}
        danger={false}
        busy={form.busy}
        error={form.formError}
        onSubmit={onSubmit}
        onClose={() => !form.busy && setOpen(false)}
      >
        <SelectField {...form.bind('status')} label={t('implementation.status')} required>
          {IMPLEMENTATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.implementationStatus(s)}
            </option>
          ))}
        </SelectField>
        <TextAreaField {...form.bind('outcome')} label={t('implementation.outcome')} hint={t('implementation.outcomeHint')} rows={5} maxLength={OUTCOME_MAX} />
      </FormDialog>
    </section>
  );
}

/** The contract and its annexes: PDFs and images, with the listing files' checks and pieces. */
function Documents({ transfer: tr, onChanged }: { transfer: Transfer; onChanged: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const removal = useFileRemoval(async (id, name) => {
    await endpoints.deleteTransferFile(tr.id, id);
    await onChanged(t('files.removed', { name }));
  }, t('transfer.removeDocumentText'));
  const docs = tr.documents ?? [];
  const images = docs.filter((d) => d.contentType.startsWith('image/')).length;

  async function chosen(file: File | undefined) {
    setError(null);
    if (!file) return;
    const check = checkFile(file, images, docs.length - images);
    if (!check.ok) {
      setError(t(check.key, { name: file.name, max: MAX_FILES }));
      if (input.current) input.current.value = '';
      return;
    }
    setUploading(file.name);
    try {
      const saved = await endpoints.uploadTransferFile(tr.id, file);
      await onChanged(t('files.uploaded', { name: saved.name }));
    } catch (err) {
      const fe = err instanceof ApiError ? err.errors[0] : undefined;
      setError(fe ? (fieldMessage(t, fe) ?? problemMessage(t, err)) : problemMessage(t, err));
    } finally {
      setUploading(null);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <section className="listing-section listing-files" aria-labelledby="transfer-docs-title">
      <h2 id="transfer-docs-title">{t('transfer.documents')}</h2>
      {docs.length === 0 ? (
        <p className="muted">{t('transfer.noDocuments')}</p>
      ) : (
        <ul className="doc-list">
          {docs.map((d, i) => (
            <DocumentItem
              key={d.id}
              id={d.id}
              index={i}
              authed
              known={{ name: d.name, size: d.size }}
              onRemove={tr.can.edit ? removal.ask : undefined}
            />
          ))}
        </ul>
      )}
      {tr.can.edit && (
        <FilePicker
          label={t('transfer.addDocument')}
          hint={t('transfer.documentsHint')}
          error={error}
          uploading={uploading}
          onChosen={(f) => void chosen(f)}
          inputRef={input}
        />
      )}
      {removal.dialog}
    </section>
  );
}
