// Registration: a new account with a new organisation, or (with an
// invitation token) a new account that joins an existing organisation.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import { ORG_KINDS, type OrgKind, type RegisterRequest } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { fieldMessage, problemMessage } from '../lib/messages';
import {
  mapServerErrors,
  reportErrors,
  validateRegister,
  type FieldErrors,
  type RegisterField,
  type RegisterValues,
} from '../lib/validation';
import { fieldBinder, FormAlert, SelectField, TextField } from './Fields';
import {
  EvidenceFields,
  evidenceInput,
  evidenceServerFields,
  evidenceValues,
  validateEvidence,
  EVIDENCE_FIELDS,
  type EvidenceField,
  type EvidenceValues,
} from './Evidence';

const FIELD_ORDER: RegisterField[] = ['fullName', 'email', 'password', 'organizationName', 'organizationKind'];
const EVIDENCE_ID = 'register-evidence';

/** API field paths → form fields. */
const SERVER_FIELDS: Record<string, RegisterField> = {
  fullName: 'fullName',
  email: 'email',
  password: 'password',
  'organization.name': 'organizationName',
  'organization.kind': 'organizationKind',
};

export interface RegisterFormProps {
  invitation?: { token: string; email: string };
  /** Called after the sign-up was accepted and the user is logged in. */
  onDone: () => void;
  /**
   * Called when the sign-up was accepted but logging in with the details
   * just given failed. The server answers a sign-up the same whether the
   * e-mail is new or already has an account (it writes to the owner
   * instead), so the message is neutral: log in, or read your e-mail.
   * The e-mail given comes along, so the log-in form can start with it.
   */
  onLoginFailed?: (message: string, email: string) => void;
}

export function RegisterForm({ invitation, onDone, onLoginFailed }: RegisterFormProps) {
  const { t } = useTranslation();
  const { login } = useAuth();
  const uid = useId();
  const withOrganization = !invitation;
  const [values, setValues] = useState<RegisterValues>({
    fullName: '',
    email: invitation?.email ?? '',
    password: '',
    organizationName: '',
    organizationKind: '',
  });
  const [errors, setErrors] = useState<FieldErrors<RegisterField>>({});
  const [evidence, setEvidence] = useState<EvidenceValues>(evidenceValues());
  const [evidenceErrors, setEvidenceErrors] = useState<FieldErrors<EvidenceField>>({});
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const id = (f: RegisterField) => `${uid}-${f}`;

  function focusFirst(errs: FieldErrors<RegisterField>, evErrs: FieldErrors<EvidenceField> = {}) {
    const first = FIELD_ORDER.find((f) => errs[f]);
    if (first) document.getElementById(id(first))?.focus();
    else {
      const ev = EVIDENCE_FIELDS.find((f) => evErrs[f]);
      if (ev) document.getElementById(`${EVIDENCE_ID}-${ev}`)?.focus();
    }
  }

  function update(field: RegisterField, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    if (submitted) {
      const client = validateRegister(next, withOrganization);
      setErrors((prev) => {
        const merged = { ...prev, [field]: client[field] };
        // The password rule depends on the email.
        if (field === 'email') merged.password = client.password;
        return merged;
      });
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const errs = validateRegister(values, withOrganization);
    const evErrs = withOrganization ? validateEvidence(evidence) : {};
    setErrors(errs);
    setEvidenceErrors(evErrs);
    if (!reportErrors(t, { ...errs, ...evErrs }, setFormError, () => focusFirst(errs, evErrs))) return;
    setBusy(true);
    const req: RegisterRequest = {
      email: values.email.trim(),
      password: values.password,
      fullName: values.fullName.trim(),
    };
    if (invitation) req.invitationToken = invitation.token;
    else
      req.organization = {
        name: values.organizationName.trim(),
        kind: values.organizationKind as OrgKind,
        evidence: evidenceInput(evidence),
      };

    try {
      await endpoints.register(req);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError) {
        const { fieldErrors, other: rest } = mapServerErrors(err.errors, SERVER_FIELDS);
        const { fieldErrors: evErrs, other } = mapServerErrors(rest, evidenceServerFields('organization.evidence.'));
        setErrors(fieldErrors);
        setEvidenceErrors(evErrs);
        const extra = other.map((o) => o.message).filter(Boolean);
        if (!reportErrors(t, { ...fieldErrors, ...evErrs }, setFormError, () => focusFirst(fieldErrors, evErrs), extra)) return;
        setFormError([problemMessage(t, err), ...extra].join(' '));
        return;
      }
      setFormError(problemMessage(t, err));
      return;
    }

    try {
      await login(req.email, req.password);
    } catch (err) {
      setBusy(false);
      // A 401 is what a taken e-mail looks like: say nothing more than the
      // neutral text. Anything else (too many attempts, offline) is added.
      const wrongCredentials = err instanceof ApiError && err.status === 401;
      const message = wrongCredentials
        ? t('register.loginAfterFailed')
        : `${t('register.loginAfterFailed')} ${problemMessage(t, err)}`;
      if (onLoginFailed) onLoginFailed(message, req.email);
      else setFormError(message);
      return;
    }
    setBusy(false);
    onDone();
  }

  const bind = fieldBinder({ id, values, update, error: (f: RegisterField) => fieldMessage(t, errors[f]) });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
      <FormAlert message={formError} />
      <fieldset>
        <legend>{t('register.accountSection')}</legend>
        <TextField
          {...bind('fullName')}
          label={t('register.fullName')}
          required
          autoComplete="name"
        />
        <TextField
          {...bind('email')}
          label={t('register.email')}
          type="email"
          required
          autoComplete="email"
          inputMode="email"
          readOnly={!!invitation}
        />
        <TextField
          {...bind('password')}
          label={t('register.password')}
          type="password"
          required
          autoComplete="new-password"
          hint={t('register.passwordPolicy')}
        />
      </fieldset>
      {withOrganization && (
        <fieldset>
          <legend>{t('register.organizationSection')}</legend>
          <TextField
            {...bind('organizationName')}
            label={t('register.organizationName')}
            required
            autoComplete="organization"
          />
          <SelectField
            {...bind('organizationKind')}
            label={t('register.organizationKind')}
            required
          >
            <option value="">{t('register.chooseKind')}</option>
            {ORG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`orgKind.${k}`)}
              </option>
            ))}
          </SelectField>
        </fieldset>
      )}
      {withOrganization && (
        <fieldset>
          <legend>{t('acct.evidence.section')}</legend>
          <p className="hint">{t('acct.evidence.sectionIntro')}</p>
          <EvidenceFields
            idPrefix={EVIDENCE_ID}
            values={evidence}
            errors={evidenceErrors}
            onChange={(f, v) => {
              setEvidence((prev) => ({ ...prev, [f]: v }));
              if (evidenceErrors[f]) setEvidenceErrors((prev) => ({ ...prev, [f]: undefined }));
            }}
            onBlurField={(f) => {
              // A wrong check digit is said on the field as soon as it is left.
              const found = validateEvidence(evidence)[f];
              setEvidenceErrors((prev) => ({ ...prev, [f]: found }));
            }}
          />
        </fieldset>
      )}
      <p className="actions">
        <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
          {busy ? t('register.submitting') : t('register.submit')}
        </button>
      </p>
    </form>
  );
}
