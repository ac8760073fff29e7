// The state every small form keeps: values, field errors (the client's checks
// first, then the server's per field), the error on top, busy. Forms of the
// matching screens use it with the shared fields' binder.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { fieldBinder } from '../components/Fields';
import { fieldMessage, problemMessage } from './messages';
import { mapServerErrors, reportErrors, type FieldErrors } from './validation';

export interface FormOptions<F extends string> {
  initial: Record<F, string>;
  /** Field ids are `${prefix}-${field}`. */
  prefix: string;
  /** Fields in the order they are shown (the first with an error gets focus). */
  order: readonly F[];
  validate: (values: Record<F, string>) => FieldErrors<F>;
  /** API field paths → form fields (default: the same names). */
  serverFields?: Record<string, F>;
  /** A sentence for a failure the form explains itself (409 interest_exists…); undefined for the usual text. */
  problem?: (err: unknown) => string | undefined;
}

export function useForm<F extends string>(opts: FormOptions<F>) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<F, string>>(opts.initial);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (f: F) => `${opts.prefix}-${f}`;

  const focusFirst = (errs: FieldErrors<F>) => {
    const first = opts.order.find((f) => errs[f]);
    if (first) document.getElementById(id(first))?.focus();
  };

  function update(f: F, value: string) {
    const next = { ...values, [f]: value };
    setValues(next);
    // After a first try, a field's error follows what is typed; other fields keep theirs.
    if (submitted) setErrors((prev) => ({ ...prev, [f]: opts.validate(next)[f] }));
  }

  const reset = useCallback((initial: Record<F, string> = opts.initial) => {
    setValues(initial);
    setErrors({});
    setSubmitted(false);
    setFormError(null);
    setBusy(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** A submit handler: checks, then runs `send`; server field errors land on their fields. */
  function submit(send: (values: Record<F, string>) => Promise<void>) {
    return async (e?: FormEvent) => {
      e?.preventDefault();
      setSubmitted(true);
      const errs = opts.validate(values);
      setErrors(errs);
      if (!reportErrors(t, errs, setFormError, focusFirst)) return;
      setBusy(true);
      try {
        await send(values);
        setBusy(false);
      } catch (err) {
        setBusy(false);
        const own = opts.problem?.(err);
        if (own) {
          setFormError(own);
          return;
        }
        if (err instanceof ApiError && err.errors.length > 0) {
          const fields = opts.serverFields ?? (Object.fromEntries(opts.order.map((f) => [f, f])) as Record<string, F>);
          const { fieldErrors, other } = mapServerErrors(err.errors, fields);
          const extra = other.map((o) => fieldMessage(t, o) ?? o.message).filter(Boolean) as string[];
          setErrors(fieldErrors);
          if (!reportErrors(t, fieldErrors, setFormError, focusFirst, extra)) return;
          if (extra.length) {
            setFormError(extra.join(' '));
            return;
          }
        }
        setFormError(problemMessage(t, err));
      }
    };
  }

  const bind = fieldBinder({ id, values, update, error: (f: F) => fieldMessage(t, errors[f]) });

  return { values, setValues, errors, setErrors, formError, setFormError, busy, bind, update, reset, submit, id };
}
