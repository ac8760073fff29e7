// Identification rounds (đợt xác định nhiệm vụ): the officers' list and the
// form that opens a round with the criteria its advisory council scores on.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ApiError } from '../../api/client';
import { FormAlert, TextField } from '../../components/Fields';
import { ErrorState, Loading } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { ROUND_NAME, tasksApi, type Criterion } from './tasksApi';

export default function Rounds() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAuth();
  const staff = hasRole('officer', 'admin');
  const rounds = useAsync(() => tasksApi.rounds(), []);
  const [creating, setCreating] = useState(false);
  useTitle(t('tasksProposals.roundsTitle'));
  if (rounds.error) return <ErrorState message={problemMessage(t, rounds.error)} onRetry={rounds.reload} />;
  if (!rounds.data) return <Loading />;
  return (
    <section className="page task-rounds">
      <div className="page-head">
        <div>
          <h1>{t('tasksProposals.roundsTitle')}</h1>
          <p className="lead">{staff ? t('tasksProposals.roundsIntro') : t('tasksProposals.roundsIntroMember')}</p>
        </div>
        {staff && (
          <p className="button-row">
            <Link className="btn btn-secondary" to="/tasks/proposals">
              {t('tasksProposals.toProposals')}
            </Link>
            {!creating && (
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                {t('tasksProposals.newRound')}
              </button>
            )}
          </p>
        )}
      </div>
      {creating && <RoundForm onCancel={() => setCreating(false)} />}
      {rounds.data.items.length === 0 ? (
        <p className="empty">{t('tasksProposals.noRounds')}</p>
      ) : (
        <table className="table responsive">
          <thead>
            <tr>
              <th scope="col">{t('tasksProposals.roundName')}</th>
              <th scope="col">{t('tasksProposals.year')}</th>
              <th scope="col">{t('tasksProposals.proposalsCol')}</th>
              <th scope="col">{t('tasksProposals.stateCol')}</th>
              <th scope="col">{t('tasksProposals.created')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.data.items.map((r) => (
              <tr key={r.id}>
                <td data-label={t('tasksProposals.roundName')}>
                  <Link to={`/tasks/rounds/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                </td>
                <td data-label={t('tasksProposals.year')}>{r.year}</td>
                <td data-label={t('tasksProposals.proposalsCol')}>{r.entries.length}</td>
                <td data-label={t('tasksProposals.stateCol')}>
                  <span className={`badge round-${r.state}`}>{t(`tasks.roundState.${r.state}`)}</span>
                </td>
                <td data-label={t('tasksProposals.created')}>{formatDate(r.createdAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Row = { key: string; name: string; nameEn: string; weight: string };

function RoundForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [required, setRequired] = useState('3');
  const [passMark, setPassMark] = useState('50');
  const [rows, setRows] = useState<Row[]>(() =>
    (['need', 'feasibility', 'impact'] as const).map((k, i) => ({
      key: k,
      name: t(`tasksProposals.criterionExample.${k}`),
      nameEn: '',
      weight: ['40', '30', '30'][i],
    })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sum = rows.reduce((s, r) => s + (Number(r.weight) || 0), 0);
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const criteria: Criterion[] = rows.map((r) => ({ key: r.key.trim(), name: r.name.trim(), nameEn: r.nameEn.trim() || undefined, weight: Number(r.weight) || 0 }));
      const created = await tasksApi.createRound({ name, year: Number(year) || 0, required: Number(required) || 0, passMark: Number(passMark) || 0, criteria });
      navigate(`/tasks/rounds/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.errors.length > 0) {
        setErrors(Object.fromEntries(err.errors.map((x) => [x.field, x.message ?? x.code])));
      }
      setFormError(problemMessage(t, err));
    }
  }

  return (
    <form className="card round-form" noValidate onSubmit={onSubmit} aria-labelledby="round-form-title">
      <h2 id="round-form-title">{t('tasksProposals.newRound')}</h2>
      <FormAlert message={formError} />
      <TextField id="round-name" label={t('tasksProposals.roundName')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required maxLength={ROUND_NAME.maxLength} />
      <div className="form-row">
        <TextField id="round-year" label={t('tasksProposals.year')} value={year} onChange={(e) => setYear(e.target.value)} error={errors.year} inputMode="numeric" required />
        <TextField id="round-required" label={t('tasksProposals.required')} hint={t('tasksProposals.requiredHint')} value={required} onChange={(e) => setRequired(e.target.value)} error={errors.required} inputMode="numeric" />
        <TextField id="round-pass" label={t('tasksProposals.passMark')} value={passMark} onChange={(e) => setPassMark(e.target.value)} error={errors.passMark} inputMode="numeric" />
      </div>
      <fieldset>
        <legend>{t('tasksProposals.criteria')}</legend>
        <p className="muted small">{t('tasksProposals.criteriaHint', { sum })}</p>
        {errors.criteria && <p className="field-error">{errors.criteria}</p>}
        {rows.map((r, i) => (
          <div className="form-row criterion-row" key={i}>
            <TextField id={`criterion-${i}-key`} label={t('tasksProposals.criterionKey', { n: i + 1 })} value={r.key} onChange={(e) => set(i, { key: e.target.value })} error={errors[`criteria.${i}.key`]} />
            <TextField id={`criterion-${i}-name`} label={t('tasksProposals.criterionName', { n: i + 1 })} value={r.name} onChange={(e) => set(i, { name: e.target.value })} error={errors[`criteria.${i}.name`]} />
            <TextField id={`criterion-${i}-nameEn`} label={t('tasksProposals.criterionNameEn', { n: i + 1 })} value={r.nameEn} onChange={(e) => set(i, { nameEn: e.target.value })} error={errors[`criteria.${i}.nameEn`]} />
            <TextField id={`criterion-${i}-weight`} label={t('tasksProposals.criterionWeight', { n: i + 1 })} value={r.weight} onChange={(e) => set(i, { weight: e.target.value })} error={errors[`criteria.${i}.weight`]} inputMode="numeric" />
            <button type="button" className="btn btn-link" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={t('tasksProposals.removeCriterion', { n: i + 1 })}>
              {t('tasksProposals.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-secondary" onClick={() => setRows([...rows, { key: '', name: '', nameEn: '', weight: '' }])}>
          {t('tasksProposals.addCriterion')}
        </button>
      </fieldset>
      <p className="button-row">
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('tasksProposals.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('tasksProposals.createRound')}
        </button>
      </p>
    </form>
  );
}
