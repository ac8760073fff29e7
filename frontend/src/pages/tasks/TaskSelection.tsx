// A task's selection page (/tasks/:id/selection): the call and the
// "submit a dossier" button for applicants, their own dossiers; for
// officers the opening of the call, its close, the dossiers, the council,
// the scores, the choice, the budget appraisal and the decision with its
// paper; for council members a scoring sheet per dossier. Every button is
// shown from the server's `can`.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Fact } from '../../components/Facts';
import { DateField, FormAlert, TextAreaField, TextField } from '../../components/Fields';
import { ScoreSheet } from '../../components/ScoreSheet';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatScore } from '../../lib/applications';
import { formatDate, formatVnd } from '../../lib/format';
import { formatDay, parseDayInput, todayInVietnam } from '../../lib/listing';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import type { FieldErrors } from '../../lib/validation';
import { ApiError } from '../../api/client';
import type { ApplicationReview, ConflictDeclaration } from '../../api/types';
import { openDecision, selectionApi, type CouncilDossier, type TaskDossier, type TaskSelection } from './selectionApi';

export default function TaskSelectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const view = useAsync(() => selectionApi.view(id), [id]);
  useTitle(t('tasksSelection.title'));
  if (!view.data) {
    return (
      <section className="page">
        <h1>{t('tasksSelection.title')}</h1>
        {view.error ? <ErrorState message={problemMessage(t, view.error)} onRetry={view.reload} /> : <Loading />}
      </section>
    );
  }
  return <Selection v={view.data} reload={view.reload} />;
}

/** Field problems of an API error by field, and the form's summary. */
function problems(t: ReturnType<typeof useTranslation>['t'], err: unknown): { fields: FieldErrors; summary: string } {
  if (err instanceof ApiError && err.errors.length > 0) {
    const fields: FieldErrors = {};
    for (const fe of err.errors) if (!fields[fe.field]) fields[fe.field] = { code: fe.code, params: fe.params, message: fe.message };
    return { fields, summary: [t('form.fixErrors', { count: err.errors.length }), ...err.errors.map((fe) => `${fe.field}: ${fieldMessage(t, fe)}`)].join(' ') };
  }
  return { fields: {}, summary: problemMessage(t, err) };
}

function Selection({ v, reload }: { v: TaskSelection; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { me } = useAuth();
  const tk = v.task;
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs a step, then reloads the page's data; a refusal is shown above. */
  async function step(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await run();
      setNotice(t(done));
      reload();
    } catch (err) {
      setError(problems(t, err).summary);
    } finally {
      setBusy(false);
    }
  }

  const summaries = new Map((v.council?.dossiers ?? []).map((d) => [d.dossierId, d]));
  const chosen = v.dossiers.find((d) => d.id === tk.dossierId);
  const mine = v.dossiers.filter((d) => (me?.organizations ?? []).some((o) => o.id === d.orgId));
  const staff = (me?.user.roles ?? []).some((r) => r === 'officer' || r === 'admin');
  const others = v.dossiers.filter((d) => d.state !== 'draft' && !mine.includes(d));

  return (
    <section className="page task-selection">
      <p className="eyebrow">
        {tk.code} · {t(`tasksSelection.state.${tk.state}`, { defaultValue: tk.state })}
      </p>
      <h1>{t('tasksSelection.heading', { title: tk.title })}</h1>
      <p>
        <Link to={`/tasks/${encodeURIComponent(tk.id)}`}>{t('tasksSelection.toTask')}</Link>
      </p>
      <Notice message={notice} />
      <FormAlert message={error} />

      <section aria-labelledby="call-title" className="side-card">
        <h2 id="call-title">{t('tasksSelection.call.title')}</h2>
        <dl className="facts">
          <Fact label={t('tasksSelection.call.mode')}>{t(`tasksSelection.mode.${tk.order.mode}`, { defaultValue: tk.order.mode })}</Fact>
          {tk.call && (
            <Fact label={t('tasksSelection.call.window')}>
              {formatDate(tk.call.opens, lang)} – {formatDate(tk.call.closes, lang)}
            </Fact>
          )}
          <Fact label={t('tasksSelection.call.products')}>{tk.order.products}</Fact>
          <Fact label={t('tasksSelection.call.months')}>{t('tasksSelection.months', { count: tk.order.months })}</Fact>
          <Fact label={t('tasksSelection.call.maxBudget')}>{formatVnd(tk.order.maxBudget, lang)}</Fact>
          {tk.performer && <Fact label={t('tasksSelection.call.performer')}>{tk.performer.name}</Fact>}
        </dl>
        {v.canApply && (
          <p className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() =>
                void (async () => {
                  setBusy(true);
                  try {
                    const d = await selectionApi.createDossier(tk.id);
                    navigate(`/tasks/dossiers/${encodeURIComponent(d.id)}`);
                  } catch (err) {
                    setBusy(false);
                    setError(problems(t, err).summary);
                  }
                })()
              }
            >
              {t('tasksSelection.apply')}
            </button>
          </p>
        )}
        {mine.length > 0 && (
          <>
            <h3>{t('tasksSelection.mine')}</h3>
            <ul>
              {mine.map((d) => (
                <li key={d.id}>
                  <Link to={`/tasks/dossiers/${encodeURIComponent(d.id)}`}>{d.orgName}</Link> · {t(`tasksSelection.dossierState.${d.state}`)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {v.can.open && <OpenForm v={v} onDone={(msg) => (setNotice(t(msg)), reload())} />}
      {v.can.closeCall && (
        <p className="actions">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void step(() => selectionApi.closeCall(tk.id, tk.version), 'tasksSelection.closed')}>
            {t('tasksSelection.closeCall')}
          </button>
        </p>
      )}

      {(staff || v.can.score) && others.length > 0 && (
        <section aria-labelledby="dossiers-title">
          <h2 id="dossiers-title">{t('tasksSelection.dossiers.title')}</h2>
          <DossierTable
            dossiers={others}
            summaries={summaries}
            sums={staff}
            action={(d) =>
              v.can.select && d.state === 'submitted' ? (
                <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void step(() => selectionApi.select(tk.id, d.id, tk.version), 'tasksSelection.selected')}>
                  {t('tasksSelection.select', { org: d.orgName })}
                </button>
              ) : null
            }
          />
        </section>
      )}

      {v.can.assignCouncil && <CouncilForm v={v} onDone={() => (setNotice(t('tasksSelection.council.saved')), reload())} />}
      {v.council && v.council.members.length > 0 && (
        <p>
          {t('tasksSelection.council.members')}: {v.council.members.map((m) => m.name).join(', ')}
        </p>
      )}

      {v.can.score &&
        v.council?.dossiers.map((cd) => (
          <MemberSheet key={`${cd.dossierId}-${tk.version}`} taskId={tk.id} cd={cd} v={v} userId={me?.user.id} onSent={(msg) => (setNotice(msg), reload())} />
        ))}

      {v.can.appraise && chosen && <AppraisalForm v={v} dossier={chosen} onDone={() => (setNotice(t('tasksSelection.appraisal.saved')), reload())} />}
      {v.appraisal && (
        <section aria-labelledby="appraisal-title">
          <h2 id="appraisal-title">{t('tasksSelection.appraisal.title')}</h2>
          <table className="table responsive">
            <AppraisalHead />
            <tbody>
              {v.appraisal.lines.map((l, i) => (
                <tr key={i}>
                  <td data-label={t('tasksSelection.budget.item')}>{l.item}</td>
                  <td data-label={t('tasksSelection.budget.source')}>{t(`tasksSelection.source.${l.source}`)}</td>
                  <td data-label={t('tasksSelection.appraisal.requested')} className="num">
                    {formatVnd(l.requested, lang)}
                  </td>
                  <td data-label={t('tasksSelection.appraisal.approved')} className="num">
                    {formatVnd(l.approved, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="strong">{t('tasksSelection.appraisal.total', { amount: formatVnd(v.appraisal.state, lang) })}</p>
        </section>
      )}

      {v.can.decide && <DecisionForm v={v} onDone={() => (setNotice(t('tasksSelection.decision.saved')), reload())} />}
      {tk.decision && (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title">{t('tasksSelection.decision.title')}</h2>
          <p>{t('tasksSelection.decision.recorded', { number: tk.decision.number, date: formatDate(tk.decision.date, lang) })}</p>
          <p className="actions">
            <button type="button" className="btn btn-secondary" onClick={() => void openDecision(tk.id, 'html', lang === 'en' ? 'en' : 'vi').catch((e) => setError(problemMessage(t, e)))}>
              {t('tasksSelection.decision.print')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => void openDecision(tk.id, 'pdf', lang === 'en' ? 'en' : 'vi').catch((e) => setError(problemMessage(t, e)))}>
              {t('tasksSelection.decision.pdf')}
            </button>
          </p>
        </section>
      )}
    </section>
  );
}

/** The dossiers sent; with sums (officers), each one's council score. */
function DossierTable({
  dossiers,
  summaries,
  sums,
  action,
}: {
  dossiers: TaskDossier[];
  summaries: Map<string, CouncilDossier>;
  sums: boolean;
  action: (d: TaskDossier) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table responsive">
      <thead>
        <tr>
          <th scope="col">{t('tasksSelection.dossiers.org')}</th>
          <th scope="col">{t('tasksSelection.dossiers.lead')}</th>
          <th scope="col">{t('tasksSelection.dossiers.stateBudget')}</th>
          {sums && <th scope="col">{t('tasksSelection.dossiers.score')}</th>}
          <th scope="col">{t('tasksSelection.dossiers.state')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('tasksSelection.dossiers.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {dossiers.map((d) => {
          const ap = summaries.get(d.id)?.appraisal;
          return (
            <tr key={d.id}>
              <td data-label={t('tasksSelection.dossiers.org')}>
                <Link to={`/tasks/dossiers/${encodeURIComponent(d.id)}`}>{d.orgName}</Link>
              </td>
              <td data-label={t('tasksSelection.dossiers.lead')}>{d.lead}</td>
              <td data-label={t('tasksSelection.dossiers.stateBudget')} className="num">
                {formatVnd(d.stateBudget, i18n.language)}
              </td>
              {sums && (
                <td data-label={t('tasksSelection.dossiers.score')}>
                  {ap && ap.count > 0
                    ? t('tasksSelection.dossiers.mean', { mean: formatScore(ap.mean, i18n.language), count: ap.count, required: ap.required })
                    : t('tasksSelection.dossiers.noScore')}
                  {ap?.complete ? ` · ${t('tasksSelection.dossiers.complete')}` : ''}
                </td>
              )}
              <td data-label={t('tasksSelection.dossiers.state')}>{t(`tasksSelection.dossierState.${d.state}`)}</td>
              <td>{action(d)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface CriterionRow {
  name: string;
  weight: string;
}

/** The officer opens the call (selection) or the assignment (direct), with how the council scores. */
function OpenForm({ v, onDone }: { v: TaskSelection; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const tk = v.task;
  const direct = tk.order.mode === 'direct';
  const [opens, setOpens] = useState('');
  const [closes, setCloses] = useState('');
  const [criteria, setCriteria] = useState<CriterionRow[]>([
    { name: '', weight: '' },
    { name: '', weight: '' },
  ]);
  const [passMark, setPassMark] = useState('60');
  const [required, setRequired] = useState('3');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const msg = (f: string) => fieldMessage(t, errors[f]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      await selectionApi.open(
        tk.id,
        {
          opens: direct ? undefined : parseDayInput(opens) ?? opens,
          closes: direct ? undefined : parseDayInput(closes) ?? closes,
          criteria: criteria.filter((c) => c.name.trim() || c.weight.trim()).map((c) => ({ code: '', name: c.name, weight: Number(c.weight) || 0 })),
          passMark: Number(passMark) || 0,
          required: Number(required) || 0,
        },
        tk.version,
      );
      onDone(direct ? 'tasksSelection.open.assignedDone' : 'tasksSelection.open.done');
    } catch (err) {
      const p = problems(t, err);
      setErrors(p.fields);
      setFormError(p.summary);
      setBusy(false);
    }
  }

  return (
    <form className="form side-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="open-title">
      <h2 id="open-title">{direct ? t('tasksSelection.open.assignTitle') : t('tasksSelection.open.title')}</h2>
      <FormAlert message={formError} />
      {direct ? (
        <p>{t('tasksSelection.open.assignee', { org: tk.order.assignee?.name ?? '' })}</p>
      ) : (
        <div className="form-row">
          <DateField id="open-opens" label={t('tasksSelection.open.opens')} required value={opens} error={msg('opens')} onChange={(e) => setOpens(e.target.value)} />
          <DateField id="open-closes" label={t('tasksSelection.open.closes')} required value={closes} error={msg('closes')} onChange={(e) => setCloses(e.target.value)} />
        </div>
      )}
      <fieldset>
        <legend>{t('tasksSelection.open.criteria')}</legend>
        {msg('criteria') && <p className="field-error">{msg('criteria')}</p>}
        {criteria.map((c, i) => (
          <div className="form-row" key={i}>
            <TextField
              id={`criteria-${i}-name`}
              label={t('tasksSelection.open.criterionName', { n: i + 1 })}
              value={c.name}
              error={msg(`criteria.${i}.name`)}
              onChange={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
            />
            <TextField
              id={`criteria-${i}-weight`}
              label={t('tasksSelection.open.criterionWeight', { n: i + 1 })}
              type="number"
              inputMode="numeric"
              className="input-short"
              value={c.weight}
              error={msg(`criteria.${i}.weight`)}
              onChange={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, weight: e.target.value } : x)))}
            />
          </div>
        ))}
        <button type="button" className="btn btn-secondary" onClick={() => setCriteria([...criteria, { name: '', weight: '' }])}>
          {t('tasksSelection.open.addCriterion')}
        </button>
      </fieldset>
      <div className="form-row">
        <TextField id="open-passMark" label={t('tasksSelection.open.passMark')} type="number" className="input-short" value={passMark} error={msg('passMark')} onChange={(e) => setPassMark(e.target.value)} />
        <TextField id="open-required" label={t('tasksSelection.open.required')} type="number" className="input-short" value={required} error={msg('required')} onChange={(e) => setRequired(e.target.value)} />
      </div>
      <p className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {direct ? t('tasksSelection.open.assign') : t('tasksSelection.open.submit')}
        </button>
      </p>
    </form>
  );
}

/** The officer names the council: reviewers with a conflict cannot be ticked. */
function CouncilForm({ v, onDone }: { v: TaskSelection; onDone: () => void }) {
  const { t } = useTranslation();
  const people = useAsync(() => selectionApi.reviewers(v.task.id), [v.task.id]);
  const [chosen, setChosen] = useState<string[]>(() => (v.council?.members ?? []).map((m) => m.id));
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      await selectionApi.council(v.task.id, chosen, v.task.version);
      onDone();
    } catch (err) {
      setFormError(problems(t, err).summary);
      setBusy(false);
    }
  }
  return (
    <form className="form side-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="council-title">
      <h2 id="council-title">{t('tasksSelection.council.title')}</h2>
      <p className="hint">{t('tasksSelection.council.hint', { required: v.council?.plan.required ?? 1 })}</p>
      <FormAlert message={formError} />
      {!people.data ? (
        people.error ? <ErrorState message={problemMessage(t, people.error)} onRetry={people.reload} /> : <Loading />
      ) : (
        <fieldset>
          <legend>{t('tasksSelection.council.people')}</legend>
          {people.data.items.map((r) => (
            <label key={r.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(r.id)}
                disabled={r.conflict}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, r.id] : chosen.filter((x) => x !== r.id))}
              />
              {r.fullName}
              {r.orgNames.length > 0 ? ` (${r.orgNames.join(', ')})` : ''}
              {r.conflict ? ` – ${t('tasksSelection.council.conflict')}` : ''}
            </label>
          ))}
        </fieldset>
      )}
      <p className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('tasksSelection.council.assign')}
        </button>
      </p>
    </form>
  );
}

/** A council member's sheet for one dossier: the shared scoring sheet. */
function MemberSheet({ taskId, cd, v, userId, onSent }: { taskId: string; cd: CouncilDossier; v: TaskSelection; userId?: string; onSent: (msg: string) => void }) {
  const { t, i18n } = useTranslation();
  const found = cd.reviews.find((r) => r.reviewerId === userId);
  const mine: ApplicationReview | undefined = found && { ...found, declaration: found.declaration as ConflictDeclaration | undefined };
  const recused = mine?.declaration === 'conflict' && !!mine.submittedAt;
  return (
    <section aria-label={t('tasksSelection.sheetFor', { org: cd.orgName })}>
      <h2>{t('tasksSelection.sheetFor', { org: cd.orgName })}</h2>
      <p>
        <Link to={`/tasks/dossiers/${encodeURIComponent(cd.dossierId)}`}>{t('tasksSelection.readDossier', { org: cd.orgName })}</Link>
      </p>
      <ScoreSheet
        criteria={v.council?.plan.criteria ?? []}
        passMark={v.council?.plan.passMark}
        mine={mine}
        open={!!mine && !recused}
        declarationHint={t('review.declaration.hint', { org: cd.orgName })}
        idPrefix={`sheet-${cd.dossierId}`}
        fieldLabel={(f) => f}
        send={async (input) => {
          await selectionApi.score(taskId, cd.dossierId, input);
        }}
        onSent={(declaration, total) =>
          onSent(declaration === 'conflict' ? t('review.recused') : t('review.sent', { total: formatScore(total, i18n.language) }))
        }
      />
    </section>
  );
}

/** The officer approves each line of the chosen dossier's budget. */
function AppraisalForm({ v, dossier, onDone }: { v: TaskSelection; dossier: TaskDossier; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [approved, setApproved] = useState<string[]>(() => dossier.budget.map((l) => String(l.amount)));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stateTotal = dossier.budget.reduce((s, l, i) => s + (l.source === 'state' ? Number(approved[i]) || 0 : 0), 0);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      await selectionApi.appraise(v.task.id, { lines: approved.map((a) => ({ approved: Number(a) || 0, note: '' })), note }, v.task.version);
      onDone();
    } catch (err) {
      const p = problems(t, err);
      setErrors(p.fields);
      setFormError(p.summary);
      setBusy(false);
    }
  }
  return (
    <form className="form side-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="appraise-title">
      <h2 id="appraise-title">{t('tasksSelection.appraisal.formTitle', { org: dossier.orgName })}</h2>
      <FormAlert message={formError} />
      <table className="table responsive">
        <AppraisalHead />
        <tbody>
          {dossier.budget.map((l, i) => (
            <tr key={i}>
              <td data-label={t('tasksSelection.budget.item')}>{l.item}</td>
              <td data-label={t('tasksSelection.budget.source')}>{t(`tasksSelection.source.${l.source}`)}</td>
              <td data-label={t('tasksSelection.appraisal.requested')} className="num">
                {formatVnd(l.amount, i18n.language)}
              </td>
              <td>
                <TextField
                  id={`lines-${i}-approved`}
                  label={t('tasksSelection.appraisal.approvedFor', { item: l.item })}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={l.amount}
                  value={approved[i]}
                  error={fieldMessage(t, errors[`lines.${i}.approved`])}
                  onChange={(e) => setApproved(approved.map((x, j) => (j === i ? e.target.value : x)))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" className="strong">
        {t('tasksSelection.appraisal.total', { amount: formatVnd(stateTotal, i18n.language) })} ·{' '}
        {t('tasksSelection.appraisal.max', { amount: formatVnd(v.task.order.maxBudget, i18n.language) })}
      </p>
      {errors.lines && <p className="field-error">{fieldMessage(t, errors.lines)}</p>}
      <TextAreaField id="appraise-note" label={t('tasksSelection.appraisal.note')} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      <p className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('tasksSelection.appraisal.submit')}
        </button>
      </p>
    </form>
  );
}

/** The officer records the approval decision. */
function DecisionForm({ v, onDone }: { v: TaskSelection; onDone: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(() => formatDay(todayInVietnam()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      await selectionApi.decide(v.task.id, { number, date: parseDayInput(date) ?? date }, v.task.version);
      onDone();
    } catch (err) {
      const p = problems(t, err);
      setErrors(p.fields);
      setFormError(p.summary);
      setBusy(false);
    }
  }
  return (
    <form className="form side-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="decide-title">
      <h2 id="decide-title">{t('tasksSelection.decision.formTitle')}</h2>
      <FormAlert message={formError} />
      <div className="form-row">
        <TextField id="decide-number" label={t('tasksSelection.decision.number')} required value={number} error={fieldMessage(t, errors.number)} onChange={(e) => setNumber(e.target.value)} />
        <DateField id="decide-date" label={t('tasksSelection.decision.date')} required value={date} error={fieldMessage(t, errors.date)} onChange={(e) => setDate(e.target.value)} />
      </div>
      <p className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('tasksSelection.decision.submit')}
        </button>
      </p>
    </form>
  );
}

/** The columns of a budget appraisal: each line, its source, what was asked and what is approved. */
function AppraisalHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{t('tasksSelection.budget.item')}</th>
        <th scope="col">{t('tasksSelection.budget.source')}</th>
        <th scope="col">{t('tasksSelection.appraisal.requested')}</th>
        <th scope="col">{t('tasksSelection.appraisal.approved')}</th>
      </tr>
    </thead>
  );
}
