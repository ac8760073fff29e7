// An identification round (officers): its criteria, the proposals in it,
// submitted proposals to add, and the approved list — the decision and, per
// approved proposal, its order (products, months, maximum budget, selection
// or direct assignment) — which makes each approved proposal a task.
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { formatScore } from '../../lib/applications';
import { ApiError } from '../../api/client';
import { DateField, FormAlert, SelectField, TextAreaField, TextField } from '../../components/Fields';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatVnd } from '../../lib/format';
import { formatDay, parseAmount, parseDayInput } from '../../lib/listing';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { MODES, tasksApi, type Entry, type ListInput, type Round, type TaskMode } from './tasksApi';

export default function RoundPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const loaded = useAsync(() => tasksApi.round(id), [id]);
  const [round, setRound] = useState<Round | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const r = round ?? loaded.data;
  useTitle(r?.name ?? t('tasksProposals.roundsTitle'));
  if (loaded.error) return <ErrorState message={problemMessage(t, loaded.error)} onRetry={loaded.reload} />;
  if (!r) return <Loading />;
  const byId = new Map(r.proposals.map((p) => [p.id, p]));
  const criterionName = (c: Round['criteria'][number]) => (lang === 'en' && c.nameEn ? c.nameEn : c.name);

  return (
    <section className="page task-round">
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/tasks/rounds">{t('tasksProposals.roundsTitle')}</Link>
          </p>
          <h1>{r.name}</h1>
        </div>
        <span className={`badge round-${r.state}`}>{t(`tasks.roundState.${r.state}`)}</span>
      </div>
      <Notice message={notice} />
      {r.list && (
        <p className="alert alert-info">
          {t('tasksProposals.listRecorded', { number: r.list.number, date: formatDay(r.list.date) })}
        </p>
      )}
      <h2>{t('tasksProposals.criteria')}</h2>
      <ul className="plain-list criteria-list">
        {r.criteria.map((c) => (
          <li key={c.key}>
            {criterionName(c)} — <span className="strong">{c.weight}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('tasksProposals.councilRule', { required: r.required, passMark: r.passMark })}</p>

      <h2>{t('tasksProposals.inRound', { count: r.entries.length })}</h2>
      {r.entries.length === 0 ? (
        <p className="empty">{t('tasksProposals.roundEmpty')}</p>
      ) : (
        <table className="table responsive round-entries">
          <thead>
            <tr>
              <th scope="col">{t('tasksProposals.field.title')}</th>
              <th scope="col">{t('tasksProposals.proposer')}</th>
              <th scope="col">{t('tasksProposals.budgetAsked')}</th>
              <th scope="col">{t('tasksProposals.councilScore')}</th>
              <th scope="col">{t('tasksProposals.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {r.entries.map((e) => {
              const p = byId.get(e.proposalId);
              return (
                <tr key={e.proposalId} data-proposal-id={e.proposalId}>
                  <td data-label={t('tasksProposals.field.title')}>
                    <Link to={`/tasks/proposals/${encodeURIComponent(e.proposalId)}`}>{e.title}</Link>
                    {p && (
                      <p className="muted small">
                        {t(`tasks.kind.${p.kind}`)} · {t(`tasks.urgency.${p.urgency}`)} · {t('tasks.months', { count: p.months })}
                      </p>
                    )}
                  </td>
                  <td data-label={t('tasksProposals.proposer')}>{e.proposer.name}</td>
                  <td data-label={t('tasksProposals.budgetAsked')}>{p ? formatVnd(p.budget.state, lang) : '—'}</td>
                  <td data-label={t('tasksProposals.councilScore')}>
                    <EntryScore round={r} entry={e} />
                  </td>
                  <td data-label={t('tasksProposals.outcome')}>
                    {r.state !== 'decided' ? (
                      <span className="muted">{t('tasksProposals.pending')}</span>
                    ) : e.approved && e.taskId ? (
                      <Link to={`/tasks/${encodeURIComponent(e.taskId)}`}>
                        {e.code} · {t('tasksProposals.approved')}
                      </Link>
                    ) : (
                      <span className="badge proposal-not_approved">{t('tasks.proposalState.not_approved')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {(r.can.assignCouncil || r.council.length > 0) && (
        <CouncilSection
          round={r}
          onDone={(next) => {
            setRound(next);
            setNotice(t('tasksProposals.councilDone'));
          }}
        />
      )}
      {r.can.addProposals && (
        <AddProposals
          round={r}
          onDone={(next) => {
            setRound(next);
            setNotice(t('tasksProposals.added'));
          }}
        />
      )}
      {r.can.decide && (
        <ListForm
          round={r}
          onDone={(next) => {
            setRound(next);
            setNotice(t('tasksProposals.listDone'));
          }}
        />
      )}
    </section>
  );
}

/** A proposal's score: the council's mean and rank for officers, the member's own total and a link to the sheet for a member. */
function EntryScore({ round, entry: e }: { round: Round; entry: Entry }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const mine = e.reviews.find((x) => x.reviewerId === me?.user.id);
  const sheet = `/tasks/rounds/${encodeURIComponent(round.id)}/proposals/${encodeURIComponent(e.proposalId)}/score`;
  if (e.appraisal) {
    const a = e.appraisal;
    return a.count === 0 ? (
      <span className="muted">{t('tasksProposals.notScored', { done: 0, required: a.required })}</span>
    ) : (
      <span data-mean={a.mean}>
        <span className="strong">{formatScore(a.mean, i18n.language)}</span>/100 · {t('tasksProposals.rank', { rank: e.rank })}
        <p className="muted small">
          {a.complete ? t('tasksProposals.scoredAll', { count: a.count }) : t('tasksProposals.notScored', { done: a.count, required: a.required })}
        </p>
      </span>
    );
  }
  if (!mine) return <span className="muted">—</span>;
  return (
    <span>
      {mine.declaration === 'conflict' ? (
        <span className="muted">{t('tasksProposals.steppedAside')}</span>
      ) : mine.total !== undefined ? (
        <span className="strong">{formatScore(mine.total, i18n.language)}/100</span>
      ) : (
        <span className="muted">{t('tasksProposals.toScore')}</span>
      )}
      {round.can.score && mine.declaration !== 'conflict' && (
        <p>
          <Link to={sheet}>{mine.submittedAt ? t('tasksProposals.rescore') : t('tasksProposals.score')}</Link>
        </p>
      )}
    </span>
  );
}

function CouncilSection({ round, onDone }: { round: Round; onDone: (r: Round) => void }) {
  const { t } = useTranslation();
  const editable = round.can.assignCouncil;
  const people = useAsync(() => (editable ? tasksApi.reviewers() : Promise.resolve([])), [editable]);
  const [chosen, setChosen] = useState<string[]>(round.council.map((m) => m.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card council-section" aria-labelledby="council-title">
      <h2 id="council-title">{t('tasksProposals.councilTitle')}</h2>
      <p className="muted small">{t('tasksProposals.councilIntro')}</p>
      {round.council.length > 0 && (
        <ul className="plain-list council-members">
          {round.council.map((m) => (
            <li key={m.id}>{m.name}</li>
          ))}
        </ul>
      )}
      {editable && people.data && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            tasksApi.assignCouncil(round.id, chosen, round.version).then(
              (r) => {
                setBusy(false);
                onDone(r);
              },
              (err: unknown) => {
                setBusy(false);
                setError(problemMessage(t, err));
              },
            );
          }}
        >
          <FormAlert message={error} />
          <fieldset>
            <legend>{t('tasksProposals.councilChoose', { required: round.required })}</legend>
            <ul className="plain-list">
              {people.data.map((u) => (
                <li key={u.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(u.id)}
                      onChange={(e) => setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))}
                    />{' '}
                    {u.fullName}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('tasksProposals.assignCouncil')}
          </button>
        </form>
      )}
    </section>
  );
}

function AddProposals({ round, onDone }: { round: Round; onDone: (r: Round) => void }) {
  const { t, i18n } = useTranslation();
  const submitted = useAsync(() => tasksApi.proposals({ scope: 'all', state: 'submitted', pageSize: 100 }), [round.version]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!submitted.data) return null;
  const items = submitted.data.items;
  return (
    <section className="card" aria-labelledby="add-proposals">
      <h2 id="add-proposals">{t('tasksProposals.addTitle')}</h2>
      {items.length === 0 ? (
        <p className="empty">{t('tasksProposals.noneSubmitted')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            tasksApi.addProposals(round.id, chosen, round.version).then(
              (r) => {
                setBusy(false);
                setChosen([]);
                onDone(r);
              },
              (err: unknown) => {
                setBusy(false);
                setError(problemMessage(t, err));
              },
            );
          }}
        >
          <FormAlert message={error} />
          <ul className="plain-list">
            {items.map((p) => (
              <li key={p.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(p.id)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))}
                  />{' '}
                  {p.title} – {p.proposer.name} ({formatVnd(p.budget.state, i18n.language)})
                </label>
              </li>
            ))}
          </ul>
          <button type="submit" className="btn btn-primary" disabled={busy || chosen.length === 0}>
            {t('tasksProposals.addButton')}
          </button>
        </form>
      )}
    </section>
  );
}

type OrderRow = { approve: boolean; code: string; products: string; months: string; maxBudget: string; mode: TaskMode; assigneeId: string };

function ListForm({ round, onDone }: { round: Round; onDone: (r: Round) => void }) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map(round.proposals.map((p) => [p.id, p])), [round.proposals]);
  const orgs = useAsync(() => endpoints.organizations('verified', 1, 100), []);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [rows, setRows] = useState<Record<string, OrderRow>>(() =>
    Object.fromEntries(
      round.entries.map((e) => {
        const p = byId.get(e.proposalId);
        return [
          e.proposalId,
          { approve: false, code: '', products: p?.products ?? '', months: p?.months ? String(p.months) : '', maxBudget: p?.budget.state ? String(p.budget.state) : '', mode: 'selection' as TaskMode, assigneeId: '' },
        ];
      }),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (id: string, patch: Partial<OrderRow>) => setRows({ ...rows, [id]: { ...rows[id], ...patch } });
  const approvedIds = round.entries.map((e) => e.proposalId).filter((id) => rows[id]?.approve);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError(null);
    const input: ListInput = {
      number: number.trim(),
      date: parseDayInput(date) ?? date,
      orders: approvedIds.map((id) => {
        const r = rows[id];
        return {
          proposalId: id,
          code: r.code.trim(),
          products: r.products,
          months: Number(r.months) || 0,
          maxBudget: parseAmount(r.maxBudget) ?? 0,
          mode: r.mode,
          assigneeId: r.mode === 'direct' ? r.assigneeId : undefined,
        };
      }),
    };
    try {
      onDone(await tasksApi.recordList(round.id, input, round.version));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.errors.length > 0) {
        // orders.N.field → the approved row's field.
        setErrors(
          Object.fromEntries(
            err.errors.map((x) => {
              const m = /^orders\.(\d+)\.(.+)$/.exec(x.field);
              return [m ? `${approvedIds[Number(m[1])]}.${m[2]}` : x.field, x.message ?? x.code];
            }),
          ),
        );
      }
      setFormError(problemMessage(t, err));
    }
  }

  return (
    <form className="card list-form" noValidate onSubmit={onSubmit} aria-labelledby="list-form-title">
      <h2 id="list-form-title">{t('tasksProposals.listTitle2')}</h2>
      <p className="muted small">{t('tasksProposals.listIntro')}</p>
      <FormAlert message={formError} />
      <div className="form-row">
        <TextField id="list-number" label={t('tasksProposals.listNumber')} value={number} onChange={(e) => setNumber(e.target.value)} error={errors.number} required />
        <DateField id="list-date" label={t('tasksProposals.listDate')} value={date} onChange={(e) => setDate(e.target.value)} error={errors.date} required />
      </div>
      {round.entries.map((e, i) => {
        const r = rows[e.proposalId];
        const f = (k: string) => `order-${i}-${k}`;
        return (
          <fieldset key={e.proposalId} className="order-row" data-proposal-id={e.proposalId}>
            <legend>{e.title}</legend>
            <label className="check">
              <input type="checkbox" checked={r.approve} onChange={(ev) => set(e.proposalId, { approve: ev.target.checked })} />{' '}
              {t('tasksProposals.approve')}
            </label>
            {errors[`${e.proposalId}.proposalId`] && <p className="field-error">{errors[`${e.proposalId}.proposalId`]}</p>}
            {r.approve && (
              <>
                <TextAreaField id={f('products')} label={t('tasksProposals.orderProducts')} rows={2} value={r.products} onChange={(ev) => set(e.proposalId, { products: ev.target.value })} error={errors[`${e.proposalId}.products`]} required />
                <div className="form-row">
                  <TextField id={f('code')} label={t('tasksProposals.orderCode')} hint={t('tasksProposals.orderCodeHint')} value={r.code} onChange={(ev) => set(e.proposalId, { code: ev.target.value })} error={errors[`${e.proposalId}.code`]} />
                  <TextField id={f('months')} label={t('tasksProposals.field.months')} inputMode="numeric" value={r.months} onChange={(ev) => set(e.proposalId, { months: ev.target.value })} error={errors[`${e.proposalId}.months`]} required />
                  <TextField id={f('maxBudget')} label={t('tasksProposals.orderMaxBudget')} inputMode="numeric" value={r.maxBudget} onChange={(ev) => set(e.proposalId, { maxBudget: ev.target.value })} error={errors[`${e.proposalId}.maxBudget`]} required />
                </div>
                <div className="form-row">
                  <SelectField id={f('mode')} label={t('tasksProposals.orderMode')} value={r.mode} onChange={(ev) => set(e.proposalId, { mode: ev.target.value as TaskMode })} error={errors[`${e.proposalId}.mode`]}>
                    {MODES.map((m) => (
                      <option key={m} value={m}>
                        {t(`tasks.mode.${m}`)}
                      </option>
                    ))}
                  </SelectField>
                  {r.mode === 'direct' && (
                    <SelectField id={f('assignee')} label={t('tasksProposals.orderAssignee')} value={r.assigneeId} onChange={(ev) => set(e.proposalId, { assigneeId: ev.target.value })} error={errors[`${e.proposalId}.assigneeId`]} required>
                      <option value="">{t('tasksProposals.choose')}</option>
                      {(orgs.data?.items ?? [])
                        .filter((o) => ['institute', 'university', 'st_org', 'enterprise'].includes(o.kind as string))
                        .map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.name}
                          </option>
                        ))}
                    </SelectField>
                  )}
                </div>
              </>
            )}
          </fieldset>
        );
      })}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('tasksProposals.recordList')}
      </button>
    </form>
  );
}
