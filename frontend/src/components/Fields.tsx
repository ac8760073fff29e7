// Labelled form controls. Errors are tied to the control with
// aria-describedby and aria-invalid; hints likewise.
import { useTranslation } from 'react-i18next';
import { formatNumber, formatVnd } from '../lib/format';
import { formatDay, parseAmount, parseDayInput } from '../lib/listing';
import { termLabel } from '../lib/taxonomy';
import type { Term } from '../api/types';
import { useRef } from 'react';
import type { ChangeEvent, InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface FieldShell {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
}

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The asterisk after a required field's label (hidden from screen readers: the control says it). */
export function RequiredMark() {
  return (
    <span className="req" aria-hidden="true">
      {' '}
      *
    </span>
  );
}

/** A field's hint and error lines, with the ids aria-describedby points at. */
function FieldHint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p className="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function FieldErrorText({ id, error }: { id: string; error?: ReactNode }) {
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

function Shell({ id, label, hint, error, required, children }: FieldShell & { children: ReactNode }) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      <FieldHint id={id} hint={hint} />
      {children}
      <FieldErrorText id={id} error={error} />
    </div>
  );
}

/**
 * A group of checkboxes or radios: a fieldset whose legend is the label, with
 * the hint and error tied to it. `id` is the first control's id.
 */
export function ChoiceGroup({ id, label, hint, error, required, children }: FieldShell & { children: ReactNode }) {
  return (
    <fieldset className={error ? 'choice-group has-error' : 'choice-group'} aria-describedby={describedBy(id, hint, error)}>
      <legend>
        {label}
        {required && <RequiredMark />}
      </legend>
      <FieldHint id={id} hint={hint} />
      {children}
      <FieldErrorText id={id} error={error} />
    </fieldset>
  );
}

type InputProps = FieldShell &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { inputRef?: Ref<HTMLInputElement> };

export function TextField({ id, label, hint, error, required, inputRef, ...rest }: InputProps) {
  return (
    <Shell id={id} label={label} hint={hint} error={error} required={required}>
      <input
        id={id}
        name={id}
        ref={inputRef}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </Shell>
  );
}

type SelectProps = FieldShell &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { selectRef?: Ref<HTMLSelectElement>; children: ReactNode };

export function SelectField({ id, label, hint, error, required, selectRef, children, ...rest }: SelectProps) {
  return (
    <Shell id={id} label={label} hint={hint} error={error} required={required}>
      <select
        id={id}
        name={id}
        ref={selectRef}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      >
        {children}
      </select>
    </Shell>
  );
}

type TextAreaProps = FieldShell &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { textareaRef?: Ref<HTMLTextAreaElement> };

export function TextAreaField({ id, label, hint, error, required, textareaRef, ...rest }: TextAreaProps) {
  return (
    <Shell id={id} label={label} hint={hint} error={error} required={required}>
      <textarea
        id={id}
        name={id}
        ref={textareaRef}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </Shell>
  );
}

/** What a field takes from its form: id, value, change handler and error message. */
export interface BoundField {
  id: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  error?: string;
}

/** Makes `bind(f)`, which ties the control of field `f` to the form: `<TextField {...bind('email')} … />`. */
export function fieldBinder<F extends string>(form: {
  id: (f: F) => string;
  values: Record<F, string>;
  update: (f: F, value: string) => void;
  error: (f: F) => string | undefined;
}): (f: F) => BoundField {
  return (f) => ({
    id: form.id(f),
    value: form.values[f],
    onChange: (e) => form.update(f, e.target.value),
    error: form.error(f),
  });
}

/** A live region for a form's overall error; screen readers announce it. */
export function FormAlert({ message, id }: { message?: string | null; id?: string }) {
  return (
    <div className="form-alert-region" role="alert" aria-live="assertive" id={id}>
      {message ? <p className="alert alert-error">{message}</p> : null}
    </div>
  );
}

/**
 * A date typed as dd/mm/yyyy, whatever the browser's language (a native date
 * input would follow that), with a calendar button beside it: the browser's
 * own picker, whose choice is written back as dd/mm/yyyy.
 */
export function DateField({ id, label, hint, error, required, inputRef, ...rest }: Omit<InputProps, 'type'>) {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  const iso = typeof rest.value === 'string' ? parseDayInput(rest.value) : undefined;
  const shownHint = hint ?? t('listingForm.hint.date');
  return (
    <Shell id={id} label={label} hint={shownHint} error={error} required={required}>
      <div className="date-input">
        <input
          id={id}
          name={id}
          ref={inputRef}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, shownHint, error)}
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('listingForm.datePlaceholder')}
          maxLength={10}
          {...rest}
        />
        <button
          type="button"
          className="btn btn-secondary date-button"
          aria-label={t('form.pickDate')}
          title={t('form.pickDate')}
          disabled={rest.disabled || rest.readOnly}
          onClick={() => {
            const el = picker.current;
            if (!el) return;
            try {
              el.showPicker();
            } catch {
              el.focus();
            }
          }}
        >
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
            <rect x="3" y="5" width="18" height="16" rx="2" />
            <path d="M3 10h18M8 3v4M16 3v4" />
          </svg>
        </button>
        <input
          ref={picker}
          type="date"
          className="date-native"
          tabIndex={-1}
          aria-hidden="true"
          value={iso ?? ''}
          onChange={(e) => {
            const v = e.target.value;
            if (!v) return;
            rest.onChange?.({ target: { value: formatDay(v) }, currentTarget: { value: formatDay(v) } } as unknown as ChangeEvent<HTMLInputElement>);
            rest.onBlur?.({ target: { value: formatDay(v) } } as never);
          }}
        />
      </div>
    </Shell>
  );
}

/** An amount in VND, typed with or without separators; shows the amount as read. */
export function AmountField({
  label,
  value,
  onBlur,
  onFormat,
  ...rest
}: Omit<InputProps, 'value' | 'label'> & { label: string; value: string; onBlur?: () => void; onFormat: (v: string) => void }) {
  const { t } = useTranslation();
  const n = parseAmount(value);
  return (
    <TextField
      {...rest}
      label={`${label} (₫)`}
      inputMode="numeric"
      autoComplete="off"
      hint={n ? t('listingForm.amountIs', { amount: formatVnd(n) }) : t('listingForm.hint.amount')}
      value={value}
      onBlur={() => {
        if (n) onFormat(formatNumber(n));
        onBlur?.();
      }}
    />
  );
}

/**
 * Checkboxes for terms of the taxonomy (sectors, transfer forms), in a
 * grid, at most `max` of them: once that many are checked the others wait.
 */
export function TermChecks({
  id,
  label,
  required,
  hint,
  terms,
  lang,
  value,
  max,
  onChange,
  error,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  terms: Term[];
  lang: string;
  value: string[];
  max?: number;
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const full = max !== undefined && value.length >= max;
  return (
    <ChoiceGroup id={id} label={label} required={required} hint={hint} error={error}>
      <div className="check-grid">
        {terms.map((x, i) => {
          const checked = value.includes(x.code);
          return (
            <label key={x.code} className="check">
              <input
                type="checkbox"
                id={i === 0 ? id : undefined}
                checked={checked}
                disabled={!checked && full}
                aria-invalid={error ? true : undefined}
                onChange={() => onChange(checked ? value.filter((c) => c !== x.code) : [...value, x.code])}
              />
              {termLabel(x, lang)}
            </label>
          );
        })}
      </div>
    </ChoiceGroup>
  );
}
