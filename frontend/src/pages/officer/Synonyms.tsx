// "Từ đồng nghĩa": the synonyms every search applies, which the department
// maintains — groups of equivalent terms (sắn, khoai mì) and one-way
// expansions (HTX → hợp tác xã; tea → chè). Each change is audited and
// applies to searches at once.
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { endpoints } from '../../api';
import type { Synonym } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ChoiceGroup, FormAlert, TextField } from '../../components/Fields';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatNumber } from '../../lib/format';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';

type Mode = 'equivalent' | 'oneWay';

interface Draft {
  id?: string;
  version?: number;
  mode: Mode;
  terms: string;
  expansions: string;
  note: string;
}

const EMPTY: Draft = { mode: 'equivalent', terms: '', expansions: '', note: '' };

/** Terms typed one per comma or line. */
export function splitTerms(s: string): string[] {
  return s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

export default function Synonyms() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync(() => endpoints.synonyms(), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Synonym | null>(null);
  useTitle(t('query.synonymsTitle'));

  const rules = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = data?.rules ?? [];
    if (!q) return all;
    return all.filter((r) => [...r.terms, ...r.expansions, r.note].some((x) => x.toLowerCase().includes(q)));
  }, [data, filter]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    setFieldErrors({});
    const input = {
      terms: splitTerms(draft.terms),
      expansions: draft.mode === 'oneWay' ? splitTerms(draft.expansions) : [],
      note: draft.note.trim(),
    };
    try {
      if (draft.id && draft.version) await endpoints.updateSynonym(draft.id, input, draft.version);
      else await endpoints.createSynonym(input);
      setNotice(t(draft.id ? 'query.saved' : 'query.added', { terms: input.terms.join(', ') }));
      setDraft(EMPTY);
      reload();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length > 0) {
        const fe: Record<string, string | undefined> = {};
        for (const p of err.errors) fe[p.field] ??= fieldMessage(t, p) ?? p.message;
        setFieldErrors(fe);
      }
      setFormError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!removing) return;
    setBusy(true);
    try {
      await endpoints.deleteSynonym(removing.id, removing.version);
      setNotice(t('query.removed', { terms: removing.terms.join(', ') }));
      setRemoving(null);
      reload();
    } catch (err) {
      setFormError(problemMessage(t, err));
      setRemoving(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page synonyms-page">
      <h1>{t('query.synonymsTitle')}</h1>
      <p className="lead">{t('query.synonymsIntro')}</p>
      <Notice message={notice} />

      <form className="card synonym-form" onSubmit={save} noValidate>
        <h2>{draft.id ? t('query.editRule') : t('query.newRule')}</h2>
        <ChoiceGroup id="synonym-mode" label={t('query.mode')}>
          {(['equivalent', 'oneWay'] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="synonym-mode" value={m} checked={draft.mode === m} onChange={() => setDraft({ ...draft, mode: m })} />
              <span>
                <span className="strong">{t(`query.modes.${m}`)}</span>
                <span className="muted"> — {t(`query.modeHints.${m}`)}</span>
              </span>
            </label>
          ))}
        </ChoiceGroup>
        <TextField
          id="terms"
          label={draft.mode === 'oneWay' ? t('query.fromTerms') : t('query.terms')}
          hint={t('query.termsHint')}
          required
          value={draft.terms}
          error={fieldErrors.terms}
          onChange={(e) => setDraft({ ...draft, terms: e.target.value })}
        />
        {draft.mode === 'oneWay' && (
          <TextField
            id="expansions"
            label={t('query.expansions')}
            hint={t('query.termsHint')}
            required
            value={draft.expansions}
            error={fieldErrors.expansions}
            onChange={(e) => setDraft({ ...draft, expansions: e.target.value })}
          />
        )}
        <TextField id="note" label={t('query.note')} value={draft.note} error={fieldErrors.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
        <FormAlert message={formError} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {draft.id ? t('query.save') : t('query.add')}
          </button>
          {draft.id && (
            <button type="button" className="btn" onClick={() => setDraft(EMPTY)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>

      <div className="synonym-list-head">
        <h2>{t('query.rules', { count: data?.rules.length ?? 0, total: formatNumber(data?.rules.length ?? 0) })}</h2>
        <TextField id="synonym-filter" label={t('query.filter')} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {loading && !data && <Loading />}
      {!!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {data && (
        <ul className="synonym-list">
          {rules.map((r) => (
            <li key={r.id} className="synonym-rule">
              <div className="synonym-terms">
                {r.expansions.length > 0 ? (
                  <>
                    <span>{r.terms.join(', ')}</span>
                    <span aria-label={t('query.modes.oneWay')}> → </span>
                    <span className="strong">{r.expansions.join(', ')}</span>
                  </>
                ) : (
                  <span>{r.terms.join(' = ')}</span>
                )}
                {r.note && <span className="muted synonym-note">{r.note}</span>}
              </div>
              <div className="synonym-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    setDraft({
                      id: r.id,
                      version: r.version,
                      mode: r.expansions.length > 0 ? 'oneWay' : 'equivalent',
                      terms: r.terms.join(', '),
                      expansions: r.expansions.join(', '),
                      note: r.note,
                    });
                    window.scrollTo({ top: 0 });
                  }}
                >
                  {t('query.edit')}
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => setRemoving(r)}>
                  {t('query.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={!!removing}
        title={t('query.removeTitle')}
        confirmLabel={t('query.remove')}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onClose={() => setRemoving(null)}
      >
        <p>{t('query.removeText', { terms: removing?.terms.join(', ') ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
