// "Hủy sự kiện": an officer calls an event off with a reason, which those
// registered are told. Shown when the server's `can.cancel` says so.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsApi, type Event } from '../../api/events';
import { limits } from '../../api/limits.gen';
import { FormDialog } from '../../components/ConfirmDialog';
import { TextAreaField } from '../../components/Fields';
import { useForm } from '../../lib/useForm';
import { checkText } from '../../lib/validation';
import { eventName } from './eventText';

const REASON = limits['EventCancelInput.reason'];

export function CancelEvent({ event: e, onCancelled }: { event: Event; onCancelled: (e: Event) => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const form = useForm<'reason'>({
    prefix: 'event-cancel',
    initial: { reason: '' },
    order: ['reason'],
    validate: (v) => ({ reason: checkText(v.reason, { min: REASON.minLength, max: REASON.maxLength }) }),
  });

  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
        {t('events.cancel')}
      </button>
      <FormDialog
        open={open}
        title={t('events.cancelTitle', { name: eventName(e, i18n.language) })}
        confirmLabel={t('events.cancelConfirm')}
        dismissLabel={t('common.back')}
        busy={form.busy}
        error={form.formError}
        onSubmit={form.submit(async (v) => {
          const done = await eventsApi.cancel(e.id, v.reason.trim(), e.version);
          setOpen(false);
          onCancelled(done);
        })}
        onClose={() => setOpen(false)}
      >
        <p>{t('events.cancelHint')}</p>
        <TextAreaField {...form.bind('reason')} label={t('events.cancelReason')} required rows={3} maxLength={REASON.maxLength} />
      </FormDialog>
    </>
  );
}
