// What a proposal says, as its page and a council member's scoring screen
// show it: kind, urgency, the need it came from, objectives, content,
// products, where the results go, duration and budget.
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Facts';
import { formatVnd } from '../../lib/format';
import type { Proposal } from './tasksApi';

type Shown = Pick<Proposal, 'kind' | 'urgency' | 'objectives' | 'content' | 'products' | 'application' | 'months'> & {
  budget: { state: number; other: number; otherSources?: string };
  needId?: string;
  needTitle?: string;
  needOwner?: { name: string };
};

export function ProposalFacts({ p }: { p: Shown }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <dl className="facts">
      <Fact label={t('tasksProposals.field.kind')}>{t(`tasks.kind.${p.kind}`)}</Fact>
      <Fact label={t('tasksProposals.field.urgency')}>{t(`tasks.urgency.${p.urgency}`)}</Fact>
      {(p.needId || p.needOwner) && (
        <Fact label={t('tasksProposals.need')}>
          {p.needId && <Link to={`/listings/${encodeURIComponent(p.needId)}`}>{p.needTitle}</Link>}
          {p.needId && p.needOwner && ' – '}
          {p.needOwner?.name}
        </Fact>
      )}
      <Fact label={t('tasksProposals.field.objectives')}>
        <span className="prose">{p.objectives}</span>
      </Fact>
      <Fact label={t('tasksProposals.field.content')}>
        <span className="prose">{p.content}</span>
      </Fact>
      <Fact label={t('tasksProposals.field.products')}>
        <span className="prose">{p.products}</span>
      </Fact>
      <Fact label={t('tasksProposals.field.application')}>
        <span className="prose">{p.application}</span>
      </Fact>
      <Fact label={t('tasksProposals.field.months')}>{t('tasks.months', { count: p.months })}</Fact>
      <Fact label={t('tasksProposals.field.budgetState')}>{formatVnd(p.budget.state, lang)}</Fact>
      {p.budget.other > 0 && (
        <Fact label={t('tasksProposals.field.budgetOther')}>
          {formatVnd(p.budget.other, lang)} {p.budget.otherSources && <>({p.budget.otherSources})</>}
        </Fact>
      )}
    </dl>
  );
}
