// A support programme: its legal basis, window, money (with what is
// committed and disbursed), eligibility, required documents and appraisal
// criteria. Officers edit a programme and publish a complete draft; what is
// missing is listed in the user's language.
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { BudgetBar } from '../components/Bars';
import { Fact } from '../components/Facts';
import { MissingFieldsAlert, StaleAlert } from '../components/PublishAlerts';
import { ApiError, type FieldError } from '../api/client';
import { isRegisterKind, type MyOrganization, type OrgKind, type Program } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog, FormDialog } from '../components/ConfirmDialog';
import { SelectField, TextField } from '../components/Fields';
import { ApplicationStateBadge } from '../components/SupportBadges';
import { ErrorState, Loading, Notice } from '../components/Status';
import { formatDate, formatVnd } from '../lib/format';
import { formatDay } from '../lib/listing';
import { problemMessage } from '../lib/messages';
import { APP_TITLE_MAX, APP_TITLE_MIN } from '../lib/applications';
import { PER_ORG_DEFAULT, programFieldLabel, weightSum, windowStatus, windowText } from '../lib/support';
import { useForm } from '../lib/useForm';
import { noticeState } from '../lib/useNotice';
import { checkText, type FieldErrors } from '../lib/validation';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import { ProgramStateBadge, WindowBadge } from './SupportPrograms';

type Tone = 'success' | 'error' | 'info';

export default function SupportProgramPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const { hasRole, status } = useAuth();
  const staff = status === 'authenticated' && hasRole('officer', 'admin');
  const ready = status !== 'loading';
  const { data: p, error, loading, reload, setData } = useAsync(
    () => (ready ? endpoints.program(id) : new Promise<never>(() => undefined)),
    [id, ready],
  );
  const budget = useAsync(() => (p ? endpoints.programBudget(p.id) : new Promise<never>(() => undefined)), [p?.id, p?.version]);
  const [notice, setNotice] = useState<{ text: string; tone: Tone } | null>(
    (location.state as { notice?: string } | null)?.notice ? { text: (location.state as { notice: string }).notice, tone: 'success' } : null,
  );
  const noticeRef = useRef<HTMLDivElement>(null);
  useTitle(p?.name ?? t('support.pageTitle'));

  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate(location.pathname, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!p) {
    return (
      <section className="page">
        <h1>{t('support.pageTitle')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }

  const kinds = p.eligibility?.orgKinds ?? [];
  const sum = weightSum(p.criteria ?? []);
  return (
    <article className="page program-page">
      <p className="eyebrow">{t('support.kicker')}</p>
      <div className="listing-kicker">
        <ProgramStateBadge state={p.state} />
        <WindowBadge program={p} />
      </div>
      <div className="page-head">
        <h1>{p.name}</h1>
        {staff && (
          <Link className="btn btn-secondary" to={`/support/${encodeURIComponent(p.id)}/edit`}>
            {t('support.edit')}
          </Link>
        )}
      </div>
      {p.summary && <p className="listing-summary prose">{p.summary}</p>}
      {p.state === 'published' && <ApplyPanel program={p} />}
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <Notice message={notice?.text} tone={notice?.tone} />
      </div>
      {staff && p.state === 'draft' && (
        <PublishPanel
          program={p}
          onPublished={(u) => {
            setData(u);
            setNotice({ text: t('support.published'), tone: 'success' });
            requestAnimationFrame(() => noticeRef.current?.focus());
          }}
          onReload={reload}
        />
      )}

      <div className="listing-layout">
        <div className="listing-main">
          <section className="listing-section" aria-labelledby="program-window-title">
            <h2 id="program-window-title">{t('support.section.window')}</h2>
            <p className="program-window strong">{windowText(t, p.window)}</p>
            {p.window?.opensOn && (
              <p className="muted small">
                {t('support.windowDays', { opens: formatDay(p.window.opensOn), closes: formatDay(p.window.closesOn) })}
              </p>
            )}
          </section>

          <section className="listing-section" aria-labelledby="program-eligibility-title">
            <h2 id="program-eligibility-title">{t('support.section.eligibility')}</h2>
            {kinds.length > 0 ? (
              <ul className="tags" aria-label={t('support.eligibleKinds')}>
                {kinds.map((k) => (
                  <li key={k}>{t(`orgKind.${k}`)}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('support.notSet')}</p>
            )}
            <ul className="req-list">
              {p.eligibility?.inProvince && <li>{t('support.inProvince')}</li>}
              {p.eligibility?.stEnterprise && <li>{t('support.stEnterprise')}</li>}
              <li data-testid="program-per-org">
                {t('support.perOrganization', {
                  open: t('support.openApplications', { count: p.openPerOrganization || PER_ORG_DEFAULT }),
                  approved: t('support.approvals', { count: p.approvedPerOrganization || PER_ORG_DEFAULT }),
                })}
              </li>
            </ul>
          </section>

          <section className="listing-section" aria-labelledby="program-documents-title">
            <h2 id="program-documents-title">{t('support.section.documents')}</h2>
            {(p.documents ?? []).length > 0 ? (
              <ul className="checklist">
                {p.documents.map((d) => (
                  <li key={d.code} className={d.required ? 'doc-required' : 'doc-optional'}>
                    <span className="check-mark" aria-hidden="true">
                      ☐
                    </span>{' '}
                    {d.name}{' '}
                    <span className={d.required ? 'badge badge-required' : 'badge badge-optional'}>
                      {d.required ? t('support.required') : t('support.optional')}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('support.notSet')}</p>
            )}
          </section>

          <section className="listing-section" aria-labelledby="program-criteria-title">
            <h2 id="program-criteria-title">{t('support.section.criteria')}</h2>
            {(p.criteria ?? []).length > 0 ? (
              <div className="table-wrap">
                <table className="table criteria-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('support.criterion')}</th>
                      <th scope="col" className="num">
                        {t('supportFields.criteria_weight')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.criteria.map((c) => (
                      <tr key={c.code}>
                        <td>{c.name}</td>
                        <td className="num">{c.weight}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('support.weightTotal')}</th>
                      <td className="num strong">{sum}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            ) : (
              <p className="muted">{t('support.notSet')}</p>
            )}
            <dl className="listing-facts program-appraisal">
              <Fact label={t('supportFields.passMark')}>{p.passMark ? t('support.passMarkValue', { mark: p.passMark }) : t('common.none')}</Fact>
              <Fact label={t('supportFields.reviewersPerApplication')}>{p.reviewersPerApplication || t('common.none')}</Fact>
            </dl>
          </section>
        </div>

        <aside className="listing-side">
          <section className="side-card" aria-labelledby="program-money-title">
            <h2 id="program-money-title" className="h3">
              {t('support.section.money')}
            </h2>
            <dl className="listing-facts">
              <Fact label={t('supportFields.budget')}>
                <span className="price" data-testid="program-budget">
                  {p.budget ? formatVnd(p.budget) : t('common.none')}
                </span>
              </Fact>
              <Fact label={t('supportFields.capPerApplication')}>{p.capPerApplication ? formatVnd(p.capPerApplication) : t('common.none')}</Fact>
              <Fact label={t('supportFields.maxSharePercent')}>
                {p.maxSharePercent ? t('support.shareValue', { percent: p.maxSharePercent }) : t('common.none')}
              </Fact>
            </dl>
            {budget.data && budget.data.total > 0 && <BudgetBar budget={budget.data} />}
            {budget.error ? <p className="muted small">{problemMessage(t, budget.error)}</p> : null}
          </section>
          <section className="side-card" aria-labelledby="program-legal-title">
            <h2 id="program-legal-title" className="h3">
              {t('support.section.legalBasis')}
            </h2>
            {p.legalBasis?.number ? (
              <dl className="listing-facts">
                <Fact label={t('supportFields.legalBasis_number')}>{p.legalBasis.number}</Fact>
                <Fact label={t('supportFields.legalBasis_date')}>{formatDay(p.legalBasis.date)}</Fact>
                {p.legalBasis.title && <Fact label={t('supportFields.legalBasis_title')}>{p.legalBasis.title}</Fact>}
              </dl>
            ) : (
              <p className="muted">{t('support.notSet')}</p>
            )}
            {p.publishedAt && <p className="small muted">{t('support.publishedOn', { date: formatDate(p.publishedAt, i18n.language) })}</p>}
          </section>
        </aside>
      </div>
    </article>
  );
}

/**
 * "Nộp hồ sơ" for members of an eligible organisation while the window is
 * open: a title (and the organisation, when there are several) starts a
 * draft, and the wizard takes over. Drafts already begun are offered first.
 */
function ApplyPanel({ program: p }: { program: Program }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { me, status } = useAuth();
  const orgs = (me?.organizations ?? []).filter((o): o is MyOrganization & { kind: OrgKind } => isRegisterKind(o.kind));
  const eligible = orgs.filter((o) => (p.eligibility?.orgKinds ?? []).includes(o.kind));
  const open = windowStatus(p.window) === 'open';
  const existing = useAsync(
    () => (eligible.length > 0 ? endpoints.applications({ scope: 'mine', programId: p.id }, 1, 20) : Promise.resolve(null)),
    [p.id, eligible.length],
  );
  const [dialog, setDialog] = useState(false);
  const form = useForm<'title' | 'orgId'>({
    initial: { title: '', orgId: eligible[0]?.id ?? '' },
    prefix: 'apply',
    order: ['title', 'orgId'],
    validate: (v) => {
      const errs: FieldErrors<'title' | 'orgId'> = {};
      const title = checkText(v.title, { min: APP_TITLE_MIN, max: APP_TITLE_MAX });
      if (title) errs.title = title;
      if (!v.orgId) errs.orgId = { code: 'required' };
      return errs;
    },
  });
  const onSubmit = form.submit(async (v) => {
    const a = await endpoints.createApplication({ programId: p.id, orgId: v.orgId, title: v.title.trim() });
    navigate(`/support/applications/${encodeURIComponent(a.id)}/edit`, { state: noticeState('apply.created') });
  });

  if (status === 'anonymous') {
    if (!open) return null;
    return (
      <p className="apply-panel muted">
        <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('apply.login')}</Link>
      </p>
    );
  }
  if (status !== 'authenticated' || orgs.length === 0) return null;
  if (eligible.length === 0) {
    return <p className="apply-panel alert alert-info">{t('apply.notEligible')}</p>;
  }
  // The dossiers the server lets this person still change, and the others.
  const drafts = (existing.data?.items ?? []).filter((a) => a.can.edit);
  const others = (existing.data?.items ?? []).filter((a) => !a.can.edit);
  return (
    <section className="owner-panel state-published apply-panel" aria-labelledby="apply-panel-title">
      <h2 id="apply-panel-title" className="h3">
        {t('apply.title')}
      </h2>
      <p>{open ? t(drafts.length > 0 ? 'apply.textDraft' : 'apply.text') : t('apply.closed', { window: windowText(t, p.window) })}</p>
      {(drafts.length > 0 || others.length > 0) && (
        <ul className="plain-list apply-existing">
          {[...drafts, ...others].map((a) => (
            <li key={a.id}>
              <Link to={`/support/applications/${encodeURIComponent(a.id)}${drafts.includes(a) ? '/edit' : ''}`}>{a.title}</Link>{' '}
              <ApplicationStateBadge state={a.state} />
            </li>
          ))}
        </ul>
      )}
      {open && (
        <p className="actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              form.reset({ title: '', orgId: eligible[0]?.id ?? '' });
              setDialog(true);
            }}
          >
            {t(drafts.length > 0 ? 'apply.another' : 'apply.button')}
          </button>
        </p>
      )}
      <FormDialog
        open={dialog}
        title={t('apply.dialogTitle')}
        confirmLabel={t('apply.start')}
        danger={false}
        busy={form.busy}
        error={form.formError}
        onSubmit={onSubmit}
        onClose={() => !form.busy && setDialog(false)}
      >
        <p>{t('apply.dialogText', { program: p.name })}</p>
        <TextField {...form.bind('title')} label={t('appFields.title')} hint={t('appWizard.hint.title')} required maxLength={APP_TITLE_MAX + 20} />
        {eligible.length > 1 && (
          <SelectField {...form.bind('orgId')} label={t('apply.org')} required>
            {eligible.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
      </FormDialog>
    </section>
  );
}

/** A draft's panel: publish (after a confirmation); a 422 lists what is missing. */
function PublishPanel({
  program: p,
  onPublished,
  onReload,
}: {
  program: Program;
  onPublished: (p: Program) => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [missing, setMissing] = useState<FieldError[]>([]);
  const [stale, setStale] = useState(false);
  const editPath = `/support/${encodeURIComponent(p.id)}/edit`;

  async function publish() {
    setBusy(true);
    setDialogError(null);
    setMissing([]);
    setStale(false);
    try {
      const u = await endpoints.publishProgram(p.id, p.version);
      setBusy(false);
      setOpen(false);
      onPublished(u);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        setOpen(false);
        setStale(true);
        return;
      }
      if (err instanceof ApiError && err.status === 422 && err.errors.length > 0) {
        setOpen(false);
        setMissing(err.errors);
        return;
      }
      setDialogError(problemMessage(t, err));
    }
  }

  return (
    <section className="owner-panel state-draft" aria-labelledby="publish-panel-title">
      <h2 id="publish-panel-title" className="h3">
        {t('support.draftTitle')}
      </h2>
      <p>{t('support.draftText')}</p>
      {stale && <StaleAlert text={t('support.stale')} onReload={() => void onReload().then(() => setStale(false))} />}
      <MissingFieldsAlert
        className="publish-missing"
        intro={t('support.incomplete')}
        errors={missing}
        label={(f) => programFieldLabel(t, f)}
        editPath={editPath}
        completeText={t('support.completeNow')}
      />
      <div className="actions owner-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setDialogError(null);
            setOpen(true);
          }}
        >
          {t('support.publish')}
        </button>
      </div>
      <ConfirmDialog
        open={open}
        title={t('support.publishTitle')}
        confirmLabel={t('support.publish')}
        busy={busy}
        error={dialogError}
        onConfirm={() => void publish()}
        onClose={() => setOpen(false)}
      >
        <p>{t('support.publishText', { name: p.name })}</p>
      </ConfirmDialog>
    </section>
  );
}
