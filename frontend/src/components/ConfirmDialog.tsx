// A yes/no question in a modal dialog, for actions that change a listing,
// and a small form in one.
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { FormAlert } from './Fields';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  dismissLabel,
  danger = false,
  busy = false,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** The button that closes the dialog: "Hủy" unless the action is itself a cancelling. */
  dismissLabel?: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={title} onClose={() => (busy ? undefined : onClose())}>
      <FormAlert message={error} />
      {children}
      <p className="actions dialog-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
          {dismissLabel ?? t('common.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'btn btn-danger' : 'btn btn-primary'}
          onClick={onConfirm}
          disabled={busy}
          autoFocus
        >
          {busy ? t('common.working') : confirmLabel}
        </button>
      </p>
    </Dialog>
  );
}

/** A small form in a modal dialog (e.g. a rejection with its reason): cancel, and a submit button that confirms. */
export function FormDialog({
  open,
  title,
  children,
  confirmLabel,
  dismissLabel,
  danger = true,
  busy = false,
  error,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The button that closes the dialog: "Hủy" unless the action is itself a cancelling. */
  dismissLabel?: string;
  /** The submit button warns (a rejection) unless the form adds something (an interest). */
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onSubmit: (e: FormEvent) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="form">
        <FormAlert message={error} />
        {children}
        <p className="actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
            {dismissLabel ?? t('common.cancel')}
          </button>
          <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>
            {busy ? t('common.working') : confirmLabel}
          </button>
        </p>
      </form>
    </Dialog>
  );
}
