import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { ApiError } from '../../api/client';
import { PLATFORM_ROLES, type PlatformRole, type User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { PagedTable } from '../../components/DataTable';
import { TextField } from '../../components/Fields';
import { Notice } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';

const PAGE_SIZE = 20;

function sameRoles(a: PlatformRole[], b: PlatformRole[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

function UserRow({ user, onStale }: { user: User; onStale: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const { me, reload: reloadMe } = useAuth();
  const [roles, setRoles] = useState<PlatformRole[]>(user.roles);
  const [saved, setSaved] = useState<PlatformRole[]>(user.roles);
  const [version, setVersion] = useState(user.version);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'error' } | null>(null);
  const dirty = !sameRoles(roles, saved);
  const name = user.fullName || user.email;

  function toggle(role: PlatformRole, on: boolean) {
    setMessage(null);
    setRoles((prev) => (on ? PLATFORM_ROLES.filter((r) => r === role || prev.includes(r)) : prev.filter((r) => r !== role)));
  }

  async function save() {
    setBusy(true);
    setMessage(null);
    try {
      const updated = await endpoints.setRoles(user.id, roles, version);
      const next = updated?.roles ?? roles;
      setVersion(updated?.version);
      setSaved(next);
      setRoles(next);
      setMessage({ text: t('users.saved', { name }), tone: 'success' });
      if (me?.user.id === user.id) await reloadMe().catch(() => null);
    } catch (err) {
      setMessage({ text: problemMessage(t, err), tone: 'error' });
      if (err instanceof ApiError && err.status === 412) onStale(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr>
      <td data-label={t('users.name')}>{user.fullName || t('common.none')}</td>
      <td data-label={t('users.email')} className="break">
        {user.email}
      </td>
      <td data-label={t('users.createdAt')}>{formatDate(user.createdAt, i18n.language)}</td>
      <td data-label={t('users.roles')}>
        <fieldset className="role-boxes">
          <legend className="visually-hidden">{t('users.rolesOf', { name })}</legend>
          {PLATFORM_ROLES.map((r) => (
            <label key={r} className="check">
              <input type="checkbox" checked={roles.includes(r)} onChange={(e) => toggle(r, e.target.checked)} />
              {t(`platformRole.${r}`)}
            </label>
          ))}
        </fieldset>
      </td>
      <td className="cell-actions">
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={!dirty || busy}
          aria-label={t('users.saveLabel', { name })}
          onClick={save}
        >
          {busy ? t('common.working') : t('common.save')}
        </button>
        <Notice message={message?.text} tone={message?.tone} />
      </td>
    </tr>
  );
}

export default function Users() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(q);
  const [notice, setNotice] = useState<string | null>(null);
  const { data, error, loading, reload } = useAsync(() => endpoints.users(q, page, PAGE_SIZE), [q, page]);
  useTitle(t('users.title'));

  function onSearch(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    setParams(draft.trim() ? { q: draft.trim() } : {});
  }

  return (
    <section className="page">
      <h1>{t('users.title')}</h1>
      <p className="lead">{t('users.intro')}</p>
      <form className="form search-form" role="search" onSubmit={onSearch}>
        <div className="form-row">
          <TextField
            id="users-q"
            type="search"
            label={t('users.search')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="field field-submit">
            <button type="submit" className="btn btn-primary">
              {t('common.search')}
            </button>
          </div>
        </div>
      </form>
      <Notice message={notice} tone="error" />
      <PagedTable
        data={data}
        loading={loading}
        error={error}
        onRetry={reload}
        empty={t('users.empty')}
        columns={[t('users.name'), t('users.email'), t('users.createdAt'), t('users.roles')]}
        actions
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => setParams(q ? { q, page: String(p) } : { page: String(p) })}
        row={(u) => (
          <UserRow
            key={`${u.id}:${u.version ?? ''}`}
            user={u}
            onStale={(text) => {
              setNotice(text);
              void reload();
            }}
          />
        )}
      />
    </section>
  );
}
