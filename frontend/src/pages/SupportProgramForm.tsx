// The officer's programme form: general information, legal basis, window,
// money, eligibility, the required documents checklist and the appraisal
// criteria (weights add up to 100 for publishing). Saved as a draft (POST,
// or PATCH with If-Match); the server's field errors land on their fields,
// rows included ("criteria.1.weight").
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError, type FieldError } from '../api/client';
import { ORG_KINDS, type Program } from '../api/types';
import { AmountField, ChoiceGroup, DateField, FieldErrorText, FormAlert, TextAreaField, TextField } from '../components/Fields';
import { ErrorState, Loading } from '../components/Status';
import { fieldMessage, problemMessage } from '../lib/messages';
import {
  CRITERIA_MAX,
  DOCUMENTS_MAX,
  EMPTY_PROGRAM,
  LEGAL_NUMBER_MAX,
  PER_ORG_MAX,
  PROGRAM_NAME_MAX,
  REVIEWERS_MAX,
  ROW_NAME_MAX,
  SCALAR_PATHS,
  fromProgram,
  programFieldId,
  programFieldLabel,
  toProgramInput,
  validateProgram,
  weightSum,
  type ProgramFormValues,
} from '../lib/support';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import { errorCount, type FieldErrors } from '../lib/validation';

export default function SupportProgramFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const source = useAsync<Program | null>(() => (id ? endpoints.program(id) : Promise.resolve(null)), [id]);
  const title = id ? t('supportForm.editTitle') : t('supportForm.title');
  useTitle(title);
  if (source.loading && !source.data) {
    return (
      <section className="page">
        <h1>{title}</h1>
        <Loading />
      </section>
    );
  }
  if (source.error) {
    return (
      <section className="page">
        <h1>{title}</h1>
        <ErrorState message={problemMessage(t, source.error)} onRetry={source.reload} />
      </section>
    );
  }
  return <ProgramForm key={source.data?.version ?? 'new'} program={source.data ?? null} onReload={source.reload} />;
}

type ScalarKey = keyof typeof SCALAR_PATHS;

function ProgramForm({ program, onReload }: { program: Program | null; onReload: () => Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const initialErrors = (location.state as { serverErrors?: FieldError[] } | null)?.serverErrors;
  const [values, setValues] = useState<ProgramFormValues>(program ? fromProgram(program) : EMPTY_PROGRAM);
  const [errors, setErrors] = useState<FieldErrors>(() => toErrors(initialErrors ?? []));
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (initialErrors?.length) {
      setFormError(t('form.fixErrors', { count: initialErrors.length }));
      focusFirst(toErrors(initialErrors));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function toErrors(list: FieldError[]): FieldErrors {
    const out: FieldErrors = {};
    for (const e of list) if (!out[e.field]) out[e.field] = { code: e.code, params: e.params, message: e.message };
    return out;
  }

  function focusFirst(errs: FieldErrors) {
    const first = Object.keys(errs).find((k) => errs[k] && document.getElementById(programFieldId(k)));
    if (first) requestAnimationFrame(() => document.getElementById(programFieldId(first))?.focus());
  }

  function change(next: ProgramFormValues, paths: string[]) {
    setValues(next);
    // After a first try, errors follow what is typed; the server's other errors stay.
    if (submitted) {
      const own = validateProgram(next);
      setErrors((prev) => {
        const e = { ...prev };
        for (const p of paths) e[p] = own[p];
        return e;
      });
    } else if (paths.some((p) => errors[p])) {
      setErrors((prev) => {
        const e = { ...prev };
        for (const p of paths) delete e[p];
        return e;
      });
    }
  }

  const msg = (path: string) => fieldMessage(t, errors[path]);

  function bind(key: ScalarKey) {
    const path = SCALAR_PATHS[key];
    return {
      id: programFieldId(path),
      label: programFieldLabel(t, path),
      value: values[key],
      onChange: (e: { target: { value: string } }) => change({ ...values, [key]: e.target.value }, [path]),
      error: msg(path),
    };
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setStale(false);
    const own = validateProgram(values);
    setErrors(own);
    if (errorCount(own) > 0) {
      setFormError(t('form.fixErrors', { count: errorCount(own) }));
      focusFirst(own);
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      const body = toProgramInput(values);
      const saved = program ? await endpoints.updateProgram(program.id, body, program.version) : await endpoints.createProgram(body);
      setBusy(false);
      navigate(`/support/${encodeURIComponent(saved.id)}`, {
        state: { notice: program ? t('supportForm.saved') : t('supportForm.created') },
      });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
        setFormError(t('support.stale'));
        return;
      }
      if (err instanceof ApiError && err.errors.length > 0) {
        const server = toErrors(err.errors);
        setErrors(server);
        // Errors no control shows (e.g. "criteria" as a whole) are listed on top.
        const extra = err.errors
          .filter((fe) => !document.getElementById(programFieldId(fe.field)))
          .map((fe) => `${programFieldLabel(t, fe.field)}: ${fieldMessage(t, fe)}`);
        setFormError([t('form.fixErrors', { count: err.errors.length }), ...extra].join(' '));
        focusFirst(server);
        alertRef.current?.scrollIntoView?.({ block: 'nearest' });
        return;
      }
      setFormError(problemMessage(t, err));
    }
  }

  const docs = values.documents;
  const crit = values.criteria;
  const sum = weightSum(crit);
  const back = program ? `/support/${encodeURIComponent(program.id)}` : '/support';

  return (
    <section className="page">
      <p className="eyebrow">{t('support.kicker')}</p>
      <h1>{program ? t('supportForm.editTitle') : t('supportForm.title')}</h1>
      <p className="lead">{t('supportForm.intro')}</p>

      <form className="form listing-form program-form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <div ref={alertRef}>
          <FormAlert message={formError} />
        </div>
        {stale && (
          <p>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => void onReload()}>
              {t('ownerPanel.reload')}
            </button>
          </p>
        )}
        <p className="muted small">{t('supportForm.requiredNote')}</p>

        <fieldset>
          <legend>{t('supportForm.section.general')}</legend>
          <TextField {...bind('name')} required maxLength={PROGRAM_NAME_MAX + 20} hint={t('supportForm.hint.name')} />
          <TextAreaField {...bind('summary')} rows={4} hint={t('supportForm.hint.summary')} />
        </fieldset>

        <fieldset>
          <legend>{t('supportForm.section.legalBasis')}</legend>
          <div className="form-row">
            <TextField {...bind('legalNumber')} maxLength={LEGAL_NUMBER_MAX + 10} hint={t('supportForm.hint.legalNumber')} />
            <DateField {...bind('legalDate')} />
          </div>
          <TextField {...bind('legalTitle')} hint={t('supportForm.hint.legalTitle')} />
        </fieldset>

        <fieldset>
          <legend>{t('supportForm.section.window')}</legend>
          <p className="hint">{t('supportForm.hint.window')}</p>
          <div className="form-row">
            <DateField {...bind('opensOn')} />
            <DateField {...bind('closesOn')} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('supportForm.section.money')}</legend>
          <div className="form-row">
            <AmountField {...bind('budget')} onFormat={(x) => change({ ...values, budget: x }, ['budget'])} />
            <AmountField {...bind('cap')} onFormat={(x) => change({ ...values, cap: x }, ['capPerApplication'])} />
          </div>
          <TextField {...bind('share')} label={`${programFieldLabel(t, 'maxSharePercent')} (%)`} inputMode="numeric" hint={t('supportForm.hint.share')} className="input-short" />
        </fieldset>

        <fieldset>
          <legend>{t('supportForm.section.eligibility')}</legend>
          <div className="form-row">
            <TextField {...bind('openPerOrg')} inputMode="numeric" maxLength={3} hint={t('supportForm.hint.openPerOrganization', { max: PER_ORG_MAX })} className="input-short" />
            <TextField {...bind('approvedPerOrg')} inputMode="numeric" maxLength={3} hint={t('supportForm.hint.approvedPerOrganization', { max: PER_ORG_MAX })} className="input-short" />
          </div>
          <ChoiceGroup id={programFieldId('eligibility.orgKinds')} label={programFieldLabel(t, 'eligibility.orgKinds')} error={msg('eligibility.orgKinds')}>
            <div className="check-grid">
              {ORG_KINDS.map((k, i) => (
                <label key={k} className="check">
                  <input
                    type="checkbox"
                    id={i === 0 ? programFieldId('eligibility.orgKinds') : undefined}
                    checked={values.orgKinds.includes(k)}
                    onChange={(e) =>
                      change(
                        { ...values, orgKinds: e.target.checked ? [...values.orgKinds, k] : values.orgKinds.filter((x) => x !== k) },
                        ['eligibility.orgKinds'],
                      )
                    }
                  />
                  {t(`orgKind.${k}`)}
                </label>
              ))}
            </div>
          </ChoiceGroup>
          <ChoiceGroup id={programFieldId('eligibility.inProvince')} label={t('supportForm.conditions')}>
            <label className="check">
              <input
                type="checkbox"
                id={programFieldId('eligibility.inProvince')}
                checked={values.inProvince}
                onChange={(e) => change({ ...values, inProvince: e.target.checked }, [])}
              />
              {t('support.inProvince')}
            </label>
            <label className="check">
              <input type="checkbox" checked={values.stEnterprise} onChange={(e) => change({ ...values, stEnterprise: e.target.checked }, [])} />
              {t('support.stEnterprise')}
            </label>
          </ChoiceGroup>
        </fieldset>

        <fieldset className="rows-editor">
          <legend>{t('supportForm.section.documents')}</legend>
          <p className="hint">{t('supportForm.hint.documents')}</p>
          <FieldErrorText id={programFieldId('documents')} error={msg('documents')} />
          {docs.length > 0 && (
            <ol className="edit-rows">
              {docs.map((d, i) => {
                const path = `documents.${i}.name`;
                return (
                  <li key={i} className="edit-row doc-row">
                    <TextField
                      id={programFieldId(path)}
                      label={programFieldLabel(t, path)}
                      value={d.name}
                      required
                      maxLength={ROW_NAME_MAX + 20}
                      error={msg(path)}
                      onChange={(e) => change({ ...values, documents: docs.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) }, [path])}
                    />
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={d.required}
                        onChange={(e) => change({ ...values, documents: docs.map((x, j) => (j === i ? { ...x, required: e.target.checked } : x)) }, [])}
                      />
                      {t('supportForm.documentRequired')}
                    </label>
                    <button
                      type="button"
                      className="btn btn-link btn-small row-remove"
                      aria-label={t('supportForm.removeDocumentLabel', { n: i + 1 })}
                      onClick={() => change({ ...values, documents: docs.filter((_, j) => j !== i) }, [])}
                    >
                      {t('supportForm.remove')}
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          <p>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={docs.length >= DOCUMENTS_MAX}
              onClick={() => {
                change({ ...values, documents: [...docs, { code: '', name: '', required: true }] }, ['documents']);
                requestAnimationFrame(() => document.getElementById(programFieldId(`documents.${docs.length}.name`))?.focus());
              }}
            >
              <span aria-hidden="true">+ </span>
              {t('supportForm.addDocument')}
            </button>
          </p>
        </fieldset>

        <fieldset className="rows-editor">
          <legend>{t('supportForm.section.criteria')}</legend>
          <p className="hint">{t('supportForm.hint.criteria')}</p>
          <FieldErrorText id={programFieldId('criteria')} error={msg('criteria')} />
          {crit.length > 0 && (
            <ol className="edit-rows">
              {crit.map((c, i) => {
                const name = `criteria.${i}.name`;
                const weight = `criteria.${i}.weight`;
                return (
                  <li key={i} className="edit-row criterion-row">
                    <TextField
                      id={programFieldId(name)}
                      label={programFieldLabel(t, name)}
                      value={c.name}
                      required
                      maxLength={ROW_NAME_MAX + 20}
                      error={msg(name)}
                      onChange={(e) => change({ ...values, criteria: crit.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) }, [name])}
                    />
                    <TextField
                      id={programFieldId(weight)}
                      label={programFieldLabel(t, weight)}
                      value={c.weight}
                      required
                      inputMode="numeric"
                      maxLength={3}
                      className="input-short"
                      error={msg(weight)}
                      onChange={(e) =>
                        change({ ...values, criteria: crit.map((x, j) => (j === i ? { ...x, weight: e.target.value } : x)) }, [weight, 'criteria'])
                      }
                    />
                    <button
                      type="button"
                      className="btn btn-link btn-small row-remove"
                      aria-label={t('supportForm.removeCriterionLabel', { n: i + 1 })}
                      onClick={() => change({ ...values, criteria: crit.filter((_, j) => j !== i) }, ['criteria'])}
                    >
                      {t('supportForm.remove')}
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          {crit.length > 0 && (
            <p className={sum === 100 ? 'weight-sum ok' : 'weight-sum off'} role="status" aria-live="polite" data-testid="weight-sum">
              {sum === 100 ? t('supportForm.weightSumOk', { sum }) : t('supportForm.weightSumOff', { sum })}
            </p>
          )}
          <p>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={crit.length >= CRITERIA_MAX}
              onClick={() => {
                change({ ...values, criteria: [...crit, { code: '', name: '', weight: '' }] }, ['criteria']);
                requestAnimationFrame(() => document.getElementById(programFieldId(`criteria.${crit.length}.name`))?.focus());
              }}
            >
              <span aria-hidden="true">+ </span>
              {t('supportForm.addCriterion')}
            </button>
          </p>
          <div className="form-row">
            <TextField {...bind('passMark')} inputMode="numeric" maxLength={3} hint={t('supportForm.hint.passMark')} />
            <TextField {...bind('reviewers')} inputMode="numeric" maxLength={1} hint={t('supportForm.hint.reviewers', { max: REVIEWERS_MAX })} />
          </div>
        </fieldset>

        <p className="actions form-actions">
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {busy ? t('common.working') : program?.state === 'published' ? t('common.save') : t('supportForm.saveDraft')}
          </button>
          <Link className="btn btn-link" to={back}>
            {t('common.cancel')}
          </Link>
        </p>
        <p className="muted small">{program?.state === 'published' ? t('supportForm.publishedNote') : t('supportForm.draftNote')}</p>
      </form>
    </section>
  );
}
