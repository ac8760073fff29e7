// The two alerts of an owner's or officer's panel before publishing: the
// record changed meanwhile (reload), and what the server says is missing
// (with a link that opens the form with those errors on their fields).
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../api/client';
import { fieldMessage } from '../lib/messages';

export function StaleAlert({ text, onReload }: { text: string; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>{text}</p>
      <button type="button" className="btn btn-secondary btn-small" onClick={onReload}>
        {t('ownerPanel.reload')}
      </button>
    </div>
  );
}

export function MissingFieldsAlert({
  intro,
  errors,
  label,
  editPath,
  completeText,
  className = '',
}: {
  intro: ReactNode;
  errors: FieldError[];
  label: (field: string) => string;
  editPath: string;
  completeText: string;
  className?: string;
}) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <div className={`alert alert-error ${className}`.trim()} role="alert">
      <p>{intro}</p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <span className="strong">{label(e.field)}:</span> {fieldMessage(t, e)}
          </li>
        ))}
      </ul>
      <Link className="btn btn-secondary btn-small" to={editPath} state={{ serverErrors: errors }}>
        {completeText}
      </Link>
    </div>
  );
}
