// The reviewer's scoring screen ("Phiếu chấm điểm"): the dossier read-only,
// the conflict-of-interest declaration (no conflict to score, or a conflict
// to step aside), then a score 0–10 and a comment per criterion with its
// weight, the total live (Σ weight × score / 10, out of 100). The reviewer
// may send it again until the department decides.
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { Application, Program } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ApplicationDossier } from '../components/ApplicationDossier';
import { ScoreSheet } from '../components/ScoreSheet';
import { ErrorState, Loading } from '../components/Status';
import { ApplicationStateBadge } from '../components/SupportBadges';
import { applicationFieldLabel, formatScore, ownReview } from '../lib/applications';
import { problemMessage } from '../lib/messages';
import { useAsync } from '../lib/useAsync';
import { noticeState } from '../lib/useNotice';
import { useTitle } from '../lib/useTitle';

const pending = () => new Promise<never>(() => undefined);

export default function SupportReviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const app = useAsync(() => endpoints.application(id), [id]);
  const program = useAsync(() => (app.data ? endpoints.program(app.data.programId) : pending()), [app.data?.programId]);
  useTitle(t('review.title'));
  if (!app.data || !program.data) {
    const err = app.error ?? program.error;
    return (
      <section className="page">
        <h1>{t('review.title')}</h1>
        {err ? <ErrorState message={problemMessage(t, err)} onRetry={app.error ? app.reload : program.reload} /> : <Loading />}
      </section>
    );
  }
  return <ReviewForm key={`${app.data.id}-${app.data.version}`} application={app.data} program={program.data} />;
}

function ReviewForm({ application: a, program: p }: { application: Application; program: Program }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { me } = useAuth();
  const mine = ownReview(a, me?.user.id);
  // Reviewers score against the criteria copied when they were assigned.
  const criteria = a.reviewPlan?.criteria ?? p.criteria ?? [];
  const passMark = a.reviewPlan?.passMark ?? p.passMark;
  // Sent again until the decision; one who stepped aside is done (the server's `can`).
  const recused = mine?.declaration === 'conflict' && !!mine.submittedAt;
  const open = a.can.score;

  return (
    <section className="page review-page">
      <p className="eyebrow">{t('review.kicker')}</p>
      <div className="listing-kicker">
        <ApplicationStateBadge state={a.state} />
      </div>
      <h1>{t('review.titleOf', { title: a.title })}</h1>
      <p className="lead">
        <span className="strong">{a.orgName}</span> · {a.programName}
      </p>
      {!mine && <p className="alert alert-info">{t('review.notAssigned')}</p>}
      {!open && mine && (
        <p className="alert alert-info">
          {recused ? t('review.recusedDone') : a.decision ? t('review.decided') : t('review.closed', { state: t(`appState.${a.state}`) })}
        </p>
      )}

      <div className="listing-layout review-layout">
        <div className="listing-main">
          <ApplicationDossier application={a} program={p} />
        </div>
        <div className="listing-side">
          <ScoreSheet
            criteria={criteria}
            passMark={passMark}
            mine={mine}
            open={open}
            declarationHint={t('review.declaration.hint', { org: a.orgName })}
            fieldLabel={(f) => applicationFieldLabel(t, f, p)}
            send={async (input) => {
              await endpoints.submitScores(a.id, input);
            }}
            onSent={(declaration, total) =>
              navigate(`/support/applications/${encodeURIComponent(a.id)}`, {
                state: declaration === 'conflict' ? noticeState('review.recused') : noticeState('review.sent', { total: formatScore(total, i18n.language) }),
              })
            }
          >
            <p>
              <Link to={`/support/applications/${encodeURIComponent(a.id)}`}>{t('review.toApplication')}</Link>
            </p>
          </ScoreSheet>
        </div>
      </div>
    </section>
  );
}

export { validateSheet, type ScoreRow } from '../components/ScoreSheet';
