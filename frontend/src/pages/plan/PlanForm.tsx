// The officer's plan form (/plan/new, /plan/:id/edit): the decision, its
// reporting days, the agencies (with successors) and the targets, each
// counted by the platform (a metric of the catalogue and its filters) or
// reported by its agency. The server checks everything; its field list
// lands on the fields by their paths (targets.0.milestones.1.year…).
import { Fragment, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { endpoints } from '../../api';
import { ApiError } from '../../api/client';
import type { Plan, PlanAgency, PlanInput, PlanTarget, ResultMetric, Term } from '../../api/types';
import { ChoiceGroup, DateField, FormAlert, SelectField, TextField } from '../../components/Fields';
import { ErrorState, Loading } from '../../components/Status';
import { formatDay, parseDayInput } from '../../lib/listing';
import { termLabel, useTaxonomy } from '../../lib/taxonomy';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { useTitle } from '../../lib/useTitle';
import { mapServerErrors, reportErrors, type FieldErrors } from '../../lib/validation';

interface MilestoneDraft {
  year: string;
  value: string;
}

interface TargetDraft {
  orig?: PlanTarget;
  code: string;
  indicator: string;
  indicatorEn: string;
  unit: string;
  unitEn: string;
  baseline: string;
  milestones: MilestoneDraft[];
  responsible: string;
  coOperating: string[];
  source: PlanTarget['source'];
  metric: string;
  filters: Record<string, string>;
}

interface AgencyDraft {
  orig?: PlanAgency;
  code: string;
  name: string;
  nameEn: string;
  replacedBy: string;
}

export interface PlanDraft {
  number: string;
  date: string; // dd/mm/yyyy
  issuer: string;
  title: string;
  titleEn: string;
  start: string; // dd/mm
  opens: string;
  due: string;
  agencies: AgencyDraft[];
  targets: TargetDraft[];
}

const dm = (d: { day: number; month: number }) => `${d.day}/${d.month}`;

function parseDM(s: string): { day: number; month: number } {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/.exec(s);
  return m ? { day: Number(m[1]), month: Number(m[2]) } : { day: 0, month: 0 };
}

const emptyAgency = (): AgencyDraft => ({ code: '', name: '', nameEn: '', replacedBy: '' });
const emptyTarget = (): TargetDraft => ({
  code: '',
  indicator: '',
  indicatorEn: '',
  unit: '',
  unitEn: '',
  baseline: '0',
  milestones: [{ year: '', value: '' }],
  responsible: '',
  coOperating: [],
  source: 'reported',
  metric: '',
  filters: {},
});

/** A new plan's draft: the regime's days (15/12, 1/11, 30/11), one agency, one target. */
export function emptyDraft(): PlanDraft {
  return { number: '', date: '', issuer: '', title: '', titleEn: '', start: '15/12', opens: '1/11', due: '30/11', agencies: [emptyAgency()], targets: [emptyTarget()] };
}

/** A stored plan as the form shows it. */
export function draftOf(p: Plan): PlanDraft {
  return {
    number: p.number,
    date: formatDay(p.date),
    issuer: p.issuer,
    title: p.title,
    titleEn: p.titleEn ?? '',
    start: dm(p.rule.start),
    opens: dm(p.rule.opens),
    due: dm(p.rule.due),
    agencies: p.agencies.map((a) => ({ orig: a, code: a.code, name: a.name, nameEn: a.nameEn ?? '', replacedBy: a.replacedBy ?? '' })),
    targets: p.targets.map((t) => ({
      orig: t,
      code: t.code,
      indicator: t.indicator,
      indicatorEn: t.indicatorEn ?? '',
      unit: t.unit,
      unitEn: t.unitEn ?? '',
      baseline: String(t.baseline),
      milestones: t.milestones.map((m) => ({ year: String(m.year), value: String(m.value) })),
      responsible: t.responsible,
      coOperating: t.coOperating ?? [],
      source: t.source,
      metric: t.query?.metric ?? '',
      filters: { ...(t.query?.filters ?? {}) },
    })),
  };
}

const int = (s: string) => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : NaN);

/** The client's own checks: whole numbers where the server wants them. */
export function checkDraft(d: PlanDraft): FieldErrors {
  const errs: FieldErrors = {};
  if (d.date.trim() && parseDayInput(d.date) === null) errs.date = { code: 'invalid_date' };
  d.targets.forEach((t, i) => {
    if (Number.isNaN(int(t.baseline))) errs[`targets.${i}.baseline`] = { code: 'invalid_number' };
    t.milestones.forEach((m, j) => {
      if (Number.isNaN(int(m.year))) errs[`targets.${i}.milestones.${j}.year`] = { code: 'invalid_number' };
      if (Number.isNaN(int(m.value))) errs[`targets.${i}.milestones.${j}.value`] = { code: 'invalid_number' };
    });
  });
  return errs;
}

/** The body of POST /plans and PATCH /plans/{id}: fields the form does not show are kept. */
export function inputOf(d: PlanDraft): PlanInput {
  const opt = (s: string) => s.trim() || undefined;
  return {
    number: d.number.trim(),
    date: parseDayInput(d.date) ?? d.date.trim(),
    issuer: d.issuer.trim(),
    title: d.title.trim(),
    titleEn: d.titleEn.trim(),
    rule: { start: parseDM(d.start), opens: parseDM(d.opens), due: parseDM(d.due) } as PlanInput['rule'],
    agencies: d.agencies.map((a) => ({ ...a.orig, code: a.code.trim(), name: a.name.trim(), nameEn: opt(a.nameEn), replacedBy: opt(a.replacedBy) })),
    targets: d.targets.map((t) => {
      const filters = Object.fromEntries(Object.entries(t.filters).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
      return {
        ...t.orig,
        code: t.code.trim(),
        indicator: t.indicator.trim(),
        indicatorEn: opt(t.indicatorEn),
        unit: t.unit.trim(),
        unitEn: opt(t.unitEn),
        baseline: int(t.baseline),
        milestones: t.milestones.map((m) => ({ year: int(m.year), value: int(m.value) })),
        responsible: t.responsible,
        coOperating: t.coOperating,
        source: t.source,
        query: t.source === 'platform' ? { metric: t.metric, ...(Object.keys(filters).length ? { filters } : {}) } : undefined,
      };
    }),
  };
}

export default function PlanForm() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  useTitle(t(id ? 'plan.form.editTitle' : 'plan.form.newTitle'));
  const [plan, setPlan] = useState<Plan | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<PlanDraft | null>(id ? null : emptyDraft());
  const [metrics, setMetrics] = useState<ResultMetric[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { taxonomy } = useTaxonomy();

  useEffect(() => {
    endpoints
      .publicResults()
      .then((r) => setMetrics(r.metrics ?? []))
      .catch(() => setMetrics([]));
    if (!id) return;
    endpoints
      .plan(id)
      .then((p) => {
        setPlan(p);
        setDraft(draftOf(p));
      })
      .catch(setLoadError);
  }, [id]);

  if (loadError) return <section className="page"><ErrorState message={problemMessage(t, loadError)} /></section>;
  if (!draft) return <section className="page"><Loading /></section>;
  const d = draft;

  const en = i18n.language.startsWith('en');
  const err = (path: string) => fieldMessage(t, errors[path]);
  const fid = (path: string) => `plan-${path.replace(/\./g, '-')}`;
  const set = (change: Partial<PlanDraft>) => setDraft({ ...d, ...change });
  const setAgency = (i: number, change: Partial<AgencyDraft>) => set({ agencies: d.agencies.map((a, k) => (k === i ? { ...a, ...change } : a)) });
  const setTarget = (i: number, change: Partial<TargetDraft>) => set({ targets: d.targets.map((x, k) => (k === i ? { ...x, ...change } : x)) });
  const text = (path: string, label: string, value: string, onChange: (v: string) => void, required = false) => (
    <TextField id={fid(path)} label={label} value={value} onChange={(e) => onChange(e.target.value)} error={err(path)} required={required} />
  );
  const focusFirst = (errs: FieldErrors) => {
    const first = Object.keys(errs)[0];
    // The rule's error (days that do not exist, opening after the due day) is the group's: its first day gets focus.
    if (first) document.getElementById(fid(first === 'rule' ? 'rule.start' : first))?.focus();
  };
  // Filters whose values the taxonomy lists are chosen from it; the others are typed.
  const filterTerms = (f: string) =>
    taxonomy ? ({ form: taxonomy.transferForms, sector: taxonomy.sectors, ipType: taxonomy.ipTypes } as Record<string, Term[] | undefined>)[f] : undefined;
  const agencyName = (a: AgencyDraft) => (en && a.nameEn ? a.nameEn : a.name) || a.code;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const own = checkDraft(d);
    setErrors(own);
    if (!reportErrors(t, own, setFormError, focusFirst)) return;
    setBusy(true);
    try {
      const saved = plan ? await endpoints.updatePlan(plan.id, inputOf(d), plan.version) : await endpoints.createPlan(inputOf(d));
      navigate(`/plan?plan=${encodeURIComponent(saved.id)}`);
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.errors.length > 0) {
        const fields = Object.fromEntries(caught.errors.map((x) => [x.field, x.field]));
        const { fieldErrors } = mapServerErrors(caught.errors, fields);
        setErrors(fieldErrors);
        reportErrors(t, fieldErrors, setFormError, focusFirst);
        return;
      }
      setFormError(problemMessage(t, caught));
    }
  }

  return (
    <section className="page plan-form-page">
      <p className="eyebrow">{t('plan.kicker')}</p>
      <h1>{t(id ? 'plan.form.editTitle' : 'plan.form.newTitle')}</h1>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <FormAlert message={formError} />
        <fieldset className="form-section">
          <legend>{t('plan.form.decision')}</legend>
          {text('number', t('plan.form.number'), d.number, (v) => set({ number: v }), true)}
          <DateField id={fid('date')} label={t('plan.form.date')} value={d.date} onChange={(e) => set({ date: e.target.value })} error={err('date')} required />
          {text('issuer', t('plan.form.issuer'), d.issuer, (v) => set({ issuer: v }), true)}
          {text('title', t('plan.form.titleVi'), d.title, (v) => set({ title: v }), true)}
          {text('titleEn', t('plan.form.titleEn'), d.titleEn, (v) => set({ titleEn: v }))}
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('plan.form.rule')}</legend>
          <p className="muted">{t('plan.form.ruleHint')}</p>
          <FormAlert message={err('rule')} />
          <div className="form-row">
            {text('rule.start', t('plan.form.start'), d.start, (v) => set({ start: v }), true)}
            {text('rule.opens', t('plan.form.opens'), d.opens, (v) => set({ opens: v }), true)}
            {text('rule.due', t('plan.form.due'), d.due, (v) => set({ due: v }), true)}
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('plan.form.agencies')}</legend>
          {err('agencies') && <p className="field-error">{err('agencies')}</p>}
          {d.agencies.map((a, i) => (
            <div className="plan-form-item" key={i}>
              <div className="form-row">
                {text(`agencies.${i}.code`, t('plan.form.agencyCode'), a.code, (v) => setAgency(i, { code: v }), true)}
                {text(`agencies.${i}.name`, t('plan.form.agencyName'), a.name, (v) => setAgency(i, { name: v }), true)}
                {text(`agencies.${i}.nameEn`, t('plan.form.agencyNameEn'), a.nameEn, (v) => setAgency(i, { nameEn: v }))}
                <SelectField id={fid(`agencies.${i}.replacedBy`)} label={t('plan.form.replacedBy')} value={a.replacedBy} error={err(`agencies.${i}.replacedBy`)} onChange={(e) => setAgency(i, { replacedBy: e.target.value })}>
                  <option value="">{t('plan.form.noSuccessor')}</option>
                  {d.agencies.filter((o, k) => k !== i && o.code).map((o) => (
                    <option key={o.code} value={o.code}>{agencyName(o)}</option>
                  ))}
                </SelectField>
              </div>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => set({ agencies: d.agencies.filter((_, k) => k !== i) })}>
                {t('plan.form.removeAgency')}
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-secondary" onClick={() => set({ agencies: [...d.agencies, emptyAgency()] })}>
            {t('plan.form.addAgency')}
          </button>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('plan.form.targets')}</legend>
          {err('targets') && <p className="field-error">{err('targets')}</p>}
          {d.targets.map((x, i) => {
            const p = `targets.${i}`;
            const metric = metrics.find((m) => m.id === x.metric);
            return (
              <div className="plan-form-item" key={i}>
                <h3>{t('plan.form.target', { code: x.code || i + 1 })}</h3>
                <div className="form-row">
                  {text(`${p}.code`, t('plan.form.code'), x.code, (v) => setTarget(i, { code: v }), true)}
                  {text(`${p}.unit`, t('plan.form.unit'), x.unit, (v) => setTarget(i, { unit: v }), true)}
                  {text(`${p}.unitEn`, t('plan.form.unitEn'), x.unitEn, (v) => setTarget(i, { unitEn: v }))}
                  {text(`${p}.baseline`, t('plan.form.baseline'), x.baseline, (v) => setTarget(i, { baseline: v }), true)}
                </div>
                {text(`${p}.indicator`, t('plan.form.indicator'), x.indicator, (v) => setTarget(i, { indicator: v }), true)}
                {text(`${p}.indicatorEn`, t('plan.form.indicatorEn'), x.indicatorEn, (v) => setTarget(i, { indicatorEn: v }))}

                <ChoiceGroup id={fid(`${p}.milestones.0.year`)} label={t('plan.form.milestones')} error={err(`${p}.milestones`)} required>
                  {x.milestones.map((m, j) => (
                    <div className="form-row plan-milestone" key={j}>
                      {text(`${p}.milestones.${j}.year`, t('plan.form.year'), m.year, (v) => setTarget(i, { milestones: x.milestones.map((o, k) => (k === j ? { ...o, year: v } : o)) }), true)}
                      {text(`${p}.milestones.${j}.value`, t('plan.form.value'), m.value, (v) => setTarget(i, { milestones: x.milestones.map((o, k) => (k === j ? { ...o, value: v } : o)) }), true)}
                      <button type="button" className="btn btn-secondary btn-small" aria-label={t('plan.form.removeMilestone', { year: m.year })} onClick={() => setTarget(i, { milestones: x.milestones.filter((_, k) => k !== j) })}>
                        {t('plan.form.remove')}
                      </button>
                    </div>
                  ))}
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => setTarget(i, { milestones: [...x.milestones, { year: '', value: '' }] })}>
                    {t('plan.form.addMilestone')}
                  </button>
                </ChoiceGroup>

                <SelectField id={fid(`${p}.responsible`)} label={t('plan.form.responsible')} value={x.responsible} error={err(`${p}.responsible`)} required onChange={(e) => setTarget(i, { responsible: e.target.value })}>
                  <option value="">{t('plan.form.choose')}</option>
                  {d.agencies.filter((a) => a.code).map((a) => (
                    <option key={a.code} value={a.code}>{agencyName(a)}</option>
                  ))}
                </SelectField>
                <ChoiceGroup id={fid(`${p}.coOperating`)} label={t('plan.form.coOperating')} error={err(`${p}.coOperating`)}>
                  {d.agencies.filter((a) => a.code && a.code !== x.responsible).map((a, k) => (
                    <label className="check" key={a.code}>
                      <input
                        type="checkbox"
                        id={k === 0 ? fid(`${p}.coOperating`) : undefined}
                        checked={x.coOperating.includes(a.code)}
                        onChange={(e) => setTarget(i, { coOperating: e.target.checked ? [...x.coOperating, a.code] : x.coOperating.filter((c) => c !== a.code) })}
                      />{' '}
                      {agencyName(a)}
                    </label>
                  ))}
                </ChoiceGroup>

                <SelectField id={fid(`${p}.source`)} label={t('plan.form.source')} value={x.source} error={err(`${p}.source`)} required onChange={(e) => setTarget(i, { source: e.target.value as TargetDraft['source'] })}>
                  <option value="reported">{t('plan.form.sourceReported')}</option>
                  <option value="platform">{t('plan.form.sourcePlatform')}</option>
                </SelectField>
                {x.source === 'platform' && (
                  <>
                    <SelectField id={fid(`${p}.query.metric`)} label={t('plan.form.metric')} value={x.metric} error={err(`${p}.query.metric`) ?? err(`${p}.query`)} required onChange={(e) => setTarget(i, { metric: e.target.value, filters: {} })}>
                      <option value="">{t('plan.form.choose')}</option>
                      {metrics.map((m) => (
                        <option key={m.id} value={m.id}>{en ? m.label.en : m.label.vi}</option>
                      ))}
                    </SelectField>
                    {metric && metric.filters.length > 0 && (
                      <div className="form-row">
                        {metric.filters.map((f) => (
                          <Fragment key={f}>
                            {filterTerms(f) ? (
                              <SelectField id={fid(`${p}.query.filters.${f}`)} label={t(`plan.form.filter.${f}`, { defaultValue: f })} value={x.filters[f] ?? ''} error={err(`${p}.query.filters.${f}`)} onChange={(e) => setTarget(i, { filters: { ...x.filters, [f]: e.target.value } })}>
                                <option value="">{t('plan.form.anyValue')}</option>
                                {filterTerms(f)!.map((term) => (
                                  <option key={term.code} value={term.code}>{termLabel(term, i18n.language)}</option>
                                ))}
                              </SelectField>
                            ) : (
                              text(`${p}.query.filters.${f}`, t(`plan.form.filter.${f}`, { defaultValue: f }), x.filters[f] ?? '', (v) => setTarget(i, { filters: { ...x.filters, [f]: v } }))
                            )}
                          </Fragment>
                        ))}
                      </div>
                    )}
                  </>
                )}
                <button type="button" className="btn btn-secondary btn-small" onClick={() => set({ targets: d.targets.filter((_, k) => k !== i) })}>
                  {t('plan.form.removeTarget')}
                </button>
              </div>
            );
          })}
          <button type="button" className="btn btn-secondary" onClick={() => set({ targets: [...d.targets, emptyTarget()] })}>
            {t('plan.form.addTarget')}
          </button>
        </fieldset>

        <p className="actions form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t(busy ? 'plan.form.saving' : 'plan.form.save')}
          </button>
          <Link className="btn btn-secondary" to={plan ? `/plan?plan=${encodeURIComponent(plan.id)}` : '/plan'}>
            {t('plan.form.cancel')}
          </Link>
        </p>
      </form>
    </section>
  );
}
