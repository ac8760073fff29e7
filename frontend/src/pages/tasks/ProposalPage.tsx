// A proposal of an S&T task (đề xuất đặt hàng nhiệm vụ): the form while it
// is a draft (its organisation's members save, send or withdraw it), the
// proposal as sent otherwise. /tasks/proposals/new writes a new one.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AmountField, FormAlert, SelectField, TermChecks, TextAreaField, TextField } from '../../components/Fields';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatNumber, formatVnd } from '../../lib/format';
import { parseAmount } from '../../lib/listing';
import { problemMessage } from '../../lib/messages';
import { useTaxonomy } from '../../lib/taxonomy';
import { useAsync } from '../../lib/useAsync';
import { useForm } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { ProposalFacts } from './ProposalFacts';
import type { FieldErrors } from '../../lib/validation';
import { PROPOSAL_MONTHS, PROPOSAL_SECTORS, PROPOSAL_TITLE, TASK_KINDS, URGENCIES, tasksApi, type Proposal, type ProposalInput } from './tasksApi';

const FIELDS = [
  'orgId',
  'title',
  'kind',
  'urgency',
  'objectives',
  'content',
  'products',
  'application',
  'months',
  'budgetState',
  'budgetOther',
  'otherSources',
] as const;
type F = (typeof FIELDS)[number];

function valuesOf(p?: Proposal, orgId = ''): Record<F, string> {
  return {
    orgId,
    title: p?.title ?? '',
    kind: p?.kind ?? 'research',
    urgency: p?.urgency ?? 'normal',
    objectives: p?.objectives ?? '',
    content: p?.content ?? '',
    products: p?.products ?? '',
    application: p?.application ?? '',
    months: p?.months ? String(p.months) : '',
    budgetState: p?.budget.state ? formatNumber(p.budget.state) : '',
    budgetOther: p?.budget.other ? formatNumber(p.budget.other) : '',
    otherSources: p?.budget.otherSources ?? '',
  };
}

function validate(v: Record<F, string>): FieldErrors<F> {
  const e: FieldErrors<F> = {};
  const title = v.title.trim();
  if (!title) e.title = { code: 'required' };
  else if (title.length < PROPOSAL_TITLE.minLength) e.title = { code: 'too_short', params: { min: PROPOSAL_TITLE.minLength } };
  if (v.months) {
    const n = Number(v.months);
    if (!Number.isInteger(n) || n < PROPOSAL_MONTHS.minimum || n > PROPOSAL_MONTHS.maximum)
      e.months = { code: 'out_of_range', params: { min: PROPOSAL_MONTHS.minimum, max: PROPOSAL_MONTHS.maximum } };
  }
  for (const f of ['budgetState', 'budgetOther'] as const) if (v[f] && parseAmount(v[f]) === null) e[f] = { code: 'invalid_number' };
  return e;
}

function inputOf(v: Record<F, string>, withOrg: boolean, sectors: string[]): ProposalInput {
  const input: ProposalInput = {
    title: v.title.trim(),
    kind: v.kind as ProposalInput['kind'],
    urgency: v.urgency as ProposalInput['urgency'],
    objectives: v.objectives,
    content: v.content,
    products: v.products,
    application: v.application,
    budget: { state: parseAmount(v.budgetState) ?? 0, other: parseAmount(v.budgetOther) ?? 0, otherSources: v.otherSources },
    sectors,
  };
  if (v.months) input.months = Number(v.months);
  if (withOrg && v.orgId) input.orgId = v.orgId;
  return input;
}

export default function ProposalPage() {
  const { id = '' } = useParams();
  const creating = id === '' || id === 'new';
  const { t } = useTranslation();
  const loaded = useAsync(() => (creating ? Promise.resolve(undefined) : tasksApi.proposal(id)), [id, creating]);
  const options = useAsync(() => tasksApi.proposalOptions(), []);
  // The proposal as the last step returned it (sent: the view replaces the form).
  const [sent, setSent] = useState<Proposal | null>(null);
  const p = sent?.id === id ? sent : loaded.data;
  useTitle(p?.title || t('tasksProposals.newTitle'));

  if (loaded.error) return <ErrorState message={problemMessage(t, loaded.error)} onRetry={loaded.reload} />;
  if ((!creating && !p) || !options.data) return <Loading />;
  if (p && !p.can.edit) return <ProposalView p={p} sent={sent?.id === id} onChange={loaded.reload} />;
  return <ProposalForm key={p?.id ?? 'new'} proposal={p} orgs={options.data.orgs} onSent={setSent} />;
}

function ProposalForm({ proposal, orgs, onSent }: { proposal?: Proposal; orgs: { id: string; name: string }[]; onSent: (p: Proposal) => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [p, setP] = useState(proposal);
  const [notice, setNotice] = useState<string | null>(null);
  // Sectors start from the need a proposal came from; the proposer may change them.
  const [sectors, setSectors] = useState<string[]>(proposal?.sectors ?? []);
  const { taxonomy } = useTaxonomy();
  const form = useForm<F>({
    initial: valuesOf(proposal, orgs[0]?.id ?? ''),
    prefix: 'proposal',
    order: FIELDS,
    validate,
    serverFields: {
      orgId: 'orgId',
      title: 'title',
      kind: 'kind',
      urgency: 'urgency',
      objectives: 'objectives',
      content: 'content',
      products: 'products',
      application: 'application',
      months: 'months',
      'budget.state': 'budgetState',
      'budget.other': 'budgetOther',
      'budget.otherSources': 'otherSources',
    },
  });
  const { bind, values } = form;
  useEffect(() => setNotice(null), [values, sectors]);

  async function save(v: Record<F, string>): Promise<Proposal> {
    if (!p) {
      const created = await tasksApi.createProposal(inputOf(v, true, sectors));
      setP(created);
      return created;
    }
    const saved = await tasksApi.updateProposal(p.id, inputOf(v, false, sectors), p.version);
    setP(saved);
    return saved;
  }

  const onSave = form.submit(async (v) => {
    const saved = await save(v);
    if (!p) navigate(`/tasks/proposals/${encodeURIComponent(saved.id)}`, { replace: true });
    else setNotice(t('tasksProposals.saved'));
  });
  const onSend = form.submit(async (v) => {
    const saved = await save(v);
    const sent = await tasksApi.proposalStep(saved.id, 'submit', saved.version);
    if (!p) navigate(`/tasks/proposals/${encodeURIComponent(saved.id)}`, { replace: true });
    else onSent(sent);
  });

  return (
    <section className="page proposal-form">
      <h1>{p ? t('tasksProposals.editTitle') : t('tasksProposals.newTitle')}</h1>
      <p className="lead">{t('tasksProposals.formIntro')}</p>
      {p?.needId && (
        <p className="alert alert-info" data-need-link>
          {t('tasksProposals.fromNeed')}{' '}
          <Link to={`/listings/${encodeURIComponent(p.needId)}`}>{p.needTitle}</Link>
          {p.needOwner && <> – {p.needOwner.name}</>}
        </p>
      )}
      <Notice message={notice} />
      <FormAlert message={form.formError} />
      <form className="form" noValidate onSubmit={onSend}>
        {!p && orgs.length > 1 && (
          <SelectField {...bind('orgId')} label={t('tasksProposals.field.org')} required>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField {...bind('title')} label={t('tasksProposals.field.title')} required maxLength={PROPOSAL_TITLE.maxLength} />
        <div className="form-row">
          <SelectField {...bind('kind')} label={t('tasksProposals.field.kind')} required>
            {TASK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`tasks.kind.${k}`)}
              </option>
            ))}
          </SelectField>
          <SelectField {...bind('urgency')} label={t('tasksProposals.field.urgency')} required>
            {URGENCIES.map((k) => (
              <option key={k} value={k}>
                {t(`tasks.urgency.${k}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TermChecks
          id="proposal-sectors"
          label={t('tasksProposals.field.sectors')}
          hint={t('tasksProposals.hint.sectors', { max: PROPOSAL_SECTORS.maxItems })}
          terms={taxonomy?.sectors ?? []}
          lang={i18n.language}
          value={sectors}
          max={PROPOSAL_SECTORS.maxItems}
          onChange={setSectors}
        />
        <TextAreaField {...bind('objectives')} label={t('tasksProposals.field.objectives')} rows={4} required />
        <TextAreaField {...bind('content')} label={t('tasksProposals.field.content')} rows={4} required />
        <TextAreaField {...bind('products')} label={t('tasksProposals.field.products')} rows={3} required />
        <TextAreaField {...bind('application')} label={t('tasksProposals.field.application')} rows={3} required />
        <div className="form-row">
          <TextField {...bind('months')} label={t('tasksProposals.field.months')} inputMode="numeric" required />
          <AmountField
            {...bind('budgetState')}
            label={t('tasksProposals.field.budgetState')}
            onFormat={(v) => form.update('budgetState', v)}
            required
          />
          <AmountField {...bind('budgetOther')} label={t('tasksProposals.field.budgetOther')} onFormat={(v) => form.update('budgetOther', v)} />
        </div>
        <TextField {...bind('otherSources')} label={t('tasksProposals.field.otherSources')} hint={t('tasksProposals.hint.otherSources')} />
        <p className="muted small">
          {t('tasksProposals.total', {
            amount: formatVnd((parseAmount(values.budgetState) ?? 0) + (parseAmount(values.budgetOther) ?? 0), i18n.language),
          })}
        </p>
        <p className="button-row">
          <button type="button" className="btn btn-secondary" disabled={form.busy} onClick={() => void onSave()}>
            {t('tasksProposals.saveDraft')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            {t('tasksProposals.send')}
          </button>
        </p>
      </form>
      {p?.can.withdraw && <WithdrawButton p={p} onDone={() => navigate('/tasks/proposals')} />}
    </section>
  );
}

function WithdrawButton({ p, onDone }: { p: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <FormAlert message={error} />
      <p>
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            if (!window.confirm(t('tasksProposals.withdrawConfirm'))) return;
            tasksApi.proposalStep(p.id, 'withdraw', p.version).then(onDone, (e: unknown) => setError(problemMessage(t, e)));
          }}
        >
          {t('tasksProposals.withdraw')}
        </button>
      </p>
    </>
  );
}

function ProposalView({ p, sent, onChange }: { p: Proposal; sent: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="page proposal-view">
      <div className="page-head">
        <div>
          <p className="muted small">{p.proposer.name}</p>
          <h1>{p.title}</h1>
        </div>
        <span className={`badge proposal-${p.state}`}>{t(`tasks.proposalState.${p.state}`)}</span>
      </div>
      <Notice message={sent && p.state === 'submitted' ? t('tasksProposals.sent') : null} />
      {p.taskId && (
        <p className="alert alert-info">
          <Link to={`/tasks/${encodeURIComponent(p.taskId)}`}>{t('tasksProposals.openTask')}</Link>
        </p>
      )}
      <ProposalFacts p={p} />
      {p.can.withdraw && <WithdrawButton p={p} onDone={onChange} />}
    </section>
  );
}
