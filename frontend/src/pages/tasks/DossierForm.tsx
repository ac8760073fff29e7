// A dossier to perform a task (/tasks/dossiers/:id): the application
// form, the budget table by item (quantity × unit price, state budget or
// other sources), the CVs and partners' letters; saved, submitted or
// withdrawn as the server's `can` allows. Officers and council members
// read it.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { ApiError } from '../../api/client';
import { openFile } from '../../lib/download';
import { FormAlert, SelectField, TextAreaField, TextField } from '../../components/Fields';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatVnd } from '../../lib/format';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import type { FieldErrors } from '../../lib/validation';
import { FILE_KINDS, lineAmount, selectionApi, SOURCES, type BudgetSource, type DossierFileKind, type TaskDossier } from './selectionApi';

export default function DossierFormPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const d = useAsync(() => selectionApi.dossier(id), [id]);
  // Kept here, beside the data the form shows.
  const [notice, setNotice] = useState<string | null>(null);
  useTitle(t('tasksSelection.dossier.title'));
  if (!d.data) {
    return (
      <section className="page">
        <h1>{t('tasksSelection.dossier.title')}</h1>
        {d.error ? <ErrorState message={problemMessage(t, d.error)} onRetry={d.reload} /> : <Loading />}
      </section>
    );
  }
  return <DossierForm key={d.data.id} d={d.data} reload={d.reload} notice={notice} setNotice={setNotice} />;
}

interface Line {
  item: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  source: BudgetSource;
}

const TEXTS = ['summary', 'approach', 'products'] as const;

function DossierForm({ d, reload, notice, setNotice }: { d: TaskDossier; reload: () => void; notice: string | null; setNotice: (s: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const edit = d.can.edit;
  const [lead, setLead] = useState(d.lead);
  const [texts, setTexts] = useState<Record<(typeof TEXTS)[number], string>>({ summary: d.summary, approach: d.approach, products: d.products });
  const [months, setMonths] = useState(d.months ? String(d.months) : '');
  const [lines, setLines] = useState<Line[]>(() =>
    d.budget.length > 0
      ? d.budget.map((l) => ({ item: l.item, unit: l.unit, quantity: String(l.quantity), unitPrice: String(l.unitPrice), source: l.source }))
      : [{ item: '', unit: '', quantity: '', unitPrice: '', source: 'state' }],
  );
  const [kind, setKind] = useState<DossierFileKind>('lead_cv');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  // The form keeps what was typed; each answer's version is the next If-Match.
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const msg = (f: string) => fieldMessage(t, errors[f]);
  const sum = (src: BudgetSource) => lines.reduce((s, l) => s + (l.source === src ? lineAmount({ quantity: Number(l.quantity), unitPrice: Number(l.unitPrice) }) : 0), 0);

  /** Runs a request; field problems go beside their fields, the rest above the form. */
  async function run(req: () => Promise<unknown>, done: string) {
    setBusy(true);
    setFormError(null);
    setErrors({});
    try {
      await req();
      await reload();
      setBusy(false);
      setNotice(t(done));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.errors.length > 0) {
        const f: FieldErrors = {};
        for (const fe of err.errors) if (!f[fe.field]) f[fe.field] = { code: fe.code, params: fe.params, message: fe.message };
        setErrors(f);
        setFormError([t('form.fixErrors', { count: err.errors.length }), ...err.errors.map((fe) => `${t(`tasksSelection.dossier.field.${fe.field.split('.')[0]}`, { defaultValue: fe.field })}: ${fieldMessage(t, fe)}`)].join(' '));
        return;
      }
      setFormError(problemMessage(t, err));
    }
  }

  function save(e?: FormEvent) {
    e?.preventDefault();
    return run(
      () =>
        selectionApi.updateDossier(
          d.id,
          {
            lead,
            ...texts,
            months: Number(months) || undefined,
            budget: lines.map((l) => ({ item: l.item, unit: l.unit, quantity: Number(l.quantity) || 0, unitPrice: Number(l.unitPrice) || 0, source: l.source, amount: 0 })),
          },
          d.version,
        ),
      'tasksSelection.dossier.saved',
    );
  }

  const setLine = (i: number, patch: Partial<Line>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  return (
    <section className="page dossier-page">
      <p className="eyebrow">
        {d.taskCode} · {t(`tasksSelection.dossierState.${d.state}`)}
      </p>
      <h1>{t('tasksSelection.dossier.heading', { org: d.orgName })}</h1>
      <p className="lead">{d.taskTitle}</p>
      <p>
        <Link to={`/tasks/${encodeURIComponent(d.taskId)}/selection`}>{t('tasksSelection.dossier.toSelection')}</Link>
      </p>
      <Notice message={notice} />
      <FormAlert message={formError} />

      <form className="form" onSubmit={(e) => void save(e)} noValidate aria-busy={busy}>
        <TextField id="dossier-lead" label={t('tasksSelection.dossier.field.lead')} required disabled={!edit} value={lead} error={msg('lead')} onChange={(e) => setLead(e.target.value)} />
        {TEXTS.map((k) => (
          <TextAreaField
            key={k}
            id={`dossier-${k}`}
            label={t(`tasksSelection.dossier.field.${k}`)}
            required
            rows={k === 'approach' ? 6 : 3}
            disabled={!edit}
            value={texts[k]}
            error={msg(k)}
            onChange={(e) => setTexts({ ...texts, [k]: e.target.value })}
          />
        ))}
        <TextField
          id="dossier-months"
          label={t('tasksSelection.dossier.field.months')}
          type="number"
          inputMode="numeric"
          className="input-short"
          required
          disabled={!edit}
          value={months}
          error={msg('months')}
          onChange={(e) => setMonths(e.target.value)}
        />

        <fieldset>
          <legend>{t('tasksSelection.dossier.field.budget')}</legend>
          {msg('budget') && <p className="field-error">{msg('budget')}</p>}
          <table className="table responsive budget-table">
            <thead className="visually-hidden">
              <tr>
                <th scope="col">{t('tasksSelection.budget.item')}</th>
                <th scope="col">{t('tasksSelection.budget.unit')}</th>
                <th scope="col">{t('tasksSelection.budget.quantity')}</th>
                <th scope="col">{t('tasksSelection.budget.unitPrice')}</th>
                <th scope="col">{t('tasksSelection.budget.source')}</th>
                <th scope="col">{t('tasksSelection.budget.amount')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('tasksSelection.dossiers.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i}>
                  <td>
                    <TextField id={`budget-${i}-item`} label={t('tasksSelection.budget.itemN', { n: i + 1 })} disabled={!edit} value={l.item} error={msg(`budget.${i}.item`)} onChange={(e) => setLine(i, { item: e.target.value })} />
                  </td>
                  <td>
                    <TextField id={`budget-${i}-unit`} label={t('tasksSelection.budget.unitN', { n: i + 1 })} disabled={!edit} value={l.unit} error={msg(`budget.${i}.unit`)} onChange={(e) => setLine(i, { unit: e.target.value })} />
                  </td>
                  <td>
                    <TextField
                      id={`budget-${i}-quantity`}
                      label={t('tasksSelection.budget.quantityN', { n: i + 1 })}
                      type="number"
                      inputMode="numeric"
                      disabled={!edit}
                      value={l.quantity}
                      error={msg(`budget.${i}.quantity`)}
                      onChange={(e) => setLine(i, { quantity: e.target.value })}
                    />
                  </td>
                  <td>
                    <TextField
                      id={`budget-${i}-unitPrice`}
                      label={t('tasksSelection.budget.unitPriceN', { n: i + 1 })}
                      type="number"
                      inputMode="numeric"
                      disabled={!edit}
                      value={l.unitPrice}
                      error={msg(`budget.${i}.unitPrice`)}
                      onChange={(e) => setLine(i, { unitPrice: e.target.value })}
                    />
                  </td>
                  <td>
                    <SelectField id={`budget-${i}-source`} label={t('tasksSelection.budget.sourceN', { n: i + 1 })} disabled={!edit} value={l.source} onChange={(e) => setLine(i, { source: e.target.value as BudgetSource })}>
                      {SOURCES.map((s) => (
                        <option key={s} value={s}>
                          {t(`tasksSelection.source.${s}`)}
                        </option>
                      ))}
                    </SelectField>
                  </td>
                  <td className="num" data-label={t('tasksSelection.budget.amount')}>
                    {formatVnd(lineAmount({ quantity: Number(l.quantity), unitPrice: Number(l.unitPrice) }), lang)}
                  </td>
                  <td>
                    {edit && lines.length > 1 && (
                      <button type="button" className="btn btn-secondary" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                        {t('tasksSelection.budget.remove', { n: i + 1 })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {edit && (
            <button type="button" className="btn btn-secondary" onClick={() => setLines([...lines, { item: '', unit: '', quantity: '', unitPrice: '', source: 'state' }])}>
              {t('tasksSelection.budget.add')}
            </button>
          )}
          <p role="status" className="strong">
            {t('tasksSelection.budget.sums', { state: formatVnd(sum('state'), lang), other: formatVnd(sum('other'), lang) })}
          </p>
        </fieldset>
        {edit && (
          <p className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('tasksSelection.dossier.save')}
            </button>
          </p>
        )}
      </form>

      <section aria-labelledby="files-title">
        <h2 id="files-title">{t('tasksSelection.dossier.files')}</h2>
        {msg(`files.lead_cv`) && <p className="field-error">{msg('files.lead_cv')}</p>}
        {d.files.length === 0 ? (
          <p className="muted">{t('tasksSelection.dossier.noFiles')}</p>
        ) : (
          <ul>
            {d.files.map((f) => (
              <li key={f.fileId}>
                <button
                  type="button"
                  className="btn btn-link"
                  onClick={() => void openFile(async () => ({ blob: await endpoints.fileBlob(f.fileId), name: f.name }), f.name).catch((e) => setFormError(problemMessage(t, e)))}
                >
                  {f.name}
                </button>{' '}
                · {t(`tasksSelection.fileKind.${f.kind}`)}
                {edit && (
                  <>
                    {' '}
                    <button type="button" className="btn btn-link" onClick={() => void run(() => selectionApi.deleteFile(d.id, f.fileId), 'tasksSelection.dossier.fileRemoved')}>
                      {t('tasksSelection.dossier.removeFile', { name: f.name })}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {edit && (
          <form
            className="form form-row"
            onSubmit={(e) => {
              e.preventDefault();
              if (file)
                void run(() => selectionApi.uploadFile(d.id, kind, file), 'tasksSelection.dossier.uploaded').then(() => {
                  setFile(null);
                  setFileKey((k) => k + 1);
                });
            }}
          >
            <SelectField id="file-kind" label={t('tasksSelection.dossier.fileKind')} value={kind} onChange={(e) => setKind(e.target.value as DossierFileKind)}>
              {FILE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`tasksSelection.fileKind.${k}`)}
                </option>
              ))}
            </SelectField>
            <TextField key={fileKey} id="file-input" label={t('tasksSelection.dossier.file')} type="file" accept=".pdf,image/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <p className="actions">
              <button type="submit" className="btn btn-secondary" disabled={busy || !file}>
                {t('tasksSelection.dossier.upload')}
              </button>
            </p>
          </form>
        )}
      </section>

      <p className="actions">
        {d.can.submit && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run(() => selectionApi.submitDossier(d.id, d.version), 'tasksSelection.dossier.submitted')}>
            {t('tasksSelection.dossier.submit')}
          </button>
        )}
        {d.can.withdraw && (
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void run(() => selectionApi.withdrawDossier(d.id, d.version), 'tasksSelection.dossier.withdrawn')}>
            {t('tasksSelection.dossier.withdraw')}
          </button>
        )}
      </p>
    </section>
  );
}
