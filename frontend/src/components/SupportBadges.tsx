import { useTranslation } from 'react-i18next';
import type { ApplicationState } from '../api/types';

/** An application's state ("Đang thẩm định"), coloured by how it stands. */
export function ApplicationStateBadge({ state }: { state: ApplicationState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-app-${state}`} data-state={state}>
      {t(`appState.${state}`)}
    </span>
  );
}
