// "Bày tỏ quan tâm" (express interest) in a published listing of another
// organisation: what the organisation looks for and what it brings. The
// answer is a connection in state "requested"; its page opens.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { BRINGS_MAX, interestOrgs, SEEKS_MAX, SEEKS_MIN } from '../lib/matching';
import { useForm } from '../lib/useForm';
import { checkText, type FieldErrors } from '../lib/validation';
import { FormDialog } from './ConfirmDialog';
import { SelectField, TextAreaField } from './Fields';

export interface InterestTarget {
  id: string;
  title: string;
  /** The listing's organisation (the user's own cannot express interest). */
  orgId: string;
}

type Field = 'orgId' | 'seeks' | 'brings';
const ORDER: readonly Field[] = ['orgId', 'seeks', 'brings'];

export function validateInterest(v: Record<Field, string>, chooseOrg: boolean): FieldErrors<Field> {
  const errs: FieldErrors<Field> = {};
  if (chooseOrg && !v.orgId) errs.orgId = { code: 'required' };
  const seeks = checkText(v.seeks, { min: SEEKS_MIN, max: SEEKS_MAX });
  if (seeks) errs.seeks = seeks;
  if (v.brings.trim().length > BRINGS_MAX) errs.brings = { code: 'too_long', params: { max: BRINGS_MAX } };
  return errs;
}

export function InterestDialog({ target, onClose }: { target: InterestTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useAuth();
  const orgs = target ? interestOrgs(me, target.orgId) : [];
  const chooseOrg = orgs.length > 1;
  // 409 interest_exists: the dialog links to the open connection.
  const [exists, setExists] = useState(false);
  const form = useForm<Field>({
    initial: { orgId: '', seeks: '', brings: '' },
    prefix: 'interest',
    order: ORDER,
    validate: (v) => validateInterest(v, chooseOrg),
    problem: (err) => {
      setExists(err instanceof ApiError && err.code === 'interest_exists');
      return undefined;
    },
  });

  function close() {
    if (form.busy) return;
    form.reset();
    setExists(false);
    onClose();
  }

  const onSubmit = form.submit(async (v) => {
    if (!target) return;
    const orgId = chooseOrg ? v.orgId : orgs[0]?.id;
    const c = await endpoints.expressInterest(target.id, { orgId, seeks: v.seeks.trim(), brings: v.brings.trim() });
    form.reset();
    navigate(`/connections/${encodeURIComponent(c.id)}`, { state: { notice: t('interest.sent', { title: target.title }) } });
  });

  return (
    <FormDialog
      open={target !== null}
      title={t('interest.title')}
      confirmLabel={t('interest.submit')}
      danger={false}
      busy={form.busy}
      error={form.formError}
      onSubmit={onSubmit}
      onClose={close}
    >
      {target && <p className="muted break">{t('interest.about', { title: target.title })}</p>}
      {exists && target && (
        <p>
          <Link to={`/connections?listingId=${encodeURIComponent(target.id)}`}>{t('interest.seeExisting')}</Link>
        </p>
      )}
      {chooseOrg && (
        <SelectField {...form.bind('orgId')} label={t('interest.org')} required>
          <option value="">{t('interest.chooseOrg')}</option>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      )}
      {!chooseOrg && orgs[0] && <p className="small">{t('interest.asOrg', { name: orgs[0].name })}</p>}
      <TextAreaField
        {...form.bind('seeks')}
        label={t('interest.seeks')}
        hint={t('interest.seeksHint', { min: SEEKS_MIN, max: SEEKS_MAX })}
        required
        rows={5}
        maxLength={SEEKS_MAX}
      />
      <TextAreaField
        {...form.bind('brings')}
        label={t('interest.brings')}
        hint={t('interest.bringsHint')}
        rows={4}
        maxLength={BRINGS_MAX}
      />
    </FormDialog>
  );
}
