// Account → Change password. The server answers a new token pair and ends
// every other session of the account, so the pair replaces ours at once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { fieldBinder, FormAlert, TextField } from '../components/Fields';
import { fieldMessage, problemMessage } from '../lib/messages';
import { useTitle } from '../lib/useTitle';
import {
  mapServerErrors,
  reportErrors,
  validatePasswordChange,
  type FieldErrors,
  type PasswordChangeField,
  type PasswordChangeValues,
} from '../lib/validation';
import { landingFor } from './Login';

const FIELD_ORDER: PasswordChangeField[] = ['currentPassword', 'newPassword', 'confirmPassword'];

/** API field paths → form fields. */
const SERVER_FIELDS: Record<string, PasswordChangeField> = {
  currentPassword: 'currentPassword',
  newPassword: 'newPassword',
};

const EMPTY: PasswordChangeValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

const fieldId = (f: PasswordChangeField) => `password-${f}`;

export default function ChangePassword() {
  const { t } = useTranslation();
  const { me, changePassword } = useAuth();
  const email = me?.user.email ?? '';
  const [values, setValues] = useState<PasswordChangeValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<PasswordChangeField>>({});
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  useTitle(t('account.passwordTitle'));

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  function focusFirst(errs: FieldErrors<PasswordChangeField>) {
    const first = FIELD_ORDER.find((f) => errs[f]);
    if (first) document.getElementById(fieldId(first))?.focus();
  }

  function update(field: PasswordChangeField, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    if (submitted) {
      const client = validatePasswordChange(next, email);
      setErrors((prev) => {
        const merged = { ...prev, [field]: client[field] };
        // The confirmation depends on the new password.
        if (field === 'newPassword' && next.confirmPassword) merged.confirmPassword = client.confirmPassword;
        return merged;
      });
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const errs = validatePasswordChange(values, email);
    setErrors(errs);
    if (!reportErrors(t, errs, setFormError, focusFirst)) return;
    setBusy(true);
    try {
      await changePassword(values.currentPassword, values.newPassword);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError) {
        const { fieldErrors, other } = mapServerErrors(err.errors, SERVER_FIELDS);
        const extra = other.map((o) => o.message).filter(Boolean);
        if (!reportErrors(t, fieldErrors, setFormError, focusFirst, extra)) {
          setErrors(fieldErrors);
          return;
        }
      }
      // 429 and the rest: one clear sentence on top of the form.
      setFormError(problemMessage(t, err));
      return;
    }
    setBusy(false);
    setValues(EMPTY);
    setErrors({});
    setSubmitted(false);
    setDone(true);
  }

  const bind = fieldBinder({
    id: fieldId,
    values,
    update,
    error: (f: PasswordChangeField) => fieldMessage(t, errors[f]),
  });

  return (
    <section className="page narrow">
      <p className="eyebrow">{t('account.title')}</p>
      <h1>{t('account.passwordTitle')}</h1>
      {done ? (
        <>
          <div className="alert alert-success" role="status" tabIndex={-1} ref={doneRef}>
            <h2 className="h3">{t('account.changedTitle')}</h2>
            <p>{t('account.changedText')}</p>
          </div>
          <p className="actions">
            <Link className="btn btn-primary" to={landingFor(me)}>
              {t('common.continue')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="lead">{t('account.passwordIntro')}</p>
          {email && <p className="muted break">{t('account.signedInAs', { email })}</p>}
          <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
            <FormAlert message={formError} />
            {/* Lets password managers file the new password under the right account. */}
            <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
            <TextField
              {...bind('currentPassword')}
              label={t('account.currentPassword')}
              type="password"
              autoComplete="current-password"
              required
            />
            <TextField
              {...bind('newPassword')}
              label={t('account.newPassword')}
              type="password"
              autoComplete="new-password"
              required
              hint={t('register.passwordPolicy')}
            />
            <TextField
              {...bind('confirmPassword')}
              label={t('account.confirmPassword')}
              type="password"
              autoComplete="new-password"
              required
            />
            <p className="actions">
              <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
                {busy ? t('account.submitting') : t('account.submit')}
              </button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
