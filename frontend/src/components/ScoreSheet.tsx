// The scoring sheet of an appraisal council member ("Phiếu chấm điểm"): the
// conflict-of-interest declaration (no conflict to score, or a conflict to
// step aside), then a score 0–10 and a comment per criterion with its
// weight, the total live (Σ weight × score / 10, out of 100). Support's
// reviewers and the selection council of commissioned tasks use it; the
// page around it says what is scored and sends the sheet.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { ApplicationReview, ConflictDeclaration, ScoresInput } from '../api/types';
import { ChoiceGroup, FormAlert, TextAreaField, TextField } from './Fields';
import { formatScore, parseScore, SCORE_COMMENT_MAX, SCORE_MAX, scoreTotal } from '../lib/applications';
import { formatDateTime } from '../lib/format';
import { fieldMessage, problemMessage } from '../lib/messages';
import type { FieldErrors } from '../lib/validation';

/** A criterion as the sheet shows it: its code, name in the page's language and weight. */
export interface SheetCriterion {
  code: string;
  name: string;
  weight: number;
}

export interface ScoreRow {
  score: string;
  comment: string;
}

/** Checks the sheet with the server's field names ("declaration", "scores.<code>"). */
export function validateSheet(
  declaration: ConflictDeclaration | '',
  rows: Record<string, ScoreRow>,
  criteria: SheetCriterion[],
  comment: string,
): FieldErrors {
  // The overall comment may be longer than one criterion's.
  const OVERALL_MAX = 2 * SCORE_COMMENT_MAX;
  const errs: FieldErrors = {};
  if (!declaration) errs.declaration = { code: 'declaration_required' };
  if (declaration === 'no_conflict') {
    for (const c of criteria) {
      const r = rows[c.code] ?? { score: '', comment: '' };
      const s = parseScore(r.score);
      if (s.problem) errs[`scores.${c.code}`] = s.problem;
      if (r.comment.trim().length > SCORE_COMMENT_MAX) errs[`scores.${c.code}.comment`] = { code: 'too_long', params: { max: SCORE_COMMENT_MAX } };
    }
  }
  if (comment.trim().length > OVERALL_MAX) errs.comment = { code: 'too_long', params: { max: OVERALL_MAX } };
  return errs;
}



export interface ScoreSheetProps {
  criteria: SheetCriterion[];
  passMark?: number;
  /** The member's review as sent, if any. */
  mine?: Omit<ApplicationReview, 'declaration'> & { declaration?: string };
  /** Whether the sheet may be sent now (the server's `can`). */
  open: boolean;
  /** The declaration's hint, naming whose organisation is concerned. */
  declarationHint: string;
  /** Makes the fields' ids unique when a page has several sheets. */
  idPrefix?: string;
  /** A field's name for a server problem the sheet has no field for. */
  fieldLabel: (field: string) => string;
  send: (input: ScoresInput) => Promise<void>;
  /** After a sheet was sent, with the declaration and the total. */
  onSent: (declaration: ConflictDeclaration, total: number) => void;
  children?: ReactNode;
}

export function ScoreSheet({ criteria, passMark, mine, open, declarationHint, idPrefix = 'review', fieldLabel, send, onSent, children }: ScoreSheetProps) {
  const { t, i18n } = useTranslation();
  const fieldId = (field: string) => `${idPrefix}-${field.replace(/\./g, '-')}`;
  const [declaration, setDeclaration] = useState<ConflictDeclaration | ''>((mine?.declaration as ConflictDeclaration | undefined) ?? '');
  const [rows, setRows] = useState<Record<string, ScoreRow>>(() =>
    Object.fromEntries(
      criteria.map((c) => {
        const s = mine?.scores?.find((x) => x.code === c.code);
        return [c.code, { score: s ? String(s.score) : '', comment: s?.comment ?? '' }];
      }),
    ),
  );
  const [comment, setComment] = useState(mine?.comment ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scores = criteria.map((c) => ({ code: c.code, score: parseScore(rows[c.code]?.score ?? '').value ?? 0 }));
  const total = scoreTotal(criteria, scores);
  const msg = (f: string) => fieldMessage(t, errors[f]);

  function setRow(code: string, patch: Partial<ScoreRow>) {
    const next = { ...rows, [code]: { ...rows[code], ...patch } };
    setRows(next);
    if (submitted) recheck(validateSheet(declaration, next, criteria, comment));
  }

  /** After a first try the errors follow what is typed; the summary goes with the last one. */
  function recheck(errs: FieldErrors) {
    setErrors(errs);
    if (Object.keys(errs).length === 0) setFormError(null);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const errs = validateSheet(declaration, rows, criteria, comment);
    setErrors(errs);
    const n = Object.keys(errs).length;
    if (n > 0) {
      setFormError(t('form.fixErrors', { count: n }));
      document.getElementById(fieldId(Object.keys(errs)[0]))?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      await send({
        declaration: declaration as ConflictDeclaration,
        scores:
          declaration === 'no_conflict'
            ? criteria.map((c) => ({ code: c.code, score: parseScore(rows[c.code].score).value ?? 0, comment: rows[c.code].comment.trim() || undefined }))
            : [],
        comment: comment.trim() || undefined,
      });
      setBusy(false);
      onSent(declaration as ConflictDeclaration, total);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.errors.length > 0) {
        // Marks and comments are named by criterion ("scores.novelty.comment"); an entry
        // without a code by its place in the list sent ("scores.1.code").
        const field = (f: string) => {
          const m = /^scores\.(\d+)\.(comment|code)$/.exec(f);
          return m && criteria[Number(m[1])] ? `scores.${criteria[Number(m[1])].code}${m[2] === 'comment' ? '.comment' : ''}` : f;
        };
        const placed = err.errors.map((fe) => ({ ...fe, field: field(fe.field) }));
        const server: FieldErrors = {};
        for (const fe of placed) if (!server[fe.field]) server[fe.field] = { code: fe.code, params: fe.params, message: fe.message };
        setErrors(server);
        const unplaced = placed.filter((fe) => !document.getElementById(fieldId(fe.field))).map((fe) => `${fieldLabel(fe.field)}: ${fieldMessage(t, fe)}`);
        setFormError([t('form.fixErrors', { count: placed.length }), ...unplaced].join(' '));
        document.getElementById(fieldId(placed[0].field))?.focus();
        return;
      }
      setFormError(problemMessage(t, err));
    }
  }

  return (
    <form className="form score-sheet side-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} aria-labelledby={fieldId('sheet-title')}>
      <h2 id={fieldId('sheet-title')} className="h3">
        {t('review.sheet')}
      </h2>
      <FormAlert message={formError} />
      <ChoiceGroup id={fieldId('declaration')} label={t('review.declaration.legend')} hint={declarationHint} error={msg('declaration')} required>
        {(['no_conflict', 'conflict'] as const).map((d, i) => (
          <label key={d} className="check">
            <input
              type="radio"
              name={fieldId('declaration')}
              id={i === 0 ? fieldId('declaration') : undefined}
              value={d}
              checked={declaration === d}
              disabled={!open || !mine}
              aria-invalid={errors.declaration ? true : undefined}
              onChange={() => {
                setDeclaration(d);
                if (submitted) recheck(validateSheet(d, rows, criteria, comment));
              }}
            />
            {t(`review.declaration.${d}`)}
          </label>
        ))}
      </ChoiceGroup>

      {declaration === 'no_conflict' && (
        <>
          <ol className="score-rows">
            {criteria.map((c) => (
              <li key={c.code} className="score-row" data-criterion={c.code}>
                <p className="score-head">
                  <span className="strong">{c.name}</span> <span className="badge badge-optional">{t('review.weight', { weight: c.weight })}</span>
                </p>
                <TextField
                  id={fieldId(`scores.${c.code}`)}
                  label={t('review.score', { name: c.name })}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={SCORE_MAX}
                  step={1}
                  className="input-short"
                  required
                  disabled={!open || !mine}
                  value={rows[c.code]?.score ?? ''}
                  error={msg(`scores.${c.code}`)}
                  hint={t('review.scoreHint')}
                  onChange={(e) => setRow(c.code, { score: e.target.value })}
                />
                <TextAreaField
                  id={fieldId(`scores.${c.code}.comment`)}
                  label={t('review.comment', { name: c.name })}
                  rows={2}
                  maxLength={SCORE_COMMENT_MAX}
                  disabled={!open || !mine}
                  value={rows[c.code]?.comment ?? ''}
                  error={msg(`scores.${c.code}.comment`)}
                  onChange={(e) => setRow(c.code, { comment: e.target.value })}
                />
              </li>
            ))}
          </ol>
          <p className="score-total" role="status" aria-live="polite" data-testid="score-total">
            {t('review.total', { total: formatScore(total, i18n.language) })}
            {passMark ? <span className="muted small"> · {t('review.passMark', { mark: passMark })}</span> : null}
          </p>
        </>
      )}
      {declaration === 'conflict' && <p className="alert alert-warning">{t('review.conflictText')}</p>}

      <TextAreaField
        id={fieldId('comment')}
        label={t('review.overall')}
        rows={4}
        maxLength={2 * SCORE_COMMENT_MAX}
        disabled={!open || !mine}
        value={comment}
        error={msg('comment')}
        onChange={(e) => setComment(e.target.value)}
      />
      {open && mine && (
        <p className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.working') : declaration === 'conflict' ? t('review.recuse') : mine.submittedAt ? t('review.resend') : t('review.send')}
          </button>
        </p>
      )}
      {mine?.submittedAt && <p className="small muted">{t('review.lastSent', { date: formatDateTime(mine.submittedAt, i18n.language) })}</p>}
      {children}
    </form>
  );
}
