// A commissioned S&T task's execution ("Hợp đồng và thực hiện nhiệm vụ"):
// the contract with its milestones, the tranches paid and what remains,
// the performer's progress reports, the department's inspections and
// extensions, the acceptance council with each member's grade and the
// conclusion, the registration of the results and their publication as a
// technology offer. Every button is one the server's `can` allows.
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { ApiError } from '../../api/client';
import { limits } from '../../api/limits.gen';
import type { ReviewerCandidate } from '../../api/types';
import {
  TASK_GRADES,
  tasksExecution as api,
  type ExecutionStep,
  type Milestone,
  type TaskContract,
  type TaskContractView,
  type TaskGrade,
} from '../../api/tasksExecution';
import { ProgressBar } from '../../components/Bars';
import { ConfirmDialog, FormDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { Fact } from '../../components/Facts';
import { AmountField, ChoiceGroup, DateField, SelectField, TextAreaField, TextField } from '../../components/Fields';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { newKey, sendOnce } from '../../lib/applications';
import { openFile } from '../../lib/download';
import { formatDate, formatDateTime, formatNumber, formatVnd } from '../../lib/format';
import { formatDay, parseAmount, parseDayInput, todayInVietnam } from '../../lib/listing';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useForm } from '../../lib/useForm';
import { useNotice } from '../../lib/useNotice';
import { useTitle } from '../../lib/useTitle';
import { checkText, type FieldErrors } from '../../lib/validation';

const L = limits;
const REPORT_MIN = L['TaskReportInput.text'].minLength;
const REPORT_MAX = L['TaskReportInput.text'].maxLength;
const FINAL_MIN = L['TaskAcceptanceRequest.report'].minLength;
const FINAL_MAX = L['TaskAcceptanceRequest.report'].maxLength;
const FINDINGS_MIN = L['TaskInspectionInput.findings'].minLength;
const FINDINGS_MAX = L['TaskInspectionInput.findings'].maxLength;
const CONCLUSION_MIN = L['TaskInspectionInput.conclusion'].minLength;
const CONCLUSION_MAX = L['TaskInspectionInput.conclusion'].maxLength;
const REASON_MIN = L['TaskExtensionInput.reason'].minLength;
const REASON_MAX = L['TaskExtensionInput.reason'].maxLength;
const NUMBER_MAX = L['TaskContractInput.number'].maxLength;
const MILESTONES_MAX = L['TaskContractInput.milestones'].maxItems;
const MILESTONE_NAME_MAX = L['TaskContractInput.milestones.name'].maxLength;
const DELIVERABLES_MAX = L['TaskContractInput.milestones.deliverables'].maxLength;
const NOTE_MAX = L['TaskTrancheInput.note'].maxLength;
const GRADE_COMMENT_MAX = L['TaskGradeInput.comment'].maxLength;
const VERDICT_NOTE_MAX = L['TaskConclusionInput.note'].maxLength;
const REGISTRATION_MAX = L['TaskRegistrationInput.number'].maxLength;
const REPORT_FILES_MAX = L['TaskContract.contract.reports.files'].maxItems;

/** The buttons, in the order of the procedure. */
const STEPS: readonly ExecutionStep[] = [
  'contract',
  'report',
  'disburse',
  'inspect',
  'extend',
  'requestAcceptance',
  'acceptanceCouncil',
  'grade',
  'accept',
  'register',
  'publish',
];

type Done = (v: TaskContractView, step: ExecutionStep) => void;

export default function TaskContractPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data: v, error, loading, reload, setData } = useAsync(() => api.get(id), [id]);
  const notice = useNotice();
  useTitle(v ? `${t('tasksExecution.pageTitle')} – ${v.task.title}` : t('tasksExecution.pageTitle'));

  if (!v) {
    return (
      <section className="page">
        <h1>{t('tasksExecution.pageTitle')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }
  const done: Done = (updated, step) => {
    setData(updated);
    notice.show(`tasksExecution.done.${step}`);
  };
  const task = v.task;
  const c = v.contract;
  return (
    <article className="page task-contract-page" data-state={task.state}>
      <p className="eyebrow">{t('tasksExecution.kicker', { code: task.code })}</p>
      <div className="listing-kicker">
        <span className={`badge state-${task.state}`}>{t(`tasksExecution.state.${task.state}`, { defaultValue: task.state })}</span>
        {task.grade && <span className="badge">{t(`tasksExecution.grade.${task.grade}`)}</span>}
      </div>
      <div className="page-head">
        <h1>{task.title}</h1>
      </div>
      <p className="lead">
        {task.performer && <span className="strong">{task.performer.name}</span>}
        {task.performer && ' · '}
        <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{t('tasksExecution.taskLink')}</Link>
      </p>
      <div ref={notice.ref} tabIndex={-1} className="notice-anchor">
        <Notice message={notice.text} tone={notice.tone} />
      </div>

      <Actions view={v} onDone={done} onReload={reload} />

      <div className="listing-layout">
        <div className="listing-main">
          {c ? (
            <>
              <ContractSection contract={c} />
              <MoneySection view={v} />
              <ReportsSection contract={c} />
              <InspectionsSection contract={c} />
              <ExtensionsSection contract={c} />
              {c.acceptance && <AcceptanceSection view={v} />}
            </>
          ) : (
            <section className="listing-section" aria-labelledby="no-contract">
              <h2 id="no-contract">{t('tasksExecution.contract.title')}</h2>
              <p className="muted">{t('tasksExecution.contract.none')}</p>
            </section>
          )}
        </div>
        <aside className="listing-side">
          <section className="side-card" aria-labelledby="task-facts-title">
            <h2 id="task-facts-title" className="h3">
              {t('tasksExecution.facts')}
            </h2>
            <dl className="listing-facts">
              <Fact label={t('tasksExecution.code')}>{task.code}</Fact>
              <Fact label={t('tasksExecution.budget')}>{task.budget ? formatVnd(task.budget, i18n.language) : '—'}</Fact>
              {task.decision && (
                <Fact label={t('tasksExecution.decision')}>
                  {task.decision.number} · {formatDate(task.decision.date, i18n.language)}
                </Fact>
              )}
              {task.registration && (
                <Fact label={t('tasksExecution.registration')}>
                  {task.registration.number} · {formatDate(task.registration.date, i18n.language)}
                </Fact>
              )}
              {task.listingId && (
                <Fact label={t('tasksExecution.listing')}>
                  <Link to={`/listings/${encodeURIComponent(task.listingId)}`}>{t('tasksExecution.listingLink')}</Link>
                </Fact>
              )}
            </dl>
          </section>
        </aside>
      </div>
    </article>
  );
}

// --- the buttons --------------------------------------------------------------

function Actions({ view: v, onDone, onReload }: { view: TaskContractView; onDone: Done; onReload: () => Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ExecutionStep | null>(null);
  const steps = STEPS.filter((s) => v.can[s]);
  const finish = (updated: TaskContractView, step: ExecutionStep) => {
    setOpen(null);
    onDone(updated, step);
  };
  const close = () => setOpen(null);
  return (
    <section className="owner-panel state-published task-actions" aria-labelledby="task-actions-title">
      <h2 id="task-actions-title" className="h3">
        {t('tasksExecution.next.title')}
      </h2>
      <p>{t(`tasksExecution.next.${v.task.listingId ? 'published' : v.task.state}`, { defaultValue: t('tasksExecution.next.other') })}</p>
      {steps.length > 0 && (
        <div className="actions">
          {steps.map((s) => (
            <button key={s} type="button" className={s === 'publish' || s === 'contract' || s === 'accept' ? 'btn btn-primary' : 'btn btn-secondary'} onClick={() => setOpen(s)}>
              {t(`tasksExecution.action.${s}`)}
            </button>
          ))}
        </div>
      )}
      {open === 'contract' && <ContractDialog view={v} onClose={close} onDone={(u) => finish(u, 'contract')} />}
      {open === 'disburse' && <TrancheDialog view={v} onClose={close} onDone={(u) => finish(u, 'disburse')} />}
      {open === 'report' && <ReportDialog view={v} onClose={close} onDone={(u) => finish(u, 'report')} />}
      {open === 'inspect' && <InspectionDialog view={v} onClose={close} onDone={(u) => finish(u, 'inspect')} />}
      {open === 'extend' && <ExtensionDialog view={v} onClose={close} onDone={(u) => finish(u, 'extend')} />}
      {open === 'requestAcceptance' && <RequestAcceptanceDialog view={v} onClose={close} onDone={(u) => finish(u, 'requestAcceptance')} />}
      {open === 'acceptanceCouncil' && <CouncilDialog view={v} onClose={close} onDone={(u) => finish(u, 'acceptanceCouncil')} />}
      {open === 'grade' && <GradeDialog view={v} onClose={close} onDone={(u) => finish(u, 'grade')} />}
      {open === 'accept' && <ConclusionDialog view={v} onClose={close} onDone={(u) => finish(u, 'accept')} />}
      {open === 'register' && <RegistrationDialog view={v} onClose={close} onDone={(u) => finish(u, 'register')} />}
      {open === 'publish' && <PublishDialog view={v} onClose={close} onDone={(u) => finish(u, 'publish')} onReload={onReload} />}
    </section>
  );
}

// --- what was recorded ----------------------------------------------------------

function ContractSection({ contract: c }: { contract: TaskContract }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="listing-section" aria-labelledby="contract-title">
      <h2 id="contract-title">{t('tasksExecution.contract.title')}</h2>
      <dl className="listing-facts">
        <Fact label={t('tasksExecution.contract.number')}>{c.number}</Fact>
        <Fact label={t('tasksExecution.contract.signedOn')}>{formatDate(c.signedOn, lang)}</Fact>
        <Fact label={t('tasksExecution.contract.amount')}>{formatVnd(c.amount, lang)}</Fact>
        <Fact label={t('tasksExecution.contract.period')}>
          {formatDate(c.starts, lang)} – {formatDate(c.ends, lang)}
        </Fact>
      </dl>
      <h3>{t('tasksExecution.contract.milestones')}</h3>
      <DataTable columns={[t('tasksExecution.milestone.name'), t('tasksExecution.milestone.due'), t('tasksExecution.milestone.deliverables'), t('tasksExecution.milestone.tranche')]}>
        {c.milestones.map((m, i) => (
          <tr key={i}>
            <td data-label={t('tasksExecution.milestone.name')}>{m.name}</td>
            <td data-label={t('tasksExecution.milestone.due')}>{formatDate(m.due, lang)}</td>
            <td data-label={t('tasksExecution.milestone.deliverables')} className="prose">
              {m.deliverables}
            </td>
            <td data-label={t('tasksExecution.milestone.tranche')}>{m.tranche ? formatVnd(m.tranche, lang) : '—'}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function MoneySection({ view: v }: { view: TaskContractView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const amount = v.contract?.amount ?? 0;
  return (
    <section className="listing-section" aria-labelledby="money-title">
      <h2 id="money-title">{t('tasksExecution.money.title')}</h2>
      <ProgressBar value={v.paid} max={amount} label={t('tasksExecution.money.bar', { paid: formatVnd(v.paid, lang), amount: formatVnd(amount, lang) })} testId="task-paid" />
      <p data-testid="task-remaining">{t('tasksExecution.money.remaining', { remaining: formatVnd(v.remaining, lang) })}</p>
      {v.tranches.length === 0 ? (
        <p className="muted">{t('tasksExecution.money.none')}</p>
      ) : (
        <DataTable columns={[t('tasksExecution.tranche.on'), t('tasksExecution.tranche.amount'), t('tasksExecution.tranche.note')]}>
          {v.tranches.map((x, i) => (
            <tr key={i}>
              <td data-label={t('tasksExecution.tranche.on')}>{formatDate(x.on, lang)}</td>
              <td data-label={t('tasksExecution.tranche.amount')}>{formatVnd(x.amount, lang)}</td>
              <td data-label={t('tasksExecution.tranche.note')}>{x.note ?? ''}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ReportsSection({ contract: c }: { contract: TaskContract }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="listing-section" aria-labelledby="reports-title">
      <h2 id="reports-title">{t('tasksExecution.reports.title')}</h2>
      {c.reports.length === 0 ? (
        <p className="muted">{t('tasksExecution.reports.none')}</p>
      ) : (
        <ul className="plain-list">
          {c.reports.map((r) => (
            <li key={r.id} className="report-item">
              <p className="strong">
                {c.milestones[r.milestone]?.name} · {r.byName} · {formatDateTime(r.at, i18n.language)}
              </p>
              <p className="prose">{r.text}</p>
              {r.files.length > 0 && (
                <ul className="inline-list" aria-label={t('tasksExecution.report.files')}>
                  {r.files.map((f) => (
                    <li key={f.id}>
                      <ReportFileLink id={f.id} name={f.name} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A report's document, fetched with the session's token and saved under its name. */
function ReportFileLink({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn btn-link btn-small"
        onClick={() => {
          setError(null);
          openFile(async () => ({ blob: await endpoints.fileBlob(id), name }), name).catch((err: unknown) => setError(problemMessage(t, err)));
        }}
      >
        {name}
      </button>
      {error && <span className="field-error small">{error}</span>}
    </>
  );
}

function InspectionsSection({ contract: c }: { contract: TaskContract }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="listing-section" aria-labelledby="inspections-title">
      <h2 id="inspections-title">{t('tasksExecution.inspections.title')}</h2>
      {c.inspections.length === 0 ? (
        <p className="muted">{t('tasksExecution.inspections.none')}</p>
      ) : (
        <ul className="plain-list">
          {c.inspections.map((x) => (
            <li key={x.id}>
              <p className="strong">{formatDate(x.on, i18n.language)}</p>
              <p className="prose">
                <span className="strong">{t('tasksExecution.inspection.findings')}:</span> {x.findings}
              </p>
              <p className="prose">
                <span className="strong">{t('tasksExecution.inspection.conclusion')}:</span> {x.conclusion}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ExtensionsSection({ contract: c }: { contract: TaskContract }) {
  const { t, i18n } = useTranslation();
  if (c.extensions.length === 0) return null;
  return (
    <section className="listing-section" aria-labelledby="extensions-title">
      <h2 id="extensions-title">{t('tasksExecution.extensions.title')}</h2>
      <ul className="plain-list">
        {c.extensions.map((x, i) => (
          <li key={i}>
            <p className="strong">{t('tasksExecution.extensions.moved', { from: formatDate(x.from, i18n.language), to: formatDate(x.to, i18n.language) })}</p>
            <p className="prose">{x.reason}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AcceptanceSection({ view: v }: { view: TaskContractView }) {
  const { t, i18n } = useTranslation();
  const a = v.contract?.acceptance;
  if (!a) return null;
  const gradeOf = (id: string) => a.grades.find((g) => g.memberId === id);
  return (
    <section className="listing-section" aria-labelledby="acceptance-title">
      <h2 id="acceptance-title">{t('tasksExecution.acceptance.title')}</h2>
      <h3>{t('tasksExecution.acceptance.report')}</h3>
      <p className="prose">{a.report}</p>
      <h3>{t('tasksExecution.acceptance.council')}</h3>
      {a.rule && <p>{t('tasksExecution.acceptance.rule', { members: a.rule.members, pass: a.rule.passShare, excellent: a.rule.excellentShare })}</p>}
      {a.council.length === 0 ? (
        <p className="muted">{t('tasksExecution.acceptance.noCouncil')}</p>
      ) : (
        <DataTable columns={[t('tasksExecution.acceptance.member'), t('tasksExecution.acceptance.grade'), t('tasksExecution.acceptance.comment')]}>
          {a.council.map((m) => {
            const g = gradeOf(m.reviewerId);
            return (
              <tr key={m.reviewerId}>
                <td data-label={t('tasksExecution.acceptance.member')}>{m.reviewerName}</td>
                <td data-label={t('tasksExecution.acceptance.grade')}>
                  {m.declaration === 'conflict'
                    ? t('tasksExecution.acceptance.recused')
                    : g
                      ? t(`tasksExecution.grade.${g.grade}`)
                      : t('tasksExecution.acceptance.waiting')}
                </td>
                <td data-label={t('tasksExecution.acceptance.comment')} className="prose">
                  {g?.comment ?? ''}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {v.carried && !a.conclusion && <p className="strong">{t('tasksExecution.acceptance.carried', { grade: t(`tasksExecution.grade.${v.carried}`) })}</p>}
      {a.conclusion && (
        <p className="strong" data-testid="task-conclusion">
          {t('tasksExecution.acceptance.conclusion', { grade: t(`tasksExecution.grade.${a.conclusion.grade}`), on: formatDate(a.conclusion.on, i18n.language) })}
        </p>
      )}
    </section>
  );
}

// --- the dialogs ----------------------------------------------------------------

interface DialogProps {
  view: TaskContractView;
  onClose: () => void;
  onDone: (v: TaskContractView) => void;
}

const today = () => formatDay(todayInVietnam());

function requiredDay(v: string): { code: string } | undefined {
  const d = parseDayInput(v);
  if (d === undefined) return { code: 'required' };
  if (d === null) return { code: 'invalid_date' };
  return undefined;
}

interface MilestoneRow {
  name: string;
  due: string;
  deliverables: string;
  tranche: string;
}

const emptyMilestone = (): MilestoneRow => ({ name: '', due: '', deliverables: '', tranche: '' });

/** The contract: its reference, dates, amount (≤ the task's budget) and milestones with their tranches. */
function ContractDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t, i18n } = useTranslation();
  const [head, setHead] = useState({ number: '', signedOn: today(), amount: formatNumber(v.task.budget ?? 0), starts: '', ends: '' });
  const [rows, setRows] = useState<MilestoneRow[]>([emptyMilestone()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const budget = v.task.budget ?? 0;
  const sum = rows.reduce((s, r) => s + (parseAmount(r.tranche) ?? 0), 0);

  const setRow = (i: number, k: keyof MilestoneRow, value: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: value } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const need = (field: string, value: string) => {
      if (!value.trim()) local[field] = t('fieldErrors.required');
    };
    need('number', head.number);
    const day = (field: string, value: string) => {
      const p = requiredDay(value);
      if (p) local[field] = fieldMessage(t, p) ?? '';
    };
    day('signedOn', head.signedOn);
    day('starts', head.starts);
    day('ends', head.ends);
    rows.forEach((r, i) => {
      need(`milestones.${i}.name`, r.name);
      need(`milestones.${i}.deliverables`, r.deliverables);
      day(`milestones.${i}.due`, r.due);
    });
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setFormError(t('tasksExecution.form.fix'));
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const input = {
        number: head.number.trim(),
        signedOn: parseDayInput(head.signedOn) ?? '',
        amount: parseAmount(head.amount) ?? 0,
        starts: parseDayInput(head.starts) ?? '',
        ends: parseDayInput(head.ends) ?? '',
        milestones: rows.map<Milestone>((r) => ({
          name: r.name.trim(),
          due: parseDayInput(r.due) ?? '',
          deliverables: r.deliverables.trim(),
          tranche: parseAmount(r.tranche) ?? 0,
        })),
      };
      onDone(await api.sign(v.task.id, input, v.task.version));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.errors.length > 0) {
        const byField: Record<string, string> = {};
        for (const fe of err.errors) byField[fe.field] = fieldMessage(t, fe) ?? fe.message ?? '';
        setErrors(byField);
        setFormError(byField.milestones ?? t('tasksExecution.form.fix'));
        return;
      }
      setFormError(problemMessage(t, err));
    }
  }

  return (
    <FormDialog open title={t('tasksExecution.contract.dialog')} confirmLabel={t('tasksExecution.action.contract')} danger={false} busy={busy} error={formError} onSubmit={(e) => void submit(e)} onClose={() => !busy && onClose()}>
      <p>{t('tasksExecution.contract.intro', { budget: formatVnd(budget, i18n.language) })}</p>
      <TextField id="contract-number" label={t('tasksExecution.contract.number')} required maxLength={NUMBER_MAX} value={head.number} error={errors.number} onChange={(e) => setHead({ ...head, number: e.target.value })} />
      <DateField id="contract-signedOn" label={t('tasksExecution.contract.signedOn')} required value={head.signedOn} error={errors.signedOn} onChange={(e) => setHead({ ...head, signedOn: e.target.value })} />
      <AmountField id="contract-amount" label={t('tasksExecution.contract.amount')} required value={head.amount} error={errors.amount} onChange={(e) => setHead({ ...head, amount: e.target.value })} onFormat={(x) => setHead((h) => ({ ...h, amount: x }))} />
      <DateField id="contract-starts" label={t('tasksExecution.contract.starts')} required value={head.starts} error={errors.starts} onChange={(e) => setHead({ ...head, starts: e.target.value })} />
      <DateField id="contract-ends" label={t('tasksExecution.contract.ends')} required value={head.ends} error={errors.ends} onChange={(e) => setHead({ ...head, ends: e.target.value })} />
      <fieldset className="milestones">
        <legend>{t('tasksExecution.contract.milestones')}</legend>
        {rows.map((r, i) => (
          <div key={i} className="milestone-row">
            <p className="strong">{t('tasksExecution.milestone.number', { n: i + 1 })}</p>
            <TextField id={`milestone-${i}-name`} label={t('tasksExecution.milestone.name')} required maxLength={MILESTONE_NAME_MAX} value={r.name} error={errors[`milestones.${i}.name`]} onChange={(e) => setRow(i, 'name', e.target.value)} />
            <DateField id={`milestone-${i}-due`} label={t('tasksExecution.milestone.due')} required value={r.due} error={errors[`milestones.${i}.due`]} onChange={(e) => setRow(i, 'due', e.target.value)} />
            <TextAreaField id={`milestone-${i}-deliverables`} label={t('tasksExecution.milestone.deliverables')} required rows={2} maxLength={DELIVERABLES_MAX} value={r.deliverables} error={errors[`milestones.${i}.deliverables`]} onChange={(e) => setRow(i, 'deliverables', e.target.value)} />
            <AmountField id={`milestone-${i}-tranche`} label={t('tasksExecution.milestone.tranche')} value={r.tranche} error={errors[`milestones.${i}.tranche`]} onChange={(e) => setRow(i, 'tranche', e.target.value)} onFormat={(x) => setRow(i, 'tranche', x)} />
            {rows.length > 1 && (
              <button type="button" className="btn btn-link btn-small" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                {t('tasksExecution.milestone.remove', { n: i + 1 })}
              </button>
            )}
          </div>
        ))}
        {rows.length < MILESTONES_MAX && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setRows((rs) => [...rs, emptyMilestone()])}>
            {t('tasksExecution.milestone.add')}
          </button>
        )}
        <p className="hint">{t('tasksExecution.milestone.sum', { sum: formatVnd(sum, i18n.language) })}</p>
      </fieldset>
    </FormDialog>
  );
}

/** One Idempotency-Key per confirmed set of values: a retry of the same values counts once. */
function useActionKey() {
  const ref = useRef<{ sig: string; key: string } | null>(null);
  return (values: unknown): string => {
    const sig = JSON.stringify(values);
    if (!ref.current || ref.current.sig !== sig) ref.current = { sig, key: newKey() };
    return ref.current.key;
  };
}

function TrancheDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t, i18n } = useTranslation();
  const keyFor = useActionKey();
  type F = 'amount' | 'on' | 'note';
  const form = useForm<F>({
    initial: { amount: formatNumber(v.remaining), on: today(), note: '' },
    prefix: 'tranche',
    order: ['amount', 'on', 'note'],
    validate: (x) => {
      const errs: FieldErrors<F> = {};
      const n = parseAmount(x.amount);
      if (!n) errs.amount = { code: n === null ? 'invalid_number' : 'required' };
      const d = requiredDay(x.on);
      if (d) errs.on = d;
      return errs;
    },
  });
  const onSubmit = form.submit(async (x) => {
    const body = { amount: parseAmount(x.amount) ?? 0, on: parseDayInput(x.on) ?? '', note: x.note.trim() };
    onDone(await sendOnce(keyFor(body), (k) => api.disburse(v.task.id, body, k)));
  });
  return (
    <FormDialog open title={t('tasksExecution.tranche.title')} confirmLabel={t('tasksExecution.action.disburse')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('tasksExecution.tranche.intro', { paid: formatVnd(v.paid, i18n.language), remaining: formatVnd(v.remaining, i18n.language) })}</p>
      <AmountField {...form.bind('amount')} label={t('tasksExecution.tranche.amount')} required onFormat={(x) => form.update('amount', x)} />
      <DateField {...form.bind('on')} label={t('tasksExecution.tranche.on')} required />
      <TextField {...form.bind('note')} label={t('tasksExecution.tranche.note')} maxLength={NOTE_MAX} />
    </FormDialog>
  );
}

function ReportDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const c = v.contract;
  type F = 'milestone' | 'text';
  const form = useForm<F>({
    initial: { milestone: '0', text: '' },
    prefix: 'report',
    order: ['milestone', 'text'],
    validate: (x) => {
      const p = checkText(x.text, { min: REPORT_MIN, max: REPORT_MAX });
      return p ? { text: p } : {};
    },
  });
  const [files, setFiles] = useState<File[]>([]);
  const onSubmit = form.submit(async (x) => {
    let updated = await api.report(v.task.id, { milestone: Number(x.milestone), text: x.text.trim() }, c?.version);
    const reports = updated.contract?.reports ?? [];
    const created = reports[reports.length - 1];
    if (created && files.length > 0) {
      for (const f of files) await api.attachReportFile(v.task.id, created.id, f);
      updated = await api.get(v.task.id);
    }
    onDone(updated);
  });
  return (
    <FormDialog open title={t('tasksExecution.report.title')} confirmLabel={t('tasksExecution.action.report')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <SelectField {...form.bind('milestone')} label={t('tasksExecution.report.milestone')} required>
        {(c?.milestones ?? []).map((m, i) => (
          <option key={i} value={String(i)}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField {...form.bind('text')} label={t('tasksExecution.report.text')} hint={t('tasksExecution.report.hint')} required rows={6} maxLength={REPORT_MAX} />
      <div className="field">
        <label htmlFor="report-files">{t('tasksExecution.report.files')}</label>
        <p className="hint" id="report-files-hint">
          {t('tasksExecution.report.filesHint', { max: REPORT_FILES_MAX })}
        </p>
        <input
          id="report-files"
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png,image/webp"
          aria-describedby="report-files-hint"
          onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, REPORT_FILES_MAX))}
        />
      </div>
    </FormDialog>
  );
}

function InspectionDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  type F = 'on' | 'findings' | 'conclusion';
  const form = useForm<F>({
    initial: { on: today(), findings: '', conclusion: '' },
    prefix: 'inspection',
    order: ['on', 'findings', 'conclusion'],
    validate: (x) => {
      const errs: FieldErrors<F> = {};
      const d = requiredDay(x.on);
      if (d) errs.on = d;
      const f = checkText(x.findings, { min: FINDINGS_MIN, max: FINDINGS_MAX });
      if (f) errs.findings = f;
      const c = checkText(x.conclusion, { min: CONCLUSION_MIN, max: CONCLUSION_MAX });
      if (c) errs.conclusion = c;
      return errs;
    },
  });
  const onSubmit = form.submit(async (x) =>
    onDone(await api.inspect(v.task.id, { on: parseDayInput(x.on) ?? '', findings: x.findings.trim(), conclusion: x.conclusion.trim() }, v.contract?.version)),
  );
  return (
    <FormDialog open title={t('tasksExecution.inspection.title')} confirmLabel={t('tasksExecution.action.inspect')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <DateField {...form.bind('on')} label={t('tasksExecution.inspection.on')} required />
      <TextAreaField {...form.bind('findings')} label={t('tasksExecution.inspection.findings')} required rows={5} maxLength={FINDINGS_MAX} />
      <TextAreaField {...form.bind('conclusion')} label={t('tasksExecution.inspection.conclusion')} required rows={3} maxLength={CONCLUSION_MAX} />
    </FormDialog>
  );
}

function ExtensionDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t, i18n } = useTranslation();
  type F = 'ends' | 'reason';
  const form = useForm<F>({
    initial: { ends: '', reason: '' },
    prefix: 'extension',
    order: ['ends', 'reason'],
    validate: (x) => {
      const errs: FieldErrors<F> = {};
      const d = requiredDay(x.ends);
      if (d) errs.ends = d;
      const r = checkText(x.reason, { min: REASON_MIN, max: REASON_MAX });
      if (r) errs.reason = r;
      return errs;
    },
  });
  const onSubmit = form.submit(async (x) => onDone(await api.extend(v.task.id, { ends: parseDayInput(x.ends) ?? '', reason: x.reason.trim() }, v.contract?.version)));
  return (
    <FormDialog open title={t('tasksExecution.extension.title')} confirmLabel={t('tasksExecution.action.extend')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('tasksExecution.extension.intro', { ends: formatDate(v.contract?.ends, i18n.language) })}</p>
      <DateField {...form.bind('ends')} label={t('tasksExecution.extension.ends')} required />
      <TextAreaField {...form.bind('reason')} label={t('tasksExecution.extension.reason')} required rows={4} maxLength={REASON_MAX} />
    </FormDialog>
  );
}

function RequestAcceptanceDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const form = useForm<'report'>({
    initial: { report: '' },
    prefix: 'final-report',
    order: ['report'],
    validate: (x) => {
      const p = checkText(x.report, { min: FINAL_MIN, max: FINAL_MAX });
      return p ? { report: p } : {};
    },
  });
  const onSubmit = form.submit(async (x) => onDone(await api.requestAcceptance(v.task.id, x.report.trim(), v.task.version)));
  return (
    <FormDialog open title={t('tasksExecution.requestAcceptance.title')} confirmLabel={t('tasksExecution.action.requestAcceptance')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('tasksExecution.requestAcceptance.intro')}</p>
      <TextAreaField {...form.bind('report')} label={t('tasksExecution.requestAcceptance.report')} required rows={8} maxLength={FINAL_MAX} />
    </FormDialog>
  );
}

/** The acceptance council: reviewers (the server refuses anyone of the performer) and the rule its grades are read by. */
function CouncilDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const candidates = useAsync(() => api.reviewers(), []);
  const a = v.contract?.acceptance;
  const [chosen, setChosen] = useState<string[]>(() => (a?.council ?? []).filter((m) => m.declaration !== 'conflict').map((m) => m.reviewerId));
  type F = 'members' | 'passShare' | 'excellentShare';
  const form = useForm<F>({
    initial: {
      members: String(a?.rule?.members ?? ''),
      passShare: String(a?.rule?.passShare ?? ''),
      excellentShare: String(a?.rule?.excellentShare ?? ''),
    },
    prefix: 'council',
    order: ['members', 'passShare', 'excellentShare'],
    serverFields: { 'rule.members': 'members', 'rule.passShare': 'passShare', 'rule.excellentShare': 'excellentShare' },
    validate: (x) => {
      const errs: FieldErrors<F> = {};
      for (const f of ['members', 'passShare', 'excellentShare'] as const) if (!/^\d+$/.test(x[f].trim())) errs[f] = { code: 'required' };
      return errs;
    },
  });
  const [pickError, setPickError] = useState<string | null>(null);
  const onSubmit = form.submit(async (x) => {
    setPickError(null);
    try {
      onDone(
        await api.assignCouncil(
          v.task.id,
          { memberIds: chosen, rule: { members: Number(x.members), passShare: Number(x.passShare), excellentShare: Number(x.excellentShare) } },
          v.contract?.version,
        ),
      );
    } catch (err) {
      if (err instanceof ApiError) {
        const picks = err.errors.filter((fe) => fe.field.startsWith('memberIds'));
        if (picks.length > 0) {
          setPickError(
            picks
              .map((fe) => {
                const m = /^memberIds\.(\d+)$/.exec(fe.field);
                const who = m ? candidates.data?.find((c) => c.id === chosen[Number(m[1])])?.fullName : undefined;
                return (who ? `${who}: ` : '') + (fieldMessage(t, fe) ?? '');
              })
              .join(' '),
          );
        }
      }
      throw err;
    }
  });
  const toggle = (c: ReviewerCandidate, on: boolean) => setChosen((xs) => (on ? [...xs.filter((i) => i !== c.id), c.id] : xs.filter((i) => i !== c.id)));
  return (
    <FormDialog open title={t('tasksExecution.council.title')} confirmLabel={t('tasksExecution.action.acceptanceCouncil')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('tasksExecution.council.intro')}</p>
      <ChoiceGroup id="council-member-0" label={t('tasksExecution.council.members')} error={pickError ?? undefined} required>
        {candidates.loading && <Loading />}
        {(candidates.data ?? []).map((c, i) => (
          <label key={c.id} className="check">
            <input id={`council-member-${i}`} type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => toggle(c, e.target.checked)} /> {c.fullName}
          </label>
        ))}
      </ChoiceGroup>
      <TextField {...form.bind('members')} label={t('tasksExecution.council.size')} inputMode="numeric" required />
      <TextField {...form.bind('passShare')} label={t('tasksExecution.council.passShare')} hint={t('tasksExecution.council.passShareHint')} inputMode="numeric" required />
      <TextField {...form.bind('excellentShare')} label={t('tasksExecution.council.excellentShare')} hint={t('tasksExecution.council.excellentShareHint')} inputMode="numeric" required />
    </FormDialog>
  );
}

/** A member's declaration, then the grade and its comment. */
function GradeDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  type F = 'declaration' | 'grade' | 'comment';
  const form = useForm<F>({
    initial: { declaration: 'no_conflict', grade: '', comment: '' },
    prefix: 'grade',
    order: ['declaration', 'grade', 'comment'],
    validate: (x) => {
      const errs: FieldErrors<F> = {};
      if (x.declaration === 'no_conflict' && !x.grade) errs.grade = { code: 'required' };
      if (x.grade === 'fail' && !x.comment.trim()) errs.comment = { code: 'required' };
      return errs;
    },
  });
  const onSubmit = form.submit(async (x) =>
    onDone(await api.grade(v.task.id, { declaration: x.declaration, grade: x.declaration === 'conflict' ? undefined : (x.grade as TaskGrade), comment: x.comment.trim() })),
  );
  return (
    <FormDialog open title={t('tasksExecution.gradeForm.title')} confirmLabel={t('tasksExecution.action.grade')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <p>{t('tasksExecution.gradeForm.intro')}</p>
      <ChoiceGroup id="grade-declaration-no_conflict" label={t('tasksExecution.gradeForm.declaration')} required>
        {(['no_conflict', 'conflict'] as const).map((d) => (
          <label key={d} className="check">
            <input id={`grade-declaration-${d}`} type="radio" name="declaration" checked={form.values.declaration === d} onChange={() => form.update('declaration', d)} /> {t(`tasksExecution.gradeForm.${d}`)}
          </label>
        ))}
      </ChoiceGroup>
      {form.values.declaration === 'no_conflict' && (
        <ChoiceGroup id="grade-grade" label={t('tasksExecution.gradeForm.grade')} error={fieldMessage(t, form.errors.grade)} required>
          {TASK_GRADES.map((g, i) => (
            <label key={g} className="check">
              <input id={i === 0 ? 'grade-grade' : `grade-grade-${g}`} type="radio" name="grade" checked={form.values.grade === g} onChange={() => form.update('grade', g)} /> {t(`tasksExecution.grade.${g}`)}
            </label>
          ))}
        </ChoiceGroup>
      )}
      <TextAreaField {...form.bind('comment')} label={t('tasksExecution.gradeForm.comment')} rows={4} maxLength={GRADE_COMMENT_MAX} />
    </FormDialog>
  );
}

/** The council's conclusion: the grade the members' grades carry (the server checks it against the rule). */
function ConclusionDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  type F = 'grade' | 'on' | 'note';
  const form = useForm<F>({
    initial: { grade: v.carried ?? '', on: today(), note: '' },
    prefix: 'conclusion',
    order: ['grade', 'on', 'note'],
    validate: (x) => {
      const errs: FieldErrors<F> = {};
      if (!x.grade) errs.grade = { code: 'required' };
      const d = requiredDay(x.on);
      if (d) errs.on = d;
      return errs;
    },
  });
  const onSubmit = form.submit(async (x) =>
    onDone(await api.conclude(v.task.id, { grade: x.grade as TaskGrade, on: parseDayInput(x.on) ?? '', note: x.note.trim() }, v.task.version)),
  );
  return (
    <FormDialog open title={t('tasksExecution.conclusion.title')} confirmLabel={t('tasksExecution.action.accept')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      {v.carried && <p>{t('tasksExecution.acceptance.carried', { grade: t(`tasksExecution.grade.${v.carried}`) })}</p>}
      <SelectField {...form.bind('grade')} label={t('tasksExecution.conclusion.grade')} required>
        <option value="">{t('tasksExecution.conclusion.choose')}</option>
        {TASK_GRADES.map((g) => (
          <option key={g} value={g}>
            {t(`tasksExecution.grade.${g}`)}
          </option>
        ))}
      </SelectField>
      <DateField {...form.bind('on')} label={t('tasksExecution.conclusion.on')} required />
      <TextAreaField {...form.bind('note')} label={t('tasksExecution.conclusion.note')} rows={3} maxLength={VERDICT_NOTE_MAX} />
    </FormDialog>
  );
}

function RegistrationDialog({ view: v, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  type F = 'number' | 'date';
  const form = useForm<F>({
    initial: { number: '', date: today() },
    prefix: 'registration',
    order: ['number', 'date'],
    validate: (x) => {
      const errs: FieldErrors<F> = {};
      if (!x.number.trim()) errs.number = { code: 'required' };
      const d = requiredDay(x.date);
      if (d) errs.date = d;
      return errs;
    },
  });
  const onSubmit = form.submit(async (x) => onDone(await api.register(v.task.id, { number: x.number.trim(), date: parseDayInput(x.date) ?? '' }, v.task.version)));
  return (
    <FormDialog open title={t('tasksExecution.registrationForm.title')} confirmLabel={t('tasksExecution.action.register')} danger={false} busy={form.busy} error={form.formError} onSubmit={onSubmit} onClose={() => !form.busy && onClose()}>
      <TextField {...form.bind('number')} label={t('tasksExecution.registrationForm.number')} required maxLength={REGISTRATION_MAX} />
      <DateField {...form.bind('date')} label={t('tasksExecution.registrationForm.date')} required />
    </FormDialog>
  );
}

function PublishDialog({ view: v, onClose, onDone, onReload }: DialogProps & { onReload: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.publish(v.task.id, v.task.version));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) await onReload();
      setError(problemMessage(t, err));
    }
  }
  return (
    <ConfirmDialog open title={t('tasksExecution.publish.title')} confirmLabel={t('tasksExecution.action.publish')} busy={busy} error={error} onConfirm={() => void confirm()} onClose={() => !busy && onClose()}>
      <p>{t('tasksExecution.publish.text', { org: v.task.performer?.name ?? '' })}</p>
    </ConfirmDialog>
  );
}
