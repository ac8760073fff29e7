import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import i18n from '../i18n';
import type { Me } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormAlert, TextField } from '../components/Fields';
import { safeNext } from '../components/Guards';
import { useConfig } from '../lib/config';
import { fieldMessage, problemMessage } from '../lib/messages';
import { errorCount, validateLogin, type FieldErrors } from '../lib/validation';
import { useTitle } from '../lib/useTitle';

/** Where to go after logging in when no destination was asked for. */
export function landingFor(me: Me | null): string {
  if (!me) return '/';
  if (me.user.roles.includes('officer') || me.user.roles.includes('admin')) return '/officer/organizations';
  if (me.organizations.length > 0) return '/organization';
  return '/';
}

/** Demo roles may be platform roles or kinds of organisation. */
export function demoRoleLabel(t: TFunction, role: string): string {
  for (const ns of ['platformRole', 'orgKind', 'orgRole']) {
    const key = `${ns}.${role}`;
    if (i18n.exists(key)) return t(key);
  }
  return role;
}

function DemoAccounts({ onUse }: { onUse: (email: string, password: string) => void }) {
  const { t } = useTranslation();
  const config = useConfig();
  if (!config?.demo) return null;
  const password = config.demoPassword ?? '';
  return (
    <details className="demo-box">
      <summary>{t('login.demoTitle')}</summary>
      <p>{t('login.demoIntro')}</p>
      {password && (
        <p>
          {t('login.demoPassword')}: <code className="demo-password">{password}</code>
        </p>
      )}
      <ul className="demo-list">
        {(config.demoAccounts ?? []).map((a) => (
          <li key={a.email}>
            <span className="demo-account">
              <span className="demo-email">{a.email}</span>
              <span className="muted demo-role">{demoRoleLabel(t, a.role)}</span>
            </span>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              aria-label={t('login.demoUse', { email: a.email })}
              onClick={() => onUse(a.email, password)}
            >
              {t('login.demoUseShort')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

export default function Login() {
  const { t } = useTranslation();
  const { login, sessionExpired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // A page that sends here may carry a message and the e-mail to start with
  // (registration, when logging in right after it did not work).
  const carriedState = location.state as { message?: string; email?: string } | null;
  const carried = carriedState?.message ?? null;
  const [email, setEmail] = useState(typeof carriedState?.email === 'string' ? carriedState.email : '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password'>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useTitle(t('login.title'));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs = validateLogin({ email, password });
    setErrors(errs);
    if (errorCount(errs) > 0) {
      setFormError(t('form.fixErrors', { count: errorCount(errs) }));
      (errs.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      const me = await login(email, password);
      navigate(next ?? landingFor(me), { replace: true });
    } catch (err) {
      setBusy(false);
      setFormError(problemMessage(t, err));
    }
  }

  return (
    <section className="page narrow">
      <h1>{t('login.title')}</h1>
      {sessionExpired && <p className="alert alert-warning">{t('session.expired')}</p>}
      {carried && <p className="alert alert-info">{carried}</p>}
      {next && !sessionExpired && <p className="muted">{t('login.returnHint')}</p>}
      <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <FormAlert message={formError} />
        <TextField
          id="login-email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          inputRef={emailRef}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldMessage(t, errors.email)}
        />
        <TextField
          id="login-password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          inputRef={passwordRef}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldMessage(t, errors.password)}
        />
        <p className="forgot-link">
          <Link to="/password-reset">{t('acct.reset.forgot')}</Link>
        </p>
        <p className="actions">
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </p>
      </form>
      <p className="form-footer">
        {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
      </p>
      <DemoAccounts
        onUse={(e, p) => {
          setEmail(e);
          setPassword(p);
          setErrors({});
          emailRef.current?.focus();
        }}
      />
    </section>
  );
}
