// Officers pair a need with an offer by hand (POST /matches): the counterpart
// is chosen by title; both owners are told.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { isOffer, type Listing, type SearchHit } from '../api/types';
import { NOTE_MAX } from '../lib/matching';
import { useForm } from '../lib/useForm';
import type { FieldErrors } from '../lib/validation';
import { FormDialog } from './ConfirmDialog';
import { TextAreaField } from './Fields';
import { ListingPicker } from './ListingPicker';

type Field = 'counterpart' | 'note';
const OFFER_KINDS = ['technology', 'equipment', 'ip'] as const;

export function ProposeMatchDialog({
  listing,
  open,
  onClose,
  onDone,
}: {
  listing: Listing;
  open: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const offer = isOffer(listing.kind);
  const [picked, setPicked] = useState<SearchHit[]>([]);
  const form = useForm<Field>({
    initial: { counterpart: '', note: '' },
    prefix: 'propose',
    order: ['counterpart', 'note'],
    validate: (v) => {
      const errs: FieldErrors<Field> = {};
      if (!v.counterpart) errs.counterpart = { code: 'required' };
      if (v.note.trim().length > NOTE_MAX) errs.note = { code: 'too_long', params: { max: NOTE_MAX } };
      return errs;
    },
    // The counterpart is the need or the offer, whichever this listing is not.
    serverFields: offer ? { needId: 'counterpart', note: 'note' } : { offerId: 'counterpart', note: 'note' },
  });

  function close() {
    if (form.busy) return;
    form.reset();
    setPicked([]);
    onClose();
  }

  const onSubmit = form.submit(async (v) => {
    const other = v.counterpart;
    await endpoints.proposeMatch(offer ? other : listing.id, offer ? listing.id : other, v.note.trim());
    const title = picked[0]?.title ?? '';
    form.reset();
    setPicked([]);
    onDone(t('propose.done', { title }));
  });

  return (
    <FormDialog
      open={open}
      title={t('propose.title')}
      confirmLabel={t('propose.submit')}
      danger={false}
      busy={form.busy}
      error={form.formError}
      onSubmit={onSubmit}
      onClose={close}
    >
      <p className="muted">{offer ? t('propose.introOffer') : t('propose.introNeed')}</p>
      <ListingPicker
        id={form.id('counterpart')}
        label={offer ? t('propose.need') : t('propose.offer')}
        hint={t('picker.hint')}
        required
        kinds={offer ? ['demand'] : OFFER_KINDS}
        selected={picked}
        error={form.bind('counterpart').error}
        onChange={(hits) => {
          setPicked(hits);
          form.update('counterpart', hits[0]?.id ?? '');
        }}
      />
      <TextAreaField {...form.bind('note')} label={t('propose.note')} hint={t('propose.noteHint')} rows={4} maxLength={NOTE_MAX} />
    </FormDialog>
  );
}
