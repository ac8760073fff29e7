// Client-side checks mirror the server's rules and use the server's field
// error codes; their texts are the SPA's own (fieldErrors.*). A server error
// carries its text in `message`, shown as it comes.
import type { TFunction } from 'i18next';
import type { FieldError } from '../api/client';
import { ORG_KINDS, type OrgKind } from '../api/types';
import { limits } from '../api/limits.gen';

export interface FieldProblem {
  code: string;
  params?: Record<string, string | number>;
  /** The server's text (in the UI language); absent for the client's own checks. */
  message?: string;
}

export type FieldErrors<K extends string = string> = Partial<Record<K, FieldProblem>>;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
/** An officer's reason for refusing an organisation, as the server limits it. */
export const REASON_MIN = limits['Reject.reason'].minLength;
export const REASON_MAX = limits['Reject.reason'].maxLength;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string): FieldProblem | undefined {
  const v = value.trim();
  if (!v) return { code: 'required' };
  if (v.length > EMAIL_MAX) return { code: 'too_long', params: { max: EMAIL_MAX } };
  if (!EMAIL_RE.test(v)) return { code: 'invalid_email' };
  return undefined;
}

export function checkPassword(password: string, email: string): FieldProblem | undefined {
  if (!password) return { code: 'required' };
  if (password.length < PASSWORD_MIN) return { code: 'too_short', params: { min: PASSWORD_MIN } };
  if (password.length > PASSWORD_MAX) return { code: 'too_long', params: { max: PASSWORD_MAX } };
  const e = email.trim().toLowerCase();
  if (e && password.toLowerCase().includes(e)) return { code: 'weak_password' };
  return undefined;
}

export function checkText(value: string, opts: { min?: number; max?: number } = {}): FieldProblem | undefined {
  const v = value.trim();
  if (!v) return { code: 'required' };
  if (opts.min && v.length < opts.min) return { code: 'too_short', params: { min: opts.min } };
  const max = opts.max ?? NAME_MAX;
  if (v.length > max) return { code: 'too_long', params: { max } };
  return undefined;
}

export function checkChoice<T extends string>(value: string, choices: readonly T[]): FieldProblem | undefined {
  if (!value) return { code: 'required' };
  if (!(choices as readonly string[]).includes(value)) return { code: 'invalid_choice' };
  return undefined;
}

export interface RegisterValues {
  fullName: string;
  email: string;
  password: string;
  organizationName: string;
  organizationKind: OrgKind | '';
}

export type RegisterField = keyof RegisterValues;

/** Validates the registration form; organisation fields only when asked. */
export function validateRegister(values: RegisterValues, withOrganization: boolean): FieldErrors<RegisterField> {
  const errors: FieldErrors<RegisterField> = {};
  const set = (f: RegisterField, p: FieldProblem | undefined) => {
    if (p) errors[f] = p;
  };
  set('fullName', checkText(values.fullName));
  set('email', checkEmail(values.email));
  set('password', checkPassword(values.password, values.email));
  if (withOrganization) {
    set('organizationName', checkText(values.organizationName));
    set('organizationKind', checkChoice(values.organizationKind, ORG_KINDS));
  }
  return errors;
}

export function validateLogin(values: { email: string; password: string }): FieldErrors<'email' | 'password'> {
  const errors: FieldErrors<'email' | 'password'> = {};
  const email = checkEmail(values.email);
  if (email) errors.email = email;
  if (!values.password) errors.password = { code: 'required' };
  return errors;
}

export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export type PasswordChangeField = keyof PasswordChangeValues;

/** The new password follows the registration policy; the confirmation must repeat it. */
export function validatePasswordChange(values: PasswordChangeValues, email: string): FieldErrors<PasswordChangeField> {
  const errors: FieldErrors<PasswordChangeField> = {};
  if (!values.currentPassword) errors.currentPassword = { code: 'required' };
  const next = checkPassword(values.newPassword, email);
  if (next) errors.newPassword = next;
  if (!values.confirmPassword) errors.confirmPassword = { code: 'required' };
  else if (values.confirmPassword !== values.newPassword) errors.confirmPassword = { code: 'password_mismatch' };
  return errors;
}

export const ORG_NAME_MIN = 2;

export interface OrganizationValues {
  name: string;
  kind: OrgKind | '';
}

/** Name and kind of an organisation, as the server checks them on PATCH. */
export function validateOrganization(values: OrganizationValues): FieldErrors<keyof OrganizationValues> {
  const errors: FieldErrors<keyof OrganizationValues> = {};
  const name = checkText(values.name, { min: ORG_NAME_MIN });
  if (name) errors.name = name;
  const kind = checkChoice(values.kind, ORG_KINDS);
  if (kind) errors.kind = kind;
  return errors;
}

export function validateRejectReason(reason: string): FieldProblem | undefined {
  return checkText(reason, { min: REASON_MIN, max: REASON_MAX });
}

/**
 * Maps the server's errors[] onto form fields. `fields` translates API field
 * paths (e.g. "organization.name") to form field names; errors for fields the
 * form does not show are returned separately so they can be listed on top.
 */
export function mapServerErrors<K extends string>(
  errors: FieldError[],
  fields: Record<string, K>,
): { fieldErrors: FieldErrors<K>; other: FieldError[] } {
  const fieldErrors: FieldErrors<K> = {};
  const other: FieldError[] = [];
  for (const e of errors) {
    const key = fields[e.field];
    if (key && !fieldErrors[key]) {
      fieldErrors[key] = e.params ? { code: e.code, params: e.params, message: e.message } : { code: e.code, message: e.message };
    }
    else if (!key) other.push(e);
  }
  return { fieldErrors, other };
}

export function errorCount(errors: FieldErrors): number {
  return Object.values(errors).filter(Boolean).length;
}

/**
 * Tells about a form's field errors: "fix N errors" on top (then `extra`,
 * what no field shows) and focus on the first. Returns true when there are
 * none; the form's error is cleared then.
 */
export function reportErrors<K extends string>(
  t: TFunction,
  errors: FieldErrors<K>,
  setFormError: (message: string | null) => void,
  focusFirst: (errors: FieldErrors<K>) => void,
  extra: string[] = [],
): boolean {
  const n = errorCount(errors);
  if (n === 0) {
    setFormError(null);
    return true;
  }
  setFormError([t('form.fixErrors', { count: n }), ...extra].join(' '));
  focusFirst(errors);
  return false;
}
