// "Forgot your password": without a token, ask for a link by e-mail (the
// answer never says whether the address has an account); with the token
// of a link in the fragment (/password-reset#<token>), set a new password,
// which ends every session of the account.
import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import { FormAlert, TextField } from '../components/Fields';
import { useAuth } from '../auth/AuthContext';
import { useConfig } from '../lib/config';
import { fieldMessage, problemMessage } from '../lib/messages';
import { useTitle } from '../lib/useTitle';
import { checkEmail, checkPassword, type FieldProblem } from '../lib/validation';

export default function PasswordReset() {
  const { hash } = useLocation();
  const token = decodeURIComponent(hash.replace(/^#/, ''));
  return token ? <SetPassword token={token} /> : <AskForLink />;
}

function AskForLink() {
  const { t } = useTranslation();
  const config = useConfig();
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<FieldProblem | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  useTitle(t('acct.reset.title'));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const p = checkEmail(email);
    setProblem(p);
    if (p) {
      setFormError(t('form.fixErrors', { count: 1 }));
      emailRef.current?.focus();
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      await endpoints.requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      const fe = err instanceof ApiError ? err.errors.find((x) => x.field === 'email') : undefined;
      if (fe) setProblem({ code: fe.code, message: fe.message });
      setFormError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow">
      <h1>{t('acct.reset.title')}</h1>
      {sentTo ? (
        <div className="alert alert-success" role="status">
          <p>{t('acct.reset.sent', { email: sentTo })}</p>
        </div>
      ) : (
        <>
          <p className="lead">{t('acct.reset.intro')}</p>
          {config && !config.smtp && <p className="alert alert-info">{t('acct.reset.noMail')}</p>}
          <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
            <FormAlert message={formError} />
            <TextField
              id="reset-email"
              label={t('acct.reset.email')}
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              inputRef={emailRef}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldMessage(t, problem)}
            />
            <p className="actions">
              <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
                {busy ? t('acct.reset.submitting') : t('acct.reset.submit')}
              </button>
            </p>
          </form>
        </>
      )}
      <p className="form-footer">
        <Link to="/login">{t('acct.reset.backToLogin')}</Link>
      </p>
    </section>
  );
}

function SetPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { status, logout } = useAuth();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<FieldProblem | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [badLink, setBadLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  useTitle(t('acct.reset.newTitle'));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const p = checkPassword(password, '');
    setProblem(p);
    if (p) {
      setFormError(t('form.fixErrors', { count: 1 }));
      passwordRef.current?.focus();
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      await endpoints.confirmPasswordReset(token, password);
    } catch (err) {
      setBusy(false);
      const fe = err instanceof ApiError ? err.errors.find((x) => x.field === 'password') : undefined;
      const tok = err instanceof ApiError ? err.errors.find((x) => x.field === 'token') : undefined;
      if (tok) {
        setBadLink(tok.message ?? problemMessage(t, err));
        return;
      }
      if (fe) setProblem({ code: fe.code, message: fe.message });
      setFormError(problemMessage(t, err));
      passwordRef.current?.focus();
      return;
    }
    // Every session of the account has ended, this browser's included.
    if (status === 'authenticated') await logout().catch(() => null);
    navigate('/login', { replace: true, state: { message: t('acct.reset.done') } });
  }

  return (
    <section className="page narrow">
      <h1>{t('acct.reset.newTitle')}</h1>
      {badLink ? (
        <div className="alert alert-error" role="alert">
          <p>{badLink}</p>
          <p>
            <Link to="/password-reset" onClick={() => setBadLink(null)}>
              {t('acct.reset.askAgain')}
            </Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t('acct.reset.newIntro')}</p>
          <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
            <FormAlert message={formError} />
            <TextField
              id="reset-password"
              label={t('acct.reset.password')}
              type="password"
              autoComplete="new-password"
              required
              inputRef={passwordRef}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint={t('register.passwordPolicy')}
              error={fieldMessage(t, problem)}
            />
            <p className="actions">
              <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
                {busy ? t('common.working') : t('acct.reset.setSubmit')}
              </button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
