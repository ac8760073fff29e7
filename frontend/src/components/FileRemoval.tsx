// Removing an attached document, asked first: one hook for every page that
// lets people take a file off a record (a transfer, an application).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../lib/messages';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * `ask(id, name)` opens the confirmation; on confirm `remove` runs (the
 * request and whatever follows it) and the dialog closes, or shows why it
 * failed. `dialog` is to be rendered by the caller.
 */
export function useFileRemoval(remove: (id: string, name: string) => Promise<void>, text: ReactNode) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (!removing) return;
    setBusy(true);
    setError(null);
    try {
      await remove(removing.id, removing.name);
      setRemoving(null);
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  const dialog = (
    <ConfirmDialog
      open={removing !== null}
      title={removing ? t('files.removeTitle', { name: removing.name }) : ''}
      confirmLabel={t('files.remove')}
      danger
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onClose={() => setRemoving(null)}
    >
      <p>{text}</p>
    </ConfirmDialog>
  );
  return {
    ask: (id: string, name: string) => {
      setError(null);
      setRemoving({ id, name });
    },
    dialog,
  };
}
