import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { endpoints } from '../../api';
import { AUDIT_ACTIONS, type AuditEntry } from '../../api/types';
import { PagedTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/Fields';
import { formatDate, formatDateTime, formatVnd } from '../../lib/format';
import { useTermLabels } from '../../lib/taxonomy';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';

const PAGE_SIZE = 25;

export function actionLabel(t: TFunction, action: string): string {
  return t(`auditActions.${action}`, { defaultValue: action });
}

function subjectLabel(t: TFunction, type: string): string {
  return t(`subjectType.${type}`, { defaultValue: type });
}

/** Value namespaces for fields whose values are codes we can translate. */
const VALUE_KEYS: Record<string, string> = {
  status: 'orgStatus',
  kind: 'orgKind',
  role: 'orgRole',
  roles: 'platformRole',
};

/** Namespaces that depend on what the entry is about (each subject's states). */
const SUBJECT_VALUE_KEYS: Record<string, Record<string, string>> = {
  'support.application': { state: 'appState', declaration: 'review.declaration' },
  'support.program': { state: 'programState' },
  listing: { state: 'listingState' },
  connection: { state: 'connectionState' },
  report: { state: 'plan.state' },
  'event.event': { state: 'events.state' },
  'event.registration': { state: 'events.regState' },
  'event.meeting': { state: 'eventMeetings.state', result: 'eventMeetings.outcome' },
  'event.deal': { kind: 'eventDeals.kind' },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function showValue(t: TFunction, field: string, v: unknown, subjectType = '', lang = 'vi'): string {
  if (v === null || v === undefined || v === '') return t('common.none');
  if (Array.isArray(v)) return v.length ? v.map((x) => showValue(t, field, x, subjectType, lang)).join(', ') : t('common.none');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // A transfer's registration and implementation: their status says it.
    if (field === 'registration' && typeof o.status === 'string') return t(`registrationStatus.${o.status}`, { defaultValue: o.status });
    if (field === 'implementation' && typeof o.status === 'string') return t(`implementationStatus.${o.status}`, { defaultValue: o.status });
    // A programme's window: from … to ….
    if (typeof o.opensOn === 'string' && typeof o.closesOn === 'string') {
      return `${formatDate(o.opensOn, lang)} – ${formatDate(o.closesOn, lang)}`;
    }
    return Object.entries(o)
      .map(([k, x]) => `${t(`auditFields.${k}`, { defaultValue: k })}: ${showValue(t, k, x, subjectType, lang)}`)
      .join('; ');
  }
  if ((field === 'amount' || field === 'budget' || field === 'contractValue') && typeof v === 'number') return formatVnd(v, lang);
  if (typeof v === 'string' && DATE.test(v)) return formatDate(v, lang);
  const ns = SUBJECT_VALUE_KEYS[subjectType]?.[field] ?? VALUE_KEYS[field];
  if (ns) return t(`${ns}.${String(v)}`, { defaultValue: String(v) });
  return String(v);
}

/**
 * The reason in words: a system reason is a code with texts; a listing's
 * rejection is "code: comment", its code labelled from the taxonomy.
 */
export function reasonText(t: TFunction, reason: string | undefined, rejectReason: (code: string) => string): string {
  if (!reason) return t('common.none');
  if (/^[a-z_]+$/.test(reason)) return t(`auditReasons.${reason}`, { defaultValue: reason });
  const m = /^([a-z_]+): ([\s\S]*)$/.exec(reason);
  if (m) {
    const label = rejectReason(m[1]);
    if (label !== m[1]) return m[2] ? `${label}: ${m[2]}` : label;
  }
  return reason;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const entries = Object.entries(entry.changes ?? {});
  if (!entries.length) return <>{t('common.none')}</>;
  return (
    <ul className="changes">
      {entries.map(([field, c]) => (
        <li key={field}>
          <span className="strong">{t(`auditFields.${field}`, { defaultValue: field })}</span>:{' '}
          {t('audit.changeFromTo', {
            from: showValue(t, field, c.from, entry.subject.type, i18n.language),
            to: showValue(t, field, c.to, entry.subject.type, i18n.language),
          })}
        </li>
      ))}
    </ul>
  );
}

export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const subject = params.get('subject') ?? '';
  const actor = params.get('actor') ?? '';
  const action = params.get('action') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState({ subject, actor, action });
  const { data, error, loading, reload } = useAsync(
    () => endpoints.audit({ subject, actor, action }, page, PAGE_SIZE),
    [subject, actor, action, page],
  );
  const labels = useTermLabels();
  useTitle(t('audit.title'));

  function apply(next: { subject: string; actor: string; action: string }, p = 1) {
    const q: Record<string, string> = {};
    if (next.subject.trim()) q.subject = next.subject.trim();
    if (next.actor.trim()) q.actor = next.actor.trim();
    if (next.action) q.action = next.action;
    if (p > 1) q.page = String(p);
    setParams(q);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    apply(draft);
  }

  const filtered = !!(subject || actor || action);

  return (
    <section className="page">
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>

      <form className="form filters" onSubmit={onSubmit} role="search" aria-label={t('audit.filters')}>
        <div className="form-row">
          <TextField
            id="audit-subject"
            label={t('audit.subject')}
            value={draft.subject}
            onChange={(e) => setDraft({ ...draft, subject: e.target.value })}
          />
          <TextField
            id="audit-actor"
            label={t('audit.actor')}
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          />
          <SelectField
            id="audit-action"
            label={t('audit.action')}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            <option value="">{t('audit.anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </SelectField>
          <div className="field field-submit">
            <button type="submit" className="btn btn-primary">
              {t('audit.apply')}
            </button>
            {filtered && (
              <button
                type="button"
                className="btn btn-link"
                onClick={() => {
                  const empty = { subject: '', actor: '', action: '' };
                  setDraft(empty);
                  apply(empty);
                }}
              >
                {t('common.clearFilters')}
              </button>
            )}
          </div>
        </div>
      </form>

      <PagedTable
        data={data}
        loading={loading}
        error={error}
        onRetry={reload}
        empty={t('audit.empty')}
        columns={[t('audit.at'), t('audit.actorColumn'), t('audit.action'), t('audit.subjectColumn'), t('audit.reason'), t('audit.changes')]}
        className="table responsive audit-table"
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => apply({ subject, actor, action }, p)}
        row={(e) => (
          <tr key={e.id} data-action={e.action}>
            <td data-label={t('audit.at')} className="nowrap">
              <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
            </td>
            <td data-label={t('audit.actorColumn')} className="break">
              {e.actor?.email || (!e.actor?.id || e.actor.id === 'system' ? t('audit.system') : e.actor.id)}
            </td>
            <td data-label={t('audit.action')}>
              <span className="action-label">{actionLabel(t, e.action)}</span>
            </td>
            <td data-label={t('audit.subjectColumn')}>
              <span className="muted">{subjectLabel(t, e.subject.type)}: </span>
              <span className="break">{e.subject.name || e.subject.id}</span>
            </td>
            <td data-label={t('audit.reason')}>{reasonText(t, e.reason, labels.rejectReason)}</td>
            <td data-label={t('audit.changes')}>
              <Changes entry={e} />
            </td>
          </tr>
        )}
      />
    </section>
  );
}
