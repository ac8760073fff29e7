// "Hủy sự kiện": an officer calls an event off with a reason, which those
// registered are told. Shown when the server's `can.cancel` says so.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsApi, type Event } from '../../api/events';
import { limits } from '../../api/limits.gen';
import { FormDialog } from '../../components/ConfirmDialog';
import { TextAreaField } from '../../components/Fields';
import { problemMessage } from '../../lib/messages';
import { eventName } from './eventText';

export function CancelEvent({ event: e, onCancelled }: { event: Event; onCancelled: (e: Event) => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const done = await eventsApi.cancel(e.id, reason, e.version);
      setOpen(false);
      onCancelled(done);
    } catch (x) {
      setError(problemMessage(t, x));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
        {t('events.cancel')}
      </button>
      <FormDialog
        open={open}
        title={t('events.cancelTitle', { name: eventName(e, i18n.language) })}
        confirmLabel={t('events.cancelConfirm')}
        busy={busy}
        error={error}
        onSubmit={submit}
        onClose={() => setOpen(false)}
      >
        <p>{t('events.cancelHint')}</p>
        <TextAreaField
          id="cancel-reason"
          label={t('events.cancelReason')}
          required
          rows={3}
          maxLength={limits['EventCancelInput.reason'].maxLength}
          value={reason}
          onChange={(x) => setReason(x.target.value)}
        />
      </FormDialog>
    </>
  );
}
