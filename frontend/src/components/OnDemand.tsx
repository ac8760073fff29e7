import { lazy, Suspense, useState, type ComponentType } from 'react';

/**
 * A dialog whose code is downloaded the first time it opens, not with the
 * page: most readers of a public page never open it. Once opened it stays
 * mounted, so closing it behaves as the dialog itself decides (focus back on
 * its button).
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, isOpen: (props: P) => boolean) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function OnDemand(props: P) {
    const [used, setUsed] = useState(false);
    if (!used && isOpen(props)) setUsed(true);
    return used ? (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    ) : null;
  };
}

export const InterestDialog = onDemand(
  () => import('./InterestDialog').then((m) => m.InterestDialog),
  (p) => p.target !== null,
);

export const ProposeMatchDialog = onDemand(
  () => import('./ProposeMatchDialog').then((m) => m.ProposeMatchDialog),
  (p) => p.open,
);
