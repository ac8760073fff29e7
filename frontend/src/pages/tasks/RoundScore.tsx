// A council member's scoring screen for one proposal of an identification
// round: the proposal read-only beside the shared score sheet
// (components/ScoreSheet.tsx) on the round's criteria.
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ScoreSheet } from '../../components/ScoreSheet';
import { ErrorState, Loading } from '../../components/Status';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { ProposalFacts } from './ProposalFacts';
import { tasksApi } from './tasksApi';

export default function RoundScore() {
  const { id = '', pid = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { me } = useAuth();
  const round = useAsync(() => tasksApi.round(id), [id]);
  useTitle(t('review.sheet'));
  if (round.error) return <ErrorState message={problemMessage(t, round.error)} onRetry={round.reload} />;
  if (!round.data) return <Loading />;
  const r = round.data;
  const entry = r.entries.find((e) => e.proposalId === pid);
  const p = r.proposals.find((x) => x.id === pid);
  if (!entry || !p) return <ErrorState message={t('tasksProposals.notInRound')} />;
  const mine = entry.reviews.find((x) => x.reviewerId === me?.user.id);
  const criteria = r.criteria.map((c) => ({ code: c.key, name: lang === 'en' && c.nameEn ? c.nameEn : c.name, weight: c.weight }));
  const back = `/tasks/rounds/${encodeURIComponent(r.id)}`;
  return (
    <section className="page review-page">
      <p className="eyebrow">{r.name}</p>
      <h1>{t('tasksProposals.scoreTitle', { title: p.title })}</h1>
      <p className="lead">
        <span className="strong">{p.proposer.name}</span>
      </p>
      {!mine && <p className="alert alert-info">{t('review.notAssigned')}</p>}
      <div className="listing-layout review-layout">
        <div className="listing-main">
          <ProposalFacts p={p} />
        </div>
        <div className="listing-side">
          <ScoreSheet
            key={`${r.id}-${r.version}`}
            criteria={criteria}
            passMark={r.passMark}
            mine={mine}
            open={r.can.score && !!mine && mine.declaration !== 'conflict'}
            declarationHint={t('tasksProposals.declarationHint', { org: p.proposer.name })}
            fieldLabel={(f) => f}
            send={async (input) => {
              await tasksApi.score(r.id, pid, input, r.version);
            }}
            onSent={() => navigate(back)}
          >
            <p>
              <Link to={back}>{t('tasksProposals.backToRound')}</Link>
            </p>
          </ScoreSheet>
        </div>
      </div>
    </section>
  );
}
