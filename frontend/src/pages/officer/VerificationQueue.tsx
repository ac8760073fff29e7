import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { ApiError } from '../../api/client';
import { ORG_STATUSES, type Organization, type OrgStatus } from '../../api/types';
import { FormDialog } from '../../components/ConfirmDialog';
import { PagedTable } from '../../components/DataTable';
import { TextAreaField } from '../../components/Fields';
import { StatusBadge } from '../../components/Status';
import { Tabs } from '../../components/Tabs';
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
  useTitle(t('queue.title'));

  function go(next: { status?: OrgStatus; page?: number }) {
    const s = next.status ?? status;
    const p = next.page ?? 1;
    setParams(p > 1 ? { status: s, page: String(p) } : { status: s });
  }

  return (
    <section className="page">
      <h1>{t('queue.title')}</h1>
      <p className="lead">{t('queue.intro')}</p>

      <Tabs
        tabs={ORG_STATUSES}
        current={status}
        label={t('queue.tabs')}
        panelId="queue-panel"
        tabLabel={(s) => t(`orgStatus.${s}`)}
        onSelect={(s) => go({ status: s })}
      />

      <div id="queue-panel" role="tabpanel" aria-labelledby={`tab-${status}`}>
        <PagedTable
          data={data}
          loading={loading}
          error={error}
          onRetry={reload}
          empty={t('queue.empty')}
          columns={[t('queue.name'), t('queue.kind'), t('acct.queue.evidence'), t('queue.registeredAt'), t('queue.ownerEmail'), t('queue.status')]}
          actions
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => go({ page: p })}
          row={(org) => (
            <tr key={org.id} data-org-id={org.id}>
              <td data-label={t('queue.name')}>
                <Link to={`/organization/${encodeURIComponent(org.id)}`} className="strong">
                  {org.name}
                </Link>
                {org.rejectReason && <p className="muted small">{org.rejectReason}</p>}
              </td>
              <td data-label={t('queue.kind')}>{t(`orgKind.${org.kind}`)}</td>
              <td data-label={t('acct.queue.evidence')}>
                {org.evidence?.taxCode && <span className="nowrap">{org.evidence.taxCode}</span>}
                <span className="evidence-flags">
                  {(org.taxCodeSharedWith ?? []).length > 0 && (
                    <span className="badge badge-rejected" data-testid="flag-shared">
                      {t('acct.queue.shared')}
                    </span>
                  )}
                  {(org.missing ?? []).length > 0 ? (
                    <span className="badge badge-pending">{t('acct.queue.missingCount', { count: (org.missing ?? []).length })}</span>
                  ) : (
                    <span className="badge badge-verified">{t('acct.queue.complete')}</span>
                  )}
                </span>
              </td>
              <td data-label={t('queue.registeredAt')}>{formatDate(org.createdAt, i18n.language)}</td>
              <td data-label={t('queue.ownerEmail')} className="break">
                {org.ownerEmail ?? t('common.none')}
              </td>
              <td data-label={t('queue.status')}>
                <StatusBadge status={org.status} />
              </td>
              <td className="cell-actions">
                {/* Deciding happens on the organisation's page, after reading its details. */}
                {org.status !== 'verified' && (
                  <Link
                    to={`/organization/${encodeURIComponent(org.id)}`}
                    className="btn btn-secondary btn-small"
                    aria-label={t('acct.queue.openLabel', { name: org.name })}
                  >
                    {t('acct.queue.open')}
                  </Link>
                )}
              </td>
            </tr>
          )}
        />
      </div>

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
    <FormDialog
      open={!!org}
      title={t('queue.rejectTitle', { name: org?.name ?? '' })}
      confirmLabel={t('queue.rejectConfirm')}
      busy={busy}
      error={formError}
      onSubmit={onSubmit}
      onClose={close}
    >
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
    </FormDialog>
  );
}
