// Turns API and field errors into text for people: our own i18n text keyed by
// the stable code first, the server's localised detail as a fallback.
import type { TFunction } from 'i18next';
import i18n from '../i18n';
import { ApiError } from '../api/client';
import type { FieldProblem } from './validation';

export function problemMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'rate_limited') {
      const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
      return t('problems.rate_limited', { count: minutes });
    }
    const key = `problems.${err.code}`;
    if (i18n.exists(key)) return t(key);
    return err.detail || err.title || t('problems.unknown');
  }
  return t('problems.unknown');
}

export function fieldMessage(t: TFunction, p: FieldProblem | undefined): string | undefined {
  if (!p) return undefined;
  if (p.code === 'too_short') {
    return p.params?.min !== undefined ? t('fieldErrors.too_short', { min: p.params.min }) : t('fieldErrors.too_short_plain');
  }
  if (p.code === 'too_long') {
    return p.params?.max !== undefined ? t('fieldErrors.too_long', { max: p.params.max }) : t('fieldErrors.too_long_plain');
  }
  const key = `fieldErrors.${p.code}`;
  if (i18n.exists(key)) return t(key, p.params);
  return p.message || t('fieldErrors.invalid_type');
}
