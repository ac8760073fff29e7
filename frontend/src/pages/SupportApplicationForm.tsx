// The applicant's wizard for a support application ("Hồ sơ đề nghị hỗ
// trợ"): 1 the project, 2 the technology (a recorded transfer of the
// organisation, a listing, or a description), 3 the money within the
// programme's cap and share, 4 one upload per checklist entry, 5 review and
// submit. Every move between steps saves the draft (PATCH with If-Match);
// the server's refusal of a submission is put back on the step and field it
// concerns.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError, type FieldError } from '../api/client';
import type { Application, Program, SearchHit, Transfer } from '../api/types';
import { ApplicationDossier } from '../components/ApplicationDossier';
import { StaleAlert } from '../components/PublishAlerts';
import { AmountField, ChoiceGroup, DateField, FormAlert, TextAreaField, TextField } from '../components/Fields';
import { useFileRemoval } from '../components/FileRemoval';
import { checkFile, DocumentItem, FilePicker } from '../components/ListingFiles';
import { ListingPicker } from '../components/ListingPicker';
import { ErrorState, Loading, Notice } from '../components/Status';
import { Stepper } from '../components/Stepper';
import { ApplicationStateBadge } from '../components/SupportBadges';
import {
  amountLimits,
  APP_TEXT_MAX,
  APP_TITLE_MAX,
  applicationFieldId,
  applicationFieldLabel,
  checkAmounts,
  fromApplication,
  returnReason,
  stepOfField,
  submissionProblems,
  TECH_MODES,
  toApplicationInput,
  validateDraft,
  withMoneyParams,
  WIZARD_STEPS,
  type ApplicationFormValues,
  type TechMode,
  type WizardStep,
} from '../lib/applications';
import { formatNumber, formatVnd } from '../lib/format';
import { formatDay, parseAmount } from '../lib/listing';
import { fieldMessage, problemMessage } from '../lib/messages';
import { useAsync } from '../lib/useAsync';
import { noticeState, useNotice } from '../lib/useNotice';
import { useTitle } from '../lib/useTitle';
import { errorCount, type FieldErrors } from '../lib/validation';

const pending = () => new Promise<never>(() => undefined);

export default function SupportApplicationFormPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const app = useAsync(() => endpoints.application(id), [id]);
  const program = useAsync(() => (app.data ? endpoints.program(app.data.programId) : pending()), [app.data?.programId]);
  useTitle(t('appWizard.title'));

  const a = app.data;
  if (!a || (!program.data && !program.error)) {
    return (
      <section className="page">
        <h1>{t('appWizard.title')}</h1>
        {app.error ? <ErrorState message={problemMessage(t, app.error)} onRetry={app.reload} /> : <Loading />}
      </section>
    );
  }
  if (!program.data) {
    return (
      <section className="page">
        <h1>{t('appWizard.title')}</h1>
        <ErrorState message={problemMessage(t, program.error)} onRetry={program.reload} />
      </section>
    );
  }
  if (!a.can.edit) {
    return (
      <section className="page">
        <h1>{t('appWizard.title')}</h1>
        <p className="alert alert-info">{t('appWizard.notEditable', { state: t(`appState.${a.state}`) })}</p>
        <p>
          <Link className="btn btn-secondary" to={`/support/applications/${encodeURIComponent(a.id)}`}>
            {t('appWizard.toApplication')}
          </Link>
        </p>
      </section>
    );
  }
  return <Wizard key={a.id} initial={a} program={program.data} />;
}

function toErrors(list: FieldError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of list) if (!out[e.field]) out[e.field] = { code: e.code, params: e.params, message: e.message };
  return out;
}

function Wizard({ initial, program }: { initial: Application; program: Program }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('step') as WizardStep | null;
  const step: WizardStep = raw && (WIZARD_STEPS as readonly string[]).includes(raw) ? raw : 'project';
  // The page's "complete now" link brings the server's refusal along.
  const carried = (location.state as { serverErrors?: FieldError[] } | null)?.serverErrors;
  const [a, setA] = useState(initial);
  const [values, setValues] = useState<ApplicationFormValues>(() => fromApplication(initial));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>(() => toErrors(carried ?? []));
  const [submitErrors, setSubmitErrors] = useState<FieldError[]>(carried ?? []);
  const [formError, setFormError] = useState<string | null>(carried?.length ? t('appWizard.submitRefused') : null);
  const notice = useNotice();
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [focusField, setFocusField] = useState<string | null>(null);
  const top = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (carried) navigate(location.pathname + location.search, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // After a move, focus the field asked for (an error's "fix" button) or else the new step's heading.
  // The step comes from the URL and may render after the request to focus: wait for the field.
  const shownStep = useRef(step);
  useEffect(() => {
    if (focusField) {
      const el = document.getElementById(applicationFieldId(focusField));
      if (el || stepOfField(focusField) === step) {
        el?.focus();
        setFocusField(null);
        shownStep.current = step;
      }
      return;
    }
    if (shownStep.current !== step) {
      const h = document.getElementById('wizard-step-title');
      h?.setAttribute('tabindex', '-1');
      h?.focus();
    }
    shownStep.current = step;
  }, [step, focusField]);

  function change(patch: Partial<ApplicationFormValues>, fields: string[]) {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
    if (fields.some((f) => errors[f])) {
      const next = { ...errors };
      for (const f of fields) delete next[f];
      setErrors(next);
      // Once the last error is corrected the summary on top goes too.
      if (errorCount(next) === 0) setFormError(null);
    }
  }

  const msg = (field: string) => {
    const p = errors[field];
    return p ? fieldMessage(t, withMoneyParams(p)) : undefined;
  };


  /** Saves what was changed on this step; false when it could not be saved. */
  async function save(): Promise<boolean> {
    if (!dirty) return true;
    const own = validateDraft(values);
    const ownErrors = Object.fromEntries(Object.entries(own).filter(([, p]) => p));
    if (errorCount(ownErrors) > 0) {
      setErrors((prev) => ({ ...prev, ...ownErrors }));
      setFormError(t('form.fixErrors', { count: errorCount(ownErrors) }));
      const first = Object.keys(ownErrors)[0];
      if (stepOfField(first) !== step) setParams({ step: stepOfField(first) });
      setFocusField(first);
      return false;
    }
    setBusy(true);
    setStale(false);
    try {
      const saved = await endpoints.updateApplication(a.id, toApplicationInput(values), a.version);
      setA(saved);
      setDirty(false);
      setFormError(null);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
        setFormError(t('appWizard.stale'));
        return false;
      }
      if (err instanceof ApiError && err.errors.length > 0) {
        const server = toErrors(err.errors);
        setErrors((prev) => ({ ...prev, ...server }));
        setFormError(t('form.fixErrors', { count: err.errors.length }));
        const first = err.errors[0].field;
        if (stepOfField(first) !== step) setParams({ step: stepOfField(first) });
        setFocusField(first);
        return false;
      }
      setFormError(problemMessage(t, err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function go(next: WizardStep, field?: string) {
    notice.clear();
    if (!(await save())) return;
    setFormError(null);
    setParams({ step: next });
    if (field) setFocusField(field);
  }

  async function onSaveDraft(e?: FormEvent) {
    e?.preventDefault();
    notice.clear();
    if (!dirty) {
      notice.say('appWizard.savedAlready', 'info');
      return;
    }
    if (await save()) notice.say('appWizard.saved');
  }

  async function reload() {
    try {
      const fresh = await endpoints.application(a.id);
      setA(fresh);
      setValues(fromApplication(fresh));
      setDirty(false);
      setStale(false);
      setFormError(null);
    } catch (err) {
      setFormError(problemMessage(t, err));
    }
  }

  async function submit() {
    notice.clear();
    if (!(await save())) return;
    setBusy(true);
    setFormError(null);
    setSubmitErrors([]);
    try {
      const done = await endpoints.applicationStep(a.id, 'submit', a.version);
      navigate(`/support/applications/${encodeURIComponent(done.id)}`, { state: noticeState('appWizard.submitted') });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
        setFormError(t('appWizard.stale'));
      } else if (err instanceof ApiError && err.status === 422 && err.errors.length > 0) {
        setErrors(toErrors(err.errors));
        setSubmitErrors(err.errors);
        setFormError(t('appWizard.submitRefused'));
      } else {
        setFormError(problemMessage(t, err));
      }
      requestAnimationFrame(() => top.current?.scrollIntoView?.({ block: 'nearest' }));
    }
  }

  const stepsWithErrors = new Set(Object.keys(errors).filter((k) => errors[k]).map(stepOfField));
  const stepTitle = t(`appWizard.step.${step}`);
  const n = WIZARD_STEPS.indexOf(step);
  const reason = returnReason(a);

  return (
    <section className="page wizard-page">
      <p className="eyebrow">{t('application.kicker')}</p>
      <div className="listing-kicker">
        <ApplicationStateBadge state={a.state} />
        <span className="muted small">{a.orgName}</span>
      </div>
      <h1>{a.title || t('appWizard.title')}</h1>
      <p className="lead">
        {t('appWizard.for')} <Link to={`/support/${encodeURIComponent(a.programId)}`}>{a.programName}</Link>
      </p>
      {reason && (
        <div className="alert alert-warning returned-reason" role="note">
          <p className="strong">{t('application.returnedTitle')}</p>
          <blockquote className="reason prose">{reason}</blockquote>
        </div>
      )}
      <Stepper
        steps={WIZARD_STEPS}
        current={step}
        label={t('appWizard.steps')}
        stepLabel={(s) => t(`appWizard.step.${s}`)}
        hasErrors={(s) => stepsWithErrors.has(s)}
        onSelect={(s) => void go(s)}
      />
      <div ref={top}>
        <FormAlert message={formError} />
      </div>
      {stale && <StaleAlert text={t('appWizard.staleText')} onReload={() => void reload()} />}
      <Notice message={notice.text} tone={notice.tone} />

      <form className="form listing-form wizard-form" onSubmit={(e) => void onSaveDraft(e)} noValidate aria-busy={busy}>
        <h2 id="wizard-step-title" className="wizard-step-title">
          <span className="muted">{t('appWizard.stepOf', { n: n + 1, total: WIZARD_STEPS.length })}</span> {stepTitle}
        </h2>

        {step === 'project' && (
          <fieldset>
            <legend className="visually-hidden">{stepTitle}</legend>
            <TextField
              id={applicationFieldId('title')}
              label={t('appFields.title')}
              value={values.title}
              required
              maxLength={APP_TITLE_MAX + 20}
              error={msg('title')}
              hint={t('appWizard.hint.title')}
              onChange={(e) => change({ title: e.target.value }, ['title'])}
            />
            <TextAreaField
              id={applicationFieldId('summary')}
              label={t('appFields.summary')}
              value={values.summary}
              rows={5}
              maxLength={APP_TEXT_MAX}
              error={msg('summary')}
              hint={t('appWizard.hint.summary')}
              onChange={(e) => change({ summary: e.target.value }, ['summary'])}
            />
            <div className="form-row">
              <DateField
                id={applicationFieldId('startOn')}
                label={t('appFields.startOn')}
                value={values.startOn}
                error={msg('startOn')}
                onChange={(e) => change({ startOn: e.target.value }, ['startOn'])}
              />
              <DateField
                id={applicationFieldId('endOn')}
                label={t('appFields.endOn')}
                value={values.endOn}
                error={msg('endOn')}
                onChange={(e) => change({ endOn: e.target.value }, ['endOn'])}
              />
            </div>
            <TextAreaField
              id={applicationFieldId('expectedResults')}
              label={t('appFields.expectedResults')}
              value={values.expectedResults}
              rows={5}
              maxLength={APP_TEXT_MAX}
              error={msg('expectedResults')}
              hint={t('appWizard.hint.expectedResults')}
              onChange={(e) => change({ expectedResults: e.target.value }, ['expectedResults'])}
            />
          </fieldset>
        )}

        {step === 'technology' && <TechnologyStep application={a} values={values} msg={msg} change={change} />}
        {step === 'money' && <MoneyStep program={program} values={values} msg={msg} change={change} />}
        {step === 'documents' && (
          <DocumentsStep
            application={a}
            program={program}
            msg={msg}
            onUploaded={(fresh, code, name) => {
              // A new file changes the record's version: carry on from the fresh copy.
              setA(fresh);
              setErrors((prev) => {
                const e = { ...prev };
                delete e[`documents.${code}`];
                return e;
              });
              setSubmitErrors((prev) => prev.filter((x) => x.field !== `documents.${code}`));
              notice.say('appWizard.docs.uploaded', 'success', { name });
            }}
            onRemoved={(fresh, name) => {
              setA(fresh);
              notice.say('files.removed', 'success', { name });
            }}
          />
        )}
        {step === 'review' && (
          <ReviewStep
            application={a}
            program={program}
            serverErrors={submitErrors}
            busy={busy}
            onFix={(field) => void go(stepOfField(field), field)}
            onEdit={(s) => void go(s)}
            onSubmit={() => void submit()}
          />
        )}

        <div className="actions wizard-actions">
          {n > 0 && (
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void go(WIZARD_STEPS[n - 1])}>
              <span aria-hidden="true">← </span>
              {t('appWizard.back')}
            </button>
          )}
          {step !== 'review' && step !== 'documents' && (
            <button type="submit" className="btn btn-secondary" disabled={busy}>
              {t('appWizard.saveDraft')}
            </button>
          )}
          {step !== 'review' && (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void go(WIZARD_STEPS[n + 1])}>
              {busy ? t('common.working') : t('appWizard.next')}
              <span aria-hidden="true"> →</span>
            </button>
          )}
          <Link className="btn btn-link" to={`/support/applications/${encodeURIComponent(a.id)}`}>
            {t('appWizard.leave')}
          </Link>
        </div>
      </form>
    </section>
  );
}

type StepProps = {
  values: ApplicationFormValues;
  msg: (field: string) => string | undefined;
  change: (patch: Partial<ApplicationFormValues>, fields: string[]) => void;
};

/** A listing as the picker shows it (its chip), from the full record. */
function asHit(l: Awaited<ReturnType<typeof endpoints.listing>>): SearchHit {
  return {
    id: l.id,
    kind: l.kind,
    title: l.title,
    summary: l.summary,
    organization: l.organization ?? { id: l.orgId, name: '', kind: 'enterprise' },
    sectors: l.sectors,
    transferForms: l.transferForms,
    publishedAt: l.publishedAt ?? l.updatedAt,
    highlights: {},
  };
}

function TechnologyStep({ application: a, values, msg, change }: StepProps & { application: Application }) {
  const { t } = useTranslation();
  // The organisation's recorded transfers (either side of the contract; most often the recipient).
  const transfers = useAsync(() => endpoints.transfers({ scope: 'mine' }, 1, 50), []);
  const ours = (transfers.data?.items ?? []).filter((tr: Transfer) => tr.recipient.id === a.orgId || tr.supplier.id === a.orgId);
  const chosenListing = useAsync(() => (values.listingId ? endpoints.listing(values.listingId) : Promise.resolve(null)), [values.listingId]);
  const modeError = msg('technology');
  return (
    <fieldset>
      <legend className="visually-hidden">{t('appWizard.step.technology')}</legend>
      <ChoiceGroup id={applicationFieldId('technology')} label={t('appWizard.tech.how')} hint={t('appWizard.tech.howHint')} error={modeError} required>
        {TECH_MODES.map((m: TechMode, i) => (
          <label key={m} className="check">
            <input
              type="radio"
              name="tech-mode"
              id={i === 0 ? applicationFieldId('technology') : undefined}
              value={m}
              checked={values.techMode === m}
              aria-invalid={modeError ? true : undefined}
              onChange={() => change({ techMode: m }, ['technology'])}
            />
            {t(`appWizard.tech.mode.${m}`)}
          </label>
        ))}
      </ChoiceGroup>

      {values.techMode === 'transfer' && (
        <ChoiceGroup id={applicationFieldId('technology.transferId')} label={t('appWizard.tech.pickTransfer')} error={msg('technology.transferId')}>
          {!transfers.data && !transfers.error && <Loading />}
          {transfers.error ? <ErrorState message={problemMessage(t, transfers.error)} onRetry={transfers.reload} /> : null}
          {transfers.data && ours.length === 0 && (
            <p className="muted">
              {t('appWizard.tech.noTransfers')} <Link to="/transfers">{t('appWizard.tech.seeTransfers')}</Link>
            </p>
          )}
          {ours.length > 0 && (
            <ul className="choice-cards">
              {ours.map((tr, i) => (
                <li key={tr.id}>
                  <label className="choice-card">
                    <input
                      type="radio"
                      name="tech-transfer"
                      id={i === 0 ? applicationFieldId('technology.transferId') : undefined}
                      value={tr.id}
                      checked={values.transferId === tr.id}
                      onChange={() => change({ transferId: tr.id }, ['technology', 'technology.transferId'])}
                    />
                    <span>
                      <span className="strong">{tr.title}</span>
                      <span className="small muted block">
                        {t('appWizard.tech.transferParties', { supplier: tr.supplier.name, recipient: tr.recipient.name, date: formatDay(tr.signedOn) })}
                      </span>
                      <span className="small block">{formatVnd(tr.contractValue)}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </ChoiceGroup>
      )}

      {values.techMode === 'listing' && (
        <ListingPicker
          id={applicationFieldId('technology.listingId')}
          label={t('appWizard.tech.pickListing')}
          hint={t('appWizard.tech.pickListingHint')}
          error={msg('technology.listingId')}
          kinds={['technology', 'equipment', 'ip']}
          selected={chosenListing.data ? [asHit(chosenListing.data)] : []}
          onChange={(hits) => change({ listingId: hits[0]?.id ?? '' }, ['technology', 'technology.listingId'])}
        />
      )}

      {values.techMode === 'description' && (
        <TextAreaField
          id={applicationFieldId('technology.description')}
          label={t('appFields.technology_description')}
          hint={t('appWizard.tech.describeHint')}
          value={values.description}
          rows={6}
          maxLength={APP_TEXT_MAX}
          error={msg('technology.description')}
          onChange={(e) => change({ description: e.target.value }, ['technology', 'technology.description'])}
        />
      )}
    </fieldset>
  );
}

function MoneyStep({ program, values, msg, change }: StepProps & { program: Program }) {
  const { t } = useTranslation();
  const total = parseAmount(values.totalCost) || 0;
  const requested = parseAmount(values.requested) || 0;
  const own = parseAmount(values.ownContribution) || 0;
  const limits = amountLimits(program, total);
  const rules = checkAmounts(program, { totalCost: total, requested, ownContribution: own });
  const expectedOwn = total > requested ? total - requested : 0;
  const rule = (field: 'requested' | 'ownContribution') => (rules[field] ? fieldMessage(t, withMoneyParams(rules[field]!)) : undefined);
  const grouped = (n: number) => formatNumber(n);
  return (
    <fieldset>
      <legend className="visually-hidden">{t('appWizard.step.money')}</legend>
      <div className="limits-card" aria-labelledby="limits-title">
        <h3 id="limits-title" className="h3">
          {t('appWizard.money.limitsTitle')}
        </h3>
        <dl className="listing-facts">
          <div>
            <dt>{t('supportFields.capPerApplication')}</dt>
            <dd data-testid="program-cap">{program.capPerApplication ? formatVnd(program.capPerApplication) : t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('supportFields.maxSharePercent')}</dt>
            <dd>{program.maxSharePercent ? t('support.shareValue', { percent: program.maxSharePercent }) : t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('appWizard.money.allowed')}</dt>
            <dd className="price" data-testid="allowed">
              {total > 0 ? formatVnd(limits.allowed) : t('appWizard.money.enterTotal')}
            </dd>
          </div>
        </dl>
        {total > 0 && limits.shareMax > 0 && (
          <p className="small muted">
            {t('appWizard.money.explain', {
              total: formatVnd(total),
              percent: limits.sharePercent,
              share: formatVnd(limits.shareMax),
              cap: formatVnd(limits.cap),
            })}
          </p>
        )}
      </div>
      <AmountField
        id={applicationFieldId('totalCost')}
        label={t('appFields.totalCost')}
        value={values.totalCost}
        error={msg('totalCost')}
        onChange={(e) => change({ totalCost: e.target.value }, ['totalCost', 'requested', 'ownContribution'])}
        onFormat={(x) => setFormatted('totalCost', x)}
      />
      <AmountField
        id={applicationFieldId('requested')}
        label={t('appFields.requested')}
        value={values.requested}
        error={msg('requested')}
        onChange={(e) => change({ requested: e.target.value }, ['requested', 'ownContribution'])}
        onFormat={(x) => setFormatted('requested', x)}
      />
      {!msg('requested') && rule('requested') && (
        <p className="rule-warning small" role="status">
          {rule('requested')}
        </p>
      )}
      <AmountField
        id={applicationFieldId('ownContribution')}
        label={t('appFields.ownContribution')}
        value={values.ownContribution}
        error={msg('ownContribution')}
        onChange={(e) => change({ ownContribution: e.target.value }, ['ownContribution'])}
        onFormat={(x) => setFormatted('ownContribution', x)}
      />
      {total > 0 && requested > 0 && own !== expectedOwn && (
        <p className="rule-warning small" role="status">
          {t('appWizard.money.ownShouldBe', { amount: formatVnd(expectedOwn) })}{' '}
          <button type="button" className="btn btn-secondary btn-small" onClick={() => change({ ownContribution: grouped(expectedOwn) }, ['ownContribution'])}>
            {t('appWizard.money.useAmount', { amount: formatVnd(expectedOwn) })}
          </button>
        </p>
      )}
    </fieldset>
  );

  function setFormatted(field: 'totalCost' | 'requested' | 'ownContribution', x: string) {
    if (x !== values[field]) change({ [field]: x }, []);
  }
}

function DocumentsStep({
  application: a,
  program,
  msg,
  onUploaded,
  onRemoved,
}: {
  application: Application;
  program: Program;
  msg: (field: string) => string | undefined;
  onUploaded: (fresh: Application, code: string, name: string) => void;
  onRemoved: (fresh: Application, name: string) => void;
}) {
  const { t } = useTranslation();
  const docs = program.documents ?? [];
  return (
    <fieldset className="docs-step">
      <legend className="visually-hidden">{t('appWizard.step.documents')}</legend>
      <p className="hint">{t('appWizard.docs.intro')}</p>
      {docs.length === 0 ? (
        <p className="muted">{t('application.noDocuments')}</p>
      ) : (
        <ul className="doc-checklist">
          {docs.map((d) => (
            <DocumentSlot key={d.code} application={a} doc={d} error={msg(`documents.${d.code}`)} onUploaded={onUploaded} onRemoved={onRemoved} />
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function DocumentSlot({
  application: a,
  doc: d,
  error: serverError,
  onUploaded,
  onRemoved,
}: {
  application: Application;
  doc: Program['documents'][number];
  error?: string;
  onUploaded: (fresh: Application, code: string, name: string) => void;
  onRemoved: (fresh: Application, name: string) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const removal = useFileRemoval(async (id, name) => {
    await endpoints.deleteApplicationFile(a.id, id);
    onRemoved(await endpoints.application(a.id), name);
  }, t('appWizard.docs.removeText'));
  const files = (a.documents ?? []).filter((x) => x.code === d.code);

  async function chosen(file: File | undefined) {
    setError(null);
    if (!file) return;
    const check = checkFile(file, 0, 0);
    if (!check.ok) {
      setError(t(check.key, { name: file.name, max: 10 }));
      if (input.current) input.current.value = '';
      return;
    }
    setUploading(file.name);
    try {
      const saved = await endpoints.uploadApplicationFile(a.id, d.code, file);
      const fresh = await endpoints.application(a.id);
      onUploaded(fresh, d.code, saved.name ?? file.name);
    } catch (err) {
      const fe = err instanceof ApiError ? err.errors[0] : undefined;
      setError(fe ? (fieldMessage(t, fe) ?? problemMessage(t, err)) : problemMessage(t, err));
    } finally {
      setUploading(null);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <li className={files.length ? 'doc-entry filed' : 'doc-entry missing'} data-code={d.code}>
      <p className="doc-entry-head">
        <span className="strong">{d.name}</span>{' '}
        <span className={d.required ? 'badge badge-required' : 'badge badge-optional'}>{d.required ? t('support.required') : t('support.optional')}</span>
        {files.length > 0 && <span className="badge badge-published">{t('appWizard.docs.filed')}</span>}
      </p>
      {files.length > 0 && (
        <ul className="doc-list">
          {files.map((f, i) => (
            <DocumentItem key={f.fileId} id={f.fileId} index={i} authed known={f.name ? { name: f.name, size: f.size } : undefined} onRemove={removal.ask} />
          ))}
        </ul>
      )}
      {removal.dialog}
      <FilePicker
        id={applicationFieldId(`documents.${d.code}`)}
        label={
          // The entry's name is its heading already: screen readers hear it with the button.
          <>
            {files.length ? t('appWizard.docs.replaceShort') : t('appWizard.docs.uploadShort')}
            <span className="visually-hidden">: {d.name}</span>
          </>
        }
        hint={t('appWizard.docs.hint')}
        error={error ?? serverError ?? null}
        uploading={uploading}
        onChosen={(f) => void chosen(f)}
        inputRef={input}
      />
    </li>
  );
}

function ReviewStep({
  application: a,
  program,
  serverErrors,
  busy,
  onFix,
  onEdit,
  onSubmit,
}: {
  application: Application;
  program: Program;
  serverErrors: FieldError[];
  busy: boolean;
  onFix: (field: string) => void;
  onEdit: (step: WizardStep) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  // What the server said last time; before that, what the form can tell already.
  const own = submissionProblems(a, program);
  // While the form itself sees problems, sending would only be refused:
  // the list above says what to fix, each with a way to its step.
  const blocked = Object.keys(own).length > 0;
  const issues: { field: string; text: string }[] = serverErrors.length
    ? serverErrors.map((e) => ({ field: e.field, text: fieldMessage(t, e) ?? '' }))
    : Object.entries(own).map(([field, p]) => ({ field, text: fieldMessage(t, withMoneyParams(p!)) ?? '' }));
  return (
    <div className="review-step">
      {issues.length > 0 ? (
        <div
          id="submit-issues"
          className={serverErrors.length ? 'alert alert-error submit-issues' : 'alert alert-warning submit-issues'}
          role={serverErrors.length ? 'alert' : undefined}
        >
          <p className="strong">{serverErrors.length ? t('appWizard.review.refused') : t('appWizard.review.missing', { count: issues.length })}</p>
          <ul>
            {issues.map((i) => (
              <li key={i.field}>
                <button type="button" className="btn btn-link btn-small step-link" onClick={() => onEdit(stepOfField(i.field))}>
                  {t(`appWizard.step.${stepOfField(i.field)}`)}
                </button>
                <span className="muted"> – </span>
                <span className="strong">{applicationFieldLabel(t, i.field, program)}:</span> {i.text}{' '}
                <button type="button" className="btn btn-link btn-small" onClick={() => onFix(i.field)} aria-label={t('appWizard.review.fixLabel', { field: applicationFieldLabel(t, i.field, program) })}>
                  {t('appWizard.review.fix')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="alert alert-success">{t('appWizard.review.ready')}</p>
      )}
      <ApplicationDossier application={a} program={program} onEdit={onEdit} />
      <section className="owner-panel state-pending submit-panel" aria-labelledby="submit-title">
        <h2 id="submit-title" className="h3">
          {a.state === 'returned' ? t('appWizard.review.resubmitTitle') : t('appWizard.review.submitTitle')}
        </h2>
        <p>{t('appWizard.review.submitText', { program: a.programName })}</p>
        <p className="actions">
          <button
            type="button"
            className="btn btn-primary btn-large"
            disabled={busy || blocked}
            aria-describedby={blocked ? 'submit-blocked' : undefined}
            onClick={onSubmit}
          >
            {busy ? t('common.working') : a.state === 'returned' ? t('appWizard.review.resubmit') : t('appWizard.review.submit')}
          </button>
        </p>
        {blocked && (
          <p id="submit-blocked" className="small muted">
            {t('appWizard.review.blocked')}
          </p>
        )}
      </section>
    </div>
  );
}
