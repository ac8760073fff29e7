// The optional scan of an organisation's business registration certificate
// or establishment decision: its owners upload, replace or remove it before
// verification; officers and members download it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { OrganizationDetail } from '../api/types';
import { problemMessage } from '../lib/messages';
import { useFileRemoval } from './FileRemoval';
import { DocumentItem } from './ListingFiles';

export function OrgCertificate({
  org,
  onChanged,
  onRemoved,
}: {
  org: OrganizationDetail;
  /** The organisation as the upload left it. */
  onChanged: (updated: OrganizationDetail) => void;
  /** After a removal: the caller reads the organisation again. */
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const cert = org.evidence?.certificate;
  const canEdit = !!org.can?.edit;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const removal = useFileRemoval(async () => {
    await endpoints.deleteOrgCertificate(org.id, org.version);
    onRemoved();
  }, t('orgCertificate.removeText'));

  async function upload(file: File) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await endpoints.uploadOrgCertificate(org.id, file, org.version));
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="field org-certificate" data-testid="org-certificate">
      <span className="strong">{t('orgCertificate.label')}</span>
      {cert ? (
        <ul className="doc-list">
          <DocumentItem
            id={cert.id}
            index={0}
            authed
            known={{ name: cert.name, size: cert.size }}
            onRemove={canEdit ? removal.ask : undefined}
          />
        </ul>
      ) : (
        <span className="muted small">{t('orgCertificate.none')}</span>
      )}
      {canEdit && (
        <>
          <label className="btn btn-secondary btn-small file-button">
            {busy ? t('orgCertificate.uploading') : cert ? t('orgCertificate.replace') : t('orgCertificate.upload')}
            <input
              type="file"
              className="visually-hidden"
              accept="application/pdf,image/jpeg,image/png,image/webp"
              disabled={busy}
              data-testid="org-certificate-input"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void upload(f);
                e.target.value = '';
              }}
            />
          </label>
          <span className="hint small">{t('orgCertificate.hint')}</span>
        </>
      )}
      {error && (
        <p className="field-error small" role="alert">
          {error}
        </p>
      )}
      {removal.dialog}
    </div>
  );
}
