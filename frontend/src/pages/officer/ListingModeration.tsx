// Officers decide on a pending listing: approve it (published for twelve
// months) or reject it with a reason from the taxonomy and a comment that
// tells the owner what to fix.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api';
import { ApiError } from '../../api/client';
import type { Listing } from '../../api/types';
import { ConfirmDialog, FormDialog } from '../../components/ConfirmDialog';
import { SelectField, TextAreaField } from '../../components/Fields';
import { formatDate } from '../../lib/format';
import { COMMENT_MAX, COMMENT_MIN } from '../../lib/listing';
import { fieldMessage, problemMessage } from '../../lib/messages';
import { termLabel, useTaxonomy } from '../../lib/taxonomy';
import { checkText, reportErrors, type FieldErrors } from '../../lib/validation';

type Changed = (l: Listing | null, message: string, tone?: 'success' | 'error' | 'info') => void;

export default function ListingModeration({
  listing,
  onChanged,
  onReload,
}: {
  listing: Listing;
  onChanged: Changed;
  onReload: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [approving, setApproving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function failed(err: unknown, close: () => void) {
    if (err instanceof ApiError && err.status === 412) {
      close();
      await onReload();
      onChanged(null, t('moderation.stale'), 'error');
      return;
    }
    setError(problemMessage(t, err));
  }

  async function approve() {
    setBusy(true);
    setError(null);
    try {
      const updated = await endpoints.listingAction(listing.id, 'approve', listing.version);
      setBusy(false);
      setApproving(false);
      onChanged(updated, t('moderation.approved', { title: listing.title }));
    } catch (err) {
      setBusy(false);
      await failed(err, () => setApproving(false));
    }
  }

  return (
    <section className="moderation-panel" aria-labelledby="moderation-title">
      <h2 id="moderation-title" className="h3">
        {t('moderation.title')}
      </h2>
      <p>
        {listing.submittedAt
          ? t('moderation.submittedAt', { date: formatDate(listing.submittedAt, i18n.language) })
          : t('moderation.intro')}
      </p>
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setError(null);
            setApproving(true);
          }}
        >
          {t('moderation.approve')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            setError(null);
            setRejecting(true);
          }}
        >
          {t('moderation.reject')}
        </button>
        <Link className="btn btn-link" to="/officer/listings">
          {t('moderation.backToQueue')}
        </Link>
      </div>
      <ConfirmDialog
        open={approving}
        title={t('moderation.approveTitle')}
        confirmLabel={t('moderation.approve')}
        busy={busy}
        error={error}
        onConfirm={() => void approve()}
        onClose={() => setApproving(false)}
      >
        <p>{t('moderation.approveText', { title: listing.title })}</p>
      </ConfirmDialog>
      <ListingRejectDialog
        listing={listing}
        open={rejecting}
        onClose={() => setRejecting(false)}
        onDone={(updated) => {
          setRejecting(false);
          onChanged(updated, t('moderation.rejected', { title: listing.title }));
        }}
        onStale={async () => {
          setRejecting(false);
          await onReload();
          onChanged(null, t('moderation.stale'), 'error');
        }}
      />
    </section>
  );
}

type RejectField = 'reason' | 'comment';

export function ListingRejectDialog({
  listing,
  open,
  onClose,
  onDone,
  onStale,
}: {
  listing: Listing;
  open: boolean;
  onClose: () => void;
  onDone: (l: Listing) => void;
  onStale: () => void | Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { taxonomy } = useTaxonomy();
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors<RejectField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function validate(r: string, c: string): FieldErrors<RejectField> {
    const errs: FieldErrors<RejectField> = {};
    if (!r) errs.reason = { code: 'required' };
    const cp = checkText(c, { min: COMMENT_MIN, max: COMMENT_MAX });
    if (cp) errs.comment = cp;
    return errs;
  }

  function close() {
    if (busy) return;
    setReason('');
    setComment('');
    setErrors({});
    setFormError(null);
    onClose();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs = validate(reason, comment);
    setErrors(errs);
    const focusFirst = (e: typeof errs) =>
      document.getElementById(e.reason ? 'listing-reject-reason' : 'listing-reject-comment')?.focus();
    if (!reportErrors(t, errs, setFormError, focusFirst)) return;
    setBusy(true);
    try {
      const updated = await endpoints.rejectListing(listing.id, reason, comment.trim(), listing.version);
      setBusy(false);
      setReason('');
      setComment('');
      onDone(updated);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        await onStale();
        return;
      }
      if (err instanceof ApiError) {
        const next: FieldErrors<RejectField> = {};
        for (const fe of err.errors) {
          if (fe.field === 'reason' || fe.field === 'comment') next[fe.field] = { code: fe.code, params: fe.params, message: fe.message };
        }
        setErrors(next);
      }
      setFormError(problemMessage(t, err));
    }
  }

  return (
    <FormDialog
      open={open}
      title={t('moderation.rejectTitle', { title: listing.title })}
      confirmLabel={t('moderation.rejectConfirm')}
      busy={busy}
      error={formError}
      onSubmit={onSubmit}
      onClose={close}
    >
      <SelectField
        id="listing-reject-reason"
        label={t('moderation.rejectReason')}
        required
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          if (errors.reason) setErrors((x) => ({ ...x, reason: validate(e.target.value, comment).reason }));
        }}
        error={fieldMessage(t, errors.reason)}
      >
        <option value="">{t('moderation.chooseReason')}</option>
        {(taxonomy?.rejectReasons ?? []).map((r) => (
          <option key={r.code} value={r.code}>
            {termLabel(r, i18n.language)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="listing-reject-comment"
        label={t('moderation.rejectComment')}
        hint={t('moderation.rejectCommentHint')}
        required
        rows={5}
        maxLength={COMMENT_MAX}
        value={comment}
        onChange={(e) => {
          setComment(e.target.value);
          if (errors.comment) setErrors((x) => ({ ...x, comment: validate(reason, e.target.value).comment }));
        }}
        error={fieldMessage(t, errors.comment)}
      />
    </FormDialog>
  );
}
