// Backups: the schedule's state (last success, last failure), the backups
// kept, "back up now" and "export everything". The server decides whether
// backups are on; this page only shows what it says.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import type { BackupEntry } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDateTime, formatFileSize, formatNumber } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';

function documents(e: BackupEntry): number {
  return Object.values(e.manifest.collections).reduce((a, b) => a + b, 0);
}

export default function Backups() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, error, loading, reload } = useAsync(() => endpoints.backups(), []);
  const [busy, setBusy] = useState<'backup' | 'export' | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'error' } | null>(null);
  useTitle(t('backups.title'));

  async function run(kind: 'backup' | 'export') {
    setBusy(kind);
    setMessage(null);
    try {
      const e = kind === 'backup' ? await endpoints.backupNow() : await endpoints.exportNow();
      setMessage({
        text: t(kind === 'backup' ? 'backups.done' : 'backups.exported', {
          name: e.name,
          size: formatFileSize(e.manifest.bytes, lang),
        }),
        tone: 'success',
      });
      reload();
    } catch (err) {
      setMessage({ text: problemMessage(t, err), tone: 'error' });
    } finally {
      setBusy(null);
    }
  }

  const status = data?.status;
  return (
    <section className="page">
      <h1>{t('backups.title')}</h1>
      <p className="lead">{t('backups.intro')}</p>
      {loading && !data && <Loading />}
      {error ? <ErrorState message={problemMessage(t, error)} onRetry={reload} /> : null}
      {status && (
        <>
          <dl className="facts">
            <div>
              <dt>{t('backups.schedule')}</dt>
              <dd>
                {status.enabled
                  ? t('backups.scheduleOn', { daily: status.keepDaily, monthly: status.keepMonthly })
                  : t('backups.scheduleOff')}
              </dd>
            </div>
            {status.enabled && status.nextAt && (
              <div>
                <dt>{t('backups.next')}</dt>
                <dd>{formatDateTime(status.nextAt, lang)}</dd>
              </div>
            )}
            <div>
              <dt>{t('backups.lastSuccess')}</dt>
              <dd>{status.lastSuccess ? formatDateTime(status.lastSuccess, lang) : t('backups.noneSinceStart')}</dd>
            </div>
          </dl>
          {status.lastError && (
            <div className="alert alert-error" role="alert">
              <strong>{t('backups.failed', { at: formatDateTime(status.lastErrorAt, lang) })}</strong>
              <p className="break">{status.lastError}</p>
            </div>
          )}
          <div className="actions">
            {status.enabled && (
              <button type="button" className="btn btn-primary" disabled={busy !== null || status.running} onClick={() => run('backup')}>
                {busy === 'backup' ? t('common.working') : t('backups.backupNow')}
              </button>
            )}
            <button type="button" className="btn" disabled={busy !== null || status.running} onClick={() => run('export')}>
              {busy === 'export' ? t('common.working') : t('backups.exportNow')}
            </button>
          </div>
          <Notice message={message?.text} tone={message?.tone} />
          <section className="section" aria-labelledby="backups-kept-title">
            <h2 id="backups-kept-title">{t('backups.kept')}</h2>
            {data.items.length === 0 ? (
              <p>{status.enabled ? t('backups.empty') : t('backups.scheduleOff')}</p>
            ) : (
              <DataTable columns={[t('backups.when'), t('backups.kind'), t('backups.documents'), t('backups.size'), t('backups.name')]}>
                {data.items.map((e) => (
                  <tr key={e.name}>
                    <td data-label={t('backups.when')}>{formatDateTime(e.manifest.createdAt, lang)}</td>
                    <td data-label={t('backups.kind')}>{t(`backups.kinds.${e.manifest.kind}`)}</td>
                    <td data-label={t('backups.documents')} className="num">
                      {formatNumber(documents(e))}
                    </td>
                    <td data-label={t('backups.size')} className="num">
                      {formatFileSize(e.manifest.bytes, lang)}
                    </td>
                    <td data-label={t('backups.name')} className="break">
                      <code>{e.name}</code>
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        </>
      )}
    </section>
  );
}
