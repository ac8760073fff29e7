// An organisation's evidence (tax code, registration, address, phone,
// website, legal representative): the fields to fill in at registration and
// on the organisation page, and the facts an officer reads before deciding.
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../api/types';
import { formatDate } from '../lib/format';
import { parseDayInput } from '../lib/listing';
import { checkTaxCode } from '../lib/taxCode';
import { useTaxonomy, termLabel } from '../lib/taxonomy';
import type { FieldErrors, FieldProblem } from '../lib/validation';
import { fieldMessage } from '../lib/messages';
import { DateField, SelectField, TextField } from './Fields';
import { StatusBadge } from './Status';

export type Evidence = Organization['evidence'];

export const EVIDENCE_FIELDS = [
  'taxCode',
  'registrationNumber',
  'registrationDate',
  'legalRepresentative',
  'commune',
  'street',
  'phone',
  'website',
] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];
export type EvidenceValues = Record<EvidenceField, string>;

/** The form's values from an organisation's evidence (dates as dd/mm/yyyy). */
export function evidenceValues(e?: Evidence): EvidenceValues {
  const date = e?.registrationDate ? e.registrationDate.split('-').reverse().join('/') : '';
  return {
    taxCode: e?.taxCode ?? '',
    registrationNumber: e?.registrationNumber ?? '',
    registrationDate: date,
    legalRepresentative: e?.legalRepresentative ?? '',
    commune: e?.commune ?? '',
    street: e?.street ?? '',
    phone: e?.phone ?? '',
    website: e?.website ?? '',
  };
}

/** What the server receives; empty fields are left out (the certificate scan has its own route). */
export function evidenceInput(v: EvidenceValues): Evidence {
  const out: Evidence = {};
  for (const f of EVIDENCE_FIELDS) {
    const s = v[f].trim();
    if (!s) continue;
    out[f] = f === 'registrationDate' ? (parseDayInput(s) ?? s) : s;
  }
  return out;
}

/** The checks made before sending: the tax code's check digit, the date. */
export function validateEvidence(v: EvidenceValues, required: EvidenceField[] = []): FieldErrors<EvidenceField> {
  const errors: FieldErrors<EvidenceField> = {};
  for (const f of required) if (!v[f].trim()) errors[f] = { code: 'required' };
  const tax = checkTaxCode(v.taxCode);
  if (tax) errors.taxCode = { code: tax };
  if (parseDayInput(v.registrationDate) === null) errors.registrationDate = { code: 'invalid_date' };
  return errors;
}

/** Server field paths (with their prefix) → form fields. */
export function evidenceServerFields(prefix: string): Record<string, EvidenceField> {
  return Object.fromEntries(EVIDENCE_FIELDS.map((f) => [`${prefix}${f}`, f]));
}

export function EvidenceFields({
  idPrefix,
  values,
  errors,
  required = [],
  onChange,
  onBlurField,
}: {
  idPrefix: string;
  values: EvidenceValues;
  errors: FieldErrors<EvidenceField>;
  required?: EvidenceField[];
  onChange: (f: EvidenceField, value: string) => void;
  onBlurField?: (f: EvidenceField) => void;
}) {
  const { t, i18n } = useTranslation();
  const { taxonomy } = useTaxonomy();
  const communes = (taxonomy?.adminUnits ?? [])
    .filter((u) => u.level === 'commune' && !u.validUntil)
    .sort((a, b) => termLabel(a, i18n.language).localeCompare(termLabel(b, i18n.language), i18n.language));
  const bind = (f: EvidenceField) => ({
    id: `${idPrefix}-${f}`,
    value: values[f],
    required: required.includes(f),
    label: t(`acct.evidence.${f}`),
    error: fieldMessage(t, errors[f] as FieldProblem | undefined),
    onChange: (e: { target: { value: string } }) => onChange(f, e.target.value),
    onBlur: () => onBlurField?.(f),
  });
  return (
    <>
      <TextField {...bind('taxCode')} inputMode="numeric" autoComplete="off" hint={t('acct.evidence.taxCodeHint')} />
      <TextField {...bind('registrationNumber')} hint={t('acct.evidence.registrationNumberHint')} />
      <DateField {...bind('registrationDate')} />
      <TextField {...bind('legalRepresentative')} autoComplete="off" />
      <SelectField {...bind('commune')}>
        <option value="">{t('acct.evidence.chooseCommune')}</option>
        {communes.map((u) => (
          <option key={u.code} value={u.code}>
            {termLabel(u, i18n.language)}
          </option>
        ))}
      </SelectField>
      <TextField {...bind('street')} autoComplete="street-address" hint={t('acct.evidence.streetHint')} />
      <TextField {...bind('phone')} type="tel" inputMode="tel" autoComplete="tel" />
      <TextField {...bind('website')} type="url" inputMode="url" autoComplete="url" placeholder="https://" />
    </>
  );
}

/** The evidence as facts, what is missing, and (officers) who else uses the tax code. */
export function EvidenceFacts({ org }: { org: Organization }) {
  const { t, i18n } = useTranslation();
  const { taxonomy } = useTaxonomy();
  const e = org.evidence ?? {};
  const commune = taxonomy?.adminUnits.find((u) => u.code === e.commune);
  const address = [e.street, commune ? termLabel(commune, i18n.language) : e.commune].filter(Boolean).join(', ');
  const rows: [string, React.ReactNode][] = [
    ['taxCode', e.taxCode],
    ['registrationNumber', e.registrationNumber],
    ['registrationDate', e.registrationDate ? formatDate(e.registrationDate, i18n.language) : ''],
    ['legalRepresentative', e.legalRepresentative],
    ['address', address],
    ['phone', e.phone],
    [
      'website',
      e.website ? (
        <a href={e.website} target="_blank" rel="noopener noreferrer nofollow" className="break">
          {e.website}
        </a>
      ) : (
        ''
      ),
    ],
  ];
  const shared = org.taxCodeSharedWith ?? [];
  return (
    <>
      {shared.length > 0 && (
        <div className="alert alert-warning" data-testid="tax-code-shared">
          <p>{t('acct.evidence.sharedTaxCode', { code: e.taxCode })}</p>
          <ul>
            {shared.map((o) => (
              <li key={o.id}>
                <Link to={`/organization/${encodeURIComponent(o.id)}`}>{o.name}</Link> <StatusBadge status={o.status} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="facts evidence-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{t(`acct.evidence.${k}`)}</dt>
            <dd className={v ? undefined : 'muted'}>{v || t('acct.evidence.notGiven')}</dd>
          </div>
        ))}
      </dl>
      {(org.missing ?? []).length > 0 && (
        <p className="muted small" data-testid="evidence-missing">
          {t('acct.evidence.missing', {
            fields: (org.missing ?? []).map((f) => t(`acct.evidence.${f === 'commune' || f === 'street' ? 'address' : f}`)).filter((x, i, a) => a.indexOf(x) === i).join(', '),
          })}
        </p>
      )}
    </>
  );
}
