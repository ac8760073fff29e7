// Account → Notifications by e-mail: one checkbox per kind. The bell shows
// every notification whatever is chosen here.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { EMAIL_KINDS, type EmailKind, type NotificationPreferences } from '../api/types';
import { ChoiceGroup, FormAlert } from '../components/Fields';
import { ErrorState, Loading, Notice } from '../components/Status';
import { problemMessage } from '../lib/messages';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

export default function NotificationSettings() {
  const { t } = useTranslation();
  const { data, error, loading, reload, setData } = useAsync(() => endpoints.notificationPreferences(), []);
  const [email, setEmail] = useState<Record<EmailKind, boolean> | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useTitle(t('notificationSettings.title'));

  useEffect(() => {
    if (data) setEmail(Object.fromEntries(EMAIL_KINDS.map((k) => [k, data.email?.[k] !== false])) as Record<EmailKind, boolean>);
  }, [data]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!email) return;
    setBusy(true);
    setFormError(null);
    setSaved(false);
    try {
      const prefs: NotificationPreferences = { email: { ...(data?.email ?? {}), ...email } };
      setData(await endpoints.setNotificationPreferences(prefs));
      setSaved(true);
    } catch (err) {
      setFormError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow">
      <p className="eyebrow">{t('account.title')}</p>
      <h1>{t('notificationSettings.title')}</h1>
      <p className="lead">{t('notificationSettings.intro')}</p>
      {!email && loading && <Loading />}
      {!email && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {email && (
        <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
          <FormAlert message={formError} />
          <ChoiceGroup id="pref-match" label={t('notificationSettings.legend')}>
            {EMAIL_KINDS.map((k) => (
              <label key={k} className="check pref">
                <input
                  type="checkbox"
                  id={`pref-${k}`}
                  checked={email[k]}
                  onChange={(e) => {
                    setSaved(false);
                    setEmail({ ...email, [k]: e.target.checked });
                  }}
                />
                <span>
                  <span className="strong">{t(`notificationSettings.kind.${k}`)}</span>
                  <span className="fact-note">{t(`notificationSettings.kindHint.${k}`)}</span>
                </span>
              </label>
            ))}
          </ChoiceGroup>
          <Notice message={saved ? t('notificationSettings.saved') : null} />
          <p className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('common.working') : t('common.save')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
