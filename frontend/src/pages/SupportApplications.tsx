// Support applications as lists: an enterprise's own dossiers, the
// department's queue (every submitted one, by programme, state and words,
// with the count per state) and a reviewer's assigned dossiers. The scope,
// filters and page live in the URL.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { APPLICATION_STATES, type Application, type ApplicationScope, type ApplicationState } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { PagedTable } from '../components/DataTable';
import { SelectField, TextField } from '../components/Fields';
import { ApplicationStateBadge } from '../components/SupportBadges';
import { Tabs } from '../components/Tabs';
import { formatScore, ownReview } from '../lib/applications';
import { formatDate, formatVnd } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

const PAGE_SIZE = 20;

/** The scopes a person has, the first being where they land. */
export function scopesFor(who: { officer: boolean; reviewer: boolean; member: boolean }): ApplicationScope[] {
  const out: ApplicationScope[] = [];
  if (who.officer) out.push('all');
  if (who.reviewer) out.push('assigned');
  if (who.member) out.push('mine');
  return out;
}

export default function SupportApplications() {
  const { t, i18n } = useTranslation();
  const { me, hasRole, status } = useAuth();
  const ready = status !== 'loading';
  const scopes = scopesFor({
    officer: hasRole('officer', 'admin'),
    reviewer: hasRole('reviewer'),
    member: !!me?.organizations.some((o) => (o.kind as string) !== 'department'),
  });
  const [params, setParams] = useSearchParams();
  const raw = params.get('scope') as ApplicationScope | null;
  const scope: ApplicationScope = raw && scopes.includes(raw) ? raw : (scopes[0] ?? 'mine');
  const programId = params.get('programId') ?? '';
  const rawState = params.get('state') ?? '';
  const state = (APPLICATION_STATES as readonly string[]).includes(rawState) ? (rawState as ApplicationState) : undefined;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draftQ, setDraftQ] = useState(q);
  const queue = scope === 'all';

  const { data, error, loading, reload } = useAsync(
    () =>
      ready
        ? endpoints.applications({ scope, programId: queue ? programId || undefined : undefined, state: queue ? state : undefined, q: queue ? q || undefined : undefined }, page, PAGE_SIZE)
        : new Promise<never>(() => undefined),
    [ready, scope, programId, state, q, page],
  );
  const programs = useAsync(() => (queue ? endpoints.programs(undefined, 1, 100) : Promise.resolve(null)), [queue]);
  // How many of the listed dossiers are in each state, whatever state is picked (drafts stay the applicants' own).
  const counts = data?.counts ?? {};
  const title = t(`applications.title.${scope}`);
  useTitle(title);

  function go(next: { scope?: ApplicationScope; programId?: string; state?: string; q?: string; page?: number }) {
    const s = next.scope ?? scope;
    const out: Record<string, string> = {};
    if (scopes.length > 1 || s !== scopes[0]) out.scope = s;
    if (s === 'all') {
      const pid = next.programId ?? programId;
      const st = next.state ?? state ?? '';
      const qq = next.q ?? q;
      if (pid) out.programId = pid;
      if (st) out.state = st;
      if (qq.trim()) out.q = qq.trim();
    }
    if ((next.page ?? 1) > 1) out.page = String(next.page);
    setParams(out);
  }

  function onSearch(e: FormEvent) {
    e.preventDefault();
    go({ q: draftQ });
  }

  const filtered = !!(programId || state || q);
  const table = (
    <PagedTable
      data={data}
      loading={loading}
      error={error}
      onRetry={reload}
      empty={filtered ? t('applications.emptyFiltered') : t(`applications.empty.${scope}`)}
      columns={[
        t('applications.col.application'),
        t('applications.col.program'),
        t('applications.col.state'),
        t('appFields.requested'),
        scope === 'assigned' ? t('applications.col.myScore') : t('applications.col.updated'),
      ]}
      actions
      className="table responsive applications-table"
      page={page}
      pageSize={PAGE_SIZE}
      onPage={(p) => go({ page: p })}
      row={(a: Application) => {
        const mine = ownReview(a, me?.user.id);
        const path = `/support/applications/${encodeURIComponent(a.id)}`;
        // The server's `can` for the person asking.
        const edit = scope === 'mine' && a.can.edit;
        const score = scope === 'assigned' && a.can.score;
        return (
          <tr key={a.id} data-application-id={a.id}>
            <td data-label={t('applications.col.application')}>
              <Link className="strong" to={path}>
                {a.title}
              </Link>
              <span className="small muted block">{a.orgName}</span>
            </td>
            <td data-label={t('applications.col.program')}>{a.programName}</td>
            <td data-label={t('applications.col.state')}>
              <ApplicationStateBadge state={a.state} />
            </td>
            <td data-label={t('appFields.requested')} className="nowrap">
              {a.requested ? formatVnd(a.requested) : t('common.none')}
            </td>
            <td data-label={scope === 'assigned' ? t('applications.col.myScore') : t('applications.col.updated')}>
              {scope === 'assigned'
                ? mine?.submittedAt
                  ? mine.declaration === 'conflict'
                    ? t('review.declaration.conflictShort')
                    : `${formatScore(mine.total, i18n.language)}/100`
                  : t('applications.notScored')
                : formatDate(a.updatedAt, i18n.language)}
            </td>
            <td className="cell-actions">
              <Link
                className={edit || score ? 'btn btn-primary btn-small' : 'btn btn-secondary btn-small'}
                to={edit ? `${path}/edit` : score ? `${path}/review` : path}
                aria-label={t(edit ? 'applications.editLabel' : score ? 'applications.scoreLabel' : 'applications.openLabel', { title: a.title })}
              >
                {edit ? t('applications.edit') : score ? t('applications.score') : t('applications.open')}
              </Link>
            </td>
          </tr>
        );
      }}
    />
  );

  const body = (
    <>
      {queue && (
        <>
          <form className="form filters" onSubmit={onSearch} role="search" aria-label={t('applications.filters')}>
            <div className="form-row">
              <SelectField id="apps-program" label={t('applications.col.program')} value={programId} onChange={(e) => go({ programId: e.target.value })}>
                <option value="">{t('applications.anyProgram')}</option>
                {(programs.data?.items ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </SelectField>
              <SelectField id="apps-state" label={t('applications.col.state')} value={state ?? ''} onChange={(e) => go({ state: e.target.value })}>
                <option value="">{t('applications.anyState')}</option>
                {APPLICATION_STATES.filter((s) => s !== 'draft').map((s) => (
                  <option key={s} value={s}>
                    {t(`appState.${s}`)}
                    {counts[s] ? ` (${counts[s]})` : ''}
                  </option>
                ))}
              </SelectField>
              <TextField
                id="apps-q"
                label={t('applications.search')}
                type="search"
                placeholder={t('applications.searchHint')}
                value={draftQ}
                onChange={(e) => setDraftQ(e.target.value)}
              />
              <div className="field field-submit">
                <button type="submit" className="btn btn-primary">
                  {t('applications.apply')}
                </button>
                {filtered && (
                  <button
                    type="button"
                    className="btn btn-link"
                    onClick={() => {
                      setDraftQ('');
                      setParams(scopes.length > 1 ? { scope } : {});
                    }}
                  >
                    {t('common.clearFilters')}
                  </button>
                )}
              </div>
            </div>
          </form>
          {Object.keys(counts).length > 0 && (
            <ul className="state-counts" aria-label={t('applications.counts')}>
              {APPLICATION_STATES.filter((s) => counts[s]).map((s) => (
                <li key={s}>
                  <button type="button" className={s === state ? 'count-chip current' : 'count-chip'} aria-pressed={s === state} onClick={() => go({ state: s === state ? '' : s })}>
                    {t(`appState.${s}`)} <span className="count">{counts[s]}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {data && (
            <p className="muted small" role="status">
              {t('applications.total', { count: data.total })}
            </p>
          )}
        </>
      )}
      {table}
    </>
  );

  return (
    <section className="page">
      <div className="page-head">
        <h1>{title}</h1>
        <Link className="btn btn-secondary" to="/support">
          {t('applications.toPrograms')}
        </Link>
      </div>
      <p className="lead">{t(`applications.intro.${scope}`)}</p>
      {scopes.length > 1 ? (
        <>
          <Tabs
            tabs={scopes}
            current={scope}
            label={t('applications.scopes')}
            panelId="applications-panel"
            tabLabel={(s) => t(`applications.tab.${s}`)}
            onSelect={(s) => {
              setDraftQ('');
              go({ scope: s, programId: '', state: '', q: '' });
            }}
          />
          <div id="applications-panel" role="tabpanel" aria-labelledby={`tab-${scope}`}>
            {body}
          </div>
        </>
      ) : (
        body
      )}
    </section>
  );
}
