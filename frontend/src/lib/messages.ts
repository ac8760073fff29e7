// Turns errors into text for people. The server writes its own errors in the
// language the request asked for (every request carries Accept-Language with
// the UI language): the problem's title and detail, and a message per field.
// The SPA's own texts are only for what it checks before sending
// (`fieldErrors.*`) and for failures the server never answered
// (`problems.network_error`, `problems.unknown`).
import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR } from '../api/client';
import type { FieldProblem } from './validation';

export function problemMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === NETWORK_ERROR) return t('problems.network_error');
    const text = [err.title, err.detail].filter(Boolean).join(' ');
    if (text) return text;
  }
  return t('problems.unknown');
}

export function fieldMessage(t: TFunction, p: FieldProblem | undefined): string | undefined {
  if (!p) return undefined;
  if (p.message) return p.message;
  if (p.code === 'too_short') {
    return p.params?.min !== undefined ? t('fieldErrors.too_short', { min: p.params.min }) : t('fieldErrors.too_short_plain');
  }
  if (p.code === 'too_long') {
    return p.params?.max !== undefined ? t('fieldErrors.too_long', { max: p.params.max }) : t('fieldErrors.too_long_plain');
  }
  return t(`fieldErrors.${p.code}`, p.params);
}
