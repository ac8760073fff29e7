// One agency's annual report. Its members write it while it is a draft or
// returned: for each target the year's figure (pre-filled and marked when
// the platform counts it, with the records counted; a note when they
// disagree), the status, what was done, difficulties, proposals and
// evidence files, plus free sections; then submit. Officers read it and
// return it with a reason or accept it. What is allowed is the server's
// `can`.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints, fileUrl } from '../../api';
import { ApiError } from '../../api/client';
import type { Report, ReportItem, ReportItemInput } from '../../api/types';
import { TARGET_STATUSES } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDate, formatNumber } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useTitle } from '../../lib/useTitle';
import { inLang, itemCumulative, itemValue, recordLink } from './lib';

type Draft = Record<string, ReportItemInput>;

function draftOf(r: Report): Draft {
  const d: Draft = {};
  for (const it of r.items) {
    d[it.target] = {
      target: it.target,
      status: it.status ?? '',
      done: it.done ?? '',
      difficulties: it.difficulties ?? '',
      proposals: it.proposals ?? '',
      note: it.note ?? '',
      ...(it.counted ? {} : { value: it.value, cumulative: it.cumulative }),
    } as ReportItemInput;
  }
  return d;
}

export default function ReportEditor() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<Report | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [sections, setSections] = useState<{ title: string; body: string }[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  useTitle(report ? `${inLang(report.agencyName, report.agencyNameEn, i18n.language)} – ${report.year}` : t('plan.reports.title'));

  function take(r: Report) {
    setReport(r);
    setDraft(draftOf(r));
    setSections(r.sections.map((s) => ({ title: s.title, body: s.body })));
  }

  function load() {
    setLoadError(null);
    endpoints.report(id).then(take, setLoadError);
  }
  useEffect(load, [id]);

  if (!report) {
    return (
      <section className="page">
        <h1>{t('plan.reports.title')}</h1>
        {loadError ? <ErrorState message={problemMessage(t, loadError)} onRetry={load} /> : <Loading />}
      </section>
    );
  }
  const r = report;
  const editable = !!r.can.edit;
  const en = i18n.language === 'en';

  function failed(err: unknown) {
    if (err instanceof ApiError) {
      const f: Record<string, string> = {};
      for (const e of err.errors) f[e.field] = e.message ?? e.code;
      setFieldErrors(f);
      if (err.code === 'version_mismatch') load();
    }
    setError(problemMessage(t, err));
  }

  async function save(): Promise<Report | null> {
    setBusy(true);
    setError(null);
    setNotice(null);
    setFieldErrors({});
    try {
      const items = r.items.map((it) => {
        const d = { ...draft[it.target] };
        if (it.counted) {
          delete d.value;
          delete d.cumulative;
        }
        return d;
      });
      const next = await endpoints.updateReport(r.id, { items, sections }, r.version);
      take(next);
      setNotice(t('plan.editor.saved'));
      return next;
    } catch (err) {
      failed(err);
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    const saved = await save();
    if (!saved) return;
    setBusy(true);
    try {
      take(await endpoints.reportStep(saved.id, 'submit', saved.version));
      setNotice(t('plan.editor.submitted'));
    } catch (err) {
      setNotice(null);
      failed(err);
    } finally {
      setBusy(false);
    }
  }

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      take(await endpoints.reportStep(r.id, 'accept', r.version));
      setNotice(t('plan.editor.accepted'));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  }

  async function upload(target: string, file: File) {
    setBusy(true);
    setError(null);
    try {
      await endpoints.uploadReportFile(r.id, target, file);
      const fresh = await endpoints.report(r.id);
      // Keep what is typed but not saved; take the new version and files.
      setReport(fresh);
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  }

  const set = (target: string, key: keyof ReportItemInput, value: unknown) =>
    setDraft((d) => ({ ...d, [target]: { ...d[target], [key]: value } }));

  return (
    <section className="page report-page">
      <p className="eyebrow">
        <Link to={r.can.accept || r.can.return ? '/plan' : '/plan/reports'}>{t('plan.kicker')}</Link>
      </p>
      <h1>
        {t('plan.editor.title', { year: r.year })} – {inLang(r.agencyName, r.agencyNameEn, i18n.language)}
      </h1>
      <p className="lead">
        {t('plan.reports.on', { number: r.planNumber })} · {t('plan.editor.due', { date: formatDate(r.dueDay, i18n.language) })}{' '}
        <span className={`badge report-${r.state}`} data-testid="report-state">
          {t(`plan.state.${r.state}`)}
        </span>
        {r.overdue && <span className="badge badge-danger">{t('plan.overdue')}</span>}
      </p>
      {r.state === 'returned' && r.reason && <Notice tone="info" message={t('plan.editor.returnedBecause', { reason: r.reason })} />}
      {error && <Notice tone="error" message={error} />}
      {notice && <Notice message={notice} />}

      {r.items.map((it, i) => (
        <ItemCard
          key={it.target}
          item={it}
          index={i}
          draft={draft[it.target]}
          editable={editable}
          busy={busy}
          errors={fieldErrors}
          en={en}
          set={set}
          onUpload={(f) => void upload(it.target, f)}
        />
      ))}

      <section className="listing-section" aria-labelledby="sections-title">
        <h2 id="sections-title">{t('plan.editor.sections')}</h2>
        {sections.length === 0 && !editable && <p className="muted">{t('plan.editor.noSections')}</p>}
        {sections.map((s, i) => (
          <div key={i} className="report-section">
            {editable ? (
              <>
                <label className="field">
                  <span>{t('plan.editor.sectionTitle')}</span>
                  <input value={s.title} onChange={(e) => setSections((x) => x.map((y, j) => (j === i ? { ...y, title: e.target.value } : y)))} />
                </label>
                <label className="field">
                  <span>{t('plan.editor.sectionBody')}</span>
                  <textarea rows={4} value={s.body} onChange={(e) => setSections((x) => x.map((y, j) => (j === i ? { ...y, body: e.target.value } : y)))} />
                </label>
                <button type="button" className="btn btn-link btn-small" onClick={() => setSections((x) => x.filter((_, j) => j !== i))}>
                  {t('plan.editor.removeSection')}
                </button>
              </>
            ) : (
              <>
                <h3>{s.title}</h3>
                <p className="prewrap">{s.body}</p>
              </>
            )}
          </div>
        ))}
        {editable && (
          <button type="button" className="btn btn-small" onClick={() => setSections((x) => [...x, { title: '', body: '' }])}>
            {t('plan.editor.addSection')}
          </button>
        )}
      </section>

      <div className="form-actions">
        {editable && (
          <button type="button" className="btn" disabled={busy} onClick={() => void save()}>
            {t('plan.editor.save')}
          </button>
        )}
        {editable && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>
            {t('plan.editor.submit')}
          </button>
        )}
        {r.can.return && (
          <button type="button" className="btn" disabled={busy} onClick={() => setReturning(true)}>
            {t('plan.editor.return')}
          </button>
        )}
        {r.can.accept && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void accept()}>
            {t('plan.editor.accept')}
          </button>
        )}
      </div>
      <ReturnDialog open={returning} report={r} onClose={() => setReturning(false)} onDone={(x) => (take(x), setReturning(false), setNotice(t('plan.editor.returned')))} />
    </section>
  );
}

function ItemCard({
  item: it,
  index,
  draft,
  editable,
  busy,
  errors,
  en,
  set,
  onUpload,
}: {
  item: ReportItem;
  index: number;
  draft: ReportItemInput | undefined;
  editable: boolean;
  busy: boolean;
  errors: Record<string, string>;
  en: boolean;
  set: (target: string, key: keyof ReportItemInput, value: unknown) => void;
  onUpload: (f: File) => void;
}) {
  const { t } = useTranslation();
  const d = draft ?? ({ target: it.target } as ReportItemInput);
  const err = (f: string) => errors[`items.${index}.${f}`];
  const id = (f: string) => `item-${it.target}-${f}`;
  const num = (v: number | undefined) => (v === undefined || v === null ? '–' : formatNumber(v));
  const unit = en && it.unitEn ? it.unitEn : it.unit;
  const text = (f: 'done' | 'difficulties' | 'proposals' | 'note', label: string) => (
    <label className={err(f) ? 'field has-error' : 'field'} htmlFor={id(f)}>
      <span>{label}</span>
      {editable ? (
        <textarea id={id(f)} rows={3} value={(d[f] as string) ?? ''} onChange={(e) => set(it.target, f, e.target.value)} />
      ) : (
        <span className="prewrap">{(it[f] as string) || '–'}</span>
      )}
      {err(f) && <span className="field-error small">{err(f)}</span>}
    </label>
  );
  return (
    <section className="listing-section report-item" data-target={it.target} aria-labelledby={id('title')}>
      <h2 id={id('title')} className="h3">
        {it.target}. {en && it.indicatorEn ? it.indicatorEn : it.indicator}{' '}
        <span className="small muted">({t(`plan.role.${it.role}`)})</span>
      </h2>
      {it.counted ? (
        <div className="counted" data-testid="counted">
          <p>
            <span className="badge badge-counted">{t('plan.editor.countedBadge')}</span>{' '}
            {t('plan.editor.countedValue', { value: num(it.counted.value), cumulative: num(it.counted.cumulative), unit })}
          </p>
          {it.counted.records.length > 0 && (
            <details>
              <summary>{t('plan.editor.records', { count: it.counted.records.length })}</summary>
              <ul className="small">
                {it.counted.records.map((rec) => {
                  const to = recordLink(rec);
                  return <li key={rec.type + rec.id}>{to ? <Link to={to}>{rec.title}</Link> : rec.title}</li>;
                })}
              </ul>
            </details>
          )}
          {text('note', t('plan.editor.note'))}
        </div>
      ) : (
        <div className="report-figures">
          {(['value', 'cumulative'] as const).map((f) => (
            <label key={f} className={err(f) ? 'field has-error' : 'field'} htmlFor={id(f)}>
              <span>
                {t(`plan.editor.${f}`)} ({unit})
              </span>
              {editable ? (
                <input
                  id={id(f)}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  value={d[f] ?? ''}
                  onChange={(e) => set(it.target, f, e.target.value === '' ? undefined : Number(e.target.value))}
                />
              ) : (
                <span>{num(f === 'value' ? itemValue(it) : itemCumulative(it))}</span>
              )}
              {err(f) && <span className="field-error small">{err(f)}</span>}
            </label>
          ))}
        </div>
      )}
      <label className={err('status') ? 'field has-error' : 'field'} htmlFor={id('status')}>
        <span>{t('plan.editor.status')}</span>
        {editable ? (
          <select id={id('status')} value={(d.status as string) ?? ''} onChange={(e) => set(it.target, 'status', e.target.value)}>
            <option value="">{t('plan.editor.choose')}</option>
            {TARGET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`plan.status.${s}`)}
              </option>
            ))}
          </select>
        ) : (
          <span>{it.status ? t(`plan.status.${it.status}`) : '–'}</span>
        )}
        {err('status') && <span className="field-error small">{err('status')}</span>}
      </label>
      {text('done', t('plan.editor.done'))}
      {text('difficulties', t('plan.editor.difficulties'))}
      {text('proposals', t('plan.editor.proposals'))}
      <div className="field">
        <span>{t('plan.editor.evidence')}</span>
        {it.files.length === 0 ? (
          <span className="muted small">{t('plan.editor.noEvidence')}</span>
        ) : (
          <ul className="small">
            {it.files.map((f) => (
              <li key={f.id}>
                <a href={fileUrl(f.id)}>{f.name}</a>
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <label className="btn btn-small file-button">
            {t('plan.editor.attach')}
            <input
              type="file"
              className="visually-hidden"
              accept="application/pdf,image/jpeg,image/png,image/webp"
              disabled={busy}
              data-testid={`evidence-${it.target}`}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) onUpload(f);
                e.target.value = '';
              }}
            />
          </label>
        )}
      </div>
    </section>
  );
}

function ReturnDialog({ open, report: r, onClose, onDone }: { open: boolean; report: Report; onClose: () => void; onDone: (r: Report) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send() {
    setBusy(true);
    setError(null);
    try {
      onDone(await endpoints.returnReport(r.id, reason, r.version));
      setReason('');
    } catch (err) {
      setError(err instanceof ApiError && err.errors[0]?.message ? err.errors[0].message : problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open={open} title={t('plan.editor.returnTitle')} onClose={onClose}>
      <label className={error ? 'field has-error' : 'field'} htmlFor="return-reason">
        <span>{t('plan.editor.reason')}</span>
        <textarea id="return-reason" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />
        {error && <span className="field-error small">{error}</span>}
      </label>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('plan.editor.cancel')}
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void send()}>
          {t('plan.editor.return')}
        </button>
      </div>
    </Dialog>
  );
}
