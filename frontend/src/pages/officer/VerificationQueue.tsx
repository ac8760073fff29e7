import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { ApiError } from '../../api/client';
import { ORG_STATUSES, type Organization, type OrgStatus } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { FormAlert, TextAreaField } from '../../components/Fields';
import { Pagination } from '../../components/Pagination';
import { ErrorState, Loading, Notice, StatusBadge } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { REASON_MAX, validateRejectReason, type FieldProblem } from '../../lib/validation';

const PAGE_SIZE = 20;

function parseStatus(v: string | null): OrgStatus {
  return ORG_STATUSES.includes(v as OrgStatus) ? (v as OrgStatus) : 'pending';
}

export default function VerificationQueue() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = parseStatus(params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, error, loading, reload } = useAsync(
    () => endpoints.organizations(status, page, PAGE_SIZE),
    [status, page],
  );
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Organization | null>(null);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  useTitle(t('queue.title'));

  function go(next: { status?: OrgStatus; page?: number }) {
    const s = next.status ?? status;
    const p = next.page ?? 1;
    setParams(p > 1 ? { status: s, page: String(p) } : { status: s });
  }

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = ORG_STATUSES.indexOf(status);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % ORG_STATUSES.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + ORG_STATUSES.length) % ORG_STATUSES.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = ORG_STATUSES.length - 1;
    if (j < 0) return;
    e.preventDefault();
    go({ status: ORG_STATUSES[j] });
    tabRefs.current[ORG_STATUSES[j]]?.focus();
  }

  /** Shared handling of a decision's failure: 412 means someone else changed it. */
  async function handleDecisionError(err: unknown) {
    if (err instanceof ApiError && err.status === 412) {
      setNotice({ text: t('queue.stale'), tone: 'error' });
      await reload();
      return;
    }
    setNotice({ text: problemMessage(t, err), tone: 'error' });
  }

  async function verify(org: Organization) {
    setBusyId(org.id);
    setNotice(null);
    try {
      await endpoints.verify(org.id, org.version);
      setNotice({ text: t('queue.verified', { name: org.name }), tone: 'success' });
      await reload();
    } catch (err) {
      await handleDecisionError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="page">
      <h1>{t('queue.title')}</h1>
      <p className="lead">{t('queue.intro')}</p>

      <div className="tabs" role="tablist" aria-label={t('queue.tabs')}>
        {ORG_STATUSES.map((s) => (
          <button
            key={s}
            ref={(el) => {
              tabRefs.current[s] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${s}`}
            aria-selected={s === status}
            aria-controls="queue-panel"
            tabIndex={s === status ? 0 : -1}
            onClick={() => go({ status: s })}
            onKeyDown={onTabKey}
          >
            {t(`orgStatus.${s}`)}
          </button>
        ))}
      </div>

      <div id="queue-panel" role="tabpanel" aria-labelledby={`tab-${status}`}>
        <Notice message={notice?.text} tone={notice?.tone} />
        {!data && loading && <Loading />}
        {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
        {data && data.items.length === 0 && <p className="empty">{t('queue.empty')}</p>}
        {data && data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table responsive" aria-busy={loading}>
              <thead>
                <tr>
                  <th scope="col">{t('queue.name')}</th>
                  <th scope="col">{t('queue.kind')}</th>
                  <th scope="col">{t('queue.registeredAt')}</th>
                  <th scope="col">{t('queue.ownerEmail')}</th>
                  <th scope="col">{t('queue.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((org) => (
                  <tr key={org.id} data-org-id={org.id}>
                    <td data-label={t('queue.name')}>
                      <Link to={`/organization/${encodeURIComponent(org.id)}`} className="strong">
                        {org.name}
                      </Link>
                      {org.rejectReason && <p className="muted small">{org.rejectReason}</p>}
                    </td>
                    <td data-label={t('queue.kind')}>{t(`orgKind.${org.kind}`)}</td>
                    <td data-label={t('queue.registeredAt')}>{formatDate(org.createdAt, i18n.language)}</td>
                    <td data-label={t('queue.ownerEmail')} className="break">
                      {org.ownerEmail ?? t('common.none')}
                    </td>
                    <td data-label={t('queue.status')}>
                      <StatusBadge status={org.status} />
                    </td>
                    <td className="cell-actions">
                      {org.status === 'pending' && (
                        <span className="button-row">
                          <button
                            type="button"
                            className="btn btn-primary btn-small"
                            disabled={busyId === org.id}
                            aria-label={t('queue.verifyLabel', { name: org.name })}
                            onClick={() => verify(org)}
                          >
                            {t('queue.verify')}
                          </button>
                          <button
                            type="button"
                            className="btn btn-danger btn-small"
                            disabled={busyId === org.id}
                            aria-label={t('queue.rejectLabel', { name: org.name })}
                            onClick={() => {
                              setNotice(null);
                              setRejecting(org);
                            }}
                          >
                            {t('queue.reject')}
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data && data.total > PAGE_SIZE && (
          <Pagination page={page} pageSize={data.pageSize || PAGE_SIZE} total={data.total} onPage={(p) => go({ page: p })} />
        )}
      </div>

      <RejectDialog
        org={rejecting}
        onClose={() => setRejecting(null)}
        onDone={async (org) => {
          setRejecting(null);
          setNotice({ text: t('queue.rejected', { name: org.name }), tone: 'success' });
          await reload();
        }}
        onStale={async () => {
          setRejecting(null);
          await handleDecisionError(new ApiError({ status: 412, code: 'version_mismatch' }));
        }}
      />
    </section>
  );
}

export function RejectDialog({
  org,
  onClose,
  onDone,
  onStale,
}: {
  org: Organization | null;
  onClose: () => void;
  onDone: (org: Organization) => void | Promise<void>;
  onStale: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FieldProblem | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    if (busy) return;
    setReason('');
    setProblem(undefined);
    setFormError(null);
    onClose();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!org) return;
    const p = validateRejectReason(reason);
    setProblem(p);
    if (p) {
      setFormError(t('form.fixErrors', { count: 1 }));
      document.getElementById('reject-reason')?.focus();
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      await endpoints.reject(org.id, org.version, reason.trim());
      setBusy(false);
      setReason('');
      await onDone(org);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        setReason('');
        await onStale();
        return;
      }
      const fe = err instanceof ApiError ? err.errors.find((x) => x.field === 'reason') : undefined;
      if (fe) setProblem({ code: fe.code, message: fe.message });
      setFormError(problemMessage(t, err));
    }
  }

  return (
    <Dialog open={!!org} title={t('queue.rejectTitle', { name: org?.name ?? '' })} onClose={close}>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormAlert message={formError} />
        <TextAreaField
          id="reject-reason"
          label={t('queue.rejectReason')}
          hint={t('queue.rejectReasonHint')}
          required
          rows={4}
          maxLength={REASON_MAX}
          value={reason}
          autoFocus
          onChange={(e) => {
            setReason(e.target.value);
            if (problem) setProblem(validateRejectReason(e.target.value));
          }}
          error={fieldMessage(t, problem)}
        />
        <p className="actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={close} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {busy ? t('common.working') : t('queue.rejectConfirm')}
          </button>
        </p>
      </form>
    </Dialog>
  );
}
