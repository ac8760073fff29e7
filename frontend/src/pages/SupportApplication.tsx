// A support application ("Hồ sơ đề nghị hỗ trợ"): the dossier, its
// timeline (a return's reason shown to the applicant), the appraisal
// (officers), the decision, the agreement, the tranches paid against the
// approval and the final acceptance, with the steps this person may take in
// this state: the applicant edits, submits, withdraws and asks for
// acceptance; officers check, return, assign reviewers, decide, sign, pay,
// accept and close; an assigned reviewer scores.
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError, type FieldError } from '../api/client';
import type { Application, Appraisal, Program, ReviewerCandidate } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ApplicationDossier } from '../components/ApplicationDossier';
import { ProgressBar } from '../components/Bars';
import { ConfirmDialog, FormDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { Dialog } from '../components/Dialog';
import { Fact } from '../components/Facts';
import { AmountField, ChoiceGroup, DateField, FormAlert, TextAreaField, TextField } from '../components/Fields';
import { MissingFieldsAlert } from '../components/PublishAlerts';
import { ErrorState, Loading, Notice } from '../components/Status';
import { ApplicationStateBadge } from '../components/SupportBadges';
import { Timeline } from '../components/Timeline';
import {
  applicationActions,
  applicationFieldLabel,
  applicationTimeline,
  DECISION_REASON_MAX,
  formatScore,
  newKey,
  TRANCHE_NOTE_MAX,
  ACCEPTANCE_NOTE_MAX,
  CLOSE_NOTE_MAX,
  DECISION_NUMBER_MAX,
  REPORT_MIN,
  ownReview,
  paidSoFar,
  REPORT_MAX,
  RETURN_REASON_MAX,
  RETURN_REASON_MIN,
  returnReason,
  sendOnce,
  unpaid,
  withMoneyParams,
  type ApplicationAction,
} from '../lib/applications';
import { formatDate, formatDateTime, formatNumber, formatVnd } from '../lib/format';
import { formatDay, parseAmount, parseDayInput, todayInVietnam } from '../lib/listing';
import { fieldMessage, problemMessage } from '../lib/messages';
import { useAsync } from '../lib/useAsync';
import { useForm } from '../lib/useForm';
import { useNotice, type NoticeTone as Tone } from '../lib/useNotice';
import { useTitle } from '../lib/useTitle';
import { checkText, type FieldErrors } from '../lib/validation';
import { openFile } from '../lib/download';

/** A step was taken: the fresh record (or none: reload), and the i18n key of what to say. */
type Changed = (a: Application | null, key: string, tone?: Tone) => void;

const pending = () => new Promise<never>(() => undefined);

export default function SupportApplicationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { me, hasRole } = useAuth();
  const { data: a, error, loading, reload, setData } = useAsync(() => endpoints.application(id), [id]);
  const program = useAsync(() => (a ? endpoints.program(a.programId) : pending()), [a?.programId]);
  const notice = useNotice();
  useTitle(a?.title ?? t('application.pageTitle'));

  const changed: Changed = (updated, key, tone = 'success') => {
    if (updated) setData(updated);
    notice.show(key, tone);
  };

  if (!a) {
    return (
      <section className="page">
        <h1>{t('application.pageTitle')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }

  const officer = hasRole('officer', 'admin');
  const mine = ownReview(a, me?.user.id);
  const viewer = {
    member: !!me?.organizations.some((o) => o.id === a.orgId),
    officer,
    reviewer: hasRole('reviewer') && !!mine,
  };
  const p = program.data ?? null;
  const reason = returnReason(a);
  const decided = !!a.decision;
  return (
    <article className="page application-page" data-state={a.state}>
      <p className="eyebrow">{t('application.kicker')}</p>
      <div className="listing-kicker">
        <ApplicationStateBadge state={a.state} />
      </div>
      <div className="page-head">
        <h1>{a.title}</h1>
      </div>
      <p className="lead">
        <span className="strong">{a.orgName}</span> · <Link to={`/support/${encodeURIComponent(a.programId)}`}>{a.programName}</Link>
      </p>
      <div ref={notice.ref} tabIndex={-1} className="notice-anchor">
        <Notice message={notice.text} tone={notice.tone} />
      </div>
      {reason && (viewer.member || officer) && (
        <div className="alert alert-warning returned-reason" role="note">
          <p className="strong">{viewer.member ? t('application.returnedTitle') : t('application.returnedOfficer')}</p>
          <blockquote className="reason prose">{reason}</blockquote>
        </div>
      )}

      <ActionsPanel application={a} program={p} viewer={viewer} onChanged={changed} onReload={reload} />

      <div className="listing-layout">
        <div className="listing-main">
          {officer && a.state !== 'draft' && <AppraisalSection application={a} program={p} />}
          {viewer.reviewer && mine && !officer && <OwnReviewSection application={a} program={p} />}
          {decided && <DecisionSection application={a} />}
          {a.agreement && <AgreementSection application={a} />}
          {a.decision?.outcome === 'approved' && <MoneySection application={a} />}
          {a.acceptance && <AcceptanceSection application={a} />}
          <ApplicationDossier application={a} program={p} />
        </div>
        <aside className="listing-side">
          <section className="side-card" aria-labelledby="app-facts-title">
            <h2 id="app-facts-title" className="h3">
              {t('application.facts')}
            </h2>
            <dl className="listing-facts">
              <Fact label={t('application.organization')}>{a.orgName}</Fact>
              <Fact label={t('application.program')}>
                <Link to={`/support/${encodeURIComponent(a.programId)}`}>{a.programName}</Link>
              </Fact>
              <Fact label={t('appFields.requested')}>
                {a.requested ? formatVnd(a.requested) : <span className="muted">{t('application.notGiven')}</span>}
              </Fact>
              {a.submittedAt && <Fact label={t('application.submittedAt')}>{formatDateTime(a.submittedAt, i18n.language)}</Fact>}
              <Fact label={t('application.updatedAt')}>{formatDateTime(a.updatedAt, i18n.language)}</Fact>
            </dl>
            {officer && (
              <p className="small">
                <Link to={`/audit?subject=${encodeURIComponent(a.id)}`}>{t('application.auditLink')}</Link>
              </p>
            )}
          </section>
          <section className="side-card" aria-labelledby="app-timeline-title">
            <h2 id="app-timeline-title" className="h3">
              {t('application.timeline')}
            </h2>
            <Timeline
              items={applicationTimeline(a).map((s, i) => ({
                key: `${s.state}-${i}`,
                label: t(`appState.${s.state}`),
                at: s.at,
                status: s.status,
                note: s.note ? <q className="prose">{s.note}</q> : undefined,
              }))}
            />
          </section>
        </aside>
      </div>
    </article>
  );
}

// --- what this person may do ---------------------------------------------------

function ActionsPanel({
  application: a,
  program: p,
  viewer,
  onChanged,
  onReload,
}: {
  application: Application;
  program: Program | null;
  viewer: { member: boolean; officer: boolean; reviewer: boolean };
  onChanged: Changed;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ApplicationAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<FieldError[]>([]);
  const actions = applicationActions(a);
  const editPath = `/support/applications/${encodeURIComponent(a.id)}/edit`;
  const role = viewer.officer ? 'officer' : viewer.member ? 'applicant' : viewer.reviewer ? 'reviewer' : null;
  if (!role) return null;

  const close = () => {
    if (!busy) setOpen(null);
  };
  const done = (u: Application, key: string) => {
    setOpen(null);
    onChanged(u, `application.done.${key}`);
  };

  /** The steps without a form: submit, withdraw, start the check. */
  async function step(action: 'submit' | 'withdraw' | 'check') {
    setBusy(true);
    setError(null);
    setMissing([]);
    try {
      const u = await endpoints.applicationStep(a.id, action, a.version);
      setBusy(false);
      done(u, action);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 422 && err.errors.length > 0) {
        setOpen(null);
        setMissing(err.errors);
        return;
      }
      if (err instanceof ApiError && (err.status === 412 || err.code === 'invalid_transition')) {
        setOpen(null);
        await onReload();
        onChanged(null, 'application.changedMeanwhile', 'error');
        return;
      }
      setError(problemMessage(t, err));
    }
  }

  const next = nextText(t, a, role);
  const primary: ApplicationAction[] = ['submit', 'check', 'assign', 'decide', 'agreement', 'disburse', 'acceptance', 'requestAcceptance', 'close', 'score'];
  return (
    <section className={`owner-panel state-${panelTone(a.state)} app-actions`} aria-labelledby="app-actions-title">
      <h2 id="app-actions-title" className="h3">
        {next.title}
      </h2>
      <p>{next.text}</p>
      <MissingFieldsAlert
        className="publish-missing"
        intro={t('appWizard.submitRefused')}
        errors={missing}
        label={(f) => applicationFieldLabel(t, f, p)}
        editPath={`${editPath}?step=review`}
        completeText={t('application.completeNow')}
      />
      {actions.length > 0 && (
        <div className="actions">
          {actions.map((x) =>
            x === 'edit' ? (
              <Link key={x} className="btn btn-secondary" to={editPath}>
                {t('application.action.edit')}
              </Link>
            ) : x === 'score' ? (
              <Link key={x} className="btn btn-primary" to={`/support/applications/${encodeURIComponent(a.id)}/review`}>
                {t('application.action.score')}
              </Link>
            ) : (
              <button
                key={x}
                type="button"
                className={x === 'withdraw' || x === 'return' ? 'btn btn-danger' : primary.includes(x) ? 'btn btn-primary' : 'btn btn-secondary'}
                onClick={() => {
                  setError(null);
                  setOpen(x);
                }}
              >
                {t(`application.action.${x}`)}
              </button>
            ),
          )}
        </div>
      )}
      {a.decision && (viewer.member || viewer.officer) && <PaperLinks application={a} paper="decision" />}
      {a.agreement && (viewer.member || viewer.officer) && <PaperLinks application={a} paper="agreement" />}

      <ConfirmDialog
        open={open === 'submit' || open === 'withdraw' || open === 'check'}
        title={open ? t(`application.confirm.${open}Title`) : ''}
        confirmLabel={open ? t(`application.action.${open}`) : ''}
        danger={open === 'withdraw'}
        busy={busy}
        error={error}
        onConfirm={() => (open === 'submit' || open === 'withdraw' || open === 'check') && void step(open)}
        onClose={close}
      >
        {open && <p>{t(`application.confirm.${open}Text`, { org: a.orgName, program: a.programName })}</p>}
      </ConfirmDialog>
      {open === 'return' && <ReturnDialog application={a} onClose={() => setOpen(null)} onDone={(u) => done(u, 'return')} />}
      {open === 'assign' && <AssignDialog application={a} program={p} onClose={() => setOpen(null)} onDone={(u) => done(u, 'assign')} />}
      {open === 'decide' && <DecideDialog application={a} program={p} onClose={() => setOpen(null)} onDone={(u) => done(u, u.state === 'approved' ? 'approve' : 'reject')} />}
      {open === 'agreement' && <AgreementDialog application={a} onClose={() => setOpen(null)} onDone={(u) => done(u, 'agreement')} />}
      {open === 'disburse' && <DisburseDialog application={a} onClose={() => setOpen(null)} onDone={(u) => done(u, 'disburse')} />}
      {open === 'requestAcceptance' && <RequestAcceptanceDialog application={a} onClose={() => setOpen(null)} onDone={(u) => done(u, 'requestAcceptance')} />}
      {open === 'acceptance' && <AcceptanceDialog application={a} onClose={() => setOpen(null)} onDone={(u) => done(u, 'acceptance')} />}
      {open === 'close' && <CloseDialog application={a} onClose={() => setOpen(null)} onDone={(u) => done(u, 'close')} />}
    </section>
  );
}

/** The panel's colour: waiting for the applicant, refused, ended, or going on. */
function panelTone(state: Application['state']): string {
  if (state === 'returned') return 'pending';
  if (state === 'rejected' || state === 'not_accepted') return 'rejected';
  if (state === 'draft') return 'draft';
  if (state === 'withdrawn' || state === 'closed') return 'archived';
  return 'published';
}

/** The panel's heading and sentence: what happens next, for whom. */
function nextText(t: (k: string, o?: Record<string, unknown>) => string, a: Application, role: 'officer' | 'applicant' | 'reviewer') {
  const key = `application.next.${role}.${a.state}`;
  const fallback = `application.next.${role}.other`;
  const title = t(`${key}.title`, { defaultValue: t(`${fallback}.title`) });
  const text = t(`${key}.text`, { defaultValue: t(`${fallback}.text`) });
  return { title, text };
}

/** The decision or agreement to print: HTML in a new tab, PDF downloaded; fetched with the session's token. */
function PaperLinks({ application: a, paper }: { application: Application; paper: 'decision' | 'agreement' }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function open(format: 'html' | 'pdf') {
    setError(null);
    setBusy(format);
    try {
      await openFile(() => endpoints.applicationPaper(a.id, paper, format, i18n.language), `${paper}-${a.id}.${format}`, format === 'html');
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="paper-links">
      <span className="strong small">{t(`application.paper.${paper}`)}:</span>{' '}
      <button type="button" className="btn btn-link btn-small" disabled={busy !== null} onClick={() => void open('html')}>
        {t('application.paper.html')}
      </button>
      <button type="button" className="btn btn-link btn-small" disabled={busy !== null} onClick={() => void open('pdf')}>
        {t('application.paper.pdf')}
      </button>
      {error && <span className="field-error small">{error}</span>}
    </div>
  );
}

// --- officers' dialogs -----------------------------------------------------------

function ReturnDialog({ application: a, onClose, onDone }: { application: Application; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useTranslation();
  const form = useForm<'reason'>({
    initial: { reason: '' },
    prefix: 'return',
    order: ['reason'],
    validate: (v) => {
      const p = checkText(v.reason, { min: RETURN_REASON_MIN, max: RETURN_REASON_MAX });
      return p ? { reason: p } : {};
    },
  });
  const onSubmit = form.submit(async (v) => onDone(await endpoints.returnApplication(a.id, v.reason.trim(), a.version)));
  return (
    <FormDialog open title={t('application.confirm.returnTitle')} confirmLabel={t('application.action.return')} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('application.confirm.returnText', { org: a.orgName })}</p>
      <TextAreaField {...form.bind('reason')} label={t('application.returnReason')} hint={t('application.returnReasonHint')} required rows={5} maxLength={RETURN_REASON_MAX} />
    </FormDialog>
  );
}

/**
 * Assigning the programme's number of reviewers: candidates from the
 * applicant's organisation are shown with the conflict and cannot be
 * chosen; reviewers who have scored already stay.
 */
function AssignDialog({ application: a, program: p, onClose, onDone }: { application: Application; program: Program | null; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useTranslation();
  const candidates = useAsync(() => endpoints.reviewers(a.id), [a.id]);
  const needed = a.reviewPlan?.required ?? a.appraisal?.required ?? p?.reviewersPerApplication ?? 0;
  const reviews = a.reviews ?? [];
  const locked = new Set(reviews.filter((r) => r.submittedAt && r.declaration !== 'conflict').map((r) => r.reviewerId));
  const [chosen, setChosen] = useState<string[]>(() => reviews.filter((r) => r.declaration !== 'conflict').map((r) => r.reviewerId));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  function toggle(c: ReviewerCandidate, on: boolean) {
    if (c.conflict || locked.has(c.id)) return;
    setChosen((x) => (on ? [...x.filter((i) => i !== c.id), c.id] : x.filter((i) => i !== c.id)));
    setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (needed && chosen.length !== needed) {
      setError(t('application.assign.count', { count: needed, chosen: chosen.length }));
      document.getElementById('assign-list')?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      onDone(await endpoints.assignReviewers(a.id, chosen));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.errors.length > 0) {
        const byId: Record<string, string> = {};
        const other: string[] = [];
        for (const fe of err.errors) {
          const m = /^reviewerIds\.(\d+)$/.exec(fe.field);
          const who = m ? chosen[Number(m[1])] : undefined;
          const text = fieldMessage(t, fe) ?? '';
          if (who) byId[who] = text;
          else other.push(text);
        }
        setFieldErrors(byId);
        setError([t('application.assign.refused'), ...other].join(' '));
        return;
      }
      setError(problemMessage(t, err));
    }
  }

  const list = candidates.data ?? [];
  return (
    <Dialog open title={t('application.assign.title')} onClose={() => !busy && onClose()}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <FormAlert message={error} />
        <p>{t('application.assign.intro', { count: needed })}</p>
        <p className="strong" role="status" aria-live="polite" data-testid="assign-count">
          {t('application.assign.chosen', { chosen: chosen.length, count: needed })}
        </p>
        {!candidates.data && !candidates.error && <Loading />}
        {candidates.error ? <ErrorState message={problemMessage(t, candidates.error)} onRetry={candidates.reload} /> : null}
        {candidates.data && list.length === 0 && <p className="muted">{t('application.assign.none')}</p>}
        {list.length > 0 && (
          <fieldset className="choice-group">
            <legend>{t('application.assign.legend')}</legend>
            <ul className="choice-cards" id="assign-list">
              {list.map((c) => {
                const on = chosen.includes(c.id);
                const review = reviews.find((r) => r.reviewerId === c.id);
                const err = fieldErrors[c.id];
                return (
                  <li key={c.id} data-reviewer={c.email}>
                    <label className={`choice-card${c.conflict ? ' is-conflict' : ''}${err ? ' has-error' : ''}`}>
                      <input
                        type="checkbox"
                        checked={on}
                        disabled={c.conflict || locked.has(c.id)}
                        aria-describedby={c.conflict || err ? `assign-${c.id}-note` : undefined}
                        aria-invalid={err ? true : undefined}
                        onChange={(e) => toggle(c, e.target.checked)}
                      />
                      <span>
                        <span className="strong">{c.fullName}</span>
                        <span className="small muted block break">{c.email}</span>
                        {c.orgNames.length > 0 && <span className="small block">{c.orgNames.join(', ')}</span>}
                        {locked.has(c.id) && <span className="small block">{t('application.assign.scored')}</span>}
                        {(c.conflict || err) && (
                          <span id={`assign-${c.id}-note`} className="small block field-error">
                            {err ?? (review?.declaration === 'conflict' ? t('application.assign.recused') : t('application.assign.conflict', { org: a.orgName }))}
                          </span>
                        )}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        )}
        <p className="actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !candidates.data}>
            {busy ? t('common.working') : t('application.assign.confirm')}
          </button>
        </p>
      </form>
    </Dialog>
  );
}

/**
 * One Idempotency-Key per user action: made when the officer confirms, kept
 * while they retry the same values (a lost answer is not paid twice), new
 * when the values change or after success.
 */
function useActionKey() {
  const ref = useRef<{ sig: string; key: string } | null>(null);
  return {
    keyFor(values: unknown): string {
      const sig = JSON.stringify(values);
      if (!ref.current || ref.current.sig !== sig) ref.current = { sig, key: newKey() };
      return ref.current.key;
    },
    done() {
      ref.current = null;
    },
  };
}

type DecideField = 'outcome' | 'amount' | 'reason' | 'number';

export function validateDecision(v: Record<DecideField, string>, requested: number): FieldErrors<DecideField> {
  const errs: FieldErrors<DecideField> = {};
  if (v.outcome !== 'approved' && v.outcome !== 'rejected') errs.outcome = { code: 'required' };
  if (v.outcome === 'approved') {
    const n = parseAmount(v.amount);
    if (n === undefined || n === 0) errs.amount = { code: 'required' };
    else if (n === null) errs.amount = { code: 'invalid_number' };
    else if (n > requested) errs.amount = { code: 'above_requested', params: { max: requested } };
  }
  if (v.outcome === 'rejected') {
    const p = checkText(v.reason, { min: 5, max: DECISION_REASON_MAX });
    if (p) errs.reason = p;
  } else if (v.reason.trim().length > DECISION_REASON_MAX) errs.reason = { code: 'too_long', params: { max: DECISION_REASON_MAX } };
  if (v.number.trim().length > DECISION_NUMBER_MAX) errs.number = { code: 'too_long', params: { max: DECISION_NUMBER_MAX } };
  return errs;
}

function DecideDialog({ application: a, program: p, onClose, onDone }: { application: Application; program: Program | null; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useTranslation();
  const key = useActionKey();
  const form = useForm<DecideField>({
    initial: { outcome: a.appraisal && !a.appraisal.passed ? 'rejected' : 'approved', amount: formatNumber(a.requested), reason: '', number: '' },
    prefix: 'decide',
    order: ['outcome', 'amount', 'reason', 'number'],
    validate: (v) => validateDecision(v, a.requested),
  });
  const approve = form.values.outcome === 'approved';
  const onSubmit = form.submit(async (v) => {
    const body = {
      outcome: v.outcome as 'approved' | 'rejected',
      amount: approve ? (parseAmount(v.amount) ?? 0) : undefined,
      reason: v.reason.trim() || undefined,
      number: v.number.trim() || undefined,
    };
    const u = await sendOnce(key.keyFor(body), (k) => endpoints.decide(a.id, body, k));
    key.done();
    onDone(u);
  });
  const amountError = form.errors.amount ? fieldMessage(t, withMoneyParams(form.errors.amount)) : undefined;
  return (
    <FormDialog open title={t('application.decide.title')} confirmLabel={approve ? t('application.decide.approve') : t('application.decide.reject')} danger={!approve} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      {a.appraisal && <AppraisalSummary appraisal={a.appraisal} program={p} />}
      <p>
        {t('application.decide.requested')} <span className="strong">{formatVnd(a.requested)}</span>
      </p>
      <ChoiceGroup id="decide-outcome" label={t('application.decide.outcome')} required error={form.errors.outcome ? fieldMessage(t, form.errors.outcome) : undefined}>
        {(['approved', 'rejected'] as const).map((o, i) => (
          <label key={o} className="check">
            <input type="radio" name="decide-outcome" id={i === 0 ? 'decide-outcome' : undefined} value={o} checked={form.values.outcome === o} onChange={() => form.update('outcome', o)} />
            {t(`application.decide.${o}`)}
          </label>
        ))}
      </ChoiceGroup>
      {approve && (
        <AmountField
          {...form.bind('amount')}
          error={amountError}
          label={t('application.decide.amount')}
          required
          onFormat={(x) => form.update('amount', x)}
        />
      )}
      <TextAreaField
        {...form.bind('reason')}
        label={approve ? t('application.decide.note') : t('application.decide.reason')}
        hint={approve ? t('application.decide.noteHint') : t('application.decide.reasonHint')}
        required={!approve}
        rows={4}
        maxLength={DECISION_REASON_MAX}
      />
      <TextField {...form.bind('number')} label={t('application.decide.number')} hint={t('application.decide.numberHint')} maxLength={DECISION_NUMBER_MAX} />
    </FormDialog>
  );
}

function AgreementDialog({ application: a, onClose, onDone }: { application: Application; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useTranslation();
  const form = useForm<'number' | 'signedOn'>({
    initial: { number: '', signedOn: formatDay(todayInVietnam()) },
    prefix: 'agreement',
    order: ['number', 'signedOn'],
    validate: (v) => {
      const errs: FieldErrors<'number' | 'signedOn'> = {};
      const n = checkText(v.number, { min: 3, max: 60 });
      if (n) errs.number = n;
      const d = parseDayInput(v.signedOn);
      if (d === undefined) errs.signedOn = { code: 'required' };
      else if (d === null) errs.signedOn = { code: 'invalid_date' };
      else if (d > todayInVietnam()) errs.signedOn = { code: 'in_future' };
      return errs;
    },
  });
  const onSubmit = form.submit(async (v) => onDone(await endpoints.signAgreement(a.id, { number: v.number.trim(), signedOn: parseDayInput(v.signedOn) ?? '' })));
  return (
    <FormDialog open title={t('application.agreement.title')} confirmLabel={t('application.action.agreement')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('application.agreement.intro', { org: a.orgName, amount: formatVnd(a.decision?.amount ?? 0) })}</p>
      <TextField {...form.bind('number')} label={t('application.agreement.number')} hint={t('application.agreement.numberHint')} required maxLength={60} />
      <DateField {...form.bind('signedOn')} label={t('application.agreement.signedOn')} required />
    </FormDialog>
  );
}

type TrancheField = 'amount' | 'on' | 'note';

export function validateTranche(v: Record<TrancheField, string>, left: number): FieldErrors<TrancheField> {
  const errs: FieldErrors<TrancheField> = {};
  const n = parseAmount(v.amount);
  if (n === undefined || n === 0) errs.amount = { code: 'required' };
  else if (n === null) errs.amount = { code: 'invalid_number' };
  else if (n > left) errs.amount = { code: 'above_approved', params: { max: left } };
  const d = parseDayInput(v.on);
  if (d === undefined) errs.on = { code: 'required' };
  else if (d === null) errs.on = { code: 'invalid_date' };
  else if (d > todayInVietnam()) errs.on = { code: 'in_future' };
  if (v.note.trim().length > TRANCHE_NOTE_MAX) errs.note = { code: 'too_long', params: { max: TRANCHE_NOTE_MAX } };
  return errs;
}

function DisburseDialog({ application: a, onClose, onDone }: { application: Application; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useTranslation();
  const key = useActionKey();
  const left = unpaid(a);
  const form = useForm<TrancheField>({
    initial: { amount: formatNumber(left), on: formatDay(todayInVietnam()), note: '' },
    prefix: 'tranche',
    order: ['amount', 'on', 'note'],
    validate: (v) => validateTranche(v, left),
  });
  const onSubmit = form.submit(async (v) => {
    const body = { amount: parseAmount(v.amount) ?? 0, on: parseDayInput(v.on) ?? '', note: v.note.trim() || undefined };
    const u = await sendOnce(key.keyFor(body), (k) => endpoints.disburse(a.id, body, k));
    key.done();
    onDone(u);
  });
  return (
    <FormDialog open title={t('application.tranche.title')} confirmLabel={t('application.action.disburse')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('application.tranche.intro', { approved: formatVnd(a.decision?.amount ?? 0), paid: formatVnd(paidSoFar(a)), left: formatVnd(left) })}</p>
      <AmountField
        {...form.bind('amount')}
        error={form.errors.amount ? fieldMessage(t, withMoneyParams(form.errors.amount)) : undefined}
        label={t('application.tranche.amount')}
        required
        onFormat={(x) => form.update('amount', x)}
      />
      <DateField {...form.bind('on')} label={t('application.tranche.on')} required />
      <TextField {...form.bind('note')} label={t('application.tranche.note')} hint={t('application.tranche.noteHint')} maxLength={TRANCHE_NOTE_MAX} />
    </FormDialog>
  );
}

function RequestAcceptanceDialog({ application: a, onClose, onDone }: { application: Application; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useTranslation();
  const form = useForm<'report'>({
    initial: { report: '' },
    prefix: 'acceptance-request',
    order: ['report'],
    validate: (v) => {
      const p = checkText(v.report, { min: REPORT_MIN, max: REPORT_MAX });
      return p ? { report: p } : {};
    },
  });
  const onSubmit = form.submit(async (v) => onDone(await endpoints.requestAcceptance(a.id, v.report.trim())));
  return (
    <FormDialog open title={t('application.acceptance.requestTitle')} confirmLabel={t('application.action.requestAcceptance')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('application.acceptance.requestIntro')}</p>
      <TextAreaField {...form.bind('report')} label={t('application.acceptance.report')} hint={t('application.acceptance.reportHint')} required rows={8} maxLength={REPORT_MAX} />
    </FormDialog>
  );
}

function AcceptanceDialog({ application: a, onClose, onDone }: { application: Application; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useTranslation();
  type F = 'outcome' | 'on' | 'note';
  const form = useForm<F>({
    initial: { outcome: 'accepted', on: formatDay(todayInVietnam()), note: '' },
    prefix: 'acceptance',
    order: ['outcome', 'on', 'note'],
    validate: (v) => {
      const errs: FieldErrors<F> = {};
      if (v.outcome !== 'accepted' && v.outcome !== 'not_accepted') errs.outcome = { code: 'required' };
      const d = parseDayInput(v.on);
      if (d === undefined) errs.on = { code: 'required' };
      else if (d === null) errs.on = { code: 'invalid_date' };
      else if (d > todayInVietnam()) errs.on = { code: 'in_future' };
      if (v.outcome === 'not_accepted') {
        const p = checkText(v.note, { min: 5, max: ACCEPTANCE_NOTE_MAX });
        if (p) errs.note = p;
      } else if (v.note.trim().length > ACCEPTANCE_NOTE_MAX) errs.note = { code: 'too_long', params: { max: ACCEPTANCE_NOTE_MAX } };
      return errs;
    },
  });
  const onSubmit = form.submit(async (v) =>
    onDone(await endpoints.recordAcceptance(a.id, { outcome: v.outcome as 'accepted' | 'not_accepted', on: parseDayInput(v.on) ?? '', note: v.note.trim() || undefined })),
  );
  const accepted = form.values.outcome === 'accepted';
  return (
    <FormDialog open title={t('application.acceptance.title')} confirmLabel={t('application.action.acceptance')} danger={!accepted} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      {a.acceptance?.report && (
        <>
          <p className="strong">{t('application.acceptance.report')}</p>
          <blockquote className="reason prose">{a.acceptance.report}</blockquote>
        </>
      )}
      <ChoiceGroup id="acceptance-outcome" label={t('application.acceptance.outcome')} required>
        {(['accepted', 'not_accepted'] as const).map((o, i) => (
          <label key={o} className="check">
            <input type="radio" name="acceptance-outcome" id={i === 0 ? 'acceptance-outcome' : undefined} value={o} checked={form.values.outcome === o} onChange={() => form.update('outcome', o)} />
            {t(`appState.${o}`)}
          </label>
        ))}
      </ChoiceGroup>
      <DateField {...form.bind('on')} label={t('application.acceptance.on')} required />
      <TextAreaField {...form.bind('note')} label={t('application.acceptance.note')} required={!accepted} rows={4} maxLength={ACCEPTANCE_NOTE_MAX} />
    </FormDialog>
  );
}

function CloseDialog({ application: a, onClose, onDone }: { application: Application; onClose: () => void; onDone: (a: Application) => void }) {
  const { t } = useTranslation();
  const form = useForm<'note'>({
    initial: { note: '' },
    prefix: 'close',
    order: ['note'],
    validate: (v) => (v.note.trim().length > CLOSE_NOTE_MAX ? { note: { code: 'too_long', params: { max: CLOSE_NOTE_MAX } } } : {}),
  });
  const onSubmit = form.submit(async (v) => onDone(await endpoints.closeApplication(a.id, v.note.trim() || undefined)));
  const rest = unpaid(a);
  return (
    <FormDialog open title={t('application.confirm.closeTitle')} confirmLabel={t('application.action.close')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{rest > 0 ? t('application.confirm.closeTextRest', { rest: formatVnd(rest) }) : t('application.confirm.closeText')}</p>
      <TextAreaField {...form.bind('note')} label={t('application.closeNote')} rows={3} maxLength={CLOSE_NOTE_MAX} />
    </FormDialog>
  );
}

// --- sections ----------------------------------------------------------------------

/** The weighted mean, spread and outcome of the scores, and each criterion's mean. */
export function AppraisalSummary({ appraisal: x, program: p }: { appraisal: Appraisal; program: Program | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const names = new Map((p?.criteria ?? []).map((c) => [c.code, c.name]));
  return (
    <div className="appraisal-summary" data-testid="appraisal">
      <dl className="stat-row">
        <div>
          <dt>{t('application.appraisal.mean')}</dt>
          <dd className="stat" data-testid="appraisal-mean">
            {formatScore(x.mean, lang)}
            <span className="muted small">/100</span>
          </dd>
        </div>
        <div>
          <dt>{t('application.appraisal.spread')}</dt>
          <dd className="stat">{formatScore(x.spread, lang)}</dd>
        </div>
        <div>
          <dt>{t('supportFields.passMark')}</dt>
          <dd className="stat">{formatScore(x.passMark, lang)}</dd>
        </div>
        <div>
          <dt>{t('application.appraisal.result')}</dt>
          <dd>
            <span className={x.passed ? 'badge badge-published' : 'badge badge-rejected'} data-testid="appraisal-passed">
              {x.complete ? (x.passed ? t('application.appraisal.passed') : t('application.appraisal.failed')) : t('application.appraisal.incomplete')}
            </span>
          </dd>
        </div>
      </dl>
      {x.criteria?.length > 0 && (
        <DataTable
          columns={[t('support.criterion'), t('supportFields.criteria_weight'), t('application.appraisal.criterionMean'), t('application.appraisal.spread')]}
          className="table responsive criteria-table appraisal-table"
        >
          {x.criteria.map((c) => (
            <tr key={c.code}>
              <td data-label={t('support.criterion')}>{c.name || names.get(c.code) || c.code}</td>
              <td data-label={t('supportFields.criteria_weight')} className="num">
                {c.weight}
              </td>
              <td data-label={t('application.appraisal.criterionMean')} className="num">
                {formatScore(c.mean, lang)}/10
              </td>
              <td data-label={t('application.appraisal.spread')} className="num">
                {formatScore(c.spread, lang)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="small muted">{t('application.appraisal.count', { count: x.count, min: formatScore(x.min, lang), max: formatScore(x.max, lang) })}</p>
    </div>
  );
}

function AppraisalSection({ application: a, program: p }: { application: Application; program: Program | null }) {
  const { t, i18n } = useTranslation();
  const reviews = a.reviews ?? [];
  return (
    <section className="listing-section appraisal" aria-labelledby="appraisal-title">
      <h2 id="appraisal-title">{t('application.appraisal.title')}</h2>
      {reviews.length === 0 ? (
        <p className="muted">{t('application.appraisal.noReviewers', { count: p?.reviewersPerApplication ?? 0 })}</p>
      ) : (
        <DataTable columns={[t('application.appraisal.reviewer'), t('application.appraisal.declaration'), t('application.appraisal.total'), t('application.appraisal.sentAt')]} className="table responsive reviews-table">
          {reviews.map((r) => (
            <tr key={r.reviewerId} data-reviewer={r.reviewerName}>
              <td data-label={t('application.appraisal.reviewer')}>
                <span className="strong">{r.reviewerName}</span>
                <span className="small muted block">{t('application.appraisal.assignedOn', { date: formatDate(r.assignedAt, i18n.language) })}</span>
              </td>
              <td data-label={t('application.appraisal.declaration')}>
                {r.declaration ? t(`review.declaration.${r.declaration}Short`) : <span className="muted">{t('application.appraisal.waiting')}</span>}
              </td>
              <td data-label={t('application.appraisal.total')} className="num">
                {r.total !== undefined && r.declaration === 'no_conflict' ? `${formatScore(r.total, i18n.language)}/100` : t('common.none')}
              </td>
              <td data-label={t('application.appraisal.sentAt')}>{r.submittedAt ? formatDateTime(r.submittedAt, i18n.language) : t('common.none')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {a.appraisal && a.appraisal.count > 0 && <AppraisalSummary appraisal={a.appraisal} program={p} />}
    </section>
  );
}

function OwnReviewSection({ application: a, program: p }: { application: Application; program: Program | null }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const r = ownReview(a, me?.user.id);
  if (!r) return null;
  return (
    <section className="listing-section" aria-labelledby="own-review-title">
      <h2 id="own-review-title">{t('review.yours')}</h2>
      {r.submittedAt ? (
        <p>
          {r.declaration === 'conflict'
            ? t('review.recusedOn', { date: formatDateTime(r.submittedAt, i18n.language) })
            : t('review.sentOn', { date: formatDateTime(r.submittedAt, i18n.language), total: formatScore(r.total, i18n.language) })}
        </p>
      ) : (
        <p>{t('review.notYet', { count: p?.criteria?.length ?? 0 })}</p>
      )}
    </section>
  );
}

function DecisionSection({ application: a }: { application: Application }) {
  const { t, i18n } = useTranslation();
  const d = a.decision!;
  return (
    <section className={`listing-section decision-section outcome-${d.outcome}`} aria-labelledby="decision-title">
      <h2 id="decision-title">{t('application.decision.title')}</h2>
      <dl className="listing-facts">
        <Fact label={t('application.decision.outcome')}>
          <span className={d.outcome === 'approved' ? 'badge badge-published' : 'badge badge-rejected'}>{t(`appState.${d.outcome}`)}</span>
        </Fact>
        {d.outcome === 'approved' && (
          <Fact label={t('application.decision.amount')}>
            <span className="price" data-testid="approved-amount">
              {formatVnd(d.amount ?? 0)}
            </span>
            {d.amount !== undefined && d.amount < a.requested && <span className="small muted"> · {t('application.decision.ofRequested', { requested: formatVnd(a.requested) })}</span>}
          </Fact>
        )}
        {d.number && <Fact label={t('application.decision.number')}>{d.number}</Fact>}
        <Fact label={t('application.decision.at')}>{formatDate(d.at, i18n.language)}</Fact>
        {d.reason && (
          <Fact label={d.outcome === 'approved' ? t('application.decide.note') : t('application.decide.reason')}>
            <span className="prose">{d.reason}</span>
          </Fact>
        )}
      </dl>
    </section>
  );
}

function AgreementSection({ application: a }: { application: Application }) {
  const { t } = useTranslation();
  const g = a.agreement!;
  return (
    <section className="listing-section" aria-labelledby="agreement-title">
      <h2 id="agreement-title">{t('application.agreement.section')}</h2>
      <dl className="listing-facts">
        <Fact label={t('application.agreement.number')}>{g.number}</Fact>
        <Fact label={t('application.agreement.signedOn')}>{formatDay(g.signedOn)}</Fact>
      </dl>
    </section>
  );
}

function MoneySection({ application: a }: { application: Application }) {
  const { t } = useTranslation();
  const approved = a.decision?.amount ?? 0;
  const paid = paidSoFar(a);
  const tranches = a.tranches ?? [];
  return (
    <section className="listing-section" aria-labelledby="tranches-title">
      <h2 id="tranches-title">{t('application.tranche.section')}</h2>
      <div className="budget">
        <ProgressBar value={paid} max={approved} label={t('application.tranche.bar', { paid: formatVnd(paid), approved: formatVnd(approved) })} testId="paid-bar" />
        <dl className="budget-legend">
          <div>
            <dt>
              <span className="swatch swatch-disbursed" aria-hidden="true" /> {t('application.tranche.paid')}
            </dt>
            <dd data-testid="paid">{formatVnd(paid)}</dd>
          </div>
          <div>
            <dt>{t('application.decision.amount')}</dt>
            <dd>{formatVnd(approved)}</dd>
          </div>
          <div>
            <dt>
              <span className="swatch swatch-remaining" aria-hidden="true" /> {t('application.tranche.left')}
            </dt>
            <dd>{formatVnd(Math.max(0, approved - paid))}</dd>
          </div>
        </dl>
      </div>
      {tranches.length === 0 ? (
        <p className="muted">{t('application.tranche.none')}</p>
      ) : (
        <DataTable columns={['#', t('application.tranche.on'), t('application.tranche.amount'), t('application.tranche.note')]} className="table responsive tranches-table">
          {tranches.map((x, i) => (
            <tr key={`${x.at}-${i}`}>
              <td data-label="#">{i + 1}</td>
              <td data-label={t('application.tranche.on')}>{formatDay(x.on)}</td>
              <td data-label={t('application.tranche.amount')} className="num nowrap">
                {formatVnd(x.amount)}
              </td>
              <td data-label={t('application.tranche.note')}>{x.note || t('common.none')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function AcceptanceSection({ application: a }: { application: Application }) {
  const { t, i18n } = useTranslation();
  const x = a.acceptance!;
  return (
    <section className="listing-section" aria-labelledby="acceptance-title">
      <h2 id="acceptance-title">{t('application.acceptance.section')}</h2>
      <dl className="listing-facts">
        {x.requestedAt && <Fact label={t('application.acceptance.requestedAt')}>{formatDate(x.requestedAt, i18n.language)}</Fact>}
        {x.report && (
          <Fact label={t('application.acceptance.report')}>
            <span className="prose">{x.report}</span>
          </Fact>
        )}
        {x.outcome && (
          <Fact label={t('application.acceptance.outcome')}>
            <span className={x.outcome === 'accepted' ? 'badge badge-published' : 'badge badge-rejected'}>{t(`appState.${x.outcome}`)}</span>
            {x.on && <span className="small muted"> · {formatDay(x.on)}</span>}
          </Fact>
        )}
        {x.note && (
          <Fact label={t('application.acceptance.note')}>
            <span className="prose">{x.note}</span>
          </Fact>
        )}
      </dl>
    </section>
  );
}

