// What the organisation's public page says of it, on the organisation's own
// page: everyone there reads it; whom the server allows (can.describe: its
// owners, in any status) writes it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { endpoints } from '../../api';
import { limits } from '../../api/limits.gen';
import type { OrganizationDetail } from '../../api/types';
import { FormAlert, TextAreaField } from '../../components/Fields';
import { useForm } from '../../lib/useForm';

export const DESCRIPTION_MAX = limits['OrganizationDescription.description'].maxLength;

type Field = 'description';

export function OrgDescription({
  org,
  onSaved,
  onStale,
}: {
  org: OrganizationDetail;
  onSaved: (o: OrganizationDetail) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const mayWrite = org.can?.describe ?? false;
  const [editing, setEditing] = useState(false);
  const form = useForm<Field>({
    initial: { description: org.description ?? '' },
    prefix: 'org-description',
    order: ['description'],
    validate: (v) => (v.description.trim().length > DESCRIPTION_MAX ? { description: { code: 'too_long', params: { max: DESCRIPTION_MAX } } } : {}),
  });
  const onSubmit = form.submit(async (v) => {
    try {
      const updated = await endpoints.setOrganizationDescription(org.id, v.description, org.version);
      setEditing(false);
      onSaved(updated);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) onStale();
      throw err;
    }
  });
  if (!org.description && !mayWrite) return null;
  return (
    <section className="section org-description" aria-labelledby="org-description-title">
      <h2 id="org-description-title">{t('publicOrg.descriptionTitle')}</h2>
      {editing ? (
        <form onSubmit={onSubmit} noValidate>
          <FormAlert message={form.formError} />
          <TextAreaField
            {...form.bind('description')}
            label={t('publicOrg.descriptionLabel')}
            hint={t('publicOrg.descriptionHint', { max: DESCRIPTION_MAX })}
            rows={6}
            maxLength={DESCRIPTION_MAX}
          />
          <p className="actions">
            <button type="submit" className="btn btn-primary" disabled={form.busy}>
              {t('common.save')}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                form.reset({ description: org.description ?? '' });
                setEditing(false);
              }}
            >
              {t('common.cancel')}
            </button>
          </p>
        </form>
      ) : (
        <>
          {org.description ? <p className="org-description-text">{org.description}</p> : <p className="muted">{t('publicOrg.descriptionEmpty')}</p>}
          {mayWrite && (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                form.reset({ description: org.description ?? '' });
                setEditing(true);
              }}
            >
              {t('publicOrg.descriptionEdit')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
