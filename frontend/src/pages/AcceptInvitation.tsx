import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { FormAlert } from '../components/Fields';
import { RegisterForm } from '../components/RegisterForm';
import { ErrorState, Loading } from '../components/Status';
import { formatDate } from '../lib/format';
import { problemMessage } from '../lib/messages';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

export default function AcceptInvitation() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { status, me, reload } = useAuth();
  const navigate = useNavigate();
  const { data: inv, error, loading, reload: retry } = useAsync(() => endpoints.invitation(token), [token]);
  const [busy, setBusy] = useState(false);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  useTitle(t('invitation.title'));

  async function accept() {
    setBusy(true);
    setAcceptError(null);
    try {
      const res = await endpoints.acceptInvitation(token);
      await reload().catch(() => null);
      navigate(`/organization/${encodeURIComponent(res.organization.id)}`, { replace: true });
    } catch (err) {
      setBusy(false);
      if (
        err instanceof ApiError &&
        (err.code === 'email_mismatch' || err.errors.some((e) => e.code === 'email_mismatch')) &&
        inv &&
        me
      ) {
        setAcceptError(t('invitation.emailMismatch', { current: me.user.email, invited: inv.email }));
      } else {
        setAcceptError(problemMessage(t, err));
      }
    }
  }

  if (!inv) {
    return (
      <section className="page narrow">
        <h1>{t('invitation.title')}</h1>
        {loading ? (
          <Loading />
        ) : error instanceof ApiError && (error.status === 404 || error.status === 410 || error.status === 422) ? (
          <p className="alert alert-error">{t('invitation.notFound')}</p>
        ) : (
          <ErrorState message={problemMessage(t, error)} onRetry={retry} />
        )}
      </section>
    );
  }

  const roleLabel = t(`orgRole.${inv.role}`);
  const mismatch = status === 'authenticated' && me && me.user.email.toLowerCase() !== inv.email.toLowerCase();
  const next = encodeURIComponent(`/invitations/${token}`);

  return (
    <section className="page narrow">
      <h1>{t('invitation.title')}</h1>
      <p className="lead">{t('invitation.intro', { organization: inv.organization.name, role: roleLabel })}</p>
      <dl className="facts">
        <div>
          <dt>{t('invitation.organization')}</dt>
          <dd>
            {inv.organization.name} <span className="muted">({t(`orgKind.${inv.organization.kind}`)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('invitation.invitedEmail')}</dt>
          <dd className="break">{inv.email}</dd>
        </div>
        <div>
          <dt>{t('invitation.role')}</dt>
          <dd>{roleLabel}</dd>
        </div>
        <div>
          <dt>{t('invitation.expires')}</dt>
          <dd>{formatDate(inv.expiresAt, i18n.language)}</dd>
        </div>
      </dl>

      {status === 'loading' ? (
        <Loading />
      ) : status === 'authenticated' && me ? (
        <div className="section">
          {mismatch && (
            <p className="alert alert-warning">
              {t('invitation.emailMismatch', { current: me.user.email, invited: inv.email })}
            </p>
          )}
          <FormAlert message={acceptError} />
          <p className="actions">
            <button type="button" className="btn btn-primary btn-large" onClick={accept} disabled={busy}>
              {busy ? t('invitation.accepting') : t('invitation.accept')}
            </button>
          </p>
        </div>
      ) : (
        <div className="section">
          <h2>{t('invitation.registerTitle')}</h2>
          <p>{t('invitation.registerIntro')}</p>
          <RegisterForm
            invitation={{ token, email: inv.email }}
            onDone={() => navigate(`/organization/${encodeURIComponent(inv.organization.id)}`, { replace: true })}
            onLoginFailed={(message) => navigate(`/login?next=${next}`, { replace: true, state: { message } })}
          />
          <p className="form-footer">
            {t('invitation.haveAccount')} <Link to={`/login?next=${next}`}>{t('invitation.loginToAccept')}</Link>
          </p>
        </div>
      )}
    </section>
  );
}
