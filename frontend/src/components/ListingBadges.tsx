import { useTranslation } from 'react-i18next';
import type { ListingKind, ListingState } from '../api/types';

export function KindBadge({ kind }: { kind: ListingKind }) {
  const { t } = useTranslation();
  return (
    <span className={`kind-badge kind-${kind}`} data-kind={kind}>
      {t(`listingKind.${kind}`)}
    </span>
  );
}

export function ListingStateBadge({ state }: { state: ListingState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${state}`} data-state={state}>
      {t(`listingState.${state}`)}
    </span>
  );
}
